package io.databourse.journal.schema;


/**
 * A product moved through its lifecycle.
 * <p>Type {@link MessageType#PRODUCT_STATUS_CHANGED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 product int - product index
 *    12 fromStatus byte
 *    13 toStatus byte
 *    16 actor int - participant index of the actor, -1 for the operator or the engine
 *    24 note text[32] - the command's note
 * </pre>
 */
public final class ProductStatusEvent extends Flyweight
{
    public static final int PRODUCT_OFFSET = 8;
    public static final int FROM_STATUS_OFFSET = 12;
    public static final int TO_STATUS_OFFSET = 13;
    public static final int ACTOR_OFFSET = 16;
    public static final int NOTE_OFFSET = 24;
    public static final int BLOCK_LENGTH = 56;

    @Override
    protected int encodedType()
    {
        return MessageType.PRODUCT_STATUS_CHANGED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** product index */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public ProductStatusEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public byte fromStatus()
    {
        return getByte(FROM_STATUS_OFFSET);
    }

    public ProductStatusEvent fromStatus(final byte value)
    {
        putByte(FROM_STATUS_OFFSET, value);
        return this;
    }
    public byte toStatus()
    {
        return getByte(TO_STATUS_OFFSET);
    }

    public ProductStatusEvent toStatus(final byte value)
    {
        putByte(TO_STATUS_OFFSET, value);
        return this;
    }
    /** participant index of the actor, -1 for the operator or the engine */
    public int actor()
    {
        return getInt(ACTOR_OFFSET);
    }

    public ProductStatusEvent actor(final int value)
    {
        putInt(ACTOR_OFFSET, value);
        return this;
    }

    /** the note of the command that moved the product */
    public String note()
    {
        return getAscii(NOTE_OFFSET, NOTE_LENGTH);
    }

    /** False when the value is longer than the field or holds a byte outside printable ASCII (spaces allowed). */
    public boolean note(final CharSequence value)
    {
        return putText(NOTE_OFFSET, NOTE_LENGTH, value);
    }

    /** Absolute offset of the field in {@link #buffer()}, to copy it into an event. */
    public int noteOffset()
    {
        return offset + NOTE_OFFSET;
    }
}
