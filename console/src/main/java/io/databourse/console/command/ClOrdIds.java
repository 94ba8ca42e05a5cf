package io.databourse.console.command;

/**
 * ClOrdIDs for the console's orders and requests: {@code W} + base-36 of a counter started from
 * the wall clock's milliseconds x 1000 at launch, so ids keep growing across restarts and never
 * repeat one an earlier run gave (unless more than 1000 a millisecond were issued for longer than
 * the restart took). At most 13 characters (the matcher allows 20). Confined to the HTTP loop.
 */
public final class ClOrdIds
{
    static final String PREFIX = "W";
    private long next;

    public ClOrdIds(final long epochMs)
    {
        if (epochMs <= 0)
        {
            throw new IllegalArgumentException("epochMs must be positive");
        }
        next = epochMs * 1000;
    }

    public String next()
    {
        final String id = PREFIX + Long.toString(next++, 36).toUpperCase(java.util.Locale.ROOT);
        assert id.length() <= 20 : id;
        return id;
    }
}
