package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.schema.Codes;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;

/**
 * Spoofing and layering: a participant's large orders on one side, entered before it traded on
 * the other side and cancelled by it within {@code spoof.cancel.window.ms} of that trade, while
 * its orders per trade over {@code spoof.ratio.window.ms} are at least
 * {@code spoof.order.trade.ratio.min}. "Large": open quantity at least {@code spoof.size.multiple}
 * times the trade's. The cancellations of one record (a mass cancel) make one alert; one alert
 * per genuine trade at most (the trade is marked).
 */
final class SpoofingDetector
{
    private final Detection d;
    private static final int ORDERS = 0;
    private static final int TRADES = 1;

    private final BucketedWindow activity;
    private final long cancelWindowNs;
    private final long sizeMultiple;
    private final long ratioMin;
    private final long ratioWindowMs;
    /** Cancellations of the record being applied that fit the pattern, in event order. */
    private final List<Candidate> candidates = new ArrayList<>();

    SpoofingDetector(final Detection d)
    {
        this.d = d;
        this.activity = new BucketedWindow(
            d.ctx.intValue(SurveillanceSetting.PARTICIPANTS_MAX), 2, d.ctx.nanos(SurveillanceSetting.SPOOF_RATIO_WINDOW_MS));
        this.cancelWindowNs = d.ctx.nanos(SurveillanceSetting.SPOOF_CANCEL_WINDOW_MS);
        this.sizeMultiple = d.ctx.get(SurveillanceSetting.SPOOF_SIZE_MULTIPLE);
        this.ratioMin = d.ctx.get(SurveillanceSetting.SPOOF_ORDER_TRADE_RATIO_MIN);
        this.ratioWindowMs = d.ctx.get(SurveillanceSetting.SPOOF_RATIO_WINDOW_MS);
    }

    void onOrderAccepted(final int participant, final long timeNs)
    {
        activity.add(participant, timeNs, ORDERS, 1);
    }

    void onTrade(final long n)
    {
        final long timeNs = d.trades.timeNs(n);
        activity.add(d.trades.buyer(n), timeNs, TRADES, 1);
        if (d.trades.seller(n) != d.trades.buyer(n))
        {
            activity.add(d.trades.seller(n), timeNs, TRADES, 1);
        }
    }

    /** An order its owner cancelled (user or mass cancel); {@code e} is the ORDER_CANCELLED event. */
    void onCancelledByOwner(final OrderEventDecoder e, final long seq, final long timeNs)
    {
        final int participant = e.participant();
        final int product = e.product();
        final long openQty = e.leavesQty();
        final boolean buy = Codes.Side.BUY == e.side();
        long m = buy ? d.trades.headOfSeller(product, participant) : d.trades.headOfBuyer(product, participant);
        for (int walked = 0; RecentTrades.NONE != m && walked < d.walkMax; walked++)
        {
            if (timeNs - d.trades.timeNs(m) > cancelWindowNs)
            {
                return;
            }
            // Order ids rise with entry: an order entered before trade m has an id below m's aggressor's.
            final long aggressorOrderId = Math.max(d.trades.buyOrderId(m), d.trades.sellOrderId(m));
            if (e.orderId() < aggressorOrderId && openQty >= Math.multiplyExact(sizeMultiple, d.trades.qty(m)))
            {
                candidates.add(new Candidate(participant, e.orderId(), product, e.side(), e.priceFen(), openQty, m,
                    seq, timeNs));
                return;
            }
            m = buy ? d.trades.previousOfSeller(m) : d.trades.previousOfBuyer(m);
        }
    }

    /** After the record's events: one alert per participant whose cancellations fit, if its ratio is high. */
    void onRecordEnd(final long timeNs)
    {
        if (candidates.isEmpty())
        {
            return;
        }
        for (int i = 0; i < candidates.size(); i++)
        {
            final Candidate first = candidates.get(i);
            if (first.reported || !d.trades.isHeld(first.trade) ||
                d.trades.isMarked(first.trade, RecentTrades.MARK_SPOOF_ALERTED))
            {
                continue;
            }
            final long orders = activity.sum(first.participant, timeNs, ORDERS);
            final long fills = Math.max(1, activity.sum(first.participant, timeNs, TRADES));
            if (orders < Math.multiplyExact(ratioMin, fills))
            {
                continue;
            }
            d.trades.mark(first.trade, RecentTrades.MARK_SPOOF_ALERTED);
            raise(first, orders, fills);
        }
        candidates.clear();
    }

    private void raise(final Candidate first, final long orders, final long fills)
    {
        final AlertRaiser.Draft draft = d.raiser.begin(AlertType.SPOOFING, Severity.HIGH)
            .participant(first.participant).trade(first.trade);
        long cancelledQty = 0;
        int cancelledOrders = 0;
        for (final Candidate c : candidates)
        {
            if (c.participant == first.participant && c.trade == first.trade)
            {
                c.reported = true;
                cancelledQty += c.openQty;
                cancelledOrders++;
                draft.order(c.orderId, c.participant, c.product, c.side, c.priceFen, c.openQty, c.seq, c.timeNs);
            }
        }
        final long m = first.trade;
        final String side = Codes.nameOf(Codes.Side.NAMES, first.side);
        final String text = d.directory.participantId(first.participant) + " cancelled " + cancelledOrders + " " + side +
            " order" + (1 == cancelledOrders ? "" : "s") + " for " + cancelledQty + " " +
            d.directory.productId(first.product) + " " + Texts.duration(first.timeNs - d.trades.timeNs(m)) +
            " after " + (Codes.Side.BUY == first.side ? "selling " : "buying ") + d.trades.qty(m) + " at " +
            Texts.yuan(d.trades.priceFen(m)) + " on the other side; it entered " + orders + " orders for " + fills +
            " trade" + (1 == fills ? "" : "s") + " in the last " + Texts.duration(ratioWindowMs * 1_000_000L) +
            ": orders that look placed to move the price, not to trade.";
        draft.raise(text);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        assert candidates.isEmpty() : "snapshot inside a record";
        activity.writeSnapshot(out, d.directory.participantsMax());
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        activity.readSnapshot(in);
    }

    /** A cancelled order that fits the pattern, waiting for the end of its record. */
    private static final class Candidate
    {
        final int participant;
        final long orderId;
        final int product;
        final byte side;
        final long priceFen;
        final long openQty;
        final long trade;
        final long seq;
        final long timeNs;
        boolean reported;

        Candidate(
            final int participant, final long orderId, final int product, final byte side, final long priceFen,
            final long openQty, final long trade, final long seq, final long timeNs)
        {
            this.participant = participant;
            this.orderId = orderId;
            this.product = product;
            this.side = side;
            this.priceFen = priceFen;
            this.openQty = openQty;
            this.trade = trade;
            this.seq = seq;
            this.timeNs = timeNs;
        }
    }
}
