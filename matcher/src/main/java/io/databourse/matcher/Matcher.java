package io.databourse.matcher;

import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.EndOfDayCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The exchange's state machine: applies one sequenced command at a time, on one thread, and
 * encodes the events it causes. Deterministic by construction: its only inputs are the command
 * bytes and the sequencer's (seq, timeNs); it reads no clock, no random source and never iterates
 * a hash map, so replaying a journal's commands reproduces its events byte for byte.
 * <p>This class dispatches each command by type to the step or handler that owns it and wires them
 * to the one {@link MatcherState}: new orders to {@link Matching}, cancels and replaces to
 * {@link Amendments}, the day and its timers to {@link TradingDay}, reference data, accounts,
 * compliance, post-trade and auctions to their handlers (ARCHITECTURE.md, step 5). Every refusal is
 * one {@code REJECTED} event and no state change: all checks run before the first mutation.
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
    private final EventLog events;
    private final RestingOrders restingOrders;
    private final Matching matching;
    private final Amendments amendments;
    private final TradingDay tradingDay;
    private final ReferenceDataHandler referenceData;
    private final AccountsHandler accounts;
    private final ComplianceHandler compliance;
    private final PostTradeHandler postTrade;
    final CallAuction auction;
    private final NewOrderCommandDecoder newOrder = new NewOrderCommandDecoder();
    private final CancelCommandDecoder cancel = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();
    private final MassCancelCommandDecoder massCancel = new MassCancelCommandDecoder();
    private final EndOfDayCommandDecoder endOfDay = new EndOfDayCommandDecoder();

    public Matcher(final MatcherContext ctx)
    {
        state = new MatcherState(ctx);
        events = state.events;
        final OrderGates gates = new OrderGates(state);
        restingOrders = new RestingOrders(state);
        final TradeStep tradeStep = new TradeStep(state);
        auction = new CallAuction(state, gates, restingOrders, tradeStep);
        matching = new Matching(state, gates, restingOrders, tradeStep, auction);
        amendments = new Amendments(state, gates, restingOrders, matching);
        final Requalification requalification = new Requalification(state, gates, restingOrders, auction);
        tradingDay = new TradingDay(state, restingOrders, requalification, auction);
        referenceData = new ReferenceDataHandler(state, auction, requalification, tradingDay);
        accounts = new AccountsHandler(state);
        compliance = new ComplianceHandler(state, referenceData, requalification);
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
            tradingDay.onTimers();
        }
        final int type = RecordHeader.typeAt(buffer, offset);
        switch (type)
        {
            case MessageType.NEW_ORDER:
                if (isShort(length, NewOrderCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                matching.onNewOrder(Codecs.wrap(newOrder, buffer, offset));
                break;
            case MessageType.CANCEL:
                if (isShort(length, CancelCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                amendments.onCancel(Codecs.wrap(cancel, buffer, offset));
                break;
            case MessageType.REPLACE:
                if (isShort(length, ReplaceCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                amendments.onReplace(Codecs.wrap(replace, buffer, offset));
                break;
            case MessageType.MASS_CANCEL:
                if (isShort(length, MassCancelCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                amendments.onMassCancel(Codecs.wrap(massCancel, buffer, offset));
                break;
            case MessageType.END_OF_DAY:
                if (isShort(length, EndOfDayCommandDecoder.BLOCK_LENGTH, type))
                {
                    return;
                }
                tradingDay.onEndOfDay(Codecs.wrap(endOfDay, buffer, offset));
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
        for (int kind = 0; kind < state.makerFeeBps.length; kind++)
        {
            out.putVarInt(state.makerFeeBps[kind]).putVarInt(state.takerFeeBps[kind]);
        }
        tradingDay.writeSnapshot(out);
        state.crossBorder.writeSnapshot(out, state.participants.count());
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
        for (int kind = 0; kind < state.makerFeeBps.length; kind++)
        {
            state.makerFeeBps[kind] = in.getVarInt("maker fee", 0, 10_000);
            state.takerFeeBps[kind] = in.getVarInt("taker fee", 0, 10_000);
        }
        tradingDay.readSnapshot(in);
        state.crossBorder.readSnapshot(in, state.participants.count());
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
        for (int p = 0; p < state.participants.count(); p++)
        {
            if (state.participants.cashAvailableFen(p) < 0 || state.participants.cashReservedFen(p) < 0)
            {
                return false;
            }
            total += state.participants.cashAvailableFen(p) + state.participants.cashReservedFen(p);
        }
        return total == state.depositsFen - state.withdrawalsFen;
    }

    /** Live orders, for tests and the memory figure. */
    public int liveOrderCount()
    {
        return state.orders.liveCount();
    }

    /** Products registered so far (tests, tools). */
    public int productsRegistered()
    {
        return state.productIndex.size();
    }

    /** Participants registered so far (tests, tools). */
    public int participantsRegistered()
    {
        return state.participants.count();
    }

    public long feeIncomeFen()
    {
        return state.feeIncomeFen;
    }

    /** Read-only views for tests and tools (never used by the matching path). */
    public long cashAvailableFen(final String participantId)
    {
        final int p = participantIndexOf(participantId);
        return p < 0 ? 0 : state.participants.cashAvailableFen(p);
    }

    public long cashReservedFen(final String participantId)
    {
        final int p = participantIndexOf(participantId);
        return p < 0 ? 0 : state.participants.cashReservedFen(p);
    }

    public long sellableQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : state.positions.sellable(state.positions.find(p, q));
    }

    /** Units of unexpired entitlements (tests, tools). */
    public long entitledUnits(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : state.entitlements.available(state.positions.find(p, q), state.timeNs);
    }

    public long pledgedQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : state.positions.pledged(state.positions.find(p, q));
    }

    public long boughtQty(final String participantId, final String productId)
    {
        final int p = participantIndexOf(participantId);
        final int q = productIndexOf(productId);
        return p < 0 || q < 0 ? 0 : state.positions.bought(state.positions.find(p, q));
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
        return state.participantIndex.get(key, 0);
    }

    public int productIndexOf(final String productId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[AsciiFields.PRODUCT_ID_LENGTH]);
        key.putStringWithoutLengthAscii(0, productId);
        return state.productIndex.get(key, 0);
    }
}
