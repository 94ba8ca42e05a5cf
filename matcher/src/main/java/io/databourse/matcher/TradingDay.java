package io.databourse.matcher;

import io.databourse.journal.sbe.DayEndedEventEncoder;
import io.databourse.journal.sbe.EndOfDayCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * The day and its timers, all on the sequencer's clock so that replay does the same at the same
 * place: an admin's end of day expires DAY orders; a compute product's delivery window opening
 * expires its resting orders; a call auction's end time uncrosses it ({@link CallAuction#endDue}).
 */
final class TradingDay
{
    private final MatcherState state;
    private final RestingOrders restingOrders;
    private final Requalification requalification;
    private final CallAuction auction;
    private final MatcherContext ctx;
    private final Actors actors;
    private final Participants participants;
    private final Product[] products;
    private final AsciiKeyIndex productIndex;
    private final OrderStore orders;
    private final EventLog events;
    private final DayEndedEventEncoder dayEndedEvent = new DayEndedEventEncoder();

    /** Compute products by delivery window start: their resting orders expire when the window opens. */
    private final java.util.TreeMap<Long, java.util.List<Product>> windowsByStart = new java.util.TreeMap<>();

    TradingDay(
        final MatcherState state, final RestingOrders restingOrders, final Requalification requalification,
        final CallAuction auction)
    {
        this.state = state;
        this.restingOrders = restingOrders;
        this.requalification = requalification;
        this.auction = auction;
        ctx = state.ctx;
        actors = state.actors;
        participants = state.participants;
        products = state.products;
        productIndex = state.productIndex;
        orders = state.orders;
        events = state.events;
    }

    /**
     * What the sequencer's time makes happen before the command stamped with it: compute windows that
     * opened expire their orders, then call auctions whose end time came uncross (so replay does both
     * at the same place).
     */
    void onTimers()
    {
        if (state.timeNs >= state.nextWindowStartNs())
        {
            expireStartedWindows();
        }
        auction.endDue(state.timeNs);
    }

    void onEndOfDay(final EndOfDayCommandDecoder cmd)
    {
        final int actor = actors.resolve(cmd.buffer(), cmd.offset() + EndOfDayCommandDecoder.actorEncodingOffset());
        final RejectReason reason = actors.mayAct(actor, Role.ADMIN);
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.END_OF_DAY, reason, Actors.indexOf(actor), null, 0, 0);
            return;
        }
        int expired = 0;
        for (int p = 0; p < participants.count() && expired < ctx.fanOutEventsMax(); p++)
        {
            int o = participants.ordersHead(p);
            while (o != OrderStore.NULL && expired < ctx.fanOutEventsMax())
            {
                final int next = orders.ownerNext(o);
                if (orders.tif(o) == TimeInForce.DAY)
                {
                    restingOrders.cancelResting(products[orders.product(o)], o, CancelReason.END_OF_DAY, MessageType.ORDER_EXPIRED);
                    expired++;
                }
                o = next;
            }
        }
        events.commit(Codecs.encode(dayEndedEvent, events.buffer(), events.end(), state.sessionId).expiredCount(expired));
    }

    /** Registers a compute product's window so that its resting orders expire when it opens. */
    void trackDeliveryWindow(final Product product)
    {
        windowsByStart.computeIfAbsent(product.windowStartNs, k -> new java.util.ArrayList<>()).add(product);
        state.nextWindowStartNs(windowsByStart.firstKey());
    }

    /**
     * Node-hours of a window that has opened can no longer be delivered as traded: the orders still
     * resting on those products expire, as events of the first command sequenced at or after the
     * window start (the sequencer's time, so replay expires them at the same place).
     */
    private void expireStartedWindows()
    {
        while (!windowsByStart.isEmpty() && windowsByStart.firstKey() <= state.timeNs)
        {
            for (final Product product : windowsByStart.pollFirstEntry().getValue())
            {
                // all of them: the window is gone for good, so none may be left behind by a fan-out limit
                requalification.drainBook(product, CancelReason.DELIVERY_WINDOW_STARTED, MessageType.ORDER_EXPIRED, Integer.MAX_VALUE);
                assert product.bids.isEmpty() && product.asks.isEmpty() && !product.inAuction; // nothing left to deliver
            }
        }
        state.nextWindowStartNs(windowsByStart.isEmpty() ? Long.MAX_VALUE : windowsByStart.firstKey());
    }

    /** The compute windows still to open, by start (snapshots, the state hash). */
    void writeSnapshot(final SnapshotWriter out)
    {
        out.putVarLong(windowsByStart.size());
        for (final java.util.Map.Entry<Long, java.util.List<Product>> window : windowsByStart.entrySet())
        {
            out.putSignedVarLong(window.getKey()).putVarLong(window.getValue().size());
            for (final Product product : window.getValue())
            {
                out.putVarInt(product.index);
            }
        }
    }

    void readSnapshot(final SnapshotReader in)
    {
        final int windows = in.getCount("delivery windows", productIndex.size());
        for (int i = 0; i < windows; i++)
        {
            final long start = in.getSignedVarLong();
            final int n = in.getCount("products in a window", productIndex.size());
            final java.util.List<Product> list = new java.util.ArrayList<>(n);
            for (int j = 0; j < n; j++)
            {
                list.add(products[in.getVarInt("window product", 0, productIndex.size() - 1)]);
            }
            windowsByStart.put(start, list);
        }
        state.nextWindowStartNs(windowsByStart.isEmpty() ? Long.MAX_VALUE : windowsByStart.firstKey());
    }
}
