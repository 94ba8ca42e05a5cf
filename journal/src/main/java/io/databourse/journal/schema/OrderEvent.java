package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * The state of one order after a lifecycle step: accepted, cancelled, expired or replaced. Carries what a FIX ExecutionReport needs without gateway state.
 * <p>Type {@link MessageType#ORDER_ACCEPTED}, {@link MessageType#ORDER_CANCELLED}, {@link MessageType#ORDER_EXPIRED}, {@link MessageType#ORDER_REPLACED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 orderId long - exchange order id
 *    16 participant int - participant index
 *    20 product int - product index
 *    24 clOrdId ascii[24] - clOrdId of the request that caused this event
 *    48 origClOrdId ascii[24] - clOrdId the order had before (cancel, replace); empty on accept
 *    72 side byte
 *    73 ordType byte
 *    74 tif byte
 *    75 postOnly bool
 *    76 stp byte
 *    77 reason byte - {@link Codes.CancelReason} for cancelled/expired
 *    78 priorityKept bool - replace kept time priority
 *    79 purpose byte - {@link Codes.Purpose} the order declared; 0 for none
 *    80 priceFen long - limit price, 0 for market
 *    88 orderQty long - total quantity
 *    96 leavesQty long - quantity still open (0 when the order is done; for cancel: what was open before it)
 *   104 cumQty long - filled quantity
 *   112 cumNotionalFen long - sum of fill price x qty, for average price
 *   120 reservedFen long - a buy's cash reservation as the matcher decided it: what the order holds
 *                          after this event (accepted, replaced); for cancelled/expired: what it held,
 *                          now released; 0 for a sell
 * </pre>
 */
public final class OrderEvent extends Flyweight
{
    public static final int ORDER_ID_OFFSET = 8;
    public static final int PARTICIPANT_OFFSET = 16;
    public static final int PRODUCT_OFFSET = 20;
    public static final int CL_ORD_ID_OFFSET = 24;
    public static final int ORIG_CL_ORD_ID_OFFSET = 48;
    public static final int SIDE_OFFSET = 72;
    public static final int ORD_TYPE_OFFSET = 73;
    public static final int TIF_OFFSET = 74;
    public static final int POST_ONLY_OFFSET = 75;
    public static final int STP_OFFSET = 76;
    public static final int REASON_OFFSET = 77;
    public static final int PRIORITY_KEPT_OFFSET = 78;
    public static final int PURPOSE_OFFSET = 79;
    public static final int PRICE_FEN_OFFSET = 80;
    public static final int ORDER_QTY_OFFSET = 88;
    public static final int LEAVES_QTY_OFFSET = 96;
    public static final int CUM_QTY_OFFSET = 104;
    public static final int CUM_NOTIONAL_FEN_OFFSET = 112;
    public static final int RESERVED_FEN_OFFSET = 120;
    public static final int BLOCK_LENGTH = 128;

    private int typeToEncode = MessageType.ORDER_ACCEPTED;

    /** Wraps for encoding as one of {@link MessageType#ORDER_ACCEPTED}, {@link MessageType#ORDER_CANCELLED}, {@link MessageType#ORDER_EXPIRED}, {@link MessageType#ORDER_REPLACED}. */
    public OrderEvent wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
    {
        typeToEncode = type;
        wrapForEncode(buffer, offset, sessionId);
        return this;
    }

    @Override
    protected int encodedType()
    {
        return typeToEncode;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** exchange order id */
    public long orderId()
    {
        return getLong(ORDER_ID_OFFSET);
    }

    public OrderEvent orderId(final long value)
    {
        putLong(ORDER_ID_OFFSET, value);
        return this;
    }
    /** participant index */
    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public OrderEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    /** product index */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public OrderEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public String clOrdId()
    {
        return getAscii(CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendClOrdId(final StringBuilder sb)
    {
        return appendAscii(CL_ORD_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean clOrdId(final CharSequence value)
    {
        return putAscii(CL_ORD_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean clOrdId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(CL_ORD_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int clOrdIdLength()
    {
        return asciiLength(CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int clOrdIdOffset()
    {
        return offset + CL_ORD_ID_OFFSET;
    }
    public String origClOrdId()
    {
        return getAscii(ORIG_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendOrigClOrdId(final StringBuilder sb)
    {
        return appendAscii(ORIG_CL_ORD_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean origClOrdId(final CharSequence value)
    {
        return putAscii(ORIG_CL_ORD_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean origClOrdId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(ORIG_CL_ORD_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int origClOrdIdLength()
    {
        return asciiLength(ORIG_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int origClOrdIdOffset()
    {
        return offset + ORIG_CL_ORD_ID_OFFSET;
    }

    /**
     * Sets origClOrdId from its three 8-byte words as read (native order) from another copy of the
     * field, e.g. an order's stored clOrdId: the bytes land as they were.
     */
    public OrderEvent origClOrdIdWords(final long w0, final long w1, final long w2)
    {
        putLong(ORIG_CL_ORD_ID_OFFSET, w0);
        putLong(ORIG_CL_ORD_ID_OFFSET + 8, w1);
        putLong(ORIG_CL_ORD_ID_OFFSET + 16, w2);
        return this;
    }

    /**
     * Sets the eight one-byte fields from side to purpose (offsets 72..79) with one 8-byte store: the
     * encoder of every order event writes them together.
     */
    public OrderEvent orderFlags(
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp,
        final byte reason, final boolean priorityKept, final byte purpose)
    {
        putLong(SIDE_OFFSET, flagsWord(side, ordType, tif, postOnly, stp, reason, priorityKept, purpose));
        return this;
    }

    /** The eight bytes at offsets 72..79 (side to purpose) as one native-order word. */
    public static long flagsWord(
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp,
        final byte reason, final boolean priorityKept, final byte purpose)
    {
        final long littleEndian = (side & 0xFFL) | (ordType & 0xFFL) << 8 | (tif & 0xFFL) << 16 |
            (postOnly ? 1L : 0L) << 24 | (stp & 0xFFL) << 32 | (reason & 0xFFL) << 40 | (priorityKept ? 1L : 0L) << 48 |
            (purpose & 0xFFL) << 56;
        return IS_LITTLE_ENDIAN ? littleEndian : Long.reverseBytes(littleEndian);
    }

    /** {@link Codes.Purpose} the order declared; 0 for none */
    public byte purpose()
    {
        return getByte(PURPOSE_OFFSET);
    }

    public OrderEvent purpose(final byte value)
    {
        putByte(PURPOSE_OFFSET, value);
        return this;
    }

    /**
     * Encodes a whole order event in one pass from values already read: the header and every byte
     * of the fixed part are written, so nothing is zeroed first, and the message's array and address
     * are read once. (Each field setter reads them again: after a write through Unsafe the compiler
     * must assume any heap field may have changed.) The matcher's hot path; the same bytes as
     * {@link #wrapForEncode} and the setters. Ids come as the three native-order words of their
     * fields ({@link IdWords#word}); an empty origClOrdId is three zero words.
     */
    public OrderEvent encode(
        final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type,
        final long orderId, final int participant, final int product,
        final long clOrdId0, final long clOrdId1, final long clOrdId2,
        final long origClOrdId0, final long origClOrdId1, final long origClOrdId2,
        final long flagsWord, final long priceFen, final long orderQty, final long leavesQty, final long cumQty,
        final long cumNotionalFen, final long reservedFen)
    {
        typeToEncode = type;
        wrapForWholeEncode(buffer, offset);
        final byte[] a = array();
        final long at = address();
        UnsafeApi.putShort(a, at + LENGTH_OFFSET, (short)BLOCK_LENGTH);
        UnsafeApi.putShort(a, at + TYPE_OFFSET, (short)type);
        UnsafeApi.putInt(a, at + SESSION_ID_OFFSET, sessionId);
        UnsafeApi.putLong(a, at + ORDER_ID_OFFSET, orderId);
        UnsafeApi.putInt(a, at + PARTICIPANT_OFFSET, participant);
        UnsafeApi.putInt(a, at + PRODUCT_OFFSET, product);
        UnsafeApi.putLong(a, at + CL_ORD_ID_OFFSET, clOrdId0);
        UnsafeApi.putLong(a, at + CL_ORD_ID_OFFSET + 8, clOrdId1);
        UnsafeApi.putLong(a, at + CL_ORD_ID_OFFSET + 16, clOrdId2);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID_OFFSET, origClOrdId0);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID_OFFSET + 8, origClOrdId1);
        UnsafeApi.putLong(a, at + ORIG_CL_ORD_ID_OFFSET + 16, origClOrdId2);
        UnsafeApi.putLong(a, at + SIDE_OFFSET, flagsWord);
        UnsafeApi.putLong(a, at + PRICE_FEN_OFFSET, priceFen);
        UnsafeApi.putLong(a, at + ORDER_QTY_OFFSET, orderQty);
        UnsafeApi.putLong(a, at + LEAVES_QTY_OFFSET, leavesQty);
        UnsafeApi.putLong(a, at + CUM_QTY_OFFSET, cumQty);
        UnsafeApi.putLong(a, at + CUM_NOTIONAL_FEN_OFFSET, cumNotionalFen);
        UnsafeApi.putLong(a, at + RESERVED_FEN_OFFSET, reservedFen);
        return this;
    }
    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public OrderEvent side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
        return this;
    }
    public byte ordType()
    {
        return getByte(ORD_TYPE_OFFSET);
    }

    public OrderEvent ordType(final byte value)
    {
        putByte(ORD_TYPE_OFFSET, value);
        return this;
    }
    public byte tif()
    {
        return getByte(TIF_OFFSET);
    }

    public OrderEvent tif(final byte value)
    {
        putByte(TIF_OFFSET, value);
        return this;
    }
    public boolean postOnly()
    {
        return getByte(POST_ONLY_OFFSET) != 0;
    }

    public OrderEvent postOnly(final boolean value)
    {
        putByte(POST_ONLY_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    public byte stp()
    {
        return getByte(STP_OFFSET);
    }

    public OrderEvent stp(final byte value)
    {
        putByte(STP_OFFSET, value);
        return this;
    }
    /** {@link Codes.CancelReason} for cancelled/expired */
    public byte reason()
    {
        return getByte(REASON_OFFSET);
    }

    public OrderEvent reason(final byte value)
    {
        putByte(REASON_OFFSET, value);
        return this;
    }
    /** replace kept time priority */
    public boolean priorityKept()
    {
        return getByte(PRIORITY_KEPT_OFFSET) != 0;
    }

    public OrderEvent priorityKept(final boolean value)
    {
        putByte(PRIORITY_KEPT_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    /** limit price, 0 for market */
    public long priceFen()
    {
        return getLong(PRICE_FEN_OFFSET);
    }

    public OrderEvent priceFen(final long value)
    {
        putLong(PRICE_FEN_OFFSET, value);
        return this;
    }
    /** total quantity */
    public long orderQty()
    {
        return getLong(ORDER_QTY_OFFSET);
    }

    public OrderEvent orderQty(final long value)
    {
        putLong(ORDER_QTY_OFFSET, value);
        return this;
    }
    /** quantity still open (0 when the order is done; for cancel: what was open before it) */
    public long leavesQty()
    {
        return getLong(LEAVES_QTY_OFFSET);
    }

    public OrderEvent leavesQty(final long value)
    {
        putLong(LEAVES_QTY_OFFSET, value);
        return this;
    }
    /** filled quantity */
    public long cumQty()
    {
        return getLong(CUM_QTY_OFFSET);
    }

    public OrderEvent cumQty(final long value)
    {
        putLong(CUM_QTY_OFFSET, value);
        return this;
    }
    /** sum of fill price x qty, for average price */
    public long cumNotionalFen()
    {
        return getLong(CUM_NOTIONAL_FEN_OFFSET);
    }

    public OrderEvent cumNotionalFen(final long value)
    {
        putLong(CUM_NOTIONAL_FEN_OFFSET, value);
        return this;
    }

    /**
     * A buy's cash reservation as the matcher decided it: what the order holds after this event
     * (accepted, replaced); for cancelled/expired, what it held and the event releases; 0 for a sell.
     */
    public long reservedFen()
    {
        return getLong(RESERVED_FEN_OFFSET);
    }

    public OrderEvent reservedFen(final long value)
    {
        putLong(RESERVED_FEN_OFFSET, value);
        return this;
    }
}
