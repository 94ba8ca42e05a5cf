package io.databourse.perf;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs perf-peer (exchange-core 0.5.3) in its own JVM on the same CSV and reads back its
 * {@code PEER_RESULT} line. Its own JVM because exchange-core cannot share our class path.
 */
final class PeerLauncher
{
    static final String PEER_FLAGS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED "
        + "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED "
        + "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED --enable-native-access=ALL-UNNAMED "
        + "-Dchronicle.analytics.disable=true";
    private static final Pattern NUMBER = Pattern.compile("\"%s\":([0-9.eE+-]+|true|false)");

    private PeerLauncher()
    {
    }

    record PeerResult(double opsPerSecMedian, double opsPerSecBest, String waitStrategy, long trades, long expectedTrades, long rejects,
        boolean checkOk, String json)
    {
    }

    static PeerResult run(
        final Path peerJar, final Path csv, final int runs, final int warmups, final String wait, final String heap)
        throws IOException, InterruptedException
    {
        if (!Files.isRegularFile(peerJar))
        {
            throw new IOException("peer jar not found: " + peerJar + " (build it: mvn -q -B package -pl perf-peer)");
        }
        final List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(PEER_FLAGS.split(" ")));
        if (Runtime.version().feature() >= 24)
        {
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.add("-Xmx" + heap);
        cmd.addAll(List.of("-jar", peerJar.toString(), "--csv", csv.toString(), "--runs", Integer.toString(runs),
            "--warmups", Integer.toString(warmups), "--wait", wait));
        final Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        // A peer that hangs (exchange-core has left non-daemon threads behind before) must not hang the suite.
        final long timeoutS = Long.getLong("databourse.perf.peer.timeout.s", 1_200);
        final Thread watchdog = new Thread(() ->
        {
            try
            {
                if (!process.waitFor(timeoutS, TimeUnit.SECONDS))
                {
                    System.out.println("PEER killed after " + timeoutS + " s");
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ignore)
            {
                // the run finished first
            }
        }, "peer-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = in.readLine()))
            {
                System.out.println(line);
                if (line.startsWith("PEER_RESULT "))
                {
                    result = line.substring("PEER_RESULT ".length());
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
        }
        watchdog.interrupt();
        if (null == result)
        {
            throw new IOException("perf-peer printed no PEER_RESULT (exit " + process.exitValue() + ")");
        }
        return new PeerResult(Double.parseDouble(field(result, "ops_per_sec_median")),
            Double.parseDouble(field(result, "ops_per_sec_best")), wait,
            Long.parseLong(field(result, "trades")), Long.parseLong(field(result, "expected_trades")),
            Long.parseLong(field(result, "rejects")), Boolean.parseBoolean(field(result, "check_ok")), result);
    }

    /**
     * A peer started with {@code --serve}: warmed up, then one measured run per {@link #runOnce()}, so
     * that the bench interleaves it run by run with our matcher and both see the same machine load.
     */
    static final class Session implements AutoCloseable
    {
        private static final Pattern OPS = Pattern.compile("ops_per_sec=([0-9.]+)");
        private final Process process;
        private final BufferedReader in;
        private final java.io.Writer out;
        private final String wait;

        Session(final Path peerJar, final Path csv, final int warmups, final String wait, final String heap)
            throws IOException
        {
            if (!Files.isRegularFile(peerJar))
            {
                throw new IOException("peer jar not found: " + peerJar + " (build it: mvn -q -B package -pl perf-peer)");
            }
            this.wait = wait;
            final List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(List.of(PEER_FLAGS.split(" ")));
            if (Runtime.version().feature() >= 24)
            {
                cmd.add("--sun-misc-unsafe-memory-access=allow");
            }
            cmd.add("-Xmx" + heap);
            cmd.addAll(List.of("-jar", peerJar.toString(), "--csv", csv.toString(), "--warmups",
                Integer.toString(warmups), "--wait", wait, "--serve"));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            out = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
            readUntil("PEER ready");
        }

        /** One measured run of the peer; its ops/s. */
        double runOnce() throws IOException
        {
            out.write("run\n");
            out.flush();
            final Matcher m = OPS.matcher(readUntil("PEER run="));
            if (!m.find())
            {
                throw new IOException("no ops_per_sec in the peer's run line");
            }
            return Double.parseDouble(m.group(1));
        }

        /** Ends the peer and returns its summary (checks included). */
        PeerResult finish() throws IOException
        {
            out.write("quit\n");
            out.flush();
            final String json = readUntil("PEER_RESULT ").substring("PEER_RESULT ".length());
            return new PeerResult(Double.parseDouble(field(json, "ops_per_sec_median")),
                Double.parseDouble(field(json, "ops_per_sec_best")), wait, Long.parseLong(field(json, "trades")),
                Long.parseLong(field(json, "expected_trades")), Long.parseLong(field(json, "rejects")),
                Boolean.parseBoolean(field(json, "check_ok")), json);
        }

        /** Echoes the peer's lines until one starts with the prefix (a warm-up line does not count). */
        private String readUntil(final String prefix) throws IOException
        {
            String line;
            while (null != (line = in.readLine()))
            {
                System.out.println(line);
                if (line.startsWith(prefix) && !line.startsWith("PEER run=warmup"))
                {
                    return line;
                }
            }
            throw new IOException("perf-peer ended before printing " + prefix.trim());
        }

        @Override
        public void close()
        {
            try
            {
                if (!process.waitFor(30, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                }
            }
            catch (final InterruptedException ex)
            {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String field(final String json, final String key)
    {
        final Matcher m = Pattern.compile(String.format(NUMBER.pattern(), key)).matcher(json);
        if (!m.find())
        {
            throw new IllegalArgumentException("no " + key + " in " + json);
        }
        return m.group(1);
    }
}
