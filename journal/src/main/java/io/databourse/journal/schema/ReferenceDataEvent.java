package io.databourse.journal.schema;

import org.agrona.MutableDirectBuffer;

/**
 * A reference-data change, carrying the index the matcher assigned and a verbatim copy of the
 * command that defined it, so that any reader of the journal can name participants and products
 * from the journal alone.
 * <p>Types {@link MessageType#PARTICIPANT_REGISTERED}, {@link MessageType#PARTICIPANT_UPDATED}
 * (participant set), {@link MessageType#PRODUCT_REGISTERED} (product set),
 * {@link MessageType#CAPACITY_REGISTERED} (both set; qty = node-hours added, availableQty =
 * node-hours the provider may still sell).
 * <pre>
 *     8 participant  i32 index, -1 when not applicable
 *    12 product      i32 index, -1 when not applicable
 *    16 qty          i64
 *    24 availableQty i64
 *    32 owner        i32 products: index of the owner the matcher resolved (the registering supplier
 *                        when the command names none), -1 for none (compute) and for other events
 *    36 reviewer     i32 products: index of the compliance officer an operator load named, -1 otherwise
 *    40 command      the defining command, header included
 * </pre>
 */
public final class ReferenceDataEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 12;
    public static final int QTY_OFFSET = 16;
    public static final int AVAILABLE_QTY_OFFSET = 24;
    public static final int OWNER_OFFSET = 32;
    public static final int REVIEWER_OFFSET = 36;
    public static final int COMMAND_OFFSET = 40;
    public static final int BLOCK_LENGTH = COMMAND_OFFSET;

    private int typeToEncode = MessageType.PARTICIPANT_REGISTERED;

    /** Wraps for encoding and copies the defining command in. */
    public ReferenceDataEvent wrapForEncode(
        final MutableDirectBuffer buffer, final int offset, final int type, final Flyweight command)
    {
        typeToEncode = type;
        wrapForEncode(buffer, offset, command.sessionId());
        putInt(PARTICIPANT_OFFSET, -1);
        putInt(PRODUCT_OFFSET, -1);
        putInt(OWNER_OFFSET, -1);
        putInt(REVIEWER_OFFSET, -1);
        final int commandLength = command.length();
        buffer.putBytes(offset + COMMAND_OFFSET, command.buffer(), command.offset(), commandLength);
        length(COMMAND_OFFSET + commandLength);
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

    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public ReferenceDataEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }

    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public ReferenceDataEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }

    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public ReferenceDataEvent qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }

    public long availableQty()
    {
        return getLong(AVAILABLE_QTY_OFFSET);
    }

    public ReferenceDataEvent availableQty(final long value)
    {
        putLong(AVAILABLE_QTY_OFFSET, value);
        return this;
    }

    /** Products: the owner's participant index, -1 for none. */
    public int owner()
    {
        return getInt(OWNER_OFFSET);
    }

    public ReferenceDataEvent owner(final int value)
    {
        putInt(OWNER_OFFSET, value);
        return this;
    }

    /** Products loaded past review by the operator: the reviewing compliance officer's index, -1 otherwise. */
    public int reviewer()
    {
        return getInt(REVIEWER_OFFSET);
    }

    public ReferenceDataEvent reviewer(final int value)
    {
        putInt(REVIEWER_OFFSET, value);
        return this;
    }

    /** Offset in {@link #buffer()} of the embedded command, to wrap its flyweight. */
    public int commandOffset()
    {
        return offset + COMMAND_OFFSET;
    }
}
