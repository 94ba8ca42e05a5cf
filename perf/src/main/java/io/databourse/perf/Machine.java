package io.databourse.perf;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the figures ran on, for the results file and the warning when cores are short. */
final class Machine
{
    private Machine()
    {
    }

    static int cpus()
    {
        return Runtime.getRuntime().availableProcessors();
    }

    static void warnIfCoresShort(final int wanted)
    {
        if (cpus() < wanted)
        {
            System.out.println("WARN " + cpus() + " CPUs available, " + wanted + " wanted: the figures share cores"
                + " with the OS, the JIT and GC threads (and here with other users); expect noise");
        }
    }

    static Map<String, Object> describe()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpu_model", cpuModel());
        m.put("cpus", cpus());
        m.put("memory_total_mib", memTotalMib());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
            + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("jvm_args", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        m.put("load_average_at_start",
            Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0);
        return m;
    }

    private static String cpuModel()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (final String line : lines)
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException ignore)
        {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static long memTotalMib()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/meminfo")))
            {
                if (line.startsWith("MemTotal:"))
                {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        }
        catch (final IOException | NumberFormatException ignore)
        {
            // not Linux
        }
        return -1;
    }
}
