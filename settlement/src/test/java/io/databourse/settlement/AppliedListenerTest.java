package io.databourse.settlement;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.LedgerStage;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-record hook perf's SettlementBench measures lag with: every stage, every record, in seq order. */
class AppliedListenerTest
{
    @TempDir
    Path dir;

    @Test
    void everyStageReportsEveryRecordInOrderOnce()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.cross(seller, buyer, data, 100, 3);
        }
        // Each stage's thread writes only its own entry (a map per stage, filled before start).
        final Map<String, long[]> lastSeqByStage = new HashMap<>();
        for (final String name : new String[]{LedgerStage.NAME, CertificateStage.NAME, "entitlements",
            "compute", "subsidies", "positions"})
        {
            lastSeqByStage.put(name, new long[]{0, 0});
        }
        final SettlementContext ctx = SettlementTestSupport.ctx(journal, dir.resolve("state"))
            .appliedListener((stageName, seq, timeNs) ->
            {
                final long[] last = lastSeqByStage.get(stageName);
                if (null != last)
                {
                    // seq order with no gap or repeat; count applied
                    last[1] += seq == last[0] + 1 ? 1 : 1_000_000;
                    last[0] = seq;
                }
                assertTrue(timeNs > 0);
            })
            .conclude();
        final SettlementPipeline pipeline = new SettlementPipeline(ctx);
        SettlementPipeline.runBatch(pipeline);
        for (final StageRunner r : pipeline.runners())
        {
            final long[] last = lastSeqByStage.get(r.stage().name());
            if (null != last)
            {
                assertEquals(7, last[0], r.stage().name());
                assertEquals(7, last[1], r.stage().name());
            }
        }
        assertEquals(7, lastSeqByStage.get(LedgerStage.NAME)[0]);
        assertEquals(7, lastSeqByStage.get(CertificateStage.NAME)[0]);
    }
}
