package io.databourse.matcher;

import java.lang.management.ManagementFactory;

import io.databourse.journal.json.JsonCommandParser;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steady-state matching path allocates nothing: after a warm-up, a long run of places,
 * replaces, cancels and crossing orders (with trades, fees, self-trade prevention, IOC and FOK)
 * must not allocate a single byte on the matcher's thread. Measured with the JVM's per-thread
 * allocation counter, so it fails on any `new`, boxing or varargs that creeps into the path.
 */
class SteadyStateAllocationTest
{
    private static final int DISTINCT = 512;
    private static final int QUIET_ROUNDS = 100;
    private static final int WARM_UP_ROUNDS_MAX = 5_000;

    @Test
    void matchingPathAllocatesNothing() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);

        final Matcher matcher = new Matcher(new MatcherContext().ordersMax(4096).levelsMax(1024).conclude());
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        long seq = 0;
        final String[] setup = {
            "{\"type\":\"participant\",\"id\":\"A\",\"roles\":[\"buyer\",\"data_supplier\"]}",
            "{\"type\":\"participant\",\"id\":\"B\",\"roles\":[\"buyer\",\"data_supplier\"]}",
            "{\"type\":\"participant\",\"id\":\"S\",\"roles\":[\"data_sponsor\"]}",
            "{\"type\":\"participant\",\"id\":\"C\",\"roles\":[\"compliance_officer\"]}",
            "{\"type\":\"product\",\"id\":\"X\",\"kind\":\"data\",\"tick\":\"0.01\",\"band\":\"0.50\",\"referencePrice\":\"10.00\"," +
                "\"rights\":[\"process_use\",\"operate\"],\"owner\":\"A\",\"sponsor\":\"S\",\"reviewedBy\":\"C\",\"status\":\"listed\"}",
            "{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":2,\"takerBps\":5}",
            "{\"type\":\"deposit\",\"participant\":\"A\",\"amount\":\"100000000.00\"}",
            "{\"type\":\"deposit\",\"participant\":\"B\",\"amount\":\"100000000.00\"}",
            "{\"type\":\"inventory\",\"participant\":\"A\",\"product\":\"X\",\"qty\":1000000000}",
            // only the owner is issued units: B buys a million from A to sell again
            "{\"type\":\"new\",\"participant\":\"A\",\"clOrdId\":\"d1\",\"product\":\"X\",\"side\":\"sell\",\"price\":\"10.00\",\"qty\":1000000}",
            "{\"type\":\"new\",\"participant\":\"B\",\"clOrdId\":\"d2\",\"product\":\"X\",\"side\":\"buy\",\"price\":\"10.00\",\"qty\":1000000,\"tif\":\"ioc\"}",
        };
        for (final String line : setup)
        {
            final int length = parser.parse(line, buffer);
            matcher.apply(++seq, 1, buffer, 0, length);
        }

        // a fixed cycle of commands, pre-encoded back to back: offsets[i]..offsets[i+1]
        final String[] cycle = new String[DISTINCT * 5];
        int n = 0;
        for (int i = 0; i < DISTINCT; i++)
        {
            final String who = i % 2 == 0 ? "A" : "B";
            final String other = i % 2 == 0 ? "B" : "A";
            final String price = "9." + String.format("%02d", 50 + i % 40);
            cycle[n++] = "{\"type\":\"new\",\"participant\":\"" + who + "\",\"clOrdId\":\"r" + i + "\",\"product\":\"X\"," +
                "\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"" + price + "\",\"qty\":10}";
            cycle[n++] = "{\"type\":\"replace\",\"participant\":\"" + who + "\",\"clOrdId\":\"q" + i + "\",\"origClOrdId\":\"r" +
                i + "\",\"price\":\"" + price + "\",\"qty\":" + (i % 3 == 0 ? 5 : 12) + "}";
            cycle[n++] = "{\"type\":\"new\",\"participant\":\"" + other + "\",\"clOrdId\":\"s" + i + "\",\"product\":\"X\"," +
                "\"side\":\"sell\",\"tif\":\"" + (i % 4 == 0 ? "fok" : "ioc") + "\",\"price\":\"9.50\",\"qty\":3}";
            cycle[n++] = "{\"type\":\"new\",\"participant\":\"" + who + "\",\"clOrdId\":\"t" + i + "\",\"product\":\"X\"," +
                "\"side\":\"sell\",\"tif\":\"ioc\",\"price\":\"9.50\",\"qty\":2,\"stp\":\"cancel_oldest\"}";
            cycle[n++] = "{\"type\":\"cancel\",\"participant\":\"" + who + "\",\"clOrdId\":\"c" + i + "\",\"origClOrdId\":\"q" +
                i + "\"}";
        }
        final int[] offsets = new int[cycle.length + 1];
        int at = 0;
        final ExpandableArrayBuffer tape = new ExpandableArrayBuffer(1 << 20);
        final ExpandableArrayBuffer one = new ExpandableArrayBuffer(512);
        for (int i = 0; i < cycle.length; i++)
        {
            final int length = parser.parse(cycle[i], one);
            tape.putBytes(at, one, 0, length);
            offsets[i] = at;
            at += length;
        }
        offsets[cycle.length] = at;

        final long[] trades = {0};
        final long threadId = Thread.currentThread().getId();
        // Warm up until the JIT has settled: QUIET_ROUNDS rounds in a row without a byte allocated and
        // without a compilation. Until then HotSpot charges this thread for Strings that are not the
        // path's: the first time a method of a class is queued for C2, the requesting thread resolves
        // every string literal of that class (CompileBroker::compile_method -> resolve_string_constants),
        // e.g. 424 bytes for Product's seven. With tiered compilation that happens up to ~150 rounds in
        // alone, later under load (the compile thresholds grow with the compile queue); a path that
        // allocates per command is never quiet, and fails here.
        final java.lang.management.CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final boolean jitTimed = null != jit && jit.isCompilationTimeMonitoringSupported();
        int quiet = 0;
        for (int round = 0; quiet < QUIET_ROUNDS; round++)
        {
            assertTrue(round < WARM_UP_ROUNDS_MAX, "no " + QUIET_ROUNDS + " rounds in a row without allocation or compilation in " +
                WARM_UP_ROUNDS_MAX + " rounds of warm-up");
            final long roundStart = threads.getThreadAllocatedBytes(threadId);
            final long jitStart = jitTimed ? jit.getTotalCompilationTime() : 0;
            seq = run(matcher, tape, offsets, seq, trades);
            final boolean settled = threads.getThreadAllocatedBytes(threadId) == roundStart &&
                (!jitTimed || jit.getTotalCompilationTime() == jitStart);
            quiet = settled ? quiet + 1 : 0;
        }
        final long tradesBefore = trades[0];
        // Then 200 measured rounds, each its own interval. A path that allocates per command, or once
        // every few thousand commands, allocates in every round; a late compilation is a one-off that
        // charges one round (on a loaded machine, 584 bytes once in a run). So: no round may allocate as
        // much as a byte per command, and at most a few rounds may allocate at all.
        final int measuredRounds = 200;
        final long commandsPerRound = cycle.length;
        int roundsAllocating = 0;
        long allocated = 0;
        for (int round = 0; round < measuredRounds; round++)
        {
            final long roundStart = threads.getThreadAllocatedBytes(threadId);
            seq = run(matcher, tape, offsets, seq, trades);
            final long bytes = threads.getThreadAllocatedBytes(threadId) - roundStart;
            assertTrue(bytes < commandsPerRound,
                bytes + " bytes allocated in round " + round + " of " + commandsPerRound + " commands");
            if (bytes > 0)
            {
                roundsAllocating++;
                allocated += bytes;
            }
        }

        assertTrue(trades[0] - tradesBefore > 10_000, "the cycle trades: " + (trades[0] - tradesBefore));
        assertTrue(matcher.isCashConserved());
        assertTrue(roundsAllocating <= 3, roundsAllocating + " of " + measuredRounds + " rounds allocated (" + allocated +
            " bytes in all, " + measuredRounds * commandsPerRound + " commands): the path allocates in steady state");
    }

    private static long run(
        final Matcher matcher, final ExpandableArrayBuffer tape, final int[] offsets, final long seqStart,
        final long[] trades)
    {
        long seq = seqStart;
        for (int i = 0; i < offsets.length - 1; i++)
        {
            matcher.apply(++seq, 1, tape, offsets[i], offsets[i + 1] - offsets[i]);
            final int count = matcher.eventCount();
            int e = 0;
            for (int k = 0; k < count; k++)
            {
                if (matcher.eventBuffer().getShort(e + 2) == io.databourse.journal.schema.MessageType.TRADE)
                {
                    trades[0]++;
                }
                e += matcher.eventBuffer().getShort(e) & 0xFFFF;
            }
        }
        return seq;
    }
}
