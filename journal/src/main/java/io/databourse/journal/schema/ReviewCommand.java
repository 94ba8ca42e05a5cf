package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * A compliance officer's review of a product: an approval records the grade and personal-information
 * flag it found (which may differ from what the supplier declared) and moves a registered product to
 * compliance_reviewed; a rejection moves it to rejected, for good. The reviewer is never the owner.
 * <p>Type {@link MessageType#REVIEW}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 requestId ascii[24] - caller's id of the review, echoed in a reject
 *    32 productId ascii[32]
 *    64 actor ascii[16] - the reviewing compliance officer
 *    80 decision byte - {@link Codes.ReviewDecision}
 *    81 grade byte - reviewed {@link Codes.Grade}; -1: as declared
 *    82 personalInfo byte - reviewed flag: 1 yes, 0 no, -1 as declared
 *    88 note text[32] - free text echoed on the event
 * </pre>
 */
public final class ReviewCommand extends Flyweight
{
    public static final int REQUEST_ID_OFFSET = 8;
    public static final int PRODUCT_ID_OFFSET = 32;
    public static final int ACTOR_OFFSET = 64;
    public static final int DECISION_OFFSET = 80;
    public static final int GRADE_OFFSET = 81;
    public static final int PERSONAL_INFO_OFFSET = 82;
    public static final int NOTE_OFFSET = 88;
    public static final int BLOCK_LENGTH = 120;

    @Override
    protected int encodedType()
    {
        return MessageType.REVIEW;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** caller's id of the review */
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

    /** the reviewing compliance officer */
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

    /** {@link Codes.ReviewDecision} */
    public byte decision()
    {
        return getByte(DECISION_OFFSET);
    }

    public ReviewCommand decision(final byte value)
    {
        putByte(DECISION_OFFSET, value);
        return this;
    }

    /** reviewed {@link Codes.Grade}; -1: as declared */
    public byte grade()
    {
        return getByte(GRADE_OFFSET);
    }

    public ReviewCommand grade(final byte value)
    {
        putByte(GRADE_OFFSET, value);
        return this;
    }

    /** reviewed personal-information flag: 1 yes, 0 no, -1 as declared */
    public byte personalInfo()
    {
        return getByte(PERSONAL_INFO_OFFSET);
    }

    public ReviewCommand personalInfo(final byte value)
    {
        putByte(PERSONAL_INFO_OFFSET, value);
        return this;
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
