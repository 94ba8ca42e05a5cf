package io.databourse.journal.schema;


/**
 * Fee rates of a product kind changed.
 * <p>Type {@link MessageType#FEES_SET}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 kind byte
 *    12 makerBps int
 *    16 takerBps int
 * </pre>
 */
public final class FeeScheduleEvent extends Flyweight
{
    public static final int KIND_OFFSET = 8;
    public static final int MAKER_BPS_OFFSET = 12;
    public static final int TAKER_BPS_OFFSET = 16;
    public static final int BLOCK_LENGTH = 24;

    @Override
    protected int encodedType()
    {
        return MessageType.FEES_SET;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public byte kind()
    {
        return getByte(KIND_OFFSET);
    }

    public FeeScheduleEvent kind(final byte value)
    {
        putByte(KIND_OFFSET, value);
        return this;
    }
    public int makerBps()
    {
        return getInt(MAKER_BPS_OFFSET);
    }

    public FeeScheduleEvent makerBps(final int value)
    {
        putInt(MAKER_BPS_OFFSET, value);
        return this;
    }
    public int takerBps()
    {
        return getInt(TAKER_BPS_OFFSET);
    }

    public FeeScheduleEvent takerBps(final int value)
    {
        putInt(TAKER_BPS_OFFSET, value);
        return this;
    }
}
