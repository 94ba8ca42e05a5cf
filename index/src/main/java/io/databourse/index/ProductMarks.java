package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Each product's mark and how it was decided (docs/indexes.md, marks): the reference price at
 * registration; the window VWAP once the window holds the minimum trades; else an auction's price
 * in the record it uncrossed; else the last mark, carried.
 */
final class ProductMarks
{
    private final long[] mark;
    private final byte[] basis;
    private final long[] asOfNs;
    /** An auction's price in the record being applied (0: none); cleared when evaluated. */
    private final long[] auctionFen;

    ProductMarks(final int productsMax)
    {
        mark = new long[productsMax];
        basis = new byte[productsMax];
        asOfNs = new long[productsMax];
        auctionFen = new long[productsMax];
    }

    /** A product registered with a reference price and no mark yet: marked at it. True when marked. */
    boolean reference(final int p, final long referenceFen, final long timeNs)
    {
        if (IndexBook.BASIS_NONE != basis[p] || referenceFen <= 0)
        {
            return false;
        }
        mark[p] = referenceFen;
        basis[p] = IndexBook.BASIS_REFERENCE;
        asOfNs[p] = timeNs;
        return true;
    }

    void auction(final int p, final long priceFen)
    {
        auctionFen[p] = priceFen;
    }

    /** Decides the mark at this record from the product's window; true when its value or basis changed. */
    boolean evaluate(final int p, final TradeWindow window, final int minTrades, final long timeNs)
    {
        final long newMark;
        final byte newBasis;
        if (window.productTrades(p) >= minTrades)
        {
            newMark = window.productValue(p) / window.productQty(p);
            newBasis = IndexBook.BASIS_VWAP;
        }
        else if (auctionFen[p] > 0)
        {
            newMark = auctionFen[p];
            newBasis = IndexBook.BASIS_AUCTION;
        }
        else
        {
            newMark = mark[p];
            newBasis = IndexBook.BASIS_VWAP == basis[p] ? IndexBook.BASIS_CARRIED : basis[p];
        }
        auctionFen[p] = 0;
        if (newMark == mark[p] && newBasis == basis[p])
        {
            return false;
        }
        mark[p] = newMark;
        basis[p] = newBasis;
        asOfNs[p] = timeNs;
        return true;
    }

    long mark(final int p)
    {
        return mark[p];
    }

    byte basis(final int p)
    {
        return basis[p];
    }

    long asOfNs(final int p)
    {
        return asOfNs[p];
    }

    void writeSnapshot(final DataOutput out, final int productCount) throws IOException
    {
        for (int p = 0; p < productCount; p++)
        {
            out.writeLong(mark[p]);
            out.writeByte(basis[p]);
            out.writeLong(asOfNs[p]);
        }
    }

    void readSnapshot(final DataInput in, final int productCount) throws IOException
    {
        for (int p = 0; p < productCount; p++)
        {
            mark[p] = in.readLong();
            basis[p] = in.readByte();
            asOfNs[p] = in.readLong();
            auctionFen[p] = 0;
        }
    }
}
