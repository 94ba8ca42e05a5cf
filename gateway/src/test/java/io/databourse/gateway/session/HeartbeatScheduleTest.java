package io.databourse.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Heartbeats, test requests and the timeout, from the times alone (QuickFIX/J's 1, 1.5 and 2.4 intervals). */
class HeartbeatScheduleTest
{
    @Test
    void heartbeatWhenIdleTestRequestWhenSilentTimeoutWhenGone()
    {
        final HeartbeatSchedule schedule = new HeartbeatSchedule(0);
        schedule.intervalS(10);
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(9_999, 0));
        assertEquals(HeartbeatSchedule.HEARTBEAT, schedule.due(10_000, 0));
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(14_000, 10_000), "a heartbeat was just sent");

        assertEquals(HeartbeatSchedule.TEST_REQUEST, schedule.due(15_000, 10_000));
        assertEquals(1, schedule.testRequestsUnanswered());
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(21_000, 15_000), "no heartbeat while a test request waits");
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(23_999, 15_000));
        assertEquals(HeartbeatSchedule.TIMEOUT, schedule.due(24_000, 15_000));
    }

    @Test
    void anAnswerResetsTheCountAndTheSilence()
    {
        final HeartbeatSchedule schedule = new HeartbeatSchedule(0);
        schedule.intervalS(10);
        assertEquals(HeartbeatSchedule.TEST_REQUEST, schedule.due(15_000, 15_000));
        schedule.onReceived(16_000);
        schedule.onVerified();
        assertEquals(0, schedule.testRequestsUnanswered());
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(30_999, 25_000));
        assertEquals(HeartbeatSchedule.TEST_REQUEST, schedule.due(31_000, 25_000));
        // One test request unanswered again: no heartbeat, and the next only after 3 intervals of silence.
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(35_000, 31_000));
    }

    @Test
    void offWithoutAnInterval()
    {
        final HeartbeatSchedule schedule = new HeartbeatSchedule(0);
        schedule.intervalS(0);
        assertEquals(HeartbeatSchedule.NOTHING, schedule.due(1_000_000, 0));
    }
}
