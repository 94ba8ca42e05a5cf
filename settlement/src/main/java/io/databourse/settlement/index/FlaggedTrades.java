package io.databourse.settlement.index;

import io.databourse.index.IndexBook;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.TradeEvidence;

/**
 * Which trades an alert takes out of the indexes (docs/indexes.md, constituents): every trade named
 * by an alert of a type that flags trades ({@code AlertType.flagsTrades}: a suspected manipulation,
 * whose prices must not make a price). Written once, for the index stage and the {@code indexes}
 * command alike.
 */
public final class FlaggedTrades
{
    private FlaggedTrades()
    {
    }

    /** Excludes the alert's trades from the book; returns how many were still counted somewhere. */
    public static int excludeFrom(final IndexBook book, final Alert alert)
    {
        if (!alert.type().flagsTrades())
        {
            return 0;
        }
        int excluded = 0;
        for (final TradeEvidence t : alert.trades())
        {
            if (book.excludeTrade(t.tradeId(), t.product(), t.timeNs(), t.priceFen(), t.qty()))
            {
                excluded++;
            }
        }
        return excluded;
    }
}
