package io.databourse.journal.schema;


/**
 * The trading day ended; Day orders expired (each also has its own event).
 * <p>Type {@link MessageType#DAY_ENDED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 expiredCount int
 * </pre>
 */
public final class DayEndedEvent extends Flyweight
{
    public static final int EXPIRED_COUNT_OFFSET = 8;
    public static final int BLOCK_LENGTH = 16;

    @Override
    protected int encodedType()
    {
        return MessageType.DAY_ENDED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public int expiredCount()
    {
        return getInt(EXPIRED_COUNT_OFFSET);
    }

    public DayEndedEvent expiredCount(final int value)
    {
        putInt(EXPIRED_COUNT_OFFSET, value);
        return this;
    }
}
