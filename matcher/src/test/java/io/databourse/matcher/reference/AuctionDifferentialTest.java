package io.databourse.matcher.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherView;
import io.databourse.matcher.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Random call auctions run through the matcher (listing auction, orders collected, an admin's end)
 * against the reference model's brute-force {@link ReferenceAuction}: the uncrossing price, volume and
 * surplus, and every fill (buy order, sell order, quantity, price) in order. Then the transition to
 * continuous trading loses nothing: every order's quantity is traded, resting, or (a market order's
 * remainder) cancelled, the book is no longer crossed, and cash adds up. Books: {@code
 * -Ddatabourse.auction.matcherBooks} (default 400), first seed {@code -Ddatabourse.auction.seed}.
 */
class AuctionDifferentialTest
{
    static final int BOOKS = Integer.getInteger("databourse.auction.matcherBooks", 400);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] SETUP = {
        "{\"type\":\"participant\",\"id\":\"ADMIN\",\"roles\":[\"admin\"]}",
        "{\"type\":\"participant\",\"id\":\"SPON\",\"roles\":[\"data_sponsor\"]}",
        "{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}",
        "{\"type\":\"participant\",\"id\":\"S\",\"roles\":[\"data_supplier\"]}",
        "{\"type\":\"participant\",\"id\":\"B1\",\"roles\":[\"buyer\"]}",
        "{\"type\":\"participant\",\"id\":\"B2\",\"roles\":[\"buyer\"]}",
        "{\"type\":\"deposit\",\"participant\":\"B1\",\"amount\":\"100000.00\"}",
        "{\"type\":\"deposit\",\"participant\":\"B2\",\"amount\":\"100000.00\"}",
    };

    @Test
    void matcherUncrossesRandomAuctionsAsTheReferenceModelDoes() throws Exception
    {
        final long firstSeed = Long.getLong("databourse.auction.seed", 1L);
        int uncrossed = 0;
        int fills = 0;
        for (long seed = firstSeed; seed < firstSeed + BOOKS; seed++)
        {
            final Random random = new Random(seed);
            final long reference = 90 + random.nextInt(21);
            final Run run = new Run();
            run.lines(SETUP);
            run.line("{\"type\":\"product\",\"id\":\"AUC\",\"kind\":\"data\",\"tick\":\"0.01\",\"lot\":1,\"band\":\"0.50\"," +
                "\"referencePrice\":\"" + fen(reference) + "\",\"owner\":\"S\",\"sponsor\":\"SPON\",\"reviewedBy\":\"COMP\"," +
                "\"status\":\"listed\",\"openingAuction\":true}");
            run.line("{\"type\":\"inventory\",\"participant\":\"S\",\"product\":\"AUC\",\"qty\":10000}");

            final List<ReferenceAuction.Order> orders = new ArrayList<>();
            final Map<Long, Long> orderIdOf = new HashMap<>();
            final int n = random.nextInt(14);
            for (int i = 0; i < n; i++)
            {
                final boolean buy = random.nextBoolean();
                final boolean market = random.nextInt(8) == 0;
                final long price = market ? 0 : 95 + random.nextInt(11);
                final long qty = 1 + random.nextInt(random.nextBoolean() ? 5 : 20);
                final ReferenceAuction.Order o = new ReferenceAuction.Order(i + 1, buy, market, price, qty, i);
                orders.add(o);
                final List<JsonNode> ev = run.line("{\"type\":\"new\",\"participant\":\"" +
                    (buy ? (random.nextBoolean() ? "B1" : "B2") : "S") + "\",\"clOrdId\":\"o" + (i + 1) +
                    "\",\"product\":\"AUC\",\"side\":\"" + (buy ? "buy" : "sell") + "\"," +
                    (market ? "\"ordType\":\"market\"" : "\"price\":\"" + fen(price) + "\"") + ",\"qty\":" + qty + "}");
                assertEquals("accepted", ev.get(0).get("type").asText(), ev.toString());
                assertTrue(ev.stream().noneMatch(e -> e.get("type").asText().equals("trade")), "nothing trades");
                orderIdOf.put(o.id(), ev.get(0).get("orderId").asLong());
            }
            final ReferenceAuction.Result expected = ReferenceAuction.uncross(orders, reference);
            final List<JsonNode> ev = run.line("{\"type\":\"auction\",\"product\":\"AUC\",\"action\":\"end\",\"by\":\"ADMIN\"}");
            final String book = "seed " + seed + ": " + orders + " reference " + reference + "\n" + ev;
            final JsonNode uncross = ev.get(0);
            assertEquals("auction_uncrossed", uncross.get("type").asText(), book);
            final List<JsonNode> trades = ev.stream().filter(e -> e.get("type").asText().equals("trade")).toList();
            if (expected.priceFen() == 0)
            {
                assertTrue(uncross.get("price").isNull(), book);
                assertTrue(trades.isEmpty(), book);
            }
            else
            {
                uncrossed++;
                assertEquals(fen(expected.priceFen()), uncross.get("price").asText(), book);
                assertEquals(expected.volume(), uncross.get("volume").asLong(), book);
                assertEquals(expected.surplus(), uncross.get("surplus").asLong(), book);
                assertEquals(expected.fills().size(), trades.size(), book);
                for (int k = 0; k < trades.size(); k++)
                {
                    final ReferenceAuction.Fill fill = expected.fills().get(k);
                    final JsonNode t = trades.get(k);
                    assertEquals((long)orderIdOf.get(fill.buyId()), t.get("buyOrderId").asLong(), book);
                    assertEquals((long)orderIdOf.get(fill.sellId()), t.get("sellOrderId").asLong(), book);
                    assertEquals(fill.qty(), t.get("qty").asLong(), book);
                    assertEquals(fen(expected.priceFen()), t.get("price").asText(), book);
                    fills++;
                }
            }
            checkNothingLost(run, orders, expected, ev, book);
        }
        System.out.println("auction differential through the matcher: " + BOOKS + " auctions, " + uncrossed +
            " uncrossed, " + fills + " fills");
        assertTrue(uncrossed > BOOKS / 3, "most random books cross: " + uncrossed);
    }

    /**
     * Every order's quantity is accounted for: traded, still resting (limit orders, in continuous trading
     * now), or cancelled as a market order's remainder, and nothing else was cancelled.
     */
    private static void checkNothingLost(
        final Run run, final List<ReferenceAuction.Order> orders, final ReferenceAuction.Result expected,
        final List<JsonNode> ev, final String book)
    {
        final Map<Long, Long> filled = new HashMap<>();
        for (final ReferenceAuction.Fill f : expected.fills())
        {
            filled.merge(f.buyId(), f.qty(), Long::sum);
            filled.merge(f.sellId(), f.qty(), Long::sum);
        }
        long restingBuys = 0;
        long restingSells = 0;
        int cancelledMarket = 0;
        for (final ReferenceAuction.Order o : orders)
        {
            final long left = o.qty() - filled.getOrDefault(o.id(), 0L);
            if (o.market())
            {
                cancelledMarket += left > 0 ? 1 : 0;
            }
            else if (o.buy())
            {
                restingBuys += left;
            }
            else
            {
                restingSells += left;
            }
        }
        assertEquals(cancelledMarket, ev.stream().filter(e -> e.get("type").asText().equals("cancelled") &&
            e.get("reason").asText().equals("market_remainder")).count(), book);
        assertEquals(cancelledMarket, ev.stream().filter(e -> e.get("type").asText().equals("cancelled")).count(), book);
        final long[] onBook = new long[2];
        final long[] best = {0, Long.MAX_VALUE};
        new MatcherView(run.matcher).books(new MatcherView.BookVisitor()
        {
            @Override
            public void product(final String id, final String kind, final String status, final long referencePriceFen,
                final long bandLowerFen, final long bandUpperFen, final boolean hasBand)
            {
            }

            @Override
            public void level(final String side, final long priceFen, final long openQty, final int count)
            {
                final int s = side.equals("buy") ? 0 : 1;
                onBook[s] += openQty;
                best[s] = s == 0 ? Math.max(best[s], priceFen) : Math.min(best[s], priceFen);
            }

            @Override
            public void order(final MatcherView.Order order)
            {
            }
        });
        assertEquals(restingBuys, onBook[0], "resting buys: " + book);
        assertEquals(restingSells, onBook[1], "resting sells: " + book);
        assertTrue(best[0] < best[1], "continuous trading starts uncrossed: " + book);
        assertTrue(run.matcher.isCashConserved(), book);
        assertEquals(0, run.matcher.cashReservedFen("B1") + run.matcher.cashReservedFen("B2") -
            orders.stream().filter(o -> o.buy() && !o.market()).mapToLong(o -> (o.qty() -
                filled.getOrDefault(o.id(), 0L)) * o.priceFen()).sum(), "buyers reserve only what rests: " + book);
    }

    private static String fen(final long fen)
    {
        return String.format(java.util.Locale.ROOT, "%d.%02d", fen / 100, fen % 100);
    }

    /** A fresh matcher driven by JSON lines, its events parsed. */
    private static final class Run
    {
        final Matcher matcher = new Matcher(new MatcherContext().ordersMax(256).levelsMax(64).conclude());
        private final Simulator simulator = new Simulator(matcher, null, () -> 1_772_359_200_000_000_000L);
        private int lineNumber;

        void lines(final String... lines) throws Exception
        {
            for (final String line : lines)
            {
                line(line);
            }
        }

        List<JsonNode> line(final String line) throws Exception
        {
            final StringBuilder out = new StringBuilder();
            simulator.line(++lineNumber, line, out);
            final List<JsonNode> events = new ArrayList<>();
            for (final String l : out.toString().split("\n"))
            {
                if (!l.isEmpty())
                {
                    events.add(MAPPER.readTree(l));
                }
            }
            return events;
        }
    }
}
