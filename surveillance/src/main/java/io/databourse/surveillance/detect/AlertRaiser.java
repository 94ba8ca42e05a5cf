package io.databourse.surveillance.detect;

import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.OrderEvidence;
import io.databourse.surveillance.alert.RefusalEvidence;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.alert.TradeEvidence;
import io.databourse.surveillance.ref.Directory;

/**
 * Turns what a detector found into an {@link Alert}: names participants and products, resolves
 * trade numbers and order ids into evidence, numbers the alert and stamps it with the record that
 * raised it. Alerts of a record wait in {@link #drain()} order (the order detectors raised them).
 * Allocates, but only when something is raised.
 */
public final class AlertRaiser
{
    private final Directory directory;
    private final RecentTrades trades;
    private final RecentOrders orders;
    private final List<Alert> raised = new ArrayList<>();
    private long lastId;
    private long seq;
    private long timeNs;

    public AlertRaiser(final Directory directory, final RecentTrades trades, final RecentOrders orders)
    {
        this.directory = directory;
        this.trades = trades;
        this.orders = orders;
    }

    /** The record now being applied: what its alerts will carry. */
    public void record(final long seq, final long timeNs)
    {
        assert raised.isEmpty() : "alerts of the previous record were not drained";
        this.seq = seq;
        this.timeNs = timeNs;
    }

    public long seq()
    {
        return seq;
    }

    public long timeNs()
    {
        return timeNs;
    }

    public Draft begin(final AlertType type, final Severity severity)
    {
        return new Draft(type, severity);
    }

    /** The alerts raised while applying the current record, in order; clears them. */
    public List<Alert> drain()
    {
        if (raised.isEmpty())
        {
            return List.of(); // the common case: nothing allocated
        }
        final List<Alert> out = List.copyOf(raised);
        raised.clear();
        return out;
    }

    /** Id of the last alert raised: alerts raised so far. */
    public long lastId()
    {
        return lastId;
    }

    public void lastId(final long lastId)
    {
        assert lastId >= 0;
        this.lastId = lastId;
    }

    /** An alert being put together by one detector. */
    public final class Draft
    {
        private final AlertType type;
        private Severity severity;
        private final List<String> participants = new ArrayList<>(4);
        private final List<String> products = new ArrayList<>(2);
        private final List<TradeEvidence> tradeEvidence = new ArrayList<>(4);
        private final List<OrderEvidence> orderEvidence = new ArrayList<>(4);
        private final List<RefusalEvidence> refusalEvidence = new ArrayList<>(0);
        private final List<Long> orderIds = new ArrayList<>(4);

        private Draft(final AlertType type, final Severity severity)
        {
            this.type = type;
            this.severity = severity;
        }

        public Draft severity(final Severity severity)
        {
            this.severity = severity;
            return this;
        }

        public Draft participant(final int participant)
        {
            final String id = directory.participantId(participant);
            if (!participants.contains(id))
            {
                participants.add(id);
            }
            return this;
        }

        public Draft product(final int product)
        {
            final String id = directory.productId(product);
            if (!products.contains(id))
            {
                products.add(id);
            }
            return this;
        }

        /** A held trade (by its number in {@link RecentTrades}), with both its orders when remembered. */
        public Draft trade(final long n)
        {
            final int product = trades.product(n);
            tradeEvidence.add(new TradeEvidence(
                trades.tradeId(n), trades.seq(n), trades.timeNs(n), directory.productId(product),
                directory.participantId(trades.buyer(n)), directory.participantId(trades.seller(n)),
                trades.priceFen(n), trades.qty(n), trades.buyOrderId(n), trades.sellOrderId(n)));
            rememberedOrder(trades.buyOrderId(n));
            rememberedOrder(trades.sellOrderId(n));
            return product(product);
        }

        private void rememberedOrder(final long orderId)
        {
            final long entry = orders.find(orderId);
            if (RecentOrders.NONE != entry)
            {
                order(orderId, orders.participant(entry), orders.product(entry), orders.side(entry),
                    orders.priceFen(entry), orders.qty(entry), orders.seq(entry), orders.timeNs(entry));
            }
        }

        /**
         * An order; when its entry is remembered, the evidence carries the seq and time it was
         * entered, otherwise {@code seenSeq} and {@code seenTimeNs}.
         */
        public Draft order(
            final long orderId, final int participant, final int product, final byte side, final long priceFen,
            final long qty, final long seenSeq, final long seenTimeNs)
        {
            if (orderIds.contains(orderId))
            {
                return this;
            }
            final long entry = orders.find(orderId);
            final long entrySeq = RecentOrders.NONE != entry ? orders.seq(entry) : seenSeq;
            final long entryTimeNs = RecentOrders.NONE != entry ? orders.timeNs(entry) : seenTimeNs;
            orderIds.add(orderId);
            orderEvidence.add(new OrderEvidence(
                orderId, entrySeq, entryTimeNs, directory.participantId(participant), directory.productId(product),
                Codes.nameOf(Codes.Side.NAMES, side), priceFen, qty));
            return this;
        }

        public Draft refusal(final RefusalEvidence refusal)
        {
            refusalEvidence.add(refusal);
            return this;
        }

        /** Numbers the alert and queues it for the stage; {@code text} says in plain words what was seen. */
        public void raise(final String text)
        {
            assert !participants.isEmpty() : type + " alert without a participant";
            lastId++;
            raised.add(new Alert(lastId, type, severity, seq, timeNs, participants, products, tradeEvidence,
                orderEvidence, refusalEvidence, text));
        }
    }
}
