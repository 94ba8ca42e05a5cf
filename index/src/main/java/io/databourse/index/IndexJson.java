package io.databourse.index;

import java.time.Instant;
import java.time.LocalDate;

import io.databourse.journal.json.EventJsonWriter.Json;

/**
 * The JSON forms of index publications (docs/indexes.md): one line per published value (what
 * {@code indexes.jsonl} holds and the {@code indexes} command prints) and the current state of a
 * book (what {@code indexes.json} and the HTTP route serve). Values and prices are decimal strings
 * with two places: fen for prices, hundredths of a point for data-category levels.
 */
public final class IndexJson
{
    private IndexJson()
    {
    }

    /** An index's new value: {@code {"type":"index",...}} (no newline). */
    public static StringBuilder appendIndex(final StringBuilder out, final IndexBook book, final int i)
    {
        final Json j = header(out, "index", book);
        j.str("index", book.indexId(i)).str("family", IndexBook.FAMILY_NAMES[book.family(i)]);
        value(j, book, i).str("status", IndexBook.STATUS_NAMES[book.status(i)])
            .num("qty", book.indexQty(i)).num("trades", book.indexTrades(i)).num("constituents", book.constituents(i))
            .end();
        return out;
    }

    /** A product's new mark: {@code {"type":"mark",...}} (no newline). */
    public static StringBuilder appendMark(final StringBuilder out, final IndexBook book, final int p)
    {
        final Json j = header(out, "mark", book);
        j.str("product", book.productId(p)).money("mark", book.markFen(p))
            .str("basis", IndexBook.BASIS_NAMES[book.markBasis(p)])
            .num("windowTrades", book.windowTrades(p)).num("windowQty", book.windowQty(p)).end();
        return out;
    }

    /** A product's bar of the day that just closed: {@code {"type":"daily",...}} (no newline). */
    public static StringBuilder appendDailyBar(final StringBuilder out, final IndexBook book, final int p)
    {
        final Json j = header(out, "daily", book);
        j.str("date", LocalDate.ofEpochDay(book.barDay()).toString()).str("product", book.productId(p));
        bar(j, book, p).end();
        return out;
    }

    private static Json header(final StringBuilder out, final String type, final IndexBook book)
    {
        return new Json(out).begin().str("type", type).num("seq", book.seq()).str("time", time(book.timeNs()));
    }

    private static Json value(final Json j, final IndexBook book, final int i)
    {
        return IndexBook.STATUS_NONE == book.status(i) ? j.raw("value", "null") : j.money("value", book.value(i));
    }

    private static Json bar(final Json j, final IndexBook book, final int p)
    {
        return j.money("open", book.dayOpenFen(p)).money("high", book.dayHighFen(p)).money("low", book.dayLowFen(p))
            .money("close", book.dayCloseFen(p)).money("vwap", book.dayVwapFen(p)).num("qty", book.dayQty(p))
            .money("value", book.dayValueFen(p)).num("trades", book.dayTrades(p))
            .num("flaggedTrades", book.dayFlaggedTrades(p));
    }

    /**
     * The book as it stands: every index (with a data category's indicative level for the open day),
     * every product's mark and its open day's bar. Pretty enough to read, one object.
     */
    public static String state(final IndexBook book)
    {
        final StringBuilder out = new StringBuilder(1024);
        final IndexRules rules = book.rules();
        new Json(out).begin().num("seq", book.seq()).str("time", 0 == book.seq() ? null : time(book.timeNs()))
            .raw("rules", rules(rules)).raw("indexes", "");
        out.append("[\n");
        for (int i = 0; i < book.indexCount(); i++)
        {
            out.append(i == 0 ? "  " : ",\n  ");
            final Json j = new Json(out).begin().str("index", book.indexId(i))
                .str("family", IndexBook.FAMILY_NAMES[book.family(i)]);
            value(j, book, i).str("status", IndexBook.STATUS_NAMES[book.status(i)])
                .str("asOf", IndexBook.STATUS_NONE == book.status(i) ? null : time(book.asOfNs(i)))
                .num("qty", book.indexQty(i)).num("trades", book.indexTrades(i)).num("constituents", book.constituents(i));
            if (IndexBook.FAMILY_DATA == book.family(i))
            {
                final long indicative = book.indicativeLevel(i);
                if (indicative > 0)
                {
                    j.money("indicative", indicative);
                }
                else
                {
                    j.raw("indicative", "null");
                }
            }
            j.end();
        }
        out.append("\n],\"products\":[\n");
        boolean first = true;
        for (int p = 0; p < book.productCount(); p++)
        {
            if (null == book.productId(p))
            {
                continue;
            }
            out.append(first ? "  " : ",\n  ");
            first = false;
            final Json j = new Json(out).begin().str("product", book.productId(p))
                .str("index", book.indexOf(p) < 0 ? null : book.indexId(book.indexOf(p)));
            if (IndexBook.BASIS_NONE == book.markBasis(p))
            {
                j.raw("mark", "null");
            }
            else
            {
                j.money("mark", book.markFen(p));
            }
            j.str("basis", IndexBook.BASIS_NAMES[book.markBasis(p)])
                .str("markAsOf", IndexBook.BASIS_NONE == book.markBasis(p) ? null : time(book.markAsOfNs(p)))
                .num("windowTrades", book.windowTrades(p)).num("windowQty", book.windowQty(p))
                .money("windowVwap", book.windowVwapFen(p));
            if (book.dayTrades(p) > 0)
            {
                final StringBuilder today = new StringBuilder(160);
                bar(new Json(today).begin().str("date", LocalDate.ofEpochDay(book.day()).toString()), book, p).end();
                j.raw("today", today.toString());
            }
            else
            {
                j.raw("today", "null");
            }
            if (book.previousVwapFen(p) > 0)
            {
                j.money("previousVwap", book.previousVwapFen(p))
                    .str("previousDate", LocalDate.ofEpochDay(book.previousDay(p)).toString());
            }
            j.end();
        }
        out.append("\n]}\n");
        return out.toString();
    }

    private static String rules(final IndexRules rules)
    {
        final StringBuilder out = new StringBuilder(128);
        new Json(out).begin().num("windowHours", rules.windowNs() / 3_600_000_000_000L)
            .num("bucketSeconds", rules.bucketNs() / 1_000_000_000L).num("minTrades", rules.minTrades())
            .num("markMinTrades", rules.markMinTrades()).str("zone", rules.zone().getId()).end();
        return out.toString();
    }

    static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }
}
