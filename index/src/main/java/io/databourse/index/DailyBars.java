package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Each product's bar of the open trading day and the VWAP of its last closed trading day, with the
 * list of products that traded today (in the order they first did; sorted when the day closes).
 * Open, high, low and close are the tape's (every trade); value, quantity, trades and the VWAP
 * leave out the trades surveillance flagged (what the indexes use), which are counted apart.
 */
final class DailyBars
{
    private final long[] value;
    private final long[] qty;
    private final int[] trades;
    private final long[] open;
    private final long[] high;
    private final long[] low;
    private final long[] close;
    private final long[] previousVwap;
    private final long[] previousDay;
    private final long[] flaggedValue;
    private final long[] flaggedQty;
    private final int[] flaggedTrades;
    private final int[] traded;
    private int tradedCount;

    DailyBars(final int productsMax)
    {
        value = new long[productsMax];
        qty = new long[productsMax];
        trades = new int[productsMax];
        open = new long[productsMax];
        high = new long[productsMax];
        low = new long[productsMax];
        close = new long[productsMax];
        previousVwap = new long[productsMax];
        previousDay = new long[productsMax];
        flaggedValue = new long[productsMax];
        flaggedQty = new long[productsMax];
        flaggedTrades = new int[productsMax];
        traded = new int[productsMax];
    }

    void onTrade(final int p, final long priceFen, final long tradeQty)
    {
        if (0 == trades[p])
        {
            traded[tradedCount++] = p;
            open[p] = priceFen;
            high[p] = priceFen;
            low[p] = priceFen;
        }
        value[p] = Math.addExact(value[p], Math.multiplyExact(priceFen, tradeQty));
        qty[p] = Math.addExact(qty[p], tradeQty);
        trades[p]++;
        high[p] = Math.max(high[p], priceFen);
        low[p] = Math.min(low[p], priceFen);
        close[p] = priceFen;
    }

    /** A trade of today that surveillance flagged leaves the bar's value, quantity and trades. */
    boolean flag(final int p, final long priceFen, final long tradeQty)
    {
        if (trades[p] - flaggedTrades[p] <= 0)
        {
            return false;
        }
        flaggedValue[p] = Math.addExact(flaggedValue[p], Math.multiplyExact(priceFen, tradeQty));
        flaggedQty[p] = Math.addExact(flaggedQty[p], tradeQty);
        flaggedTrades[p]++;
        assert flaggedQty[p] <= qty[p] && flaggedValue[p] <= value[p];
        return true;
    }

    /** Products that traded today, in product order (call once, when the day closes). */
    int sortTraded()
    {
        Arrays.sort(traded, 0, tradedCount);
        return tradedCount;
    }

    int tradedCount()
    {
        return tradedCount;
    }

    int traded(final int k)
    {
        return traded[k];
    }

    /** The product's day is over: its VWAP becomes the previous one, its bar starts again. */
    void closeProduct(final int p, final long day)
    {
        if (qty(p) > 0)
        {
            previousVwap[p] = vwap(p);
            previousDay[p] = day;
        }
        flaggedValue[p] = 0;
        flaggedQty[p] = 0;
        flaggedTrades[p] = 0;
        value[p] = 0;
        qty[p] = 0;
        trades[p] = 0;
        open[p] = 0;
        high[p] = 0;
        low[p] = 0;
        close[p] = 0;
    }

    void clearTraded()
    {
        tradedCount = 0;
    }

    /** Today's traded value, flagged trades left out. */
    long value(final int p)
    {
        return value[p] - flaggedValue[p];
    }

    long qty(final int p)
    {
        return qty[p] - flaggedQty[p];
    }

    int trades(final int p)
    {
        return trades[p] - flaggedTrades[p];
    }

    int flaggedTrades(final int p)
    {
        return flaggedTrades[p];
    }

    long open(final int p)
    {
        return open[p];
    }

    long high(final int p)
    {
        return high[p];
    }

    long low(final int p)
    {
        return low[p];
    }

    long close(final int p)
    {
        return close[p];
    }

    /** Rounded down, flagged trades left out; 0 without (unflagged) trades. */
    long vwap(final int p)
    {
        return 0 == qty(p) ? 0 : value(p) / qty(p);
    }

    long previousVwap(final int p)
    {
        return previousVwap[p];
    }

    long previousDay(final int p)
    {
        return previousDay[p];
    }

    void writeSnapshot(final DataOutput out, final int productCount) throws IOException
    {
        for (int p = 0; p < productCount; p++)
        {
            out.writeLong(value[p]);
            out.writeLong(qty[p]);
            out.writeInt(trades[p]);
            out.writeLong(open[p]);
            out.writeLong(high[p]);
            out.writeLong(low[p]);
            out.writeLong(close[p]);
            out.writeLong(previousVwap[p]);
            out.writeLong(previousDay[p]);
            out.writeLong(flaggedValue[p]);
            out.writeLong(flaggedQty[p]);
            out.writeInt(flaggedTrades[p]);
        }
        out.writeInt(tradedCount);
        for (int k = 0; k < tradedCount; k++)
        {
            out.writeInt(traded[k]);
        }
    }

    void readSnapshot(final DataInput in, final int productCount) throws IOException
    {
        for (int p = 0; p < productCount; p++)
        {
            value[p] = in.readLong();
            qty[p] = in.readLong();
            trades[p] = in.readInt();
            open[p] = in.readLong();
            high[p] = in.readLong();
            low[p] = in.readLong();
            close[p] = in.readLong();
            previousVwap[p] = in.readLong();
            previousDay[p] = in.readLong();
            flaggedValue[p] = in.readLong();
            flaggedQty[p] = in.readLong();
            flaggedTrades[p] = in.readInt();
        }
        tradedCount = in.readInt();
        if (tradedCount < 0 || tradedCount > traded.length)
        {
            throw new IOException("snapshot holds " + tradedCount + " products traded today, limit " + traded.length);
        }
        for (int k = 0; k < tradedCount; k++)
        {
            traded[k] = in.readInt();
        }
    }
}
