package io.databourse.exchange.cluster;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.databourse.exchange.ExchangeMain;

/**
 * Cluster members as child processes of this one, each {@code databourse cluster start --node I}
 * in a JVM of its own with this JVM's flags and class path, its output in a log file. They watch
 * this process and stop when it goes (a launcher killed outright leaves no members behind);
 * {@link #close()} stops them with SIGTERM, as Ctrl-C would, then forcibly if they linger.
 */
public final class MemberProcesses implements AutoCloseable
{
    private static final long STOP_TIMEOUT_MS = 10_000;
    private final String heap;
    private final List<String> jvmArgs;
    private final List<Process> processes = new ArrayList<>();

    /** @param heap the members' -Xmx, e.g. "768m" */
    public MemberProcesses(final String heap)
    {
        this(heap, List.of());
    }

    /**
     * @param heap    the members' -Xmx, e.g. "768m"
     * @param jvmArgs more JVM options for the members (e.g. -D settings of the matcher's limits)
     */
    public MemberProcesses(final String heap, final List<String> jvmArgs)
    {
        this.heap = heap;
        this.jvmArgs = List.copyOf(jvmArgs);
    }

    /** The java command line of a child running {@code databourse ARGS} with this JVM's flags (its -Xmx replaced). */
    public static List<String> command(final String heap, final List<String> jvmArgs, final List<String> args)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-javaagent") &&
                !arg.startsWith("-agentlib") && !arg.startsWith("-Xdebug"))
            {
                command.add(arg);
            }
        }
        command.addAll(jvmArgs);
        command.add("-Xmx" + heap);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExchangeMain.class.getName());
        command.addAll(args);
        return command;
    }

    /** Starts a member: {@code databourse ARGS}, its output appended to {@code log}. */
    public Process start(final List<String> args, final Path log)
    {
        try
        {
            final Process process = new ProcessBuilder(command(heap, jvmArgs, args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
            processes.add(process);
            return process;
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("cannot start a cluster member: " + ex.getMessage(), ex);
        }
    }

    public List<Process> processes()
    {
        return processes;
    }

    @Override
    public void close()
    {
        for (final Process process : processes)
        {
            process.destroy();
        }
        for (final Process process : processes)
        {
            try
            {
                if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS))
                {
                    process.destroyForcibly().waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
