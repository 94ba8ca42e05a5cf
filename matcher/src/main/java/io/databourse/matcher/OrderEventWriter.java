package io.databourse.matcher;

import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.RecordHeaderEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Encodes an order event ({@link OrderEventEncoder}'s layout, the generated offsets) in one pass
 * from values already read: the header and every byte of the fixed part are written, so nothing is
 * zeroed first, and the buffer's array and address are read once after one bounds check. The
 * matcher's hot path, where the generated setters would check bounds on every field; the same
 * bytes as {@link OrderEventEncoder}'s setters ({@code OrderEventWriterTest}).
 * <p>Ids come as the three native-order words of their 24-byte fields (as {@code IdWords.word}
 * reads them); an empty origClOrdId is three zero words.
 */
final class OrderEventWriter
{
    static final int BLOCK_LENGTH = OrderEventEncoder.BLOCK_LENGTH;
    private static final int HEADER = OrderEventEncoder.headerEncodingOffset();
    private static final int LENGTH = HEADER + RecordHeaderEncoder.lengthEncodingOffset();
    private static final int TYPE = HEADER + RecordHeaderEncoder.typeEncodingOffset();
    private static final int SESSION_ID = HEADER + RecordHeaderEncoder.sessionIdEncodingOffset();
    private static final int ORDER_ID = OrderEventEncoder.orderIdEncodingOffset();
    private static final int PARTICIPANT = OrderEventEncoder.participantEncodingOffset();
    private static final int PRODUCT = OrderEventEncoder.productEncodingOffset();
    private static final int CL_ORD_ID = OrderEventEncoder.clOrdIdEncodingOffset();
    private static final int ORIG_CL_ORD_ID = OrderEventEncoder.origClOrdIdEncodingOffset();
    /** The first of the eight one-byte fields (side .. purpose) written as one word. */
    private static final int FLAGS = OrderEventEncoder.sideEncodingOffset();
    private static final int PRICE_FEN = OrderEventEncoder.priceFenEncodingOffset();
    private static final int ORDER_QTY = OrderEventEncoder.orderQtyEncodingOffset();
    private static final int LEAVES_QTY = OrderEventEncoder.leavesQtyEncodingOffset();
    private static final int CUM_QTY = OrderEventEncoder.cumQtyEncodingOffset();
    private static final int CUM_NOTIONAL_FEN = OrderEventEncoder.cumNotionalFenEncodingOffset();
    private static final int RESERVED_FEN = OrderEventEncoder.reservedFenEncodingOffset();

    private static final boolean NATIVE_IS_SCHEMA_ORDER = ByteOrder.nativeOrder() == OrderEventEncoder.BYTE_ORDER;

    static
    {
        // one pass writes every byte only if the fields tile the block: two 24-byte ids, eight flag
        // bytes in a row, then the six longs to the end
        final boolean tiled = HEADER == 0 && RecordHeaderEncoder.ENCODED_LENGTH == ORDER_ID &&
            PARTICIPANT == ORDER_ID + 8 && PRODUCT == PARTICIPANT + 4 && CL_ORD_ID == PRODUCT + 4 &&
            OrderEventEncoder.clOrdIdLength() == 24 && ORIG_CL_ORD_ID == CL_ORD_ID + 24 &&
            OrderEventEncoder.origClOrdIdLength() == 24 && FLAGS == ORIG_CL_ORD_ID + 24 &&
            OrderEventEncoder.ordTypeEncodingOffset() == FLAGS + 1 && OrderEventEncoder.tifEncodingOffset() == FLAGS + 2 &&
            OrderEventEncoder.postOnlyEncodingOffset() == FLAGS + 3 && OrderEventEncoder.stpEncodingOffset() == FLAGS + 4 &&
            OrderEventEncoder.reasonEncodingOffset() == FLAGS + 5 &&
            OrderEventEncoder.priorityKeptEncodingOffset() == FLAGS + 6 &&
            OrderEventEncoder.purposeEncodingOffset() == FLAGS + 7 && PRICE_FEN == FLAGS + 8 &&
            ORDER_QTY == PRICE_FEN + 8 && LEAVES_QTY == ORDER_QTY + 8 && CUM_QTY == LEAVES_QTY + 8 &&
            CUM_NOTIONAL_FEN == CUM_QTY + 8 && RESERVED_FEN == CUM_NOTIONAL_FEN + 8 && BLOCK_LENGTH == RESERVED_FEN + 8;
        if (!tiled)
        {
            throw new IllegalStateException("OrderEvent's layout changed: rewrite OrderEventWriter for it");
        }
    }

    private OrderEventWriter()
    {
    }

    /** The eight one-byte fields from side to purpose as one native-order word, as {@link #encode} stores it. */
    static long flagsWord(
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp,
        final byte reason, final boolean priorityKept, final byte purpose)
    {
        final long littleEndian = (side & 0xFFL) | (ordType & 0xFFL) << 8 | (tif & 0xFFL) << 16 |
            (postOnly ? 1L : 0L) << 24 | (stp & 0xFFL) << 32 | (reason & 0xFFL) << 40 | (priorityKept ? 1L : 0L) << 48 |
            (purpose & 0xFFL) << 56;
        return ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? littleEndian : Long.reverseBytes(littleEndian);
    }

    /**
     * Writes a whole order event of {@code type} at {@code offset}; returns its length.
     *
     * @throws IndexOutOfBoundsException when the buffer does not hold the event at {@code offset}
     */
    static int encode(
        final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type,
        final long orderId, final int participant, final int product,
        final long clOrdId0, final long clOrdId1, final long clOrdId2,
        final long origClOrdId0, final long origClOrdId1, final long origClOrdId2,
        final long flagsWord, final long priceFen, final long orderQty, final long leavesQty, final long cumQty,
        final long cumNotionalFen, final long reservedFen)
    {
        buffer.boundsCheck(offset, BLOCK_LENGTH);
        final byte[] a = buffer.byteArray();
        final long at = buffer.addressOffset() + offset;
        UnsafeApi.putShort(a, at + LENGTH, ordered((short)BLOCK_LENGTH));
        UnsafeApi.putShort(a, at + TYPE, ordered((short)type));
        UnsafeApi.putInt(a, at + SESSION_ID, ordered(sessionId));
        UnsafeApi.putLong(a, at + ORDER_ID, ordered(orderId));
        UnsafeApi.putInt(a, at + PARTICIPANT, ordered(participant));
        UnsafeApi.putInt(a, at + PRODUCT, ordered(product));
        // ids and flags are byte strings: their words land as they were read
        UnsafeApi.putLong(a, at + CL_ORD_ID, clOrdId0);
        UnsafeApi.putLong(a, at + CL_ORD_ID + 8, clOrdId1);
        UnsafeApi.putLong(a, at + CL_ORD_ID + 16, clOrdId2);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID, origClOrdId0);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID + 8, origClOrdId1);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID + 16, origClOrdId2);
        UnsafeApi.putLong(a, at + FLAGS, flagsWord);
        UnsafeApi.putLong(a, at + PRICE_FEN, ordered(priceFen));
        UnsafeApi.putLong(a, at + ORDER_QTY, ordered(orderQty));
        UnsafeApi.putLong(a, at + LEAVES_QTY, ordered(leavesQty));
        UnsafeApi.putLong(a, at + CUM_QTY, ordered(cumQty));
        UnsafeApi.putLong(a, at + CUM_NOTIONAL_FEN, ordered(cumNotionalFen));
        UnsafeApi.putLong(a, at + RESERVED_FEN, ordered(reservedFen));
        return BLOCK_LENGTH;
    }

    private static short ordered(final short value)
    {
        return NATIVE_IS_SCHEMA_ORDER ? value : Short.reverseBytes(value);
    }

    private static int ordered(final int value)
    {
        return NATIVE_IS_SCHEMA_ORDER ? value : Integer.reverseBytes(value);
    }

    private static long ordered(final long value)
    {
        return NATIVE_IS_SCHEMA_ORDER ? value : Long.reverseBytes(value);
    }
}
