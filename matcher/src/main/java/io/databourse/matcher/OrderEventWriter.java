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
 * bytes as {@link OrderEventEncoder}'s setters ({@code EventWritersTest}).
 * <p>{@link #encode} must stay under HotSpot's hot-inlining limit (325 bytecode bytes,
 * {@code -XX:FreqInlineSize}): above it every order event costs a call with twenty arguments,
 * about 2 % of the exchange-core mix (HotPathInliningTest). So values are written in the platform's order, which the
 * class checks once is the schema's, rather than swapped field by field, and offsets are longs.
 * <p>Ids come as the three native-order words of their 24-byte fields (as {@code IdWords.word}
 * reads them); an empty origClOrdId is three zero words.
 */
final class OrderEventWriter
{
    static final int BLOCK_LENGTH = OrderEventEncoder.BLOCK_LENGTH;
    private static final long HEADER = OrderEventEncoder.headerEncodingOffset();
    private static final long LENGTH = HEADER + RecordHeaderEncoder.lengthEncodingOffset();
    private static final long TYPE = HEADER + RecordHeaderEncoder.typeEncodingOffset();
    private static final long SESSION_ID = HEADER + RecordHeaderEncoder.sessionIdEncodingOffset();
    private static final long ORDER_ID = OrderEventEncoder.orderIdEncodingOffset();
    private static final long PARTICIPANT = OrderEventEncoder.participantEncodingOffset();
    private static final long PRODUCT = OrderEventEncoder.productEncodingOffset();
    private static final long CL_ORD_ID = OrderEventEncoder.clOrdIdEncodingOffset();
    private static final long ORIG_CL_ORD_ID = OrderEventEncoder.origClOrdIdEncodingOffset();
    /** The first of the eight one-byte fields (side .. purpose) written as one word. */
    private static final long FLAGS = OrderEventEncoder.sideEncodingOffset();
    private static final long PRICE_FEN = OrderEventEncoder.priceFenEncodingOffset();
    private static final long ORDER_QTY = OrderEventEncoder.orderQtyEncodingOffset();
    private static final long LEAVES_QTY = OrderEventEncoder.leavesQtyEncodingOffset();
    private static final long CUM_QTY = OrderEventEncoder.cumQtyEncodingOffset();
    private static final long CUM_NOTIONAL_FEN = OrderEventEncoder.cumNotionalFenEncodingOffset();
    private static final long RESERVED_FEN = OrderEventEncoder.reservedFenEncodingOffset();

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
        // Unsafe writes in the platform's order: the one pass is only the schema's bytes where that is
        // the schema's order (x86-64 and AArch64 are little-endian, as the schema is)
        if (!NATIVE_IS_SCHEMA_ORDER)
        {
            throw new IllegalStateException("OrderEventWriter needs a " + OrderEventEncoder.BYTE_ORDER + " platform");
        }
    }

    private OrderEventWriter()
    {
    }

    /** The eight one-byte fields from side to purpose as one little-endian word, as {@link #encode} stores it. */
    static long flagsWord(
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp,
        final byte reason, final boolean priorityKept, final byte purpose)
    {
        final long littleEndian = (side & 0xFFL) | (ordType & 0xFFL) << 8 | (tif & 0xFFL) << 16 |
            (postOnly ? 1L : 0L) << 24 | (stp & 0xFFL) << 32 | (reason & 0xFFL) << 40 | (priorityKept ? 1L : 0L) << 48 |
            (purpose & 0xFFL) << 56;
        return littleEndian; // the platform's order (checked when the class loads)
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
        UnsafeApi.putShort(a, at + LENGTH, (short)BLOCK_LENGTH);
        UnsafeApi.putShort(a, at + TYPE, (short)type);
        UnsafeApi.putInt(a, at + SESSION_ID, sessionId);
        UnsafeApi.putLong(a, at + ORDER_ID, orderId);
        UnsafeApi.putInt(a, at + PARTICIPANT, participant);
        UnsafeApi.putInt(a, at + PRODUCT, product);
        // ids and flags are byte strings: their words land as they were read
        UnsafeApi.putLong(a, at + CL_ORD_ID, clOrdId0);
        UnsafeApi.putLong(a, at + CL_ORD_ID + 8, clOrdId1);
        UnsafeApi.putLong(a, at + CL_ORD_ID + 16, clOrdId2);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID, origClOrdId0);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID + 8, origClOrdId1);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID + 16, origClOrdId2);
        UnsafeApi.putLong(a, at + FLAGS, flagsWord);
        UnsafeApi.putLong(a, at + PRICE_FEN, priceFen);
        UnsafeApi.putLong(a, at + ORDER_QTY, orderQty);
        UnsafeApi.putLong(a, at + LEAVES_QTY, leavesQty);
        UnsafeApi.putLong(a, at + CUM_QTY, cumQty);
        UnsafeApi.putLong(a, at + CUM_NOTIONAL_FEN, cumNotionalFen);
        UnsafeApi.putLong(a, at + RESERVED_FEN, reservedFen);
        return BLOCK_LENGTH;
    }

}
