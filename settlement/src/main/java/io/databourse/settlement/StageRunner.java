package io.databourse.settlement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.lmax.disruptor.EventHandler;

/**
 * Runs one {@link SettlementStage} as a Disruptor handler and makes it exactly-once across restarts:
 * records at or below the checkpointed seq are skipped, every other record must be the next seq
 * (a gap would be a fill skipped), and at the end of each batch the stage's files are flushed and
 * a checkpoint is written. On any failure the runner stops applying and stops checkpointing, so a
 * restart resumes from the last good checkpoint instead of from a half-applied state.
 */
public final class StageRunner implements EventHandler<RecordEvent>
{
    private final SettlementStage stage;
    private final Checkpoint checkpoint;
    private final SettlementPipeline.ErrorSink errors;
    private final long checkpointIntervalNs;
    private long lastCheckpointNs;
    private boolean appliedSinceBatch;
    private long lastSeq;
    private long lastIndex = -1;
    private long checkpointedSeq;
    private long appliedCount;
    private volatile long appliedSeq;
    private volatile Throwable failure;
    private RecordAppliedListener appliedListener;

    public StageRunner(
        final SettlementStage stage,
        final Path stateDir,
        final boolean fsync,
        final long checkpointIntervalNs,
        final SettlementPipeline.ErrorSink errors)
    {
        this.stage = stage;
        this.checkpointIntervalNs = checkpointIntervalNs;
        this.checkpoint = new Checkpoint(stateDir, stage.name(), fsync);
        this.errors = errors;
        try
        {
            final Checkpoint.Position position = checkpoint.read(stage);
            if (null != position)
            {
                lastSeq = position.lastSeq();
                lastIndex = position.lastIndex();
            }
            stage.open(stateDir, null != position);
            stage.checkInvariants();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("recovering stage " + stage.name(), ex);
        }
        checkpointedSeq = lastSeq;
        appliedSeq = lastSeq;
    }

    /** Set before the pipeline starts; told on the stage thread after each applied record. */
    public void appliedListener(final RecordAppliedListener appliedListener)
    {
        this.appliedListener = appliedListener;
    }

    public SettlementStage stage()
    {
        return stage;
    }

    /** Seq of the last record applied (visible to other threads). */
    public long appliedSeq()
    {
        return appliedSeq;
    }

    /**
     * Seq of the last applied record, owned by the stage thread once started; read at construction
     * (the checkpoint's seq) to resume the tailer after the smallest.
     */
    public long lastSeq()
    {
        return lastSeq;
    }

    /** Chronicle index of the last applied record, -1 when none. */
    public long lastIndex()
    {
        return lastIndex;
    }

    public long checkpointedSeq()
    {
        return checkpointedSeq;
    }

    /** Records applied by this run (not counting those skipped as already applied). */
    public long appliedCount()
    {
        return appliedCount;
    }

    public Throwable failure()
    {
        return failure;
    }

    @Override
    public void onEvent(final RecordEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            final long seq = event.seq();
            if (seq > lastSeq)
            {
                if (seq != lastSeq + 1)
                {
                    throw new IllegalStateException(
                        stage.name() + ": journal seq jumped from " + lastSeq + " to " + seq + " (records missing)");
                }
                stage.onRecordEvent(event);
                lastSeq = seq;
                lastIndex = event.index();
                appliedCount++;
                appliedSeq = seq;
                appliedSinceBatch = true;
                if (null != appliedListener)
                {
                    appliedListener.onApplied(stage.name(), seq, event.record().timeNs());
                }
            }
            else
            {
                stage.onRecordSkipped(event);
            }
            if (endOfBatch && appliedSinceBatch)
            {
                appliedSinceBatch = false;
                stage.onBatchApplied();
                // Checkpoints cost a snapshot and a force per stage: at most one per interval. A crash
                // in between only means more records are applied again from the older checkpoint.
                final long nowNs = 0 == checkpointIntervalNs ? 0 : System.nanoTime();
                if (0 == checkpointIntervalNs || nowNs - lastCheckpointNs >= checkpointIntervalNs)
                {
                    checkpoint();
                    lastCheckpointNs = nowNs;
                }
            }
        }
        catch (final Throwable ex)
        {
            failure = ex;
            errors.onError(stage.name(), ex);
            // Halt this processor without advancing its sequence past the failure: stages gated on
            // this one (Certificates on Ledger) must never see a record this stage did not settle.
            throw new StageFailedException(stage.name(), ex);
        }
    }

    /** Thrown out of {@link #onEvent} to stop the stage's processor where it failed. */
    static final class StageFailedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        StageFailedException(final String stageName, final Throwable cause)
        {
            super("stage " + stageName + " failed", cause);
        }
    }

    /**
     * Final checkpoint when the pipeline stops: called from the closing thread after the stage's
     * thread has ended (the join orders the memory). Never for a failed stage.
     */
    public void checkpointOnClose()
    {
        if (null == failure && lastSeq != checkpointedSeq)
        {
            try
            {
                checkpoint();
            }
            catch (final Throwable ex)
            {
                failure = ex;
                errors.onError(stage.name(), ex);
            }
        }
    }

    private void checkpoint() throws IOException
    {
        if (lastSeq == checkpointedSeq)
        {
            return;
        }
        stage.checkInvariants();
        stage.flush();
        checkpoint.write(lastSeq, lastIndex, stage);
        checkpointedSeq = lastSeq;
    }
}
