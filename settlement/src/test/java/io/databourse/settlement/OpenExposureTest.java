package io.databourse.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.position.PositionsStage;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The positions view's open buy exposure: a limit buy counts limit x leaves; a market buy queued for
 * a call auction has no limit and counts what the matcher holds reserved for it, as its events say
 * (accepted, then each fill's buyReservedFen), until it ends.
 */
class OpenExposureTest
{
    @TempDir
    Path dir;

    @Test
    void aMarketBuyQueuedForAnAuctionCountsItsReservation() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final long limitExposure = 100 * 10;
        final long queued;
        final long afterFill;
        final long[] seqs = new long[4];
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 0, 0, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 25);
            f.inventory(seller, data, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.auction(data, MessageType.AUCTION_STARTED, 0, 0);
            f.restingBuy(buyer, data, 100, 10);
            seqs[0] = f.seq();
            final long market = f.queuedMarketBuy(buyer, data, 20, 150);
            queued = f.reservedFen(market);
            seqs[1] = f.seq();
            f.sellInto(seller, buyer, market, data, 120, 8, 12); // the uncross fills 8 of its 20 at 1.20
            afterFill = f.reservedFen(market);
            seqs[2] = f.seq();
            f.cancelBuy(market, buyer, data, 0, 12);
            seqs[3] = f.seq();
        }
        assertTrue(queued > 20 * 150 && afterFill > 0 && afterFill < queued, queued + " then " + afterFill);

        final Map<Long, Long> exposureAt = exposures(journal);
        assertEquals(limitExposure, exposureAt.get(seqs[0]), "the limit buy: limit x leaves");
        assertEquals(limitExposure + queued, exposureAt.get(seqs[1]), "the queued market buy: its accepted reservedFen");
        assertEquals(limitExposure + afterFill, exposureAt.get(seqs[2]), "after a fill: the trade's buyReservedFen");
        assertEquals(limitExposure, exposureAt.get(seqs[3]), "cancelled: no longer open");
    }

    /** The buyer's open buy exposure after each record, from a positions stage fed the journal record by record. */
    private Map<Long, Long> exposures(final Path journal) throws Exception
    {
        final Map<Long, Long> exposureAt = new HashMap<>();
        final PositionsStage stage = new PositionsStage(
            SettlementTestSupport.ctx(journal, dir.resolve("state")).conclude());
        java.nio.file.Files.createDirectories(dir.resolve("state"));
        stage.open(dir.resolve("state"), false);
        try (Journal j = Journal.openReadOnly(journal); JournalReader reader = j.reader())
        {
            while (reader.read((index, record) ->
            {
                stage.onRecord(record);
                stage.onBatchApplied();
                final PositionView v = stage.view("B");
                if (null != v)
                {
                    exposureAt.put(record.seq(), v.openBuyExposureFen());
                }
            }))
            {
                // to the end
            }
        }
        finally
        {
            stage.close();
        }
        return exposureAt;
    }
}
