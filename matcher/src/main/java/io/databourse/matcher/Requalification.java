package io.databourse.matcher;

import static io.databourse.matcher.Reservations.countsRecords;

import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.MessageType;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import org.agrona.collections.IntArrayList;

/**
 * Resting orders held to what changed after they were entered (the control plane): a participant's
 * qualification, jurisdiction or roles, a product's grade or personal-information flag (the gates of
 * a new order, again), a suspension or delisting (all of a participant's or a product's orders), a
 * delivery window that opened. Each walk collects first and cancels after, with an event per order,
 * up to the fan-out limit.
 */
final class Requalification
{
    private final OrderGates gates;
    private final RestingOrders restingOrders;
    private final CallAuction auction;
    private final MatcherContext ctx;
    private final Participants participants;
    private final Product[] products;
    private final OrderStore orders;
    private final LevelStore levels;
    /** Resting orders a requalification found failing the gates, cancelled after the walk (control plane). */
    private final IntArrayList requalified = new IntArrayList();

    Requalification(
        final MatcherState state, final OrderGates gates, final RestingOrders restingOrders, final CallAuction auction)
    {
        this.gates = gates;
        this.restingOrders = restingOrders;
        this.auction = auction;
        ctx = state.ctx;
        participants = state.participants;
        products = state.products;
        orders = state.orders;
        levels = state.levels;
    }

    /** Cancels every resting order of a product (suspension, delisting), best levels first, bids then asks. */
    void cancelAllOf(final Product product, final byte reason)
    {
        drainBook(product, reason, MessageType.ORDER_CANCELLED, ctx.fanOutEventsMax());
    }

    /** Takes up to {@code limit} resting orders off a product's book, best levels first, bids then asks. */
    void drainBook(final Product product, final byte reason, final int eventType, final int limit)
    {
        final int n = drainSide(product, product.bids, reason, eventType, limit);
        drainSide(product, product.asks, reason, eventType, limit - n);
        if (product.inAuction)
        {
            auction.abandon(product, reason, eventType); // no uncross: the product no longer trades
        }
    }

    private int drainSide(final Product product, final BookSide side, final byte reason, final int eventType, final int limit)
    {
        int n = 0;
        while (!side.isEmpty() && n < limit)
        {
            restingOrders.cancelResting(product, levels.head(side.bestLevel()), reason, eventType);
            n++;
        }
        return n;
    }

    /**
     * A participant's qualification, jurisdiction or roles changed: its resting orders that no
     * longer pass the gates of a new order (role, qualification, cross-border) are cancelled, in
     * entry order, reason {@code participant_requalified}.
     */
    void requalifyParticipant(final int p)
    {
        requalified.clear();
        for (int o = participants.ordersHead(p); o != OrderStore.NULL; o = orders.ownerNext(o))
        {
            if (failsGates(o))
            {
                requalified.addInt(o);
            }
        }
        cancelRequalified();
    }

    /**
     * A review raised a product's grade or changed its personal-information flag: its resting orders
     * that no longer pass the gates are cancelled, best levels first, bids then asks, reason
     * {@code participant_requalified}.
     */
    void requalifyProduct(final Product product)
    {
        requalified.clear();
        collectFailing(product, product.bids);
        collectFailing(product, product.asks);
        for (int i = 0; i < product.auction.marketBuyCount(); i++)
        {
            if (failsGates(product.auction.marketBuy(i)))
            {
                requalified.addInt(product.auction.marketBuy(i));
            }
        }
        for (int i = 0; i < product.auction.marketSellCount(); i++)
        {
            if (failsGates(product.auction.marketSell(i)))
            {
                requalified.addInt(product.auction.marketSell(i));
            }
        }
        cancelRequalified();
    }

    private void collectFailing(final Product product, final BookSide side)
    {
        for (int depth = 0; depth < side.size(); depth++)
        {
            for (int o = levels.head(side.levelAt(depth)); o != OrderStore.NULL; o = orders.levelNext(o))
            {
                if (failsGates(o))
                {
                    requalified.addInt(o);
                }
            }
        }
    }

    /**
     * A resting order no longer passes the gates of a new one: role, qualification, cross-border
     * eligibility; or its cross-border standing changed (it reserves records it should not, or
     * should and does not; important data bought from abroad without the product's approval).
     */
    private boolean failsGates(final int o)
    {
        final int p = orders.participant(o);
        final Product product = products[orders.product(o)];
        final byte side = orders.side(o);
        if (null != gates.checkEligible(p, product, side))
        {
            return true;
        }
        final boolean abroad = side == Side.BUY && participants.isCrossBorder(p) && product.kind == ProductKind.DATA;
        return orders.crossBorder(o) != (abroad && countsRecords(product)) ||
            (abroad && product.grade >= Grade.IMPORTANT && !product.crossBorderApproved);
    }

    private void cancelRequalified()
    {
        final int n = Math.min(requalified.size(), ctx.fanOutEventsMax());
        for (int i = 0; i < n; i++)
        {
            final int o = requalified.getInt(i);
            restingOrders.cancelResting(products[orders.product(o)], o, CancelReason.PARTICIPANT_REQUALIFIED, MessageType.ORDER_CANCELLED);
        }
        requalified.clear();
    }

    /** Cancels every resting order of a participant (suspension), in entry order. */
    void cancelAllOf(final int p, final byte reason)
    {
        int n = 0;
        int o = participants.ordersHead(p);
        while (o != OrderStore.NULL && n < ctx.fanOutEventsMax())
        {
            final int next = orders.ownerNext(o);
            restingOrders.cancelResting(products[orders.product(o)], o, reason, MessageType.ORDER_CANCELLED);
            n++;
            o = next;
        }
    }
}
