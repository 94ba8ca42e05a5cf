package io.databourse.matcher;

import io.databourse.journal.schema.Codes;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Positions;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A read-only walk over a matcher's state for auditors' tools ({@code audit state}): each product
 * with its book, level by level from the best price and each level's orders in time priority; each
 * participant with its cash, its holdings, pledges and entitlements per product, and its open
 * orders in entry order. Visitors receive plain values, one row at a time, so that a state of any
 * size is rendered in constant memory. Never used on the matching path; the matcher must not be
 * applying a command meanwhile.
 */
public final class MatcherView
{
    private final Matcher m;
    private final UnsafeBuffer clOrdId = new UnsafeBuffer(new byte[OrderStore.CLORDID_LONGS * 8]);

    public MatcherView(final Matcher matcher)
    {
        this.m = matcher;
    }

    public long seq()
    {
        return m.lastSeq();
    }

    public long timeNs()
    {
        return m.lastTimeNs();
    }

    /** One open order, as a book or an owner's list holds it. */
    public record Order(long orderId, String clOrdId, String participant, String product, String side, String ordType,
        String tif, boolean postOnly, long priceFen, long orderQty, long cumQty, long leavesQty, long cumNotionalFen,
        int sessionId)
    {
    }

    /** Receives products, their levels and orders, in that nesting. */
    public interface BookVisitor
    {
        void product(String id, String kind, String status, long referencePriceFen, long bandLowerFen, long bandUpperFen,
            boolean hasBand);

        /**
         * The market rules' state of the product last visited (called after {@link #product}): its owner,
         * the grade and personal-information flag as reviewed, the rights and purposes it grants, its
         * reviewer, the sponsor's confirmation and the cross-border approval. Null names for none.
         */
        default void rules(ProductRules rules)
        {
        }

        /**
         * The trading phase of the product last visited (called after {@link #product}, before
         * {@link #rules}): continuous, or its call auction with the end time, the indicative price last
         * published and the market orders waiting for the uncross.
         */
        default void phase(Phase phase)
        {
        }

        /** A level of the product last visited: {@code side} "buy" or "sell", levels best first. */
        void level(String side, long priceFen, long openQty, int orders);

        /** An order of the level last visited, in time priority. */
        void order(Order order);

        /** The product last visited is done. */
        default void endProduct()
        {
        }
    }

    /** A product's trading phase: {@code inAuction} false is continuous trading (then the rest is empty). */
    public record Phase(boolean inAuction, long endsAtNs, long indicativePriceFen, long indicativeVolume,
        long indicativeSurplus, java.util.List<Order> marketOrders)
    {
    }

    /** A product's market-rules state (docs/matching-rules.md). */
    public record ProductRules(String owner, String grade, boolean personalInfo, String[] rights, String[] purposes,
        String sponsor, boolean sponsorConfirmed, String reviewer, boolean crossBorderApproved)
    {
    }

    /** A participant's market-rules state: roles, qualification, jurisdiction, group, cross-border records. */
    public record Standing(String[] roles, String qualification, String jurisdiction, String group,
        boolean crossBorderFiled, long crossBorderRecordsThisYear, long crossBorderRecordsReserved)
    {
    }

    /** Receives participants, then what each holds and its open orders, in that nesting. */
    public interface ParticipantVisitor
    {
        void participant(String id, String status, long cashAvailableFen, long cashReservedFen);

        /** The market-rules state of the participant last visited (called after {@link #participant}). */
        default void standing(Standing standing)
        {
        }

        /** A product the participant last visited holds, has pledged or has orders or entitlements in. */
        void holding(String product, long owned, long reserved, long pledged, long sellable, long bought,
            long entitledUnits);

        /** An active pledge of the participant's units (it is the pledgor) or to it (the lender). */
        void pledge(String id, String lender, String pledgor, String product, long qty, int haircutBps);

        /** An entitlement grant: units of usage left, expiring at {@code expiryNs} (Long.MAX_VALUE: never). */
        void entitlement(String product, long units, long expiryNs);

        /** An entitlement grant with the purpose its buyer declared (null: none). */
        default void entitlement(String product, long units, long expiryNs, String purpose)
        {
            entitlement(product, units, expiryNs);
        }

        /** An open order of the participant last visited, in entry order. */
        void openOrder(Order order);

        default void endParticipant()
        {
        }
    }

    public void books(final BookVisitor visitor)
    {
        final LevelStore levels = m.state.levels;
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            final Product product = m.state.products[i];
            visitor.product(product.id, Codes.nameOf(Codes.ProductKind.NAMES, product.kind),
                Codes.nameOf(Codes.ProductStatus.NAMES, product.status), product.referencePriceFen(),
                product.hasBand() ? product.bandLowerFen() : 0, product.hasBand() ? product.bandUpperFen() : 0,
                product.hasBand());
            final java.util.List<Order> marketOrders = new java.util.ArrayList<>();
            for (int k = 0; k < product.auction.marketBuyCount(); k++)
            {
                marketOrders.add(order(product.auction.marketBuy(k)));
            }
            for (int k = 0; k < product.auction.marketSellCount(); k++)
            {
                marketOrders.add(order(product.auction.marketSell(k)));
            }
            visitor.phase(new Phase(product.inAuction, product.auction.endsAtNs, product.auction.indicativePriceFen,
                product.auction.indicativeVolume, product.auction.indicativeSurplus, marketOrders));
            visitor.rules(new ProductRules(participantName(product.owner),
                Codes.nameOf(Codes.Grade.NAMES, product.grade), product.personalInfo,
                names(Codes.Rights.NAMES, product.rights, 0), names(Codes.Purpose.NAMES, product.purposes, 1),
                participantName(product.sponsor), product.sponsorConfirmed, participantName(product.reviewer),
                product.crossBorderApproved));
            for (final BookSide side : new BookSide[]{product.bids, product.asks})
            {
                final String sideName = side == product.bids ? "buy" : "sell";
                for (int depth = 0; depth < side.size(); depth++)
                {
                    final int level = side.levelAt(depth);
                    if (levels.count(level) == 0)
                    {
                        continue;
                    }
                    visitor.level(sideName, levels.priceFen(level), levels.totalQty(level), levels.count(level));
                    for (int o = levels.head(level); o != OrderStore.NULL; o = m.state.orders.levelNext(o))
                    {
                        visitor.order(order(o));
                    }
                }
            }
            visitor.endProduct();
        }
    }

    public void participants(final ParticipantVisitor visitor)
    {
        final Positions positions = m.state.positions;
        final long[] keys = positions.sortedKeys(); // (participant, product), participants in index order
        final java.util.Map<String, long[]> pledges = m.pledgesView();
        int k = 0;
        for (int p = 0; p < m.state.participants.count(); p++)
        {
            visitor.participant(m.state.participants.id(p), Codes.nameOf(Codes.ParticipantStatus.NAMES, m.state.participants.status(p)),
                m.state.participants.cashAvailableFen(p), m.state.participants.cashReservedFen(p));
            visitor.standing(new Standing(names(Codes.Role.NAMES, m.state.participants.roles(p), 0),
                Codes.nameOf(Codes.Grade.NAMES, m.state.participants.qualification(p)),
                Codes.nameOf(Codes.Jurisdiction.NAMES, m.state.participants.jurisdiction(p)), m.state.participants.group(p),
                m.state.crossBorder.isFiled(p), m.state.crossBorder.total(p, CrossBorderQuotas.yearOf(m.lastTimeNs())) -
                m.state.crossBorder.reserved(p), m.state.crossBorder.reserved(p)));
            final int first = k;
            while (k < keys.length && (int)(keys[k] >> 32) == p)
            {
                final int q = (int)keys[k++];
                final int pos = positions.find(p, q);
                visitor.holding(m.state.products[q].id, positions.owned(pos), positions.reserved(pos), positions.pledged(pos),
                    positions.sellable(pos), positions.bought(pos), m.state.entitlements.available(pos, m.lastTimeNs()));
            }
            for (final java.util.Map.Entry<String, long[]> pledge : pledges.entrySet())
            {
                final long[] f = pledge.getValue();
                if (f[0] == p || f[1] == p)
                {
                    visitor.pledge(pledge.getKey(), m.state.participants.id((int)f[0]), m.state.participants.id((int)f[1]),
                        m.state.products[(int)f[2]].id, f[3], (int)f[4]);
                }
            }
            for (int i = first; i < k; i++)
            {
                final String product = m.state.products[(int)keys[i]].id;
                m.state.entitlements.forEachGrant(positions.find(p, (int)keys[i]),
                    (units, expiryNs, purpose) -> visitor.entitlement(product, units, expiryNs,
                        purpose == Codes.Purpose.NONE ? null : Codes.nameOf(Codes.Purpose.NAMES, purpose)));
            }
            for (int o = m.state.participants.ordersHead(p); o != OrderStore.NULL; o = m.state.orders.ownerNext(o))
            {
                visitor.openOrder(order(o));
            }
            visitor.endParticipant();
        }
    }

    private String participantName(final int p)
    {
        return p < 0 ? null : m.state.participants.id(p);
    }

    /** The names of the bits set in {@code mask}; bit i names {@code names[i + firstName]}. */
    private static String[] names(final String[] names, final int mask, final int firstName)
    {
        final String[] out = new String[Integer.bitCount(mask)];
        int k = 0;
        for (int i = 0; i + firstName < names.length; i++)
        {
            if ((mask & (1 << i)) != 0)
            {
                out[k++] = names[i + firstName];
            }
        }
        return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    private Order order(final int o)
    {
        final OrderStore orders = m.state.orders;
        orders.putClOrdId(o, clOrdId, 0);
        int length = 0;
        while (length < clOrdId.capacity() && clOrdId.getByte(length) != 0)
        {
            length++;
        }
        return new Order(orders.orderId(o), clOrdId.getStringWithoutLengthAscii(0, length),
            m.state.participants.id(orders.participant(o)), m.state.products[orders.product(o)].id,
            Codes.nameOf(Codes.Side.NAMES, orders.side(o)), Codes.nameOf(Codes.OrdType.NAMES, orders.ordType(o)),
            Codes.nameOf(Codes.TimeInForce.NAMES, orders.tif(o)), orders.postOnly(o), orders.priceFen(o),
            orders.orderQty(o), orders.cumQty(o), orders.leavesQty(o), orders.cumNotionalFen(o), orders.sessionId(o));
    }
}
