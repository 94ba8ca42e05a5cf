package io.databourse.journal.idle;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdleStrategiesTest
{
    @AfterEach
    void clearProperties()
    {
        System.clearProperty(IdleStrategies.PROP);
        System.clearProperty(IdleStrategies.DRIVER_PROP);
    }

    @Test
    void ordersPathLingersOnYieldsBeforeParkingByDefault()
    {
        final IdleStrategy idle = IdleStrategies.configured();
        assertInstanceOf(BackoffIdleStrategy.class, idle);
        final String description = idle.toString();
        assertTrue(description.contains("maxYields=" + IdleStrategies.LINGER_YIELDS), description);
        assertTrue(description.contains("maxParkPeriodNs=1000000"), description);
    }

    @Test
    void mediaDriverBacksOffByDefaultButFollowsAnExplicitChoice()
    {
        assertTrue(IdleStrategies.driverConfigured().toString().contains("maxYields=10,"),
            IdleStrategies.driverConfigured().toString());
        System.setProperty(IdleStrategies.PROP, "yield");
        assertInstanceOf(YieldingIdleStrategy.class, IdleStrategies.driverConfigured());
        System.setProperty(IdleStrategies.DRIVER_PROP, "sleep");
        assertInstanceOf(SleepingMillisIdleStrategy.class, IdleStrategies.driverConfigured());
        assertInstanceOf(YieldingIdleStrategy.class, IdleStrategies.configured());
    }

    @Test
    void everyNameIsKnownAndAnUnknownOneIsRefused()
    {
        assertInstanceOf(BusySpinIdleStrategy.class, IdleStrategies.fromName("busy"));
        assertInstanceOf(BackoffIdleStrategy.class, IdleStrategies.fromName("backoff"));
        assertInstanceOf(BackoffIdleStrategy.class, IdleStrategies.fromName("linger"));
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> IdleStrategies.fromName("spin"));
        assertEquals("unknown idle strategy \"spin\": linger, backoff, yield, sleep or busy", ex.getMessage());
    }

    @Test
    void socketPollingLoopsLingerAsTheNamedStrategyDoes()
    {
        assertEquals(IdleStrategies.LINGER_YIELDS, IdleStrategies.lingerPolls("linger"));
        assertEquals(0, IdleStrategies.lingerPolls("backoff"));
        assertEquals(0, IdleStrategies.lingerPolls("sleep"));
        assertEquals(Integer.MAX_VALUE, IdleStrategies.lingerPolls("yield"));
        assertEquals(Integer.MAX_VALUE, IdleStrategies.lingerPolls("busy"));
        assertThrows(IllegalArgumentException.class, () -> IdleStrategies.lingerPolls("spin"));
    }
}
