package io.databourse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.surveillance.alert.AlertType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/indexes.md recomputed independently: random commands through {@code simulate --settle}, then
 * a deliberately naive implementation over the printed events (every trade kept in a list, each
 * value recomputed from scratch at each record, BigDecimal with the documented roundings) must give
 * the marks, the compute index, the daily bars, the category closes and the pledges' collateral,
 * cover and margin calls that settlement published, leaving out the trades the alerts of
 * {@code alerts.jsonl} flag as the methodology says. The {@code indexes} command recomputes the
 * published file line for line.
 */
class IndexRecomputeSystemTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long NS_PER_MINUTE = 60_000_000_000L;
    private static final int WINDOW_MINUTES = 24 * 60;
    private static final int MIN_TRADES = 3;

    record Trade(long tradeId, long timeNs, String product, long priceFen, long qty)
    {
        long minute()
        {
            return Math.floorDiv(timeNs, NS_PER_MINUTE);
        }

        LocalDate date()
        {
            return Instant.ofEpochSecond(0, timeNs).atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    static final class Pledge
    {
        String id;
        String product;
        long qty;
        int haircutBps;
        long coverFen;
        boolean active = true;
        boolean call;
    }

    @Test
    void publishedIndexesMarksAndPledgesAreRecomputedIndependently(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("commands.jsonl");
        // the set-up lines carry no time (the clock's): stamp them before the first order
        Files.write(input, SimulateSettleSystemTest.commands(7, 3_000).stream()
            .map(l -> l.contains("\"time\"") ? l : "{\"time\":\"2026-03-01T09:00:00Z\"," + l.substring(1))
            // a thin haircut, so that marks fall below covers and margin calls start and end
            .map(l -> l.replace("\"haircut\":\"0.40\"", "\"haircut\":\"0.05\"")).toList());
        final Path journal = dir.resolve("journal");
        final Path out = dir.resolve("out");
        final ByteArrayOutputStream events = new ByteArrayOutputStream();
        assertEquals(0, ExchangeMain.execute(new PrintStream(events, true, StandardCharsets.UTF_8), System.err,
            "simulate", "--journal", journal.toString(), "--settle", "--out", out.toString(), input.toString()));

        // the trades surveillance flagged, each at the seq of the first alert that names it (docs/indexes.md:
        // from that record on it counts in no value)
        final Map<Long, Long> flaggedAt = new LinkedHashMap<>();
        for (final String line : Files.readAllLines(out.resolve("alerts.jsonl")))
        {
            final JsonNode alert = MAPPER.readTree(line);
            if (AlertType.ofWireName(alert.get("type").asText()).flagsTrades())
            {
                for (final JsonNode t : alert.get("trades"))
                {
                    flaggedAt.merge(t.get("tradeId").asLong(), alert.get("seq").asLong(), Math::min);
                }
            }
        }

        // the naive model, record by record
        final Map<String, String> kind = new LinkedHashMap<>();
        final Map<String, String> grade = new LinkedHashMap<>();
        final Map<String, String> hardware = new LinkedHashMap<>();
        final Map<String, Long> markFen = new LinkedHashMap<>();
        final Map<String, String> basis = new LinkedHashMap<>();
        final List<String> markHistory = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final Map<String, Pledge> pledges = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<String> computeHistory = new ArrayList<>();
        long computeValue = 0;
        String computeStatus = "none";
        long time = Long.MIN_VALUE;
        long seq = -1;
        // the seq of the record that closed each trading day (the first of a later day)
        final Map<LocalDate, Long> closedAt = new LinkedHashMap<>();
        LocalDate openDate = null;
        final List<JsonNode> record = new ArrayList<>();
        final List<JsonNode> all = new ArrayList<>();
        for (final String line : events.toString(StandardCharsets.UTF_8).split("\n"))
        {
            all.add(MAPPER.readTree(line));
        }
        all.add(null); // end
        for (final JsonNode e : all)
        {
            if (null != e && e.get("seq").asLong() == seq)
            {
                record.add(e);
                continue;
            }
            if (!record.isEmpty())
            {
                time = Math.max(time, Instant.parse(record.get(0).get("time").asText()).getEpochSecond() * 1_000_000_000L +
                    Instant.parse(record.get(0).get("time").asText()).getNano());
                final LocalDate date = Instant.ofEpochSecond(0, time).atZone(ZoneOffset.UTC).toLocalDate();
                if (null != openDate && date.isAfter(openDate))
                {
                    closedAt.put(openDate, seq);
                }
                openDate = date;
                final long at = seq;
                final List<Trade> counted = new ArrayList<>(trades.stream().filter(t -> flaggedAt.getOrDefault(t.tradeId(),
                    Long.MAX_VALUE) > at).toList());
                final List<Pledge> registered = new ArrayList<>();
                for (final JsonNode ev : record)
                {
                    switch (ev.get("type").asText())
                    {
                        case "product_registered" ->
                        {
                            final String id = ev.get("product").asText();
                            kind.put(id, ev.get("kind").asText());
                            grade.put(id, ev.get("grade").asText());
                            if (ev.has("hardware"))
                            {
                                hardware.put(id, "IDX." + ev.get("hardware").asText() + "." + ev.get("region").asText());
                            }
                            final long ref = ev.has("referencePrice") ? fen(ev.get("referencePrice").asText()) : 0;
                            markFen.put(id, ref);
                            basis.put(id, ref > 0 ? "reference" : "none");
                            if (ref > 0)
                            {
                                markHistory.add(seq + " " + id + " " + ref + " reference");
                            }
                        }
                        case "trade" ->
                        {
                            final Trade t = new Trade(ev.get("tradeId").asLong(), time, ev.get("product").asText(),
                                fen(ev.get("price").asText()), ev.get("qty").asLong());
                            trades.add(t);
                            if (flaggedAt.getOrDefault(t.tradeId(), Long.MAX_VALUE) > seq)
                            {
                                counted.add(t);
                            }
                        }
                        case "pledge_registered" ->
                        {
                            final Pledge p = new Pledge();
                            p.id = ev.get("id").asText();
                            p.product = ev.get("product").asText();
                            p.qty = ev.get("qty").asLong();
                            p.haircutBps = new BigDecimal(ev.get("haircut").asText()).movePointRight(4).intValueExact();
                            pledges.put(p.id, p);
                            registered.add(p);
                        }
                        case "pledge_released" ->
                        {
                            final Pledge p = pledges.get(ev.get("id").asText());
                            p.active = false;
                            if (p.call)
                            {
                                p.call = false;
                                calls.add(seq + " cleared " + p.id);
                            }
                        }
                        default ->
                        {
                        }
                    }
                }
                // marks at this record, from scratch
                for (final String product : markFen.keySet())
                {
                    final List<Trade> window = window(counted, product, time);
                    final long mark;
                    final String newBasis;
                    if (window.size() >= MIN_TRADES)
                    {
                        mark = vwap(window);
                        newBasis = "vwap";
                    }
                    else
                    {
                        mark = markFen.get(product);
                        newBasis = "vwap".equals(basis.get(product)) ? "carried" : basis.get(product);
                    }
                    if (mark != markFen.get(product) || !newBasis.equals(basis.get(product)))
                    {
                        markFen.put(product, mark);
                        basis.put(product, newBasis);
                        markHistory.add(seq + " " + product + " " + mark + " " + newBasis);
                    }
                }
                final List<Trade> computeNow = new ArrayList<>();
                for (final String product : hardware.keySet())
                {
                    computeNow.addAll(window(counted, product, time));
                }
                final String status = computeNow.size() >= MIN_TRADES ? "live" : "none".equals(computeStatus) ? "none" : "stale";
                final long value = computeNow.size() >= MIN_TRADES ? vwap(computeNow) : computeValue;
                if (!status.equals(computeStatus) || value != computeValue)
                {
                    computeStatus = status;
                    computeValue = value;
                    computeHistory.add(seq + " " + value + " " + status + " " + computeNow.size());
                }
                for (final Pledge p : registered)
                {
                    p.coverFen = collateral(p.qty, markFen.get(p.product), p.haircutBps);
                }
                for (final Pledge p : pledges.values())
                {
                    final boolean call = p.active && p.qty * markFen.get(p.product) < p.coverFen;
                    if (call != p.call)
                    {
                        p.call = call;
                        calls.add(seq + (call ? " call " : " cleared ") + p.id);
                    }
                }
                record.clear();
            }
            if (null != e)
            {
                seq = e.get("seq").asLong();
                record.add(e);
            }
        }
        assertTrue(trades.size() > 400, "the random journal trades: " + trades.size());
        assertTrue(calls.size() > 0, "the journal has margin calls to check");

        final List<JsonNode> published = new ArrayList<>();
        for (final String line : Files.readAllLines(out.resolve("indexes.jsonl")))
        {
            published.add(MAPPER.readTree(line));
        }
        // every mark published, in order
        final List<String> publishedMarks = published.stream().filter(l -> "mark".equals(l.get("type").asText()))
            .map(l -> l.get("seq").asLong() + " " + l.get("product").asText() + " " + fen(l.get("mark").asText()) + " " +
                l.get("basis").asText()).toList();
        assertEquals(markHistory, publishedMarks);

        // every value and status of the compute index, and its state at the end
        final String computeIndex = hardware.values().iterator().next();
        final List<String> publishedCompute = published.stream()
            .filter(l -> "index".equals(l.get("type").asText()) && computeIndex.equals(l.get("index").asText()))
            .map(l -> l.get("seq").asLong() + " " + fen(l.get("value").asText()) + " " + l.get("status").asText() + " " +
                l.get("trades").asInt()).toList();
        assertEquals(computeHistory, publishedCompute);
        assertTrue(computeHistory.size() > 10 && computeHistory.stream().anyMatch(h -> h.endsWith("stale 2")),
            "the compute index goes live and stale: " + computeHistory);
        final JsonNode state = MAPPER.readTree(out.resolve("indexes.json").toFile());
        final JsonNode compute = find(state.get("indexes"), "index", computeIndex);
        assertEquals(computeStatus, compute.get("status").asText());
        assertEquals(computeValue, fen(compute.get("value").asText()));

        // daily bars of every closed day, and the category closes chained from them
        final TreeMap<LocalDate, Map<String, List<Trade>>> days = new TreeMap<>();
        for (final Trade t : trades)
        {
            days.computeIfAbsent(t.date(), d -> new TreeMap<>()).computeIfAbsent(t.product(), p -> new ArrayList<>()).add(t);
        }
        final LocalDate openDay = Instant.ofEpochSecond(0, time).atZone(ZoneOffset.UTC).toLocalDate();
        days.keySet().removeIf(d -> !d.isBefore(openDay)); // the day of the last record has not closed
        final List<String> expectedBars = new ArrayList<>();
        final Map<String, BigDecimal> level = new LinkedHashMap<>();
        final Map<String, Long> previousVwap = new LinkedHashMap<>();
        final List<String> expectedCloses = new ArrayList<>();
        int flaggedInBars = 0;
        for (final Map.Entry<LocalDate, Map<String, List<Trade>>> day : days.entrySet())
        {
            final Map<String, BigDecimal[]> link = new TreeMap<>(); // category -> {Σ weight x r, Σ weight}
            final Map<String, Boolean> tradedAny = new TreeMap<>();
            for (final String product : kind.keySet()) // bars in product registration order
            {
                final List<Trade> ts = day.getValue().get(product);
                if (null == ts)
                {
                    continue;
                }
                final Map.Entry<String, List<Trade>> bar = Map.entry(product, ts);
                // the tape's prices; value, quantity, trades and VWAP without the trades flagged before the close
                final long closeSeq = closedAt.get(day.getKey());
                final List<Trade> kept = ts.stream().filter(t -> flaggedAt.getOrDefault(t.tradeId(), Long.MAX_VALUE) >= closeSeq)
                    .toList();
                final long value = kept.stream().mapToLong(t -> t.priceFen() * t.qty()).sum();
                final long qty = kept.stream().mapToLong(Trade::qty).sum();
                expectedBars.add(day.getKey() + " " + bar.getKey() + " " + ts.get(0).priceFen() + " " +
                    ts.stream().mapToLong(Trade::priceFen).max().orElseThrow() + " " +
                    ts.stream().mapToLong(Trade::priceFen).min().orElseThrow() + " " + ts.get(ts.size() - 1).priceFen() +
                    " " + (0 == qty ? 0 : value / qty) + " " + qty + " " + value + " " + kept.size() + " " +
                    (ts.size() - kept.size()));
                flaggedInBars += ts.size() - kept.size();
                if (hardware.containsKey(bar.getKey()) || 0 == qty)
                {
                    continue; // (every trade of the day flagged: the product did not trade, for the link)
                }
                final String category = "IDX." + kind.get(bar.getKey()).toUpperCase() + "." +
                    grade.get(bar.getKey()).toUpperCase();
                tradedAny.put(category, true);
                final Long previous = previousVwap.get(bar.getKey());
                if (null != previous)
                {
                    final BigDecimal r = BigDecimal.valueOf(value / qty)
                        .divide(BigDecimal.valueOf(previous), 12, RoundingMode.FLOOR);
                    final BigDecimal[] sums = link.computeIfAbsent(category,
                        c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    sums[0] = sums[0].add(BigDecimal.valueOf(value).multiply(r));
                    sums[1] = sums[1].add(BigDecimal.valueOf(value));
                }
                previousVwap.put(bar.getKey(), value / qty);
            }
            for (final String category : tradedAny.keySet())
            {
                final BigDecimal before = level.get(category);
                final BigDecimal[] sums = link.get(category);
                final BigDecimal after = null == before ? new BigDecimal("1000.00") : null == sums ? before :
                    before.multiply(sums[0]).divide(sums[1], 2, RoundingMode.FLOOR);
                if (null == before || after.compareTo(before) != 0)
                {
                    expectedCloses.add(category + " " + after);
                }
                level.put(category, after);
            }
        }
        final List<String> publishedBars = published.stream().filter(l -> "daily".equals(l.get("type").asText()))
            .map(l -> l.get("date").asText() + " " + l.get("product").asText() + " " + fen(l.get("open").asText()) + " " +
                fen(l.get("high").asText()) + " " + fen(l.get("low").asText()) + " " + fen(l.get("close").asText()) + " " +
                fen(l.get("vwap").asText()) + " " + l.get("qty").asLong() + " " + fen(l.get("value").asText()) + " " +
                l.get("trades").asInt() + " " + l.get("flaggedTrades").asInt()).toList();
        assertEquals(expectedBars, publishedBars);
        assertTrue(flaggedInBars > 0, "surveillance flagged trades the bars left out");
        final List<String> publishedCloses = published.stream()
            .filter(l -> "index".equals(l.get("type").asText()) && "data".equals(l.get("family").asText()))
            .map(l -> l.get("index").asText() + " " + l.get("value").asText()).toList();
        assertEquals(expectedCloses.stream().sorted().toList(), publishedCloses.stream().sorted().toList());
        assertTrue(expectedCloses.size() > 4, "categories chain over several days: " + expectedCloses);

        // pledges: collateral at the last mark, cover at registration, margin calls started and ended
        final JsonNode pledgesJson = MAPPER.readTree(out.resolve("pledges.json").toFile());
        assertEquals(pledges.size(), pledgesJson.size());
        for (final JsonNode p : pledgesJson)
        {
            final Pledge expected = pledges.get(p.get("id").asText());
            final long mark = markFen.get(expected.product);
            assertEquals(mark, fen(p.get("price").asText()), expected.id);
            assertEquals(collateral(expected.qty, mark, expected.haircutBps), fen(p.get("collateralValue").asText()));
            assertEquals(expected.coverFen, fen(p.get("cover").asText()), expected.id);
            assertEquals(expected.call, p.get("marginCall").asBoolean(), expected.id);
        }
        final List<String> publishedCalls = Files.readAllLines(out.resolve("margin-calls.jsonl")).stream().map(l ->
        {
            try
            {
                final JsonNode c = MAPPER.readTree(l);
                return c.get("seq").asLong() + ("margin_call".equals(c.get("type").asText()) ? " call " : " cleared ") +
                    c.get("pledge").asText();
            }
            catch (final Exception ex)
            {
                throw new AssertionError(l, ex);
            }
        }).toList();
        assertEquals(calls, publishedCalls);

        // the indexes command recomputes the published file line for line, and says so
        final ByteArrayOutputStream checked = new ByteArrayOutputStream();
        final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertEquals(0, ExchangeMain.execute(new PrintStream(printed, true, StandardCharsets.UTF_8), System.err,
            "indexes", journal.toString()));
        assertEquals(Files.readString(out.resolve("indexes.jsonl")), printed.toString(StandardCharsets.UTF_8));
        assertEquals(0, ExchangeMain.execute(System.out, new PrintStream(checked, true, StandardCharsets.UTF_8),
            "indexes", journal.toString(), "--check", out.resolve("indexes.jsonl").toString()));
        assertTrue(checked.toString(StandardCharsets.UTF_8).contains("all " + published.size() + " published values"),
            checked.toString(StandardCharsets.UTF_8));

        // a published file that differs is caught, at its line
        final List<String> tampered = new ArrayList<>(Files.readAllLines(out.resolve("indexes.jsonl")));
        final int at = tampered.size() / 2;
        tampered.set(at, tampered.get(at).replaceFirst("\"seq\":", "\"seq\":1"));
        Files.write(dir.resolve("tampered.jsonl"), tampered);
        final ByteArrayOutputStream refused = new ByteArrayOutputStream();
        assertEquals(1, ExchangeMain.execute(System.out, new PrintStream(refused, true, StandardCharsets.UTF_8),
            "indexes", journal.toString(), "--check", dir.resolve("tampered.jsonl").toString()));
        assertTrue(refused.toString(StandardCharsets.UTF_8).contains("line " + (at + 1) + ":"),
            refused.toString(StandardCharsets.UTF_8));
    }

    private static List<Trade> window(final List<Trade> trades, final String product, final long timeNs)
    {
        final long oldest = Math.floorDiv(timeNs, NS_PER_MINUTE) - WINDOW_MINUTES + 1;
        return trades.stream().filter(t -> t.product().equals(product) && t.minute() >= oldest).toList();
    }

    private static long vwap(final List<Trade> trades)
    {
        final BigDecimal value = trades.stream().map(t -> BigDecimal.valueOf(t.priceFen() * t.qty()))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
        final long qty = trades.stream().mapToLong(Trade::qty).sum();
        return value.divide(BigDecimal.valueOf(qty), 0, RoundingMode.FLOOR).longValueExact();
    }

    private static long collateral(final long qty, final long markFen, final int haircutBps)
    {
        return BigDecimal.valueOf(qty * markFen).multiply(BigDecimal.valueOf(10_000 - haircutBps))
            .divide(BigDecimal.valueOf(10_000), 0, RoundingMode.FLOOR).longValueExact();
    }

    private static JsonNode find(final JsonNode array, final String field, final String value)
    {
        for (final JsonNode n : array)
        {
            if (value.equals(n.get(field).asText()))
            {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + array);
    }

    private static long fen(final String yuan)
    {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
