package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A step of a product's or participant's compliance path: a review, a sponsor's confirmation, a
 * cross-border filing or approval. Carries what the matcher decided (the reviewed grade and flag, the
 * statuses), so consumers post it without re-deriving it.
 * <p>Types {@link MessageType#PRODUCT_REVIEWED}, {@link MessageType#PRODUCT_SPONSORED},
 * {@link MessageType#CROSS_BORDER_FILED}, {@link MessageType#CROSS_BORDER_APPROVED}. Layout after the 8-byte
 * {@link Flyweight} header (offset, field):
 * <pre>
 *     8 product int - product index; -1 for a filing
 *    12 participant int - the participant a filing is for; -1 otherwise
 *    16 actor int - participant index of the reviewer, sponsor or regulator
 *    20 decision byte - review: {@link Codes.ReviewDecision}
 *    21 grade byte - review: the product's grade after it
 *    22 personalInfo bool - review: the product's personal-information flag after it
 *    23 fromStatus byte - review: {@link Codes.ProductStatus} before
 *    24 toStatus byte - review: {@link Codes.ProductStatus} after
 *    32 requestId ascii[24] - the command's id
 *    56 note text[32] - the command's note
 * </pre>
 */
public final class ComplianceEvent extends Flyweight
{
    public static final int PRODUCT_OFFSET = 8;
    public static final int PARTICIPANT_OFFSET = 12;
    public static final int ACTOR_OFFSET = 16;
    public static final int DECISION_OFFSET = 20;
    public static final int GRADE_OFFSET = 21;
    public static final int PERSONAL_INFO_OFFSET = 22;
    public static final int FROM_STATUS_OFFSET = 23;
    public static final int TO_STATUS_OFFSET = 24;
    public static final int REQUEST_ID_OFFSET = 32;
    public static final int NOTE_OFFSET = 56;
    public static final int BLOCK_LENGTH = 88;

    private int typeToEncode = MessageType.PRODUCT_REVIEWED;

    /** Wraps for encoding as one of {@link MessageType#PRODUCT_REVIEWED}, {@link MessageType#PRODUCT_SPONSORED}, {@link MessageType#CROSS_BORDER_FILED}, {@link MessageType#CROSS_BORDER_APPROVED}. */
    public ComplianceEvent wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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

    /** product index; -1 for a filing */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public ComplianceEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }

    /** the participant a filing is for; -1 otherwise */
    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public ComplianceEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }

    /** participant index of the reviewer, sponsor or regulator */
    public int actor()
    {
        return getInt(ACTOR_OFFSET);
    }

    public ComplianceEvent actor(final int value)
    {
        putInt(ACTOR_OFFSET, value);
        return this;
    }

    /** {@link Codes.ReviewDecision} */
    public byte decision()
    {
        return getByte(DECISION_OFFSET);
    }

    public ComplianceEvent decision(final byte value)
    {
        putByte(DECISION_OFFSET, value);
        return this;
    }

    /** the product's grade after a review */
    public byte grade()
    {
        return getByte(GRADE_OFFSET);
    }

    public ComplianceEvent grade(final byte value)
    {
        putByte(GRADE_OFFSET, value);
        return this;
    }

    /** the product's personal-information flag after a review */
    public boolean personalInfo()
    {
        return getByte(PERSONAL_INFO_OFFSET) != 0;
    }

    public ComplianceEvent personalInfo(final boolean value)
    {
        putByte(PERSONAL_INFO_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }

    public byte fromStatus()
    {
        return getByte(FROM_STATUS_OFFSET);
    }

    public ComplianceEvent fromStatus(final byte value)
    {
        putByte(FROM_STATUS_OFFSET, value);
        return this;
    }

    public byte toStatus()
    {
        return getByte(TO_STATUS_OFFSET);
    }

    public ComplianceEvent toStatus(final byte value)
    {
        putByte(TO_STATUS_OFFSET, value);
        return this;
    }

    /** the command's id */
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

    /** the command's note */
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
