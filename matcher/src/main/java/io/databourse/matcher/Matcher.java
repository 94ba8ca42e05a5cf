package io.databourse.matcher;

import static io.databourse.matcher.OrderGates.crosses;
import static io.databourse.matcher.OrderGates.isValidClOrdId;
import static io.databourse.matcher.Reservations.countsRecords;
import static io.databourse.matcher.Reservations.marketBuyReserveFen;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.money.BasisPoints;
import io.databourse.journal.sbe.DayEndedEventEncoder;
import io.databourse.journal.sbe.EndOfDayCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelledEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.CancelCommand;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Purpose;
import io.databourse.journal.schema.Codes.Rights;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.NewOrderCommand;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.ReplaceCommand;
import io.databourse.journal.schema.TradeEvent;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Entitlements;
import io.databourse.matcher.risk.Positions;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The exchange's state machine: applies one sequenced command at a time, on one thread, and
 * encodes the events it causes. Deterministic by construction: its only inputs are the command
 * bytes and the sequencer's (seq, timeNs); it reads no clock, no random source and never iterates
 * a hash map, so replaying a journal's commands reproduces its events byte for byte.
 * <p>Trading commands are handled here; reference data, cash, inventory, capacity and fees by
 * {@link ReferenceDataHandler}. Every refusal is one {@code REJECTED} event and no state change:
 * all checks run before the first mutation.
 */
public final class Matcher
{
    /** Exchange-wide numeric limits: keep every product of money within a long with headroom. */
    public static final long PRICE_MAX_FEN = 1_000_000_000_000L;
    public static final long QTY_MAX = 1_000_000_000_000L;
    public static final long VALUE_MAX_FEN = 1L << 61;
    /** Personal-information records one order may carry: a million orders of it still fit a long. */
    public static final long RECORDS_ORDER_MAX = 1_000_000_000_000L;
    static final long DAY_NS = 86_400_000_000_000L;

    /** The state every step and handler is given: stores, positions, counters, the event log. */
    final MatcherState state;
    final MatcherContext ctx;
    final Participants participants;
    final AsciiKeyIndex participantIndex;
    final Product[] products;
    final AsciiKeyIndex productIndex;
    final OrderStore orders;
    final LevelStore levels;
    final Positions positions;
    final Entitlements entitlements;
    final CrossBorderQuotas crossBorder;
    final EventLog events;
    final int[] makerFeeBps;
    final int[] takerFeeBps;
    final Actors actors;
    private final OrderGates gates;
    private final RestingOrders restingOrders;
    private final TradeStep tradeStep;
    private final Matching matching;
    private final ReferenceDataHandler referenceData;
    private final AccountsHandler accounts;
    private final ComplianceHandler compliance;
    private final PostTradeHandler postTrade;
    final CallAuction auction;
    /** Resting orders a requalification found failing the gates, cancelled after the walk (control plane). */
    private final org.agrona.collections.IntArrayList requalified = new org.agrona.collections.IntArrayList();
    private final NewOrderCommand newOrder = new NewOrderCommand();
    private final CancelCommand cancel = new CancelCommand();
    private final ReplaceCommand replace = new ReplaceCommand();
    private final MassCancelCommandDecoder massCancel = new MassCancelCommandDecoder();
    private final EndOfDayCommandDecoder endOfDay = new EndOfDayCommandDecoder();
    private final MassCancelledEventEncoder massCancelledEvent = new MassCancelledEventEncoder();
    private final DayEndedEventEncoder dayEndedEvent = new DayEndedEventEncoder();

    /** Compute products by delivery window start: their resting orders expire when the window opens. */
    private final java.util.TreeMap<Long, java.util.List<Product>> windowsByStart = new java.util.TreeMap<>();

    // state of the order being matched (aggressor)
    private long aggressorReservePriceFen;
    private boolean aggressorStopped;

    public Matcher(final MatcherContext ctx)
    {
        state = new MatcherState(ctx);
        this.ctx = ctx;
        participants = state.participants;
        participantIndex = state.participantIndex;
        products = state.products;
        productIndex = state.productIndex;
        orders = state.orders;
        levels = state.levels;
        positions = state.positions;
        entitlements = state.entitlements;
        crossBorder = state.crossBorder;
        events = state.events;
        makerFeeBps = state.makerFeeBps;
        takerFeeBps = state.takerFeeBps;
        actors = state.actors;
        gates = new OrderGates(state);
        restingOrders = new RestingOrders(state);
        tradeStep = new TradeStep(state);
        auction = new CallAuction(state, gates, restingOrders, tradeStep);
        matching = new Matching(state, gates, restingOrders, tradeStep, auction);
        referenceData = new ReferenceDataHandler(state, this);
        accounts = new AccountsHandler(state);
        compliance = new ComplianceHandler(state, this);
        postTrade = new PostTradeHandler(state);
    }

    /**
     * Applies one sequenced command. The events it caused are then in {@link #eventBuffer()}
     * {@code [0, eventsLength())}, valid until the next call.
     */
    public void apply(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        if (seq <= state.lastSeq)
        {
            throw new IllegalStateException("sequence went backwards: " + seq + " after " + state.lastSeq);
        }
        state.lastSeq = seq;
        state.timeNs = timeNs;
        events.reset();
        if (length < RecordHeader.ENCODED_LENGTH || RecordHeader.lengthAt(buffer, offset) != length)
        {
            state.sessionId = length >= RecordHeader.ENCODED_LENGTH ? buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET) : 0;
            events.reject(state.sessionId, length >= 4 ? RecordHeader.typeAt(buffer, offset) : 0,
                RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
            return;
        }
        state.sessionId = buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET);
        if (timeNs >= state.nextTimerNs)
        {
            onTimers();
        }
        final int type = RecordHeader.typeAt(buffer, offset);
        switch (type)
        {
            case MessageType.NEW_ORDER:
                if (isShort(length, NewOrderCommand.BLOCK_LENGTH, type))
                {
                    return;
                }
                matching.onNewOrder((NewOrderCommand)newOrder.wrap(buffer, offset));
                break;
            case MessageType.CANCEL:
                if (isShort(length, CancelCommand.BLOCK_LENGTH, type))
                {
                    return;
                }
                onCancel((CancelCommand)cancel.wrap(buffer, offset));
                break;
            case MessageType.REPLACE:
                if (isShort(length, ReplaceCommand.BLOCK_LENGTH, type))
                {
                    return;
                }
                onReplace((ReplaceCommand)replace.wrap(buffer, offset));
                break;
            case MessageType.MASS_CANCEL:
                if (isShort(length, MassCancelCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                onMassCancel(Codecs.wrap(massCancel, buffer, offset));
                break;
            case MessageType.END_OF_DAY:
                if (isShort(length, EndOfDayCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                onEndOfDay(Codecs.wrap(endOfDay, buffer, offset));
                break;
            case MessageType.USAGE:
            case MessageType.PLEDGE:
            case MessageType.RELEASE:
                postTrade.apply(type, buffer, offset, length);
                break;
            case MessageType.DEPOSIT:
            case MessageType.WITHDRAW:
            case MessageType.INVENTORY:
            case MessageType.CAPACITY:
                accounts.apply(type, buffer, offset, length);
                break;
            case MessageType.REVIEW:
            case MessageType.SPONSOR:
            case MessageType.CROSS_BORDER_FILING:
            case MessageType.CROSS_BORDER_APPROVAL:
                compliance.apply(type, buffer, offset, length);
                break;
            case MessageType.AUCTION:
                auction.apply(buffer, offset, length);
                break;
            default:
                referenceData.apply(type, buffer, offset, length);
                break;
        }
        if (auction.running() > 0)
        {
            auction.publishIndicatives();
        }
    }

    /**
     * What the sequencer's time makes happen before the command stamped with it: compute windows that
     * opened expire their orders, then call auctions whose end time came uncross (so replay does both
     * at the same place).
     */
    private void onTimers()
    {
        if (state.timeNs >= state.nextWindowStartNs())
        {
            expireStartedWindows();
        }
        auction.endDue(state.timeNs);
    }

    /**
     * The participant a trading command names, or -1. The index its session named last is tried first
     * (checked against the id, so the answer is the index's own whatever the guess): one compare
     * instead of a hash and probe on almost every command.
     */
    private int participantOf(final DirectBuffer buffer, final int offset)
    {
        return state.participantOf(buffer, offset);
    }

    private boolean isShort(final int length, final int blockLength, final int type)
    {
        if (length < blockLength)
        {
            events.reject(state.sessionId, type, RejectReason.MALFORMED_COMMAND, -1, null, 0, 0);
            return true;
        }
        return false;
    }

    public DirectBuffer eventBuffer()
    {
        return events.buffer();
    }

    public int eventsLength()
    {
        return events.length();
    }

    public int eventCount()
    {
        return events.count();
    }

    public long lastSeq()
    {
        return state.lastSeq;
    }

    /** Timestamp of the last command applied (the sequencer's clock, never the wall clock). */
    public long lastTimeNs()
    {
        return state.timeNs;
    }

    // ------------------------------------------------------------------------------------------
    // New order
    // ------------------------------------------------------------------------------------------

    // ------------------------------------------------------------------------------------------
    // Matching
    // ------------------------------------------------------------------------------------------

    // ------------------------------------------------------------------------------------------
    // Cancel, replace, mass cancel, end of day
    // ------------------------------------------------------------------------------------------

    private void onCancel(final CancelCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = participantOf(b, cmd.participantIdOffset());
        final RejectReason reason;
        int slot = OrderStore.NULL;
        if (!isValidClOrdId(b, cmd.clOrdIdOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else
        {
            slot = findOrder(p, b, cmd.origClOrdIdOffset(), cmd.orderId());
            reason = slot == OrderStore.NULL ? RejectReason.UNKNOWN_ORDER : null;
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.CANCEL, reason, p, b, cmd.clOrdIdOffset(), cmd.orderId());
            return;
        }
        restingOrders.cancelResting(products[orders.product(slot)], slot, CancelReason.USER, MessageType.ORDER_CANCELLED,
            b, cmd.clOrdIdOffset());
    }

    /**
     * A participant's live order by clOrdId, cross-checked against the exchange id when one is given;
     * by exchange id alone (FIX OrderID without OrigClOrdID) through the participant's own list,
     * so another participant's order is never found.
     */
    private int findOrder(final int p, final DirectBuffer b, final int origClOrdIdOffset, final long orderId)
    {
        if (b.getByte(origClOrdIdOffset) == 0)
        {
            if (orderId <= 0)
            {
                return OrderStore.NULL;
            }
            for (int o = participants.ordersHead(p); o != OrderStore.NULL; o = orders.ownerNext(o))
            {
                if (orders.orderId(o) == orderId)
                {
                    return o;
                }
            }
            return OrderStore.NULL;
        }
        final int slot = orders.findByClOrdId(p, b, origClOrdIdOffset);
        if (slot == OrderStore.NULL || (orderId != 0 && orders.orderId(slot) != orderId))
        {
            return OrderStore.NULL;
        }
        return slot;
    }

    private void onReplace(final ReplaceCommand cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = participantOf(b, cmd.participantIdOffset());
        int slot = OrderStore.NULL;
        RejectReason reason = null;
        if (!isValidClOrdId(b, cmd.clOrdIdOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!participants.isAdmitted(p))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else
        {
            slot = findOrder(p, b, cmd.origClOrdIdOffset(), cmd.orderId());
            if (slot == OrderStore.NULL)
            {
                reason = RejectReason.UNKNOWN_ORDER;
            }
            else
            {
                reason = gates.checkReplace(cmd, p, slot);
            }
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.REPLACE, reason, p, b, cmd.clOrdIdOffset(), cmd.orderId());
            return;
        }

        final Product product = products[orders.product(slot)];
        final long newPrice = cmd.priceFen();
        final long newQty = cmd.qty();
        final long oldPrice = orders.priceFen(slot);
        final long oldLeaves = orders.leavesQty(slot);
        final long cum = orders.cumQty(slot);
        if (newQty <= cum)
        {
            final long leaves = orders.leavesQty(slot);
            restingOrders.removeFromBook(product, slot);
            final long releasedFen = restingOrders.releaseReservation(slot, oldPrice, leaves);
            events.order(MessageType.ORDER_CANCELLED, orders, slot, b, cmd.clOrdIdOffset(), true,
                CancelReason.REPLACED_TO_FILLED, false, leaves, releasedFen);
            orders.free(slot);
            return;
        }
        final long newLeaves = newQty - cum;
        final boolean keepsPriority = newPrice == oldPrice && newQty <= orders.orderQty(slot);
        final int level = orders.level(slot);
        if (keepsPriority)
        {
            levels.reduce(level, oldLeaves - newLeaves);
        }
        else
        {
            restingOrders.removeFromLevel(product, slot);
        }
        final long reservedFen = adjustReservation(slot, oldPrice, oldLeaves, newPrice, newLeaves);
        orders.priceFen(slot, newPrice);
        orders.orderQty(slot, newQty);
        // the event names the clOrdId the order had, also when the request named it by exchange id only
        final long previous0 = orders.clOrdIdWord(slot, 0);
        final long previous1 = orders.clOrdIdWord(slot, 1);
        final long previous2 = orders.clOrdIdWord(slot, 2);
        orders.changeClOrdId(slot, b, cmd.clOrdIdOffset());
        events.replaced(orders, slot, previous0, previous1, previous2, keepsPriority, reservedFen);
        if (!keepsPriority)
        {
            if (crosses(product, orders.side(slot), newPrice))
            {
                matching.executeAndRest(product, slot, newPrice, false, true);
            }
            else
            {
                // a live order is a resting one (limit, and a time in force that rests): reaching
                // nothing, it goes straight back on the book, at the end of its new level
                restingOrders.rest(product, slot, true);
            }
        }
    }

    /** Moves a replaced order's reservation to its new price and quantity; returns a buy's new reservation (0 for a sell). */
    private long adjustReservation(
        final int slot, final long oldPrice, final long oldLeaves, final long newPrice, final long newLeaves)
    {
        final int p = orders.participant(slot);
        if (orders.side(slot) == Side.BUY)
        {
            final int bps = orders.feeBps(slot);
            final long reservedFen = reserveFen(newPrice, newLeaves, bps);
            participants.release(p, reserveFen(oldPrice, oldLeaves, bps));
            participants.reserve(p, reservedFen);
            if (orders.crossBorder(slot))
            {
                final Product product = products[orders.product(slot)];
                crossBorder.release(product.owner, recordsOf(product, oldLeaves / product.lotQty));
                crossBorder.reserve(product.owner, recordsOf(product, newLeaves / product.lotQty));
            }
            return reservedFen;
        }
        final int pos = orders.position(slot);
        positions.release(pos, oldLeaves);
        positions.reserve(pos, newLeaves);
        return 0;
    }

    private void onMassCancel(final MassCancelCommandDecoder cmd)
    {
        final DirectBuffer b = cmd.buffer();
        final int p = participantIndex.get(b, cmd.offset() + MassCancelCommandDecoder.participantIdEncodingOffset());
        final boolean allProducts = b.getByte(cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset()) == 0;
        final int productFilter = allProducts ? -1 : productIndex.get(b, cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset());
        final byte side = cmd.side();
        RejectReason reason = null;
        if (!isValidClOrdId(b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset()))
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (p < 0)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (!allProducts && productFilter < 0)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (side != -1 && side != Side.BUY && side != Side.SELL)
        {
            reason = RejectReason.INVALID_SIDE;
        }
        if (null != reason)
        {
            events.reject(state.sessionId, MessageType.MASS_CANCEL, reason, p, b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset(), 0,
                allProducts ? null : b, cmd.offset() + MassCancelCommandDecoder.productIdEncodingOffset());
            return;
        }
        int cancelled = 0;
        int o = participants.ordersHead(p);
        while (o != OrderStore.NULL && cancelled < ctx.fanOutEventsMax())
        {
            final int next = orders.ownerNext(o);
            if ((productFilter < 0 || orders.product(o) == productFilter) && (side == -1 || orders.side(o) == side))
            {
                restingOrders.cancelResting(products[orders.product(o)], o, CancelReason.MASS_CANCEL, MessageType.ORDER_CANCELLED,
                    b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset());
                cancelled++;
            }
            o = next;
        }
        final MassCancelledEventEncoder e = massCancelledEvent;
        Codecs.encode(e, events.buffer(), events.end(), state.sessionId);
        e.participant(p).product(productFilter).cancelledCount(cancelled).side(side);
        events.buffer().putBytes(e.offset() + MassCancelledEventEncoder.clOrdIdEncodingOffset(), b, cmd.offset() + MassCancelCommandDecoder.clOrdIdEncodingOffset(), AsciiFields.CLORDID_LENGTH);
        events.commit(e);
    }

    private void onEndOfDay(final EndOfDayCommandDecoder cmd)
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
                drainBook(product, CancelReason.DELIVERY_WINDOW_STARTED, MessageType.ORDER_EXPIRED, Integer.MAX_VALUE);
            }
        }
        state.nextWindowStartNs(windowsByStart.isEmpty() ? Long.MAX_VALUE : windowsByStart.firstKey());
    }

    /** Cancels every resting order of a product (suspension, delisting), best levels first, bids then asks. */
    void cancelAllOf(final Product product, final byte reason)
    {
        drainBook(product, reason, MessageType.ORDER_CANCELLED, ctx.fanOutEventsMax());
    }

    /** Takes up to {@code limit} resting orders off a product's book, best levels first, bids then asks. */
    private void drainBook(final Product product, final byte reason, final int eventType, final int limit)
    {
        final int n = drainSide(product, product.bids, reason, eventType, limit);
        drainSide(product, product.asks, reason, eventType, limit - n);
        if (product.inAuction)
        {
            auction.abandon(product, reason, eventType); // no uncross: the product no longer trades
        }
    }

    private int drainSide(final Product product, final BookSide side, final byte reason, final int eventType, final int limit)
    {
        int n = 0;
        while (!side.isEmpty() && n < limit)
        {
            restingOrders.cancelResting(product, levels.head(side.bestLevel()), reason, eventType);
            n++;
        }
        return n;
    }

    RejectReason checkTradable(final Product product)
    {
        return gates.checkTradable(product);
    }

    ReferenceDataHandler referenceData()
    {
        return referenceData;
    }

    /**
     * A participant's qualification, jurisdiction or roles changed: its resting orders that no
     * longer pass the gates of a new order (role, qualification, cross-border) are cancelled, in
     * entry order, reason {@code participant_requalified}.
     */
    void requalifyParticipant(final int p)
    {
        requalified.clear();
        for (int o = participants.ordersHead(p); o != OrderStore.NULL; o = orders.ownerNext(o))
        {
            if (failsGates(o))
            {
                requalified.addInt(o);
            }
        }
        cancelRequalified();
    }

    /**
     * A review raised a product's grade or changed its personal-information flag: its resting orders
     * that no longer pass the gates are cancelled, best levels first, bids then asks, reason
     * {@code participant_requalified}.
     */
    void requalifyProduct(final Product product)
    {
        requalified.clear();
        collectFailing(product, product.bids);
        collectFailing(product, product.asks);
        for (int i = 0; i < product.auction.marketBuyCount(); i++)
        {
            if (failsGates(product.auction.marketBuy(i)))
            {
                requalified.addInt(product.auction.marketBuy(i));
            }
        }
        for (int i = 0; i < product.auction.marketSellCount(); i++)
        {
            if (failsGates(product.auction.marketSell(i)))
            {
                requalified.addInt(product.auction.marketSell(i));
            }
        }
        cancelRequalified();
    }

    private void collectFailing(final Product product, final BookSide side)
    {
        for (int depth = 0; depth < side.size(); depth++)
        {
            for (int o = levels.head(side.levelAt(depth)); o != OrderStore.NULL; o = orders.levelNext(o))
            {
                if (failsGates(o))
                {
                    requalified.addInt(o);
                }
            }
        }
    }

    /**
     * A resting order no longer passes the gates of a new one: role, qualification, cross-border
     * eligibility; or its cross-border standing changed (it reserves records it should not, or
     * should and does not; important data bought from abroad without the product's approval).
     */
    private boolean failsGates(final int o)
    {
        final int p = orders.participant(o);
        final Product product = products[orders.product(o)];
        final byte side = orders.side(o);
        if (null != gates.checkEligible(p, product, side))
        {
            return true;
        }
        final boolean abroad = side == Side.BUY && participants.isCrossBorder(p) && product.kind == ProductKind.DATA;
        return orders.crossBorder(o) != (abroad && countsRecords(product)) ||
            (abroad && product.grade >= Grade.IMPORTANT && !product.crossBorderApproved);
    }

    private void cancelRequalified()
    {
        final int n = Math.min(requalified.size(), ctx.fanOutEventsMax());
        for (int i = 0; i < n; i++)
        {
            final int o = requalified.getInt(i);
            restingOrders.cancelResting(products[orders.product(o)], o, CancelReason.PARTICIPANT_REQUALIFIED, MessageType.ORDER_CANCELLED);
        }
        requalified.clear();
    }

    /** Cancels every resting order of a participant (suspension), in entry order. */
    void cancelAllOf(final int p, final byte reason)
    {
        int n = 0;
        int o = participants.ordersHead(p);
        while (o != OrderStore.NULL && n < ctx.fanOutEventsMax())
        {
            final int next = orders.ownerNext(o);
            restingOrders.cancelResting(products[orders.product(o)], o, reason, MessageType.ORDER_CANCELLED);
            n++;
            o = next;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Snapshots: the matcher's own fields ({@link MatcherSnapshot} writes the stores around them)
    // ------------------------------------------------------------------------------------------

    /**
     * The matcher's own state: counters, money totals, fee rates, the compute windows still to open,
     * exporters' cross-border records, and its handlers' state. Not state: the flyweights, the event
     * buffer, what the last command resolved, and {@code participantBySession} (a guess, checked on
     * every use). A new field is written here and read back in {@link #readSnapshot}.
     */
    void writeSnapshot(final SnapshotWriter out)
    {
        out.putSignedVarLong(state.lastSeq)
            .putSignedVarLong(state.timeNs)
            .putSignedVarLong(state.nextOrderId)
            .putSignedVarLong(state.nextTradeId)
            .putSignedVarLong(state.feeIncomeFen)
            .putSignedVarLong(state.depositsFen)
            .putSignedVarLong(state.withdrawalsFen);
        for (int kind = 0; kind < makerFeeBps.length; kind++)
        {
            out.putVarInt(makerFeeBps[kind]).putVarInt(takerFeeBps[kind]);
        }
        out.putVarLong(windowsByStart.size());
        for (final java.util.Map.Entry<Long, java.util.List<Product>> window : windowsByStart.entrySet())
        {
            out.putSignedVarLong(window.getKey()).putVarLong(window.getValue().size());
            for (final Product product : window.getValue())
            {
                out.putVarInt(product.index);
            }
        }
        crossBorder.writeSnapshot(out, participants.count());
        accounts.writeSnapshot(out);
        postTrade.writeSnapshot(out);
    }

    void readSnapshot(final SnapshotReader in)
    {
        state.lastSeq = in.getSignedVarLong("last seq", 0, Long.MAX_VALUE);
        state.timeNs = in.getSignedVarLong();
        state.nextOrderId = in.getSignedVarLong("next order id", 1, Long.MAX_VALUE);
        state.nextTradeId = in.getSignedVarLong("next trade id", 1, Long.MAX_VALUE);
        state.feeIncomeFen = in.getSignedVarLong();
        state.depositsFen = in.getSignedVarLong();
        state.withdrawalsFen = in.getSignedVarLong();
        for (int kind = 0; kind < makerFeeBps.length; kind++)
        {
            makerFeeBps[kind] = in.getVarInt("maker fee", 0, 10_000);
            takerFeeBps[kind] = in.getVarInt("taker fee", 0, 10_000);
        }
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
        crossBorder.readSnapshot(in, participants.count());
        accounts.readSnapshot(in);
        postTrade.readSnapshot(in);
        auction.rescheduleEnds(); // the products (read before) hold the auctions' phase
    }

    // ------------------------------------------------------------------------------------------
    // Invariants (tests, -ea)
    // ------------------------------------------------------------------------------------------

    /** The book is sorted and not crossed. */
    boolean checkBook(final Product product)
    {
        return restingOrders.checkBook(product);
    }

    /** Sum of all cash (available + reserved) plus fee income equals deposits minus withdrawals. */
    public boolean isCashConserved()
    {
        long total = state.feeIncomeFen;
        for (int p = 0; p < participants.count(); p++)
        {
            if (participants.cashAvailableFen(p) < 0 || participants.cashReservedFen(p) < 0)
            {
                return false;
            }
            total += participants.cashAvailableFen(p) + participants.cashReservedFen(p);
        }
        return total == state.depositsFen - state.withdrawalsFen;
    }

    /** Live orders, for tests and the memory figure. */
    public int liveOrderCount()
    {
        return orders.liveCount();
    }

    /** Products registered so far (tests, tools). */
    public int productsRegistered()
    {
        return productIndex.size();
    }

    /** Participants registered so far (tests, tools). */
    public int participantsRegistered()
    {
        return participants.count();
    }

    public long feeIncomeFen()
    {
        return state.feeIncomeFen;
    }

    /** Read-only views for tests and tools (never used by the matching path). */
    public long cashAvailableFen(final String participantId)
    {
        final int p = participantIndexOf(participantId);
        return p < 0 ? 0 : participants.cashAvailableFen(p);
    }

    public long cashReservedFen(final String participantId)
    {
        final int p = participantIndexOf(participantId);
        return p < 0 ? 0 : participants.cashReservedFen(p);
    }

    public long sellableQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : positions.sellable(positions.find(p, q));
    }

    /** Units of unexpired entitlements (tests, tools). */
    public long entitledUnits(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : entitlements.available(positions.find(p, q), state.timeNs);
    }

    public long pledgedQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : positions.pledged(positions.find(p, q));
    }

    public long boughtQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : positions.bought(positions.find(p, q));
    }

    /** Active pledges by id, sorted (tools: {@link MatcherView}). */
    java.util.SortedMap<String, long[]> pledgesView()
    {
        return postTrade.pledgesView();
    }

    public int participantIndexOf(final String participantId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[AsciiFields.PARTICIPANT_ID_LENGTH]);
        key.putStringWithoutLengthAscii(0, participantId);
        return participantIndex.get(key, 0);
    }

    public int productIndexOf(final String productId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[AsciiFields.PRODUCT_ID_LENGTH]);
        key.putStringWithoutLengthAscii(0, productId);
        return productIndex.get(key, 0);
    }
}
