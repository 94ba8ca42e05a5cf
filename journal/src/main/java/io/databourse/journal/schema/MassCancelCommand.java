package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Cancels all live orders of a participant, optionally of one product and/or side.
 * <p>Type {@link MessageType#MASS_CANCEL}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participantId ascii[16]
 *    24 productId ascii[32] - empty for every product
 *    56 clOrdId ascii[24] - id of this request
 *    80 side byte - {@link Codes.Side}, or -1 for both
 * </pre>
 */
public final class MassCancelCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int PRODUCT_ID_OFFSET = 24;
    public static final int CL_ORD_ID_OFFSET = 56;
    public static final int SIDE_OFFSET = 80;
    public static final int BLOCK_LENGTH = 88;

    @Override
    protected int encodedType()
    {
        return MessageType.MASS_CANCEL;
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
    /** {@link Codes.Side}, or -1 for both */
    public byte side()
    {
        return getByte(SIDE_OFFSET);
    }

    public MassCancelCommand side(final byte value)
    {
        putByte(SIDE_OFFSET, value);
        return this;
    }
}
