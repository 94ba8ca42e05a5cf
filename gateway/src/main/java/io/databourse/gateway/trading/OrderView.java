package io.databourse.gateway.trading;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.Object2IntHashMap;
import org.agrona.collections.Object2ObjectHashMap;

/**
 * The orders of the participants this gateway serves, as the matcher's events left them: every
 * live order, and the most recent {@code doneOrdersMax} done ones (filled, cancelled, expired), for
 * OrderStatusRequest and for the OrdStatus of cancel rejects. Built from the journal at start and
 * kept up from the egress stream after, so that what a client is told after a restart equals what
 * it was told before. Only the matcher's events change it: the gateway never guesses an order's state.
 * <p>Orders are found by exchange order id, or by (participant, ClOrdID): the one the order was
 * placed with, or its current one (a replace's, a cancel request's; a mass cancel's id is not the
 * order's own and does not become its ClOrdID). A participant is
 * known by the index the matcher gave it, learned from PARTICIPANT_REGISTERED or from the first
 * event of one of its sessions. Done orders beyond the bound are forgotten oldest first: a status
 * request for one of them is answered "unknown order".
 * <p>Confined to the gateway's event thread.
 */
final class OrderView
{
    /** One order as last reported by the matcher. */
    static final class Order
    {
        long orderId;
        int participant;
        int sessionId;
        int product;
        /** The ClOrdID it was placed with. */
        final AsciiId firstClOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
        /** Its ClOrdID now: the last replace's or cancel request's. */
        final AsciiId clOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
        byte side;
        byte ordType;
        byte tif;
        long priceFen;
        long orderQty;
        long leavesQty;
        long cumQty;
        long cumNotionalFen;
        char ordStatus;
        long updatedTimeNs;
        /** Its participant's done ClOrdIDs: where its ids go when it is done (the view's own orders only). */
        DoneClOrdIds doneClOrdIds;

        boolean isDone()
        {
            return OrdStatus.isDone(ordStatus);
        }

        /** A copy for another thread: the view's own orders never leave the event thread. */
        void copyTo(final Order copy)
        {
            copy.orderId = orderId;
            copy.participant = participant;
            copy.sessionId = sessionId;
            copy.product = product;
            copy.firstClOrdId.set(firstClOrdId);
            copy.clOrdId.set(clOrdId);
            copy.side = side;
            copy.ordType = ordType;
            copy.tif = tif;
            copy.priceFen = priceFen;
            copy.orderQty = orderQty;
            copy.leavesQty = leavesQty;
            copy.cumQty = cumQty;
            copy.cumNotionalFen = cumNotionalFen;
            copy.ordStatus = ordStatus;
            copy.updatedTimeNs = updatedTimeNs;
        }
    }

    private final int doneOrdersMax;
    private final Set<String> participantIds;
    private final Int2ObjectHashMap<String> sessionParticipants;
    private final Object2ObjectHashMap<String, DoneClOrdIds> doneClOrdIdsById = new Object2ObjectHashMap<>();
    private final Object2IntHashMap<String> participantIndexById = new Object2IntHashMap<>(-1);
    private final Int2ObjectHashMap<String> participantIdByIndex = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Order> byOrderId = new Long2ObjectHashMap<>();
    /** By hash of (participant, ClOrdID); entries are checked against both. */
    private final Long2ObjectHashMap<Order> byClOrdId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Order> done = new ArrayDeque<>();
    private final ArrayDeque<Order> free = new ArrayDeque<>();
    private final Int2IntHashMap liveBySession = new Int2IntHashMap(0);
    private static final java.util.Comparator<Order> BY_ORDER_ID = java.util.Comparator.comparingLong(o -> o.orderId);
    private final java.util.ArrayList<Order> liveScratch = new java.util.ArrayList<>();
    private long doneForgotten;

    /**
     * @param sessionParticipants the participant id of each exchange session, by session id
     * @param doneOrdersMax       done orders kept for status requests; older ones are forgotten
     */
    OrderView(final Int2ObjectHashMap<String> sessionParticipants, final int doneOrdersMax)
    {
        if (doneOrdersMax < 0)
        {
            throw new IllegalArgumentException("doneOrdersMax must be >= 0: " + doneOrdersMax);
        }
        this.doneOrdersMax = doneOrdersMax;
        this.sessionParticipants = sessionParticipants;
        final Collection<String> ids = sessionParticipants.values();
        this.participantIds = new HashSet<>(ids);
        for (final String id : participantIds)
        {
            doneClOrdIdsById.put(id, new DoneClOrdIds());
        }
    }

    /**
     * The ClOrdIDs of the participant's done orders this view holds, for its sessions to refuse a
     * reuse (read on their threads); null for a participant this gateway does not serve.
     */
    DoneClOrdIds doneClOrdIds(final String participantId)
    {
        return doneClOrdIdsById.get(participantId);
    }

    /** PARTICIPANT_REGISTERED: the index the matcher gave a participant. */
    void onParticipantRegistered(final int index, final String participantId)
    {
        if (index >= 0 && participantIds.contains(participantId))
        {
            learn(index, participantId);
        }
    }

    /** The matcher's index of a participant this gateway serves, or -1 while unknown. */
    int participantIndex(final String participantId)
    {
        return participantIndexById.getValue(participantId);
    }

    private void learn(final int index, final String participantId)
    {
        final String previous = participantIdByIndex.put(index, participantId);
        assert null == previous || previous.equals(participantId) : previous + " and " + participantId + " at " + index;
        participantIndexById.put(participantId, index);
    }

    private boolean isServed(final int participant, final int sessionId)
    {
        if (participantIdByIndex.containsKey(participant))
        {
            return true;
        }
        // Not registered where we saw it (a journal without reference data, a test's matcher): an event of
        // one of our sessions names its participant's index.
        final String id = sessionParticipants.get(sessionId);
        if (null != id && participant >= 0 && participantIndex(id) < 0)
        {
            learn(participant, id);
            return true;
        }
        return false;
    }

    /** ORDER_ACCEPTED, ORDER_REPLACED, ORDER_CANCELLED or ORDER_EXPIRED. */
    void onOrderEvent(final int type, final OrderEventDecoder event, final long timeNs)
    {
        final int participant = event.participant();
        final int sessionId = event.header().sessionId();
        if (!isServed(participant, sessionId))
        {
            return;
        }
        Order order = byOrderId.get(event.orderId());
        if (null == order)
        {
            if (MessageType.ORDER_ACCEPTED != type && MessageType.ORDER_REPLACED != type)
            {
                return; // done before this view began (its bound forgot it): nothing to say
            }
            order = newOrder(event.orderId(), participant, sessionId);
        }
        else if (order.isDone())
        {
            return; // the matcher never changes a done order; an event for it is not ours to apply twice
        }
        final int clOrdIdOffset = event.offset() + OrderEventDecoder.clOrdIdEncodingOffset();
        final int clOrdIdLength = AsciiFields.length(event.buffer(), clOrdIdOffset, OrderEventDecoder.clOrdIdLength());
        if (order.firstClOrdId.isEmpty())
        {
            order.firstClOrdId.set(event.buffer(), clOrdIdOffset, clOrdIdLength);
            byClOrdId.put(key(participant, order.firstClOrdId), order);
        }
        if (isOwnRequest(type, event.reason()))
        {
            if (!order.clOrdId.equalTo(order.firstClOrdId))
            {
                unindex(order, order.clOrdId);
            }
            order.clOrdId.set(event.buffer(), clOrdIdOffset, clOrdIdLength);
            byClOrdId.put(key(participant, order.clOrdId), order);
        }
        order.product = event.product();
        order.side = event.side();
        order.ordType = event.ordType();
        order.tif = event.tif();
        order.priceFen = event.priceFen();
        order.orderQty = event.orderQty();
        order.cumQty = event.cumQty();
        order.cumNotionalFen = event.cumNotionalFen();
        // A cancel's leavesQty is what was open before it: nothing is open after.
        order.leavesQty = MessageType.ORDER_CANCELLED == type || MessageType.ORDER_EXPIRED == type ? 0 : event.leavesQty();
        order.ordStatus = OrdStatus.afterOrderEvent(type, order.leavesQty, order.cumQty);
        order.updatedTimeNs = timeNs;
        if (order.isDone())
        {
            onDone(order);
        }
    }

    /** True when the event's ClOrdID is a request for this order alone, which becomes its ClOrdID. */
    private static boolean isOwnRequest(final int type, final byte cancelReason)
    {
        if (MessageType.ORDER_ACCEPTED == type || MessageType.ORDER_REPLACED == type)
        {
            return true;
        }
        return MessageType.ORDER_CANCELLED == type &&
            (Codes.CancelReason.USER == cancelReason || Codes.CancelReason.REPLACED_TO_FILLED == cancelReason);
    }

    /** Both sides of a TRADE. */
    void onTrade(final TradeEventDecoder trade, final long timeNs)
    {
        onFill(trade.buyOrderId(), trade.buyLeavesQty(), trade.buyCumQty(), trade.buyCumNotionalFen(), timeNs);
        onFill(trade.sellOrderId(), trade.sellLeavesQty(), trade.sellCumQty(), trade.sellCumNotionalFen(), timeNs);
    }

    private void onFill(final long orderId, final long leavesQty, final long cumQty, final long cumNotionalFen,
        final long timeNs)
    {
        final Order order = byOrderId.get(orderId);
        if (null == order || order.isDone())
        {
            return;
        }
        assert cumQty >= order.cumQty : "cumulative quantity went down for order " + orderId;
        order.leavesQty = leavesQty;
        order.cumQty = cumQty;
        order.cumNotionalFen = cumNotionalFen;
        order.ordStatus = OrdStatus.afterFill(leavesQty);
        order.updatedTimeNs = timeNs;
        if (order.isDone())
        {
            onDone(order);
        }
    }

    /** The order with this exchange id if it belongs to the participant, else null. */
    Order byOrderId(final int participant, final long orderId)
    {
        final Order order = byOrderId.get(orderId);
        return null != order && order.participant == participant ? order : null;
    }

    /** The participant's order whose current ClOrdID this is, else null. */
    Order byClOrdId(final int participant, final DirectBuffer buffer, final int offset, final int length)
    {
        final Order order = byClOrdId.get(key(participant, AsciiId.hash(buffer, offset, length)));
        return null != order && order.participant == participant &&
            (order.clOrdId.equalTo(buffer, offset, length) || order.firstClOrdId.equalTo(buffer, offset, length)) ?
            order : null;
    }

    /** The participant's order whose current ClOrdID this is, else null. */
    Order byClOrdId(final int participant, final AsciiId clOrdId)
    {
        final Order order = byClOrdId.get(key(participant, clOrdId));
        return null != order && order.participant == participant &&
            (order.clOrdId.equalTo(clOrdId) || order.firstClOrdId.equalTo(clOrdId)) ? order : null;
    }

    /**
     * Copies the participant's live orders (of one product, or of every one when product is
     * negative), oldest order id first, into {@code copies}, at most {@code max} of them; returns
     * how many it has live in all. Visits every order the view holds: for a client's rare
     * OrderMassStatusRequest, not the trading path.
     */
    int copyLiveOrders(final int participant, final int product, final List<Order> copies, final int max)
    {
        liveScratch.clear();
        for (final Order order : byOrderId.values())
        {
            if (order.participant == participant && !order.isDone() && (product < 0 || order.product == product))
            {
                liveScratch.add(order);
            }
        }
        liveScratch.sort(BY_ORDER_ID);
        final int copied = Math.min(max, liveScratch.size());
        for (int i = 0; i < copied; i++)
        {
            if (copies.size() == i)
            {
                copies.add(new Order());
            }
            liveScratch.get(i).copyTo(copies.get(i));
        }
        final int live = liveScratch.size();
        liveScratch.clear();
        return live;
    }

    /** Live orders placed through this session. */
    int liveOrdersOfSession(final int sessionId)
    {
        return liveBySession.get(sessionId);
    }

    int liveOrders()
    {
        return byOrderId.size() - done.size();
    }

    int doneOrders()
    {
        return done.size();
    }

    /** Done orders forgotten because more than doneOrdersMax were kept. */
    long doneOrdersForgotten()
    {
        return doneForgotten;
    }

    private Order newOrder(final long orderId, final int participant, final int sessionId)
    {
        Order order = free.poll();
        if (null == order)
        {
            order = new Order();
        }
        order.orderId = orderId;
        order.participant = participant;
        order.sessionId = sessionId;
        order.firstClOrdId.clear();
        order.clOrdId.clear();
        final String participantId = participantIdByIndex.get(participant);
        order.doneClOrdIds = null == participantId ? null : doneClOrdIdsById.get(participantId);
        assert null != order.doneClOrdIds : "order " + orderId + " of a participant not served: " + participant;
        byOrderId.put(orderId, order);
        liveBySession.put(sessionId, liveBySession.get(sessionId) + 1);
        return order;
    }

    private void onDone(final Order order)
    {
        final int live = liveBySession.get(order.sessionId) - 1;
        assert live >= 0 : "live orders of session " + order.sessionId;
        if (live == 0)
        {
            liveBySession.remove(order.sessionId);
        }
        else
        {
            liveBySession.put(order.sessionId, live);
        }
        done.addLast(order);
        holdDoneClOrdIds(order, true);
        while (done.size() > doneOrdersMax)
        {
            forget(done.pollFirst());
        }
    }

    private void forget(final Order order)
    {
        assert order.isDone();
        byOrderId.remove(order.orderId);
        unindex(order, order.firstClOrdId);
        unindex(order, order.clOrdId);
        holdDoneClOrdIds(order, false);
        doneForgotten++;
        free.add(order);
    }

    /** Adds (or removes) a done order's ClOrdIDs, the first and the current, to its participant's done ones. */
    private static void holdDoneClOrdIds(final Order order, final boolean add)
    {
        final DoneClOrdIds ids = order.doneClOrdIds;
        if (null == ids)
        {
            return;
        }
        if (!order.firstClOrdId.isEmpty())
        {
            if (add)
            {
                ids.add(order.firstClOrdId);
            }
            else
            {
                ids.remove(order.firstClOrdId);
            }
        }
        if (!order.clOrdId.isEmpty() && !order.clOrdId.equalTo(order.firstClOrdId))
        {
            if (add)
            {
                ids.add(order.clOrdId);
            }
            else
            {
                ids.remove(order.clOrdId);
            }
        }
    }

    private void unindex(final Order order, final AsciiId clOrdId)
    {
        if (clOrdId.isEmpty())
        {
            return;
        }
        final long key = key(order.participant, clOrdId);
        if (byClOrdId.get(key) == order)
        {
            byClOrdId.remove(key);
        }
    }

    private static long key(final int participant, final AsciiId clOrdId)
    {
        return key(participant, clOrdId.hash());
    }

    private static long key(final int participant, final long clOrdIdHash)
    {
        return clOrdIdHash * 31 + participant;
    }
}
