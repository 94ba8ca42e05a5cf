package io.databourse.surveillance.alert;

/** What a detector saw. Wire names are stable: alerts are persisted and exported with them. */
public enum AlertType
{
    /** Buyer and seller of one group, or a round trip between two participants at no economic change. */
    WASH_TRADE("wash_trade", true),
    /** A product sold around a circle of three participants back to where it started. */
    CIRCULAR_TRADE("circular_trade", true),
    /** Large orders on one side cancelled right after their owner traded on the other side. */
    SPOOFING("spoofing", true),
    /** One participant's aggressive trades moved the last price by more than the threshold. */
    PRICE_RAMPING("price_ramping", true),
    /** The same, shortly before a compute product's delivery window opens. */
    MARKING_THE_CLOSE("marking_the_close", true),
    /** A fill far from the product's VWAP. */
    PRICE_DEVIATION("price_deviation", true),
    /** One participant holds more than the threshold share of a product's units. */
    CONCENTRATION("concentration", false),
    /** Repeated refusals of one participant for a watched reason (core data, cross-border, quota). */
    REFUSALS("refusals", false);

    private static final AlertType[] VALUES = values();

    private final String wireName;
    private final boolean flagsTrades;

    AlertType(final String wireName, final boolean flagsTrades)
    {
        this.wireName = wireName;
        this.flagsTrades = flagsTrades;
    }

    /**
     * Whether the trades this alert names are flagged: suspected manipulation, which a subsidy must
     * not reward. A concentration is a position, not a manipulative trade; refusals name no trade.
     */
    public boolean flagsTrades()
    {
        return flagsTrades;
    }

    public String wireName()
    {
        return wireName;
    }

    /** The type of a wire name; IllegalArgumentException naming it when unknown. */
    public static AlertType ofWireName(final String name)
    {
        for (final AlertType t : VALUES)
        {
            if (t.wireName.equals(name))
            {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown alert type: " + name);
    }
}
