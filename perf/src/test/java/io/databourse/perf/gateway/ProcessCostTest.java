package io.databourse.perf.gateway;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The round-trip bench's per-process costs, read from /proc (Linux only). */
class ProcessCostTest
{
    @Test
    void sumsTheRunQueueWaitOfEveryThread() throws Exception
    {
        final long pid = ProcessHandle.current().pid();
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        assumeTrue(Files.isDirectory(tasks), "Linux /proc");
        final long before = waitedNs(tasks);
        final ProcessCost cost = ProcessCost.of(pid);
        final long after = waitedNs(tasks);
        assertNotNull(cost);
        assumeTrue(after > 0, "a kernel that keeps schedstats");
        // every thread's schedstat wait summed, between two independent readings around it (threads come and go)
        assertTrue(cost.runQueueWaitNs() > 0, "read: " + cost);
        assertTrue(cost.runQueueWaitNs() <= after + 1_000_000_000L && cost.runQueueWaitNs() >= before / 2,
            before + " <= " + cost.runQueueWaitNs() + " <= " + after);
        assertTrue(cost.threads() > 1);
        assertTrue(cost.since(cost).runQueueWaitNs() == 0);
    }

    private static long waitedNs(final Path tasks) throws Exception
    {
        long sum = 0;
        try (Stream<Path> list = Files.list(tasks))
        {
            for (final Path task : (Iterable<Path>)list::iterator)
            {
                try
                {
                    sum += Long.parseLong(Files.readString(task.resolve("schedstat")).trim().split(" ")[1]);
                }
                catch (final java.io.IOException ignore)
                {
                    // a thread that ended
                }
            }
        }
        return sum;
    }
}
