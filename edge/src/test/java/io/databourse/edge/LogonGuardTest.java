package io.databourse.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogonGuardTest
{
    private final LogonGuard guard = new LogonGuard(new LogonGuard.Settings(3, 1_000, 8_000, 6, 60_000, 4));

    @Test
    void failuresBackOffThenLockTheAccountAndTheAddress()
    {
        long now = 1_000_000;
        for (int i = 0; i < 3; i++)
        {
            assertEquals(0, guard.waitMs("P1", "10.0.0.9", now));
            guard.onFailure("P1", "10.0.0.9", now);
        }
        // Free failures spent: each next one doubles the wait.
        assertEquals(0, guard.waitMs("P1", "10.0.0.9", now));
        guard.onFailure("P1", "10.0.0.9", now);
        assertEquals(1_000, guard.waitMs("P1", "10.0.0.9", now));
        assertEquals(1_000, guard.waitMs("P2", "10.0.0.9", now), "the address backs off for every account");
        assertEquals(1_000, guard.waitMs("P1", "10.0.0.7", now), "the account backs off from every address");
        assertEquals(0, guard.waitMs("P2", "10.0.0.7", now));
        now += 1_000;
        guard.onFailure("P1", "10.0.0.9", now);
        assertEquals(2_000, guard.waitMs("P1", "10.0.0.9", now));
        assertFalse(guard.isLocked("P1", "10.0.0.9", now));
        now += 2_000;
        guard.onFailure("P1", "10.0.0.9", now);
        assertTrue(guard.isLocked("P1", "10.0.0.9", now));
        assertEquals(60_000, guard.waitMs("P1", "10.0.0.9", now));
        assertTrue(guard.refused() > 0);
        // Forgotten a lockout after the last failure.
        now += 60_000;
        assertEquals(0, guard.waitMs("P1", "10.0.0.9", now));
        assertFalse(guard.isLocked("P1", "10.0.0.9", now));
    }

    @Test
    void aSuccessClearsItsAccountNotItsAddress()
    {
        final long now = 5_000;
        for (int i = 0; i < 4; i++)
        {
            guard.onFailure("P1", "10.0.0.9", now);
        }
        guard.onSuccess("P1");
        assertEquals(0, guard.waitMs("P1", "10.0.0.8", now));
        assertEquals(1_000, guard.waitMs("P1", "10.0.0.9", now));
    }

    @Test
    void checksQueuedTogetherStopHashingOnceTheGuardSaysWait()
    {
        final int[] hashed = {0};
        int throttled = 0;
        for (int i = 0; i < 50; i++)
        {
            final LogonGuard.Verdict verdict = guard.checkPassword("P1", "10.0.0.9", () ->
            {
                hashed[0]++;
                return false;
            }, () -> 7_000);
            throttled += verdict == LogonGuard.Verdict.THROTTLED ? 1 : 0;
        }
        // 3 free failures and the one that starts the backoff were checked; the other 46 never hashed.
        assertEquals(4, hashed[0]);
        assertEquals(46, throttled);
        assertEquals(LogonGuard.Verdict.PASSED, guard.checkPassword("P2", "10.0.0.8", () -> true, () -> 7_000));
    }

    @Test
    void theTablesAreBounded()
    {
        for (int i = 0; i < 100; i++)
        {
            guard.onFailure("A" + i, "10.0.1." + i, i);
        }
        // Only the 4 most recent are kept: the first ones are forgotten, the last ones still count.
        for (int i = 0; i < 3; i++)
        {
            guard.onFailure("A99", "10.0.1.99", 100);
        }
        assertEquals(1_000, guard.waitMs("A99", "10.0.9.9", 100));
    }
}
