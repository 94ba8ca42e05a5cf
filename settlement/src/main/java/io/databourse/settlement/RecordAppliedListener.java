package io.databourse.settlement;

/**
 * Told on a stage's own thread, right after the stage applied a journal record (before any
 * checkpoint): how far each stage has got, record by record, for lag measurements
 * (perf's SettlementBench). Must be cheap and must not block: it runs inside the stage's Disruptor
 * handler.
 */
@FunctionalInterface
public interface RecordAppliedListener
{
    /**
     * @param stageName {@link SettlementStage#name()} of the stage that applied the record
     * @param seq       the record's journal seq
     * @param timeNs    the record's sequencer timestamp
     */
    void onApplied(String stageName, long seq, long timeNs);
}
