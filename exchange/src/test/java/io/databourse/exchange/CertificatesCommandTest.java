package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code databourse certificates verify DIR} over what {@code simulate --settle} wrote (issue 15, hole 8):
 * the intact chain is valid, a chain whose last certificate was removed is not (exit 1, the
 * certificate named by index), and a head checked against a pinned key other than the signer's fails.
 */
class CertificatesCommandTest
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

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifyReportsAnIntactChainAndOneCutShort(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("commands.jsonl");
        Files.write(input, SimulateSettleSystemTest.commands(7, 400));
        final Path settled = dir.resolve("out");
        assertEquals(0, run("simulate", "--settle", "--out", settled.toString(), input.toString()), err.toString());

        assertEquals(0, run("certificates", "verify", settled.toString()), out() + err);
        assertTrue(out().startsWith("VALID "), out());
        final List<String> lines = new ArrayList<>(Files.readAllLines(settled.resolve("certificates.jsonl")));
        assertTrue(lines.size() > 10, "trades happen");

        lines.remove(lines.size() - 1);
        Files.write(settled.resolve("certificates.jsonl"), lines);
        assertEquals(1, run("certificates", "verify", settled.resolve("certificates.jsonl").toString()));
        assertTrue(out().startsWith("INVALID: 1 finding(s)"), out());
        assertTrue(out().contains("removed: certificate " + (lines.size() + 1) + ": cut off the end"), out());
    }

    @Test
    void aPinnedKeyOtherThanTheSignersFails(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("commands.jsonl");
        Files.write(input, SimulateSettleSystemTest.commands(8, 200));
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        assertEquals(0, run("simulate", "--settle", "--out", a.toString(), input.toString()), err.toString());
        assertEquals(0, run("simulate", "--settle", "--out", b.toString(), input.toString()), err.toString());
        // Each output directory has its own key here: b's key did not sign a's head.
        assertEquals(1, run("certificates", "verify", a.toString(), "--public-key", b.resolve("certificates.pub").toString()));
        assertTrue(out().contains("signed head: the head's signature does not verify"), out());
        assertEquals(0, run("certificates", "verify", a.toString(), "--public-key", a.resolve("certificates.pub").toString()));
    }

    @Test
    void helpAndBadArguments(@TempDir final Path dir)
    {
        assertEquals(0, run("certificates", "verify", "--help"));
        assertTrue(out().startsWith("Usage: databourse certificates verify"), out());
        assertEquals(0, run("certificates", "--help"));
        assertTrue(out().contains("verify"), out());
        assertEquals(2, run("certificates"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("a subcommand is required"), err.toString());
        assertEquals(2, run("certificates", "verify", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no certificates at"), err.toString());
        assertEquals(2, run("certificates", "verify", dir.toString(), "--public-key", dir.resolve("none.pub").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read"), err.toString());
    }
}
