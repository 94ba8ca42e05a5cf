package io.databourse.cluster.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.databourse.journal.schema.JournalRecord;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class RecentRecordsTest
{
    private static int record(final ExpandableArrayBuffer buffer, final long seq, final int commandLength)
    {
        final UnsafeBuffer command = new UnsafeBuffer(new byte[commandLength]);
        for (int i = 0; i < commandLength; i++)
        {
            command.putByte(i, (byte)(seq + i));
        }
        return JournalRecord.encode(buffer, 0, seq, seq * 10, command, 0, commandLength, command, 0, 0, 0);
    }

    private static void assertHeld(final RecentRecords recent, final long seq, final int commandLength)
    {
        final JournalRecord held = new JournalRecord().wrap(recent.buffer(), recent.offsetOf(seq));
        assertEquals(seq, held.seq());
        assertEquals(seq * 10, held.timeNs());
        assertEquals(JournalRecord.HEADER_LENGTH + commandLength, recent.lengthOf(seq));
        for (int i = 0; i < commandLength; i++)
        {
            assertEquals((byte)(seq + i), held.buffer().getByte(held.commandOffset() + i), "seq " + seq + " byte " + i);
        }
    }

    @Test
    void theNewestRecordsAreHeldWholeAcrossTheRingsWrap()
    {
        final RecentRecords recent = new RecentRecords(4096, 64);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        for (long seq = 1; seq <= 500; seq++)
        {
            final int commandLength = 40 + (int)(seq % 50);
            recent.add(buffer, 0, record(buffer, seq, commandLength));
            assertEquals(seq + 1, recent.nextSeq());
            for (long held = recent.firstSeq(); held <= seq; held++)
            {
                assertHeld(recent, held, 40 + (int)(held % 50));
            }
        }
        final long heldCount = recent.nextSeq() - recent.firstSeq();
        assertEquals(true, heldCount > 20 && heldCount <= 64, "held " + heldCount);
    }

    @Test
    void atMostRecordsMaxAreHeldAndASeqJumpForgetsTheOlderOnes()
    {
        final RecentRecords recent = new RecentRecords(1 << 16, 8);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        for (long seq = 1; seq <= 20; seq++)
        {
            recent.add(buffer, 0, record(buffer, seq, 8));
        }
        assertEquals(13, recent.firstSeq());
        assertEquals(21, recent.nextSeq());
        recent.add(buffer, 0, record(buffer, 40, 8));
        assertEquals(40, recent.firstSeq());
        assertHeld(recent, 40, 8);
    }

    @Test
    void aRecordLargerThanHalfTheRingIsNotHeld()
    {
        final RecentRecords recent = new RecentRecords(1024, 8);
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer();
        recent.add(buffer, 0, record(buffer, 1, 16));
        recent.add(buffer, 0, record(buffer, 2, 700));
        assertEquals(3, recent.firstSeq());
        assertEquals(3, recent.nextSeq());
        recent.add(buffer, 0, record(buffer, 3, 16));
        assertHeld(recent, 3, 16);
    }
}
