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
