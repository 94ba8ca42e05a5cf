package io.databourse.console.command;

import io.aeron.Publication;
import org.agrona.DirectBuffer;

/**
 * The matcher's ingress stream ({@code ExchangeStreams.COMMAND_STREAM_ID}), shared with the FIX
 * gateway's sessions (Aeron's concurrent publication is thread-safe). An offer is tried a bounded
 * number of times (admin actions, brief back pressure) and never blocks the HTTP thread.
 */
public final class AeronCommandSink implements CommandSink
{
    private static final int OFFER_ATTEMPTS = 3;

    private final Publication publication;

    public AeronCommandSink(final Publication publication)
    {
        this.publication = publication;
    }

    @Override
    public Outcome offer(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = publication.offer(buffer, offset, length);
            if (result > 0)
            {
                return Outcome.SENT;
            }
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                return Outcome.NOT_CONNECTED;
            }
            Thread.onSpinWait();
        }
        return Outcome.BACK_PRESSURED;
    }
}
