package io.databourse.matcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

class RecordChunkerTest
{
    private static final int COMMAND_LENGTH = 40;

    /** A record of {@code events} events of {@code eventLength} bytes each, event i's bytes all (byte)i. */
    private static int record(final ExpandableArrayBuffer dst, final int events, final int eventLength)
    {
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer();
        command.putShort(RecordHeader.LENGTH_OFFSET, (short)COMMAND_LENGTH);
        final ExpandableArrayBuffer body = new ExpandableArrayBuffer();
        for (int i = 0; i < events; i++)
        {
            final int at = i * eventLength;
            for (int b = 0; b < eventLength; b++)
            {
                body.putByte(at + b, (byte)i);
            }
            body.putShort(at + RecordHeader.LENGTH_OFFSET, (short)eventLength);
        }
        return JournalRecord.encode(dst, 0, 77, 123_456, command, 0, COMMAND_LENGTH, body, 0, events * eventLength, events);
    }

    @Test
    void chunksCarryTheRecordsEventsInOrderUnderTheLimitWithTheLastOneMarked()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        record(buffer, 100, 64);
        final int maxLength = 1_000;
        final List<byte[]> events = new ArrayList<>();
        final List<Boolean> lasts = new ArrayList<>();
        new RecordChunker().split(buffer, 0, maxLength, (chunk, offset, length, last) ->
        {
            assertTrue(length <= maxLength, "chunk of " + length + " bytes");
            final JournalRecord r = new JournalRecord().wrap(chunk, offset);
            assertEquals(77, r.seq());
            assertEquals(123_456, r.timeNs());
            assertEquals(COMMAND_LENGTH, r.commandLength());
            assertEquals(length, r.length());
            r.forEachEvent((type, b, at, len) ->
            {
                final byte[] bytes = new byte[len];
                b.getBytes(at, bytes);
                events.add(bytes);
            });
            lasts.add(last);
        });
        assertEquals(100, events.size());
        for (int i = 0; i < 100; i++)
        {
            assertEquals((byte)i, events.get(i)[RecordHeader.ENCODED_LENGTH], "event " + i + " in its place");
        }
        assertEquals(Boolean.TRUE, lasts.get(lasts.size() - 1));
        assertEquals(1, lasts.stream().filter(Boolean::booleanValue).count(), "only the final chunk is marked last");
        assertTrue(lasts.size() >= 100 * 64 / (maxLength - JournalRecord.HEADER_LENGTH - COMMAND_LENGTH));
    }

    @Test
    void anEventLargerThanAChunkGoesAloneRatherThanLooping()
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        record(buffer, 3, 600);
        final int[] chunks = {0};
        new RecordChunker().split(buffer, 0, 500, (chunk, offset, length, last) ->
        {
            assertEquals(1, new JournalRecord().wrap(chunk, offset).eventCount());
            chunks[0]++;
        });
        assertEquals(3, chunks[0]);
    }
}
