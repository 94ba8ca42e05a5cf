package io.databourse.edge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed-logon backoff and lockout, per account and per address: the first {@code failuresFree}
 * failures of an account (or from an address) cost nothing; each one after makes the next attempt
 * wait twice as long (from {@code backoffMs}, at most {@code backoffMaxMs}); at {@code lockoutFailures}
 * the account (or address) is locked for {@code lockoutMs}. An attempt refused here is refused
 * before its password is checked, so a guesser gets no answer and costs no hashing. A success
 * clears its account's failures (not its address's: one good account must not launder guesses at
 * others); failures are forgotten {@code lockoutMs} after the last one. {@link #checkPassword} asks
 * the guard again right before the slow check and counts its outcome at once, on the checking
 * thread: a burst of guesses queued together costs as many checks as the guard lets through, not
 * one each.
 * <p>Bounded: at most {@code keysMax} accounts and as many addresses are tracked; when full, the
 * one whose last failure is oldest is forgotten. Thread-safe (logons are rare next to messages).
 */
public final class LogonGuard
{
    /** What the guard is set to; the defaults are a start, not gospel. */
    public record Settings(int failuresFree, long backoffMs, long backoffMaxMs, int lockoutFailures, long lockoutMs,
        int keysMax)
    {
        public static final Settings DEFAULT = new Settings(3, 1_000, 30_000, 10, 15 * 60_000L, 10_000);

        public Settings
        {
            if (failuresFree < 0 || backoffMs < 0 || backoffMaxMs < backoffMs || lockoutFailures <= failuresFree ||
                lockoutMs < 0 || keysMax < 1)
            {
                throw new IllegalArgumentException("logon guard settings out of range: " + failuresFree + ", " +
                    backoffMs + ", " + backoffMaxMs + ", " + lockoutFailures + ", " + lockoutMs + ", " + keysMax);
            }
        }
    }

    private static final class Failures
    {
        int count;
        long lastMs;
        long retryAtMs;
    }

    private final Settings settings;
    private final Map<String, Failures> accounts;
    private final Map<String, Failures> addresses;
    private long refused;

    public LogonGuard(final Settings settings)
    {
        this.settings = settings;
        this.accounts = new LinkedHashMap<>(64, 0.75f, true);
        this.addresses = new LinkedHashMap<>(64, 0.75f, true);
    }

    public LogonGuard()
    {
        this(Settings.DEFAULT);
    }

    /** 0 when a logon of account from address may be tried now, else how many ms until it may. */
    public synchronized long waitMs(final String account, final String address, final long nowMs)
    {
        final long wait = Math.max(waitMs(accounts, account, nowMs), waitMs(addresses, address, nowMs));
        if (wait > 0)
        {
            refused++;
        }
        return wait;
    }

    /** True when the account or the address is locked (not merely backing off). */
    public synchronized boolean isLocked(final String account, final String address, final long nowMs)
    {
        return isLocked(accounts.get(account), nowMs) || isLocked(addresses.get(address), nowMs);
    }

    /** The outcome of {@link #checkPassword}. */
    public enum Verdict
    {
        PASSED,
        FAILED,
        /** Not checked: the account or the address backs off or is locked out. */
        THROTTLED
    }

    /**
     * Checks a password (slow: call it where blocking is fine, the {@link PasswordVerifier}'s
     * thread) unless the account or address must wait, and counts the outcome before returning,
     * so that the next check queued behind it sees it.
     */
    public Verdict checkPassword(final String account, final String address, final java.util.function.BooleanSupplier matches,
        final java.util.function.LongSupplier clockMs)
    {
        if (waitMs(account, address, clockMs.getAsLong()) > 0)
        {
            return Verdict.THROTTLED;
        }
        if (matches.getAsBoolean())
        {
            onSuccess(account);
            return Verdict.PASSED;
        }
        onFailure(account, address, clockMs.getAsLong());
        return Verdict.FAILED;
    }

    public synchronized void onFailure(final String account, final String address, final long nowMs)
    {
        fail(accounts, account, nowMs);
        fail(addresses, address, nowMs);
    }

    public synchronized void onSuccess(final String account)
    {
        accounts.remove(account);
    }

    /** Attempts refused without a password check so far. */
    public synchronized long refused()
    {
        return refused;
    }

    private boolean isLocked(final Failures failures, final long nowMs)
    {
        return null != failures && failures.count >= settings.lockoutFailures() && failures.retryAtMs > nowMs;
    }

    private long waitMs(final Map<String, Failures> table, final String key, final long nowMs)
    {
        if (null == key)
        {
            return 0;
        }
        final Failures failures = table.get(key);
        if (null == failures)
        {
            return 0;
        }
        if (nowMs - failures.lastMs >= settings.lockoutMs())
        {
            table.remove(key);
            return 0;
        }
        return Math.max(0, failures.retryAtMs - nowMs);
    }

    private void fail(final Map<String, Failures> table, final String key, final long nowMs)
    {
        if (null == key)
        {
            return;
        }
        Failures failures = table.get(key);
        if (null == failures || nowMs - failures.lastMs >= settings.lockoutMs())
        {
            if (null == failures && table.size() >= settings.keysMax())
            {
                forgetOldest(table);
            }
            failures = new Failures();
            table.put(key, failures);
        }
        failures.count++;
        failures.lastMs = nowMs;
        final int beyond = failures.count - settings.failuresFree();
        if (failures.count >= settings.lockoutFailures())
        {
            failures.retryAtMs = nowMs + settings.lockoutMs();
        }
        else if (beyond > 0)
        {
            final long backoff = settings.backoffMs() << Math.min(beyond - 1, 20);
            failures.retryAtMs = nowMs + Math.min(settings.backoffMaxMs(), backoff);
        }
        assert failures.retryAtMs <= nowMs + Math.max(settings.lockoutMs(), settings.backoffMaxMs());
    }

    private static void forgetOldest(final Map<String, Failures> table)
    {
        // Access order: the first entry is the one least recently failed or checked.
        final Iterator<Failures> it = table.values().iterator();
        if (it.hasNext())
        {
            it.next();
            it.remove();
        }
    }
}
