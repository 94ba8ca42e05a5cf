package io.databourse.surveillance;

/**
 * Every numeric threshold and bound of the surveillance stage, with its system property (prefixed
 * {@value #PREFIX}), default and allowed range. docs/surveillance.md lists them all (a test keeps
 * the two in step). Times are journal time (the sequencer's stamps), never the wall clock.
 */
public enum SurveillanceSetting
{
    WASH_WINDOW_MS("wash.window.ms", 600_000, 1, Limits.DAY_MS,
        "a round trip (A sells to B, then B sells the product back to A) counts when both legs fall within this time"),
    WASH_PRICE_TOLERANCE_BPS("wash.price.tolerance.bps", 50, 0, 10_000,
        "... and the second leg's price is within this many basis points of the first's"),
    WASH_QTY_TOLERANCE_PERCENT("wash.qty.tolerance.percent", 10, 0, 100,
        "... and its quantity within this percent of the first's"),

    CIRCLE_WINDOW_MS("circle.window.ms", 1_800_000, 1, Limits.DAY_MS,
        "a circle A sells to B, B to C, C back to A (one product) counts when its three legs fall within this time"),
    CIRCLE_PRICE_TOLERANCE_BPS("circle.price.tolerance.bps", 100, 0, 10_000,
        "... and every leg's price is within this many basis points of the first leg's"),
    CIRCLE_QTY_TOLERANCE_PERCENT("circle.qty.tolerance.percent", 20, 0, 100,
        "... and every leg's quantity within this percent of the first leg's"),

    SPOOF_CANCEL_WINDOW_MS("spoof.cancel.window.ms", 60_000, 1, Limits.DAY_MS,
        "an order counts as a spoof when its owner cancels it at most this long after trading on the other side"),
    SPOOF_SIZE_MULTIPLE("spoof.size.multiple", 5, 1, 1_000_000,
        "... its open quantity is at least this many times that trade's, and it was entered before that trade"),
    SPOOF_ORDER_TRADE_RATIO_MIN("spoof.order.trade.ratio.min", 4, 1, 1_000_000,
        "... and the owner's orders entered per trade, over spoof.ratio.window.ms, are at least this"),
    SPOOF_RATIO_WINDOW_MS("spoof.ratio.window.ms", 3_600_000, 1_000, Limits.DAY_MS,
        "the window of the order-to-trade ratio (counted in 16 buckets)"),

    RAMP_WINDOW_MS("ramp.window.ms", 300_000, 1, Limits.DAY_MS,
        "price ramping: the last price moves within this time, measured from the price before the window's first trade"),
    RAMP_MOVE_BPS("ramp.move.bps", 500, 1, 1_000_000,
        "... by at least this many basis points, in the direction of one participant's aggressive trades"),
    RAMP_SHARE_PERCENT("ramp.share.percent", 50, 1, 100,
        "... who made at least this percent of the window's traded quantity as aggressor in that direction"),
    RAMP_TRADES_MIN("ramp.trades.min", 3, 1, 1_000,
        "... at least this many of which each moved the last price further that way (one jump is a deviation, not a ramp)"),
    CLOSE_WINDOW_MS("close.window.ms", 1_800_000, 0, Limits.DAY_MS,
        "marking the close: a compute product's trades this close to its window's opening are judged against"),
    CLOSE_MOVE_BPS("close.move.bps", 200, 1, 1_000_000,
        "... this smaller move (basis points)"),

    DEVIATION_BPS("deviation.bps", 1_000, 1, 1_000_000,
        "price deviation: a fill at least this many basis points away from the product's VWAP"),
    VWAP_WINDOW_MS("vwap.window.ms", 3_600_000, 1_000, Limits.DAY_MS,
        "the VWAP is over the trades of this trailing window (16 buckets), before the fill judged"),
    VWAP_TRADES_MIN("vwap.trades.min", 5, 1, 1_000_000,
        "... and is only judged against once it holds this many trades"),

    CONCENTRATION_PERCENT("concentration.percent", 30, 1, 100,
        "concentration: one participant's net bought units exceed this percent of the units issued"),
    CONCENTRATION_UNITS_MIN("concentration.units.min", 10, 1, Long.MAX_VALUE,
        "... of a product that has at least this many units issued (inventory, or node-hours for compute)"),

    REFUSALS_COUNT("refusals.count", 3, 1, 1_000,
        "refusals worth a look: this many refusals of one participant for one watched reason"),
    REFUSALS_WINDOW_MS("refusals.window.ms", 3_600_000, 1, Limits.DAY_MS,
        "... within this time"),

    ALERT_COOLDOWN_MS("alert.cooldown.ms", 600_000, 0, Limits.DAY_MS,
        "ramping, deviation and refusal alerts of one type, participant and product are raised at most once per this time"),

    RECENT_TRADES_MAX("recent.trades.max", 32_768, 16, 1 << 22,
        "trades remembered for the windows (power of two): the horizon is this many trades or the window, whichever is shorter"),
    RECENT_ORDERS_MAX("recent.orders.max", 16_384, 16, 1 << 22,
        "order entries remembered (power of two), to name when an order of the evidence was entered"),
    CHAIN_WALK_MAX("chain.walk.max", 256, 1, 1 << 20,
        "most earlier trades a detector visits for one new trade"),
    PARTICIPANTS_MAX("participants.max", 4_096, 1, 1 << 20,
        "participant indexes the stage can hold"),
    PRODUCTS_MAX("products.max", 4_096, 1, 1 << 20,
        "product indexes the stage can hold"),
    TIMELINE_RECORDS_MAX("timeline.records.max", 1_000_000, 1, Long.MAX_VALUE,
        "most journal records an evidence timeline reads"),
    CHECKPOINT_INTERVAL_MS("checkpoint.interval.ms", 1_000, 0, Limits.DAY_MS,
        "least time between two checkpoints of the stage (its snapshot holds the recent trades and orders: megabytes)");

    public static final String PREFIX = "databourse.surveillance.";

    private final String propertyName;
    private final long defaultValue;
    private final long min;
    private final long max;
    private final String description;

    SurveillanceSetting(
        final String name, final long defaultValue, final long min, final long max, final String description)
    {
        this.propertyName = PREFIX + name;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.description = description;
    }

    public String propertyName()
    {
        return propertyName;
    }

    public long defaultValue()
    {
        return defaultValue;
    }

    public long min()
    {
        return min;
    }

    public long max()
    {
        return max;
    }

    public String description()
    {
        return description;
    }

    /** Named bounds the table above shares. */
    private static final class Limits
    {
        static final long DAY_MS = 86_400_000L;
    }
}
