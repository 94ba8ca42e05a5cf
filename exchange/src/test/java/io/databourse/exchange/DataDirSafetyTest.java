package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.databourse.journal.files.OwnerOnly;
import io.databourse.testsupport.ChildJvm;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import org.agrona.IoUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One exchange per data directory, and nobody but its owner reads it: a second exchange on a
 * directory in use is refused at start with a message naming the holder (another process, or
 * another exchange in this one), the directory is free again once its holder is gone (a kill -9
 * included), and the journal, FIX session stores and settlement state are 0600 files in 0700
 * directories.
 */
class DataDirSafetyTest
{
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private static ExchangeConfig config(final Path dataDir, final String aeronSuffix)
    {
        return new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir("/dev/shm/databourse-lock-" + aeronSuffix + "-" + ProcessHandle.current().pid())
            .fixEnabled(false);
    }

    @Test
    void aSecondExchangeOnADirectoryInUseInThisProcessIsRefusedAndTheFirstCarriesOn(@TempDir final Path dir)
    {
        final Path dataDir = dir.resolve("data");
        try (EmbeddedExchange first = EmbeddedExchange.launch(config(dataDir, "a")))
        {
            final IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> EmbeddedExchange.launch(config(dataDir, "b")));
            assertTrue(refused.getMessage().contains("is in use by another exchange (pid " +
                ProcessHandle.current().pid()), refused.getMessage());
            assertTrue(first.recoveredRecords() == 0 && first.journal() != null, "the first exchange is untouched");
        }
        // released on close: the next start on the directory recovers what the first journaled
        try (EmbeddedExchange again = EmbeddedExchange.launch(config(dataDir, "c")))
        {
            assertTrue(again.recoveredRecords() > 0, "the demo reference data the first one loaded");
        }
    }

    @Test
    void anExchangeRunningInAnotherProcessHoldsItsDirectoryUntilKilled(@TempDir final Path dir) throws Exception
    {
        final Path dataDir = dir.resolve("data");
        final String aeronDir = "/dev/shm/databourse-lock-child-" + ProcessHandle.current().pid();
        final Path log = dir.resolve("engine.log");
        final List<String> cmd = ChildJvm.command("512m", ExchangeMain.class.getName(), "run",
            "--data-dir", dataDir.toString(), "--aeron-dir", aeronDir, "--no-fix", "--no-settlement");
        cmd.add(1, "-Ddatabourse.idle=sleep");
        final Process engine = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try
        {
            awaitRunning(engine, log);
            // a second `run` on the directory: one line naming the holder, exit status 1
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final int status = ExchangeMain.execute(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), "run", "--data-dir", dataDir.toString(),
                "--aeron-dir", aeronDir + "-second", "--no-fix", "--no-settlement", "--no-demo");
            final String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, status, message);
            assertTrue(message.startsWith("databourse run: data directory " + dataDir.toAbsolutePath() +
                " is in use by another exchange (pid " + engine.pid() + ", started "), message);
            assertEquals(1, message.lines().count(), message);
            assertTrue(engine.isAlive(), "the running exchange is not disturbed");

            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            // the operating system released the lock with the process: no stale LOCK file to remove by hand
            try (DataDirLock lock = DataDirLock.acquire(dataDir))
            {
                assertTrue(lock.isHeld());
            }
        }
        finally
        {
            engine.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            IoUtil.delete(new File(aeronDir), true);
        }
    }

    @Test
    void everythingTheExchangeWritesIsOwnerOnly(@TempDir final Path dir) throws Exception
    {
        final Path dataDir = dir.resolve("data");
        // as an older version left it: readable by everyone
        Files.createDirectories(dataDir.resolve("journal"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dataDir.resolve("journal"), PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedExchange exchange = EmbeddedExchange.launch(config(dataDir, "perm")
            .fixEnabled(true).fixPort(0).positionsHttpPort(0)))
        {
            assertTrue(exchange.recoveredRecords() == 0);
        }
        BackgroundResourceReleaser.releasePendingResources();
        final List<Path> paths;
        try (Stream<Path> walk = Files.walk(dataDir))
        {
            paths = walk.collect(Collectors.toList());
        }
        for (final String written : List.of("LOCK", "journal", "fix-sessions", "settlement"))
        {
            assertTrue(Files.exists(dataDir.resolve(written)), written + " written");
        }
        assertTrue(paths.stream().anyMatch(p -> p.startsWith(dataDir.resolve("journal")) && p.toString().endsWith(".cq4")));
        for (final Path path : paths)
        {
            assertEquals(Files.isDirectory(path) ? OwnerOnly.DIRECTORY : OwnerOnly.FILE,
                Files.getPosixFilePermissions(path), dir.relativize(path).toString());
        }
    }

    private static void awaitRunning(final Process engine, final Path log) throws Exception
    {
        final long deadline = System.nanoTime() + TIMEOUT_NS;
        while (System.nanoTime() < deadline)
        {
            if (Files.exists(log) && Files.readString(log).contains("DataBourse running"))
            {
                return;
            }
            if (!engine.isAlive())
            {
                throw new AssertionError("engine died: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("engine did not start: " + Files.readString(log));
    }
}
