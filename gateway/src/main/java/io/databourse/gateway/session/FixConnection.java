package io.databourse.gateway.session;

import org.agrona.DirectBuffer;

/** The transport under a session layer: one TCP connection. Called on the connection's thread only. */
public interface FixConnection
{
    /** Queues bytes for sending; they are copied before the call returns. */
    void write(DirectBuffer buffer, int offset, int length);

    /** Sends what was queued, unless inside a batch, which then flushes once at its end. */
    void flush();

    /** Starts a batch: flushes are deferred to {@link #endBatch()} (one syscall for many messages). */
    void beginBatch();

    void endBatch();

    /** Flushes what was queued, then closes. Idempotent. */
    void close();

    /** Runs a task on the connection's thread (events from the matcher arrive on another thread). */
    void execute(Runnable task);

    /** True when called on the connection's thread. */
    boolean inThread();

    /** For logs: the remote address. */
    String remoteAddress();

    /** The remote host ("127.0.0.1"): what failed-logon lockout counts per address. */
    String remoteHost();

    /** Stops handing frames to the session layer (its logon's password is being checked); bytes wait. */
    void pauseReading();

    /** Hands the frames that waited, then reads again. */
    void resumeReading();
}
