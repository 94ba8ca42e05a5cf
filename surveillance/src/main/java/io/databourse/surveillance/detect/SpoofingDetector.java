package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.OrderEvent;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.Directory;

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
    private static final int ORDERS = 0;
    private static final int TRADES = 1;

    private final Directory directory;
    private final RecentTrades trades;
    private final AlertRaiser raiser;
    private final BucketedWindow activity;
    private final long cancelWindowNs;
    private final long sizeMultiple;
    private final long ratioMin;
    private final int walkMax;
    private final long ratioWindowMs;
    /** Cancellations of the record being applied that fit the pattern, in event order. */
    private final List<Candidate> candidates = new ArrayList<>();

    SpoofingDetector(
        final SurveillanceContext ctx, final Directory directory, final RecentTrades trades, final AlertRaiser raiser)
    {
        this.directory = directory;
        this.trades = trades;
        this.raiser = raiser;
        this.activity = new BucketedWindow(
            ctx.intValue(SurveillanceSetting.PARTICIPANTS_MAX), 2, ctx.nanos(SurveillanceSetting.SPOOF_RATIO_WINDOW_MS));
        this.cancelWindowNs = ctx.nanos(SurveillanceSetting.SPOOF_CANCEL_WINDOW_MS);
        this.sizeMultiple = ctx.get(SurveillanceSetting.SPOOF_SIZE_MULTIPLE);
        this.ratioMin = ctx.get(SurveillanceSetting.SPOOF_ORDER_TRADE_RATIO_MIN);
        this.walkMax = ctx.intValue(SurveillanceSetting.CHAIN_WALK_MAX);
        this.ratioWindowMs = ctx.get(SurveillanceSetting.SPOOF_RATIO_WINDOW_MS);
    }

    void onOrderAccepted(final int participant, final long timeNs)
    {
        activity.add(participant, timeNs, ORDERS, 1);
    }

    void onTrade(final long n)
    {
        final long timeNs = trades.timeNs(n);
        activity.add(trades.buyer(n), timeNs, TRADES, 1);
        if (trades.seller(n) != trades.buyer(n))
        {
            activity.add(trades.seller(n), timeNs, TRADES, 1);
        }
    }

    /** An order its owner cancelled (user or mass cancel); {@code e} is the ORDER_CANCELLED event. */
    void onCancelledByOwner(final OrderEvent e, final long seq, final long timeNs)
    {
        final int participant = e.participant();
        final int product = e.product();
        final long openQty = e.leavesQty();
        final boolean buy = Codes.Side.BUY == e.side();
        long m = buy ? trades.headOfSeller(product, participant) : trades.headOfBuyer(product, participant);
        for (int walked = 0; RecentTrades.NONE != m && walked < walkMax; walked++)
        {
            if (timeNs - trades.timeNs(m) > cancelWindowNs)
            {
                return;
            }
            // Order ids rise with entry: an order entered before trade m has an id below m's aggressor's.
            final long aggressorOrderId = Math.max(trades.buyOrderId(m), trades.sellOrderId(m));
            if (e.orderId() < aggressorOrderId && openQty >= Math.multiplyExact(sizeMultiple, trades.qty(m)))
            {
                candidates.add(new Candidate(participant, e.orderId(), product, e.side(), e.priceFen(), openQty, m,
                    seq, timeNs));
                return;
            }
            m = buy ? trades.previousOfSeller(m) : trades.previousOfBuyer(m);
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
            if (first.reported || !trades.isHeld(first.trade) ||
                trades.isMarked(first.trade, RecentTrades.MARK_SPOOF_ALERTED))
            {
                continue;
            }
            final long orders = activity.sum(first.participant, timeNs, ORDERS);
            final long fills = Math.max(1, activity.sum(first.participant, timeNs, TRADES));
            if (orders < Math.multiplyExact(ratioMin, fills))
            {
                continue;
            }
            trades.mark(first.trade, RecentTrades.MARK_SPOOF_ALERTED);
            raise(first, orders, fills);
        }
        candidates.clear();
    }

    private void raise(final Candidate first, final long orders, final long fills)
    {
        final AlertRaiser.Draft draft = raiser.begin(AlertType.SPOOFING, Severity.HIGH)
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
        final String text = directory.participantId(first.participant) + " cancelled " + cancelledOrders + " " + side +
            " order" + (1 == cancelledOrders ? "" : "s") + " for " + cancelledQty + " " +
            directory.productId(first.product) + " " + Texts.duration(first.timeNs - trades.timeNs(m)) +
            " after " + (Codes.Side.BUY == first.side ? "selling " : "buying ") + trades.qty(m) + " at " +
            Texts.yuan(trades.priceFen(m)) + " on the other side; it entered " + orders + " orders for " + fills +
            " trade" + (1 == fills ? "" : "s") + " in the last " + Texts.duration(ratioWindowMs * 1_000_000L) +
            ": orders that look placed to move the price, not to trade.";
        draft.raise(text);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        assert candidates.isEmpty() : "snapshot inside a record";
        activity.writeSnapshot(out, directory.participantsMax());
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
