package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Ends the trading day: every Day order expires.
 * <p>Type {@link MessageType#END_OF_DAY}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 actor ascii[16] - participant acting (an admin), empty for the exchange operator
 * </pre>
 */
public final class EndOfDayCommand extends Flyweight
{
    public static final int ACTOR_OFFSET = 8;
    public static final int BLOCK_LENGTH = 24;

    @Override
    protected int encodedType()
    {
        return MessageType.END_OF_DAY;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
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
}
