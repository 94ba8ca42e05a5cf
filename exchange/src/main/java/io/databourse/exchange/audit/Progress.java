package io.databourse.exchange.audit;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress bar for long runs, on standard error: records done of the total, records per second
 * and the time left, redrawn in place at most ten times a second. It is drawn only when standard
 * error is a terminal ({@code bin/databourse} says so with {@code -Ddatabourse.progress=tty}): piped or
 * redirected, a run prints nothing extra.
 */
final class Progress implements AutoCloseable
{
    static final String PROPERTY = "databourse.progress";
    private static final long REDRAW_NS = 100_000_000L;
    private static final int WIDTH = 30;

    private final boolean enabled;
    private final String what;
    private final long total;
    private final PrintWriter err;
    private final LongSupplier clock;
    private final long startNs;
    private long lastDrawNs;
    private long done;
    private boolean drawn;

    Progress(final boolean enabled, final String what, final long total, final PrintWriter err, final LongSupplier clock)
    {
        this.enabled = enabled;
        this.what = what;
        this.total = total;
        this.err = err;
        this.clock = clock;
        this.startNs = clock.getAsLong();
        this.lastDrawNs = startNs;
    }

    /** A bar on {@code err} when standard error is a terminal, else one that draws nothing. */
    static Progress of(final String what, final long total, final PrintWriter err)
    {
        return new Progress(isTerminal(), what, total, err, System::nanoTime);
    }

    /** Whether standard error is a terminal, as the launcher found ({@code [ -t 2 ]}). */
    static boolean isTerminal()
    {
        return "tty".equals(System.getProperty(PROPERTY));
    }

    /** Records done so far; cheap enough to call for every record. */
    void update(final long recordsDone)
    {
        done = recordsDone;
        if (enabled && (recordsDone & 0xFFF) == 0)
        {
            final long now = clock.getAsLong();
            if (now - lastDrawNs >= REDRAW_NS)
            {
                lastDrawNs = now;
                draw(now);
            }
        }
    }

    private void draw(final long now)
    {
        err.print('\r');
        err.print(line(now));
        err.print("\u001b[K"); // erase what a longer line before left
        err.flush();
        drawn = true;
    }

    /** The bar as it reads at {@code now}. */
    String line(final long now)
    {
        final double seconds = Math.max(1e-9, (now - startNs) / 1e9);
        final double rate = done / seconds;
        final StringBuilder sb = new StringBuilder(what).append(' ');
        if (total > 0)
        {
            final double fraction = Math.min(1.0, (double)done / total);
            final int filled = (int)(fraction * WIDTH);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%% ", (int)(fraction * 100)));
        }
        sb.append(String.format(Locale.ROOT, "%,d", done));
        if (total > 0)
        {
            sb.append(String.format(Locale.ROOT, "/%,d", total));
        }
        sb.append(" records, ").append(rate(rate)).append(" records/s");
        if (total > 0 && rate > 0 && done < total)
        {
            final long left = (long)((total - done) / rate);
            sb.append(String.format(Locale.ROOT, ", ETA %d:%02d", left / 60, left % 60));
        }
        return sb.toString();
    }

    private static String rate(final double perSecond)
    {
        if (perSecond >= 1e6)
        {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3)
        {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    @Override
    public void close()
    {
        if (enabled && drawn)
        {
            draw(clock.getAsLong());
            err.println();
            err.flush();
        }
    }
}
