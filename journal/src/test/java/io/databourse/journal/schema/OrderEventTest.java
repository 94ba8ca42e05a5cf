package io.databourse.journal.schema;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grouped setters of an order event, and its one-pass encoder, write the very bytes the
 * field-by-field ones do.
 */
class OrderEventTest
{
    @Test
    void orderFlagsWritesWhatTheEightByteSettersWrite()
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
            final byte purpose = (byte)(n % 11);

            final byte[] oneByOne = new byte[OrderEvent.BLOCK_LENGTH];
            new OrderEvent().wrapForEncode(new UnsafeBuffer(oneByOne), 0, 3, MessageType.ORDER_REPLACED)
                .side(side).ordType(ordType).tif(tif).postOnly(postOnly).stp(stp).reason(reason).priorityKept(priorityKept)
                .purpose(purpose);
            final byte[] grouped = new byte[OrderEvent.BLOCK_LENGTH];
            final OrderEvent e = new OrderEvent().wrapForEncode(new UnsafeBuffer(grouped), 0, 3, MessageType.ORDER_REPLACED)
                .orderFlags(side, ordType, tif, postOnly, stp, reason, priorityKept, purpose);
            assertArrayEquals(oneByOne, grouped);
            assertEquals(purpose, e.purpose());
            assertEquals(side, e.side());
            assertEquals(reason, e.reason());
            assertEquals(priorityKept, e.priorityKept());
        }
    }

    @Test
    void origClOrdIdWordsCopiesAnIdFieldByteForByte()
    {
        final UnsafeBuffer source = new UnsafeBuffer(new byte[AsciiFields.CLORDID_LENGTH]);
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

    @Test
    void encodeWritesEveryByteTheWrapAndSettersWrite()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final String[] ids = {"", "a", "ORDER-1.7", "123456789012345678901234", "x.y.z-0001"};
        final int[] types = {MessageType.ORDER_ACCEPTED, MessageType.ORDER_CANCELLED, MessageType.ORDER_EXPIRED,
            MessageType.ORDER_REPLACED};
        for (int n = 0; n < 2_000; n++)
        {
            final int type = types[random.nextInt(types.length)];
            final int session = random.nextInt();
            final long orderId = random.nextLong();
            final int participant = random.nextInt();
            final int product = random.nextInt();
            final String clOrdId = ids[random.nextInt(ids.length)];
            final String origClOrdId = ids[random.nextInt(ids.length)];
            final byte side = (byte)random.nextInt(2);
            final byte ordType = (byte)random.nextInt(2);
            final byte tif = (byte)random.nextInt(4);
            final boolean postOnly = random.nextBoolean();
            final byte stp = (byte)random.nextInt(4);
            final byte reason = (byte)random.nextInt(256);
            final boolean priorityKept = random.nextBoolean();
            final byte purpose = (byte)random.nextInt(11);
            final long price = random.nextLong();
            final long orderQty = random.nextLong();
            final long leaves = random.nextLong();
            final long cum = random.nextLong();
            final long notional = random.nextLong();
            final long reserved = random.nextLong();
            final int at = 8 * random.nextInt(4);

            final byte[] expected = new byte[at + OrderEvent.BLOCK_LENGTH + 8];
            final OrderEvent bySetters = new OrderEvent().wrapForEncode(new UnsafeBuffer(expected), at, session, type)
                .orderId(orderId).participant(participant).product(product)
                .side(side).ordType(ordType).tif(tif).postOnly(postOnly).stp(stp).reason(reason).priorityKept(priorityKept)
                .purpose(purpose).priceFen(price).orderQty(orderQty).leavesQty(leaves).cumQty(cum).cumNotionalFen(notional)
                .reservedFen(reserved);
            assertTrue(bySetters.clOrdId(clOrdId));
            assertTrue(bySetters.origClOrdId(origClOrdId));

            // over a buffer full of junk: a byte the encoder does not write shows
            final byte[] encoded = new byte[expected.length];
            Arrays.fill(encoded, (byte)0xA5);
            Arrays.fill(encoded, 0, at, (byte)0);
            Arrays.fill(encoded, at + OrderEvent.BLOCK_LENGTH, encoded.length, (byte)0);
            final UnsafeBuffer words = new UnsafeBuffer(expected);
            final int cl = at + OrderEvent.CL_ORD_ID_OFFSET;
            final int orig = at + OrderEvent.ORIG_CL_ORD_ID_OFFSET;
            final OrderEvent e = new OrderEvent().encode(new UnsafeBuffer(encoded), at, session, type, orderId,
                participant, product, IdWords.word(words, cl), IdWords.word(words, cl + 8), IdWords.word(words, cl + 16),
                IdWords.word(words, orig), IdWords.word(words, orig + 8), IdWords.word(words, orig + 16),
                OrderEvent.flagsWord(side, ordType, tif, postOnly, stp, reason, priorityKept, purpose), price, orderQty, leaves,
                cum, notional, reserved);
            assertArrayEquals(expected, encoded);
            assertEquals(type, e.type());
            assertEquals(OrderEvent.BLOCK_LENGTH, e.length());
            assertEquals(clOrdId, e.clOrdId());
        }
    }
}
