package io.databourse.matcher;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.IdWords;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The matcher's hand-tuned event writers ({@link OrderEventWriter}, {@link TradeEventWriter}) write
 * the very bytes the generated encoders' setters write, over a buffer full of junk (so that a byte
 * a writer leaves out shows), and refuse an event that does not fit without writing anything.
 */
class EventWritersTest
{
    private static final String[] IDS = {"", "a", "ORDER-1.7", "123456789012345678901234", "x.y.z-0001"};

    @Test
    void anOrderEventIsTheGeneratedEncodersBytes()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final int[] types = {MessageType.ORDER_ACCEPTED, MessageType.ORDER_CANCELLED, MessageType.ORDER_EXPIRED,
            MessageType.ORDER_REPLACED};
        for (int n = 0; n < 2_000; n++)
        {
            final int type = types[random.nextInt(types.length)];
            final int session = random.nextInt();
            final long orderId = random.nextLong();
            final int participant = random.nextInt();
            final int product = random.nextInt();
            final String clOrdId = IDS[random.nextInt(IDS.length)];
            final String origClOrdId = IDS[random.nextInt(IDS.length)];
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

            final byte[] expected = new byte[at + OrderEventEncoder.BLOCK_LENGTH + 8];
            Codecs.encode(new OrderEventEncoder(), new UnsafeBuffer(expected), at, session, type)
                .orderId(orderId).participant(participant).product(product).clOrdId(clOrdId).origClOrdId(origClOrdId)
                .side(side).ordType(ordType).tif(tif).postOnly(Codecs.bool(postOnly)).stp(stp).reason(reason)
                .priorityKept(Codecs.bool(priorityKept)).purpose(purpose).priceFen(price).orderQty(orderQty)
                .leavesQty(leaves).cumQty(cum).cumNotionalFen(notional).reservedFen(reserved);

            final byte[] written = junkAround(at, OrderEventEncoder.BLOCK_LENGTH, expected.length);
            final UnsafeBuffer words = new UnsafeBuffer(expected);
            final int cl = at + OrderEventEncoder.clOrdIdEncodingOffset();
            final int orig = at + OrderEventEncoder.origClOrdIdEncodingOffset();
            final int length = OrderEventWriter.encode(new UnsafeBuffer(written), at, session, type, orderId,
                participant, product, IdWords.word(words, cl), IdWords.word(words, cl + 8), IdWords.word(words, cl + 16),
                IdWords.word(words, orig), IdWords.word(words, orig + 8), IdWords.word(words, orig + 16),
                OrderEventWriter.flagsWord(side, ordType, tif, postOnly, stp, reason, priorityKept, purpose), price,
                orderQty, leaves, cum, notional, reserved);
            assertArrayEquals(expected, written);
            assertEquals(OrderEventEncoder.BLOCK_LENGTH, length);
            final OrderEventDecoder e = Codecs.wrap(new OrderEventDecoder(), new UnsafeBuffer(written), at);
            assertEquals(type, e.header().type());
            assertEquals(clOrdId, e.clOrdId());
            assertEquals(purpose, e.purpose());
        }
    }

    @Test
    void aTradeEventIsTheGeneratedEncodersBytes()
    {
        final SplittableRandom random = new SplittableRandom(7);
        final TradeEventWriter writer = new TradeEventWriter();
        for (int n = 0; n < 2_000; n++)
        {
            final long[] v = random.longs(20).toArray();
            final int[] i = random.ints(5).toArray();
            final byte aggressor = (byte)random.nextInt(3);
            final String buyClOrdId = IDS[random.nextInt(IDS.length)];
            final String sellClOrdId = IDS[random.nextInt(IDS.length)];
            final boolean crossBorder = random.nextBoolean();
            final int year = 1 + random.nextInt(0xFFFE); // uint16: high years have the sign bit of a short set
            final int at = 8 * random.nextInt(4);

            final byte[] expected = new byte[at + TradeEventEncoder.BLOCK_LENGTH + 8];
            final TradeEventEncoder generated = Codecs.encode(new TradeEventEncoder(), new UnsafeBuffer(expected), at, i[0])
                .tradeId(v[0]).product(i[1]).aggressorSide(aggressor).priceFen(v[1]).qty(v[2]).buyOrderId(v[3])
                .sellOrderId(v[4]).buyer(i[2]).seller(i[3]).buyClOrdId(buyClOrdId).sellClOrdId(sellClOrdId)
                .buyLeavesQty(v[5]).sellLeavesQty(v[6]).buyCumQty(v[7]).sellCumQty(v[8]).buyCumNotionalFen(v[9])
                .sellCumNotionalFen(v[10]).buyOrderQty(v[11]).sellOrderQty(v[12]).buySessionId(i[4])
                .sellSessionId(i[0] ^ i[1]).buyFeeFen(v[13]).sellFeeFen(v[14]).buyReservedFen(v[16]);
            if (crossBorder)
            {
                generated.crossBorderRecords(v[15]).crossBorderYear(year);
            }

            final byte[] written = junkAround(at, TradeEventEncoder.BLOCK_LENGTH, expected.length);
            final UnsafeBuffer buffer = new UnsafeBuffer(written);
            final TradeEventWriter t = writer.wrap(buffer, at, i[0]);
            t.tradeId(v[0]).product(i[1]).aggressorSide(aggressor).priceFen(v[1]).qty(v[2]).buyOrderId(v[3])
                .sellOrderId(v[4]).buyer(i[2]).seller(i[3])
                .buyLeavesQty(v[5]).sellLeavesQty(v[6]).buyCumQty(v[7]).sellCumQty(v[8]).buyCumNotionalFen(v[9])
                .sellCumNotionalFen(v[10]).buyOrderQty(v[11]).sellOrderQty(v[12]).buySessionId(i[4])
                .sellSessionId(i[0] ^ i[1]).buyFeeFen(v[13]).sellFeeFen(v[14]).buyReservedFen(v[16]);
            if (crossBorder)
            {
                t.crossBorderRecords(v[15]).crossBorderYear(year);
            }
            buffer.putStringWithoutLengthAscii(t.buyClOrdIdOffset(), buyClOrdId); // as the matcher copies the orders' ids
            buffer.putStringWithoutLengthAscii(t.sellClOrdIdOffset(), sellClOrdId);
            assertArrayEquals(expected, written);
            final TradeEventDecoder d = Codecs.wrap(new TradeEventDecoder(), buffer, at);
            assertEquals(MessageType.TRADE, d.header().type());
            assertEquals(TradeEventEncoder.BLOCK_LENGTH, d.header().length());
            assertEquals(sellClOrdId, d.sellClOrdId());
        }
    }

    @Test
    void anEventThatDoesNotFitIsRefusedAndNothingWritten()
    {
        final byte[] bytes = new byte[TradeEventEncoder.BLOCK_LENGTH + 7];
        Arrays.fill(bytes, (byte)0x5A);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertThrows(IndexOutOfBoundsException.class, () -> OrderEventWriter.encode(buffer,
            bytes.length - OrderEventEncoder.BLOCK_LENGTH + 1, 1, MessageType.ORDER_ACCEPTED,
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16));
        assertThrows(IndexOutOfBoundsException.class, () -> new TradeEventWriter().wrap(buffer, 8, 1));
        for (final byte b : bytes)
        {
            assertEquals(0x5A, b);
        }
    }

    /** Zero bytes but for the event's own, which are junk. */
    private static byte[] junkAround(final int at, final int length, final int capacity)
    {
        final byte[] bytes = new byte[capacity];
        Arrays.fill(bytes, at, at + length, (byte)0xA5);
        return bytes;
    }
}
