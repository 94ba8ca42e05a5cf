package io.databourse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded exchange with its media driver on a thread of its own ("shared") and on the
 * matcher's duty cycle ("invoker", {@link DriverDuty}): commands in and records out over Aeron from a
 * client of another context, through an egress window so small (64 KiB, about 170 records) that the
 * matcher waits at its publication's limit whenever the client stops reading for a while. In invoker
 * mode only the matcher's thread moves that limit, so a matcher that idled without invoking the
 * driver would wait for ever.
 */
class DriverDutyTest
{
    private static final String WINDOW_PROP = "aeron.ipc.publication.term.window.length";
    private static final int ORDERS = 2_000;

    @ParameterizedTest
    @ValueSource(strings = {DriverDuty.SHARED, DriverDuty.INVOKER})
    void everyCommandIsAnsweredThroughABackPressuredEgress(final String mode, @TempDir final Path dataDir) throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-driver-duty-" + mode + "-" + ProcessHandle.current().pid();
        System.setProperty(WINDOW_PROP, Integer.toString(64 * 1024));
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir(aeronDir)
            .driverMode(mode)
            .journalPrefetchBytes(0));
            Aeron client = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDir));
            Publication commands = client.addPublication(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID);
            Subscription events = client.addSubscription(ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID))
        {
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!commands.isConnected() || !events.isConnected()) && System.nanoTime() < deadlineNs)
            {
                Thread.yield();
            }
            final List<String> threads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName).toList();
            final boolean driverThread = threads.stream().anyMatch(name -> name.contains("driver-conductor"));
            assertEquals(DriverDuty.SHARED.equals(mode), driverThread, "a driver thread only in shared mode: " + threads);
            // the test's client has a conductor thread of its own; the exchange's only in shared mode
            assertEquals(DriverDuty.SHARED.equals(mode) ? 2 : 1, Collections.frequency(threads, "aeron-client"),
                "Aeron client conductor threads: " + threads);
            assertFalse(threads.contains("aeron-executor"), "no async executor thread for IPC: " + threads);

            // the client reads events only when the command stream is full: by then the egress window
            // has filled and the matcher waits at its limit until the client reads again
            final JsonCommandParser parser = new JsonCommandParser();
            final ExpandableArrayBuffer command = new ExpandableArrayBuffer(512);
            final int[] answered = {0};
            final JournalRecord record = new JournalRecord();
            final FragmentHandler countAnswers = (buffer, offset, length, header) ->
                record.forEachRecord(buffer, offset, length, r -> answered[0] += r.commandType() == MessageType.NEW_ORDER ? 1 : 0);
            int stalls = 0;
            for (int i = 0; i < ORDERS; i++)
            {
                final int length = parser.parse("{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"bp" + i +
                    "\",\"product\":\"DATA.TRAFFIC.API\",\"side\":\"buy\",\"tif\":\"ioc\",\"price\":\"12.00\",\"qty\":1}",
                    command);
                if (commands.offer(command, 0, length) < 0)
                {
                    stalls++;
                    do
                    {
                        assertTrue(System.nanoTime() < deadlineNs, "commands not taken after " + i + " (" + mode + ")");
                        events.poll(countAnswers, 64);
                    }
                    while (commands.offer(command, 0, length) < 0);
                }
            }
            while (answered[0] < ORDERS && System.nanoTime() < deadlineNs)
            {
                events.poll(countAnswers, 64);
            }
            assertEquals(ORDERS, answered[0], "every order answered (" + mode + ")");
            assertTrue(stalls > 0, "the command stream filled at least once while the egress was full");
        }
        finally
        {
            System.clearProperty(WINDOW_PROP);
        }
    }
}
