package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import io.databourse.console.alerts.AlertFeed;
import io.databourse.console.metrics.PrometheusText;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the console's regulator page reads through its seam, from a live surveillance stage, and after its restart. */
class SurveillanceFeedTest
{
    @Test
    void theWalkThroughsAlertsReachTheConsoleSeamWithTheirEvidenceAndCounts(@TempDir final Path dir) throws Exception
    {
        final Path journal = dir.resolve("journal");
        assertEquals(0, ExchangeMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            System.err, "simulate", "--journal", journal.toString(), "../docs/examples/surveillance.jsonl"));
        try (SettlementPipeline pipeline = pipeline(journal, dir.resolve("state")))
        {
            final SurveillanceFeed feed = new SurveillanceFeed(pipeline.surveillance());
            final long[] heard = {0};
            feed.listen(seq -> heard[0]++);
            pipeline.start();
            for (int i = 0; i < 30_000 && pipeline.surveillance().surveillance().metrics().alertsTotal() < 8; i++)
            {
                Thread.sleep(1);
            }
            final List<AlertFeed.Alert> newest = feed.latest(null, null, 100);
            assertEquals(8, newest.size());
            assertEquals("8", newest.get(0).id(), "newest first");
            assertEquals(List.of("1"), feed.latest("wash_trade", null, 10).stream().map(AlertFeed.Alert::id).toList());
            assertEquals(List.of("3"), feed.latest(null, "X1", 10).stream().map(AlertFeed.Alert::id).toList());
            assertEquals(List.of(), feed.latest("insider_dealing", null, 10), "an unknown type finds nothing");
            assertEquals("spoofing", feed.byId("3").type());
            assertNull(feed.byId("99"));
            assertNull(feed.byId("3; DROP"));
            final List<AlertFeed.Evidence> evidence = feed.timeline("3");
            assertEquals(4 + 2 + 1 + 4, evidence.size(), "four bids, the two orders of the trade, the trade, four cancels");
            assertTrue(evidence.get(6).text().startsWith("X1 sold 10 DATA.SPOOF to Y1 at 10.00"), evidence.get(6).text());
            assertEquals(8, heard[0]);

            final PrometheusText text = new PrometheusText();
            new SurveillanceMetricsSource(pipeline.surveillance().surveillance().metrics()).writeTo(text);
            assertTrue(text.toString().contains("databourse_surveillance_alerts_total{type=\"wash_trade\"} 1\n"), text.toString());
            assertTrue(text.toString().contains("databourse_surveillance_alerts_total{type=\"concentration\"} 1\n"));
        }

        // restarted on the same state: the regulator's feed shows the same alerts and evidence at once,
        // and no alert is told again as new
        final long lastSeq;
        try (io.databourse.journal.queue.Journal j = io.databourse.journal.queue.Journal.openReadOnly(journal))
        {
            lastSeq = j.lastSeq();
        }
        try (SettlementPipeline pipeline = pipeline(journal, dir.resolve("state")))
        {
            final SurveillanceFeed feed = new SurveillanceFeed(pipeline.surveillance());
            final long[] heard = {0};
            feed.listen(seq -> heard[0]++);
            pipeline.start();
            assertEquals(8, feed.latest(null, null, 100).size(), "the alerts, read from the stage's queue after a restart");
            for (int i = 0; i < 30_000 && pipeline.surveillance().surveillance().metrics().appliedSeq() < lastSeq; i++)
            {
                Thread.sleep(1);
            }
            assertEquals(lastSeq, pipeline.surveillance().surveillance().metrics().appliedSeq());
            final List<AlertFeed.Alert> newest = feed.latest(null, null, 100);
            assertEquals(8, newest.size(), "each alert once");
            assertEquals("8", newest.get(0).id());
            assertEquals("spoofing", feed.byId("3").type());
            assertEquals(4 + 2 + 1 + 4, feed.timeline("3").size());
            assertEquals(0, heard[0], "nothing new to tell the regulators' pages");
        }
    }

    private static SettlementPipeline pipeline(final Path journal, final Path state)
    {
        return new SettlementPipeline(new SettlementContext().journalDir(journal).stateDir(state).batch(false).conclude());
    }
}
