package io.databourse.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live pipeline's certificates are in {@code certificates.jsonl} once their batch is applied,
 * not only at the next checkpoint, which a quiet market may not bring: the web console reads each
 * fill's certificate from that file.
 */
class CertificatesReachTheFileTest
{
    @TempDir
    Path dir;

    @Test
    void aFillsCertificateIsInTheFileWithoutWaitingForACheckpoint() throws IOException, InterruptedException
    {
        final Path journalDir = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journalDir))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            // the first batch is checkpointed at once; none after it for an hour
            try (SettlementPipeline pipeline = new SettlementPipeline(SettlementTestSupport.ctx(journalDir,
                dir.resolve("state")).batch(false).checkpointIntervalMs(3_600_000).conclude()).start())
            {
                final StageRunner certificates = pipeline.runners().stream()
                    .filter(r -> CertificateStage.NAME.equals(r.stage().name())).findFirst().orElseThrow();
                awaitApplied(certificates, f.seq());
                f.cross(seller, buyer, data, 100, 3);
                final long tradeSeq = f.seq();
                final Path file = pipeline.certificates().certificatesFile();
                for (int i = 0; i < 10_000 && Files.size(file) == 0; i++)
                {
                    Thread.sleep(1); // the stage writes the batch out after applying it
                }
                assertTrue(certificates.checkpointedSeq() < tradeSeq, "no checkpoint has written it");
                final List<String> lines = Files.readAllLines(file);
                assertEquals(1, lines.size(), lines.toString());
                assertTrue(lines.get(0).contains("\"seq\":" + tradeSeq), lines.get(0));
            }
        }
    }

    private static void awaitApplied(final StageRunner runner, final long seq) throws InterruptedException
    {
        for (int i = 0; i < 10_000 && runner.appliedSeq() < seq; i++)
        {
            Thread.sleep(1);
        }
        assertEquals(seq, runner.appliedSeq());
    }
}
