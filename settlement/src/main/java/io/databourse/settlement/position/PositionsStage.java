package io.databourse.settlement.position;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.databourse.index.IndexBook;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.PledgeEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.MarkUpdates;
import io.databourse.settlement.RecordEvent;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.ledger.Ledger;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * The live positions view. Runs with its own {@link Ledger} and {@link EntitlementBook} (same code,
 * so the same numbers), plus open-order exposure and pledges, after the index stage on the ring: the
 * product marks it values holdings and pledges at are the index stage's decisions, read from each
 * record's slot and posted here, never derived here (docs/indexes.md). At the end of each batch it
 * publishes an immutable {@link PositionView} per participant whose position changed (all of them
 * when a mark moved); readers on other threads get {@link #view(String)} without locks and always
 * see one consistent seq per participant.
 * <p>Pledge collateral = qty x mark x (1 - haircut), floored to the fen. A pledge's cover is its
 * collateral value at the mark of the record that registered it (what the lender could lend on it);
 * while qty x mark is below the cover, the pledge is in margin call: the stage appends a
 * {@code margin_call} line to {@value #MARGIN_CALLS_FILE} when that starts and a
 * {@code margin_call_cleared} line when it ends (mark recovered, or pledge released).
 */
public final class PositionsStage implements SettlementStage
{
    public static final String NAME = "positions";
    public static final String MARGIN_CALLS_FILE = PledgeBook.MARGIN_CALLS_FILE;
    /** Marks this stage's snapshot format: a checkpoint of an earlier format is refused by name. */
    private static final int SNAPSHOT_FORMAT = 0x504f5333; // "POS3": open orders carry their reservation

    private final ReferenceData ref;
    private final Ledger ledger;
    private final EntitlementBook entitlements;
    /** Open (resting) order id -> what it offers. */
    private final Map<Long, OpenOrder> openOrders = new LinkedHashMap<>();
    /**
     * Per participant: limit x leaves of its open limit buys, plus what the matcher holds reserved for
     * its market buys queued for a call auction (kept incrementally).
     */
    private final long[] buyExposureFen;
    /** (participant << 32 | product) -> units offered on open sell orders. */
    private final Long2LongHashMap sellOpenQty = new Long2LongHashMap(0);
    /** Marks posted from the index stage's decisions (0 and basis none until it decides one). */
    private final long[] markFen;
    private final byte[] markBasis;
    private final PledgeBook pledges;
    private final boolean[] dirty;
    private final SettlementContext ctx;
    private boolean marksMoved;
    private final AtomicReferenceArray<PositionView> views;
    /** Participant id -> role mask, republished (copy on write) when reference data changes. */
    private volatile Map<String, Integer> rolesById = Map.of();
    private boolean participantsChanged;
    private volatile PublishListener publishListener;
    private long seq;
    private long timeNs;
    private JournalRecord record;
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final PledgeEventDecoder pledgeEvent = new PledgeEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;

    public PositionsStage(final SettlementContext ctx)
    {
        this.ctx = ctx;
        ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        ledger = new Ledger(ref, null);
        entitlements = new EntitlementBook(ref, ctx.entitlementsMax());
        buyExposureFen = new long[ctx.participantsMax()];
        markFen = new long[ctx.productsMax()];
        markBasis = new byte[ctx.productsMax()];
        pledges = new PledgeBook(ref, markFen, markBasis);
        dirty = new boolean[ctx.participantsMax()];
        views = new AtomicReferenceArray<>(ctx.participantsMax());
    }

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public void open(final Path stateDir, final boolean restored) throws IOException
    {
        pledges.open(stateDir, ctx.fsync());
        marksMoved = true;
        publish();
    }

    public Path marginCallsFile()
    {
        return ctx.stateDir().resolve(MARGIN_CALLS_FILE);
    }

    /** Lines appended to the margin-call log so far. */
    public long marginCallLines()
    {
        return pledges.lines();
    }

    /**
     * The record's events, then the marks the index stage decided for it (in its slot), then the
     * pledges they concern: a new pledge's cover at the record's marks, margin calls started or ended.
     */
    @Override
    public void onRecordEvent(final RecordEvent event)
    {
        pledges.record(event.seq(), event.record().timeNs());
        onRecord(event.record());
        final MarkUpdates marks = event.marks();
        for (int k = 0; k < marks.count(); k++)
        {
            final int product = marks.product(k);
            markFen[product] = marks.markFen(k);
            markBasis[product] = marks.basis(k);
            marksMoved = true;
        }
        pledges.review(marks);
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        this.record = record;
        seq = record.seq();
        timeNs = record.timeNs();
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        ledger.onEvent(seq, timeNs, type, buffer, offset);
        entitlements.onEvent(record, type, buffer, offset);
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_REPLACED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
                Codecs.wrap(order, buffer, offset);
                // a market order in continuous trading opens and ends within its record; one queued for a
                // call auction stays open until the uncross, a buy counted by what the matcher reserved
                final boolean open = (MessageType.ORDER_ACCEPTED == type || MessageType.ORDER_REPLACED == type) &&
                    order.leavesQty() > 0;
                final OpenOrder previous = openOrders.remove(order.orderId());
                if (null != previous)
                {
                    expose(previous, -1);
                }
                if (open)
                {
                    final OpenOrder o = new OpenOrder(order.participant(), order.product(), order.side(),
                        Codes.OrdType.MARKET == order.ordType(), order.priceFen(), order.leavesQty(), order.reservedFen());
                    openOrders.put(order.orderId(), o);
                    expose(o, 1);
                }
                markDirty(order.participant());
                break;
            case MessageType.TRADE:
                Codecs.wrap(trade, buffer, offset);
                fill(trade.buyOrderId(), trade.buyLeavesQty(), trade.buyReservedFen());
                fill(trade.sellOrderId(), trade.sellLeavesQty(), 0);
                break;
            case MessageType.PLEDGE_REGISTERED:
            case MessageType.PLEDGE_RELEASED:
                Codecs.wrap(pledgeEvent, buffer, offset);
                if (MessageType.PLEDGE_REGISTERED == type)
                {
                    pledges.onRegistered(pledgeEvent.pledgeId(), pledgeEvent.lender(), pledgeEvent.participant(),
                        pledgeEvent.product(), pledgeEvent.qty(), pledgeEvent.haircutBps());
                }
                else
                {
                    pledges.onReleased(pledgeEvent.pledgeId());
                }
                markDirty(pledgeEvent.participant());
                markDirty(pledgeEvent.lender());
                break;
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
                participantsChanged = true;
                markDirty(buffer.getInt(offset + 8));
                break;
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
            case MessageType.INVENTORY_ADDED:
            case MessageType.USAGE_RECORDED:
            case MessageType.CAPACITY_REGISTERED:
                // Participant index is at offset 8 in all of these except usage (participant at 8 too).
                markDirty(buffer.getInt(offset + 8));
                break;
            default:
                break;
        }
    }

    /** A fill of an open order: what is left of it, and (a buy) what the matcher still holds reserved for it. */
    private void fill(final long orderId, final long leavesQty, final long reservedFen)
    {
        final OpenOrder o = openOrders.get(orderId);
        if (null != o)
        {
            expose(o, -1);
            assert leavesQty < o.leavesQty : "a fill that leaves order " + orderId + " no smaller";
            if (leavesQty > 0)
            {
                o.leavesQty = leavesQty;
                o.reservedFen = reservedFen;
                expose(o, 1);
            }
            else
            {
                openOrders.remove(orderId);
            }
            markDirty(o.participant);
        }
    }

    /** Adds (sign 1) or removes (sign -1) an open order's contribution to its owner's exposure. */
    private void expose(final OpenOrder o, final int sign)
    {
        final int p = o.participant;
        if (o.side == Codes.Side.BUY)
        {
            buyExposureFen[p] = Math.addExact(buyExposureFen[p], sign * o.buyExposureFen());
            assert buyExposureFen[p] >= 0 : "negative buy exposure " + buyExposureFen[p];
        }
        else
        {
            final long key = ((long)o.participant << 32) | o.product;
            final long qty = sellOpenQty.get(key) + sign * o.leavesQty;
            assert qty >= 0 : "negative open sell quantity " + qty;
            if (0 == qty)
            {
                sellOpenQty.remove(key);
            }
            else
            {
                sellOpenQty.put(key, qty);
            }
        }
    }

    private void markDirty(final int participant)
    {
        if (participant >= 0 && participant < dirty.length)
        {
            dirty[participant] = true;
        }
    }

    @Override
    public void onBatchApplied()
    {
        publish();
    }

    /**
     * Rebuilds every participant's view as of the last applied record. Only when the stage is not
     * running (after the pipeline stopped): the batch run uses it so that positions.json does not
     * depend on where batches happened to end.
     */
    public void publishAll()
    {
        marksMoved = true;
        publish();
    }

    /** Told on the stage's thread after views were republished, with the seq they are as of. Cheap, never blocks. */
    @FunctionalInterface
    public interface PublishListener
    {
        void onPublished(long seq);
    }

    /**
     * Sets (or with null clears) the listener told after each publication that changed a view: the
     * web console pushes "positions changed" to its pages from here. Any thread, at any time.
     */
    public void publishListener(final PublishListener listener)
    {
        this.publishListener = listener;
    }

    private void publish()
    {
        boolean changed = false;
        if (participantsChanged || rolesById.size() != ref.participantCount())
        {
            final Map<String, Integer> roles = new java.util.HashMap<>();
            for (int p = 0; p < ref.participantCount(); p++)
            {
                roles.put(ref.participantId(p), ref.roles(p));
            }
            rolesById = Map.copyOf(roles);
            participantsChanged = false;
        }
        for (int p = 0; p < ref.participantCount(); p++)
        {
            if (marksMoved || dirty[p] || null == views.get(p))
            {
                views.set(p, build(p));
                dirty[p] = false;
                changed = true;
            }
        }
        marksMoved = false;
        final PublishListener listener = publishListener;
        if (changed && null != listener)
        {
            listener.onPublished(seq);
        }
    }

    /** The latest published view of a participant, or null. Safe from any thread. */
    public PositionView view(final String participantId)
    {
        for (int p = 0; p < views.length(); p++)
        {
            final PositionView v = views.get(p);
            if (null == v)
            {
                return null;
            }
            if (v.participant().equals(participantId))
            {
                return v;
            }
        }
        return null;
    }

    /**
     * The views a requester may see: all of them for a risk officer or a regulator, otherwise only
     * its own; none for an unknown requester. Safe from any thread (what the HTTP endpoint calls
     * after authenticating the requester).
     */
    public List<PositionView> visibleTo(final String requesterId)
    {
        final Integer roles = rolesById.get(requesterId);
        if (null == roles)
        {
            return List.of();
        }
        if (Codes.Role.has(roles, Codes.Role.RISK_OFFICER) || Codes.Role.has(roles, Codes.Role.REGULATOR))
        {
            return views();
        }
        final PositionView own = view(requesterId);
        return null == own ? List.of() : List.of(own);
    }

    /**
     * Whether the journal registers {@code requesterId} as a risk officer or a regulator (who see
     * every participant's position). Safe from any thread; follows role changes in the journal.
     */
    public boolean seesAll(final String requesterId)
    {
        final Integer roles = rolesById.get(requesterId);
        return null != roles &&
            (Codes.Role.has(roles, Codes.Role.RISK_OFFICER) || Codes.Role.has(roles, Codes.Role.REGULATOR));
    }

    /** Every published view, in participant index order. Safe from any thread. */
    public List<PositionView> views()
    {
        final List<PositionView> all = new ArrayList<>();
        for (int p = 0; p < views.length(); p++)
        {
            final PositionView v = views.get(p);
            if (null == v)
            {
                break;
            }
            all.add(v);
        }
        return all;
    }

    /** The product's mark as the index stage decided it (docs/indexes.md), 0 before any. */
    public long markPriceFen(final int product)
    {
        return markFen[product];
    }

    /** How that mark was decided ({@link IndexBook#BASIS_NAMES}). */
    public byte markBasis(final int product)
    {
        return markBasis[product];
    }

    private PositionView build(final int p)
    {
        final List<PositionView.Holding> holdings = new ArrayList<>();
        long mtmFen = Math.addExact(ledger.available(p), ledger.reserved(p));
        for (int i = 0; i < ref.productCount(); i++)
        {
            final long qty = ledger.holding(p, i);
            if (qty != 0)
            {
                final long mark = markFen[i];
                final long valueFen = Math.multiplyExact(qty, mark);
                holdings.add(new PositionView.Holding(ref.productId(i), qty, mark, valueFen));
                mtmFen = Math.addExact(mtmFen, valueFen);
            }
        }
        final List<PositionView.Entitlement> rights = new ArrayList<>();
        for (int i = 0; i < ref.productCount(); i++)
        {
            final long left = entitlements.remainingUnits(p, i, entitlements.lastTimeNs());
            if (left > 0)
            {
                rights.add(new PositionView.Entitlement(ref.productId(i), left,
                    entitlements.nextExpiryNs(p, i, entitlements.lastTimeNs())));
            }
        }
        final List<PositionView.OpenSell> openSells = new ArrayList<>();
        for (int i = 0; i < ref.productCount(); i++)
        {
            final long qty = sellOpenQty.get(((long)p << 32) | i);
            if (qty > 0)
            {
                openSells.add(new PositionView.OpenSell(ref.productId(i), qty));
            }
        }
        return new PositionView(ref.participantId(p), seq, ledger.available(p), ledger.reserved(p), holdings, rights,
            buyExposureFen[p], openSells, pledges.viewsOf(p), pledges.collateralOf(p), mtmFen);
    }

    /** All pledges with their current collateral values (registration order). */
    public List<PositionView.Pledge> pledgeViews()
    {
        return pledges.views();
    }

    @Override
    public void flush() throws IOException
    {
        pledges.flush();
    }

    @Override
    public void checkInvariants()
    {
        ledger.checkInvariants();
        entitlements.checkInvariants();
    }

    /** An open order as the positions view counts it: its owner's open buy value or units offered. */
    private static final class OpenOrder
    {
        final int participant;
        final int product;
        final byte side;
        final boolean market;
        /** A limit order's limit; 0 for a market order. */
        final long priceFen;
        long leavesQty;
        /** A buy's cash the matcher holds reserved for it, from its events; 0 for a sell. */
        long reservedFen;

        OpenOrder(final int participant, final int product, final byte side, final boolean market, final long priceFen,
            final long leavesQty, final long reservedFen)
        {
            assert leavesQty > 0 && (market || priceFen > 0) : "open order of " + leavesQty + " at " + priceFen;
            assert reservedFen >= 0 && (side == Codes.Side.BUY || reservedFen == 0) : "open order reserving " + reservedFen;
            this.participant = participant;
            this.product = product;
            this.side = side;
            this.market = market;
            this.priceFen = priceFen;
            this.leavesQty = leavesQty;
            this.reservedFen = reservedFen;
        }

        /**
         * A limit buy's limit x leaves; a market buy (queued for a call auction, priced only at the
         * uncross) has no limit, so it counts what the matcher reserved for it.
         */
        long buyExposureFen()
        {
            return market ? reservedFen : Math.multiplyExact(priceFen, leavesQty);
        }

        void write(final DataOutput out) throws IOException
        {
            out.writeInt(participant);
            out.writeInt(product);
            out.writeByte(side);
            out.writeBoolean(market);
            out.writeLong(priceFen);
            out.writeLong(leavesQty);
            out.writeLong(reservedFen);
        }

        static OpenOrder read(final DataInput in) throws IOException
        {
            return new OpenOrder(
                in.readInt(), in.readInt(), in.readByte(), in.readBoolean(), in.readLong(), in.readLong(), in.readLong());
        }
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        ref.writeSnapshot(out);
        ledger.writeSnapshot(out);
        entitlements.writeSnapshot(out);
        out.writeInt(openOrders.size());
        for (final Map.Entry<Long, OpenOrder> e : openOrders.entrySet())
        {
            out.writeLong(e.getKey());
            e.getValue().write(out);
        }
        pledges.writeSnapshot(out);
        for (int i = 0; i < ref.productCount(); i++)
        {
            out.writeLong(markFen[i]);
            out.writeByte(markBasis[i]);
        }
        out.writeLong(seq);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("positions checkpoint of an earlier format (0x" + Integer.toHexString(format) +
                "): settle the journal again into a fresh state directory");
        }
        ref.readSnapshot(in);
        ledger.readSnapshot(in);
        entitlements.readSnapshot(in);
        openOrders.clear();
        final int n = in.readInt();
        for (int k = 0; k < n; k++)
        {
            final long id = in.readLong();
            openOrders.put(id, OpenOrder.read(in));
        }
        java.util.Arrays.fill(buyExposureFen, 0);
        sellOpenQty.clear();
        for (final OpenOrder o : openOrders.values())
        {
            expose(o, 1);
        }
        pledges.readSnapshot(in);
        for (int i = 0; i < ref.productCount(); i++)
        {
            markFen[i] = in.readLong();
            markBasis[i] = in.readByte();
        }
        seq = in.readLong();
    }

    @Override
    public void close()
    {
        try
        {
            pledges.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
