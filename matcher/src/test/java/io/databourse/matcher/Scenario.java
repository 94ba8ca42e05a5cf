package io.databourse.matcher;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.matcher.sim.Simulator;

/**
 * Drives a fresh matcher with JSON command lines (the documented front-door format) and returns
 * its events as JSON, so that tests read like the scenarios they check.
 */
final class Scenario
{
    /** 2026-03-01T10:00:00Z, the clock of lines without a "time". */
    static final long T0_NS = 1_772_359_200_000_000_000L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * The standard market: P2 owns DATA.A and DATA.IMP (reviewed by COMP, sponsored by SPON), P3
     * provides compute; P1 bought 100 DATA.A from P2 when the market opened (the operate right lets
     * it sell them again), so P1 holds 100 units and 1,000,000.00 of cash, P2 500 units and 1,000.00.
     */
    static final String[] STANDARD = {
        "{\"type\":\"participant\",\"id\":\"ADMIN\",\"roles\":[\"admin\"]}",
        "{\"type\":\"participant\",\"id\":\"REG\",\"roles\":[\"regulator\"]}",
        "{\"type\":\"participant\",\"id\":\"SPON\",\"roles\":[\"data_sponsor\"]}",
        "{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}",
        "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\",\"data_supplier\"],\"qualification\":\"important\"}",
        "{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\",\"buyer\"]}",
        "{\"type\":\"participant\",\"id\":\"P3\",\"roles\":[\"compute_provider\"]}",
        "{\"type\":\"participant\",\"id\":\"CB\",\"roles\":[\"compute_broker\"]}",
        "{\"type\":\"participant\",\"id\":\"XB\",\"roles\":[\"buyer\"],\"qualification\":\"important\",\"jurisdiction\":\"cross_border\"}",
        "{\"type\":\"product\",\"id\":\"DATA.A\",\"kind\":\"data\",\"grade\":\"general\",\"tick\":\"0.01\",\"lot\":1,\"band\":\"0.20\",\"referencePrice\":\"12.00\",\"rights\":[\"process_use\",\"operate\"],\"delivery\":\"api\",\"usagePerLot\":1000,\"termDays\":365,\"owner\":\"P2\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
        "{\"type\":\"product\",\"id\":\"DATA.IMP\",\"kind\":\"data\",\"grade\":\"important\",\"tick\":\"0.05\",\"lot\":10,\"crossBorder\":true,\"owner\":\"P2\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
        "{\"type\":\"product\",\"id\":\"CPU.W\",\"kind\":\"compute\",\"hardware\":\"H100\",\"region\":\"GY1\",\"windowStart\":\"2026-12-01T00:00:00Z\",\"windowEnd\":\"2026-12-01T02:00:00Z\",\"tick\":\"0.01\",\"lot\":1,\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
        "{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"1001200.00\"}",
        "{\"type\":\"deposit\",\"participant\":\"P2\",\"amount\":\"1000.00\"}",
        "{\"type\":\"deposit\",\"participant\":\"XB\",\"amount\":\"1000000.00\"}",
        "{\"type\":\"deposit\",\"participant\":\"CB\",\"amount\":\"1000000.00\"}",
        "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"DATA.A\",\"qty\":600}",
        "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"DATA.IMP\",\"qty\":1000}",
        "{\"type\":\"capacity\",\"participant\":\"P3\",\"product\":\"CPU.W\",\"nodes\":[\"n1\",\"n2\"]}",
        // the market opens: P1 buys 100 DATA.A from its owner; P2 takes the proceeds out
        "{\"type\":\"new\",\"participant\":\"P2\",\"clOrdId\":\"open-s\",\"product\":\"DATA.A\",\"side\":\"sell\",\"price\":\"12.00\",\"qty\":100}",
        "{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"open-b\",\"product\":\"DATA.A\",\"side\":\"buy\",\"price\":\"12.00\",\"qty\":100,\"tif\":\"ioc\"}",
        "{\"type\":\"withdraw\",\"participant\":\"P2\",\"amount\":\"1200.00\"}",
    };

    final Matcher matcher;
    private final Simulator simulator;
    private final List<JsonNode> all = new ArrayList<>();

    Scenario()
    {
        this(new MatcherContext().ordersMax(1024).levelsMax(256).conclude());
    }

    Scenario(final MatcherContext ctx)
    {
        matcher = new Matcher(ctx);
        simulator = new Simulator(matcher, null, () -> T0_NS);
    }

    static Scenario standard()
    {
        final Scenario s = new Scenario();
        s.run(STANDARD);
        return s;
    }

    /** Runs lines; returns the events they produced. */
    List<JsonNode> run(final String... lines)
    {
        final List<JsonNode> produced = new ArrayList<>();
        for (final String line : lines)
        {
            final StringBuilder out = new StringBuilder();
            simulator.line(all.size() + 1, line, out);
            for (final String l : out.toString().split("\n"))
            {
                if (!l.isEmpty())
                {
                    try
                    {
                        produced.add(MAPPER.readTree(l));
                    }
                    catch (final Exception ex)
                    {
                        throw new AssertionError("output is not JSON: " + l, ex);
                    }
                }
            }
        }
        all.addAll(produced);
        return produced;
    }

    /** Runs one line that must produce exactly one rejected event; returns its reason. */
    String rejectReason(final String line)
    {
        final List<JsonNode> events = run(line);
        if (events.size() != 1 || !events.get(0).get("type").asText().equals("rejected"))
        {
            throw new AssertionError("expected one rejected event for " + line + " but got " + describe(events));
        }
        return events.get(0).get("reason").asText();
    }

    static List<JsonNode> ofType(final List<JsonNode> events, final String type)
    {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).collect(Collectors.toList());
    }

    static List<String> types(final List<JsonNode> events)
    {
        return events.stream().map(e -> e.get("type").asText()).collect(Collectors.toList());
    }

    static String describe(final List<JsonNode> events)
    {
        return events.stream().map(JsonNode::toString).collect(Collectors.joining("\n  ", "[\n  ", "\n]"));
    }

    static String order(final String participant, final String clOrdId, final String product, final String side,
        final String price, final long qty, final String extra)
    {
        return "{\"type\":\"new\",\"participant\":\"" + participant + "\",\"clOrdId\":\"" + clOrdId +
            "\",\"product\":\"" + product + "\",\"side\":\"" + side + "\"" +
            (null == price ? ",\"ordType\":\"market\"" : ",\"price\":\"" + price + "\"") +
            ",\"qty\":" + qty + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static String buy(final String participant, final String clOrdId, final String price, final long qty)
    {
        return order(participant, clOrdId, "DATA.A", "buy", price, qty, "\"tif\":\"gtc\"");
    }

    static String sell(final String participant, final String clOrdId, final String price, final long qty)
    {
        return order(participant, clOrdId, "DATA.A", "sell", price, qty, "\"tif\":\"gtc\"");
    }
}
