package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.databourse.testsupport.ChildJvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line: strict parsing, --help everywhere, and a failed start that ends the process with one line. */
class ExchangeMainTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /**
     * Every command of the tree, however deep (audit state, cluster status, certificates verify, ...):
     * {@code --help} exits 0 with its usage, and no option's help says "default: null".
     */
    @Test
    void everySubcommandHasHelp()
    {
        final List<List<String>> paths = new ArrayList<>();
        collect(ExchangeMain.commandLine(System.out, System.err), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 20, paths.toString());
        assertTrue(paths.contains(List.of("audit", "state")) && paths.contains(List.of("cluster", "status")), paths.toString());
        for (final List<String> path : paths)
        {
            out.reset();
            final List<String> args = new ArrayList<>(path);
            args.add("--help");
            assertEquals(0, run(args.toArray(String[]::new)), path.toString());
            final String help = out.toString(StandardCharsets.UTF_8);
            assertTrue(help.startsWith("Usage: databourse " + String.join(" ", path)), help);
            assertFalse(help.contains("default: null"), path + " shows a default it does not have:\n" + help);
        }
        out.reset();
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("simulate"));
    }

    private static void collect(final picocli.CommandLine command, final List<String> path, final List<List<String>> paths)
    {
        for (final java.util.Map.Entry<String, picocli.CommandLine> sub : command.getSubcommands().entrySet())
        {
            if (sub.getValue().getCommand() instanceof picocli.CommandLine.HelpCommand)
            {
                continue;
            }
            final List<String> subPath = new ArrayList<>(path);
            subPath.add(sub.getKey());
            paths.add(subPath);
            collect(sub.getValue(), subPath, paths);
        }
    }

    @Test
    void passwdHashesEachPasswordReadFromStandardInput()
    {
        final java.io.InputStream stdin = System.in;
        try
        {
            System.setIn(new java.io.ByteArrayInputStream("p1-demo\nother\n".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, run("passwd", "--iterations", "100000"));
        }
        finally
        {
            System.setIn(stdin);
        }
        final List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), out.toString());
        assertTrue(io.databourse.edge.PasswordHash.parse(lines.get(0)).matches("p1-demo"));
        assertTrue(io.databourse.edge.PasswordHash.parse(lines.get(1)).matches("other"));
        assertFalse(lines.get(0).contains("p1-demo"));
        assertEquals(2, run("passwd", "--iterations", "10"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--iterations must be"), err.toString());
    }

    @Test
    void aMistypedOptionIsRefusedNotIgnored()
    {
        assertEquals(2, run("run", "--fix-prot", "9881"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown options: '--fix-prot'"), err.toString());
    }

    @Test
    void aBadValueIsRefused()
    {
        assertEquals(2, run("run", "--fix-port", "ninety"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--fix-port"), err.toString());
        err.reset();
        assertEquals(2, run("run", "--fix-port", "70000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("ports are 0..65535"), err.toString());
    }

    @Test
    void noSubcommandIsAnError()
    {
        assertEquals(2, run());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a subcommand is required"), err.toString());
    }

    @Test
    void simulateNeedsSettleAndOutTogether(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"]}\n");
        assertEquals(2, run("simulate", "--settle", input.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--settle and --out DIR go together"), err.toString());
        assertEquals(2, run("simulate", dir.resolve("missing.jsonl").toString()));
        assertEquals(0, run("simulate", input.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("participant_registered"));
    }

    @Test
    void simulateExitsNonZeroWhenALineIsMalformed(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"type\":\"participant\",\"id\":\"P1\",\"roles\":[\"buyer\"]}\n{\"type\":\"nonsense\"}\n");
        assertEquals(1, run("simulate", input.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("1 malformed line(s) skipped"), err.toString());
    }

    @Test
    void eventsAndVerifyRefuseADirectoryWithNoJournal(@TempDir final Path dir)
    {
        assertEquals(2, run("events", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("holds no journal"), err.toString());
        assertEquals(2, run("verify", dir.resolve("nope").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no journal directory"), err.toString());
    }

    @Test
    void aStartOnABusyPortExitsWithOneLineAndLeavesNothingBehind(@TempDir final Path dir) throws Exception
    {
        final String aeronDir = "/dev/shm/databourse-cli-test-" + ProcessHandle.current().pid();
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            final List<String> cmd = ChildJvm.command("512m", ExchangeMain.class.getName(), "run",
                "--data-dir", dir.resolve("data").toString(), "--aeron-dir", aeronDir,
                "--fix-port", Integer.toString(busy.getLocalPort()), "--no-settlement");
            final Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the process ends by itself after a failed start");
            final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, child.exitValue(), output);
            final List<String> lines = output.lines()
                .filter(l -> !l.isBlank() && !l.startsWith("removed stale Aeron directory")) // other tests' leftovers
                .toList();
            assertEquals(1, lines.size(), output);
            assertTrue(lines.get(0).startsWith("databourse run: cannot listen for FIX on 127.0.0.1:" + busy.getLocalPort()),
                output);
            assertTrue(lines.get(0).toLowerCase(java.util.Locale.ROOT).contains("address already in use"), output);
            assertFalse(Files.exists(Path.of(aeronDir)), "the media driver's directory is removed");
        }
    }
}
