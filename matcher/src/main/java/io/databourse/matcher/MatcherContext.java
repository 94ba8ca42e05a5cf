package io.databourse.matcher;

/**
 * Limits of a matcher, fixed at start-up (TigerBeetle style: a limit on everything, allocate at
 * start, refuse when full). Defaults suit the embedded exchange; benchmarks raise them.
 */
public final class MatcherContext
{
    public static final String ORDERS_MAX_PROP = "databourse.matcher.orders.max";
    public static final int ORDERS_MAX_DEFAULT = 1 << 20;
    public static final String LEVELS_MAX_PROP = "databourse.matcher.levels.max";
    public static final int LEVELS_MAX_DEFAULT = 1 << 18;
    public static final String PARTICIPANTS_MAX_PROP = "databourse.matcher.participants.max";
    public static final int PARTICIPANTS_MAX_DEFAULT = 16_384;
    public static final String PRODUCTS_MAX_PROP = "databourse.matcher.products.max";
    public static final int PRODUCTS_MAX_DEFAULT = 16_384;
    /** Events one command may cause (mass cancel, end of day); the rest waits for a repeat. */
    public static final int FAN_OUT_EVENTS_MAX_DEFAULT = 100_000;
    /**
     * China's 2024 cross-border data flow rules: an exporter's personal-information records sent
     * abroad in a calendar year need its filed standard contract from this many on...
     */
    public static final String CROSS_BORDER_FILING_FROM_RECORDS_PROP = "databourse.matcher.crossBorder.filingFromRecords";
    public static final long CROSS_BORDER_FILING_FROM_RECORDS_DEFAULT = 100_000;
    /** ...and a regulator's approval of the product above this many. */
    public static final String CROSS_BORDER_APPROVAL_ABOVE_RECORDS_PROP = "databourse.matcher.crossBorder.approvalAboveRecords";
    public static final long CROSS_BORDER_APPROVAL_ABOVE_RECORDS_DEFAULT = 1_000_000;

    private int ordersMax = Integer.getInteger(ORDERS_MAX_PROP, ORDERS_MAX_DEFAULT);
    private int levelsMax = Integer.getInteger(LEVELS_MAX_PROP, LEVELS_MAX_DEFAULT);
    private int participantsMax = Integer.getInteger(PARTICIPANTS_MAX_PROP, PARTICIPANTS_MAX_DEFAULT);
    private int productsMax = Integer.getInteger(PRODUCTS_MAX_PROP, PRODUCTS_MAX_DEFAULT);
    private int fanOutEventsMax = FAN_OUT_EVENTS_MAX_DEFAULT;
    private long crossBorderFilingFromRecords =
        Long.getLong(CROSS_BORDER_FILING_FROM_RECORDS_PROP, CROSS_BORDER_FILING_FROM_RECORDS_DEFAULT);
    private long crossBorderApprovalAboveRecords =
        Long.getLong(CROSS_BORDER_APPROVAL_ABOVE_RECORDS_PROP, CROSS_BORDER_APPROVAL_ABOVE_RECORDS_DEFAULT);
    private int bookLevelsInitial = 64;
    private boolean concluded;

    public MatcherContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        concluded = true;
        requirePositive("ordersMax", ordersMax);
        requirePositive("levelsMax", levelsMax);
        requirePositive("participantsMax", participantsMax);
        requirePositive("productsMax", productsMax);
        requirePositive("fanOutEventsMax", fanOutEventsMax);
        requirePositive("bookLevelsInitial", bookLevelsInitial);
        if (crossBorderFilingFromRecords <= 0 || crossBorderApprovalAboveRecords < crossBorderFilingFromRecords)
        {
            throw new IllegalArgumentException("cross-border thresholds must satisfy 0 < filingFromRecords (" +
                crossBorderFilingFromRecords + ") <= approvalAboveRecords (" + crossBorderApprovalAboveRecords + ")");
        }
        return this;
    }

    private static void requirePositive(final String name, final int value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    public int ordersMax()
    {
        return ordersMax;
    }

    public MatcherContext ordersMax(final int value)
    {
        ordersMax = value;
        return this;
    }

    public int levelsMax()
    {
        return levelsMax;
    }

    public MatcherContext levelsMax(final int value)
    {
        levelsMax = value;
        return this;
    }

    public int participantsMax()
    {
        return participantsMax;
    }

    public MatcherContext participantsMax(final int value)
    {
        participantsMax = value;
        return this;
    }

    public int productsMax()
    {
        return productsMax;
    }

    public MatcherContext productsMax(final int value)
    {
        productsMax = value;
        return this;
    }

    public int fanOutEventsMax()
    {
        return fanOutEventsMax;
    }

    public MatcherContext fanOutEventsMax(final int value)
    {
        fanOutEventsMax = value;
        return this;
    }

    public int bookLevelsInitial()
    {
        return bookLevelsInitial;
    }

    public MatcherContext bookLevelsInitial(final int value)
    {
        bookLevelsInitial = value;
        return this;
    }

    /** Records a year from which an exporter's cross-border transfers need its filed standard contract. */
    public long crossBorderFilingFromRecords()
    {
        return crossBorderFilingFromRecords;
    }

    public MatcherContext crossBorderFilingFromRecords(final long value)
    {
        crossBorderFilingFromRecords = value;
        return this;
    }

    /** Records a year above which an exporter's cross-border transfers of a product need its approval. */
    public long crossBorderApprovalAboveRecords()
    {
        return crossBorderApprovalAboveRecords;
    }

    public MatcherContext crossBorderApprovalAboveRecords(final long value)
    {
        crossBorderApprovalAboveRecords = value;
        return this;
    }
}
