package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.matcher.MatcherView;

/**
 * The exchange's state as one JSON document, written as it is walked (constant memory whatever its
 * size): {@code seq}, {@code time}, then each product with its status, last price, band and book
 * (bids and asks, best first, each level with its orders in time priority), then each participant
 * with its cash, holdings, pledges, entitlements and open orders. Money is in yuan as "12.34"
 * strings, as in the events' JSON.
 */
final class StateJson
{
    private static final JsonFactory FACTORY = new JsonFactory();

    private StateJson()
    {
    }

    static void write(final MatcherView view, final Writer out)
    {
        try (JsonGenerator g = FACTORY.createGenerator(out))
        {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("seq", view.seq());
            g.writeStringField("time", TimeArg.format(view.timeNs()));
            g.writeArrayFieldStart("products");
            view.books(new Books(g));
            g.writeEndArray();
            g.writeArrayFieldStart("participants");
            view.participants(new Participants(g));
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static String money(final long fen)
    {
        final StringBuilder sb = new StringBuilder();
        long v = fen;
        if (v < 0)
        {
            sb.append('-');
            v = -v;
        }
        sb.append(v / 100).append('.');
        final long cents = v % 100;
        return sb.append(cents < 10 ? "0" : "").append(cents).toString();
    }

    static String bps(final int bps)
    {
        return String.format(java.util.Locale.ROOT, "%d.%04d", bps / 10_000, bps % 10_000);
    }

    private static void order(final JsonGenerator g, final MatcherView.Order o, final boolean withProduct) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("orderId", o.orderId());
        g.writeStringField("clOrdId", o.clOrdId());
        g.writeStringField("participant", o.participant());
        if (withProduct)
        {
            g.writeStringField("product", o.product());
            g.writeStringField("side", o.side());
        }
        g.writeStringField("ordType", o.ordType());
        g.writeStringField("tif", o.tif());
        if (o.postOnly())
        {
            g.writeBooleanField("postOnly", true);
        }
        g.writeStringField("price", money(o.priceFen()));
        g.writeNumberField("qty", o.orderQty());
        g.writeNumberField("cumQty", o.cumQty());
        g.writeNumberField("leavesQty", o.leavesQty());
        g.writeNumberField("session", o.sessionId());
        g.writeEndObject();
    }

    /** Products and books: the array of bids or asks is open while its levels come. */
    private static final class Books implements MatcherView.BookVisitor
    {
        private final JsonGenerator g;
        private String side;
        private boolean levelOpen;

        Books(final JsonGenerator g)
        {
            this.g = g;
        }

        @Override
        public void product(
            final String id, final String kind, final String status, final long referencePriceFen, final long bandLowerFen,
            final long bandUpperFen, final boolean hasBand)
        {
            try
            {
                g.writeStartObject();
                g.writeStringField("product", id);
                g.writeStringField("kind", kind);
                g.writeStringField("status", status);
                g.writeStringField("lastPrice", money(referencePriceFen));
                if (hasBand)
                {
                    g.writeStringField("bandLower", money(bandLowerFen));
                    g.writeStringField("bandUpper", money(bandUpperFen));
                }
                // the bids array opens in rules(), which the view calls next
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /** Called right after {@link #product}: continuous trading or a call auction (docs/audit.md). */
        @Override
        public void phase(final MatcherView.Phase phase)
        {
            try
            {
                g.writeStringField("phase", phase.inAuction() ? "call_auction" : "continuous");
                if (!phase.inAuction())
                {
                    return;
                }
                if (phase.endsAtNs() != 0)
                {
                    g.writeStringField("auctionEndsAt", java.time.Instant.ofEpochSecond(0, phase.endsAtNs()).toString());
                }
                if (phase.indicativePriceFen() > 0)
                {
                    g.writeStringField("indicativePrice", money(phase.indicativePriceFen()));
                    g.writeNumberField("indicativeVolume", phase.indicativeVolume());
                    g.writeNumberField("indicativeSurplus", phase.indicativeSurplus());
                }
                g.writeArrayFieldStart("auctionMarketOrders");
                for (final MatcherView.Order o : phase.marketOrders())
                {
                    StateJson.order(g, o, false);
                }
                g.writeEndArray();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /** Called right after {@link #phase}: the product's rules, then its bids open. */
        @Override
        public void rules(final MatcherView.ProductRules r)
        {
            try
            {
                if (null != r.owner())
                {
                    g.writeStringField("owner", r.owner());
                }
                g.writeStringField("grade", r.grade());
                g.writeBooleanField("personalInfo", r.personalInfo());
                strings("rights", r.rights());
                strings("purposes", r.purposes());
                if (null != r.sponsor())
                {
                    g.writeStringField("sponsor", r.sponsor());
                    g.writeBooleanField("sponsorConfirmed", r.sponsorConfirmed());
                }
                if (null != r.reviewer())
                {
                    g.writeStringField("reviewedBy", r.reviewer());
                }
                g.writeBooleanField("crossBorderApproved", r.crossBorderApproved());
                g.writeArrayFieldStart("bids");
                side = "buy";
                levelOpen = false;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private void strings(final String name, final String[] values) throws IOException
        {
            g.writeArrayFieldStart(name);
            for (final String v : values)
            {
                g.writeString(v);
            }
            g.writeEndArray();
        }

        @Override
        public void level(final String levelSide, final long priceFen, final long openQty, final int orders)
        {
            try
            {
                closeLevel();
                if (!levelSide.equals(side))
                {
                    g.writeEndArray();
                    g.writeArrayFieldStart("asks");
                    side = levelSide;
                }
                g.writeStartObject();
                g.writeStringField("price", money(priceFen));
                g.writeNumberField("qty", openQty);
                g.writeNumberField("orderCount", orders);
                g.writeArrayFieldStart("orders");
                levelOpen = true;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        private void closeLevel() throws IOException
        {
            if (levelOpen)
            {
                g.writeEndArray();
                g.writeEndObject();
                levelOpen = false;
            }
        }

        @Override
        public void order(final MatcherView.Order order)
        {
            try
            {
                StateJson.order(g, order, false);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void endProduct()
        {
            try
            {
                closeLevel();
                g.writeEndArray();
                if ("buy".equals(side))
                {
                    g.writeArrayFieldStart("asks");
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }

    /** Participants: each section's array opened at its first row, all of them closed at the end. */
    private static final class Participants implements MatcherView.ParticipantVisitor
    {
        private static final String[] SECTIONS = {"holdings", "pledges", "entitlements", "openOrders"};
        private final JsonGenerator g;
        private int section;

        Participants(final JsonGenerator g)
        {
            this.g = g;
        }

        private void enter(final int wanted) throws IOException
        {
            while (section < wanted)
            {
                if (section > 0)
                {
                    g.writeEndArray();
                }
                g.writeArrayFieldStart(SECTIONS[section]);
                section++;
            }
        }

        @Override
        public void participant(final String id, final String status, final long cashAvailableFen, final long cashReservedFen)
        {
            try
            {
                g.writeStartObject();
                g.writeStringField("participant", id);
                g.writeStringField("status", status);
                g.writeStringField("cashAvailable", money(cashAvailableFen));
                g.writeStringField("cashReserved", money(cashReservedFen));
                section = 0;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void standing(final MatcherView.Standing st)
        {
            try
            {
                g.writeArrayFieldStart("roles");
                for (final String role : st.roles())
                {
                    g.writeString(role);
                }
                g.writeEndArray();
                g.writeStringField("qualification", st.qualification());
                g.writeStringField("jurisdiction", st.jurisdiction());
                if (null != st.group())
                {
                    g.writeStringField("group", st.group());
                }
                if (st.crossBorderFiled() || st.crossBorderRecordsThisYear() > 0 || st.crossBorderRecordsReserved() > 0)
                {
                    g.writeObjectFieldStart("crossBorderExports");
                    g.writeBooleanField("filed", st.crossBorderFiled());
                    g.writeNumberField("recordsThisYear", st.crossBorderRecordsThisYear());
                    g.writeNumberField("recordsReserved", st.crossBorderRecordsReserved());
                    g.writeEndObject();
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void holding(
            final String product, final long owned, final long reserved, final long pledged, final long sellable,
            final long bought, final long entitledUnits)
        {
            try
            {
                enter(1);
                g.writeStartObject();
                g.writeStringField("product", product);
                g.writeNumberField("owned", owned);
                g.writeNumberField("reserved", reserved);
                g.writeNumberField("pledged", pledged);
                g.writeNumberField("sellable", sellable);
                g.writeNumberField("bought", bought);
                g.writeNumberField("entitledUnits", entitledUnits);
                g.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void pledge(
            final String id, final String lender, final String pledgor, final String product, final long qty,
            final int haircutBps)
        {
            try
            {
                enter(2);
                g.writeStartObject();
                g.writeStringField("id", id);
                g.writeStringField("lender", lender);
                g.writeStringField("pledgor", pledgor);
                g.writeStringField("product", product);
                g.writeNumberField("qty", qty);
                g.writeStringField("haircut", bps(haircutBps));
                g.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void entitlement(final String product, final long units, final long expiryNs)
        {
            entitlement(product, units, expiryNs, null);
        }

        @Override
        public void entitlement(final String product, final long units, final long expiryNs, final String purpose)
        {
            try
            {
                enter(3);
                g.writeStartObject();
                g.writeStringField("product", product);
                g.writeNumberField("units", units);
                g.writeStringField("expires", expiryNs == Long.MAX_VALUE ? "never" : TimeArg.format(expiryNs));
                if (null != purpose)
                {
                    g.writeStringField("purpose", purpose);
                }
                g.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void openOrder(final MatcherView.Order order)
        {
            try
            {
                enter(4);
                StateJson.order(g, order, true);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public void endParticipant()
        {
            try
            {
                enter(4);
                g.writeEndArray();
                g.writeEndObject();
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
    }
}
