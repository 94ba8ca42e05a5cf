package io.databourse.exchange.surveillance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.databourse.exchange.ExchangeMain;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementRun;
import io.databourse.surveillance.Surveillance;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertStore;
import io.databourse.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No alert lost or duplicated across a real kill: settlement with its surveillance stage runs in a
 * child JVM over a finished journal, is killed ({@code kill -9}) twice part way through, and the
 * rest is settled from what it left on disk. The alerts and the subsidies equal those of one
 * uninterrupted run.
 */
class SurveillanceKillRestartTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(120);
    /** Checkpoints every batch of a tiny ring: the child settles slowly enough to be killed mid-way. */
    private static final String[] CHILD_SETTINGS = {
        "-D" + SettlementContext.RING_SIZE_PROP_NAME + "=2",
        "-D" + SettlementContext.CHECKPOINT_INTERVAL_MS_PROP_NAME + "=0",
        "-D" + SurveillanceSetting.CHECKPOINT_INTERVAL_MS.propertyName() + "=0",
        "-D" + SurveillanceSetting.RECENT_TRADES_MAX.propertyName() + "=512",
        "-D" + SurveillanceSetting.RECENT_ORDERS_MAX.propertyName() + "=512"};

    @TempDir
    Path dir;

    private static SettlementContext ctx(final Path journal, final Path state)
    {
        return new SettlementContext().journalDir(journal).stateDir(state)
            .surveillance(new SurveillanceContext()
                .set(SurveillanceSetting.RECENT_TRADES_MAX, 512).set(SurveillanceSetting.RECENT_ORDERS_MAX, 512));
    }

    @Test
    void alertsAndSubsidiesSurviveKillsExactlyOnce() throws Exception
    {
        final Path input = dir.resolve("market.jsonl");
        Files.write(input, SurveillanceScenariosTest.market(new Random(18), 600, 12));
        final Path journal = dir.resolve("journal");
        final int status = ExchangeMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            System.err, "simulate", "--journal", journal.toString(), input.toString());
        assertEquals(0, status);

        final Path expected = dir.resolve("expected");
        SettlementRun.run(ctx(journal, expected.resolve("state")), expected);
        final List<String> alerts = Files.readAllLines(expected.resolve("alerts.jsonl"));
        assertTrue(alerts.size() >= 40, "the market raises alerts: " + alerts.size());

        final Path out = dir.resolve("out");
        final Path queue = out.resolve("state").resolve(Surveillance.ALERTS_DIRECTORY);
        for (final int killAt : new int[]{alerts.size() / 3, 2 * alerts.size() / 3})
        {
            final Process child = settleInChild(journal, out);
            try
            {
                final long seen = awaitAlerts(queue, killAt, child);
                assertTrue(child.isAlive(), "the child finished before the kill (saw " + seen + " alerts): " +
                    Files.readString(out.resolve("child.log")));
            }
            finally
            {
                child.destroyForcibly().waitFor();
            }
        }
        SettlementRun.run(ctx(journal, out.resolve("state")), out);
        assertEquals(alerts, Files.readAllLines(out.resolve("alerts.jsonl")));
        assertEquals(Files.readString(expected.resolve("subsidies.json")), Files.readString(out.resolve("subsidies.json")));
    }

    private Process settleInChild(final Path journal, final Path out) throws IOException
    {
        Files.createDirectories(out);
        final List<String> cmd = new ArrayList<>(ChildJvm.command("512m", SettlementRun.class.getName(),
            journal.toString(), out.toString()));
        cmd.addAll(1, List.of(CHILD_SETTINGS));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.resolve("child.log").toFile())).start();
    }

    /** Waits until the child's queue holds at least {@code count} alerts (reading it as another process would). */
    private static long awaitAlerts(final Path queue, final long count, final Process child) throws Exception
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        long seen = 0;
        while (System.nanoTime() < deadline && child.isAlive())
        {
            if (Files.isDirectory(queue))
            {
                try (AlertStore store = AlertStore.openReadOnly(queue))
                {
                    seen = store.count();
                }
                if (seen >= count)
                {
                    return seen;
                }
            }
            Thread.sleep(20);
        }
        return seen;
    }
}
