package io.databourse.exchange;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.testsupport.ChildJvm;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the exchange process (SIGKILL, no shutdown hook) while orders stream in, restarts it on the
 * same data directory, and checks that every command whose events were acknowledged is in the
 * journal, that the restarted engine still knows the orders acknowledged before the crash, that
 * sequence numbers carry on without a gap, and that the whole journal replays byte for byte.
 */
class RestartRecoveryTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void nothingAcknowledgedIsLostAcrossAKill(@TempDir final Path dataDir) throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-recovery-" + ProcessHandle.current().pid();
        final Map<Long, String> acknowledged = new TreeMap<>();
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(512);

        Process engine = start(dataDir, aeronDir);
        try
        {
            try (Aeron aeron = connect(aeronDir);
                Publication commands = aeron.addPublication(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID);
                Subscription events = aeron.addSubscription(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID))
            {
                awaitConnected(commands, events);
                final FragmentHandler collect = acceptedCollector(acknowledged);
                int sent = 0;
                final long deadline = System.nanoTime() + TIMEOUT_NS;
                // keep sending while acknowledgements come back; kill mid-stream
                while (acknowledged.size() < 150 && System.nanoTime() < deadline)
                {
                    if (sent < 400)
                    {
                        final int length = parser.parse(order("k" + sent, 1000 + sent % 100), command);
                        if (commands.offer(command, 0, length) > 0)
                        {
                            sent++;
                        }
                    }
                    events.poll(collect, 16);
                }
                assertTrue(acknowledged.size() >= 150, "acknowledged " + acknowledged.size() + " of " + sent +
                    " sent; engine log:\n" + Files.readString(dataDir.resolve("engine.log")));
                engine.destroyForcibly().waitFor();
                // drain what was already published before the kill: it is acknowledged too
                for (int i = 0; i < 50; i++)
                {
                    events.poll(collect, 64);
                }
            }
            assertFalse(engine.isAlive());

            engine = start(dataDir, aeronDir);
            final long lastAckSeq = ((TreeMap<Long, String>)acknowledged).lastKey();
            try (Aeron aeron = connect(aeronDir);
                Publication commands = aeron.addPublication(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID);
                Subscription events = aeron.addSubscription(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID))
            {
                awaitConnected(commands, events);
                // an order acknowledged before the crash can be cancelled after it: the book was recovered
                final String victim = acknowledged.values().iterator().next();
                final int length = parser.parse("{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"after\"," +
                    "\"origClOrdId\":\"" + victim + "\"}", command);
                while (commands.offer(command, 0, length) < 0)
                {
                    Thread.onSpinWait();
                }
                final List<String> seen = new ArrayList<>();
                final long[] cancelSeq = {0};
                final JournalRecord record = new JournalRecord();
                final long deadline = System.nanoTime() + TIMEOUT_NS;
                while (cancelSeq[0] == 0 && System.nanoTime() < deadline)
                {
                    events.poll((buffer, offset, len, header) -> record.forEachRecord(buffer, offset, len, r ->
                    {
                        if (r.commandType() == MessageType.CANCEL)
                        {
                            cancelSeq[0] = r.seq();
                            r.forEachEvent((type, b, o, l) -> seen.add(MessageType.nameOf(type)));
                        }
                    }), 16);
                }
                assertEquals(List.of("cancelled"), seen);
                assertTrue(cancelSeq[0] > lastAckSeq, "sequence carries on after " + lastAckSeq);
            }
        }
        finally
        {
            engine.destroy();
            engine.waitFor(30, TimeUnit.SECONDS);
            engine.destroyForcibly();
            IoUtil.delete(new File(aeronDir), true);
        }

        // every acknowledged command is in the journal, and the journal replays exactly
        final Map<Long, String> journaled = new TreeMap<>();
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
        {
            final OrderEventDecoder accepted = new OrderEventDecoder();
            while (reader.read((index, r) -> r.forEachEvent((type, b, o, l) ->
            {
                if (type == MessageType.ORDER_ACCEPTED)
                {
                    journaled.put(r.seq(), (Codecs.wrap(accepted, b, o)).clOrdId());
                }
            })))
            {
                // all
            }
        }
        for (final Map.Entry<Long, String> ack : acknowledged.entrySet())
        {
            assertEquals(ack.getValue(), journaled.get(ack.getKey()), "acknowledged seq " + ack.getKey());
        }
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")); JournalReader reader = journal.reader())
        {
            final Matcher fresh = new Matcher(new MatcherContext().conclude());
            JournalRecovery.replay(reader, fresh);
            assertTrue(fresh.isCashConserved());
        }
    }

    private static String order(final String clOrdId, final int priceFen)
    {
        return "{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"" + clOrdId +
            "\",\"product\":\"DATA.TRAFFIC.API\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"" + (priceFen / 100) +
            "." + String.format("%02d", priceFen % 100) + "\",\"qty\":1}";
    }

    private static FragmentHandler acceptedCollector(final Map<Long, String> acknowledged)
    {
        final JournalRecord record = new JournalRecord();
        final OrderEventDecoder accepted = new OrderEventDecoder();
        return (buffer, offset, length, header) -> record.forEachRecord(buffer, offset, length, r ->
            r.forEachEvent((type, b, o, l) ->
            {
                if (type == MessageType.ORDER_ACCEPTED)
                {
                    acknowledged.put(r.seq(), (Codecs.wrap(accepted, b, o)).clOrdId());
                }
            }));
    }

    private static Process start(final Path dataDir, final String aeronDir) throws Exception
    {
        final List<String> cmd = ChildJvm.command("512m", ExchangeMain.class.getName(), "run",
            "--data-dir", dataDir.toString(), "--aeron-dir", aeronDir, "--fix-port", "0", "--positions-port", "0");
        cmd.add(1, "-Ddatabourse.idle=sleep");
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("engine.log").toFile()).start();
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(dataDir.resolve("engine.log")) &&
                Files.readString(dataDir.resolve("engine.log")).contains("DataBourse running"))
            {
                return p;
            }
            if (!p.isAlive())
            {
                throw new AssertionError("engine died: " + Files.readString(dataDir.resolve("engine.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("engine did not start: " + Files.readString(dataDir.resolve("engine.log")));
    }

    private static Aeron connect(final String aeronDir)
    {
        return Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir).errorHandler(Throwable::printStackTrace));
    }

    private static void awaitConnected(final Publication commands, final Subscription events) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (!(commands.isConnected() && events.isConnected()) && System.nanoTime() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(commands.isConnected() && events.isConnected(), "connected to the engine");
    }
}
