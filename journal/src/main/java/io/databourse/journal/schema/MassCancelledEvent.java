package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * The outcome of a mass cancel (each order cancelled also has its own event).
 * <p>Type {@link MessageType#MASS_CANCELLED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participant int
 *    12 product int - -1 for all
 *    16 cancelledCount int
 *    20 side byte - -1 for both
 *    21 clOrdId ascii[24]
 * </pre>
 */
public final class MassCancelledEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 12;
    public static final int CANCELLED_COUNT_OFFSET = 16;
    public static final int SIDE_OFFSET = 20;
    public static final int CL_ORD_ID_OFFSET = 21;
    public static final int BLOCK_LENGTH = 48;

    @Override
    protected int encodedType()
    {
        return MessageType.MASS_CANCELLED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public MassCancelledEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    /** -1 for all */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public MassCancelledEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public int cancelledCount()
    {
        return getInt(CANCELLED_COUNT_OFFSET);
    }

    public MassCancelledEvent cancelledCount(final int value)
    {
        putInt(CANCELLED_COUNT_OFFSET, value);
        return this;
    }
    /** -1 for both */
    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public MassCancelledEvent side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
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
}
