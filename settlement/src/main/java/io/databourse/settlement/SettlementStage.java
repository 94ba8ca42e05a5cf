package io.databourse.settlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.schema.JournalRecord;

/**
 * One consumer of the journal: a deterministic state machine over journal records plus the files
 * it appends to. A {@link StageRunner} owns the thread-facing part (skip what was already applied,
 * checkpoint at the end of each batch); the stage only applies records and (de)serialises itself.
 * <p>Contract that makes restart exactly-once: the state written by {@link #writeSnapshot} after
 * {@link #flush} is exactly the state after the last applied record, including the length of every
 * file the stage appends to, so that {@link #open} can cut off what was written after it.
 */
public interface SettlementStage
{
    /** Stable name: names the checkpoint file and the thread. */
    String name();

    /** Opens the stage's output files; {@code restored} tells whether a snapshot was read first. */
    void open(Path stateDir, boolean restored) throws IOException;

    /** Applies one journal record; called once per record, in seq order, never for one already applied. */
    void onRecord(JournalRecord record);

    /**
     * Applies one ring slot: its record and what stages before this one wrote into it (the index
     * stage's marks). Stages that read only the record keep the default.
     */
    default void onRecordEvent(final RecordEvent event)
    {
        onRecord(event.record());
    }

    /**
     * A slot whose record this stage applied before a restart (at or below its checkpoint). A stage
     * whose decisions later stages read from the slot must write them again here, as it wrote them
     * then: a later stage may have checkpointed before that record.
     */
    default void onRecordSkipped(final RecordEvent event)
    {
    }

    /** Makes every byte appended so far durable; called before {@link #writeSnapshot}. */
    void flush() throws IOException;

    /** Throws when the stage's invariants do not hold; called at every checkpoint. */
    void checkInvariants();

    void writeSnapshot(DataOutput out) throws IOException;

    void readSnapshot(DataInput in) throws IOException;

    /**
     * Least time between two checkpoints of this stage, in ms; negative (the default): the
     * pipeline's {@code checkpointIntervalMs}. For a stage whose snapshot is large.
     */
    default long checkpointIntervalMs()
    {
        return -1;
    }

    /** Called at the end of each batch that applied records, before any checkpoint (publish read-side views). */
    default void onBatchApplied()
    {
    }

    void close();
}
