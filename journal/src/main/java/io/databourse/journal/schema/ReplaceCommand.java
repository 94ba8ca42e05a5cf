package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Replaces a live order's price and total quantity (FIX OrderQty semantics).
 * <p>Type {@link MessageType#REPLACE}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participantId ascii[16]
 *    24 clOrdId ascii[24] - new clOrdId of the order
 *    48 origClOrdId ascii[24] - current clOrdId of the order
 *    72 orderId long - exchange order id, 0 when not given
 *    80 priceFen long - new price
 *    88 qty long - new total quantity, filled part included
 * </pre>
 */
public final class ReplaceCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int CL_ORD_ID_OFFSET = 24;
    public static final int ORIG_CL_ORD_ID_OFFSET = 48;
    public static final int ORDER_ID_OFFSET = 72;
    public static final int PRICE_FEN_OFFSET = 80;
    public static final int QTY_OFFSET = 88;
    public static final int BLOCK_LENGTH = 96;

    @Override
    protected int encodedType()
    {
        return MessageType.REPLACE;
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
    /** exchange order id, 0 when not given */
    public long orderId()
    {
        return getLong(ORDER_ID_OFFSET);
    }

    public ReplaceCommand orderId(final long value)
    {
        putLong(ORDER_ID_OFFSET, value);
        return this;
    }
    /** new price */
    public long priceFen()
    {
        return getLong(PRICE_FEN_OFFSET);
    }

    public ReplaceCommand priceFen(final long value)
    {
        putLong(PRICE_FEN_OFFSET, value);
        return this;
    }
    /** new total quantity, filled part included */
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public ReplaceCommand qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }
}
