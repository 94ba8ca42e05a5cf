package io.databourse.console.auth;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.agrona.concurrent.NanoClock;

/**
 * Failed-login lockout, kept per key (the console keys it by account and by client address, and a
 * login is refused while either is locked). After {@code failuresFree} consecutive failures a key
 * is locked for {@code lockoutNs}, doubled at each further failure up to {@code lockoutMaxNs}; a
 * successful login clears the account's key. Bounded: at most {@code keysMax} keys; when full,
 * keys not locked are forgotten first, and if every key is locked the new one is treated as locked
 * (fail closed). Confined to the HTTP event loop.
 */
public final class LoginThrottle
{
    private static final class Entry
    {
        int failures;
        long lockedUntilNs;
    }

    private final NanoClock clock;
    private final int failuresFree;
    private final long lockoutNs;
    private final long lockoutMaxNs;
    private final int keysMax;
    private final Map<String, Entry> entries = new HashMap<>();

    public LoginThrottle(final NanoClock clock, final int failuresFree, final long lockoutNs, final long lockoutMaxNs,
        final int keysMax)
    {
        if (failuresFree < 1 || lockoutNs <= 0 || lockoutMaxNs < lockoutNs || keysMax < 1)
        {
            throw new IllegalArgumentException("bad login throttle settings");
        }
        this.clock = clock;
        this.failuresFree = failuresFree;
        this.lockoutNs = lockoutNs;
        this.lockoutMaxNs = lockoutMaxNs;
        this.keysMax = keysMax;
    }

    /** Seconds the key stays locked (at least 1), or 0 when a login may be tried. */
    public long lockedForS(final String key)
    {
        final Entry e = entries.get(key);
        if (null == e)
        {
            return entries.size() >= keysMax && 0 == forgetUnlocked() ? 1 : 0;
        }
        final long leftNs = e.lockedUntilNs - clock.nanoTime();
        return leftNs <= 0 ? 0 : Math.max(1, (leftNs + 999_999_999L) / 1_000_000_000L);
    }

    public void onFailure(final String key)
    {
        Entry e = entries.get(key);
        if (null == e)
        {
            if (entries.size() >= keysMax && 0 == forgetUnlocked())
            {
                return;
            }
            e = new Entry();
            entries.put(key, e);
        }
        e.failures++;
        if (e.failures >= failuresFree)
        {
            final int doublings = Math.min(20, e.failures - failuresFree);
            final long ns = Math.min(lockoutMaxNs, lockoutNs << doublings);
            e.lockedUntilNs = clock.nanoTime() + (ns > 0 ? ns : lockoutMaxNs);
        }
    }

    public void onSuccess(final String key)
    {
        entries.remove(key);
    }

    private int forgetUnlocked()
    {
        final long nowNs = clock.nanoTime();
        int removed = 0;
        for (final Iterator<Entry> it = entries.values().iterator(); it.hasNext(); )
        {
            final Entry e = it.next();
            if (e.lockedUntilNs - nowNs <= 0)
            {
                it.remove();
                removed++;
            }
        }
        return removed;
    }
}
