package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Registers a participant, or updates one already registered (roles, grade, jurisdiction, status).
 * <p>Type {@link MessageType#PARTICIPANT}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participantId ascii[16] - participant id
 *    24 roles int - bit mask of {@link Codes.Role}
 *    28 qualification byte - highest {@link Codes.Grade} the participant may buy
 *    29 jurisdiction byte - {@link Codes.Jurisdiction}
 *    30 localTaxpayer bool
 *    31 status byte - {@link Codes.ParticipantStatus}
 *    32 actor ascii[16] - participant acting (an admin), empty for the exchange operator
 *    48 group ascii[16] - beneficial owner the participant belongs to; empty for none
 *    64 note text[32] - free text echoed on the event (e.g. the alert id of a suspension)
 * </pre>
 */
public final class ParticipantCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int ROLES_OFFSET = 24;
    public static final int QUALIFICATION_OFFSET = 28;
    public static final int JURISDICTION_OFFSET = 29;
    public static final int LOCAL_TAXPAYER_OFFSET = 30;
    public static final int STATUS_OFFSET = 31;
    public static final int ACTOR_OFFSET = 32;
    public static final int GROUP_OFFSET = 48;
    public static final int NOTE_OFFSET = 64;
    public static final int BLOCK_LENGTH = 96;

    @Override
    protected int encodedType()
    {
        return MessageType.PARTICIPANT;
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
    /** bit mask of {@link Codes.Role} */
    public int roles()
    {
        return getInt(ROLES_OFFSET);
    }

    public ParticipantCommand roles(final int value)
    {
        putInt(ROLES_OFFSET, value);
        return this;
    }
    /** highest {@link Codes.Grade} the participant may buy */
    public byte qualification()
    {
        return getByte(QUALIFICATION_OFFSET);
    }

    public ParticipantCommand qualification(final byte value)
    {
        putByte(QUALIFICATION_OFFSET, value);
        return this;
    }
    /** {@link Codes.Jurisdiction} */
    public byte jurisdiction()
    {
        return getByte(JURISDICTION_OFFSET);
    }

    public ParticipantCommand jurisdiction(final byte value)
    {
        putByte(JURISDICTION_OFFSET, value);
        return this;
    }
    public boolean localTaxpayer()
    {
        return getByte(LOCAL_TAXPAYER_OFFSET) != 0;
    }

    public ParticipantCommand localTaxpayer(final boolean value)
    {
        putByte(LOCAL_TAXPAYER_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    /** {@link Codes.ParticipantStatus} */
    public byte status()
    {
        return getByte(STATUS_OFFSET);
    }

    public ParticipantCommand status(final byte value)
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

    /** the beneficial owner (a group id); empty for none */
    public String group()
    {
        return getAscii(GROUP_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendGroup(final StringBuilder sb)
    {
        return appendAscii(GROUP_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean group(final CharSequence value)
    {
        return putAscii(GROUP_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean group(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(GROUP_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int groupLength()
    {
        return asciiLength(GROUP_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int groupOffset()
    {
        return offset + GROUP_OFFSET;
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
