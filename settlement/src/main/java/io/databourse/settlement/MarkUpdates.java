package io.databourse.settlement;

import java.util.Arrays;

/**
 * The product marks a record changed, as the index stage decided them: written into the record's
 * ring slot by the index stage, read from it by the stages after it (positions), so a mark is decided
 * once and only posted downstream (the Disruptor's barrier orders the write before the reads). The
 * tailer empties it when it reuses the slot. Grows only for a record that changes more marks than any
 * before (every product's mark at most).
 */
public final class MarkUpdates
{
    private int[] product = new int[8];
    private long[] markFen = new long[8];
    private byte[] basis = new byte[8];
    private int count;

    void clear()
    {
        count = 0;
    }

    public void add(final int productIndex, final long mark, final byte markBasis)
    {
        if (count == product.length)
        {
            product = Arrays.copyOf(product, count * 2);
            markFen = Arrays.copyOf(markFen, count * 2);
            basis = Arrays.copyOf(basis, count * 2);
        }
        product[count] = productIndex;
        markFen[count] = mark;
        basis[count] = markBasis;
        count++;
    }

    public int count()
    {
        return count;
    }

    public int product(final int k)
    {
        return product[k];
    }

    public long markFen(final int k)
    {
        return markFen[k];
    }

    public byte basis(final int k)
    {
        return basis[k];
    }
}
