package io.databourse.matcher;

import io.databourse.journal.sbe.AuctionCommandDecoder;
import io.databourse.journal.sbe.AuctionEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.AuctionAction;
import io.databourse.journal.schema.Codes.AuctionCause;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.OpeningAuction;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.auction.AuctionState;
import io.databourse.matcher.auction.BookLevels;
import io.databourse.matcher.auction.UncrossingPrice;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Product;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayList;

/**
 * Call auctions (docs/matching-rules.md, Call auctions): a product in its auction phase collects orders
 * and trades nothing; after each command the indicative uncrossing price and volume are published when
 * they changed; at the phase's end (an admin's {@code end}, or the first command stamped at or after
 * its end time, before that command) the book uncrosses at one price ({@link UncrossingPrice}) through
 * the matcher's one trade step, and continuous trading starts. The matcher calls in through a few hooks;
 * the phase itself is {@link Product#inAuction} and {@link AuctionState}, both snapshot state.
 */
final class CallAuction
{
    /** The matcher's state. */
    private final MatcherState state;
    private final OrderGates gates;
    private final RestingOrders restingOrders;
    private final TradeStep tradeStep;
    private final UncrossingPrice uncrossing = new UncrossingPrice();
    private final BookLevels bidLevels = new BookLevels();
    private final BookLevels askLevels = new BookLevels();
    private final AuctionCommandDecoder command = new AuctionCommandDecoder();
    private final AuctionEventEncoder event = new AuctionEventEncoder();
    /** Resting orders a self-trade check decided to cancel, cancelled after the walk that found them. */
    private final IntArrayList selfTrades = new IntArrayList();
    /** Indexes of the products in their auction phase now, ascending (rebuilt by {@link #rescheduleEnds}). */
    private final IntArrayList running = new IntArrayList();
    /** Auctions whose end time came, in product order: uncrossed after the walk that found them. */
    private final IntArrayList due = new IntArrayList();
    /** The earliest end time of a running auction, or {@link Long#MAX_VALUE}. */
    private long nextEndNs = Long.MAX_VALUE;

    CallAuction(final MatcherState state, final OrderGates gates, final RestingOrders restingOrders, final TradeStep tradeStep)
    {
        this.state = state;
        this.gates = gates;
        this.restingOrders = restingOrders;
        this.tradeStep = tradeStep;
    }

    int running()
    {
        return running.size();
    }

    long nextEndNs()
    {
        return nextEndNs;
    }

    /** Whether listing (or resuming) the product opens its call auction: its setting, else the default. */
    static boolean opensWithAuction(final Product product, final boolean operatorLoad)
    {
        if (product.openingAuction != OpeningAuction.DEFAULT)
        {
            return product.openingAuction == OpeningAuction.ON;
        }
        return !operatorLoad && product.kind != ProductKind.COMPUTE;
    }

    // ---- the admin's command ----

    void apply(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < AuctionCommandDecoder.BLOCK_LENGTH)
        {
            state.events.reject(state.sessionId, MessageType.AUCTION, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
            return;
        }
        final AuctionCommandDecoder cmd = Codecs.wrap(command, buffer, offset);
        final int actor = state.actors.resolve(buffer, cmd.offset() + AuctionCommandDecoder.actorEncodingOffset());
        final int index = state.productIndex.get(buffer, cmd.offset() + AuctionCommandDecoder.productIdEncodingOffset());
        final byte action = cmd.action();
        final long endsAt = cmd.endsAtNs();
        RejectReason reason = state.actors.mayAct(actor, Role.ADMIN);
        if (null == reason && index < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        if (null == reason && action != AuctionAction.START && action != AuctionAction.END)
        {
            reason = RejectReason.INVALID_AUCTION;
        }
        final Product product = index < 0 ? null : state.products[index];
        if (null == reason && action == AuctionAction.START)
        {
            reason = gates.checkTradable(product);
            // an end time must lie ahead, and for compute before the window opens (its orders expire then)
            if (null == reason && (endsAt < 0 || (endsAt != 0 && (endsAt <= state.timeNs ||
                (product.isCompute() && endsAt >= product.windowStartNs)))))
            {
                reason = RejectReason.INVALID_AUCTION;
            }
        }
        if (null == reason && action == AuctionAction.END && !product.inAuction)
        {
            reason = RejectReason.AUCTION_NOT_RUNNING;
        }
        if (null != reason)
        {
            state.events.reject(state.sessionId, MessageType.AUCTION, reason, Actors.indexOf(actor), null, 0, 0,
                buffer, cmd.offset() + AuctionCommandDecoder.productIdEncodingOffset());
            return;
        }
        if (action == AuctionAction.END)
        {
            uncross(product, AuctionCause.ADMIN, Actors.indexOf(actor));
        }
        else if (product.inAuction)
        {
            // a start during the auction moves its end time
            product.auction.endsAtNs = endsAt;
            started(product, AuctionCause.ADMIN, Actors.indexOf(actor));
            rescheduleEnds();
        }
        else
        {
            start(product, AuctionCause.ADMIN, Actors.indexOf(actor), endsAt);
        }
    }

    // ---- the phase ----

    /** The product enters its auction phase (listing, resume, admin). */
    void start(final Product product, final byte cause, final int actor, final long endsAt)
    {
        assert !product.inAuction : product.id + " already in an auction";
        assert !product.auction.hasMarketOrders();
        product.inAuction = true;
        product.auction.reset(endsAt);
        started(product, cause, actor);
        rescheduleEnds();
    }

    private void started(final Product product, final byte cause, final int actor)
    {
        final AuctionEventEncoder e = Codecs.encode(event, state.events.buffer(), state.events.end(), state.sessionId,
            MessageType.AUCTION_STARTED);
        e.product(product.index).cause(cause).rule(UncrossingPrice.RULE_NONE).actor(actor)
            .endsAtNs(product.auction.endsAtNs);
        state.events.commit(e);
    }

    /**
     * An order that would trade in continuous trading (new, or replaced to a new price) joins the auction
     * instead: a limit order rests on the book, a market order waits in the auction's queue. Self-trade
     * prevention applies on entry, against the other side's orders it crosses (market orders cross all),
     * by the order's own mode as in continuous trading: so two orders of one beneficial owner never cross
     * in an auction, and its uncross never pairs them.
     *
     * @param reservePrice a buy's reservation price (a market buy: {@link Reservations#marketBuyReserveFen})
     * @param ownerLinked  whether the order is already in its participant's order list (a replace)
     */
    void collect(final Product product, final int slot, final long reservePrice, final boolean isMarket,
        final boolean ownerLinked)
    {
        final OrderStore orders = state.orders;
        final byte side = orders.side(slot);
        final int self = state.participants.stpKey(orders.participant(slot));
        final byte stp = orders.stp(slot);
        final long price = orders.priceFen(slot);
        final AuctionState st = product.auction;
        selfTrades.clear();
        boolean stopped = false;
        final int queued = side == Side.BUY ? st.marketSellCount() : st.marketBuyCount();
        for (int i = 0; i < queued && !stopped; i++)
        {
            final int o = side == Side.BUY ? st.marketSell(i) : st.marketBuy(i);
            stopped = selfTrade(o, self, stp);
        }
        final BookSide opposite = product.opposite(side);
        for (int depth = 0; depth < opposite.size() && !stopped; depth++)
        {
            final int level = opposite.levelAt(depth);
            final long levelPrice = state.levels.priceFen(level);
            if (!isMarket && (side == Side.BUY ? levelPrice > price : levelPrice < price))
            {
                break;
            }
            for (int o = state.levels.head(level); o != OrderStore.NULL && !stopped; o = orders.levelNext(o))
            {
                stopped = selfTrade(o, self, stp);
            }
        }
        for (int i = 0; i < selfTrades.size(); i++)
        {
            restingOrders.cancelResting(product, selfTrades.getInt(i), CancelReason.SELF_TRADE_PREVENTED, MessageType.ORDER_CANCELLED);
        }
        selfTrades.clear();
        if (stopped)
        {
            if (ownerLinked)
            {
                state.participants.unlinkOrder(orders.participant(slot), slot, orders);
            }
            restingOrders.finish(slot, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED, reservePrice);
        }
        else if (isMarket)
        {
            assert !ownerLinked : "a market order is never replaced";
            state.participants.linkOrder(orders.participant(slot), slot, orders);
            if (side == Side.BUY)
            {
                st.queueMarketBuy(slot, reservePrice, orders.leavesQty(slot));
            }
            else
            {
                st.queueMarketSell(slot, orders.leavesQty(slot));
            }
        }
        else
        {
            restingOrders.rest(product, slot, ownerLinked);
        }
    }

    /** One crossing order met on entry: whether it stops the new one ({@code selfTrades} gets the ones to cancel). */
    private boolean selfTrade(final int resting, final int self, final byte stp)
    {
        if (state.participants.stpKey(state.orders.participant(resting)) != self)
        {
            return false;
        }
        if (stp != SelfTradePrevention.CANCEL_NEWEST)
        {
            selfTrades.addInt(resting);
        }
        return stp != SelfTradePrevention.CANCEL_OLDEST;
    }

    /** After each command while auctions run: each one's indicative price, published when it changed. */
    void publishIndicatives()
    {
        for (int i = 0; i < running.size(); i++)
        {
            publishIndicative(state.products[running.getInt(i)]);
        }
    }

    private void publishIndicative(final Product product)
    {
        final boolean found = compute(product);
        final long price = found ? uncrossing.price() : 0;
        final long volume = found ? uncrossing.volume() : 0;
        final AuctionState st = product.auction;
        if (price == st.indicativePriceFen && volume == st.indicativeVolume)
        {
            return;
        }
        st.indicativePriceFen = price;
        st.indicativeVolume = volume;
        st.indicativeSurplus = found ? uncrossing.surplus() : 0;
        final AuctionEventEncoder e = Codecs.encode(event, state.events.buffer(), state.events.end(), state.sessionId,
            MessageType.AUCTION_INDICATIVE);
        e.product(product.index).cause(AuctionCause.ADMIN).rule(found ? uncrossing.rule() : UncrossingPrice.RULE_NONE)
            .actor(-1).priceFen(price).volume(volume).surplus(st.indicativeSurplus);
        state.events.commit(e);
    }

    private boolean compute(final Product product)
    {
        final AuctionState st = product.auction;
        return uncrossing.compute(bidLevels.of(product.bids, state.levels), askLevels.of(product.asks, state.levels),
            st.marketBuyQty(), st.marketSellQty(), product.referencePriceFen());
    }

    /** Uncrosses every auction whose end time has come, in product order, before the command stamped {@code timeNs}. */
    void endDue(final long timeNs)
    {
        if (timeNs < nextEndNs)
        {
            return;
        }
        due.clear();
        for (int i = 0; i < running.size(); i++)
        {
            final Product product = state.products[running.getInt(i)];
            if (product.auction.endsAtNs != 0 && product.auction.endsAtNs <= timeNs)
            {
                due.addInt(product.index);
            }
        }
        for (int i = 0; i < due.size(); i++)
        {
            uncross(state.products[due.getInt(i)], AuctionCause.END_TIME, -1);
        }
        due.clear();
        rescheduleEnds();
    }

    /**
     * The auction ends: the book uncrosses at one price, fills in price-time priority (market orders
     * first) through the matcher's trade step, market orders left unfilled are cancelled, and continuous
     * trading starts with the rest of the book.
     */
    void uncross(final Product product, final byte cause, final int actor)
    {
        assert product.inAuction;
        boolean found = compute(product);
        if (!found)
        {
            uncrossed(product, cause, actor, 0, 0, 0, UncrossingPrice.RULE_NONE); // nothing can trade
        }
        while (found)
        {
            final long price = uncrossing.price();
            final long volume = uncrossing.volume();
            uncrossed(product, cause, actor, price, volume, uncrossing.surplus(), uncrossing.rule());
            if (fill(product, price) == volume)
            {
                break;
            }
            // a self-trade can only meet here when a participant changed group during the auction: its
            // newer order was cancelled, which may leave a cross; what is left uncrosses at its own price
            found = compute(product);
        }
        endMarketOrders(product, CancelReason.MARKET_REMAINDER, MessageType.ORDER_CANCELLED);
        leave(product);
        assert restingOrders.checkBook(product);
    }

    private void uncrossed(
        final Product product, final byte cause, final int actor, final long price, final long volume,
        final long surplus, final byte rule)
    {
        final AuctionEventEncoder e = Codecs.encode(event, state.events.buffer(), state.events.end(), state.sessionId,
            MessageType.AUCTION_UNCROSSED);
        e.product(product.index).cause(cause).rule(rule).actor(actor).endsAtNs(product.auction.endsAtNs)
            .priceFen(price).volume(volume).surplus(surplus);
        state.events.commit(e);
    }

    /** Pairs buys and sells that can trade at {@code price} in priority order; returns the quantity traded. */
    private long fill(final Product product, final long price)
    {
        final OrderStore orders = state.orders;
        long traded = 0;
        while (true)
        {
            final int buy = next(product, Side.BUY, price);
            final int sell = next(product, Side.SELL, price);
            if (buy == OrderStore.NULL || sell == OrderStore.NULL)
            {
                return traded;
            }
            if (state.participants.stpKey(orders.participant(buy)) == state.participants.stpKey(orders.participant(sell)))
            {
                final int newer = orders.orderId(buy) > orders.orderId(sell) ? buy : sell;
                restingOrders.cancelResting(product, newer, CancelReason.SELF_TRADE_PREVENTED, MessageType.ORDER_CANCELLED);
                continue;
            }
            final long qty = Math.min(orders.leavesQty(buy), orders.leavesQty(sell));
            tradeStep.auctionTrade(product, buy, sell, restingOrders.reserveFenOf(product, buy), price, qty);
            consume(product, buy, qty);
            consume(product, sell, qty);
            traded += qty;
        }
    }

    /** The side's order first in priority that can trade at {@code price}: market orders, then the best level's head. */
    private int next(final Product product, final byte side, final long price)
    {
        final AuctionState st = product.auction;
        if (side == Side.BUY ? st.marketBuyCount() > 0 : st.marketSellCount() > 0)
        {
            return side == Side.BUY ? st.marketBuy(0) : st.marketSell(0);
        }
        final BookSide book = product.side(side);
        if (book.isEmpty() || (side == Side.BUY ? book.bestPrice() < price : book.bestPrice() > price))
        {
            return OrderStore.NULL;
        }
        return state.levels.head(book.bestLevel());
    }

    /** A filled quantity leaves the order's level (or the market queue); a filled order leaves the book. */
    private void consume(final Product product, final int slot, final long qty)
    {
        final OrderStore orders = state.orders;
        if (orders.ordType(slot) == OrdType.MARKET)
        {
            product.auction.reduce(orders.side(slot) == Side.BUY, qty);
        }
        else
        {
            state.levels.reduce(orders.level(slot), qty);
        }
        if (orders.leavesQty(slot) == 0)
        {
            restingOrders.removeFromBook(product, slot);
            orders.free(slot);
        }
    }

    /**
     * The product can no longer trade (suspended, delisted, its window opened): its auction ends
     * without an uncross, its market orders cancelled with the rest of its book.
     */
    void abandon(final Product product, final byte reason, final int eventType)
    {
        endMarketOrders(product, reason, eventType);
        uncrossed(product, AuctionCause.HALTED, -1, 0, 0, 0, UncrossingPrice.RULE_NONE);
        leave(product);
    }

    /** The market orders still queued end (cancelled or expired), in arrival order, buys first. */
    private void endMarketOrders(final Product product, final byte reason, final int eventType)
    {
        final AuctionState st = product.auction;
        while (st.marketBuyCount() > 0)
        {
            restingOrders.cancelResting(product, st.marketBuy(0), reason, eventType);
        }
        while (st.marketSellCount() > 0)
        {
            restingOrders.cancelResting(product, st.marketSell(0), reason, eventType);
        }
    }

    /** Continuous trading again. */
    private void leave(final Product product)
    {
        assert !product.auction.hasMarketOrders();
        product.inAuction = false;
        product.auction.reset(0);
        rescheduleEnds();
    }

    /** The running count and the next end time, from the products' state (after each change, and a restore). */
    void rescheduleEnds()
    {
        running.clear();
        long next = Long.MAX_VALUE;
        for (int i = 0; i < state.productIndex.size(); i++)
        {
            final Product product = state.products[i];
            if (product.inAuction)
            {
                running.addInt(i);
                if (product.auction.endsAtNs != 0)
                {
                    next = Math.min(next, product.auction.endsAtNs);
                }
            }
        }
        nextEndNs = next;
        state.nextAuctionEndNs(next);
    }
}
