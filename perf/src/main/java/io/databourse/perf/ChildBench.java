package io.databourse.perf;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the stand-alone benches (gateway round trip, settlement) in a JVM of its own, with this
 * JVM's flags and class path, and returns the JSON it wrote. Each starts a whole exchange with its own
 * threads; in a JVM of its own it neither inherits the suite's warmed-up matcher nor leaves threads
 * behind in it. Its output is echoed line by line, so the suite's log holds it.
 */
final class ChildBench
{
    private ChildBench()
    {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> run(final String mainClass, final List<String> args, final Path out, final long timeoutS)
        throws IOException, InterruptedException
    {
        Files.deleteIfExists(out);
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // a recording or agent of the suite's JVM is not the child's
            if (!arg.startsWith("-XX:StartFlightRecording") && !arg.startsWith("-agent") && !arg.startsWith("-javaagent"))
            {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        cmd.addAll(List.of("--out", out.toString()));
        final Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final Thread echo = new Thread(() ->
        {
            try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = in.readLine()))
                {
                    System.out.println(line);
                }
            }
            catch (final IOException ignore)
            {
                // the child has gone; its exit code says how
            }
        }, "child-bench-echo");
        echo.setDaemon(true);
        echo.start();
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS))
        {
            process.destroyForcibly().waitFor();
            throw new IOException(mainClass + " did not finish in " + timeoutS + " s");
        }
        echo.join(TimeUnit.SECONDS.toMillis(5));
        if (process.exitValue() != 0 || !Files.isRegularFile(out))
        {
            throw new IOException(mainClass + " exited " + process.exitValue() +
                (Files.isRegularFile(out) ? "" : " without writing " + out));
        }
        return new ObjectMapper().readValue(out.toFile(), Map.class);
    }
}
