package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.ref.Directory;
import org.agrona.DirectBuffer;

/**
 * Every detector over the journal, as a pure function of the records applied: no clock, no
 * randomness, no output but the alerts it returns. Each record's events go, in order, to the
 * directory, the recent trades and orders, then the detectors; {@link #apply} returns the alerts
 * the record raised, numbered after the previous ones. Its whole state round-trips through
 * {@link #writeSnapshot}/{@link #readSnapshot}, so a stage restored from a checkpoint raises
 * exactly what an uninterrupted one would.
 */
public final class SurveillanceEngine
{
    private static final int SNAPSHOT_VERSION = 1;

    private final Directory directory;
    private final RecentTrades trades;
    private final RecentOrders orders;
    private final AlertRaiser raiser;
    private final AlertThrottle throttle;
    private final WashTradeDetector wash;
    private final CircularTradeDetector circle;
    private final SpoofingDetector spoofing;
    private final RampingDetector ramping;
    private final PriceDeviationDetector deviation;
    private final ConcentrationDetector concentration;
    private final RefusalDetector refusals;

    private final OrderEventDecoder orderEvent = new OrderEventDecoder();
    private final TradeEventDecoder tradeEvent = new TradeEventDecoder();
    private final RejectedEventDecoder rejectedEvent = new RejectedEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private JournalRecord record;
    private long lastSeq;

    public SurveillanceEngine(final SurveillanceContext ctx)
    {
        if (!ctx.isConcluded())
        {
            throw new IllegalStateException("conclude() the surveillance context first");
        }
        final int participantsMax = ctx.intValue(SurveillanceSetting.PARTICIPANTS_MAX);
        final int productsMax = ctx.intValue(SurveillanceSetting.PRODUCTS_MAX);
        directory = new Directory(participantsMax, productsMax);
        trades = new RecentTrades(ctx.intValue(SurveillanceSetting.RECENT_TRADES_MAX), participantsMax, productsMax);
        orders = new RecentOrders(ctx.intValue(SurveillanceSetting.RECENT_ORDERS_MAX));
        raiser = new AlertRaiser(directory, trades, orders);
        throttle = new AlertThrottle(ctx.nanos(SurveillanceSetting.ALERT_COOLDOWN_MS));
        final Detection detection = new Detection(ctx, directory, trades, raiser, throttle);
        wash = new WashTradeDetector(detection);
        circle = new CircularTradeDetector(detection);
        spoofing = new SpoofingDetector(detection);
        ramping = new RampingDetector(detection);
        deviation = new PriceDeviationDetector(detection);
        concentration = new ConcentrationDetector(detection);
        refusals = new RefusalDetector(detection);
    }

    /** Applies one record (the next seq); returns the alerts it raised, in order (often none). */
    public List<Alert> apply(final JournalRecord record)
    {
        final long seq = record.seq();
        assert 0 == lastSeq || seq == lastSeq + 1 : "records out of order: " + seq + " after " + lastSeq;
        this.record = record;
        raiser.record(seq, record.timeNs());
        record.forEachEvent(eventHandler);
        spoofing.onRecordEnd(record.timeNs());
        this.record = null;
        lastSeq = seq;
        return raiser.drain();
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        directory.onEvent(type, buffer, offset);
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
                Codecs.wrap(orderEvent, buffer, offset);
                orders.append(orderEvent.orderId(), record.seq(), record.timeNs(), orderEvent.participant(),
                    orderEvent.product(), orderEvent.side(), orderEvent.priceFen(), orderEvent.orderQty());
                spoofing.onOrderAccepted(directory.checkParticipant(orderEvent.participant()), record.timeNs());
                break;
            case MessageType.ORDER_CANCELLED:
                Codecs.wrap(orderEvent, buffer, offset);
                final byte reason = orderEvent.reason();
                if (Codes.CancelReason.USER == reason || Codes.CancelReason.MASS_CANCEL == reason)
                {
                    spoofing.onCancelledByOwner(orderEvent, record.seq(), record.timeNs());
                }
                break;
            case MessageType.TRADE:
                onTrade(buffer, offset);
                break;
            case MessageType.REJECTED:
                Codecs.wrap(rejectedEvent, buffer, offset);
                refusals.onRejected(rejectedEvent, record);
                break;
            default:
                break;
        }
    }

    private void onTrade(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(tradeEvent, buffer, offset);
        final int product = directory.checkProduct(tradeEvent.product());
        final long n = trades.append(tradeEvent.tradeId(), record.seq(), record.timeNs(), product,
            directory.checkParticipant(tradeEvent.buyer()), directory.checkParticipant(tradeEvent.seller()),
            tradeEvent.aggressorSide(), tradeEvent.priceFen(), tradeEvent.qty(), tradeEvent.buyOrderId(),
            tradeEvent.sellOrderId(), trades.lastPriceFen(product));
        wash.onTrade(n);
        circle.onTrade(n);
        spoofing.onTrade(n);
        ramping.onTrade(n);
        deviation.onTrade(n);
        concentration.onTrade(n);
    }

    /** Participants, products and groups as the journal has defined them so far. */
    public Directory directory()
    {
        return directory;
    }

    /** Alerts raised so far (the last alert's id). */
    public long alertsRaised()
    {
        return raiser.lastId();
    }

    public long lastSeq()
    {
        return lastSeq;
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_VERSION);
        out.writeLong(lastSeq);
        out.writeLong(raiser.lastId());
        directory.writeSnapshot(out);
        trades.writeSnapshot(out);
        orders.writeSnapshot(out);
        throttle.writeSnapshot(out);
        spoofing.writeSnapshot(out);
        deviation.writeSnapshot(out);
        concentration.writeSnapshot(out);
        refusals.writeSnapshot(out);
    }

    /** Restores a fresh engine (nothing applied yet) to a snapshot's state. */
    public void readSnapshot(final DataInput in) throws IOException
    {
        if (0 != lastSeq)
        {
            throw new IllegalStateException("restore into an engine already in use");
        }
        final int version = in.readInt();
        if (SNAPSHOT_VERSION != version)
        {
            throw new IOException("surveillance snapshot version " + version + ", this code reads " + SNAPSHOT_VERSION);
        }
        lastSeq = in.readLong();
        raiser.lastId(in.readLong());
        directory.readSnapshot(in);
        trades.readSnapshot(in);
        orders.readSnapshot(in);
        throttle.readSnapshot(in);
        spoofing.readSnapshot(in);
        deviation.readSnapshot(in);
        concentration.readSnapshot(in);
        refusals.readSnapshot(in);
    }
}
