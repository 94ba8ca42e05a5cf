package io.databourse.settlement.ref;

import java.time.Instant;

/** Renders fen and epoch nanoseconds the way the JSON front door shows them ("12.34", ISO-8601 UTC). */
public final class Format
{
    private Format()
    {
    }

    /** Fen as a yuan decimal string with exactly two decimals: 1234 -> "12.34", -5 -> "-0.05". */
    public static String yuan(final long fen)
    {
        final StringBuilder sb = new StringBuilder(24);
        appendYuan(sb, fen);
        return sb.toString();
    }

    public static StringBuilder appendYuan(final StringBuilder sb, final long fen)
    {
        if (fen < 0)
        {
            sb.append('-');
        }
        // Long.MIN_VALUE has no positive counterpart; balances never get there, but stay exact.
        final long abs = fen == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(fen);
        final long cents = abs % 100;
        sb.append(abs / 100).append('.');
        if (cents < 10)
        {
            sb.append('0');
        }
        return sb.append(cents);
    }

    /** Epoch ns as an ISO-8601 UTC instant ("2026-03-01T10:00:00Z"). */
    public static String time(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .toString();
    }

    /**
     * Appends epoch ns as an ISO-8601 UTC instant, exactly as {@link Instant#toString()} writes it
     * for years 0..9999 (fraction in groups of 3 digits, none when zero), without allocating.
     */
    public static StringBuilder appendTime(final StringBuilder sb, final long epochNs)
    {
        final long epochSecond = Math.floorDiv(epochNs, 1_000_000_000L);
        final int nanos = (int)Math.floorMod(epochNs, 1_000_000_000L);
        final long epochDay = Math.floorDiv(epochSecond, 86_400L);
        final int secondOfDay = (int)Math.floorMod(epochSecond, 86_400L);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
        final long z = epochDay + 719_468L;
        final long era = Math.floorDiv(z, 146_097L);
        final long dayOfEra = z - era * 146_097L;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final int day = (int)(dayOfYear - (153 * mp + 2) / 5 + 1);
        final int month = (int)(mp < 10 ? mp + 3 : mp - 9);
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        pad(sb, year, 4).append('-');
        pad(sb, month, 2).append('-');
        pad(sb, day, 2).append('T');
        pad(sb, secondOfDay / 3_600, 2).append(':');
        pad(sb, secondOfDay / 60 % 60, 2).append(':');
        pad(sb, secondOfDay % 60, 2);
        if (nanos > 0)
        {
            sb.append('.');
            if (nanos % 1_000_000 == 0)
            {
                pad(sb, nanos / 1_000_000, 3);
            }
            else if (nanos % 1_000 == 0)
            {
                pad(sb, nanos / 1_000, 6);
            }
            else
            {
                pad(sb, nanos, 9);
            }
        }
        return sb.append('Z');
    }

    private static StringBuilder pad(final StringBuilder sb, final long value, final int width)
    {
        long limit = 1;
        for (int i = 1; i < width; i++)
        {
            limit *= 10;
        }
        for (long l = limit; l > 1 && value < l; l /= 10)
        {
            sb.append('0');
        }
        return sb.append(value);
    }

    /** Basis points as a fraction string: 4000 -> "0.4000". */
    public static String bpsFraction(final int bps)
    {
        final StringBuilder sb = new StringBuilder(8);
        sb.append(bps / 10_000).append('.');
        final String frac = Integer.toString(bps % 10_000);
        for (int i = frac.length(); i < 4; i++)
        {
            sb.append('0');
        }
        return sb.append(frac).toString();
    }
}
