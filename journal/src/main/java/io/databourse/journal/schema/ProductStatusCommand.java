package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Moves a product through its lifecycle; only an admin (or a regulator, to suspend or delist) may.
 * <p>Type {@link MessageType#PRODUCT_STATUS}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 productId ascii[32]
 *    40 status byte - requested {@link Codes.ProductStatus}
 *    41 actor ascii[16] - participant acting
 *    64 note text[32] - free text echoed on the event (e.g. the alert id of a halt)
 * </pre>
 */
public final class ProductStatusCommand extends Flyweight
{
    public static final int PRODUCT_ID_OFFSET = 8;
    public static final int STATUS_OFFSET = 40;
    public static final int ACTOR_OFFSET = 41;
    public static final int NOTE_OFFSET = 64;
    public static final int BLOCK_LENGTH = 96;

    @Override
    protected int encodedType()
    {
        return MessageType.PRODUCT_STATUS;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
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
    /** requested {@link Codes.ProductStatus} */
    public byte status()
    {
        return getByte(STATUS_OFFSET);
    }

    public ProductStatusCommand status(final byte value)
    {
        putByte(STATUS_OFFSET, value);
        return this;
    }
    public String actor()
    {
        return getAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendActor(final StringBuilder sb)
    {
        return appendAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean actor(final CharSequence value)
    {
        return putAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean actor(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int actorLength()
    {
        return asciiLength(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int actorOffset()
    {
        return offset + ACTOR_OFFSET;
    }

    /** free text, echoed on the event */
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
