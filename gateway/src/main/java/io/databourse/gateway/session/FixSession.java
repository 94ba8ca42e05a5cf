package io.databourse.gateway.session;

import java.util.concurrent.atomic.AtomicReference;

import io.databourse.gateway.app.Application;

/**
 * A configured session's state that outlives connections: its sequence numbers (persisted), its
 * store of sent messages and which connection, if any, is logged on as it. A connection claims the
 * session with {@link #tryAcquire} at logon; a second logon for a claimed session is refused.
 */
public final class FixSession implements AutoCloseable
{
    private final SessionConfig config;
    private final SequenceStore sequences;
    private final OutboundStore outbound;
    private final Application application;
    private final AtomicReference<Object> owner = new AtomicReference<>();

    public FixSession(
        final SessionConfig config, final SequenceStore sequences, final OutboundStore outbound, final Application application)
    {
        this.config = config;
        this.sequences = sequences;
        this.outbound = outbound;
        this.application = application;
    }

    public SessionConfig config()
    {
        return config;
    }

    public SequenceStore sequences()
    {
        return sequences;
    }

    public OutboundStore outbound()
    {
        return outbound;
    }

    public Application application()
    {
        return application;
    }

    public boolean tryAcquire(final Object connection)
    {
        return owner.compareAndSet(null, connection);
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
        sequences.reset();
        outbound.clear();
    }

    @Override
    public void close()
    {
        sequences.close();
    }
}
