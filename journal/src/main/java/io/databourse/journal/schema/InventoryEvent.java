package io.databourse.journal.schema;


/**
 * Sellable inventory registered, with the total available after.
 * <p>Type {@link MessageType#INVENTORY_ADDED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participant int
 *    12 product int
 *    16 qty long
 *    24 availableQty long
 * </pre>
 */
public final class InventoryEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 12;
    public static final int QTY_OFFSET = 16;
    public static final int AVAILABLE_QTY_OFFSET = 24;
    public static final int BLOCK_LENGTH = 32;

    @Override
    protected int encodedType()
    {
        return MessageType.INVENTORY_ADDED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public InventoryEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public InventoryEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public InventoryEvent qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }
    public long availableQty()
    {
        return getLong(AVAILABLE_QTY_OFFSET);
    }

    public InventoryEvent availableQty(final long value)
    {
        putLong(AVAILABLE_QTY_OFFSET, value);
        return this;
    }
}
