package io.databourse.exchange.cluster;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.databourse.cluster.client.ClusterLink;
import org.agrona.ExpandableArrayBuffer;

/**
 * Loads reference data ({@link io.databourse.exchange.ReferenceDataFile}, as {@code run} loads the
 * demo's) into a cluster that has sequenced nothing yet, through a link of its own: the commands are committed and journaled
 * by every member like any other. A cluster that already holds commands is left alone.
 */
public final class ClusterBootstrap
{
    private ClusterBootstrap()
    {
    }

    /**
     * Waits for the link to be live; if the cluster has sequenced nothing, sends the commands and
     * waits until all are sequenced. Returns whether it loaded them.
     */
    public static boolean loadIfEmpty(final ClusterLink link, final List<byte[]> commands, final Duration timeout)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final ClusterLink.RecordsHandler ignore = (b, offset, length) -> { };
        pollUntil(link, ignore, link::isConnected, timeout, "no cluster leader answered");
        if (0 != link.deliveredSeq())
        {
            return false;
        }
        for (final byte[] command : commands)
        {
            buffer.putBytes(0, command);
            pollUntil(link, ignore, () -> link.offer(buffer, 0, command.length) > 0, timeout,
                "the cluster did not take the reference data");
        }
        pollUntil(link, ignore, () -> 0 == link.inFlight() && link.isConnected(), timeout,
            "the cluster did not sequence the reference data");
        return true;
    }

    private static void pollUntil(
        final ClusterLink link, final ClusterLink.RecordsHandler handler, final BooleanSupplier done,
        final Duration timeout, final String failure)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(failure + " within " + timeout.toSeconds() + " s");
            }
            if (0 == link.poll(handler, 64))
            {
                try
                {
                    Thread.sleep(1);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ex);
                }
            }
        }
    }
}
