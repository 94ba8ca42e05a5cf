package io.databourse.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Lockout after the free failures, doubling up to the cap, cleared by a success; bounded and failing closed. */
class LoginThrottleTest
{
    private static final long S = 1_000_000_000L;
    private final AtomicLong nowNs = new AtomicLong(S);

    @Test
    void locksAfterTheFreeFailuresAndDoublesUpToTheCap()
    {
        final LoginThrottle throttle = new LoginThrottle(nowNs::get, 3, 10 * S, 35 * S, 100);
        throttle.onFailure("account:P1");
        throttle.onFailure("account:P1");
        assertEquals(0, throttle.lockedForS("account:P1"), "two failures are free");
        throttle.onFailure("account:P1");
        assertEquals(10, throttle.lockedForS("account:P1"));
        nowNs.addAndGet(10 * S);
        assertEquals(0, throttle.lockedForS("account:P1"));
        throttle.onFailure("account:P1");
        assertEquals(20, throttle.lockedForS("account:P1"), "doubled");
        throttle.onFailure("account:P1");
        assertEquals(35, throttle.lockedForS("account:P1"), "capped");
        assertEquals(0, throttle.lockedForS("account:P2"), "per key");
        throttle.onSuccess("account:P1");
        assertEquals(0, throttle.lockedForS("account:P1"));
    }

    @Test
    void aFullTableForgetsUnlockedKeysAndOtherwiseFailsClosed()
    {
        final LoginThrottle throttle = new LoginThrottle(nowNs::get, 1, 10 * S, 10 * S, 2);
        throttle.onFailure("a");
        throttle.onFailure("b");
        assertTrue(throttle.lockedForS("c") > 0, "every tracked key is locked: a new one is refused");
        nowNs.addAndGet(11 * S);
        assertEquals(0, throttle.lockedForS("c"), "unlocked keys are forgotten to make room");
    }
}
