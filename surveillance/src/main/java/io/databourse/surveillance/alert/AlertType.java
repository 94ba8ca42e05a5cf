package io.databourse.surveillance.alert;

/** What a detector saw. Wire names are stable: alerts are persisted and exported with them. */
public enum AlertType
{
    /** Buyer and seller of one group, or a round trip between two participants at no economic change. */
    WASH_TRADE("wash_trade"),
    /** A product sold around a circle of three participants back to where it started. */
    CIRCULAR_TRADE("circular_trade"),
    /** Large orders on one side cancelled right after their owner traded on the other side. */
    SPOOFING("spoofing"),
    /** One participant's aggressive trades moved the last price by more than the threshold. */
    PRICE_RAMPING("price_ramping"),
    /** The same, shortly before a compute product's delivery window opens. */
    MARKING_THE_CLOSE("marking_the_close"),
    /** A fill far from the product's VWAP. */
    PRICE_DEVIATION("price_deviation"),
    /** One participant holds more than the threshold share of a product's units. */
    CONCENTRATION("concentration"),
    /** Repeated refusals of one participant for a watched reason (core data, cross-border, quota). */
    REFUSALS("refusals");

    private static final AlertType[] VALUES = values();

    private final String wireName;

    AlertType(final String wireName)
    {
        this.wireName = wireName;
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
