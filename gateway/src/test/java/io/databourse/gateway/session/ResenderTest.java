package io.databourse.gateway.session;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.databourse.gateway.GatewayCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers to a ResendRequest, on the bytes: each stored application message again as a PossDup copy
 * under its own number with its first SendingTime as OrigSendingTime, each run of admin or forgotten
 * numbers as one gap fill, and no number consumed.
 */
class ResenderTest
{
    private static final long SENT_MS = 1_780_000_000_000L;

    @TempDir
    Path tempDir;

    private long nowMs = SENT_MS;
    private final CapturingConnection connection = new CapturingConnection();
    private SessionStore store;
    private SessionSender sender;

    private void open(final int resendWindow)
    {
        store = SessionStore.open(tempDir.toFile(), "ISLD", "TW", resendWindow);
        final SessionConfig config = new SessionConfig().sessionId(1).senderCompId("ISLD").targetCompId("TW")
            .profile("certification").conclude();
        sender = new SessionSender(connection, () -> nowMs, new GatewayCounters(), 4096, 256, nowMs);
        sender.bind(new FixSession(config, store, null));
    }

    @AfterEach
    void close()
    {
        store.close();
    }

    private void sendOrder(final String clOrdId)
    {
        sender.begin("D").string(11, clOrdId);
        sender.commitApplication();
    }

    private List<String> resend(final long begin, final long end)
    {
        connection.written.clear();
        nowMs = SENT_MS + 60_000;
        Resender.answer(store, sender, begin, end);
        return connection.written;
    }

    private static void assertGapFill(final String message, final int seq, final int newSeq)
    {
        assertEquals("4", field(message, 35), message);
        assertEquals(String.valueOf(seq), field(message, 34), message);
        assertEquals(String.valueOf(newSeq), field(message, 36), message);
        assertEquals("Y", field(message, 123), message);
        assertEquals("Y", field(message, 43), message);
    }

    private static void assertCopy(final String message, final int seq, final String clOrdId)
    {
        assertEquals("D", field(message, 35), message);
        assertEquals(String.valueOf(seq), field(message, 34), message);
        assertEquals("Y", field(message, 43), message);
        assertEquals(clOrdId, field(message, 11), message);
        assertEquals(CapturingConnection.timestamp(SENT_MS), field(message, 122), message);
        assertEquals(CapturingConnection.timestamp(SENT_MS + 60_000), field(message, 52), message);
    }

    @Test
    void applicationMessagesAreCopiedAndAdminRunsGapFilled()
    {
        open(100);
        sender.logon(30, false);    // 1
        sendOrder("a");             // 2
        sendOrder("b");             // 3
        sender.heartbeat();         // 4
        sender.testRequest("T");    // 5
        sendOrder("c");             // 6
        sender.heartbeat();         // 7
        assertEquals(8, store.nextSenderSeqNum());

        final List<String> answer = resend(1, 0);
        assertEquals(6, answer.size(), String.join("\n", answer));
        assertGapFill(answer.get(0), 1, 2);
        assertCopy(answer.get(1), 2, "a");
        assertCopy(answer.get(2), 3, "b");
        assertGapFill(answer.get(3), 4, 6);
        assertCopy(answer.get(4), 6, "c");
        assertGapFill(answer.get(5), 7, 8);
        assertEquals(8, store.nextSenderSeqNum(), "resending consumes no number");
    }

    @Test
    void theRangeIsClampedToWhatWasSent()
    {
        open(100);
        sendOrder("a");             // 1
        sendOrder("b");             // 2
        sender.heartbeat();         // 3

        List<String> answer = resend(2, 2);
        assertEquals(1, answer.size());
        assertCopy(answer.get(0), 2, "b");

        answer = resend(2, 99);
        assertEquals(2, answer.size(), "an EndSeqNo past the last sent means through the last sent");
        assertCopy(answer.get(0), 2, "b");
        assertGapFill(answer.get(1), 3, 4);

        assertTrue(resend(4, 0).isEmpty(), "nothing sent from 4 on");
        assertTrue(resend(0, 0).isEmpty(), "BeginSeqNo 0 is no request");
    }

    @Test
    void numbersOlderThanTheWindowAreOneGapFill()
    {
        open(2);
        for (int i = 1; i <= 5; i++)
        {
            sendOrder("o" + i);
        }
        final List<String> answer = resend(1, 0);
        assertEquals(3, answer.size(), String.join("\n", answer));
        assertGapFill(answer.get(0), 1, 4);
        assertCopy(answer.get(1), 4, "o4");
        assertCopy(answer.get(2), 5, "o5");
    }
}
