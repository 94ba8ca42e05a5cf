package io.databourse.console.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.OrderTracker;
import io.databourse.console.view.ReferenceBook;
import io.databourse.console.view.TradeTape;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.position.PositionView;

/**
 * The risk officer's page: every participant's position as the positions stage published it
 * (cash, reserved, holdings at mark, pledged collateral, open exposure), the concentration of
 * each product's holdings, and per product the last price, VWAP, volume and depth. Also the same
 * rows as CSV. Only for those who see every participant (checked by the caller).
 */
public final class RiskJson
{
    /** One participant's row. All money in fen. */
    record Row(String participant, String status, long seq, long cashFen, long availableFen, long reservedFen,
        long holdingsFen, long collateralFen, long openBuyFen, long openSellFen, long markToMarketFen)
    {
        long openExposureFen()
        {
            return Math.addExact(openBuyFen, openSellFen);
        }
    }

    private RiskJson()
    {
    }

    static List<Row> rows(final ConsoleView view, final List<PositionView> positions)
    {
        final List<Row> rows = new ArrayList<>(positions.size());
        for (final PositionView v : positions)
        {
            long holdingsFen = 0;
            for (final PositionView.Holding h : v.holdings())
            {
                holdingsFen = Math.addExact(holdingsFen, h.valueFen());
            }
            long openSellFen = 0;
            for (final PositionView.OpenSell s : v.openSells())
            {
                final long markFen = markFen(v, s.product());
                openSellFen = Math.addExact(openSellFen, Math.multiplyExact(s.qty(), markFen));
            }
            final ReferenceBook.Participant p = view.reference().participant(v.participant());
            rows.add(new Row(v.participant(),
                null == p ? "" : Codes.nameOf(Codes.ParticipantStatus.NAMES, p.status), v.seq(),
                Math.addExact(v.cashAvailableFen(), v.cashReservedFen()), v.cashAvailableFen(), v.cashReservedFen(),
                holdingsFen, v.pledgedCollateralFen(), v.openBuyExposureFen(), openSellFen, v.markToMarketFen()));
        }
        return rows;
    }

    private static long markFen(final PositionView v, final String product)
    {
        for (final PositionView.Holding h : v.holdings())
        {
            if (h.product().equals(product))
            {
                return h.markPriceFen();
            }
        }
        return 0;
    }

    /** Call under {@link ConsoleView#read}. */
    public static void write(final JsonGenerator g, final ConsoleView view, final List<PositionView> positions)
        throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeArrayFieldStart("positions");
        for (final Row r : rows(view, positions))
        {
            g.writeStartObject();
            g.writeStringField("participant", r.participant());
            g.writeStringField("status", r.status());
            g.writeNumberField("seq", r.seq());
            g.writeStringField("cash", Money.yuan(r.cashFen()));
            g.writeStringField("available", Money.yuan(r.availableFen()));
            g.writeStringField("reserved", Money.yuan(r.reservedFen()));
            g.writeStringField("holdingsAtMark", Money.yuan(r.holdingsFen()));
            g.writeStringField("pledgedCollateral", Money.yuan(r.collateralFen()));
            g.writeStringField("openBuyExposure", Money.yuan(r.openBuyFen()));
            g.writeStringField("openSellsAtMark", Money.yuan(r.openSellFen()));
            g.writeStringField("openExposure", Money.yuan(r.openExposureFen()));
            g.writeStringField("markToMarket", Money.yuan(r.markToMarketFen()));
            g.writeEndObject();
        }
        g.writeEndArray();
        writeProducts(g, view, positions);
        g.writeEndObject();
    }

    private static void writeProducts(final JsonGenerator g, final ConsoleView view, final List<PositionView> positions)
        throws IOException
    {
        g.writeArrayFieldStart("products");
        for (final ReferenceBook.Product p : view.reference().products())
        {
            // concentration: each holder's share of the units held by participants
            final Map<String, Long> holders = new LinkedHashMap<>();
            long total = 0;
            for (final PositionView v : positions)
            {
                for (final PositionView.Holding h : v.holdings())
                {
                    if (h.product().equals(p.id) && h.qty() > 0)
                    {
                        holders.merge(v.participant(), h.qty(), Long::sum);
                        total += h.qty();
                    }
                }
            }
            String topHolder = "";
            long topQty = 0;
            for (final Map.Entry<String, Long> e : holders.entrySet())
            {
                if (e.getValue() > topQty)
                {
                    topHolder = e.getKey();
                    topQty = e.getValue();
                }
            }
            final TradeTape.ProductStats stats = view.trades().stats(p.index);
            final OrderTracker.Depth depth = view.orders().depth(p.index);
            g.writeStartObject();
            g.writeStringField("product", p.id);
            g.writeStringField("kind", Codes.nameOf(Codes.ProductKind.NAMES, p.kind));
            g.writeStringField("status", Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
            g.writeStringField("lastPrice", null == stats ? "" : Money.yuan(stats.lastPriceFen));
            g.writeStringField("vwap", null == stats ? "" : Money.yuan(stats.vwapFen()));
            g.writeNumberField("volume", null == stats ? 0 : stats.volumeQty);
            g.writeStringField("bestBid", depth.bids.isEmpty() ? "" : Money.yuan(depth.bids.firstKey()));
            g.writeStringField("bestAsk", depth.asks.isEmpty() ? "" : Money.yuan(depth.asks.firstKey()));
            g.writeNumberField("bidQty", depth.bids.values().stream().mapToLong(Long::longValue).sum());
            g.writeNumberField("askQty", depth.asks.values().stream().mapToLong(Long::longValue).sum());
            g.writeNumberField("unitsHeld", total);
            g.writeNumberField("holders", holders.size());
            g.writeStringField("topHolder", topHolder);
            g.writeStringField("topHolderPercent", 0 == total ? "" : Money.percent((int)(topQty * 10_000 / total)));
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The positions as CSV, one line per participant (call under {@link ConsoleView#read}). */
    public static String csv(final ConsoleView view, final List<PositionView> positions)
    {
        final StringBuilder sb = new StringBuilder(
            "participant,status,seq,cash,available,reserved,holdingsAtMark,pledgedCollateral,openBuyExposure," +
            "openSellsAtMark,openExposure,markToMarket\n");
        for (final Row r : rows(view, positions))
        {
            sb.append(csvText(r.participant())).append(',').append(r.status()).append(',').append(r.seq())
                .append(',').append(Money.yuan(r.cashFen())).append(',').append(Money.yuan(r.availableFen()))
                .append(',').append(Money.yuan(r.reservedFen())).append(',').append(Money.yuan(r.holdingsFen()))
                .append(',').append(Money.yuan(r.collateralFen())).append(',').append(Money.yuan(r.openBuyFen()))
                .append(',').append(Money.yuan(r.openSellFen())).append(',').append(Money.yuan(r.openExposureFen()))
                .append(',').append(Money.yuan(r.markToMarketFen())).append('\n');
        }
        return sb.toString();
    }

    /** An identifier as a CSV cell that a spreadsheet never takes for a formula. */
    static String csvText(final String text)
    {
        final boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0;
        final boolean quote = formula || text.indexOf(',') >= 0 || text.indexOf('"') >= 0;
        final String body = (formula ? "'" : "") + text.replace("\"", "\"\"");
        return quote ? '"' + body + '"' : body;
    }
}
