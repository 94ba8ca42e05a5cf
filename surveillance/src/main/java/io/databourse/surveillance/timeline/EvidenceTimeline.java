package io.databourse.surveillance.timeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.OrderEvidence;
import io.databourse.surveillance.alert.RefusalEvidence;
import io.databourse.surveillance.alert.TradeEvidence;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongHashSet;

/**
 * Looks an alert's evidence up in the journal: seeks to the earliest record the evidence names
 * ({@link JournalReader#seekToSeq}) and reads on to the record that raised the alert, keeping every
 * event of its orders (entered, replaced, cancelled, expired, filled) and trades, and its refused
 * commands. Reads the journal only (any thread, any process); names come from the functions given
 * (the stage's directory, which is safe to read from any thread).
 */
public final class EvidenceTimeline
{
    private final Path journalDir;
    private final IntFunction<String> participantIds;
    private final IntFunction<String> productIds;
    private final long recordsMax;

    public EvidenceTimeline(
        final Path journalDir, final IntFunction<String> participantIds, final IntFunction<String> productIds,
        final long recordsMax)
    {
        this.journalDir = journalDir;
        this.participantIds = participantIds;
        this.productIds = productIds;
        this.recordsMax = recordsMax;
    }

    /** The alert's evidence, as the journal has it. */
    public Timeline of(final Alert alert)
    {
        final Scan scan = new Scan(alert);
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
        {
            if (reader.seekToSeq(scan.fromSeq))
            {
                long records = 0;
                while (!scan.done && records < recordsMax && reader.read((index, record) -> scan.onRecord(record)))
                {
                    records++;
                }
            }
        }
        return new Timeline(alert.id(), scan.entries, !scan.done);
    }

    /** One reading of the journal for one alert. */
    private final class Scan
    {
        final long toSeq;
        final long fromSeq;
        final LongHashSet orders = new LongHashSet();
        final LongHashSet trades = new LongHashSet();
        final LongHashSet refusalSeqs = new LongHashSet();
        final List<TimelineEntry> entries = new ArrayList<>();
        final OrderEventDecoder order = new OrderEventDecoder();
        final TradeEventDecoder trade = new TradeEventDecoder();
        final RejectedEventDecoder rejected = new RejectedEventDecoder();
        boolean done;
        long seq;
        long timeNs;

        Scan(final Alert alert)
        {
            long from = alert.seq();
            for (final TradeEvidence t : alert.trades())
            {
                trades.add(t.tradeId());
                orders.add(t.buyOrderId());
                orders.add(t.sellOrderId());
                from = Math.min(from, t.seq());
            }
            for (final OrderEvidence o : alert.orders())
            {
                orders.add(o.orderId());
                from = Math.min(from, o.seq());
            }
            for (final RefusalEvidence r : alert.refusals())
            {
                refusalSeqs.add(r.seq());
                from = Math.min(from, r.seq());
            }
            this.fromSeq = from;
            this.toSeq = alert.seq();
        }

        void onRecord(final JournalRecord record)
        {
            seq = record.seq();
            if (seq < fromSeq || done)
            {
                return;
            }
            timeNs = record.timeNs();
            record.forEachEvent(this::onEvent);
            done = seq >= toSeq;
        }

        private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
        {
            switch (type)
            {
                case MessageType.ORDER_ACCEPTED:
                case MessageType.ORDER_REPLACED:
                case MessageType.ORDER_CANCELLED:
                case MessageType.ORDER_EXPIRED:
                    Codecs.wrap(order, buffer, offset);
                    if (orders.contains(order.orderId()))
                    {
                        final boolean ended = MessageType.ORDER_CANCELLED == type || MessageType.ORDER_EXPIRED == type;
                        entries.add(new TimelineEntry(seq, timeNs, MessageType.nameOf(type), order.orderId(), 0,
                            productIds.apply(order.product()), participantIds.apply(order.participant()),
                            Codes.nameOf(Codes.Side.NAMES, order.side()), order.priceFen(), order.orderQty(),
                            order.leavesQty(), "", "",
                            ended ? Codes.nameOf(Codes.CancelReason.NAMES, order.reason()) : ""));
                    }
                    break;
                case MessageType.TRADE:
                    Codecs.wrap(trade, buffer, offset);
                    if (trades.contains(trade.tradeId()) || orders.contains(trade.buyOrderId()) ||
                        orders.contains(trade.sellOrderId()))
                    {
                        final boolean buyAggressor = Codes.Side.BUY == trade.aggressorSide();
                        entries.add(new TimelineEntry(seq, timeNs, MessageType.nameOf(type),
                            buyAggressor ? trade.buyOrderId() : trade.sellOrderId(), trade.tradeId(),
                            productIds.apply(trade.product()),
                            participantIds.apply(buyAggressor ? trade.buyer() : trade.seller()),
                            Codes.nameOf(Codes.Side.NAMES, trade.aggressorSide()), trade.priceFen(), trade.qty(), 0,
                            participantIds.apply(trade.buyer()), participantIds.apply(trade.seller()), ""));
                    }
                    break;
                case MessageType.REJECTED:
                    Codecs.wrap(rejected, buffer, offset);
                    if (refusalSeqs.contains(seq))
                    {
                        final RejectReason reason = RejectReason.ofCode(rejected.reason());
                        entries.add(new TimelineEntry(seq, timeNs, MessageType.nameOf(type), rejected.orderId(), 0, "",
                            rejected.participant() >= 0 ? participantIds.apply(rejected.participant()) : "", "", 0, 0, 0,
                            "", "", null == reason ? Integer.toString(rejected.reason()) : reason.name()));
                    }
                    break;
                default:
                    break;
            }
        }
    }
}
