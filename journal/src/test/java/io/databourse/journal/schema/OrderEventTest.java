package io.databourse.journal.schema;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The grouped setters of an order event write the very bytes the field-by-field ones do. */
class OrderEventTest
{
    @Test
    void orderFlagsWritesWhatTheSevenByteSettersWrite()
    {
        for (int n = 0; n < 512; n++)
        {
            final byte side = (byte)(n & 1);
            final byte ordType = (byte)((n >> 1) & 1);
            final byte tif = (byte)((n >> 2) & 3);
            final boolean postOnly = ((n >> 4) & 1) != 0;
            final byte stp = (byte)((n >> 5) & 3);
            final byte reason = (byte)(n * 37);
            final boolean priorityKept = ((n >> 7) & 1) != 0;

            final byte[] oneByOne = new byte[OrderEvent.BLOCK_LENGTH];
            new OrderEvent().wrapForEncode(new UnsafeBuffer(oneByOne), 0, 3, MessageType.ORDER_REPLACED)
                .side(side).ordType(ordType).tif(tif).postOnly(postOnly).stp(stp).reason(reason).priorityKept(priorityKept);
            final byte[] grouped = new byte[OrderEvent.BLOCK_LENGTH];
            final OrderEvent e = new OrderEvent().wrapForEncode(new UnsafeBuffer(grouped), 0, 3, MessageType.ORDER_REPLACED)
                .orderFlags(side, ordType, tif, postOnly, stp, reason, priorityKept);
            assertArrayEquals(oneByOne, grouped);
            assertEquals(side, e.side());
            assertEquals(reason, e.reason());
            assertEquals(priorityKept, e.priorityKept());
        }
    }

    @Test
    void origClOrdIdWordsCopiesAnIdFieldByteForByte()
    {
        final UnsafeBuffer source = new UnsafeBuffer(new byte[Flyweight.CLORDID_LENGTH]);
        source.putStringWithoutLengthAscii(0, "ORIG-0123456789abcdef");
        final byte[] bytes = new byte[OrderEvent.BLOCK_LENGTH];
        final OrderEvent e = new OrderEvent().wrapForEncode(new UnsafeBuffer(bytes), 0, 3, MessageType.ORDER_REPLACED)
            .origClOrdIdWords(source.getLong(0), source.getLong(8), source.getLong(16));
        assertEquals("ORIG-0123456789abcdef", e.origClOrdId());
        final byte[] expected = new byte[OrderEvent.BLOCK_LENGTH];
        assertTrue(new OrderEvent().wrapForEncode(new UnsafeBuffer(expected), 0, 3, MessageType.ORDER_REPLACED)
            .origClOrdId("ORIG-0123456789abcdef"));
        assertArrayEquals(expected, bytes);
    }
}
