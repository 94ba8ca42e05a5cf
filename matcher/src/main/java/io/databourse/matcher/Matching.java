package io.databourse.matcher;

import io.databourse.journal.sbe.NewOrderCommandDecoder;
import static io.databourse.matcher.OrderGates.crosses;
import static io.databourse.matcher.Reservations.countsRecords;
import static io.databourse.matcher.Reservations.marketBuyReserveFen;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Positions;

/**
 * Continuous matching (docs/matching-rules.md): a new order passes the gates, is accepted with what
 * it reserves, trades against the opposite side in price-time priority at the resting prices (self-trade
 * prevention by beneficial owner), and its remainder rests or ends by its type and time in force. A
 * product in its call auction collects the order instead ({@link CallAuction}).
 */
final class Matching
{
    private final MatcherState state;
    private final OrderGates gates;
    private final RestingOrders restingOrders;
    private final TradeStep tradeStep;
    private final CallAuction auction;
    private final Participants participants;
    private final Product[] products;
    private final OrderStore orders;
    private final LevelStore levels;
    private final Positions positions;
    private final CrossBorderQuotas crossBorder;
    private final EventLog events;
    private final int[] makerFeeBps;
    private final int[] takerFeeBps;

    // state of the order being matched (aggressor)
    private long aggressorReservePriceFen;
    private boolean aggressorStopped;

    Matching(
        final MatcherState state, final OrderGates gates, final RestingOrders restingOrders, final TradeStep tradeStep,
        final CallAuction auction)
    {
        this.state = state;
        this.gates = gates;
        this.restingOrders = restingOrders;
        this.tradeStep = tradeStep;
        this.auction = auction;
        participants = state.participants;
        products = state.products;
        orders = state.orders;
        levels = state.levels;
        positions = state.positions;
        crossBorder = state.crossBorder;
        events = state.events;
        makerFeeBps = state.makerFeeBps;
        takerFeeBps = state.takerFeeBps;
    }

    void onNewOrder(final NewOrderCommandDecoder cmd)
    {
        final int clOrdIdAt = cmd.offset() + NewOrderCommandDecoder.clOrdIdEncodingOffset();
        final int p = state.participantOf(cmd.buffer(),
            cmd.offset() + NewOrderCommandDecoder.participantIdEncodingOffset());
        final RejectReason reason = gates.checkNewOrder(cmd, p);
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.NEW_ORDER, reason, p, cmd.buffer(), clOrdIdAt, 0,
                cmd.buffer(), cmd.offset() + NewOrderCommandDecoder.productIdEncodingOffset());
            return;
        }
        final Product product = products[gates.checkedProductIndex];
        final byte side = cmd.side();
        final boolean isMarket = cmd.ordType() == OrdType.MARKET;
        final long qty = cmd.qty();
        // a market order trades only inside the band as it is on arrival: a buy up to the upper edge (the
        // price its cash is reserved at), a sell down to the lower edge; without a band a sell has no floor
        final long reservePrice = isMarket ? (side == Side.BUY ? marketBuyReserveFen(product) :
            (product.hasBand() && !product.inAuction ? product.bandLowerFen() : 0)) : cmd.priceFen();
        final int feeBps = side == Side.BUY ? Math.max(makerFeeBps[product.kind], takerFeeBps[product.kind]) : 0;

        // buyers get a position now (it receives the units); a seller's exists (it holds what it sells)
        final int position = side == Side.BUY ? positions.findOrCreate(p, product.index) : gates.checkedSellPosition;
        final boolean crossBorderRecords = side == Side.BUY && countsRecords(product) && participants.isCrossBorder(p);
        final int slot = orders.allocate(
            state.nextOrderId++, p, product.index, state.sessionId, cmd.buffer(), clOrdIdAt,
            isMarket ? 0 : cmd.priceFen(), qty,
            OrderStore.packFlags(side, cmd.ordType(), cmd.tif(), cmd.postOnlyRaw() != 0, cmd.stp(), feeBps,
                cmd.purpose(), crossBorderRecords),
            position);
        final long reservedFen = side == Side.BUY ? reserveFen(reservePrice, qty, feeBps) : 0;
        if (side == Side.BUY)
        {
            participants.reserve(p, reservedFen);
            if (crossBorderRecords)
            {
                crossBorder.reserve(product.owner, recordsOf(product, qty / product.lotQty));
            }
        }
        else
        {
            positions.reserve(position, qty);
        }
        events.order(MessageType.ORDER_ACCEPTED, orders, slot, null, 0, false, (byte)0, false, qty, reservedFen);

        if (cmd.tif() == TimeInForce.FOK && fillableQty(product, slot, reservePrice) < qty)
        {
            restingOrders.finish(slot, MessageType.ORDER_EXPIRED, CancelReason.FOK_UNFILLED, reservePrice);
            return;
        }
        executeAndRest(product, slot, reservePrice, isMarket, false);
    }

    /**
     * Trades an incoming order (new, or replaced off its level) and rests what is left, or ends it.
     *
     * @param ownerLinked whether the order is still in its participant's order list (a replaced order
     *                    keeps its place there: it only moves between levels)
     */
    void executeAndRest(
        final Product product, final int slot, final long reservePrice, final boolean isMarket, final boolean ownerLinked)
    {
        if (product.inAuction)
        {
            auction.collect(product, slot, reservePrice, isMarket, ownerLinked); // nothing trades before the uncross
            return;
        }
        // most arrivals do not reach the other side: the same test match() starts with, without its call
        if (crosses(product, orders.side(slot), reservePrice))
        {
            match(product, slot, reservePrice);
        }
        else
        {
            aggressorStopped = false;
        }
        if (ownerLinked && (orders.leavesQty(slot) == 0 || !restsAfterMatch(slot, isMarket)))
        {
            participants.unlinkOrder(orders.participant(slot), slot, orders);
        }
        if (orders.leavesQty(slot) == 0)
        {
            orders.free(slot);
            return;
        }
        if (aggressorStopped)
        {
            restingOrders.finish(slot, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED, reservePrice);
        }
        else if (isMarket)
        {
            restingOrders.finish(slot, MessageType.ORDER_CANCELLED, CancelReason.MARKET_REMAINDER, reservePrice);
        }
        else if (orders.tif(slot) == TimeInForce.IOC || orders.tif(slot) == TimeInForce.FOK)
        {
            restingOrders.finish(slot, MessageType.ORDER_CANCELLED, CancelReason.IOC_REMAINDER, reservePrice);
        }
        else
        {
            assert !isMarket && orders.leavesQty(slot) > 0; // only a limit order with quantity left rests
            restingOrders.rest(product, slot, ownerLinked);
        }
    }

    /** Whether an order with quantity left after {@link #match} goes on the book (else it ends). */
    private boolean restsAfterMatch(final int slot, final boolean isMarket)
    {
        final byte tif = orders.tif(slot);
        return !aggressorStopped && !isMarket && tif != TimeInForce.IOC && tif != TimeInForce.FOK;
    }

    /** Quantity an order could trade on arrival, stopping where self-trade prevention would. */
    private long fillableQty(final Product product, final int slot, final long limitPrice)
    {
        final byte side = orders.side(slot);
        final int self = participants.stpKey(orders.participant(slot));
        final byte stp = orders.stp(slot);
        final long wanted = orders.leavesQty(slot);
        final BookSide opposite = product.opposite(side);
        long fillable = 0;
        for (int depth = 0; depth < opposite.size() && fillable < wanted; depth++)
        {
            final int level = opposite.levelAt(depth);
            final long levelPrice = levels.priceFen(level);
            if (side == Side.BUY ? levelPrice > limitPrice : levelPrice < limitPrice)
            {
                break;
            }
            for (int o = levels.head(level); o != OrderStore.NULL && fillable < wanted; o = orders.levelNext(o))
            {
                if (participants.stpKey(orders.participant(o)) == self)
                {
                    if (stp != SelfTradePrevention.CANCEL_OLDEST)
                    {
                        return fillable;
                    }
                    continue;
                }
                fillable += orders.leavesQty(o);
            }
        }
        return fillable;
    }

    /**
     * Trades the aggressor against the opposite side while prices cross its limit (for a market
     * order: its protection price), at the resting prices. Sets {@link #aggressorStopped} when
     * self-trade prevention stopped it.
     */
    private void match(final Product product, final int slot, final long limit)
    {
        aggressorReservePriceFen = limit;
        aggressorStopped = false;
        final byte side = orders.side(slot);
        // one beneficial owner never trades with itself: participants of a group share a key
        final int self = participants.stpKey(orders.participant(slot));
        final byte stp = orders.stp(slot);
        final BookSide opposite = product.opposite(side);
        while (orders.leavesQty(slot) > 0 && !opposite.isEmpty())
        {
            final int level = opposite.bestLevel();
            final long levelPrice = levels.priceFen(level);
            if (side == Side.BUY ? levelPrice > limit : levelPrice < limit)
            {
                return;
            }
            int resting = levels.head(level);
            while (resting != OrderStore.NULL && orders.leavesQty(slot) > 0)
            {
                final int next = orders.levelNext(resting);
                if (participants.stpKey(orders.participant(resting)) == self)
                {
                    if (stp != SelfTradePrevention.CANCEL_NEWEST)
                    {
                        restingOrders.cancelResting(product, resting, CancelReason.SELF_TRADE_PREVENTED, MessageType.ORDER_CANCELLED);
                    }
                    if (stp != SelfTradePrevention.CANCEL_OLDEST)
                    {
                        aggressorStopped = true;
                        return;
                    }
                    resting = next;
                    continue;
                }
                final long qty = Math.min(orders.leavesQty(slot), orders.leavesQty(resting));
                trade(product, slot, resting, levelPrice, qty);
                // the level's open quantity loses the fill whether or not the order stays on it: a filled
                // order leaves with no open quantity, so removing it takes nothing more off the total
                levels.reduce(level, qty);
                if (orders.leavesQty(resting) == 0)
                {
                    restingOrders.removeFromBook(product, resting);
                    orders.free(resting);
                }
                resting = next;
            }
        }
    }

    private void trade(final Product product, final int aggressor, final int resting, final long price, final long qty)
    {
        final boolean aggressorBuys = orders.side(aggressor) == Side.BUY;
        final int buyOrder = aggressorBuys ? aggressor : resting;
        final int sellOrder = aggressorBuys ? resting : aggressor;
        final int kind = product.kind;
        final int buyBps = Math.min(aggressorBuys ? takerFeeBps[kind] : makerFeeBps[kind], orders.feeBps(buyOrder));
        final int sellBps = aggressorBuys ? makerFeeBps[kind] : takerFeeBps[kind];
        final long buyReservePrice = buyOrder == aggressor ? aggressorReservePriceFen : orders.priceFen(buyOrder);
        tradeStep.fill(product, buyOrder, sellOrder, orders.side(aggressor), buyBps, sellBps, buyReservePrice, price, qty,
            orders.sessionId(aggressor));
    }
}
