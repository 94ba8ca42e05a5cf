package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * A refused command. The state is unchanged.
 * <p>Type {@link MessageType#REJECTED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 commandType short - {@link MessageType} of the refused command
 *    10 reason short - {@link RejectReason#code()}
 *    12 participant int - participant index, -1 when unknown
 *    16 clOrdId ascii[24] - clOrdId / request id of the command, when it has one
 *    40 orderId long - order concerned, 0 when none
 *    48 productId ascii[32] - the product the command named, when it names one (also one not registered)
 * </pre>
 */
public final class RejectedEvent extends Flyweight
{
    public static final int COMMAND_TYPE_OFFSET = 8;
    public static final int REASON_OFFSET = 10;
    public static final int PARTICIPANT_OFFSET = 12;
    public static final int CL_ORD_ID_OFFSET = 16;
    public static final int ORDER_ID_OFFSET = 40;
    public static final int PRODUCT_ID_OFFSET = 48;
    public static final int BLOCK_LENGTH = 80;

    @Override
    protected int encodedType()
    {
        return MessageType.REJECTED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** {@link MessageType} of the refused command */
    public int commandType()
    {
        return getShort(COMMAND_TYPE_OFFSET) & 0xFFFF;
    }

    public RejectedEvent commandType(final int value)
    {
        putShort(COMMAND_TYPE_OFFSET, (short)value);
        return this;
    }
    /** {@link RejectReason#code()} */
    public int reason()
    {
        return getShort(REASON_OFFSET) & 0xFFFF;
    }

    public RejectedEvent reason(final int value)
    {
        putShort(REASON_OFFSET, (short)value);
        return this;
    }
    /** participant index, -1 when unknown */
    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public RejectedEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
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
    /** order concerned, 0 when none */
    public long orderId()
    {
        return getLong(ORDER_ID_OFFSET);
    }

    public RejectedEvent orderId(final long value)
    {
        putLong(ORDER_ID_OFFSET, value);
        return this;
    }

    /** The product the refused command named; empty when it names none. */
    public String productId()
    {
        return getAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, to copy a command's product id in. */
    public int productIdOffset()
    {
        return offset + PRODUCT_ID_OFFSET;
    }
}
