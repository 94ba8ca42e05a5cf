package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.run;
import static io.databourse.settlement.SettlementTestSupport.settle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ledger.CertificateVerifier;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartAndCertificateTest
{
    @TempDir
    Path dir;

    static void setUp(final JournalFixture f)
    {
        for (int i = 0; i < 4; i++)
        {
            f.participant("P" + i);
        }
        f.product("D0", Codes.ProductKind.DATA, 1, 5, 365, Codes.DeliveryMode.API);
        f.fees(Codes.ProductKind.DATA, 5, 20);
        for (int i = 0; i < 4; i++)
        {
            f.deposit(i, 100_000_000, 100_000_000, 0);
            f.inventory(i, 0, 10_000);
        }
    }

    static void trades(final JournalFixture f, final Random random, final int count)
    {
        for (int t = 0; t < count; t++)
        {
            final int buyer = random.nextInt(4);
            final int seller = (buyer + 1 + random.nextInt(3)) % 4;
            f.cross(seller, buyer, 0, 100 + random.nextInt(100), 1 + random.nextInt(5));
        }
    }

    @Test
    void restartMidStreamSettlesEveryFillExactlyOnce() throws Exception
    {
        // Reference: one run over the whole journal.
        final Path whole = dir.resolve("whole");
        try (JournalFixture f = new JournalFixture(whole))
        {
            setUp(f);
            trades(f, new Random(42), 300);
        }
        run(whole, dir.resolve("expected"));

        // Same journal written in three parts with a settlement run after each part.
        final Path growing = dir.resolve("growing");
        final Path out = dir.resolve("actual");
        final Random random = new Random(42);
        final JournalFixture f = new JournalFixture(growing);
        setUp(f);
        trades(f, random, 100);
        run(growing, out);
        final Path ledgerCheckpoint = out.resolve("state").resolve("ledger.checkpoint");
        final Path savedCheckpoint = dir.resolve("ledger.checkpoint.saved");
        Files.copy(ledgerCheckpoint, savedCheckpoint);

        trades(f, random, 100);
        run(growing, out);
        // Crash simulation: the ledger lost its latest checkpoint (it is behind the other stages)
        // and its movements file holds bytes written after the checkpoint it still has.
        Files.copy(savedCheckpoint, ledgerCheckpoint, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(out.resolve("state").resolve("certificates.jsonl"), "{\"torn\":",
            StandardOpenOption.APPEND);

        trades(f, random, 100);
        f.close();
        run(growing, out);

        for (final String file : List.of("balances.json", "certificates.jsonl", "entitlements.json",
            "subsidies.json", "positions.json", "indexes.jsonl", "indexes.json", "statements/P0.csv", "statements/P3.json"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)), Files.readString(out.resolve(file)),
                file);
        }
        assertEquals(300, Files.readAllLines(out.resolve("certificates.jsonl")).size());
        assertTrue(CertificateVerifier.verify(out.resolve("certificates.jsonl")).valid());
    }

    @Test
    void liveRunStoppedAnywhereThenRestartedGivesTheSameResult() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            setUp(f);
            trades(f, new Random(11), 1_500);
        }
        run(journal, dir.resolve("expected"));

        // Stop a live pipeline wherever it happens to be (small ring, so it is mid-stream), then settle the rest.
        final Path out = dir.resolve("actual");
        final SettlementPipeline live = new SettlementPipeline(
            SettlementTestSupport.ctx(journal, out.resolve("state")).batch(false).ringSize(8).checkpointIntervalMs(0)
                .conclude()).start();
        for (int i = 0; i < 5_000 && live.lastPublishedSeq() < 200; i++)
        {
            Thread.sleep(1);
        }
        live.close();
        run(journal, out);

        for (final String file : List.of("balances.json", "certificates.jsonl", "entitlements.json",
            "subsidies.json", "positions.json", "indexes.jsonl", "indexes.json", "statements/P1.csv", "statements/P2.json"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)), Files.readString(out.resolve(file)),
                file);
        }
        assertEquals(1_500, Files.readAllLines(out.resolve("certificates.jsonl")).size());
    }

    @Test
    void stateCopiedWhileRunningLikeACrashResumesExactlyOnce() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            setUp(f);
            trades(f, new Random(13), 1_500);
        }
        run(journal, dir.resolve("expected"));

        // A crash image: whatever is on disk at an arbitrary moment of a live run. Checkpoints are
        // copied before the logs, as a crash would leave them (logs are flushed before checkpoints).
        final Path running = dir.resolve("running");
        final SettlementPipeline live = new SettlementPipeline(
            SettlementTestSupport.ctx(journal, running).batch(false).ringSize(8).checkpointIntervalMs(0)
                .surveillance(new io.databourse.surveillance.SurveillanceContext()
                    .set(io.databourse.surveillance.SurveillanceSetting.CHECKPOINT_INTERVAL_MS, 0))
                .conclude()).start();
        for (int i = 0; i < 5_000 && live.lastPublishedSeq() < 300; i++)
        {
            Thread.sleep(1);
        }
        final Path crashed = dir.resolve("crashed").resolve("state");
        Files.createDirectories(crashed);
        try (var files = Files.list(running))
        {
            for (final Path file : files.sorted((a, b) -> Boolean.compare(
                !a.toString().endsWith(".checkpoint"), !b.toString().endsWith(".checkpoint"))).toList())
            {
                if (Files.isDirectory(file))
                {
                    // a stage's own directory (the surveillance alert queue): after the checkpoints too
                    try (var inner = Files.walk(file))
                    {
                        for (final Path f : inner.sorted().toList())
                        {
                            Files.copy(f, crashed.resolve(running.relativize(f).toString()));
                        }
                    }
                }
                else if (!file.toString().endsWith(".tmp"))
                {
                    Files.copy(file, crashed.resolve(file.getFileName()));
                }
            }
        }
        live.close();

        run(journal, dir.resolve("crashed"));
        for (final String file : List.of("balances.json", "certificates.jsonl", "entitlements.json",
            "subsidies.json", "positions.json", "indexes.jsonl", "indexes.json", "statements/P0.csv", "statements/P1.json"))
        {
            assertEquals(Files.readString(dir.resolve("expected").resolve(file)),
                Files.readString(dir.resolve("crashed").resolve(file)), file);
        }
        assertTrue(CertificateVerifier.verify(dir.resolve("crashed").resolve("certificates.jsonl")).valid());
    }

    @Test
    void runningAgainOverAFinishedJournalChangesNothing() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            setUp(f);
            trades(f, new Random(7), 50);
        }
        run(journal, dir.resolve("out"));
        final String first = Files.readString(dir.resolve("out").resolve("balances.json"));
        final SettlementPipeline again = settle(journal, dir.resolve("out").resolve("state"));
        for (final StageRunner r : again.runners())
        {
            assertEquals(0, r.appliedCount(), r.stage().name());
        }
        run(journal, dir.resolve("out"));
        assertEquals(first, Files.readString(dir.resolve("out").resolve("balances.json")));
        assertEquals(50, Files.readAllLines(dir.resolve("out").resolve("certificates.jsonl")).size());
    }
}
