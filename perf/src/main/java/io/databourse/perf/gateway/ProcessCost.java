package io.databourse.perf.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a server process spent, from Linux's /proc: CPU time and context switches summed over its
 * threads (voluntary: a thread blocked or parked and was woken; involuntary: it was preempted). The
 * difference of two snapshots around a run, divided by the orders of the run, is the server's cost
 * an order, which other work on a shared machine changes far less than it changes latency: it is
 * what the thread budget's A/B runs compare beside the latencies.
 * <p>{@code runQueueWaitNs} (schedstat's second field, where the kernel keeps it) is how long the
 * server's threads were ready to run but waiting for a CPU: the scheduler's share of a latency,
 * which on a shared two-core machine is most of a p99.
 */
record ProcessCost(long cpuTicks, long voluntarySwitches, long involuntarySwitches, long runQueueWaitNs, int threads)
{
    /** Clock ticks a second of /proc/PID/task/TID/stat's utime and stime (USER_HZ, 100 on Linux). */
    static final long TICKS_PER_SECOND = 100;

    /** The process's totals now, or null where /proc cannot tell (not Linux, process gone). */
    static ProcessCost of(final long pid)
    {
        final Path tasks = Path.of("/proc", Long.toString(pid), "task");
        if (!Files.isDirectory(tasks))
        {
            return null;
        }
        long ticks = 0;
        long voluntary = 0;
        long involuntary = 0;
        long runQueueWaitNs = 0;
        int threads = 0;
        try (Stream<Path> list = Files.list(tasks))
        {
            for (final Path task : (Iterable<Path>)list::iterator)
            {
                try
                {
                    final String stat = Files.readString(task.resolve("stat"));
                    // the fields after the ")" that closes the thread's name: utime and stime are the 12th and 13th
                    final String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    for (final String line : Files.readAllLines(task.resolve("status")))
                    {
                        if (line.startsWith("voluntary_ctxt_switches:"))
                        {
                            voluntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                        else if (line.startsWith("nonvoluntary_ctxt_switches:"))
                        {
                            involuntary += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                        }
                    }
                    runQueueWaitNs += runQueueWaitNs(task);
                    threads++;
                }
                catch (final IOException | RuntimeException ex)
                {
                    // a thread that ended between the listing and the read: it is not counted
                }
            }
        }
        catch (final IOException ex)
        {
            return null;
        }
        return new ProcessCost(ticks, voluntary, involuntary, runQueueWaitNs, threads);
    }

    /** Nanoseconds the thread has waited on a run queue (/proc/.../schedstat: on-CPU, waiting, slices), 0 if unknown. */
    private static long runQueueWaitNs(final Path task)
    {
        try
        {
            final String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
            return fields.length >= 2 ? Long.parseLong(fields[1]) : 0;
        }
        catch (final IOException | RuntimeException ex)
        {
            return 0; // a kernel without schedstats
        }
    }

    /** This minus an earlier snapshot (threads: this one's count). */
    ProcessCost since(final ProcessCost before)
    {
        return new ProcessCost(cpuTicks - before.cpuTicks, voluntarySwitches - before.voluntarySwitches,
            involuntarySwitches - before.involuntarySwitches, runQueueWaitNs - before.runQueueWaitNs, threads);
    }

    double cpuMs()
    {
        return cpuTicks * 1000.0 / TICKS_PER_SECOND;
    }
}
