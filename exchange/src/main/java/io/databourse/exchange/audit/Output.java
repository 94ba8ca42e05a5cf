package io.databourse.exchange.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.databourse.journal.files.OwnerOnly;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Where an audit command writes: standard output (left open), or a file created owner-only (it names participants). */
final class Output
{
    private Output()
    {
    }

    static Writer open(final CommandSpec spec, final Path file) throws IOException
    {
        if (null == file)
        {
            return new BufferedWriter(spec.commandLine().getOut(), 1 << 16)
            {
                @Override
                public void close() throws IOException
                {
                    flush(); // standard output stays open
                }
            };
        }
        // a bad --out is the command line's fault: named, and nothing read or written
        final Path parent = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + file + " is a directory, not a file");
        }
        if (null != parent && !Files.isDirectory(parent))
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + file + ": no directory " + parent);
        }
        Files.deleteIfExists(file);
        Files.createFile(file, OwnerOnly.fileAttributes());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
