package io.databourse.exchange.audit;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Options several audit commands share, as picocli mixins: one definition, one help text. */
final class AuditOptions
{
    private AuditOptions()
    {
    }

    /** {@code --out FILE}: where the answer goes. */
    static final class Out
    {
        @Option(names = "--out", paramLabel = "FILE",
            description = "write to FILE (created owner-only: it names participants) instead of standard output")
        Path file;

        Writer open(final CommandSpec spec) throws IOException
        {
            return Output.open(spec, file);
        }
    }

    /** {@code --from T --to T}: a window of exchange time, both ends inclusive. */
    static final class Window
    {
        @Option(names = "--from", paramLabel = "T", converter = TimeArg.class,
            description = "from this time on (an instant such as 2026-03-01T09:30:00Z, or a date)")
        Long from;

        @Option(names = "--to", paramLabel = "T", converter = TimeArg.class, description = "up to this time, inclusive")
        Long to;

        /** Refuses, by name, a window that ends before it starts (it would select nothing, silently). */
        void check(final CommandSpec spec)
        {
            if (null != from && null != to && from > to)
            {
                throw new CommandLine.ParameterException(spec.commandLine(),
                    "--from " + TimeArg.format(from) + " is after --to " + TimeArg.format(to));
            }
        }

        long fromNs()
        {
            return null == from ? Long.MIN_VALUE : from;
        }

        long toNs()
        {
            return null == to ? Long.MAX_VALUE : to;
        }
    }
}
