package io.databourse.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's subcommands: --help on each, and bad combinations refused with the usage (status 2). */
class ClusterCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        out.reset();
        err.reset();
        return ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyClusterSubcommandHasHelp()
    {
        assertEquals(0, run("cluster", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: databourse cluster"));
        for (final String sub : List.of("start", "gateway", "status", "snapshot"))
        {
            assertEquals(0, run("cluster", sub, "--help"), sub);
            assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: databourse cluster " + sub), out.toString());
        }
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("cluster"));
    }

    @Test
    void badCombinationsAreRefusedBeforeAnythingStarts(@TempDir final Path dir)
    {
        assertEquals(2, run("cluster"));
        assertTrue(err().contains("a subcommand is required"), err());
        assertEquals(2, run("cluster", "start", "--nodes", "3", "--node", "1"));
        assertTrue(err().contains("mutually exclusive"), err());
        assertEquals(2, run("cluster", "start", "--node", "0", "--data-dir", dir.toString()));
        assertTrue(err().contains("--node I needs --members"), err());
        assertEquals(2, run("cluster", "start", "--node", "3", "--members", "127.0.0.1:20000,127.0.0.1:20010",
            "--data-dir", dir.toString()));
        assertTrue(err().contains("--node 3 is not one of the 2 members"), err());
        assertEquals(2, run("cluster", "start", "--node", "0", "--members", "127.0.0.1:20000", "--data-dir", dir.toString()));
        assertTrue(err().contains("--node I needs --secret-file"), err());
        assertEquals(2, run("cluster", "start", "--node", "0", "--members", "127.0.0.1", "--data-dir", dir.toString()));
        assertTrue(err().contains("is not host:basePort"), err());
        assertEquals(2, run("cluster", "start", "--nodes", "3", "--members", "127.0.0.1:20000", "--data-dir", dir.toString()));
        assertTrue(err().contains("--members goes with --node"), err());
        assertEquals(2, run("cluster", "start", "--nodes", "12", "--data-dir", dir.toString()));
        assertTrue(err().contains("a cluster of 12 members: 1 to 9"), err());
        assertEquals(2, run("cluster", "gateway"));
        assertTrue(err().contains("--members"), err());
        assertEquals(2, run("cluster", "gateway", "--members", "127.0.0.1:20000", "--secret-file",
            dir.resolve("secret").toString(), "--journal-dir", dir.resolve("no-such-journal").toString()));
        assertTrue(err().contains("--journal-dir: " + dir.resolve("no-such-journal") + " is not a directory"), err());
        assertEquals(2, run("cluster", "status", "--data-dir", dir.toString()));
        assertTrue(err().contains("no cluster members in"), err());
        assertEquals(2, run("cluster", "snapshot", "--data-dir", dir.toString()));
        assertTrue(err().contains("no cluster members in"), err());
    }
}
