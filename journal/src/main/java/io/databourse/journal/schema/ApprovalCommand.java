package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A participant confirms something about a product: its data sponsor confirms it ({@link MessageType#SPONSOR}),
 * or a regulator approves its cross-border export ({@link MessageType#CROSS_BORDER_APPROVAL}).
 * <p>Types {@link MessageType#SPONSOR}, {@link MessageType#CROSS_BORDER_APPROVAL}. Layout after the 8-byte
 * {@link Flyweight} header (offset, field):
 * <pre>
 *     8 requestId ascii[24] - caller's id, echoed in a reject
 *    32 productId ascii[32]
 *    64 actor ascii[16] - the confirming participant
 *    80 note text[32] - free text echoed on the event
 * </pre>
 */
public final class ApprovalCommand extends Flyweight
{
    public static final int REQUEST_ID_OFFSET = 8;
    public static final int PRODUCT_ID_OFFSET = 32;
    public static final int ACTOR_OFFSET = 64;
    public static final int NOTE_OFFSET = 80;
    public static final int BLOCK_LENGTH = 112;

    private int typeToEncode = MessageType.SPONSOR;

    /** Wraps for encoding as one of {@link MessageType#SPONSOR}, {@link MessageType#CROSS_BORDER_APPROVAL}. */
    public ApprovalCommand wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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

    /** caller's id of the request */
    public String requestId()
    {
        return getAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendRequestId(final StringBuilder sb)
    {
        return appendAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean requestId(final CharSequence value)
    {
        return putAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean requestId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int requestIdLength()
    {
        return asciiLength(REQUEST_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int requestIdOffset()
    {
        return offset + REQUEST_ID_OFFSET;
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

    /** the confirming participant */
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
