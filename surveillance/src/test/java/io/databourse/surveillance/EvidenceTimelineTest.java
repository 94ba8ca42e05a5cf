package io.databourse.surveillance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.RejectReason;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.timeline.Timeline;
import io.databourse.surveillance.timeline.TimelineEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.databourse.surveillance.Market.BUY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An alert's evidence, read back from the journal as the events of its orders, trades and refusals. */
class EvidenceTimelineTest
{
    @TempDir
    Path dir;

    @Test
    void aSpoofingAlertsTimelineShowsTheLayersEnteredTheTradeAndTheLayersPulled() throws Exception
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer();
            Surveillance stage = new Surveillance(new SurveillanceContext()))
        {
            stage.open(dir.resolve("state"), false);
            final Market m = new Market(record ->
            {
                writer.appendRecord(record.buffer(), 0, record.length());
                stage.onRecord(record);
            });
            final int x = m.participant("X");
            final int y = m.participant("Y");
            final int other = m.participant("Z");
            final int data = m.product("D1", 1_000);
            for (int i = 0; i < 50; i++)
            {
                m.trade(y, other, data, 1_000, 1);        // noise before: not evidence
            }
            final long[] layers = new long[4];
            for (int i = 0; i < 4; i++)
            {
                layers[i] = m.rest(x, data, BUY, 990 - i, 100);
                m.trade(y, other, data, 1_000, 1);        // noise between
            }
            final long genuine = m.tradeSellerAggressor(x, y, data, 1_000, 10);
            m.after(Duration.ofSeconds(10));
            m.massCancel(x);
            m.refused(other, "D1", RejectReason.CORE_DATA_NOT_TRADABLE, "n1");

            final List<Alert> spoofs = stage.alerts().find(io.databourse.surveillance.alert.AlertFilter.all()
                .withTypes(java.util.EnumSet.of(AlertType.SPOOFING)));
            assertEquals(1, spoofs.size());
            final Timeline timeline = stage.timeline(spoofs.get(0), journalDir);
            assertFalse(timeline.truncated());
            final List<String> events = timeline.entries().stream()
                .map(e -> e.event() + " " + (0 != e.tradeId() ? "t" + e.tradeId() : "o" + e.orderId())).toList();
            final long layersSeq = timeline.entries().get(0).seq();
            assertEquals(List.of(
                "accepted o" + layers[0], "accepted o" + layers[1], "accepted o" + layers[2], "accepted o" + layers[3],
                "accepted o" + (layers[3] + 3), "accepted o" + (layers[3] + 4), "trade t" + genuine,
                "cancelled o" + layers[0], "cancelled o" + layers[1], "cancelled o" + layers[2],
                "cancelled o" + layers[3]), events);
            assertTrue(layersSeq > 100, "the timeline starts at the evidence, not the journal's start");
            final TimelineEntry trade = timeline.entries().get(6);
            assertEquals("Y", trade.buyer());
            assertEquals("X", trade.seller());
            assertEquals("X", trade.participant(), "the aggressor");
            assertEquals("mass_cancel", timeline.entries().get(10).reason());
            assertEquals("X sold 10 D1 to Y at 10.00 (trade " + genuine + ", X the aggressor)", trade.text());
            assertEquals("X entered buy order " + layers[0] + ": 100 D1 at 9.90", timeline.entries().get(0).text());
        }
    }
}
