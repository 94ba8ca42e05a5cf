package io.databourse.surveillance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertJson;
import io.databourse.surveillance.alert.AlertListener;
import io.databourse.surveillance.alert.AlertStore;
import io.databourse.surveillance.detect.SurveillanceEngine;
import io.databourse.surveillance.ref.Directory;
import io.databourse.surveillance.timeline.EvidenceTimeline;
import io.databourse.surveillance.timeline.Timeline;

/**
 * The surveillance stage: the detectors ({@link SurveillanceEngine}) over journal records, their
 * alerts appended to the stage's own Chronicle queue ({@link AlertStore}) and told to listeners.
 * Its host (settlement's pipeline) applies each record once, in seq order, and checkpoints the
 * engine's snapshot, which carries how many alerts it had raised.
 * <p>Exactly once across restarts: after a restart the host re-applies the records after the
 * checkpoint, so the engine raises again the alerts it raised after it, with the same ids (it is
 * deterministic). An alert whose id the queue already holds is compared with the stored one, byte
 * for byte, and not stored or told again; the next ones are appended. A queue holding fewer
 * alerts than the checkpoint counted (lost with the machine, without fsync) is refused by name.
 */
public final class Surveillance implements AutoCloseable
{
    public static final String NAME = "surveillance";
    /** The queue's directory inside the host's state directory. */
    public static final String ALERTS_DIRECTORY = "surveillance-alerts";

    private final SurveillanceEngine engine;
    private final long timelineRecordsMax;
    private final SurveillanceMetrics metrics = new SurveillanceMetrics();
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();
    private AlertStore store;
    /** After a restart: reads the stored alerts the re-applied records must raise again. */
    private AlertStore.Cursor replay;
    /** Alerts the checkpoint counted: the replay starts after them (opened on the stage thread, as Chronicle wants). */
    private long replayAfter = -1;
    /** The next stored alert the replay has not raised yet (its JSON line and its record's seq). */
    private String pendingLine;
    private long pendingSeq;

    public Surveillance(final SurveillanceContext ctx)
    {
        engine = new SurveillanceEngine(ctx.isConcluded() ? ctx : ctx.conclude());
        timelineRecordsMax = ctx.get(SurveillanceSetting.TIMELINE_RECORDS_MAX);
    }

    /** Restores the engine from a checkpoint's snapshot; before {@link #open}. */
    public void readSnapshot(final DataInput in) throws IOException
    {
        engine.readSnapshot(in);
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        engine.writeSnapshot(out);
    }

    /** Opens the alert queue in {@code stateDir} and lines it up with the engine's (restored or fresh) state. */
    public void open(final Path stateDir, final boolean fsync) throws IOException
    {
        store = AlertStore.open(stateDir.resolve(ALERTS_DIRECTORY), fsync);
        final long committed = engine.alertsRaised();
        if (store.count() < committed)
        {
            final long held = store.count();
            store.close();
            throw new IOException("alert queue " + store.directory() + " holds " + held +
                " alerts but the checkpoint counted " + committed + ": alerts were lost (restore the state directory)");
        }
        store.forEach(a -> metrics.countAlert(a.type()));
        if (store.count() > committed)
        {
            replayAfter = committed;
        }
        metrics.appliedSeq(engine.lastSeq());
    }

    /** Applies the next journal record; stores and tells the alerts it raised. */
    public void onRecord(final JournalRecord record)
    {
        if (replayAfter >= 0)
        {
            replay = store.cursor();
            replay.skipTo(replayAfter);
            replayAfter = -1;
            nextPending();
        }
        final List<Alert> alerts = engine.apply(record);
        for (int i = 0; i < alerts.size(); i++)
        {
            final Alert alert = alerts.get(i);
            if (null != pendingLine)
            {
                verifyReplayed(alert);
            }
            else
            {
                store.append(alert);
                metrics.countAlert(alert.type());
                tell(alert);
            }
        }
        if (null != pendingLine && pendingSeq <= record.seq())
        {
            throw new IllegalStateException("stored alert " + replay.position() + " of seq " + pendingSeq +
                " was not raised again after a restart (the journal or the detectors changed): " + pendingLine);
        }
        metrics.appliedSeq(record.seq());
    }

    private void verifyReplayed(final Alert alert)
    {
        assert replay.position() == alert.id() : "replay cursor out of step";
        final String again = AlertJson.write(alert);
        if (!again.equals(pendingLine))
        {
            throw new IllegalStateException("alert " + alert.id() + " raised again after a restart differs from the " +
                "stored one (the journal or the detectors changed):\n  stored: " + pendingLine + "\n  now:    " + again);
        }
        metrics.countReplayed();
        nextPending();
    }

    private void nextPending()
    {
        pendingLine = replay.nextLine();
        if (null == pendingLine)
        {
            replay.close();
            replay = null;
            return;
        }
        pendingSeq = AlertJson.parse(pendingLine).seq();
    }

    private void tell(final Alert alert)
    {
        for (final AlertListener listener : listeners)
        {
            try
            {
                listener.onAlert(alert);
            }
            catch (final Throwable ex)
            {
                metrics.countListenerError();
            }
        }
    }

    /** Forces the queue (with fsync) before the host writes a checkpoint counting its alerts. */
    public void flush() throws IOException
    {
        store.flush();
    }

    /** Throws when the stage's state and its queue disagree; the host calls it at every checkpoint. */
    public void checkInvariants()
    {
        if (store.count() < engine.alertsRaised())
        {
            throw new IllegalStateException("surveillance raised " + engine.alertsRaised() + " alerts, stored " +
                store.count());
        }
        if (null == pendingLine && replayAfter < 0 && store.count() != engine.alertsRaised())
        {
            throw new IllegalStateException("alert queue holds " + store.count() + " alerts, the engine raised " +
                engine.alertsRaised());
        }
    }

    /** Told of every new alert, on the stage thread; see {@link AlertListener}. */
    public void addListener(final AlertListener listener)
    {
        listeners.add(listener);
    }

    public void removeListener(final AlertListener listener)
    {
        listeners.remove(listener);
    }

    /** The persisted alerts, to read from any thread (find, latest, byId): after {@link #open}. */
    public AlertStore alerts()
    {
        return store;
    }

    public SurveillanceMetrics metrics()
    {
        return metrics;
    }

    /** Names of participants and products (safe to read from any thread). */
    public Directory directory()
    {
        return engine.directory();
    }

    /**
     * An alert's evidence as a timeline of its orders', trades' and refusals' events, looked up in
     * the journal at {@code journalDir} (any thread; reads the journal, not the stage's state).
     */
    public Timeline timeline(final Alert alert, final Path journalDir)
    {
        final Directory names = engine.directory();
        return new EvidenceTimeline(journalDir, names::participantId, names::productId, timelineRecordsMax).of(alert);
    }

    /** The engine, for the host's thread only. */
    public SurveillanceEngine engine()
    {
        return engine;
    }

    @Override
    public void close()
    {
        if (null != replay)
        {
            replay.close();
            replay = null;
        }
        if (null != store)
        {
            store.close();
        }
    }
}
