package io.databourse.console.api;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.OrderTracker;
import io.databourse.console.view.ReferenceBook;
import io.databourse.console.view.TradeTape;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.Format;

/**
 * The product catalogue every logged-in user sees: each product's definition as registered (kind,
 * grade, rights, delivery, price band, status) and its market now (last price, VWAP, volume, best
 * bid and ask with a few levels of depth). Public market data: no participant is named.
 */
public final class CatalogueJson
{
    static final int DEPTH_LEVELS = 5;

    private CatalogueJson()
    {
    }

    /** Call under {@link ConsoleView#read}. */
    public static void write(final JsonGenerator g, final ConsoleView view) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeArrayFieldStart("products");
        for (final ReferenceBook.Product p : view.reference().products())
        {
            writeProduct(g, view, p, DEPTH_LEVELS);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeProduct(final JsonGenerator g, final ConsoleView view, final ReferenceBook.Product p,
        final int depthLevels) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("id", p.id);
        g.writeStringField("kind", Codes.nameOf(Codes.ProductKind.NAMES, p.kind));
        g.writeStringField("grade", Codes.nameOf(Codes.Grade.NAMES, p.grade));
        g.writeStringField("rights", rightsNames(p.rights));
        g.writeStringField("delivery", Codes.nameOf(Codes.DeliveryMode.NAMES, p.delivery));
        g.writeStringField("status", Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
        // the trading phase: a call auction collects orders, its indicative price is what an uncross now gives
        g.writeStringField("phase", p.inAuction ? "call_auction" : "continuous");
        if (p.inAuction && p.indicativePriceFen > 0)
        {
            g.writeStringField("indicativePrice", Money.yuan(p.indicativePriceFen));
            g.writeNumberField("indicativeVolume", p.indicativeVolume);
        }
        g.writeBooleanField("crossBorder", p.crossBorder);
        g.writeBooleanField("personalInfo", p.personalInfo);
        g.writeBooleanField("resale", p.resale);
        g.writeStringField("tick", Money.yuan(p.tickFen));
        g.writeNumberField("lot", p.lotQty);
        g.writeStringField("bandPercent", Money.percent(p.bandBps));
        g.writeStringField("referencePrice", p.referencePriceFen > 0 ? Money.yuan(p.referencePriceFen) : "");
        g.writeNumberField("usagePerLot", p.usagePerLot);
        g.writeNumberField("termDays", p.termDays);
        g.writeStringField("sponsor", p.sponsor);
        g.writeStringField("owner", p.owner);
        g.writeStringField("reviewedBy", p.reviewedBy);
        g.writeArrayFieldStart("purposes");
        for (byte code = 1; code < Codes.Purpose.NAMES.length; code++)
        {
            if ((p.purposes & Codes.Purpose.bitOf(code)) != 0)
            {
                g.writeString(Codes.Purpose.NAMES[code]);
            }
        }
        g.writeEndArray();
        if (Codes.ProductKind.COMPUTE == p.kind)
        {
            g.writeStringField("hardware", p.hardware);
            g.writeStringField("region", p.region);
            g.writeStringField("windowStart", Format.time(p.windowStartNs));
            g.writeStringField("windowEnd", Format.time(p.windowEndNs));
        }
        final TradeTape.ProductStats stats = view.trades().stats(p.index);
        g.writeStringField("lastPrice", null == stats ? "" : Money.yuan(stats.lastPriceFen));
        g.writeStringField("vwap", null == stats ? "" : Money.yuan(stats.vwapFen()));
        g.writeNumberField("volume", null == stats ? 0 : stats.volumeQty);
        g.writeNumberField("trades", null == stats ? 0 : stats.trades);
        final OrderTracker.Depth depth = view.orders().depth(p.index);
        g.writeStringField("bestBid", depth.bids.isEmpty() ? "" : Money.yuan(depth.bids.firstKey()));
        g.writeStringField("bestAsk", depth.asks.isEmpty() ? "" : Money.yuan(depth.asks.firstKey()));
        g.writeObjectFieldStart("depth");
        writeLevels(g, "bids", depth.bids, depthLevels);
        writeLevels(g, "asks", depth.asks, depthLevels);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeLevels(final JsonGenerator g, final String name, final Map<Long, Long> levels,
        final int max) throws IOException
    {
        g.writeArrayFieldStart(name);
        int n = 0;
        for (final Map.Entry<Long, Long> level : levels.entrySet())
        {
            if (n++ == max)
            {
                break;
            }
            g.writeStartObject();
            g.writeStringField("price", Money.yuan(level.getKey()));
            g.writeNumberField("qty", level.getValue());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A {@link Codes.Rights} bit set as its names, comma-separated ("none" when empty). */
    static String rightsNames(final byte rights)
    {
        final StringBuilder names = new StringBuilder();
        for (int i = 0; i < Codes.Rights.NAMES.length; i++)
        {
            if ((rights & (1 << i)) != 0)
            {
                names.append(names.length() == 0 ? "" : ",").append(Codes.Rights.NAMES[i]);
            }
        }
        return names.length() == 0 ? "none" : names.toString();
    }
}
