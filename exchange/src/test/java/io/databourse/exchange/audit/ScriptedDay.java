package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherView;
import io.databourse.matcher.SnapshotAgent;
import io.databourse.matcher.sim.Simulator;
import io.databourse.matcher.snapshot.SnapshotStore;
import io.databourse.settlement.SettlementRun;

/**
 * A day at the exchange, scripted: participants and a banded, sponsored data product; an order that
 * is partly filled, replaced (losing its priority), refused a bad replace, filled again and then
 * cancelled; a pledge, usage against entitlements bought, a halt that cancels a resting bid, the
 * listing again, a withdrawal and the end of the day. Journaled into a data directory
 * ({@code journal}), with snapshots every few commands ({@code snapshots}) and the settlement's
 * certificates ({@code settlement}), as a running exchange leaves them; and the live matcher's state
 * captured after every command, for {@code audit state} to be compared with.
 */
final class ScriptedDay
{
    static final long T0_NS = Instant.parse("2026-03-02T09:00:00Z").getEpochSecond() * 1_000_000_000L;
    static final int SNAPSHOT_EVERY = 7;

    static final List<String> LINES = List.of(
        "{\"type\":\"participant\",\"id\":\"ADM\",\"roles\":[\"admin\",\"compliance_officer\"]}",
        "{\"type\":\"participant\",\"id\":\"S1\",\"roles\":[\"data_supplier\",\"data_sponsor\"]}",
        "{\"type\":\"participant\",\"id\":\"B1\",\"roles\":[\"buyer\"]}",
        "{\"type\":\"participant\",\"id\":\"B2\",\"roles\":[\"buyer\"]}",
        "{\"type\":\"participant\",\"id\":\"CUST\",\"roles\":[\"data_custodian\"]}",
        "{\"type\":\"participant\",\"id\":\"BANK\",\"roles\":[\"risk_officer\",\"lender\"]}",
        "{\"type\":\"product\",\"id\":\"D1\",\"kind\":\"data\",\"status\":\"listed\",\"sponsor\":\"S1\",\"rights\":\"process_use\"," +
            "\"delivery\":\"api\",\"tick\":\"0.01\",\"lot\":1,\"usagePerLot\":10,\"termDays\":30,\"band\":\"0.5\",\"referencePrice\":\"10.00\"," +
            "\"owner\":\"S1\",\"reviewedBy\":\"ADM\"}",
        "{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":10,\"takerBps\":30}",
        "{\"type\":\"deposit\",\"participant\":\"B1\",\"amount\":\"100000.00\"}",
        "{\"type\":\"deposit\",\"participant\":\"B2\",\"amount\":\"100000.00\"}",
        "{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"D1\",\"qty\":1000}",
        "{\"type\":\"new\",\"participant\":\"S1\",\"clOrdId\":\"s1\",\"product\":\"D1\",\"side\":\"sell\",\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":100,\"session\":11}",
        "{\"type\":\"new\",\"participant\":\"B1\",\"clOrdId\":\"b1\",\"product\":\"D1\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":30,\"session\":21}",
        "{\"type\":\"replace\",\"participant\":\"S1\",\"clOrdId\":\"s1r\",\"origClOrdId\":\"s1\",\"price\":\"10.20\",\"qty\":80,\"session\":11}",
        "{\"type\":\"replace\",\"participant\":\"S1\",\"clOrdId\":\"s1x\",\"origClOrdId\":\"s1r\",\"price\":\"10.20\",\"qty\":0,\"session\":11}",
        "{\"type\":\"new\",\"participant\":\"B2\",\"clOrdId\":\"b2\",\"product\":\"D1\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"10.20\",\"qty\":20,\"session\":22}",
        "{\"type\":\"new\",\"participant\":\"B1\",\"clOrdId\":\"b3\",\"product\":\"D1\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"9.00\",\"qty\":10,\"session\":21}",
        "{\"type\":\"cancel\",\"participant\":\"S1\",\"clOrdId\":\"c1\",\"origClOrdId\":\"s1r\",\"session\":11}",
        "{\"type\":\"cancel\",\"participant\":\"S1\",\"clOrdId\":\"c2\",\"origClOrdId\":\"s1r\",\"session\":11}",
        "{\"type\":\"pledge\",\"id\":\"p1\",\"lender\":\"BANK\",\"participant\":\"S1\",\"product\":\"D1\",\"qty\":100,\"haircut\":\"0.2\"}",
        "{\"type\":\"usage\",\"id\":\"u1\",\"reporter\":\"CUST\",\"participant\":\"B1\",\"product\":\"D1\",\"units\":50}",
        "{\"type\":\"new\",\"participant\":\"B2\",\"clOrdId\":\"b4\",\"product\":\"D1\",\"side\":\"buy\",\"tif\":\"day\",\"price\":\"9.50\",\"qty\":5,\"session\":22}",
        "{\"type\":\"product_status\",\"product\":\"D1\",\"status\":\"suspended\",\"by\":\"ADM\"}",
        "{\"type\":\"product_status\",\"product\":\"D1\",\"status\":\"listed\",\"by\":\"ADM\"}",
        "{\"type\":\"new\",\"participant\":\"S1\",\"clOrdId\":\"s2\",\"product\":\"D1\",\"side\":\"sell\",\"tif\":\"day\",\"price\":\"10.50\",\"qty\":7,\"session\":11}",
        "{\"type\":\"withdraw\",\"participant\":\"B2\",\"amount\":\"100.00\"}",
        "{\"type\":\"new\",\"participant\":\"B9\",\"clOrdId\":\"z\",\"product\":\"D1\",\"side\":\"buy\",\"price\":\"10.00\",\"qty\":1}",
        "{\"type\":\"end_of_day\"}");

    /** The journal's last seq, and the live state (audit state's JSON) after each command, by seq. */
    record Day(long lastSeq, Map<Long, String> liveStates, List<String> output)
    {
    }

    private ScriptedDay()
    {
    }

    static Day journal(final Path dataDir) throws IOException
    {
        final Map<Long, String> states = new TreeMap<>();
        final List<String> output = new ArrayList<>();
        final MatcherContext ctx = new MatcherContext().conclude();
        final Matcher live = new Matcher(ctx);
        try (Journal journal = Journal.open(dataDir.resolve("journal")); JournalWriter writer = journal.writer())
        {
            final Simulator simulator = new Simulator(live, writer, () ->
            {
                throw new AssertionError("every line has its time");
            });
            final StringBuilder out = new StringBuilder();
            for (int i = 0; i < LINES.size(); i++)
            {
                final String line = LINES.get(i);
                final String timed = line.substring(0, line.length() - 1) + ",\"time\":\"" +
                    Instant.ofEpochSecond(0, T0_NS + i * 60_000_000_000L) + "\"}";
                out.setLength(0);
                simulator.line(i + 1, timed, out);
                output.addAll(out.toString().lines().toList());
                final StringWriter state = new StringWriter();
                StateJson.write(new MatcherView(live), state);
                states.put(live.lastSeq(), state.toString());
            }
        }
        try (Journal journal = Journal.openReadOnly(dataDir.resolve("journal")))
        {
            final SnapshotAgent agent = new SnapshotAgent(new Matcher(ctx), -1, journal,
                new SnapshotStore(dataDir.resolve("snapshots"), 100), null, SNAPSHOT_EVERY, Long.MAX_VALUE,
                line -> output.add("snapshot agent: " + line));
            agent.onStart();
            while (agent.doWork() > 0)
            {
                // the whole journal
            }
            agent.onClose();
        }
        SettlementRun.run(dataDir.resolve("journal"), dataDir.resolve("settlement"));
        return new Day(live.lastSeq(), states, output);
    }
}
