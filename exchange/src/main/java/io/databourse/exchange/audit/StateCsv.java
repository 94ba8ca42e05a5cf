package io.databourse.exchange.audit;

import java.io.Writer;
import java.util.List;
import java.util.Map;

import io.databourse.matcher.MatcherView;

/**
 * The exchange's state as one CSV table at a time ({@code audit state --format csv --table T}): the
 * tables and their columns are listed in {@link #TABLES} and docs/audit.md.
 */
final class StateCsv
{
    static final Map<String, List<String>> TABLES = Map.of(
        "products", List.of("product", "kind", "status", "lastPrice", "bandLower", "bandUpper"),
        "levels", List.of("product", "side", "level", "price", "qty", "orderCount"),
        "orders", List.of("product", "side", "level", "priority", "orderId", "clOrdId", "participant", "ordType", "tif",
            "postOnly", "price", "qty", "cumQty", "leavesQty", "session"),
        "participants", List.of("participant", "status", "cashAvailable", "cashReserved"),
        "holdings", List.of("participant", "product", "owned", "reserved", "pledged", "sellable", "bought",
            "entitledUnits"),
        "pledges", List.of("id", "lender", "pledgor", "product", "qty", "haircut"),
        "entitlements", List.of("participant", "product", "units", "expires"),
        "open-orders", List.of("participant", "entry", "orderId", "clOrdId", "product", "side", "ordType", "tif",
            "postOnly", "price", "qty", "cumQty", "leavesQty", "session"));

    private StateCsv()
    {
    }

    static void write(final MatcherView view, final String table, final Writer out)
    {
        final Csv csv = new Csv(out, TABLES.get(table));
        csv.header();
        switch (table)
        {
            case "products", "levels", "orders" -> view.books(new Books(csv, table));
            default -> view.participants(new Participants(csv, table));
        }
    }

    private static final class Books implements MatcherView.BookVisitor
    {
        private final Csv csv;
        private final String table;
        private String product;
        private String side;
        private int level;
        private int priority;

        Books(final Csv csv, final String table)
        {
            this.csv = csv;
            this.table = table;
        }

        @Override
        public void product(
            final String id, final String kind, final String status, final long referencePriceFen, final long bandLowerFen,
            final long bandUpperFen, final boolean hasBand)
        {
            product = id;
            side = null;
            if ("products".equals(table))
            {
                csv.row(List.of(id, kind, status, StateJson.money(referencePriceFen),
                    hasBand ? StateJson.money(bandLowerFen) : "", hasBand ? StateJson.money(bandUpperFen) : ""));
            }
        }

        @Override
        public void level(final String levelSide, final long priceFen, final long openQty, final int orders)
        {
            level = levelSide.equals(side) ? level + 1 : 1;
            side = levelSide;
            priority = 0;
            if ("levels".equals(table))
            {
                csv.row(List.of(product, side, Integer.toString(level), StateJson.money(priceFen), Long.toString(openQty),
                    Integer.toString(orders)));
            }
        }

        @Override
        public void order(final MatcherView.Order o)
        {
            priority++;
            if ("orders".equals(table))
            {
                csv.row(List.of(product, side, Integer.toString(level), Integer.toString(priority),
                    Long.toString(o.orderId()), o.clOrdId(), o.participant(), o.ordType(), o.tif(),
                    Boolean.toString(o.postOnly()), StateJson.money(o.priceFen()), Long.toString(o.orderQty()),
                    Long.toString(o.cumQty()), Long.toString(o.leavesQty()), Integer.toString(o.sessionId())));
            }
        }
    }

    private static final class Participants implements MatcherView.ParticipantVisitor
    {
        private final Csv csv;
        private final String table;
        private String participant;
        private int entry;

        Participants(final Csv csv, final String table)
        {
            this.csv = csv;
            this.table = table;
        }

        @Override
        public void participant(final String id, final String status, final long cashAvailableFen, final long cashReservedFen)
        {
            participant = id;
            entry = 0;
            if ("participants".equals(table))
            {
                csv.row(List.of(id, status, StateJson.money(cashAvailableFen), StateJson.money(cashReservedFen)));
            }
        }

        @Override
        public void holding(
            final String product, final long owned, final long reserved, final long pledged, final long sellable,
            final long bought, final long entitledUnits)
        {
            if ("holdings".equals(table))
            {
                csv.row(List.of(participant, product, Long.toString(owned), Long.toString(reserved),
                    Long.toString(pledged), Long.toString(sellable), Long.toString(bought), Long.toString(entitledUnits)));
            }
        }

        @Override
        public void pledge(
            final String id, final String lender, final String pledgor, final String product, final long qty,
            final int haircutBps)
        {
            if ("pledges".equals(table) && pledgor.equals(participant)) // once, under its pledgor
            {
                csv.row(List.of(id, lender, pledgor, product, Long.toString(qty), StateJson.bps(haircutBps)));
            }
        }

        @Override
        public void entitlement(final String product, final long units, final long expiryNs)
        {
            if ("entitlements".equals(table))
            {
                csv.row(List.of(participant, product, Long.toString(units),
                    expiryNs == Long.MAX_VALUE ? "never" : TimeArg.format(expiryNs)));
            }
        }

        @Override
        public void openOrder(final MatcherView.Order o)
        {
            entry++;
            if ("open-orders".equals(table))
            {
                csv.row(List.of(participant, Integer.toString(entry), Long.toString(o.orderId()), o.clOrdId(),
                    o.product(), o.side(), o.ordType(), o.tif(), Boolean.toString(o.postOnly()),
                    StateJson.money(o.priceFen()), Long.toString(o.orderQty()), Long.toString(o.cumQty()),
                    Long.toString(o.leavesQty()), Integer.toString(o.sessionId())));
            }
        }
    }
}
