package io.databourse.console.view;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.PledgeEventDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;

import io.databourse.journal.schema.RejectReason;
import org.agrona.DirectBuffer;

/**
 * The console's own order and trade view, fed record by record from the journal by
 * {@link JournalFollower}: reference data, orders, fills, refusals and usage. One writer (the
 * follower's thread) applies a batch of records under the write lock; the HTTP thread renders JSON
 * under the read lock ({@link #read}), so a page always shows one consistent journal prefix.
 * <p>It also counts what it has read (records, bytes, commands by type, refusals by reason) for
 * {@code /metrics}: the journal is the one place every command and its outcome are written.
 */
public final class ConsoleView
{
    /**
     * What a batch of records changed: who to tell. Immutable. {@code adminActions}: a status
     * change asked by an admin or regulator was applied or refused (the regulators' action list).
     */
    public record Changes(long seq, BitSet participants, BitSet products, boolean referenceData, boolean adminActions)
    {
        public boolean touches(final int participant)
        {
            return participant >= 0 && participants.get(participant);
        }
    }

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReferenceBook reference;
    private final OrderTracker orders;
    private final TradeTape trades;
    private final ActivityLog activity;
    private final AdminActions adminActions;
    /** The reason of the current record's REJECTED event, if any. */
    private RejectReason recordRefusal;
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private final AtomicLongArray commandsByType = new AtomicLongArray(128);
    private final AtomicLongArray refusalsByReason = new AtomicLongArray(1000);
    private volatile long lastSeq;
    private volatile long lastTimeNs;
    private volatile long records;
    private volatile long bytes;
    private long seq;
    private long timeNs;
    private BitSet touchedParticipants = new BitSet();
    private BitSet touchedProducts = new BitSet();
    private boolean touchedReference;
    private boolean touchedAdminActions;

    public ConsoleView(final int participantsMax, final int productsMax, final int ordersMax, final int historyMax,
        final int pricePointsMax)
    {
        reference = new ReferenceBook(participantsMax, productsMax);
        orders = new OrderTracker(ordersMax, historyMax);
        trades = new TradeTape(historyMax, pricePointsMax);
        activity = new ActivityLog(historyMax);
        adminActions = new AdminActions(historyMax);
    }

    /** Takes the write lock for a batch of {@link #apply} calls (the follower's thread only). */
    void beginBatch()
    {
        lock.writeLock().lock();
    }

    /** Releases the write lock; returns what the batch changed, or null when it applied nothing. */
    Changes endBatch()
    {
        try
        {
            if (touchedParticipants.isEmpty() && touchedProducts.isEmpty() && !touchedReference && !touchedAdminActions)
            {
                return null;
            }
            final Changes changes = new Changes(seq, touchedParticipants, touchedProducts, touchedReference,
                touchedAdminActions);
            touchedParticipants = new BitSet();
            touchedProducts = new BitSet();
            touchedReference = false;
            touchedAdminActions = false;
            return changes;
        }
        finally
        {
            lock.writeLock().unlock();
        }
    }

    /** Applies one journal record; records must come in seq order, each once. */
    void apply(final JournalRecord record)
    {
        assert lock.isWriteLockedByCurrentThread() : "apply outside a batch";
        final long recordSeq = record.seq();
        if (recordSeq <= seq)
        {
            // the sequencer may journal several records in one excerpt; a re-read excerpt repeats them
            return;
        }
        seq = recordSeq;
        timeNs = record.timeNs();
        final int type = record.commandType();
        if (type >= 0 && type < commandsByType.length())
        {
            commandsByType.incrementAndGet(type);
        }
        recordRefusal = null;
        record.forEachEvent(eventHandler);
        touchedAdminActions |= adminActions.onRecord(record, recordRefusal);
        records++;
        bytes += record.length();
        lastTimeNs = timeNs;
        lastSeq = recordSeq;
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (reference.onEvent(seq, type, buffer, offset))
        {
            touchedReference = true;
            if (MessageType.PRODUCT_REGISTERED == type)
            {
                touchedProducts.set(buffer.getInt(offset + ReferenceDataEventDecoder.productEncodingOffset()));
            }
            else if (MessageType.PRODUCT_STATUS_CHANGED == type)
            {
                touchedProducts.set(buffer.getInt(offset + ProductStatusEventDecoder.productEncodingOffset()));
            }
            else if (MessageType.PRODUCT_REVIEWED == type || MessageType.PRODUCT_SPONSORED == type)
            {
                touchedProducts.set(buffer.getInt(offset + ComplianceEventDecoder.productEncodingOffset()));
            }
            else if (MessageType.AUCTION_STARTED <= type && type <= MessageType.AUCTION_UNCROSSED)
            {
                touchedProducts.set(buffer.getInt(offset + AuctionEventDecoder.productEncodingOffset()));
            }
            else
            {
                touchedParticipants.set(buffer.getInt(offset + ReferenceDataEventDecoder.participantEncodingOffset()));
            }
            return;
        }
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_REPLACED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            {
                final int participant = orders.onOrderEvent(type, buffer, offset, seq, timeNs);
                touchedParticipants.set(participant);
                touchedProducts.set(buffer.getInt(offset + OrderEventDecoder.productEncodingOffset()));
                break;
            }
            case MessageType.TRADE:
            {
                Codecs.wrap(trade, buffer, offset);
                orders.onFill(trade, true, seq, timeNs);
                orders.onFill(trade, false, seq, timeNs);
                trades.onTrade(trade, seq, timeNs);
                touchedParticipants.set(trade.buyer());
                touchedParticipants.set(trade.seller());
                touchedProducts.set(trade.product());
                break;
            }
            case MessageType.REJECTED:
            {
                final ActivityLog.Refusal refusal = activity.onRejected(buffer, offset, seq, timeNs);
                final int participant = buffer.getInt(offset + RejectedEventDecoder.participantEncodingOffset());
                if (participant >= 0)
                {
                    touchedParticipants.set(participant);
                }
                final RejectReason reason = RejectReason.ofCode(
                    buffer.getShort(offset + RejectedEventDecoder.reasonEncodingOffset()) & 0xFFFF);
                if (null != reason)
                {
                    refusalsByReason.incrementAndGet(reason.code());
                }
                recordRefusal = reason;
                assert null != refusal;
                break;
            }
            case MessageType.USAGE_RECORDED:
                touchedParticipants.set(activity.onUsage(buffer, offset, seq, timeNs));
                break;
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
            case MessageType.INVENTORY_ADDED:
            case MessageType.CAPACITY_REGISTERED:
            case MessageType.MASS_CANCELLED:
                // positions change: the positions stage republishes them; tell the participant's pages
                touchedParticipants.set(buffer.getInt(offset + 8));
                break;
            case MessageType.PLEDGE_REGISTERED:
            case MessageType.PLEDGE_RELEASED:
                touchedParticipants.set(buffer.getInt(offset + PledgeEventDecoder.participantEncodingOffset()));
                touchedParticipants.set(buffer.getInt(offset + PledgeEventDecoder.lenderEncodingOffset()));
                break;
            default:
                break;
        }
    }

    /** A fill's certificate, issued by the settlement certificate stage (inside a batch, follower's thread). */
    void onCertificate(final long tradeId, final TradeTape.Certificate certificate)
    {
        assert lock.isWriteLockedByCurrentThread() : "a certificate outside a batch";
        final TradeTape.Trade trade = trades.certify(tradeId, certificate);
        if (null != trade)
        {
            // the two parties' trade lists show it
            touchedParticipants.set(trade.buyer());
            touchedParticipants.set(trade.seller());
        }
    }

    /** Runs {@code reader} under the read lock: every part of the view as of one journal prefix. */
    public <T> T read(final Supplier<T> reader)
    {
        lock.readLock().lock();
        try
        {
            return reader.get();
        }
        finally
        {
            lock.readLock().unlock();
        }
    }

    public ReferenceBook reference()
    {
        return reference;
    }

    public OrderTracker orders()
    {
        return orders;
    }

    public TradeTape trades()
    {
        return trades;
    }

    public ActivityLog activity()
    {
        return activity;
    }

    public AdminActions adminActions()
    {
        return adminActions;
    }

    /** Seq of the last record applied (any thread). */
    public long lastSeq()
    {
        return lastSeq;
    }

    /** Stamped time of the last record applied (any thread). */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /** Records applied since start (any thread). */
    public long records()
    {
        return records;
    }

    /** Bytes of the records applied since start, unpacked (any thread). */
    public long bytes()
    {
        return bytes;
    }

    /** Journaled commands of a {@link MessageType}, since the start of the journal (any thread). */
    public long commands(final int type)
    {
        return type >= 0 && type < commandsByType.length() ? commandsByType.get(type) : 0;
    }

    /** Refusals with a reason code since the start of the journal (any thread). */
    public long refusals(final RejectReason reason)
    {
        return refusalsByReason.get(reason.code());
    }
}
