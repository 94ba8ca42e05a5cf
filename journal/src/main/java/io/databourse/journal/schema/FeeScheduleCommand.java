package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Sets the maker and taker fee rates of a product kind, in basis points of trade value.
 * <p>Type {@link MessageType#FEE_SCHEDULE}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 kind byte - {@link Codes.ProductKind}
 *    12 makerBps int
 *    16 takerBps int
 *    20 actor ascii[16] - participant acting (an admin), empty for the exchange operator
 * </pre>
 */
public final class FeeScheduleCommand extends Flyweight
{
    public static final int KIND_OFFSET = 8;
    public static final int MAKER_BPS_OFFSET = 12;
    public static final int TAKER_BPS_OFFSET = 16;
    public static final int ACTOR_OFFSET = 20;
    public static final int BLOCK_LENGTH = 40;

    @Override
    protected int encodedType()
    {
        return MessageType.FEE_SCHEDULE;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** {@link Codes.ProductKind} */
    public byte kind()
    {
        return getByte(KIND_OFFSET);
    }

    public FeeScheduleCommand kind(final byte value)
    {
        putByte(KIND_OFFSET, value);
        return this;
    }
    public int makerBps()
    {
        return getInt(MAKER_BPS_OFFSET);
    }

    public FeeScheduleCommand makerBps(final int value)
    {
        putInt(MAKER_BPS_OFFSET, value);
        return this;
    }
    public int takerBps()
    {
        return getInt(TAKER_BPS_OFFSET);
    }

    public FeeScheduleCommand takerBps(final int value)
    {
        putInt(TAKER_BPS_OFFSET, value);
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
}
