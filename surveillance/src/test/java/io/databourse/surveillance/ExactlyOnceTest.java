package io.databourse.surveillance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertFilter;
import io.databourse.surveillance.alert.AlertJson;
import io.databourse.surveillance.alert.AlertStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stage with its queue, driven as its host drives it: apply records, checkpoint now and then,
 * stop without a final checkpoint (a kill), start again from the last checkpoint and re-apply.
 */
class ExactlyOnceTest
{
    @TempDir
    Path dir;

    private final Recorded journal = new Recorded();

    /** A host's durable checkpoint: the snapshot and the seq it was taken at. */
    private record Checkpoint(byte[] snapshot, int records)
    {
    }

    private static Checkpoint checkpoint(final Surveillance stage, final int records) throws IOException
    {
        stage.flush();
        stage.checkInvariants();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        stage.writeSnapshot(new DataOutputStream(bytes));
        return new Checkpoint(bytes.toByteArray(), records);
    }

    private Surveillance start(final Checkpoint from, final Path stateDir, final SurveillanceContext ctx)
        throws IOException
    {
        final Surveillance stage = new Surveillance(ctx);
        if (null != from)
        {
            stage.readSnapshot(new DataInputStream(new ByteArrayInputStream(from.snapshot())));
        }
        stage.open(stateDir, false);
        return stage;
    }

    private List<String> oneRun() throws IOException
    {
        final List<String> alerts = new ArrayList<>();
        try (Surveillance stage = start(null, dir.resolve("reference"), new SurveillanceContext()))
        {
            journal.replay(0, journal.size(), stage::onRecord);
            stage.alerts().forEach(a -> alerts.add(AlertJson.write(a)));
        }
        return alerts;
    }

    @Test
    void killedAndRestartedAnywhereTheQueueHoldsEachAlertOnceAndListenersHearEachOnce() throws IOException
    {
        FairMarket.run(journal.market, 5, 1_500, true);
        final List<String> expected = oneRun();
        assertTrue(expected.size() > 10, "alerts: " + expected.size());

        final Path state = dir.resolve("state");
        final List<String> heard = new ArrayList<>();
        Checkpoint last = null;
        int applied = 0;
        final int n = journal.size();
        // Each run: start from the last checkpoint, re-apply from it, checkpoint once midway, then
        // apply a little more and die without checkpointing.
        for (final int killAt : new int[]{n / 5, n / 2, n / 2 + 3, 4 * n / 5, n})
        {
            final Surveillance stage = start(last, state, new SurveillanceContext());
            stage.addListener(a -> heard.add(AlertJson.write(a)));
            final int from = null == last ? 0 : last.records();
            final int checkpointAt = from + (killAt - from) / 2;
            journal.replay(from, checkpointAt, stage::onRecord);
            last = checkpoint(stage, checkpointAt);
            journal.replay(checkpointAt, killAt, stage::onRecord);
            applied = killAt;
            stage.close();      // no checkpoint: records after checkpointAt will be applied again
        }
        assertEquals(n, applied);
        try (Surveillance stage = start(last, state, new SurveillanceContext()))
        {
            stage.addListener(a -> heard.add(AlertJson.write(a)));
            journal.replay(last.records(), n, stage::onRecord);
            final List<String> stored = new ArrayList<>();
            stage.alerts().forEach(a -> stored.add(AlertJson.write(a)));
            assertEquals(expected, stored, "the queue: every alert once, in order");
            assertTrue(stage.metrics().alertsReplayed() > 0, "the last run re-applied alerts already stored");
            assertEquals(expected.size(), stage.metrics().alertsTotal());
        }
        assertEquals(expected, heard, "listeners: every alert once, in order, across the restarts");
    }

    @Test
    void aQueueMissingAlertsTheCheckpointCountedIsRefusedByName() throws IOException
    {
        FairMarket.run(journal.market, 5, 1_500, true);
        final Checkpoint checkpoint;
        try (Surveillance stage = start(null, dir.resolve("a"), new SurveillanceContext()))
        {
            journal.replay(0, journal.size(), stage::onRecord);
            checkpoint = checkpoint(stage, journal.size());
        }
        final IOException ex = assertThrows(IOException.class,
            () -> start(checkpoint, dir.resolve("empty"), new SurveillanceContext()));
        assertTrue(ex.getMessage().contains("alerts were lost"), ex.getMessage());
    }

    @Test
    void aReplayRaisingOtherAlertsThanTheStoredOnesStopsTheStage() throws IOException
    {
        FairMarket.run(journal.market, 5, 1_500, true);
        final Path state = dir.resolve("state");
        try (Surveillance stage = start(null, state, new SurveillanceContext()))
        {
            journal.replay(0, journal.size(), stage::onRecord);
        }
        // the same journal from the start, but with other thresholds: the first alert is not raised
        final SurveillanceContext stricter = new SurveillanceContext()
            .set(SurveillanceSetting.WASH_WINDOW_MS, 1).set(SurveillanceSetting.CIRCLE_WINDOW_MS, 1);
        try (Surveillance stage = start(null, state, stricter))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> journal.replay(0, journal.size(), stage::onRecord));
            System.out.println("DBG raised " + stage.engine().alertsRaised() + " replayed " + stage.metrics().alertsReplayed());
            assertTrue(ex.getMessage().contains("alert 1 ") && ex.getMessage().contains("not raised again"),
                ex.getMessage());
        }
    }

    @Test
    void aReplayRaisingAnotherAlertWhereOneIsStoredStopsTheStage() throws IOException
    {
        FairMarket.run(journal.market, 5, 1_500, true);
        final Path state = dir.resolve("state");
        try (Surveillance stage = start(null, state, new SurveillanceContext()))
        {
            journal.replay(0, journal.size(), stage::onRecord);
        }
        // other thresholds again, raising an alert before the first stored one: the ids no longer match
        final SurveillanceContext touchy = new SurveillanceContext().set(SurveillanceSetting.DEVIATION_BPS, 1)
            .set(SurveillanceSetting.VWAP_TRADES_MIN, 1);
        try (Surveillance stage = start(null, state, touchy))
        {
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> journal.replay(0, journal.size(), stage::onRecord));
            assertTrue(ex.getMessage().contains("differs from the stored one"), ex.getMessage());
        }
    }

    @Test
    void theStoreAnswersByTypeParticipantProductTimeAndPage() throws IOException
    {
        FairMarket.run(journal.market, 5, 1_500, true);
        try (Surveillance stage = start(null, dir.resolve("q"), new SurveillanceContext()))
        {
            journal.replay(0, journal.size(), stage::onRecord);
            final AlertStore store = stage.alerts();
            final List<Alert> all = store.find(AlertFilter.all());
            final Alert some = all.get(all.size() / 2);
            final String who = some.participants().get(0);
            final List<Alert> theirs = store.find(AlertFilter.all().withParticipant(who));
            assertTrue(theirs.contains(some));
            assertTrue(theirs.stream().allMatch(a -> a.involves(who)));
            assertEquals(all.stream().filter(a -> a.type() == some.type()).toList(),
                store.find(AlertFilter.all().withTypes(java.util.EnumSet.of(some.type()))));
            assertEquals(all.stream().filter(a -> a.concerns("DATA.1")).toList(),
                store.find(AlertFilter.all().withProduct("DATA.1")));
            assertEquals(List.of(some), store.find(AlertFilter.all().withTime(some.timeNs(), some.timeNs())
                .withParticipant(who).withTypes(java.util.EnumSet.of(some.type()))));
            assertEquals(all.subList(3, 8), store.find(AlertFilter.all().withPage(3, 5)));
            final List<Alert> newest = store.latest(AlertFilter.all().withPage(0, 3));
            assertEquals(List.of(all.get(all.size() - 1), all.get(all.size() - 2), all.get(all.size() - 3)), newest);
            assertEquals(some, store.byId(some.id()));
            assertEquals(null, store.byId(all.size() + 1));
        }
        try (AlertStore readOnly = AlertStore.openReadOnly(dir.resolve("q").resolve(Surveillance.ALERTS_DIRECTORY)))
        {
            assertTrue(readOnly.count() > 0, "another process reads the same queue");
        }
    }
}
