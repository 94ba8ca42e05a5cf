package io.databourse.exchange.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What an audit command reads, from the directory it is given: an exchange's data directory (its
 * {@code journal}, {@code snapshots} and {@code settlement} beside each other), or a bare journal
 * directory (as {@code simulate --journal} writes: no snapshots, no certificates).
 */
record AuditDir(Path journal, Path snapshots, Path settlement)
{
    static AuditDir resolve(final CommandSpec spec, final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "no directory " + dir);
        }
        if (holdsJournal(dir.resolve("journal")))
        {
            return new AuditDir(dir.resolve("journal"), dir.resolve("snapshots"), dir.resolve("settlement"));
        }
        if (holdsJournal(dir))
        {
            return new AuditDir(dir, null, null);
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
            dir + " holds no journal: give a data directory (DIR/journal) or a journal directory (.cq4 files)");
    }

    private static boolean holdsJournal(final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(dir))
        {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            return false;
        }
    }
}
