package io.databourse.matcher.auction;

import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;

/**
 * One side of a book as {@link UncrossingPrice} reads it: its non-empty price levels, best first (a
 * side keeps emptied levels in place for reuse; they are not part of the book). Copied into arrays
 * reused from one auction command to the next, so an auction's indicative price allocates nothing once
 * the arrays have grown to the book.
 */
public final class BookLevels implements UncrossingPrice.Levels
{
    private long[] prices = new long[64];
    private long[] qtys = new long[64];
    private int count;

    /** Reads the side's levels now; valid until the book changes. */
    public BookLevels of(final BookSide side, final LevelStore levels)
    {
        if (prices.length < side.size())
        {
            prices = new long[side.size() * 2];
            qtys = new long[side.size() * 2];
        }
        count = 0;
        for (int depth = 0; depth < side.size(); depth++)
        {
            final int level = side.levelAt(depth);
            if (levels.count(level) > 0)
            {
                prices[count] = levels.priceFen(level);
                qtys[count] = levels.totalQty(level);
                count++;
            }
        }
        return this;
    }

    @Override
    public int count()
    {
        return count;
    }

    @Override
    public long price(final int depth)
    {
        return prices[depth];
    }

    @Override
    public long qty(final int depth)
    {
        return qtys[depth];
    }
}
