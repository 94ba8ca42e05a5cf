package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import io.databourse.console.view.TradeTape;
import io.databourse.settlement.ref.Format;

/** One product's market: its catalogue entry with deeper depth and its recent prints for the price chart. */
public final class MarketJson
{
    static final int DEPTH_LEVELS = 10;

    private MarketJson()
    {
    }

    /** Call under {@link ConsoleView#read}. */
    public static void write(final JsonGenerator g, final ConsoleView view, final ReferenceBook.Product p)
        throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeFieldName("product");
        CatalogueJson.writeProduct(g, view, p, DEPTH_LEVELS);
        g.writeArrayFieldStart("prints");
        for (final TradeTape.Trade t : view.trades().tradesOfProduct(p.index))
        {
            g.writeStartObject();
            g.writeNumberField("tradeId", t.tradeId());
            g.writeStringField("time", Format.time(t.timeNs()));
            g.writeNumberField("timeMs", t.timeNs() / 1_000_000);
            g.writeStringField("price", Money.yuan(t.priceFen()));
            g.writeNumberField("qty", t.qty());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
