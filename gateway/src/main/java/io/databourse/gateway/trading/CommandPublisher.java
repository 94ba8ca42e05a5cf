package io.databourse.gateway.trading;

import io.aeron.Publication;
import io.databourse.gateway.GatewayCounters;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Offers a session's commands to the matcher on the gateway's exchange link (the Aeron command
 * stream, or a cluster's ingress), a bounded number of
 * attempts each: a command Aeron will not take is refused to the client by its caller, never
 * dropped and never waited for. Holds the one buffer the session's commands are encoded in.
 * Session thread only.
 */
final class CommandPublisher
{
    private static final int COMMAND_MAX_LENGTH = 256;

    /** Where commands go: the exchange link's offer, or a test's. */
    @FunctionalInterface
    interface Sink
    {
        /** As {@link Publication#offer(org.agrona.DirectBuffer, int, int)}: a new position, or a negative reason. */
        long offer(org.agrona.DirectBuffer buffer, int offset, int length);
    }

    private final Sink sink;
    private final GatewayCounters counters;
    private final int attemptsMax;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[COMMAND_MAX_LENGTH]);

    CommandPublisher(final Sink sink, final GatewayCounters counters, final int attemptsMax)
    {
        this.sink = sink;
        this.counters = counters;
        this.attemptsMax = attemptsMax;
    }

    /** Where a command is encoded (at offset 0) before {@link #offer(int)}. */
    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** True when the publication took the command's {@code length} bytes. */
    boolean offer(final int length)
    {
        assert length > 0 && length <= COMMAND_MAX_LENGTH : length;
        for (int attempt = 0; attempt < attemptsMax; attempt++)
        {
            final long result = sink.offer(buffer, 0, length);
            if (result > 0)
            {
                counters.commandsSent.incrementAndGet();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            Thread.onSpinWait();
        }
        counters.commandsBackPressured.incrementAndGet();
        return false;
    }
}
