package io.databourse.journal.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import net.openhft.chronicle.core.io.BackgroundResourceReleaser;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal's directory and every file in it, the queue's own included, are readable by their owner only. */
class OwnerOnlyTest
{
    private static Set<PosixFilePermission> permissions(final Path path) throws IOException
    {
        return Files.getPosixFilePermissions(path);
    }

    private static List<Path> tree(final Path root) throws IOException
    {
        try (Stream<Path> paths = Files.walk(root))
        {
            return paths.collect(Collectors.toList());
        }
    }

    private static void assertOwnerOnly(final Path root) throws IOException
    {
        for (final Path path : tree(root))
        {
            assertEquals(Files.isDirectory(path) ? OwnerOnly.DIRECTORY : OwnerOnly.FILE, permissions(path), path.toString());
        }
    }

    @Test
    void aJournalIsWrittenOwnerOnlyWithItsParents(@TempDir final Path dir) throws IOException
    {
        final Path journalDir = dir.resolve("data/journal");
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer())
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
            writer.append(1, 1, command, 0, 8, command, 0, 0, 0);
        }
        BackgroundResourceReleaser.releasePendingResources();
        assertTrue(tree(journalDir).stream().anyMatch(p -> p.toString().endsWith(".cq4")), "a cycle file was written");
        assertOwnerOnly(dir.resolve("data"));
    }

    @Test
    void aJournalLeftOpenToOthersByAnOlderVersionIsRestrictedWhenOpenedForWriting(@TempDir final Path dir)
        throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        try (Journal journal = Journal.open(journalDir); JournalWriter writer = journal.writer())
        {
            final UnsafeBuffer command = new UnsafeBuffer(new byte[64]);
            writer.append(1, 1, command, 0, 8, command, 0, 0, 0);
        }
        for (final Path path : tree(journalDir))
        {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
        }
        Journal.open(journalDir).close();
        assertOwnerOnly(journalDir);
    }

    @Test
    void theCycleFileOfEachNewDayIsRestrictedAsTheQueueCreatesIt(@TempDir final Path dir) throws IOException
    {
        final SetTimeProvider clock = new SetTimeProvider(1_767_225_600_000L * 1_000_000L);
        OwnerOnly.createDirectories(dir.resolve("q"));
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.resolve("q").toFile())
            .rollCycle(RollCycles.FAST_DAILY).timeProvider(clock).storeFileListener(OwnerOnly.chronicleStoreFiles()).build();
            ExcerptAppender appender = queue.createAppender())
        {
            appender.writeText("day one");
            clock.advanceMillis(86_400_000L);
            appender.writeText("day two");
        }
        BackgroundResourceReleaser.releasePendingResources();
        final long cycleFiles = tree(dir.resolve("q")).stream().filter(p -> p.toString().endsWith(".cq4")).count();
        assertEquals(2, cycleFiles, "one file a day");
        for (final Path path : tree(dir.resolve("q")))
        {
            if (path.toString().endsWith(".cq4"))
            {
                assertEquals(OwnerOnly.FILE, permissions(path), path.toString());
            }
        }
    }

    @Test
    void createDirectoriesMakesAnExistingDirectoryOwnerOnly(@TempDir final Path dir) throws IOException
    {
        final Path open = Files.createDirectory(dir.resolve("open"), PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwxrwxrwx")));
        OwnerOnly.createDirectories(open);
        assertEquals(OwnerOnly.DIRECTORY, permissions(open));
    }
}
