package io.databourse.index;

import static io.databourse.index.Records.DAY_NS;
import static io.databourse.index.Records.HOUR_NS;
import static io.databourse.index.Records.MINUTE_NS;
import static io.databourse.index.Records.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import org.junit.jupiter.api.Test;

/** The methodology of docs/indexes.md on hand-computed cases, one rule each. */
final class IndexBookTest
{
    /** Collects every published line, as indexes.jsonl would hold them. */
    static final class Lines implements IndexListener
    {
        final List<String> lines = new ArrayList<>();

        @Override
        public void onIndex(final IndexBook book, final int index)
        {
            lines.add(IndexJson.appendIndex(new StringBuilder(), book, index).toString());
        }

        @Override
        public void onMark(final IndexBook book, final int product)
        {
            lines.add(IndexJson.appendMark(new StringBuilder(), book, product).toString());
        }

        @Override
        public void onDailyBar(final IndexBook book, final int product)
        {
            lines.add(IndexJson.appendDailyBar(new StringBuilder(), book, product).toString());
        }

        List<String> drain()
        {
            final List<String> out = new ArrayList<>(lines);
            lines.clear();
            return out;
        }
    }

    private final Records records = new Records();
    private final Lines lines = new Lines();
    private final IndexBook book = new IndexBook(IndexRules.defaults(), 64).listener(lines);

    private void apply(final JournalRecord record)
    {
        book.apply(record);
    }

    @Test
    void computeIndexIsTheWindowVwapOnceItHoldsTheMinimumTrades()
    {
        apply(records.compute(T0_NS, "COMPUTE.H100.GY1.W1", "H100", "GY1"));
        apply(records.compute(T0_NS, "COMPUTE.H100.GY1.W2", "H100", "GY1"));
        apply(records.compute(T0_NS, "COMPUTE.H100.SH2.W1", "H100", "SH2"));
        assertEquals(2, book.indexCount(), "one index per (hardware, region), products of other weeks share it");
        final int gy1 = book.indexNumber("IDX.H100.GY1");
        lines.drain();

        apply(records.trades(T0_NS + MINUTE_NS, 0, 2000, 10));
        apply(records.trades(T0_NS + 2 * MINUTE_NS, 1, 2200, 5));
        assertEquals(IndexBook.STATUS_NONE, book.status(gy1), "two trades are below the minimum of three");
        assertEquals(List.of(), indexLines(lines.drain()));

        apply(records.trades(T0_NS + 3 * MINUTE_NS, 0, 2600, 5));
        // (2000 x 10 + 2200 x 5 + 2600 x 5) / 20 = 44000 / 20 = 2200 fen per node-hour
        assertEquals(List.of("{\"type\":\"index\",\"seq\":6,\"time\":\"2026-03-01T10:03:00Z\",\"index\":\"IDX.H100.GY1\"," +
            "\"family\":\"compute\",\"value\":\"22.00\",\"status\":\"live\",\"qty\":20,\"trades\":3,\"constituents\":2}"),
            indexLines(lines.drain()));

        apply(records.trades(T0_NS + 4 * MINUTE_NS, 2, 9999, 1));
        assertEquals(2200, book.value(gy1), "another region's trade leaves GY1 alone");
    }

    @Test
    void aTradeLeavesTheWindowWhenItsMinuteDoes()
    {
        apply(records.compute(T0_NS, "C1", "H100", "GY1"));
        final int i = book.indexNumber("IDX.H100.GY1");
        apply(records.trades(T0_NS + 30_000_000_000L, 0, 1000, 1)); // 10:00:30, minute 10:00
        apply(records.trades(T0_NS + HOUR_NS, 0, 2000, 1));
        apply(records.trades(T0_NS + 2 * HOUR_NS, 0, 3000, 1));
        assertEquals(2000, book.value(i));
        lines.drain();

        apply(records.tick(T0_NS + DAY_NS - 1)); // 09:59:59.999 next day: minute 10:00 is still 24 h back
        assertEquals(IndexBook.STATUS_LIVE, book.status(i));
        apply(records.tick(T0_NS + DAY_NS)); // 10:00 next day: minute 10:00 of the day before has left
        assertEquals(IndexBook.STATUS_STALE, book.status(i), "two trades left: stale");
        assertEquals(2000, book.value(i), "a stale index keeps its last live value");
        assertEquals(2, book.indexTrades(i));
        assertTrue(indexLines(lines.drain()).get(0).contains("\"value\":\"20.00\",\"status\":\"stale\",\"qty\":2,\"trades\":2"));

        apply(records.trades(T0_NS + DAY_NS + MINUTE_NS, 0, 4000, 2));
        // (2000 + 3000 + 4000 x 2) / 4 = 3250
        assertEquals(IndexBook.STATUS_LIVE, book.status(i));
        assertEquals(3250, book.value(i));
    }

    @Test
    void markIsTheReferencePriceThenTheWindowVwapThenCarried()
    {
        apply(records.data(T0_NS, "DATA.A", Codes.Grade.GENERAL, 1200));
        assertEquals(List.of("{\"type\":\"mark\",\"seq\":1,\"time\":\"2026-03-01T10:00:00Z\",\"product\":\"DATA.A\"," +
            "\"mark\":\"12.00\",\"basis\":\"reference\",\"windowTrades\":0,\"windowQty\":0}"), lines.drain());

        apply(records.trades(T0_NS + MINUTE_NS, 0, 100_000, 1)); // one print far away moves nothing
        apply(records.trades(T0_NS + 2 * MINUTE_NS, 0, 1300, 4));
        assertEquals(1200, book.markFen(0));
        assertEquals(IndexBook.BASIS_REFERENCE, book.markBasis(0));
        assertEquals(List.of(), lines.drain());

        apply(records.trades(T0_NS + 3 * MINUTE_NS, 0, 1100, 5));
        // (100000 + 1300 x 4 + 1100 x 5) / 10 = 110700 / 10 = 11070
        assertEquals(11070, book.markFen(0));
        assertEquals(IndexBook.BASIS_VWAP, book.markBasis(0));
        lines.drain();

        apply(records.tick(T0_NS + DAY_NS + MINUTE_NS)); // the first print left the window
        assertEquals(IndexBook.BASIS_CARRIED, book.markBasis(0));
        assertEquals(11070, book.markFen(0), "below the minimum the mark holds its last value");
        assertEquals(List.of("{\"type\":\"mark\",\"seq\":5,\"time\":\"2026-03-02T10:01:00Z\",\"product\":\"DATA.A\"," +
            "\"mark\":\"110.70\",\"basis\":\"carried\",\"windowTrades\":2,\"windowQty\":9}"),
            lines.drain().stream().filter(l -> l.startsWith("{\"type\":\"mark\"")).toList());
    }

    @Test
    void anAuctionPriceMarksAProductWithoutACurrentVwap()
    {
        apply(records.data(T0_NS, "DATA.A", Codes.Grade.GENERAL, 1200));
        apply(records.trades(T0_NS + MINUTE_NS, 0, 1500, 10));
        book.onAuctionUncrossed(0, 1500);
        apply(records.tick(T0_NS + MINUTE_NS)); // the uncross is told before its record is applied
        assertEquals(1500, book.markFen(0));
        assertEquals(IndexBook.BASIS_AUCTION, book.markBasis(0));

        apply(records.trades(T0_NS + 2 * MINUTE_NS, 0, 1600, 1));
        assertEquals(IndexBook.BASIS_AUCTION, book.markBasis(0), "an auction mark stays until the VWAP is current");
        apply(records.trades(T0_NS + 3 * MINUTE_NS, 0, 1700, 1));
        // (1500 x 10 + 1600 + 1700) / 12 = 18300 / 12 = 1525
        assertEquals(IndexBook.BASIS_VWAP, book.markBasis(0));
        assertEquals(1525, book.markFen(0));
    }

    @Test
    void theMatchersUncrossInTheJournalMarksTheProductAtTheAuctionsPrice()
    {
        apply(records.data(T0_NS, "DATA.A", Codes.Grade.GENERAL, 1200));
        apply(records.uncross(T0_NS + MINUTE_NS, 0, 1450, 30));
        assertEquals(1450, book.markFen(0));
        assertEquals(IndexBook.BASIS_AUCTION, book.markBasis(0), "one uncross, not yet a current VWAP");
    }

    @Test
    void dailyBarsAndTheDataCategoryChainLink()
    {
        apply(records.data(T0_NS, "DATA.A", Codes.Grade.GENERAL, 0));
        apply(records.data(T0_NS, "DATA.B", Codes.Grade.GENERAL, 0));
        apply(records.data(T0_NS, "DATA.C", Codes.Grade.GENERAL, 0));
        apply(records.data(T0_NS, "DATA.X", Codes.Grade.IMPORTANT, 0));
        final int general = book.indexNumber("IDX.DATA.GENERAL");
        assertTrue(general >= 0 && book.indexNumber("IDX.DATA.IMPORTANT") >= 0);
        lines.drain();

        // day 1: A 100 x 10 (VWAP 100), B 200 x 5 (VWAP 200)
        apply(records.trades(T0_NS, 0, 90, 5, 0, 110, 5, 1, 200, 5));
        assertEquals(IndexBook.STATUS_NONE, book.status(general), "a daily index: nothing before the day closes");
        // day 2, first record: day 1 closes
        apply(records.tick(T0_NS + DAY_NS));
        assertEquals(List.of(
            "{\"type\":\"daily\",\"seq\":6,\"time\":\"2026-03-02T10:00:00Z\",\"date\":\"2026-03-01\",\"product\":\"DATA.A\"," +
                "\"open\":\"0.90\",\"high\":\"1.10\",\"low\":\"0.90\",\"close\":\"1.10\",\"vwap\":\"1.00\",\"qty\":10," +
                "\"value\":\"10.00\",\"trades\":2,\"flaggedTrades\":0}",
            "{\"type\":\"daily\",\"seq\":6,\"time\":\"2026-03-02T10:00:00Z\",\"date\":\"2026-03-01\",\"product\":\"DATA.B\"," +
                "\"open\":\"2.00\",\"high\":\"2.00\",\"low\":\"2.00\",\"close\":\"2.00\",\"vwap\":\"2.00\",\"qty\":5," +
                "\"value\":\"10.00\",\"trades\":1,\"flaggedTrades\":0}",
            "{\"type\":\"index\",\"seq\":6,\"time\":\"2026-03-02T10:00:00Z\",\"index\":\"IDX.DATA.GENERAL\"," +
                "\"family\":\"data\",\"value\":\"1000.00\",\"status\":\"live\",\"qty\":0,\"trades\":0,\"constituents\":0}"),
            lines.drain().stream().filter(l -> !l.contains("\"mark\"")).toList());

        // day 2: A 110 x 10 (relative 1.1, value 1100), B 180 x 5 (0.9, value 900), C new (no relative)
        apply(records.trades(T0_NS + DAY_NS + HOUR_NS, 0, 110, 10, 1, 180, 5, 2, 5000, 1));
        assertEquals(101_000, book.indicativeLevel(general), "indicative: the close if the day ended now");
        apply(records.tick(T0_NS + 2 * DAY_NS));
        // (1100 x 1.1 + 900 x 0.9) / 2000 = 1.01 -> 1000.00 x 1.01 = 1010.00
        assertEquals(101_000, book.value(general));
        assertEquals(2, book.constituents(general), "C has no previous day: not in the link");
        assertEquals(15, book.indexQty(general));

        // day 3: only C trades, at its own previous price: relative 1, level unchanged, nothing published
        lines.drain();
        apply(records.trades(T0_NS + 2 * DAY_NS + HOUR_NS, 2, 5000, 1));
        apply(records.tick(T0_NS + 3 * DAY_NS));
        assertEquals(101_000, book.value(general));
        assertEquals(List.of(), indexLines(lines.drain()));
    }

    @Test
    void aCategoryLevelRoundsDownToTheHundredth()
    {
        apply(records.data(T0_NS, "DATA.A", Codes.Grade.GENERAL, 0));
        final int general = book.indexNumber("IDX.DATA.GENERAL");
        apply(records.trades(T0_NS, 0, 300, 1));
        apply(records.trades(T0_NS + DAY_NS, 0, 100, 1));
        apply(records.tick(T0_NS + 2 * DAY_NS));
        // 1000.00 x floor(100 x 10^12 / 300) / 10^12 = 333.333... -> 333.33
        assertEquals(33_333, book.value(general));
    }

    @Test
    void aTradeSurveillanceFlagsLeavesTheWindowAndTheBarButNotTheTape()
    {
        apply(records.compute(T0_NS, "C1", "H100", "GY1"));
        final int i = book.indexNumber("IDX.H100.GY1");
        apply(records.trades(T0_NS + MINUTE_NS, 0, 2000, 10)); // trade 1
        apply(records.trades(T0_NS + 2 * MINUTE_NS, 0, 2200, 10)); // trade 2
        apply(records.trades(T0_NS + 3 * MINUTE_NS, 0, 2400, 10)); // trade 3
        assertEquals(2200, book.value(i));
        lines.drain();

        // trade 4 is flagged by an alert raised in its own record: it never shows in a value
        book.applyEvents(records.trades(T0_NS + 4 * MINUTE_NS, 0, 9000, 10)); // trade 4
        assertTrue(book.excludeTrade(4, "C1", T0_NS + 4 * MINUTE_NS, 9000, 10));
        book.publish();
        assertEquals(List.of(), lines.drain(), "nothing changed: the flagged print is out");
        assertEquals(2200, book.value(i));
        assertEquals(3, book.indexTrades(i));

        // trade 1 flagged later: out of the window from this record on; the index falls below 3 trades
        book.applyEvents(records.tick(T0_NS + 5 * MINUTE_NS));
        assertTrue(book.excludeTrade(1, "C1", T0_NS + MINUTE_NS, 2000, 10));
        assertEquals(false, book.excludeTrade(1, "C1", T0_NS + MINUTE_NS, 2000, 10), "once");
        book.publish();
        assertEquals(IndexBook.STATUS_STALE, book.status(i));
        assertEquals(IndexBook.BASIS_CARRIED, book.markBasis(0));
        // the bar: the tape (open .. close) keeps every print; value, quantity, trades and VWAP do not
        assertEquals(2000, book.dayOpenFen(0));
        assertEquals(9000, book.dayHighFen(0));
        assertEquals(9000, book.dayCloseFen(0));
        assertEquals(2, book.dayTrades(0));
        assertEquals(2, book.dayFlaggedTrades(0));
        assertEquals(2300, book.dayVwapFen(0), "(2200 + 2400) / 2");
        // a trade whose minute has left the window, from an earlier day, is no longer counted anywhere
        apply(records.tick(T0_NS + 2 * DAY_NS));
        assertEquals(false, book.excludeTrade(2, "C1", T0_NS + 2 * MINUTE_NS, 2200, 10));
    }

    @Test
    void theWindowKeepsOneEntryPerProductAndMinute()
    {
        apply(records.compute(T0_NS, "C1", "H100", "GY1"));
        for (int k = 0; k < 1000; k++)
        {
            apply(records.trades(T0_NS + k * 50_000_000L, 0, 1000 + k % 7, 1)); // 1000 trades in 50 s
        }
        assertEquals(1, book.windowEntries());
        assertEquals(1000, book.indexTrades(0));
    }

    @Test
    void snapshotAnywhereThenContinuePublishesTheSameLines()
    {
        final List<JournalRecord> journal = new ArrayList<>();
        final List<byte[]> copies = new ArrayList<>();
        final Random random = new Random(19);
        final Records r = new Records();
        copies.add(copy(r.compute(T0_NS, "C1", "H100", "GY1")));
        copies.add(copy(r.compute(T0_NS, "C2", "A800", "GY1")));
        copies.add(copy(r.data(T0_NS, "D1", Codes.Grade.GENERAL, 500)));
        copies.add(copy(r.data(T0_NS, "D2", Codes.Grade.IMPORTANT, 800)));
        long t = T0_NS;
        for (int k = 0; k < 3000; k++)
        {
            t += random.nextInt(3) * random.nextInt(1 + (int)(HOUR_NS / 1_000_000_000L)) * 1_000_000_000L;
            copies.add(copy(random.nextInt(5) == 0 ? r.tick(t) :
                r.trades(t, random.nextInt(4), 100 + random.nextInt(900), 1 + random.nextInt(9))));
        }
        for (final byte[] bytes : copies)
        {
            journal.add(new JournalRecord().wrap(new org.agrona.concurrent.UnsafeBuffer(bytes), 0));
        }

        final Lines whole = new Lines();
        final IndexBook one = new IndexBook(IndexRules.defaults(), 16).listener(whole);
        journal.forEach(one::apply);
        assertTrue(whole.lines.size() > 100, "the random journal publishes");

        for (final int cut : new int[] {1, 4, 5, 777, 1500, 2999})
        {
            final Lines parts = new Lines();
            final IndexBook first = new IndexBook(IndexRules.defaults(), 16).listener(parts);
            journal.subList(0, cut).forEach(first::apply);
            final IndexBook second = new IndexBook(IndexRules.defaults(), 16).listener(parts);
            restore(second, snapshot(first));
            journal.subList(cut, journal.size()).forEach(second::apply);
            assertEquals(whole.lines, parts.lines, "cut at " + cut);
            assertEquals(IndexJson.state(one), IndexJson.state(second));
        }
    }

    @Test
    void badSettingsAreRefusedByName()
    {
        assertThrows(IllegalArgumentException.class, () -> new IndexRules(24, 7, 3, 3, ZoneOffset.UTC),
            "a bucket must divide an hour");
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new IndexRules(0, 60, 3, 3, ZoneOffset.UTC));
        assertTrue(ex.getMessage().contains(IndexRules.WINDOW_HOURS_PROP_NAME));
        System.setProperty(IndexRules.MIN_TRADES_PROP_NAME, "three");
        try
        {
            final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, IndexRules::fromSystemProperties);
            assertTrue(bad.getMessage().contains(IndexRules.MIN_TRADES_PROP_NAME));
        }
        finally
        {
            System.clearProperty(IndexRules.MIN_TRADES_PROP_NAME);
        }
    }

    private static List<String> indexLines(final List<String> all)
    {
        return all.stream().filter(l -> l.startsWith("{\"type\":\"index\"")).toList();
    }

    private static byte[] copy(final JournalRecord record)
    {
        final byte[] bytes = new byte[record.length()];
        record.buffer().getBytes(0, bytes);
        return bytes;
    }

    static byte[] snapshot(final IndexBook book)
    {
        try
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final DataOutputStream out = new DataOutputStream(bytes);
            book.writeSnapshot(out);
            out.flush();
            return bytes.toByteArray();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    static void restore(final IndexBook book, final byte[] snapshot)
    {
        try
        {
            book.readSnapshot(new DataInputStream(new ByteArrayInputStream(snapshot)));
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }
}
