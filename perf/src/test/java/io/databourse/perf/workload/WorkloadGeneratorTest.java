package io.databourse.perf.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkloadGeneratorTest
{
    @Test
    void sameSeedSameStream()
    {
        final Workload a = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        final Workload b = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        assertEquals(a.count(), b.count());
        assertArrayEquals(Arrays.copyOf(a.priceTicks, a.count()), Arrays.copyOf(b.priceTicks, b.count()));
        assertArrayEquals(Arrays.copyOf(a.orderId, a.count()), Arrays.copyOf(b.orderId, b.count()));
        assertEquals(a.meta, b.meta);
    }

    @Test
    void exchangeCoreMixIsRoughlyTheIssues()
    {
        final WorkloadSpec spec = WorkloadSpec.EXCHANGE_CORE.renamed("t", 100_000);
        final Workload w = WorkloadGenerator.generate(spec);
        final long[] counts = w.opCounts(w.fillCommands(), w.count());
        final double n = w.count() - w.fillCommands();
        assertEquals(0.09, counts[4] / n, 0.02, "gtc");
        assertEquals(0.03, counts[5] / n, 0.01, "ioc");
        assertEquals(0.06, counts[Workload.OP_CANCEL] / n, 0.02, "cancel");
        assertEquals(0.82, counts[Workload.OP_MOVE] / n, 0.03, "move");
        final long resting = w.metaLong("expect_resting_orders", -1);
        assertTrue(resting > 800 && resting < 1300, "book depth held near 1,000: " + resting);
    }

    @Test
    void everyCancelMoveAndReduceNamesALiveOrderOfItsAccount()
    {
        final Workload w = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        final java.util.Map<Long, Integer> owner = new java.util.HashMap<>();
        final Set<Long> cancelled = new HashSet<>();
        for (int i = 0; i < w.count(); i++)
        {
            final long id = w.orderId[i];
            if (w.op[i] == Workload.OP_NEW)
            {
                assertTrue(null == owner.put(id, w.account[i]), "order id reused: " + id);
            }
            else
            {
                assertEquals(owner.get(id), w.account[i], "row " + i);
                assertTrue(!cancelled.contains(id), "row " + i + " names a cancelled order");
                if (w.op[i] == Workload.OP_CANCEL)
                {
                    cancelled.add(id);
                }
            }
        }
    }

    @Test
    void csvRoundTrip(@TempDir final Path dir) throws Exception
    {
        final Workload w = WorkloadGenerator.generate(WorkloadSpec.SMOKE);
        final Path csv = dir.resolve("smoke.csv");
        w.writeCsv(csv);
        final Workload r = Workload.readCsv(csv);
        assertEquals(w.count(), r.count());
        assertEquals(w.meta, r.meta);
        for (int i = 0; i < w.count(); i++)
        {
            final StringBuilder a = new StringBuilder();
            final StringBuilder b = new StringBuilder();
            w.appendRow(a, i);
            r.appendRow(b, i);
            assertEquals(a.toString(), b.toString());
        }
    }
}
