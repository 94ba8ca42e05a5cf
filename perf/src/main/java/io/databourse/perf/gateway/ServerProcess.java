package io.databourse.perf.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One server of the round-trip bench in a JVM of its own: started, read until it prints its
 * {@code ... ready port=N} line, its output echoed with its name in front, and asked to quit (a
 * {@code quit} line on its stdin) when closed. A server that does not get ready in time, or hangs on
 * its way out, is killed.
 */
final class ServerProcess implements AutoCloseable
{
    private static final Pattern READY = Pattern.compile(" ready port=([0-9]+)");
    private static final long READY_TIMEOUT_S = 120;

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final int port;
    private final String readyLine;

    private ServerProcess(final String name, final List<String> command) throws IOException
    {
        this.name = name;
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // a bench killed before it closes its servers must not leave them running
        final Thread reaper = new Thread(process::destroyForcibly, "server-reaper-" + name);
        Runtime.getRuntime().addShutdownHook(reaper);
        stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        final CompletableFuture<String> ready = new CompletableFuture<>();
        final Thread echo = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    System.out.println("[" + name + "] " + line);
                    if (!ready.isDone() && READY.matcher(line).find())
                    {
                        ready.complete(line);
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the server has gone; its exit code says how
            }
            ready.complete(null);
        }, "server-echo-" + name);
        echo.setDaemon(true);
        echo.start();
        String line;
        try
        {
            line = ready.get(READY_TIMEOUT_S, TimeUnit.SECONDS);
        }
        catch (final InterruptedException | ExecutionException | TimeoutException ex)
        {
            line = null;
        }
        if (null == line)
        {
            process.destroyForcibly();
            throw new IOException(name + " did not get ready within " + READY_TIMEOUT_S + " s (command: " + command + ")");
        }
        final Matcher m = READY.matcher(line);
        m.find();
        port = Integer.parseInt(m.group(1));
        readyLine = line;
    }

    /** Artio's peer: its shaded jar, with the JVM options of this one that are not module flags (heap, GC). */
    static ServerProcess artio(final Path jar, final List<String> peerArgs) throws IOException
    {
        if (!Files.isRegularFile(jar))
        {
            throw new IOException("Artio peer jar not found: " + jar + " (build it: mvn -q -B package -pl perf-artio)");
        }
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("-Xm") || arg.startsWith("-XX:") && !arg.startsWith("-XX:StartFlightRecording"))
            {
                command.add(arg);
            }
        }
        // the jar's manifest opens what Artio needs; these are for a java that ignores manifests' Add-Opens
        command.add("--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");
        command.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24)
        {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(peerArgs);
        return new ServerProcess("artio", command);
    }

    /** DataBourse's server (echo or full) with this JVM's flags and class path. */
    static ServerProcess databourse(final String name, final String mode, final List<String> jvmProperties)
        throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // a recording or agent of the bench's JVM is not the server's
            if (!arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-agent") && !arg.startsWith("-javaagent"))
            {
                command.add(arg);
            }
        }
        command.addAll(jvmProperties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RoundTripServer.class.getName(),
            "--mode", mode));
        return new ServerProcess(name, command);
    }

    private static String javaExecutable()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name()
    {
        return name;
    }

    int port()
    {
        return port;
    }

    /** The server's process id, for its costs ({@link ProcessCost}). */
    long pid()
    {
        return process.pid();
    }

    /** What the server said when it got ready (its settings). */
    String readyLine()
    {
        return readyLine;
    }

    @Override
    public void close()
    {
        try
        {
            stdin.write("quit\n");
            stdin.flush();
        }
        catch (final IOException ignore)
        {
            // already gone
        }
        try
        {
            if (!process.waitFor(30, TimeUnit.SECONDS))
            {
                System.out.println("[" + name + "] killed: did not quit within 30 s");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
