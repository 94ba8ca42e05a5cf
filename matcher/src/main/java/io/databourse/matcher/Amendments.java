package io.databourse.matcher;

import static io.databourse.matcher.OrderGates.crosses;
import static io.databourse.matcher.OrderGates.isValidClOrdId;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelledEventEncoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Positions;
import org.agrona.DirectBuffer;

/**
 * What a participant asks of its live orders: cancel one, replace one (price and quantity; priority
 * kept only when the price stays and the quantity does not grow), or cancel many (mass cancel, by
 * product and side). An order is found only among its own participant's.
 */
final class Amendments
{
    private final MatcherState state;
    private final OrderGates gates;
    private final RestingOrders restingOrders;
    private final Matching matching;
    private final MatcherContext ctx;
    private final Participants participants;
    private final AsciiKeyIndex participantIndex;
    private final Product[] products;
    private final AsciiKeyIndex productIndex;
    private final OrderStore orders;
    private final LevelStore levels;
    private final Positions positions;
    private final CrossBorderQuotas crossBorder;
    private final EventLog events;
    private final MassCancelledEventEncoder massCancelledEvent = new MassCancelledEventEncoder();

    Amendments(
        final MatcherState state, final OrderGates gates, final RestingOrders restingOrders, final Matching matching)
    {
        this.state = state;
        this.gates = gates;
        this.restingOrders = restingOrders;
        this.matching = matching;
        ctx = state.ctx;
        participants = state.participants;
        participantIndex = state.participantIndex;
        products = state.products;
        productIndex = state.productIndex;
        orders = state.orders;
        levels = state.levels;
        positions = state.positions;
        crossBorder = state.crossBorder;
        events = state.events;
    }

    void onCancel(final CancelCommandDecoder cmd)
    {
        final int clOrdIdAt = cmd.offset() + CancelCommandDecoder.clOrdIdEncodingOffset();
        final DirectBuffer b = cmd.buffer();
        final int p = state.participantOf(b, cmd.offset() + CancelCommandDecoder.participantIdEncodingOffset());
        final RejectReason reason;
        int slot = OrderStore.NULL;
        if (!isValidClOrdId(b, clOrdIdAt))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else
        {
            slot = findOrder(p, b, cmd.offset() + CancelCommandDecoder.origClOrdIdEncodingOffset(), cmd.orderId());
            reason = slot == OrderStore.NULL ? RejectReason.UNKNOWN_ORDER : null;
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.CANCEL, reason, p, b, clOrdIdAt, cmd.orderId());
            return;
        }
        restingOrders.cancelResting(products[orders.product(slot)], slot, CancelReason.USER, MessageType.ORDER_CANCELLED,
            b, clOrdIdAt);
    }

    /**
     * A participant's live order by clOrdId, cross-checked against the exchange id when one is given;
     * by exchange id alone (FIX OrderID without OrigClOrdID) through the participant's own list,
     * so another participant's order is never found.
     */
    private int findOrder(final int p, final DirectBuffer b, final int origClOrdIdOffset, final long orderId)
    {
        if (b.getByte(origClOrdIdOffset) == 0)
        {
            if (orderId <= 0)
            {
                return OrderStore.NULL;
            }
            for (int o = participants.ordersHead(p); o != OrderStore.NULL; o = orders.ownerNext(o))
            {
                if (orders.orderId(o) == orderId)
                {
                    return o;
                }
            }
            return OrderStore.NULL;
        }
        final int slot = orders.findByClOrdId(p, b, origClOrdIdOffset);
        if (slot == OrderStore.NULL || (orderId != 0 && orders.orderId(slot) != orderId))
        {
            return OrderStore.NULL;
        }
        return slot;
    }

    void onReplace(final ReplaceCommandDecoder cmd)
    {
        final int clOrdIdAt = cmd.offset() + ReplaceCommandDecoder.clOrdIdEncodingOffset();
        final DirectBuffer b = cmd.buffer();
        final int p = state.participantOf(b, cmd.offset() + ReplaceCommandDecoder.participantIdEncodingOffset());
        int slot = OrderStore.NULL;
        RejectReason reason = null;
        if (!isValidClOrdId(b, clOrdIdAt))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else
        {
            slot = findOrder(p, b, cmd.offset() + ReplaceCommandDecoder.origClOrdIdEncodingOffset(), cmd.orderId());
            if (slot == OrderStore.NULL)
            {
                reason = RejectReason.UNKNOWN_ORDER;
            }
            else
            {
                reason = gates.checkReplace(cmd, p, slot);
            }
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.REPLACE, reason, p, b, clOrdIdAt, cmd.orderId());
            return;
        }

        final Product product = products[orders.product(slot)];
        final long newPrice = cmd.priceFen();
        final long newQty = cmd.qty();
        final long oldPrice = orders.priceFen(slot);
        final long oldLeaves = orders.leavesQty(slot);
        final long cum = orders.cumQty(slot);
        if (newQty <= cum)
        {
            final long leaves = orders.leavesQty(slot);
            restingOrders.removeFromBook(product, slot);
            final long releasedFen = restingOrders.releaseReservation(slot, oldPrice, leaves);
            events.order(MessageType.ORDER_CANCELLED, orders, slot, b, clOrdIdAt, true,
                CancelReason.REPLACED_TO_FILLED, false, leaves, releasedFen);
            orders.free(slot);
            return;
        }
        final long newLeaves = newQty - cum;
        final boolean keepsPriority = newPrice == oldPrice && newQty <= orders.orderQty(slot);
        final int level = orders.level(slot);
        if (keepsPriority)
        {
            levels.reduce(level, oldLeaves - newLeaves);
        }
        else
        {
            restingOrders.removeFromLevel(product, slot);
        }
        final long reservedFen = adjustReservation(slot, oldPrice, oldLeaves, newPrice, newLeaves);
        orders.priceFen(slot, newPrice);
        orders.orderQty(slot, newQty);
        // the event names the clOrdId the order had, also when the request named it by exchange id only
        final long previous0 = orders.clOrdIdWord(slot, 0);
        final long previous1 = orders.clOrdIdWord(slot, 1);
        final long previous2 = orders.clOrdIdWord(slot, 2);
        orders.changeClOrdId(slot, b, clOrdIdAt);
        events.replaced(orders, slot, previous0, previous1, previous2, keepsPriority, reservedFen);
        if (!keepsPriority)
        {
            if (crosses(product, orders.side(slot), newPrice))
            {
                matching.executeAndRest(product, slot, newPrice, false, true);
            }
            else
            {
                // a live order is a resting one (limit, and a time in force that rests): reaching
                // nothing, it goes straight back on the book, at the end of its new level
                restingOrders.rest(product, slot, true);
            }
        }
    }

    /** Moves a replaced order's reservation to its new price and quantity; returns a buy's new reservation (0 for a sell). */
    private long adjustReservation(
        final int slot, final long oldPrice, final long oldLeaves, final long newPrice, final long newLeaves)
    {
        final int p = orders.participant(slot);
        if (orders.side(slot) == Side.BUY)
        {
            final int bps = orders.feeBps(slot);
            final long reservedFen = reserveFen(newPrice, newLeaves, bps);
            participants.release(p, reserveFen(oldPrice, oldLeaves, bps));
            participants.reserve(p, reservedFen);
            if (orders.crossBorder(slot))
            {
                final Product product = products[orders.product(slot)];
                crossBorder.release(product.owner, recordsOf(product, oldLeaves / product.lotQty));
                crossBorder.reserve(product.owner, recordsOf(product, newLeaves / product.lotQty));
            }
            return reservedFen;
        }
        final int pos = orders.position(slot);
        positions.release(pos, oldLeaves);
        positions.reserve(pos, newLeaves);
        return 0;
    }

    void onMassCancel(final MassCancelCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = participantIndex.get(b, cmd.offset() + MassCancelCommandDecoder.participantIdEncodingOffset());
        final boolean allProducts = b.getByte(cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset()) == 0;
        final int productFilter = allProducts ? -1 : productIndex.get(b, cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset());
        final byte side = cmd.side();
        RejectReason reason = null;
        if (!isValidClOrdId(b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!allProducts && productFilter < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (side != -1 && side != Side.BUY && side != Side.SELL)
        {
            reason = RejectReason.INVALID_SIDE;
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.MASS_CANCEL, reason, p, b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset(), 0,
                allProducts ? null : b, cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset());
            return;
        }
        int cancelled = 0;
        int o = participants.ordersHead(p);
        while (o != OrderStore.NULL && cancelled < ctx.fanOutEventsMax())
        {
            final int next = orders.ownerNext(o);
            if ((productFilter < 0 || orders.product(o) == productFilter) && (side == -1 || orders.side(o) == side))
            {
                restingOrders.cancelResting(products[orders.product(o)], o, CancelReason.MASS_CANCEL, MessageType.ORDER_CANCELLED,
                    b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset());
                cancelled++;
            }
            o = next;
        }
        final MassCancelledEventEncoder e = massCancelledEvent;
        Codecs.encode(e, events.buffer(), events.end(), state.sessionId);
        e.participant(p).product(productFilter).cancelledCount(cancelled).side(side);
        events.buffer().putBytes(e.offset() + MassCancelledEventEncoder.clOrdIdEncodingOffset(), b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset(), AsciiFields.CLORDID_LENGTH);
        events.commit(e);
    }
}
