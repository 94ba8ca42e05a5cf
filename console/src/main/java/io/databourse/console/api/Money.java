package io.databourse.console.api;

import java.math.BigDecimal;

/** Yuan decimal strings in and out of the console's JSON, as the JSON front door writes them ("12.34"). */
public final class Money
{
    /** Largest amount the console accepts in a field (the matcher has its own, tighter, limits). */
    static final long FEN_MAX = Long.MAX_VALUE / 10_000;

    private Money()
    {
    }

    /**
     * Parses a positive yuan amount with at most two decimals into fen; -1 when it is not one
     * (no exponent, no sign, no more than two decimals, at most {@link #FEN_MAX} fen).
     */
    public static long parseFen(final String text)
    {
        if (null == text || text.isEmpty() || text.length() > 24 || !text.matches("[0-9]+(\\.[0-9]{1,2})?"))
        {
            return -1;
        }
        final BigDecimal fen = new BigDecimal(text).movePointRight(2);
        if (fen.signum() <= 0 || fen.compareTo(BigDecimal.valueOf(FEN_MAX)) > 0)
        {
            return -1;
        }
        return fen.longValueExact();
    }

    public static String yuan(final long fen)
    {
        return io.databourse.settlement.ref.Format.yuan(fen);
    }

    /** A band in basis points as a percentage with two decimals ("20.00"), or "" for none. */
    public static String percent(final int bps)
    {
        if (bps < 0)
        {
            return "";
        }
        final int cents = bps % 100;
        return bps / 100 + "." + (cents < 10 ? "0" : "") + cents;
    }
}
