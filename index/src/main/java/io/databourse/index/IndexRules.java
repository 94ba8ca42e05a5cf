package io.databourse.index;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The index methodology's settings (docs/indexes.md), immutable. Defaults: a 24-hour window counted
 * in whole minutes, at least 3 trades for a compute index or a product mark to be current, the UTC
 * calendar day, data-category indexes based at 1000.00. Each is overridable by a system property;
 * a bad value is refused by name. Every consumer that publishes or checks index values must use the
 * same rules (the `indexes` command takes the same properties).
 */
public final class IndexRules
{
    public static final String WINDOW_HOURS_PROP_NAME = "databourse.index.window.hours";
    public static final String BUCKET_SECONDS_PROP_NAME = "databourse.index.bucket.seconds";
    public static final String MIN_TRADES_PROP_NAME = "databourse.index.min.trades";
    public static final String MARK_MIN_TRADES_PROP_NAME = "databourse.index.mark.min.trades";
    public static final String ZONE_PROP_NAME = "databourse.index.zone";

    public static final int WINDOW_HOURS_DEFAULT = 24;
    public static final int BUCKET_SECONDS_DEFAULT = 60;
    public static final int MIN_TRADES_DEFAULT = 3;
    public static final int MARK_MIN_TRADES_DEFAULT = 3;
    /** Data-category indexes start at 1000.00 points (hundredths). */
    public static final long BASE_LEVEL = 100_000L;

    private static final long NS_PER_S = 1_000_000_000L;

    private final long windowNs;
    private final long bucketNs;
    private final int minTrades;
    private final int markMinTrades;
    private final ZoneId zone;

    public IndexRules(
        final int windowHours, final int bucketSeconds, final int minTrades, final int markMinTrades, final ZoneId zone)
    {
        if (windowHours < 1 || windowHours > 24 * 366)
        {
            throw new IllegalArgumentException(WINDOW_HOURS_PROP_NAME + " must be 1..8784: " + windowHours);
        }
        if (bucketSeconds < 1 || bucketSeconds > 3600 || 3600 % bucketSeconds != 0)
        {
            throw new IllegalArgumentException(
                BUCKET_SECONDS_PROP_NAME + " must divide an hour (1..3600): " + bucketSeconds);
        }
        if (minTrades < 1 || minTrades > 1_000_000)
        {
            throw new IllegalArgumentException(MIN_TRADES_PROP_NAME + " must be 1..1000000: " + minTrades);
        }
        if (markMinTrades < 1 || markMinTrades > 1_000_000)
        {
            throw new IllegalArgumentException(MARK_MIN_TRADES_PROP_NAME + " must be 1..1000000: " + markMinTrades);
        }
        if (null == zone)
        {
            throw new IllegalArgumentException(ZONE_PROP_NAME + " is required");
        }
        this.windowNs = windowHours * 3_600L * NS_PER_S;
        this.bucketNs = bucketSeconds * NS_PER_S;
        this.minTrades = minTrades;
        this.markMinTrades = markMinTrades;
        this.zone = zone;
    }

    public static IndexRules defaults()
    {
        return new IndexRules(
            WINDOW_HOURS_DEFAULT, BUCKET_SECONDS_DEFAULT, MIN_TRADES_DEFAULT, MARK_MIN_TRADES_DEFAULT, ZoneOffset.UTC);
    }

    /** The defaults, each replaced by its system property when set; a bad value is refused by name. */
    public static IndexRules fromSystemProperties()
    {
        final String zone = System.getProperty(ZONE_PROP_NAME);
        final ZoneId zoneId;
        try
        {
            zoneId = null == zone ? ZoneOffset.UTC : ZoneId.of(zone);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalArgumentException(ZONE_PROP_NAME + " is not a time zone: " + zone, ex);
        }
        return new IndexRules(
            intProperty(WINDOW_HOURS_PROP_NAME, WINDOW_HOURS_DEFAULT),
            intProperty(BUCKET_SECONDS_PROP_NAME, BUCKET_SECONDS_DEFAULT),
            intProperty(MIN_TRADES_PROP_NAME, MIN_TRADES_DEFAULT),
            intProperty(MARK_MIN_TRADES_PROP_NAME, MARK_MIN_TRADES_DEFAULT),
            zoneId);
    }

    private static int intProperty(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        if (null == value)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " is not a whole number: " + value, ex);
        }
    }

    /** Length of the rolling window of compute indexes and product marks. */
    public long windowNs()
    {
        return windowNs;
    }

    /** The window moves in whole buckets: a trade counts until its bucket leaves the window. */
    public long bucketNs()
    {
        return bucketNs;
    }

    /** Buckets in a window. */
    public int windowBuckets()
    {
        return (int)(windowNs / bucketNs);
    }

    /** Trades a compute index needs in its window to be current ("live"). */
    public int minTrades()
    {
        return minTrades;
    }

    /** Trades a product needs in the window for its mark to be its window VWAP. */
    public int markMinTrades()
    {
        return markMinTrades;
    }

    /** Zone of the trading day (daily bars, data-category closes). */
    public ZoneId zone()
    {
        return zone;
    }

    /** One line naming every setting, printed by tools and kept with the outputs. */
    public String describe()
    {
        return "window " + windowNs / (3_600L * NS_PER_S) + " h in " + bucketNs / NS_PER_S + " s buckets, " +
            "index min trades " + minTrades + ", mark min trades " + markMinTrades + ", day zone " + zone.getId();
    }
}
