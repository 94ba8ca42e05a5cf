package io.databourse.gateway.session;

import org.agrona.DirectBuffer;

/** The transport under a session layer: one TCP connection. Called on the connection's thread only. */
public interface FixConnection
{
    /** Queues bytes for sending; they are copied before the call returns. */
    void write(DirectBuffer buffer, int offset, int length);

    /** Sends what was queued. */
    void flush();

    /** Flushes what was queued, then closes. Idempotent. */
    void close();

    /** For logs: the remote address. */
    String remoteAddress();
}
