package io.databourse.exchange.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine;

/**
 * A point in exchange time on the command line: an ISO-8601 instant ({@code 2026-03-01T09:30:00Z},
 * fractions of a second allowed) or a date ({@code 2026-03-01}, its midnight UTC); as epoch ns, the
 * unit of the sequencer's stamps.
 */
final class TimeArg implements CommandLine.ITypeConverter<Long>
{
    @Override
    public Long convert(final String value)
    {
        try
        {
            final Instant instant = value.length() == 10 ?
                LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(value);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new CommandLine.TypeConversionException("not a time: " + value +
                " (an instant such as 2026-03-01T09:30:00Z, or a date such as 2026-03-01)");
        }
    }

    static String format(final long epochNs)
    {
        return Instant.ofEpochSecond(0, epochNs).toString();
    }
}
