package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Enters an order. Price in fen (0 for market), quantity in units.
 * <p>Type {@link MessageType#NEW_ORDER}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participantId ascii[16]
 *    24 productId ascii[32]
 *    56 clOrdId ascii[24]
 *    80 side byte - {@link Codes.Side}
 *    81 ordType byte - {@link Codes.OrdType}
 *    82 tif byte - {@link Codes.TimeInForce}
 *    83 postOnly bool
 *    84 stp byte - {@link Codes.SelfTradePrevention}
 *    85 purpose byte - {@link Codes.Purpose} the buyer declares; 0 for none
 *    88 priceFen long
 *    96 qty long
 * </pre>
 */
public final class NewOrderCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int PRODUCT_ID_OFFSET = 24;
    public static final int CL_ORD_ID_OFFSET = 56;
    public static final int SIDE_OFFSET = 80;
    public static final int ORD_TYPE_OFFSET = 81;
    public static final int TIF_OFFSET = 82;
    public static final int POST_ONLY_OFFSET = 83;
    public static final int STP_OFFSET = 84;
    public static final int PURPOSE_OFFSET = 85;
    public static final int PRICE_FEN_OFFSET = 88;
    public static final int QTY_OFFSET = 96;
    public static final int BLOCK_LENGTH = 104;

    @Override
    protected int encodedType()
    {
        return MessageType.NEW_ORDER;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public String participantId()
    {
        return getAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendParticipantId(final StringBuilder sb)
    {
        return appendAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean participantId(final CharSequence value)
    {
        return putAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean participantId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int participantIdLength()
    {
        return asciiLength(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int participantIdOffset()
    {
        return offset + PARTICIPANT_ID_OFFSET;
    }
    public String productId()
    {
        return getAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    public StringBuilder appendProductId(final StringBuilder sb)
    {
        return appendAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean productId(final CharSequence value)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, value);
    }

    public boolean productId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int productIdLength()
    {
        return asciiLength(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int productIdOffset()
    {
        return offset + PRODUCT_ID_OFFSET;
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
    /** {@link Codes.Side} */
    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public NewOrderCommand side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
        return this;
    }
    /** {@link Codes.OrdType} */
    public byte ordType()
    {
        return getByte(ORD_TYPE_OFFSET);
    }

    public NewOrderCommand ordType(final byte value)
    {
        putByte(ORD_TYPE_OFFSET, value);
        return this;
    }
    /** {@link Codes.TimeInForce} */
    public byte tif()
    {
        return getByte(TIF_OFFSET);
    }

    public NewOrderCommand tif(final byte value)
    {
        putByte(TIF_OFFSET, value);
        return this;
    }
    public boolean postOnly()
    {
        return getByte(POST_ONLY_OFFSET) != 0;
    }

    public NewOrderCommand postOnly(final boolean value)
    {
        putByte(POST_ONLY_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    /** {@link Codes.SelfTradePrevention} */
    public byte stp()
    {
        return getByte(STP_OFFSET);
    }

    public NewOrderCommand stp(final byte value)
    {
        putByte(STP_OFFSET, value);
        return this;
    }
    public long priceFen()
    {
        return getLong(PRICE_FEN_OFFSET);
    }

    public NewOrderCommand priceFen(final long value)
    {
        putLong(PRICE_FEN_OFFSET, value);
        return this;
    }
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public NewOrderCommand qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }

    /** {@link Codes.Purpose} the buyer declares; 0 for none */
    public byte purpose()
    {
        return getByte(PURPOSE_OFFSET);
    }

    public NewOrderCommand purpose(final byte value)
    {
        putByte(PURPOSE_OFFSET, value);
        return this;
    }
}
