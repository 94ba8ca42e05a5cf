package io.databourse.index;

/**
 * The close of a trading day (docs/indexes.md, daily bars and data categories): each traded product's
 * bar, in product order, then each data category chain-linked from the products that traded that
 * day. Days without trades close nothing. Allocates a little (the category links), once a day.
 */
final class DayClose
{
    private final DailyBars bars;
    private final IndexTable indexes;
    private final IndexProducts products;
    private final TradingDay day;
    private final CategoryLink link = new CategoryLink();
    private final long[] pendingLevel;

    DayClose(final DailyBars bars, final IndexTable indexes, final IndexProducts products, final TradingDay day,
        final int indexesMax)
    {
        this.bars = bars;
        this.indexes = indexes;
        this.products = products;
        this.day = day;
        this.pendingLevel = new long[indexesMax];
    }

    /**
     * Closes the current day at the first record of the next one ({@code timeNs}): the categories'
     * levels are worked out from the day's bars before the bars close, published after.
     */
    void close(final IndexBook book, final IndexListener listener, final long timeNs)
    {
        final int traded = bars.tradedCount();
        if (traded > 0)
        {
            bars.sortTraded();
            for (int i = 0; i < indexes.count(); i++)
            {
                pendingLevel[i] = IndexBook.FAMILY_DATA == indexes.family(i) ?
                    link.closeLevel(i, bars, indexes, products) : 0;
            }
            day.closingBars();
            for (int k = 0; k < traded; k++)
            {
                final int p = bars.traded(k);
                if (null != listener)
                {
                    listener.onDailyBar(book, p);
                }
                bars.closeProduct(p, day.day());
            }
            bars.clearTraded();
            for (int i = 0; i < indexes.count(); i++)
            {
                if (pendingLevel[i] > 0 && indexes.publish(i, pendingLevel[i], IndexBook.STATUS_LIVE, timeNs) &&
                    null != listener)
                {
                    listener.onIndex(book, i);
                }
            }
        }
    }

    /** What data category {@code i} would close at if the day ended now (0 before its first close). */
    long indicativeLevel(final int i)
    {
        return link.indicativeLevel(i, bars, indexes, products);
    }
}
