package io.databourse.console.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Every participant's orders as the matcher's events describe them: live orders (bounded by
 * {@code ordersMax}, as the matcher's order store is) and the last {@code historyMax} finished
 * orders per participant, plus each product's aggregated book depth built from the live limit
 * orders. Nothing here decides anything: leaves, cumulative quantities and states are copied from
 * the events.
 */
public final class OrderTracker
{
    /** An order's latest state. */
    public static final class Order
    {
        public final long orderId;
        public final int participant;
        public final int product;
        public final byte side;
        public final byte ordType;
        public final byte tif;
        public final int sessionId;
        public final long acceptedNs;
        public String clOrdId;
        public long priceFen;
        public long orderQty;
        public long leavesQty;
        public long cumQty;
        public long cumNotionalFen;
        /** live, filled, cancelled, expired. */
        public String state = "live";
        /** {@link Codes.CancelReason} name when cancelled or expired. */
        public String reason = "";
        public long updatedSeq;
        public long updatedNs;

        Order(final OrderEventDecoder e, final int sessionId, final long seq, final long timeNs)
        {
            orderId = e.orderId();
            participant = e.participant();
            product = e.product();
            side = e.side();
            ordType = e.ordType();
            tif = e.tif();
            this.sessionId = sessionId;
            acceptedNs = timeNs;
            update(e, seq, timeNs);
        }

        void update(final OrderEventDecoder e, final long seq, final long timeNs)
        {
            clOrdId = e.clOrdId();
            priceFen = e.priceFen();
            orderQty = e.orderQty();
            leavesQty = e.leavesQty();
            cumQty = e.cumQty();
            cumNotionalFen = e.cumNotionalFen();
            updatedSeq = seq;
            updatedNs = timeNs;
        }

        public boolean isLive()
        {
            return "live".equals(state);
        }
    }

    /** Aggregated open quantity per price of one product (market orders never rest). */
    public static final class Depth
    {
        /** Best bid first. */
        public final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
        /** Best ask first. */
        public final NavigableMap<Long, Long> asks = new TreeMap<>();
    }

    private final int ordersMax;
    private final int historyMax;
    private final Long2ObjectHashMap<Order> live = new Long2ObjectHashMap<>();
    private final Int2ObjectHashMap<ArrayDeque<Order>> doneByParticipant = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<Depth> depthByProduct = new Int2ObjectHashMap<>();
    private final OrderEventDecoder order = new OrderEventDecoder();

    public OrderTracker(final int ordersMax, final int historyMax)
    {
        this.ordersMax = ordersMax;
        this.historyMax = historyMax;
    }

    /** Applies an order lifecycle event; returns the participant it concerns. */
    int onOrderEvent(final int type, final org.agrona.DirectBuffer buffer, final int offset, final long seq,
        final long timeNs)
    {
        final OrderEventDecoder e = Codecs.wrap(order, buffer, offset);
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            {
                if (live.size() >= ordersMax)
                {
                    // The matcher refuses orders past its own capacity; a console bound below it is a misconfiguration.
                    throw new IllegalStateException("more than " + ordersMax + " live orders: raise the console's ordersMax");
                }
                final Order o = new Order(e, e.header().sessionId(), seq, timeNs);
                live.put(o.orderId, o);
                addDepth(o, o.leavesQty);
                if (0 == o.leavesQty)
                {
                    finish(o, "filled", "");
                }
                return o.participant;
            }
            case MessageType.ORDER_REPLACED:
            {
                final Order o = live.get(e.orderId());
                if (null == o)
                {
                    return e.participant();
                }
                addDepth(o, -o.leavesQty);
                o.update(e, seq, timeNs);
                addDepth(o, o.leavesQty);
                if (0 == o.leavesQty)
                {
                    finish(o, "filled", "");
                }
                return o.participant;
            }
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            {
                final Order o = live.get(e.orderId());
                if (null == o)
                {
                    return e.participant();
                }
                addDepth(o, -o.leavesQty);
                // the order keeps its own clOrdId (the event's is the cancel request's)
                o.updatedSeq = seq;
                o.updatedNs = timeNs;
                o.leavesQty = 0;
                finish(o, MessageType.ORDER_CANCELLED == type ? "cancelled" : "expired",
                    Codes.nameOf(Codes.CancelReason.NAMES, e.reason()));
                return o.participant;
            }
            default:
                throw new IllegalArgumentException("not an order event: " + type);
        }
    }

    /** Applies one side of a fill. */
    void onFill(final TradeEventDecoder t, final boolean buySide, final long seq, final long timeNs)
    {
        final Order o = live.get(buySide ? t.buyOrderId() : t.sellOrderId());
        if (null == o)
        {
            return;
        }
        final long leaves = buySide ? t.buyLeavesQty() : t.sellLeavesQty();
        addDepth(o, leaves - o.leavesQty);
        o.leavesQty = leaves;
        o.cumQty = buySide ? t.buyCumQty() : t.sellCumQty();
        o.cumNotionalFen = buySide ? t.buyCumNotionalFen() : t.sellCumNotionalFen();
        o.updatedSeq = seq;
        o.updatedNs = timeNs;
        assert o.cumQty <= o.orderQty : "filled more than ordered: order " + o.orderId;
        if (0 == leaves)
        {
            finish(o, "filled", "");
        }
    }

    private void finish(final Order o, final String state, final String reason)
    {
        o.state = state;
        o.reason = reason;
        live.remove(o.orderId);
        final ArrayDeque<Order> done = doneByParticipant.computeIfAbsent(o.participant, k -> new ArrayDeque<>());
        if (done.size() == historyMax)
        {
            done.removeFirst();
        }
        done.addLast(o);
    }

    private void addDepth(final Order o, final long qtyDelta)
    {
        if (0 == qtyDelta || Codes.OrdType.LIMIT != o.ordType)
        {
            return;
        }
        final Depth depth = depthByProduct.computeIfAbsent(o.product, k -> new Depth());
        final NavigableMap<Long, Long> side = Codes.Side.BUY == o.side ? depth.bids : depth.asks;
        final long qty = side.getOrDefault(o.priceFen, 0L) + qtyDelta;
        assert qty >= 0 : "negative depth at " + o.priceFen + " for product " + o.product;
        if (0 == qty)
        {
            side.remove(o.priceFen);
        }
        else
        {
            side.put(o.priceFen, qty);
        }
    }

    /** A participant's live orders, oldest first. */
    public List<Order> liveOrdersOf(final int participant)
    {
        final List<Order> list = new ArrayList<>();
        for (final Order o : live.values())
        {
            if (o.participant == participant)
            {
                list.add(o);
            }
        }
        list.sort((a, b) -> Long.compare(a.orderId, b.orderId));
        return list;
    }

    /** A participant's last finished orders, newest first. */
    public List<Order> doneOrdersOf(final int participant)
    {
        final ArrayDeque<Order> done = doneByParticipant.get(participant);
        final List<Order> list = new ArrayList<>();
        if (null != done)
        {
            done.descendingIterator().forEachRemaining(list::add);
        }
        return list;
    }

    /** A live order of the participant by its current clOrdId, or null. */
    public Order liveOrder(final int participant, final String clOrdId)
    {
        for (final Order o : live.values())
        {
            if (o.participant == participant && o.clOrdId.equals(clOrdId))
            {
                return o;
            }
        }
        return null;
    }

    public Order liveOrder(final long orderId)
    {
        return live.get(orderId);
    }

    public int liveCount()
    {
        return live.size();
    }

    /** The product's depth, never null. */
    public Depth depth(final int product)
    {
        final Depth d = depthByProduct.get(product);
        return null == d ? EMPTY : d;
    }

    private static final Depth EMPTY = new Depth();
}
