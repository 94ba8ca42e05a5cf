package io.databourse.index;

import java.util.Arrays;

/**
 * What a record changed, published once at its end (docs/indexes.md): the compute indexes whose
 * window moved, then the marks of the products whose inputs moved, each in ascending order. An index
 * with at least {@code minTrades} trades in the window is live at their VWAP; else it keeps its last
 * live value, stale (none before it was ever live).
 */
final class IndexPublication
{
    private final IndexRules rules;
    private final TradeWindow window;
    private final IndexTable indexes;
    private final ProductMarks marks;

    private final boolean[] productChanged;
    private final int[] changedProducts;
    private int changedProductCount;
    private final boolean[] indexChanged;
    private final int[] changedIndexes;
    private int changedIndexCount;

    IndexPublication(
        final IndexRules rules, final TradeWindow window, final IndexTable indexes, final ProductMarks marks,
        final int productsMax, final int indexesMax)
    {
        this.rules = rules;
        this.window = window;
        this.indexes = indexes;
        this.marks = marks;
        productChanged = new boolean[productsMax];
        changedProducts = new int[productsMax];
        indexChanged = new boolean[indexesMax];
        changedIndexes = new int[indexesMax];
    }

    void productChanged(final int p)
    {
        if (!productChanged[p])
        {
            productChanged[p] = true;
            changedProducts[changedProductCount++] = p;
        }
    }

    void indexChanged(final int i)
    {
        if (!indexChanged[i])
        {
            indexChanged[i] = true;
            changedIndexes[changedIndexCount++] = i;
        }
    }

    /** Compute indexes then marks whose inputs changed in this record, in ascending order. */
    void publish(final IndexBook book, final IndexListener listener, final long timeNs)
    {
        if (changedIndexCount > 1)
        {
            Arrays.sort(changedIndexes, 0, changedIndexCount);
        }
        for (int k = 0; k < changedIndexCount; k++)
        {
            final int i = changedIndexes[k];
            indexChanged[i] = false;
            // live: the window VWAP, with at least minTrades trades; else the last live value, stale
            final boolean live = window.indexTrades(i) >= rules.minTrades();
            final byte status = live ? IndexBook.STATUS_LIVE :
                IndexBook.STATUS_NONE == indexes.status(i) ? IndexBook.STATUS_NONE : IndexBook.STATUS_STALE;
            final long value = live ? window.indexValue(i) / window.indexQty(i) : indexes.value(i);
            if (indexes.publish(i, value, status, timeNs) && null != listener)
            {
                listener.onIndex(book, i);
            }
        }
        changedIndexCount = 0;
        if (changedProductCount > 1)
        {
            Arrays.sort(changedProducts, 0, changedProductCount);
        }
        for (int k = 0; k < changedProductCount; k++)
        {
            final int p = changedProducts[k];
            productChanged[p] = false;
            if (marks.evaluate(p, window, rules.markMinTrades(), timeNs) && null != listener)
            {
                listener.onMark(book, p);
            }
        }
        changedProductCount = 0;
    }
}
