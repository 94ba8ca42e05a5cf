package io.databourse.settlement;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TailerIdleStrategyTest
{
    @Test
    void looksAgainWithinMicrosecondsAfterRecordsAndSleepsTheConfiguredMaximumWhenIdle()
    {
        final IdleStrategy idle = SettlementPipeline.tailerIdleStrategy(1);
        assertInstanceOf(BackoffIdleStrategy.class, idle);
        final String d = idle.toString();
        assertTrue(d.contains("minParkPeriodNs=1000,"), d);
        assertTrue(d.contains("maxParkPeriodNs=1000000"), d);
    }

    @Test
    void aLongerConfiguredSleepIsTheCeilingAndZeroStillParks()
    {
        assertTrue(SettlementPipeline.tailerIdleStrategy(5).toString().contains("maxParkPeriodNs=5000000"));
        assertTrue(SettlementPipeline.tailerIdleStrategy(0).toString().contains("maxParkPeriodNs=1000"));
    }
}
