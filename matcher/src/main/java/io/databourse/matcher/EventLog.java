package io.databourse.matcher;

import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.OrderEvent;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.RejectedEvent;
import io.databourse.journal.schema.TradeEvent;
import io.databourse.matcher.book.OrderStore;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The events of the command being applied, encoded back to back into one reused buffer. The buffer
 * grows only when a command causes more events than any before it; steady state allocates nothing.
 */
final class EventLog
{
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
    private final OrderEvent orderEvent = new OrderEvent();
    private final TradeEvent tradeEvent = new TradeEvent();
    private final RejectedEvent rejectedEvent = new RejectedEvent();
    private int length;
    private int count;

    void reset()
    {
        length = 0;
        count = 0;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    int count()
    {
        return count;
    }

    /** Commits a message encoded at the current end (its length is in its header). */
    void commit(final Flyweight event)
    {
        length += event.length();
        count++;
    }

    int end()
    {
        return length;
    }

    void reject(
        final int sessionId, final int commandType, final RejectReason reason, final int participant,
        final DirectBuffer idBuffer, final int idOffset, final long orderId)
    {
        final RejectedEvent e = rejectedEvent;
        e.wrapForEncode(buffer, length, sessionId);
        e.commandType(commandType).reason(reason.code()).participant(participant).orderId(orderId);
        if (null != idBuffer)
        {
            buffer.putBytes(e.clOrdIdOffset(), idBuffer, idOffset, Flyweight.CLORDID_LENGTH);
        }
        commit(e);
    }

    /**
     * An order lifecycle event from the order's current state.
     *
     * @param clOrdIdBuffer where the request's clOrdId sits (null: the order's own)
     * @param origFromOrder whether origClOrdId is the order's own clOrdId (cancel: yes; accept: no)
     */
    void order(
        final int type, final OrderStore orders, final int slot, final DirectBuffer clOrdIdBuffer,
        final int clOrdIdOffset, final boolean origFromOrder, final byte reason, final boolean priorityKept,
        final long leavesQty)
    {
        final OrderEvent e = orderEvent;
        e.wrapForEncode(buffer, length, orders.sessionId(slot), type);
        e.orderId(orders.orderId(slot))
            .participant(orders.participant(slot))
            .product(orders.product(slot))
            .side(orders.side(slot))
            .ordType(orders.ordType(slot))
            .tif(orders.tif(slot))
            .postOnly(orders.postOnly(slot))
            .stp(orders.stp(slot))
            .reason(reason)
            .priorityKept(priorityKept)
            .priceFen(orders.priceFen(slot))
            .orderQty(orders.orderQty(slot))
            .leavesQty(leavesQty)
            .cumQty(orders.cumQty(slot))
            .cumNotionalFen(orders.cumNotionalFen(slot));
        if (null == clOrdIdBuffer)
        {
            orders.putClOrdId(slot, buffer, e.clOrdIdOffset());
        }
        else
        {
            buffer.putBytes(e.clOrdIdOffset(), clOrdIdBuffer, clOrdIdOffset, Flyweight.CLORDID_LENGTH);
        }
        if (origFromOrder)
        {
            orders.putClOrdId(slot, buffer, e.origClOrdIdOffset());
        }
        commit(e);
    }

    /** Replaced: the order already carries its new clOrdId; origClOrdId comes from the request. */
    void replaced(
        final OrderStore orders, final int slot, final DirectBuffer origBuffer, final int origOffset,
        final boolean priorityKept)
    {
        final OrderEvent e = orderEvent;
        order(MessageType.ORDER_REPLACED, orders, slot, null, 0, false, (byte)0, priorityKept, orders.leavesQty(slot));
        buffer.putBytes(e.origClOrdIdOffset(), origBuffer, origOffset, Flyweight.CLORDID_LENGTH);
    }

    TradeEvent trade(final int sessionId)
    {
        tradeEvent.wrapForEncode(buffer, length, sessionId);
        return tradeEvent;
    }

    void commitTrade()
    {
        commit(tradeEvent);
    }
}
