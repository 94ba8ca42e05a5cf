package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

import io.databourse.journal.schema.Codes;

/**
 * The indexes, in the order their first product registered: identity (a compute hardware and
 * region, or a data kind and grade) and what was last published (value, status, time; for a data
 * category, the volume behind its last link).
 */
final class IndexTable
{
    private final int capacity;
    private int count;
    private final String[] id;
    private final byte[] family;
    private final String[] hardware;
    private final String[] region;
    private final byte[] kind;
    private final byte[] grade;
    private final long[] value;
    private final byte[] status;
    private final long[] asOfNs;
    private final long[] closeQty;
    private final int[] closeTrades;
    private final int[] closeConstituents;

    IndexTable(final int capacity)
    {
        this.capacity = capacity;
        id = new String[capacity];
        family = new byte[capacity];
        hardware = new String[capacity];
        region = new String[capacity];
        kind = new byte[capacity];
        grade = new byte[capacity];
        value = new long[capacity];
        status = new byte[capacity];
        asOfNs = new long[capacity];
        closeQty = new long[capacity];
        closeTrades = new int[capacity];
        closeConstituents = new int[capacity];
    }

    /** The compute index of a hardware and region, made on first use. */
    int compute(final String hw, final String rg)
    {
        for (int i = 0; i < count; i++)
        {
            if (IndexBook.FAMILY_COMPUTE == family[i] && hw.equals(hardware[i]) && rg.equals(region[i]))
            {
                return i;
            }
        }
        final int i = add("IDX." + hw + "." + rg, IndexBook.FAMILY_COMPUTE);
        hardware[i] = hw;
        region[i] = rg;
        return i;
    }

    /** The data-category index of a kind and grade, made on first use. */
    int category(final byte k, final byte g)
    {
        for (int i = 0; i < count; i++)
        {
            if (IndexBook.FAMILY_DATA == family[i] && kind[i] == k && grade[i] == g)
            {
                return i;
            }
        }
        final int i = add("IDX." + Codes.nameOf(Codes.ProductKind.NAMES, k).toUpperCase(Locale.ROOT) + "." +
            Codes.nameOf(Codes.Grade.NAMES, g).toUpperCase(Locale.ROOT), IndexBook.FAMILY_DATA);
        kind[i] = k;
        grade[i] = g;
        return i;
    }

    private int add(final String indexId, final byte indexFamily)
    {
        if (count == capacity)
        {
            throw new IllegalStateException("more than " + capacity + " indexes");
        }
        final int i = count++;
        id[i] = indexId;
        family[i] = indexFamily;
        return i;
    }

    /** Records a published value; false when it is what was published already. */
    boolean publish(final int i, final long newValue, final byte newStatus, final long timeNs)
    {
        if (newValue == value[i] && newStatus == status[i])
        {
            return false;
        }
        value[i] = newValue;
        status[i] = newStatus;
        asOfNs[i] = timeNs;
        return true;
    }

    void closeVolume(final int i, final long qty, final int trades, final int constituents)
    {
        closeQty[i] = qty;
        closeTrades[i] = trades;
        closeConstituents[i] = constituents;
    }

    int count()
    {
        return count;
    }

    String id(final int i)
    {
        return id[i];
    }

    /** Index number of an id, -1 when none (linear: control plane only). */
    int number(final String indexId)
    {
        for (int i = 0; i < count; i++)
        {
            if (id[i].equals(indexId))
            {
                return i;
            }
        }
        return -1;
    }

    byte family(final int i)
    {
        return family[i];
    }

    long value(final int i)
    {
        return value[i];
    }

    byte status(final int i)
    {
        return status[i];
    }

    long asOfNs(final int i)
    {
        return asOfNs[i];
    }

    long closeQty(final int i)
    {
        return closeQty[i];
    }

    int closeTrades(final int i)
    {
        return closeTrades[i];
    }

    int closeConstituents(final int i)
    {
        return closeConstituents[i];
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(count);
        for (int i = 0; i < count; i++)
        {
            out.writeUTF(id[i]);
            out.writeByte(family[i]);
            out.writeUTF(null == hardware[i] ? "" : hardware[i]);
            out.writeUTF(null == region[i] ? "" : region[i]);
            out.writeByte(kind[i]);
            out.writeByte(grade[i]);
            out.writeLong(value[i]);
            out.writeByte(status[i]);
            out.writeLong(asOfNs[i]);
            out.writeLong(closeQty[i]);
            out.writeInt(closeTrades[i]);
            out.writeInt(closeConstituents[i]);
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        count = in.readInt();
        if (count < 0 || count > capacity)
        {
            throw new IOException("snapshot holds " + count + " indexes, limit " + capacity);
        }
        for (int i = 0; i < count; i++)
        {
            id[i] = in.readUTF();
            family[i] = in.readByte();
            final String hw = in.readUTF();
            final String rg = in.readUTF();
            hardware[i] = IndexBook.FAMILY_COMPUTE == family[i] ? hw : null;
            region[i] = IndexBook.FAMILY_COMPUTE == family[i] ? rg : null;
            kind[i] = in.readByte();
            grade[i] = in.readByte();
            value[i] = in.readLong();
            status[i] = in.readByte();
            asOfNs[i] = in.readLong();
            closeQty[i] = in.readLong();
            closeTrades[i] = in.readInt();
            closeConstituents[i] = in.readInt();
        }
    }
}
