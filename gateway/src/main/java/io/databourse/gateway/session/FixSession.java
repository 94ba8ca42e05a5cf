package io.databourse.gateway.session;

import java.util.concurrent.atomic.AtomicReference;

import io.databourse.gateway.app.Application;

/**
 * A configured session's state that outlives connections: its {@link SessionStore} (sequence
 * numbers and sent messages, persisted) and which connection, if any, is logged on as it. A
 * connection claims the session with {@link #tryAcquire} at logon; a second logon for a claimed
 * session is refused.
 */
public final class FixSession implements AutoCloseable
{
    private final SessionConfig config;
    private final SessionStore store;
    private final Application application;
    private final AtomicReference<Object> owner = new AtomicReference<>();

    public FixSession(
        final SessionConfig config, final SessionStore store, final Application application)
    {
        this.config = config;
        this.store = store;
        this.application = application;
    }

    public SessionConfig config()
    {
        return config;
    }

    /** Only the owning connection's thread may use it (after {@link #tryAcquire}); others may read the numbers. */
    public SessionStore store()
    {
        return store;
    }

    public Application application()
    {
        return application;
    }

    public boolean tryAcquire(final Object connection)
    {
        if (owner.compareAndSet(null, connection))
        {
            // The connection may run on another event loop than the last owner: the store's Chronicle
            // appender and tailer move to this thread. The CAS orders the last owner's writes before.
            store.takeOwnership();
            return true;
        }
        return false;
    }

    public void release(final Object connection)
    {
        owner.compareAndSet(connection, null);
    }

    public boolean isOwnedBy(final Object connection)
    {
        return owner.get() == connection;
    }

    public boolean isLoggedOn()
    {
        return null != owner.get();
    }

    /** Sequence numbers back to 1/1 and nothing to resend. Only by the owner (or with no owner). */
    public void reset()
    {
        store.reset();
    }

    @Override
    public void close()
    {
        store.close();
    }
}
