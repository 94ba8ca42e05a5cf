package io.databourse.surveillance.detect;

import java.math.BigDecimal;

import io.databourse.surveillance.alert.AlertJson;

/** Small renderings for alert texts: money, percentages, durations. */
final class Texts
{
    private static final long SECOND_NS = 1_000_000_000L;

    private Texts()
    {
    }

    static String yuan(final long fen)
    {
        return AlertJson.yuan(fen);
    }

    /** Basis points as a percentage with one decimal: 625 -> "6.3 %". */
    static String percent(final long bps)
    {
        return BigDecimal.valueOf(bps, 2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
    }

    /** A duration rounded to the second: "45 s", "3 min 20 s", "2 h 5 min". */
    static String duration(final long ns)
    {
        final long s = Math.max(0, ns) / SECOND_NS;
        if (s < 60)
        {
            return s + " s";
        }
        if (s < 3_600)
        {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        final long minutes = s / 60 % 60;
        return 0 == minutes ? s / 3_600 + " h" : s / 3_600 + " h " + minutes + " min";
    }

    /** Basis points of {@code part} in {@code whole}, rounded down. */
    static long bps(final long part, final long whole)
    {
        assert whole > 0;
        try
        {
            return Math.multiplyExact(part, 10_000L) / whole;
        }
        catch (final ArithmeticException ex)
        {
            return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(10_000L))
                .divide(BigDecimal.valueOf(whole), java.math.RoundingMode.DOWN).longValue();
        }
    }
}
