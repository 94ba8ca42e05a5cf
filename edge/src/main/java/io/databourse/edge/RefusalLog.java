package io.databourse.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One line per refusal, naming the address and why, never a stack trace; and never a flood: the
 * same refusal from the same address is written at most once per {@code quietMs}, the next line
 * telling how many were left out. Thread-safe.
 */
public final class RefusalLog
{
    private static final int KEYS_MAX = 4_096;

    private final Consumer<String> out;
    private final long quietMs;
    private final Map<String, long[]> lastByKey = new HashMap<>();

    /** @param out where lines go (the launcher prints them with a timestamp) */
    public RefusalLog(final Consumer<String> out, final long quietMs)
    {
        this.out = out;
        this.quietMs = quietMs;
    }

    public RefusalLog(final Consumer<String> out)
    {
        this(out, 1_000);
    }

    /** Logs "refused {what} from {address}: {why}" unless the same was logged in the last quietMs. */
    public void refuse(final String what, final String address, final String why, final long nowMs)
    {
        final String key = what + '\u0000' + address + '\u0000' + why;
        final long suppressed;
        synchronized (lastByKey)
        {
            long[] last = lastByKey.get(key);
            if (null != last && nowMs - last[0] < quietMs)
            {
                last[1]++;
                return;
            }
            if (null == last)
            {
                if (lastByKey.size() >= KEYS_MAX)
                {
                    lastByKey.clear();
                }
                last = new long[2];
                lastByKey.put(key, last);
            }
            suppressed = last[1];
            last[0] = nowMs;
            last[1] = 0;
        }
        out.accept("refused " + what + " from " + address + ": " + why +
            (suppressed > 0 ? " (and " + suppressed + " more like it before this)" : ""));
    }

    public void refuse(final String what, final String address, final String why)
    {
        refuse(what, address, why, System.currentTimeMillis());
    }
}
