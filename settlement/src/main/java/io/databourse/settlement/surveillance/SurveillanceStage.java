package io.databourse.settlement.surveillance;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.surveillance.Surveillance;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.timeline.Timeline;

/**
 * The surveillance stage (module {@code surveillance}) run by this pipeline like the settlement
 * stages: the same tailer, the same exactly-once {@link io.databourse.settlement.StageRunner}, its
 * own thread, its alerts in its own queue under the state directory. Subsidies wait on it (a
 * flagged trade never counts toward a subsidy).
 */
public final class SurveillanceStage implements SettlementStage
{
    private final Surveillance surveillance;
    private final boolean fsync;
    private final long checkpointIntervalMs;
    private final Path journalDir;
    private Path alertsDirectory;

    public SurveillanceStage(final SettlementContext ctx)
    {
        this.surveillance = new Surveillance(ctx.surveillance());
        this.fsync = ctx.fsync();
        this.checkpointIntervalMs = ctx.surveillance().get(SurveillanceSetting.CHECKPOINT_INTERVAL_MS);
        this.journalDir = ctx.journalDir();
    }

    /** The stage: alerts (queries), listeners, metrics, names. */
    public Surveillance surveillance()
    {
        return surveillance;
    }

    /** An alert's evidence as a timeline of journal events (any thread): see {@link Surveillance#timeline}. */
    public Timeline timeline(final Alert alert)
    {
        return surveillance.timeline(alert, journalDir);
    }

    /** Where the alert queue lives (to read it after the pipeline stopped). */
    public Path alertsDirectory()
    {
        return alertsDirectory;
    }

    @Override
    public String name()
    {
        return Surveillance.NAME;
    }

    @Override
    public long checkpointIntervalMs()
    {
        return checkpointIntervalMs;
    }

    @Override
    public void open(final Path stateDir, final boolean restored) throws IOException
    {
        alertsDirectory = stateDir.resolve(Surveillance.ALERTS_DIRECTORY);
        surveillance.open(stateDir, fsync);
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        surveillance.onRecord(record);
    }

    @Override
    public void flush() throws IOException
    {
        surveillance.flush();
    }

    @Override
    public void checkInvariants()
    {
        surveillance.checkInvariants();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        surveillance.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        surveillance.readSnapshot(in);
    }

    @Override
    public void close()
    {
        surveillance.close();
    }
}
