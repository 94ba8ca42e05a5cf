package io.databourse.exchange.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.databourse.cluster.client.ClusterLink;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.journal.json.CommandFormatException;
import io.databourse.journal.json.JsonCommandParser;
import org.agrona.ExpandableArrayBuffer;

/**
 * Loads reference data (JSON command lines, as {@code run} loads the demo's) into a cluster that
 * has sequenced nothing yet, through a link of its own: the commands are committed and journaled
 * by every member like any other. A cluster that already holds commands is left alone.
 */
public final class ClusterBootstrap
{
    private ClusterBootstrap()
    {
    }

    /** The command lines of a file or classpath resource, parsed up front so that a bad line stops before anything is sent. */
    public static List<byte[]> commands(final String resourceOrPath)
    {
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
        final List<byte[]> commands = new ArrayList<>();
        try (InputStream in = EmbeddedExchange.open(resourceOrPath);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)))
        {
            String line;
            int n = 0;
            while (null != (line = reader.readLine()))
            {
                n++;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    continue;
                }
                try
                {
                    final int length = parser.parse(trimmed, buffer);
                    final byte[] command = new byte[length];
                    buffer.getBytes(0, command);
                    commands.add(command);
                }
                catch (final CommandFormatException ex)
                {
                    throw new IllegalArgumentException(resourceOrPath + " line " + n + ": " + ex.getMessage());
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + resourceOrPath, ex);
        }
        return commands;
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
