package io.databourse.journal.schema;

/**
 * An entitlement a buy fill of a metered data or algorithm product granted its buyer, as the matcher
 * recorded it: the units (usage units, or algorithm runs), their expiry, the rights and purpose they
 * carry. A primary sale (the owner selling) grants a fresh entitlement; a resale hands on what is left
 * of the seller's, each piece with its original expiry, in one event per piece ({@code fromParticipant}
 * the seller). Consumers post these; they never re-derive a grant from the product's terms.
 * <p>Type {@link MessageType#ENTITLEMENT_GRANTED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participant int - the buyer
 *    12 product int
 *    16 tradeId long - the fill that granted it
 *    24 units long - usage units (data) or runs (algorithm) granted
 *    32 expiryNs long - epoch ns; Long.MAX_VALUE: never
 *    40 seats long - algorithm seats; 0 otherwise
 *    48 fromParticipant int - the reseller whose entitlement this piece was; -1 for a primary sale
 *    52 rights byte - {@link Codes.Rights} bit set
 *    53 purpose byte - {@link Codes.Purpose} the buyer declared
 * </pre>
 */
public final class EntitlementEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 12;
    public static final int TRADE_ID_OFFSET = 16;
    public static final int UNITS_OFFSET = 24;
    public static final int EXPIRY_NS_OFFSET = 32;
    public static final int SEATS_OFFSET = 40;
    public static final int FROM_PARTICIPANT_OFFSET = 48;
    public static final int RIGHTS_OFFSET = 52;
    public static final int PURPOSE_OFFSET = 53;
    public static final int BLOCK_LENGTH = 56;

    @Override
    protected int encodedType()
    {
        return MessageType.ENTITLEMENT_GRANTED;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    /** the buyer */
    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public EntitlementEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }

    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public EntitlementEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }

    /** the fill that granted it */
    public long tradeId()
    {
        return getLong(TRADE_ID_OFFSET);
    }

    public EntitlementEvent tradeId(final long value)
    {
        putLong(TRADE_ID_OFFSET, value);
        return this;
    }

    /** usage units (data) or runs (algorithm) granted */
    public long units()
    {
        return getLong(UNITS_OFFSET);
    }

    public EntitlementEvent units(final long value)
    {
        putLong(UNITS_OFFSET, value);
        return this;
    }

    /** epoch ns; Long.MAX_VALUE: never */
    public long expiryNs()
    {
        return getLong(EXPIRY_NS_OFFSET);
    }

    public EntitlementEvent expiryNs(final long value)
    {
        putLong(EXPIRY_NS_OFFSET, value);
        return this;
    }

    /** algorithm seats; 0 otherwise */
    public long seats()
    {
        return getLong(SEATS_OFFSET);
    }

    public EntitlementEvent seats(final long value)
    {
        putLong(SEATS_OFFSET, value);
        return this;
    }

    /** the reseller whose entitlement this piece was; -1 for a primary sale */
    public int fromParticipant()
    {
        return getInt(FROM_PARTICIPANT_OFFSET);
    }

    public EntitlementEvent fromParticipant(final int value)
    {
        putInt(FROM_PARTICIPANT_OFFSET, value);
        return this;
    }

    /** {@link Codes.Rights} bit set */
    public byte rights()
    {
        return getByte(RIGHTS_OFFSET);
    }

    public EntitlementEvent rights(final byte value)
    {
        putByte(RIGHTS_OFFSET, value);
        return this;
    }

    /** {@link Codes.Purpose} the buyer declared */
    public byte purpose()
    {
        return getByte(PURPOSE_OFFSET);
    }

    public EntitlementEvent purpose(final byte value)
    {
        putByte(PURPOSE_OFFSET, value);
        return this;
    }
}
