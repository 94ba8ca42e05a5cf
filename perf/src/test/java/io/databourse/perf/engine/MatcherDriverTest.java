package io.databourse.perf.engine;

import io.databourse.perf.workload.Workload;
import io.databourse.perf.workload.WorkloadGenerator;
import io.databourse.perf.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The generator's reference book and the matcher agree: same trades, no rejects, same resting orders. */
class MatcherDriverTest
{
    @Test
    void smokeWorkloadTradesAsTheGeneratorExpects()
    {
        final Workload w = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        final CommandTape tape = CommandTape.encode(w);
        final MatcherDriver driver = new MatcherDriver(tape).prepare();
        driver.applyRange(tape.fillEnd(), tape.count());
        assertEquals(0, driver.rejects(), driver.rejectSummary());
        assertEquals(w.metaLong("expect_trades_timed", -1), driver.trades());
        assertEquals(w.metaLong("expect_resting_orders", -1), driver.matcher().liveOrderCount());
    }
}
