package io.databourse.exchange;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Idle strategies by name. On a 2-core machine busy-spinning threads starve each other, so the
 * default backs off to parking; "busy" is for pinned benchmarks on machines with cores to spare.
 */
public final class IdleStrategies
{
    public static final String PROP = "databourse.idle";
    public static final String DEFAULT = "backoff";
    public static final String DRIVER_PROP = "databourse.driver.idle";

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
            case "backoff": return new BackoffIdleStrategy(100, 10, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
            default: throw new IllegalArgumentException("unknown idle strategy \"" + name +
                "\": busy, yield, sleep or backoff");
        }
    }

    public static IdleStrategy configured()
    {
        return fromName(System.getProperty(PROP, DEFAULT));
    }

    /**
     * The embedded media driver's strategy: {@value #DRIVER_PROP} if set, else the one of
     * {@link #configured()}. Over IPC the driver only advances publication limits and cleans up, so
     * it can back off while the matcher and the gateways keep the two cores.
     */
    public static IdleStrategy driverConfigured()
    {
        return fromName(System.getProperty(DRIVER_PROP, System.getProperty(PROP, DEFAULT)));
    }
}
