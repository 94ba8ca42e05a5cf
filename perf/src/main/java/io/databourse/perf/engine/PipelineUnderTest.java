package io.databourse.perf.engine;

import org.agrona.DirectBuffer;

/**
 * The journaled pipeline (Aeron IPC in, sequencer, Chronicle Queue journal, matcher, events out)
 * as the bench drives it. The pipeline's own module implements this and registers a
 * {@link Factory} under META-INF/services/io.databourse.perf.engine.PipelineUnderTest$Factory; until
 * one is on the class path the bench reports the pipeline figure as not measured.
 */
public interface PipelineUnderTest extends AutoCloseable
{
    /**
     * Offers one command message (journal-schema flyweight, header included) at the pipeline's
     * ingress; false when back-pressured, and the caller offers it again.
     */
    boolean offer(DirectBuffer buffer, int offset, int length);

    /** Commands whose events have left the pipeline (journaled and applied), for the caller to wait on. */
    long processedCount();

    /** Trade events that have left the pipeline, for the result check. */
    long tradeCount();

    /** Reject events that have left the pipeline. */
    long rejectCount();

    @Override
    void close();

    interface Factory
    {
        /** A short name for the results, e.g. "aeron-ipc+chronicle". */
        String name();

        /**
         * A started pipeline whose matcher is sized for the tape's workload (see
         * {@link MatcherDriver#contextFor}), journaling into a fresh directory under {@code scratchDir},
         * its matcher thread pinned to {@code matcherCpu} (-1: not pinned).
         */
        PipelineUnderTest start(CommandTape tape, java.nio.file.Path scratchDir, int matcherCpu);
    }
}
