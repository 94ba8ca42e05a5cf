package io.databourse.edge;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Checks passwords against their {@link PasswordHash} off the I/O threads: a PBKDF2 verification
 * takes a few hundred milliseconds, which on an event loop would stall every other connection it
 * serves (and, in the gateway, the execution reports the event loop writes). One daemon thread,
 * and a bounded queue: when it is full the check is refused rather than queued without end, and
 * the caller answers "busy". Failed-logon lockout ({@link LogonGuard}) keeps attackers from
 * filling it; the bound keeps a flood of them from using more than one core.
 */
public final class PasswordVerifier implements AutoCloseable
{
    /** Checks waiting at most; beyond, {@link #verify} refuses. */
    public static final int QUEUE_CAPACITY_DEFAULT = 64;

    private final ThreadPoolExecutor executor;

    public PasswordVerifier()
    {
        this(QUEUE_CAPACITY_DEFAULT);
    }

    public PasswordVerifier(final int queueCapacity)
    {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
            runnable ->
            {
                final Thread thread = new Thread(runnable, "password-verifier");
                thread.setDaemon(true);
                return thread;
            });
    }

    /**
     * Checks the password on the verifier's thread, then hands the verdict to {@code then} on
     * {@code resumeOn} (the caller's event loop). False when too many checks are queued: nothing
     * will be called.
     */
    public boolean verify(
        final PasswordHash hash, final String password, final Executor resumeOn, final Consumer<Boolean> then)
    {
        return check(() -> hash.matches(password), resumeOn, then);
    }

    /** As {@link #verify}, for a check of the caller's (several hashes, say); false when too many are queued. */
    public <T> boolean check(final Supplier<T> check, final Executor resumeOn, final Consumer<T> then)
    {
        try
        {
            executor.execute(() ->
            {
                final T verdict = check.get();
                resumeOn.execute(() -> then.accept(verdict));
            });
            return true;
        }
        catch (final RejectedExecutionException ex)
        {
            return false;
        }
    }

    /** Checks queued or running now. */
    public int pending()
    {
        return executor.getQueue().size() + executor.getActiveCount();
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
