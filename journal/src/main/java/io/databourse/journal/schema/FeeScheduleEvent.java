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
        return buffer.getByte(offset + KIND_OFFSET);
    }

    public FeeScheduleEvent kind(final byte value)
    {
        buffer.putByte(offset + KIND_OFFSET, value);
        return this;
    }
    public int makerBps()
    {
        return buffer.getInt(offset + MAKER_BPS_OFFSET);
    }

    public FeeScheduleEvent makerBps(final int value)
    {
        buffer.putInt(offset + MAKER_BPS_OFFSET, value);
        return this;
    }
    public int takerBps()
    {
        return buffer.getInt(offset + TAKER_BPS_OFFSET);
    }

    public FeeScheduleEvent takerBps(final int value)
    {
        buffer.putInt(offset + TAKER_BPS_OFFSET, value);
        return this;
    }
}
