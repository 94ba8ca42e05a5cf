package io.databourse.perf.engine;

import io.databourse.perf.workload.Workload;
import io.databourse.perf.workload.WorkloadGenerator;
import io.databourse.perf.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bench's pipeline adapter carries the smoke stream through Aeron, the journal and the matcher intact. */
class EmbeddedExchangePipelineTest
{
    @Test
    void smokeWorkloadThroughTheJournaledPipeline(@TempDir final Path dir)
    {
        final Workload w = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        final CommandTape tape = CommandTape.encode(w);
        try (PipelineUnderTest pipeline = new EmbeddedExchangePipeline.Factory().start(tape, dir, -1))
        {
            for (int i = 0; i < tape.count(); i++)
            {
                while (!pipeline.offer(tape.buffer(), tape.offset(i), tape.length(i)))
                {
                    Thread.yield();
                }
            }
            final long deadlineNs = System.nanoTime() + 60_000_000_000L;
            while (pipeline.processedCount() < tape.count() && System.nanoTime() < deadlineNs)
            {
                Thread.yield();
            }
            assertEquals(tape.count(), pipeline.processedCount());
            assertEquals(0, pipeline.rejectCount());
            assertEquals(w.metaLong("expect_trades", -1) + tape.setupTrades(), pipeline.tradeCount());
        }
    }
}
