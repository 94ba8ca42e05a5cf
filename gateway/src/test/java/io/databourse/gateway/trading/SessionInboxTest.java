package io.databourse.gateway.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The event thread's records reach the session's thread whole and in order; a session that falls behind is told. */
class SessionInboxTest
{
    private final List<String> read = new ArrayList<>();
    private final GatewayCounters counters = new GatewayCounters();
    private final RecordingSession session = new RecordingSession(new SessionConfig().sessionId(11).participant("alice"));

    private SessionInbox inbox(final int capacity)
    {
        return new SessionInbox(capacity, counters, (type, buffer, index, length) ->
        {
            if (type == SessionInbox.ORDER_QUERY_ANSWERED)
            {
                read.add("answered " + buffer.getLong(index));
            }
            else if (type == SessionInbox.BOOK_LEVEL)
            {
                read.add("level " + buffer.getInt(index) + " " + buffer.getByte(index + 4) + " " + buffer.getLong(index + 8) +
                    " " + buffer.getLong(index + 16));
            }
            else
            {
                read.add("event " + type + " seq " + buffer.getLong(index + SessionInbox.SEQ_OFFSET) + "-" +
                    buffer.getInt(index + SessionInbox.EVENT_INDEX_OFFSET) + " " +
                    buffer.getStringWithoutLengthAscii(index + SessionInbox.EVENT_HEADER, length - SessionInbox.EVENT_HEADER));
            }
        });
    }

    @Test
    void recordsQueuedWhileLoggedOffArriveInOrderAtTheNextLogon()
    {
        final SessionInbox inbox = inbox(4096);
        final UnsafeBuffer event = new UnsafeBuffer("fill".getBytes());
        inbox.event(MessageType.TRADE, event, 0, 4, 7, 1, 100);
        inbox.level(SessionInbox.BOOK_LEVEL, 3, (byte)1, 1250, 9);
        inbox.queryAnswered(5);
        assertTrue(read.isEmpty(), "nothing is read before a session logs on");
        inbox.attach(session);
        assertEquals(List.of("event " + MessageType.TRADE + " seq 7-1 fill", "level 3 1 1250 9", "answered 5"), read);
        inbox.event(MessageType.ORDER_ACCEPTED, event, 0, 4, 8, 0, 100);
        assertEquals("event " + MessageType.ORDER_ACCEPTED + " seq 8-0 fill", read.get(3), "read at once while logged on");
        assertNull(session.loggedOut);
    }

    @Test
    void aSessionThatFallsBehindIsLoggedOutNotSilentlyShortOfReports()
    {
        final SessionInbox inbox = inbox(4096);
        final UnsafeBuffer event = new UnsafeBuffer(new byte[200]);
        for (int i = 0; i < 30; i++)
        {
            inbox.event(MessageType.TRADE, event, 0, 200, i, 0, 0);
        }
        inbox.attach(session);
        assertEquals("Gateway event queue overflow: reconnect and request order status", session.loggedOut);
        assertEquals(1, counters.eventQueueOverflows.get());
        assertTrue(read.size() < 30, "what fitted is read, in order: " + read.size());
    }
}
