package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.databourse.testsupport.JournalFixture;

/**
 * The thread budget's settlement settings: every stage on one shared thread, and a live tailer that
 * hands records over in batches (a pause after each poll that found some, one publish a poll). Both
 * must settle exactly what a thread per stage settles.
 */
class StageThreadsTest
{
    private static final List<String> OUTPUTS = List.of("balances.json", "certificates.jsonl", "entitlements.json",
        "subsidies.json", "positions.json", "alerts.jsonl", "indexes.json", "statements/P1.csv", "statements/P2.json");

    @TempDir
    Path dir;

    @Test
    void oneSharedStageThreadSettlesWhatAThreadPerStageSettles() throws Exception
    {
        final Path journal = journal(1_000);
        run(journal, dir.resolve("expected"));
        final Path out = dir.resolve("shared");
        SettlementRun.run(SettlementTestSupport.ctx(journal, out.resolve("state")).stageThreads("shared"), out);
        assertSameOutputs(dir.resolve("expected"), out);
    }

    @Test
    void aLiveTailerHandingOverInBatchesThroughASmallRingSettlesEveryRecord() throws Exception
    {
        final Path journal = journal(1_500);
        run(journal, dir.resolve("expected"));
        final Path out = dir.resolve("live");
        // a ring of 8 slots for polls of up to 256 records: the tailer must publish what it has
        // claimed before it waits for room, or the stages and the tailer would wait for each other
        final SettlementPipeline live = new SettlementPipeline(SettlementTestSupport.ctx(journal, out.resolve("state"))
            .batch(false).ringSize(8).stageThreads("shared").tailerBatchUs(200).conclude()).start();
        try
        {
            assertEquals(1, live.stageThreadCount(), "one thread for every stage");
            final long lastSeq = lastSeq(journal);
            for (int i = 0; i < 10_000 && !allApplied(live, lastSeq); i++)
            {
                Thread.sleep(1);
            }
            assertTrue(allApplied(live, lastSeq), "every stage applied every record live");
        }
        finally
        {
            live.close();
        }
        run(journal, out);
        assertSameOutputs(dir.resolve("expected"), out);
    }

    @Test
    void aThreadPerStageIsTheDefault() throws Exception
    {
        final SettlementPipeline pipeline = new SettlementPipeline(
            SettlementTestSupport.ctx(journal(10), dir.resolve("state")).batch(false).conclude()).start();
        try
        {
            // ledger, entitlements, compute, surveillance, certificates, subsidies, indexes, positions
            assertEquals(8, pipeline.stageThreadCount());
        }
        finally
        {
            pipeline.close();
        }
    }

    private Path journal(final int trades)
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            RestartAndCertificateTest.setUp(f);
            RestartAndCertificateTest.trades(f, new Random(7), trades);
        }
        return journal;
    }

    private static long lastSeq(final Path journal) throws Exception
    {
        try (io.databourse.journal.queue.Journal j = io.databourse.journal.queue.Journal.openReadOnly(journal);
            io.databourse.journal.queue.JournalReader reader = j.reader())
        {
            final long[] last = {0};
            while (reader.read((index, record) -> last[0] = record.seq()))
            {
                // to the end
            }
            return last[0];
        }
    }

    private static boolean allApplied(final SettlementPipeline pipeline, final long lastSeq)
    {
        return pipeline.runners().stream().allMatch(r -> r.appliedSeq() >= lastSeq);
    }

    private static void assertSameOutputs(final Path expected, final Path actual) throws Exception
    {
        for (final String file : OUTPUTS)
        {
            assertEquals(Files.readString(expected.resolve(file)), Files.readString(actual.resolve(file)), file);
        }
    }
}
