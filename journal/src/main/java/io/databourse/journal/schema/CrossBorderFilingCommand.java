package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * A regulator records an exporter's filed standard contract for cross-border transfers of personal
 * information: its cross-border buyers may then take it from the filing threshold up to the approval
 * threshold of records a year (docs/matching-rules.md, Cross-border quotas).
 * <p>Type {@link MessageType#CROSS_BORDER_FILING}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 requestId ascii[24] - caller's id, echoed in a reject
 *    32 participantId ascii[16] - the exporter (a data supplier)
 *    48 actor ascii[16] - the regulator recording it; empty for the exchange operator
 *    64 note text[32] - free text echoed on the event
 * </pre>
 */
public final class CrossBorderFilingCommand extends Flyweight
{
    public static final int REQUEST_ID_OFFSET = 8;
    public static final int PARTICIPANT_ID_OFFSET = 32;
    public static final int ACTOR_OFFSET = 48;
    public static final int NOTE_OFFSET = 64;
    public static final int BLOCK_LENGTH = 96;

    @Override
    protected int encodedType()
    {
        return MessageType.CROSS_BORDER_FILING;
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

    /** the exporter */
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

    /** the regulator recording it; empty for the operator */
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
