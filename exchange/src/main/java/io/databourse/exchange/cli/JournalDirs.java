package io.databourse.exchange.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Checks a journal directory argument before Chronicle is asked to open it (it would create one). */
final class JournalDirs
{
    private JournalDirs()
    {
    }

    static void requireJournal(final CommandSpec spec, final Path dir)
    {
        if (!Files.isDirectory(dir))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "no journal directory " + dir);
        }
        try (var files = Files.list(dir))
        {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith(".cq4")))
            {
                throw new CommandLine.ParameterException(spec.commandLine(), dir + " holds no journal (no .cq4 files)");
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot read " + dir + ": " + ex.getMessage());
        }
    }
}
