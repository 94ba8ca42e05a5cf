package io.databourse.matcher;

import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Positions;
import org.agrona.DirectBuffer;

/**
 * An order's place on the book and its end: resting it at its level (and in its participant's list),
 * taking it off, and ending it, which gives back what it still reserves (a buy's cash and cross-border
 * records, a sell's units) with the order's event. Every path that ends an order comes through here:
 * cancels, expiries, self-trade prevention, requalification, auctions.
 */
final class RestingOrders
{
    private final Participants participants;
    private final Product[] products;
    private final OrderStore orders;
    private final LevelStore levels;
    private final Positions positions;
    private final CrossBorderQuotas crossBorder;
    private final EventLog events;

    RestingOrders(final MatcherState state)
    {
        participants = state.participants;
        products = state.products;
        orders = state.orders;
        levels = state.levels;
        positions = state.positions;
        crossBorder = state.crossBorder;
        events = state.events;
    }

    /** The price a resting (or auction-queued) buy's cash is reserved at. */
    long reserveFenOf(final Product product, final int slot)
    {
        return product.inAuction && orders.ordType(slot) == OrdType.MARKET && orders.side(slot) == Side.BUY ?
            product.auction.reserveFenOf(slot) : orders.priceFen(slot);
    }

    void rest(final Product product, final int slot, final boolean ownerLinked)
    {
        final long price = orders.priceFen(slot);
        final int level = product.side(orders.side(slot)).findOrAdd(price, levels);
        levels.append(level, slot, orders, orders.leavesQty(slot));
        if (!ownerLinked)
        {
            participants.linkOrder(orders.participant(slot), slot, orders);
        }
        assert checkBook(product);
    }

    void removeFromBook(final Product product, final int slot)
    {
        participants.unlinkOrder(orders.participant(slot), slot, orders);
        if (product.inAuction && orders.ordType(slot) == OrdType.MARKET)
        {
            product.auction.remove(slot, orders.side(slot) == Side.BUY, orders.leavesQty(slot)); // no level
            return;
        }
        removeFromLevel(product, slot);
    }

    /** Takes an order off its price level only: it stays in its participant's order list. */
    void removeFromLevel(final Product product, final int slot)
    {
        final int level = orders.level(slot);
        levels.remove(level, slot, orders, orders.leavesQty(slot));
        if (levels.count(level) == 0)
        {
            product.side(orders.side(slot)).onLevelEmptied(levels.priceFen(level), levels);
        }
    }

    /**
     * Ends an order that is not on the book (the aggressor): releases what it still reserves,
     * emits the event and frees its slot.
     */
    void finish(final int slot, final int eventType, final byte reason, final long reservePrice)
    {
        final long leaves = orders.leavesQty(slot);
        assert leaves > 0; // a filled order was freed, not ended
        final long releasedFen = releaseReservation(slot, reservePrice, leaves);
        events.order(eventType, orders, slot, null, 0, false, reason, false, leaves, releasedFen);
        orders.free(slot);
    }

    /** Cancels a resting order: off the book, reservation released, event, slot freed. */
    void cancelResting(final Product product, final int slot, final byte reason, final int eventType)
    {
        cancelResting(product, slot, reason, eventType, null, 0);
    }

    void cancelResting(
        final Product product, final int slot, final byte reason, final int eventType,
        final DirectBuffer requestIdBuffer, final int requestIdOffset)
    {
        final long leaves = orders.leavesQty(slot);
        assert leaves > 0 && orders.product(slot) == product.index;
        final long reservePrice = reserveFenOf(product, slot);
        removeFromBook(product, slot);
        final long releasedFen = releaseReservation(slot, reservePrice, leaves);
        events.order(eventType, orders, slot, requestIdBuffer, requestIdOffset, true, reason, false, leaves, releasedFen);
        orders.free(slot);
    }

    /** Gives back what an order still holds for its {@code leaves}; returns the cash released (0 for a sell). */
    long releaseReservation(final int slot, final long reservePrice, final long leaves)
    {
        final int p = orders.participant(slot);
        if (orders.side(slot) == Side.BUY)
        {
            final long releasedFen = reserveFen(reservePrice, leaves, orders.feeBps(slot));
            participants.release(p, releasedFen);
            if (orders.crossBorder(slot))
            {
                final Product product = products[orders.product(slot)];
                crossBorder.release(product.owner, recordsOf(product, leaves / product.lotQty));
            }
            return releasedFen;
        }
        positions.release(orders.position(slot), leaves);
        return 0;
    }

    /** The book is sorted and not crossed. */
    boolean checkBook(final Product product)
    {
        if (!product.bids.isSorted() || !product.asks.isSorted())
        {
            throw new IllegalStateException(Violations.bookOutOfOrder(product.id));
        }
        // a call auction collects crossing orders: only continuous trading keeps the book uncrossed
        if (!product.inAuction && !product.bids.isEmpty() && !product.asks.isEmpty() &&
            product.bids.bestPrice() >= product.asks.bestPrice())
        {
            throw new IllegalStateException(Violations.bookCrossed(product.id));
        }
        return true;
    }
}
