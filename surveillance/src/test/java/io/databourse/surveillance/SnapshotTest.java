package io.databourse.surveillance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.databourse.surveillance.alert.AlertJson;
import io.databourse.surveillance.detect.SurveillanceEngine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An engine restored from a snapshot anywhere raises exactly what an uninterrupted one raises. */
class SnapshotTest
{
    private static SurveillanceEngine engine()
    {
        // small rings, so that restores happen with wrapped rings and evicted chains too
        return new SurveillanceEngine(new SurveillanceContext()
            .set(SurveillanceSetting.RECENT_TRADES_MAX, 256)
            .set(SurveillanceSetting.RECENT_ORDERS_MAX, 128)
            .conclude());
    }

    @Test
    void restoringAtAnyRecordGivesTheSameAlertsAsOneRun() throws IOException
    {
        final Recorded journal = new Recorded();
        FairMarket.run(journal.market, 11, 2_000, true);

        final List<String> oneRun = new ArrayList<>();
        final SurveillanceEngine whole = engine();
        journal.replay(0, GROUPED_AT, r -> whole.apply(r).forEach(a -> oneRun.add(AlertJson.write(a))));
        groups(whole);
        journal.replay(GROUPED_AT, journal.size(), r -> whole.apply(r).forEach(a -> oneRun.add(AlertJson.write(a))));
        assertTrue(oneRun.size() > 20, "the journal raises alerts: " + oneRun.size());

        for (final int cut : new int[]{GROUPED_AT, journal.size() / 3, journal.size() / 2 + 17, journal.size() - 1})
        {
            final List<String> split = new ArrayList<>();
            final SurveillanceEngine before = engine();
            journal.replay(0, GROUPED_AT, r -> before.apply(r).forEach(a -> split.add(AlertJson.write(a))));
            groups(before);
            journal.replay(GROUPED_AT, cut, r -> before.apply(r).forEach(a -> split.add(AlertJson.write(a))));
            final byte[] snapshot = snapshot(before);

            final SurveillanceEngine after = engine();
            after.readSnapshot(new DataInputStream(new ByteArrayInputStream(snapshot)));
            assertEquals(before.alertsRaised(), after.alertsRaised());
            assertEquals(snapshot.length, snapshot(after).length, "a restored engine snapshots the same state");
            journal.replay(cut, journal.size(), r -> after.apply(r).forEach(a -> split.add(AlertJson.write(a))));
            assertEquals(oneRun, split, "cut at record " + cut);
        }
    }

    /** After the participants are registered (the first records): some share owners. */
    private static final int GROUPED_AT = 40;

    private static void groups(final SurveillanceEngine engine)
    {
        for (int p = 0; p < FairMarket.SUPPLIERS + FairMarket.BUYERS; p += 3)
        {
            engine.directory().assignGroup(p, "G" + (p % 4));
        }
    }

    private static byte[] snapshot(final SurveillanceEngine engine) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        engine.writeSnapshot(new DataOutputStream(bytes));
        return bytes.toByteArray();
    }
}
