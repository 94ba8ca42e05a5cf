package io.databourse.matcher;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The matcher agent's egress: every journaled record reaches the gateway once and in order, packed
 * several to an Aeron message, and a record bigger than a message arrives in chunks that together
 * hold all its events. Small IPC terms (128 KiB, so 16 KiB messages) make both cases happen, and the
 * commands are all waiting before the agent starts, so that its duty cycles take them in batches.
 */
class MatcherAgentEgressTest
{
    private static final int COMMAND_STREAM = 1001;
    private static final int EVENT_STREAM = 1002;
    private static final int ORDERS = 300;

    private MediaDriver driver;
    private Aeron aeron;
    private AgentRunner runner;

    @BeforeEach
    void start()
    {
        final String dir = new File(System.getProperty("java.io.tmpdir"),
            "databourse-egress-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime()).getPath();
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .ipcTermBufferLength(128 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(runner, aeron, driver);
    }

    @Test
    void everyRecordArrivesOnceInOrderPackedSeveralToAMessageAndBigOnesInChunks() throws Exception
    {
        final List<String> lines = new ArrayList<>(List.of(
            "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"participant\",\"id\":\"S1\",\"roles\":[\"data_supplier\"]}",
            "{\"type\":\"participant\",\"id\":\"SP1\",\"roles\":[\"data_sponsor\"]}",
            "{\"type\":\"participant\",\"id\":\"C1\",\"roles\":[\"compliance_officer\"]}",
            "{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"1000000.00\"}",
            "{\"type\":\"product\",\"id\":\"DATA.A\",\"kind\":\"data\",\"grade\":\"general\",\"tick\":\"0.01\",\"lot\":1," +
                "\"rights\":\"process_use\",\"delivery\":\"api\",\"owner\":\"S1\",\"sponsor\":\"SP1\"," +
                "\"reviewedBy\":\"C1\",\"status\":\"listed\"}"));
        for (int i = 0; i < ORDERS; i++)
        {
            lines.add("{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"o" + i + "\",\"product\":\"DATA.A\"," +
                "\"side\":\"buy\",\"price\":\"1." + (10 + i % 50) + "\",\"qty\":1,\"tif\":\"gtc\"}");
        }
        // one record of ORDERS cancellations: about 36 KiB of events, more than one 16 KiB message
        lines.add("{\"type\":\"mass_cancel\",\"participant\":\"P1\",\"clOrdId\":\"mc\"}");

        final Matcher matcher = new Matcher(new MatcherContext().ordersMax(1024).levelsMax(256).conclude());
        final Subscription commands = aeron.addSubscription("aeron:ipc", COMMAND_STREAM);
        final Publication events = aeron.addPublication("aeron:ipc", EVENT_STREAM);
        final Publication ingress = aeron.addPublication("aeron:ipc", COMMAND_STREAM);
        final Subscription egress = aeron.addSubscription("aeron:ipc", EVENT_STREAM);
        final long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ingress.isConnected() || !egress.isConnected() || !events.isConnected())
        {
            assertTrue(System.nanoTime() < deadline, "streams did not connect");
            Thread.yield();
        }

        final int[] messages = {0};
        final int[] largestMessage = {0};
        final TreeMap<Long, Integer> eventsBySeq = new TreeMap<>();
        final List<Long> seqOrder = new ArrayList<>();
        final int[] cancelled = {0};
        final JournalRecord view = new JournalRecord();
        final FragmentAssembler onMessage = new FragmentAssembler((buffer, offset, length, header) ->
        {
            messages[0]++;
            largestMessage[0] = Math.max(largestMessage[0], length);
            view.forEachRecord(buffer, offset, length, r ->
            {
                if (seqOrder.isEmpty() || seqOrder.get(seqOrder.size() - 1) != r.seq())
                {
                    seqOrder.add(r.seq());
                }
                eventsBySeq.merge(r.seq(), r.eventCount(), Integer::sum);
                r.forEachEvent((type, b, o, l) -> cancelled[0] += type == MessageType.ORDER_CANCELLED ? 1 : 0);
            });
        });

        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(512);
        for (final String line : lines)
        {
            final int length = parser.parse(line, command);
            assertTrue(ingress.offer(command, 0, length) > 0, "ingress window holds all the commands");
        }
        runner = new AgentRunner(new YieldingIdleStrategy(), Throwable::printStackTrace, null,
            new MatcherAgent(matcher, null, commands, events, new SystemEpochNanoClock(), new YieldingIdleStrategy()));
        AgentRunner.startOnThread(runner);
        while (eventsBySeq.size() < lines.size() || eventsBySeq.lastEntry().getValue() < ORDERS + 1)
        {
            assertTrue(System.nanoTime() < deadline, "records missing: " + eventsBySeq.size() + " of " + lines.size());
            if (egress.poll(onMessage, 64) == 0)
            {
                Thread.yield();
            }
        }

        // each command once, in sequence order, a chunked record's pieces contiguous
        assertEquals(lines.size(), seqOrder.size());
        for (int i = 0; i < seqOrder.size(); i++)
        {
            assertEquals(i + 1, seqOrder.get(i));
        }
        assertEquals(ORDERS, cancelled[0]);
        assertEquals(ORDERS + 1, eventsBySeq.lastEntry().getValue(), "cancellations + mass_cancelled");
        assertTrue(messages[0] < lines.size(), messages[0] + " messages for " + lines.size() + " records: not packed");
        assertTrue(largestMessage[0] <= events.maxMessageLength(), "message of " + largestMessage[0] + " bytes");
    }
}
