package io.databourse.journal.idle;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Idle strategies by name, for every module's agents (the embedded exchange, a gateway on its own,
 * the benches). On a 2-core machine busy-spinning threads starve each other, so nothing
 * spins by default; "busy" is for pinned benchmarks on machines with cores to spare.
 * <p>The default, "linger", is for the threads an order passes through (matcher, gateway event
 * poller): after work it keeps yielding for a few milliseconds before it parks. A parked thread on
 * an idle vCPU takes hundreds of microseconds to get back here, so with plain backoff a FIX round
 * trip at 1,000 orders/s had p50 360–430 µs; lingering, 38–101 µs (docs/fix.md). A yield gives the
 * CPU to any thread that wants it, so lingering threads do not starve the others, and after
 * {@link #LINGER_YIELDS} yields with nothing to do they back off to parking like "backoff": an idle
 * exchange costs what it did before (~1 % of a core a thread, for the parks).
 */
public final class IdleStrategies
{
    public static final String PROP = "databourse.idle";
    public static final String DEFAULT = "linger";
    public static final String DRIVER_PROP = "databourse.driver.idle";
    public static final String DRIVER_DEFAULT = "backoff";
    /** ~5 ms of yields where nothing else wants the CPU (a yield costs ~0.5 µs on the dev VM). */
    public static final int LINGER_YIELDS = 10_000;
    static final int SPINS = 100;
    static final long MIN_PARK_NS = TimeUnit.MICROSECONDS.toNanos(1);
    static final long MAX_PARK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private IdleStrategies()
    {
    }

    public static IdleStrategy fromName(final String name)
    {
        switch (name)
        {
            case "busy": return new BusySpinIdleStrategy();
            case "yield": return new YieldingIdleStrategy();
            case "sleep": return new SleepingMillisIdleStrategy(1);
            case "backoff": return new BackoffIdleStrategy(SPINS, 10, MIN_PARK_NS, MAX_PARK_NS);
            case "linger": return new BackoffIdleStrategy(SPINS, LINGER_YIELDS, MIN_PARK_NS, MAX_PARK_NS);
            default: throw new IllegalArgumentException("unknown idle strategy \"" + name +
                "\": linger, backoff, yield, sleep or busy");
        }
    }

    /**
     * How many idle turns a polling loop that can also block on its sockets (the gateway's I/O
     * threads) spends before it blocks, for a strategy name: it lingers as "linger" does, blocks at
     * once for "backoff" and "sleep", and never blocks for "yield" and "busy".
     */
    public static int lingerPolls(final String name)
    {
        fromName(name); // the same names, refused the same way
        switch (name)
        {
            case "linger": return LINGER_YIELDS;
            case "yield":
            case "busy": return Integer.MAX_VALUE;
            default: return 0;
        }
    }

    public static IdleStrategy configured()
    {
        return fromName(System.getProperty(PROP, DEFAULT));
    }

    /**
     * The embedded media driver's strategy: {@value #DRIVER_PROP} if set, else {@value #PROP} if set,
     * else {@value #DRIVER_DEFAULT}. Over IPC the driver only advances publication limits and cleans
     * up, so it backs off while the matcher and the gateways keep the two cores (a yielding driver
     * measured no faster round trip, and a longer tail).
     */
    public static IdleStrategy driverConfigured()
    {
        return fromName(System.getProperty(DRIVER_PROP, System.getProperty(PROP, DRIVER_DEFAULT)));
    }
}
