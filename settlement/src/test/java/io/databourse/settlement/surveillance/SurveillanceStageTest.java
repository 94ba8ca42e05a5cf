package io.databourse.settlement.surveillance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.SettlementRun;
import io.databourse.surveillance.Surveillance;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertJson;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The surveillance stage inside the settlement pipeline: alerts exactly once whatever stops it. */
class SurveillanceStageTest
{
    @TempDir
    Path dir;

    /** Six participants trading one product at a few prices, a minute apart: round trips and circles happen. */
    private static void market(final JournalFixture f, final Random random, final int trades)
    {
        if (0 == f.seq())
        {
            for (int p = 0; p < 6; p++)
            {
                f.participant("T" + p, Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER, true);
            }
            f.product("DATA.X", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            for (int p = 0; p < 6; p++)
            {
                f.deposit(p, 1_000_000_000, 1_000_000_000, 0);
                f.inventory(p, 0, 100_000);
            }
        }
        for (int i = 0; i < trades; i++)
        {
            f.time(f.timeNs() + 60_000_000_000L);
            final int seller = random.nextInt(6);
            final int buyer = (seller + 1 + random.nextInt(5)) % 6;
            f.cross(seller, buyer, 0, 1_000 + 10 * random.nextInt(3), 10);
        }
    }

    private static SettlementContext ctx(final Path journal, final Path state)
    {
        return new SettlementContext().journalDir(journal).stateDir(state).fsync(false).ringSize(8)
            .participantsMax(64).productsMax(64).entitlementsMax(100_000).nodeHoursMax(100_000)
            .checkpointIntervalMs(0)
            // a checkpoint every batch, and rings small enough for that to stay quick (wrapped rings restored too)
            .surveillance(new SurveillanceContext().set(SurveillanceSetting.CHECKPOINT_INTERVAL_MS, 0)
                .set(SurveillanceSetting.RECENT_TRADES_MAX, 256).set(SurveillanceSetting.RECENT_ORDERS_MAX, 256)
                .set(SurveillanceSetting.PARTICIPANTS_MAX, 64).set(SurveillanceSetting.PRODUCTS_MAX, 64));
    }

    private void run(final Path journal, final Path out) throws IOException
    {
        SettlementRun.run(ctx(journal, out.resolve("state")), out);
    }

    private static List<String> alerts(final Path out) throws IOException
    {
        return Files.readAllLines(out.resolve("alerts.jsonl"));
    }

    @Test
    void aCrashImageTakenAnywhereResumesWithEveryAlertOnce() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            market(f, new Random(5), 800);
        }
        run(journal, dir.resolve("expected"));
        final List<String> expected = alerts(dir.resolve("expected"));
        assertTrue(expected.size() > 15, "the market raises alerts: " + expected.size());

        for (final long stopAt : new long[]{300, 1_300})
        {
            final Path running = dir.resolve("running-" + stopAt);
            final SettlementPipeline live = new SettlementPipeline(ctx(journal, running).batch(false).conclude()).start();
            for (int i = 0; i < 10_000 && live.surveillance().surveillance().metrics().appliedSeq() < stopAt; i++)
            {
                Thread.sleep(1);
            }
            // What a kill leaves on disk: checkpoints first, then the files and queues written before them.
            final Path crashed = dir.resolve("crashed-" + stopAt);
            copyTree(running, crashed.resolve("state"), true);
            copyTree(running, crashed.resolve("state"), false);
            live.close();

            run(journal, crashed);
            assertEquals(expected, alerts(crashed), "stopped near seq " + stopAt);
            assertEquals(Files.readString(dir.resolve("expected").resolve("subsidies.json")),
                Files.readString(crashed.resolve("subsidies.json")), "flags count once in the subsidy too");
        }
    }

    /**
     * Copies the checkpoints ({@code checkpoints}) or everything else, keeping what is already
     * there; a file the live pipeline renamed or removed meanwhile is skipped, as a crash would.
     */
    private static void copyTree(final Path from, final Path to, final boolean checkpoints) throws IOException
    {
        Files.createDirectories(to);
        final List<Path> entries;
        try (Stream<Path> listing = Files.list(from))
        {
            entries = listing.sorted().toList();
        }
        for (final Path file : entries)
        {
            final Path target = to.resolve(file.getFileName().toString());
            if (Files.isDirectory(file))
            {
                copyTree(file, target, checkpoints);
            }
            else if (file.toString().endsWith(".checkpoint") == checkpoints && !file.toString().endsWith(".tmp") &&
                !Files.exists(target))
            {
                try
                {
                    Files.copy(file, target);
                }
                catch (final java.nio.file.NoSuchFileException ex)
                {
                    // renamed or deleted by the live pipeline since the listing
                }
            }
        }
    }

    @Test
    void settlingAGrowingJournalAddsOnlyTheNewAlerts() throws Exception
    {
        final Path whole = dir.resolve("whole");
        try (JournalFixture f = new JournalFixture(whole))
        {
            market(f, new Random(9), 600);
        }
        run(whole, dir.resolve("expected"));

        final Path growing = dir.resolve("growing");
        final Path out = dir.resolve("out");
        final Random random = new Random(9);
        try (JournalFixture f = new JournalFixture(growing))
        {
            for (int part = 0; part < 3; part++)
            {
                market(f, random, 200);
                run(growing, out);
            }
        }
        assertEquals(alerts(dir.resolve("expected")), alerts(out));
        assertEquals(Files.readString(dir.resolve("expected").resolve("subsidies.json")),
            Files.readString(out.resolve("subsidies.json")));
    }

    @Test
    void aLivePipelineTellsListenersOfEachNewAlertAndCountsThem() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final List<Alert> heard = Collections.synchronizedList(new ArrayList<>());
        try (JournalFixture f = new JournalFixture(journal))
        {
            market(f, new Random(3), 10);
            final SettlementPipeline live = new SettlementPipeline(
                ctx(journal, dir.resolve("state")).batch(false).conclude());
            final Surveillance surveillance = live.surveillance().surveillance();
            surveillance.addListener(heard::add);
            surveillance.addListener(a ->
            {
                throw new IllegalStateException("a broken listener never stops the stage");
            });
            live.start();
            market(f, new Random(4), 300);
            for (int i = 0; i < 10_000 && surveillance.metrics().appliedSeq() < f.seq(); i++)
            {
                Thread.sleep(1);
            }
            assertEquals(f.seq(), surveillance.metrics().appliedSeq());
            assertEquals(0, surveillance.metrics().lagRecords(f.seq()));
            final List<Alert> stored = surveillance.alerts().find(io.databourse.surveillance.alert.AlertFilter.all());
            assertTrue(!stored.isEmpty());
            assertEquals(stored.stream().map(AlertJson::write).toList(),
                new ArrayList<>(heard).stream().map(AlertJson::write).toList());
            assertEquals(stored.size(), surveillance.metrics().listenerErrors());
            assertEquals(stored.size(), surveillance.metrics().alertsTotal());
            live.close();
        }
    }
}
