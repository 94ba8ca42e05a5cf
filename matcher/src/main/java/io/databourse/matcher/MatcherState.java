package io.databourse.matcher;

import io.databourse.journal.schema.AsciiFields;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Entitlements;
import io.databourse.matcher.risk.Positions;
import org.agrona.DirectBuffer;

/**
 * The matcher's state, in one owner: the stores and indexes, positions, entitlements, cross-border
 * quotas, fee rates and money totals, the id counters, the timers, and the event log the command
 * being applied writes into. {@link Matcher} creates it and gives it to each step and handler at
 * construction; they change it only while a command is applied, on the matcher's thread.
 * <p>What is snapshot state and what is not is {@link Matcher#writeSnapshot}'s list.
 */
final class MatcherState
{
    final MatcherContext ctx;
    final Participants participants;
    final AsciiKeyIndex participantIndex;
    final Product[] products;
    final AsciiKeyIndex productIndex;
    /** Groups (beneficial owners) by name: a group's index makes its participants' self-trade key. */
    final AsciiKeyIndex groupIndex;
    final OrderStore orders;
    final LevelStore levels;
    final Positions positions;
    final Entitlements entitlements = new Entitlements();
    final CrossBorderQuotas crossBorder;
    final EventLog events = new EventLog();
    final Actors actors;
    final int[] makerFeeBps = new int[3];
    final int[] takerFeeBps = new int[3];
    long feeIncomeFen;
    long depositsFen;
    long withdrawalsFen;
    long nextOrderId = 1;
    long nextTradeId = 1;
    long lastSeq;
    /** The sequencer's time of the command being applied (never the wall clock). */
    long timeNs;
    /** The session of the command being applied: its events go back to it. */
    int sessionId;

    // the two timers: when the next compute delivery window opens, when the next call auction ends
    private long nextWindowStartNs = Long.MAX_VALUE;
    private long nextAuctionEndNs = Long.MAX_VALUE;
    /** The earliest of the next window start and the next auction end: one compare per command. */
    long nextTimerNs = Long.MAX_VALUE;

    // the participant index each session (by its id's low bits) named last: a guess, see participantOf
    private final int[] participantBySession = new int[1024];

    MatcherState(final MatcherContext ctx)
    {
        this.ctx = ctx;
        participants = new Participants(ctx.participantsMax());
        participantIndex = new AsciiKeyIndex(AsciiFields.PARTICIPANT_ID_LENGTH, ctx.participantsMax());
        products = new Product[ctx.productsMax()];
        productIndex = new AsciiKeyIndex(AsciiFields.PRODUCT_ID_LENGTH, ctx.productsMax());
        groupIndex = new AsciiKeyIndex(AsciiFields.PARTICIPANT_ID_LENGTH, ctx.participantsMax());
        orders = new OrderStore(ctx.ordersMax());
        levels = new LevelStore(ctx.levelsMax());
        positions = new Positions(1024);
        crossBorder = new CrossBorderQuotas(ctx.participantsMax());
        actors = new Actors(participantIndex, participants);
    }

    /**
     * The participant a trading command names, or -1. The index its session named last is tried first
     * (checked against the id, so the answer is the index's own whatever the guess): one compare
     * instead of a hash and probe on almost every command.
     */
    int participantOf(final DirectBuffer buffer, final int offset)
    {
        final int s = sessionId & (participantBySession.length - 1);
        final int p = participantIndex.get(buffer, offset, participantBySession[s]);
        participantBySession[s] = p;
        return p;
    }

    /** The next compute delivery window opens at {@code ns} ({@link Long#MAX_VALUE}: none is left). */
    void nextWindowStartNs(final long ns)
    {
        nextWindowStartNs = ns;
        nextTimerNs = Math.min(nextWindowStartNs, nextAuctionEndNs);
    }

    long nextWindowStartNs()
    {
        return nextWindowStartNs;
    }

    /** The next call auction with an end time ends at {@code ns} ({@link Long#MAX_VALUE}: none). */
    void nextAuctionEndNs(final long ns)
    {
        nextAuctionEndNs = ns;
        nextTimerNs = Math.min(nextWindowStartNs, nextAuctionEndNs);
    }
}
