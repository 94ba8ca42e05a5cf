package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.schema.Codes;

/**
 * The products the book knows, by the matcher's index: each one's id, kind, and the index its trades
 * count towards (docs/indexes.md, constituents): a compute product its (hardware, region) index, a
 * data product its (kind, grade) category, a core-grade product none.
 */
final class IndexProducts
{
    private final int productsMax;
    private int count;
    private final String[] id;
    private final byte[] kind;
    private final int[] indexOf;

    IndexProducts(final int productsMax)
    {
        this.productsMax = productsMax;
        id = new String[productsMax];
        kind = new byte[productsMax];
        indexOf = new int[productsMax];
        Arrays.fill(indexOf, -1);
    }

    /** A product registered: opens its index when it is the first of it, and tells the window where it counts. */
    void register(final int p, final ProductCommandDecoder command, final IndexTable indexes, final TradeWindow window)
    {
        if (p < 0 || p >= productsMax)
        {
            throw new IllegalStateException("product index " + p + " outside 0.." + (productsMax - 1));
        }
        id[p] = command.productId();
        kind[p] = command.kind();
        final byte grade = command.grade();
        count = Math.max(count, p + 1);
        final boolean compute = Codes.ProductKind.COMPUTE == kind[p];
        indexOf[p] = compute ? indexes.compute(command.hardware(), command.region()) :
            Codes.Grade.CORE == grade ? -1 : indexes.category(kind[p], grade);
        window.productIndex(p, compute ? indexOf[p] : -1);
    }

    /** Throws unless a trade's product index names a registered product. */
    void checkTraded(final int p)
    {
        if (p < 0 || p >= count || null == id[p])
        {
            throw new IllegalStateException("trade in unknown product index " + p);
        }
    }

    int count()
    {
        return count;
    }

    /** The product's id, null for an index the journal never registered. */
    String id(final int p)
    {
        return id[p];
    }

    boolean isCompute(final int p)
    {
        return Codes.ProductKind.COMPUTE == kind[p];
    }

    /** The index a product's trades count towards, -1 when none (core grade). */
    int indexOf(final int p)
    {
        return indexOf[p];
    }

    /** Product index of an id, -1 when unknown (linear: alerts are rare). */
    int number(final String productId)
    {
        for (int p = 0; p < count; p++)
        {
            if (productId.equals(id[p]))
            {
                return p;
            }
        }
        return -1;
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        for (int p = 0; p < count; p++)
        {
            out.writeBoolean(null != id[p]);
            if (null != id[p])
            {
                out.writeUTF(id[p]);
                out.writeByte(kind[p]);
                out.writeInt(indexOf[p]);
            }
        }
    }

    /** Reads what {@link #writeSnapshot} wrote, after the index table it names (and tells the window). */
    void readSnapshot(final DataInput in, final IndexTable indexes, final TradeWindow window) throws IOException
    {
        count = in.readInt();
        if (count < 0 || count > productsMax)
        {
            throw new IOException("snapshot holds " + count + " products, limit " + productsMax);
        }
        Arrays.fill(id, null);
        Arrays.fill(indexOf, -1);
        for (int p = 0; p < count; p++)
        {
            if (in.readBoolean())
            {
                id[p] = in.readUTF();
                kind[p] = in.readByte();
                indexOf[p] = in.readInt();
                if (indexOf[p] < -1 || indexOf[p] >= indexes.count())
                {
                    throw new IOException("product " + id[p] + " names index " + indexOf[p]);
                }
            }
            window.productIndex(p, null != id[p] && Codes.ProductKind.COMPUTE == kind[p] ? indexOf[p] : -1);
        }
    }
}
