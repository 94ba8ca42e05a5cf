package io.databourse.console.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.RejectedEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.testsupport.JournalFixture;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's order and trade view over a journal written as the matcher writes it: live orders
 * and depth follow acceptances, fills, replaces and cancels; fills feed the last price and VWAP;
 * refusals keep their named reason; a restarted follower rebuilds the same view from the journal.
 */
class ConsoleViewTest
{
    @TempDir
    Path dir;

    private final List<ConsoleView.Changes> changes = new ArrayList<>();

    private ConsoleView follow(final Path journalDir)
    {
        final ConsoleView view = new ConsoleView(64, 64, 1000, 10, 10);
        final JournalFollower follower = new JournalFollower(journalDir, view, changes::add, 3);
        follower.catchUp();
        follower.onClose();
        return view;
    }

    @Test
    void ordersDepthAndFillsFollowTheJournal()
    {
        final Path journalDir = dir.resolve("journal");
        final long buyId;
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            final int p1 = journal.participant("P1");
            final int p2 = journal.participant("P2");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.inventory(p2, data, 100);
            journal.deposit(p1, 1_000_000, 1_000_000, 0);
            buyId = journal.restingBuy(p1, data, 1150, 10);
            final long second = journal.restingBuy(p1, data, 1100, 5);
            journal.sellInto(p2, p1, buyId, data, 1150, 4, 6);
            journal.cross(p2, p1, data, 1200, 2);
            journal.cancelBuy(second, p1, data, 1100, 5);
            journal.usageRejected("U1", "P1", "P1", "DATA1", 5, p1, RejectReason.NO_ENTITLEMENT.code());
        }
        final ConsoleView view = follow(journalDir);
        view.read(() ->
        {
            final ReferenceBook.Participant p1 = view.reference().participant("P1");
            final ReferenceBook.Product data = view.reference().product("DATA1");
            assertNotNull(p1);
            assertEquals(Codes.ProductKind.DATA, data.kind);
            assertEquals(2000, data.bandBps);

            final List<OrderTracker.Order> live = view.orders().liveOrdersOf(p1.index);
            assertEquals(1, live.size(), "the partly filled buy is the only live order");
            assertEquals(buyId, live.get(0).orderId);
            assertEquals(6, live.get(0).leavesQty);
            final OrderTracker.Depth depth = view.orders().depth(data.index);
            assertEquals(6L, depth.bids.get(1150L), "depth = the live buy's open quantity");
            assertNull(depth.bids.get(1100L), "the cancelled buy left the book");
            assertTrue(depth.asks.isEmpty());

            final List<OrderTracker.Order> done = view.orders().doneOrdersOf(p1.index);
            assertEquals(List.of("cancelled", "filled"), done.stream().map(o -> o.state).toList(), "newest first");

            final TradeTape.ProductStats stats = view.trades().stats(data.index);
            assertEquals(1200, stats.lastPriceFen);
            assertEquals(6, stats.volumeQty);
            assertEquals((1150 * 4 + 1200 * 2) / 6, stats.vwapFen());
            assertEquals(2, view.trades().tradesOf(p1.index).size());
            assertEquals(2, view.trades().tradesOf(view.reference().participant("P2").index).size());

            final List<ActivityLog.Refusal> refusals = view.activity().refusalsOf(p1.index);
            assertEquals(1, refusals.size());
            assertEquals("NO_ENTITLEMENT", refusals.get(0).reason());
            assertEquals("usage", refusals.get(0).command());
            return null;
        });
        assertEquals(1, view.refusals(RejectReason.NO_ENTITLEMENT));
        assertTrue(view.commands(MessageType.NEW_ORDER) >= 4);
        assertTrue(view.bytes() > 0);
        assertTrue(changes.stream().anyMatch(c -> c.touches(0)), "batches name the participants they touched");
    }

    @Test
    void aFollowerStartedAgainRebuildsTheSameViewFromTheJournal()
    {
        final Path journalDir = dir.resolve("journal");
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            final int p1 = journal.participant("P1");
            final int p2 = journal.participant("P2");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.inventory(p2, data, 100);
            journal.deposit(p1, 1_000_000, 1_000_000, 0);
            journal.restingBuy(p1, data, 1150, 10);
            journal.cross(p2, p1, data, 1200, 2);
        }
        final ConsoleView first = follow(journalDir);
        final ConsoleView second = follow(journalDir);
        assertEquals(first.lastSeq(), second.lastSeq());
        assertEquals(first.records(), second.records());
        second.read(() ->
        {
            first.read(() ->
            {
                assertEquals(first.orders().liveCount(), second.orders().liveCount());
                assertEquals(first.trades().stats(0).vwapFen(), second.trades().stats(0).vwapFen());
                assertEquals(first.orders().depth(0).bids, second.orders().depth(0).bids);
                return null;
            });
            return null;
        });
    }

    @Test
    void aRecordTheViewCannotApplyStopsTheFollowerLoudly()
    {
        final Path journalDir = dir.resolve("journal");
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            final int p1 = journal.participant("P1");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.deposit(p1, 1_000_000, 1_000_000, 0);
            journal.restingBuy(p1, data, 1150, 1);
            journal.restingBuy(p1, data, 1140, 1);
        }
        final ConsoleView view = new ConsoleView(64, 64, 1, 10, 10);
        final JournalFollower follower = new JournalFollower(journalDir, view, changes::add, 100);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, follower::doWork,
            "a second live order over ordersMax 1");
        assertNotNull(follower.failure());
        assertEquals(0, follower.doWork(), "a failed follower reads no further");
        follower.onClose();
    }

    @Test
    void aRegulatorsRefusedSuspensionIsListedWithItsReasonAndTellsTheRegulatorsPages()
    {
        final Path journalDir = dir.resolve("journal");
        final long seq;
        final int p1;
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            p1 = journal.participant("P1");
            journal.participant("REG1", Codes.Role.REGULATOR, false);
            seq = journal.seq() + 1;
        }
        // the matcher's answer to a suspension it refuses: the command, one rejected event, nothing else
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer())
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[256]);
            final ParticipantCommandEncoder suspend = new ParticipantCommandEncoder();
            Codecs.encode(suspend, command, 0, SESSION_ID);
            suspend.participantId("P1");
            suspend.status(Codes.ParticipantStatus.SUSPENDED);
            suspend.actor("REG1");
            final UnsafeBuffer events = new UnsafeBuffer(new byte[256]);
            final RejectedEventEncoder rejected = new RejectedEventEncoder();
            Codecs.encode(rejected, events, 0, SESSION_ID);
            rejected.commandType(MessageType.PARTICIPANT);
            rejected.reason(RejectReason.NOT_AUTHORIZED.code());
            rejected.participant(p1);
            writer.append(seq, JournalFixture.T0_NS, command, 0, suspend.encodedLength(), events, 0, rejected.encodedLength(), 1);
        }
        final ConsoleView view = new ConsoleView(64, 64, 1000, 10, 10);
        final JournalFollower follower = new JournalFollower(journalDir, view, changes::add, 1); // a batch a record
        follower.catchUp();
        follower.onClose();
        final List<AdminActions.Action> actions = view.read(() -> view.adminActions().latest());
        assertEquals(1, actions.size(), actions.toString());
        assertEquals("REG1", actions.get(0).actor());
        assertEquals("participant suspended", actions.get(0).action());
        assertEquals("P1", actions.get(0).target());
        assertEquals("NOT_AUTHORIZED", actions.get(0).outcome());
        // a refusal changes no reference data: without its own flag no regulator's page would hear of it
        final ConsoleView.Changes last = changes.get(changes.size() - 1);
        assertTrue(last.adminActions() && !last.referenceData(), last.toString());
    }

    private static final int SESSION_ID = 0x40000001;

    @Test
    void aProductInACallAuctionShowsItsPhaseAndIndicativePriceUntilTheUncross()
    {
        final Path journalDir = dir.resolve("journal");
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            journal.participant("P1");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.auction(data, MessageType.AUCTION_STARTED, 0, 0);
            journal.auction(data, MessageType.AUCTION_INDICATIVE, 1230, 40);
        }
        final ConsoleView during = follow(journalDir);
        during.read(() ->
        {
            final ReferenceBook.Product data = during.reference().product("DATA1");
            assertTrue(data.inAuction);
            assertEquals(1230, data.indicativePriceFen);
            assertEquals(40, data.indicativeVolume);
            return null;
        });
        final Path after = dir.resolve("journal2");
        try (JournalFixture journal = new JournalFixture(after))
        {
            journal.participant("P1");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.auction(data, MessageType.AUCTION_STARTED, 0, 0);
            journal.auction(data, MessageType.AUCTION_INDICATIVE, 1230, 40);
            journal.auction(data, MessageType.AUCTION_UNCROSSED, 1230, 40);
        }
        final ConsoleView view = follow(after);
        view.read(() ->
        {
            final ReferenceBook.Product data = view.reference().product("DATA1");
            assertTrue(!data.inAuction, "continuous after the uncross");
            assertEquals(0, data.indicativePriceFen);
            return null;
        });
    }
}
