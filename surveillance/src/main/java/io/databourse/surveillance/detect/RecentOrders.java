package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * The last {@code capacity} orders entered (ORDER_ACCEPTED), in a ring of primitive arrays with an
 * index by order id: evidence names when and where each order of an alert came in. An entry
 * leaves with its slot, whether the order is still live or not.
 */
public final class RecentOrders
{
    public static final long NONE = -1;

    private final int capacity;
    private final int mask;
    private long count;

    private final long[] orderId;
    private final long[] seq;
    private final long[] timeNs;
    private final int[] participant;
    private final int[] product;
    private final byte[] side;
    private final long[] priceFen;
    private final long[] qty;
    private final Long2LongHashMap numberByOrderId = new Long2LongHashMap(NONE);

    public RecentOrders(final int capacity)
    {
        if (Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        orderId = new long[capacity];
        seq = new long[capacity];
        timeNs = new long[capacity];
        participant = new int[capacity];
        product = new int[capacity];
        side = new byte[capacity];
        priceFen = new long[capacity];
        qty = new long[capacity];
    }

    public void append(
        final long orderId, final long seq, final long timeNs, final int participant, final int product,
        final byte side, final long priceFen, final long qty)
    {
        final long n = count;
        final int slot = (int)(n & mask);
        if (n >= capacity && numberByOrderId.get(this.orderId[slot]) == n - capacity)
        {
            numberByOrderId.remove(this.orderId[slot]);
        }
        this.orderId[slot] = orderId;
        this.seq[slot] = seq;
        this.timeNs[slot] = timeNs;
        this.participant[slot] = participant;
        this.product[slot] = product;
        this.side[slot] = side;
        this.priceFen[slot] = priceFen;
        this.qty[slot] = qty;
        numberByOrderId.put(orderId, n);
        count = n + 1;
        assert numberByOrderId.size() <= capacity : "order index outgrew the ring";
    }

    /** The entry of an order id, or NONE when it is not (or no longer) held. */
    public long find(final long orderId)
    {
        return numberByOrderId.get(orderId);
    }

    private int slot(final long n)
    {
        assert n >= 0 && n < count && n >= count - capacity : "order entry " + n + " no longer held";
        return (int)(n & mask);
    }

    public long seq(final long n)
    {
        return seq[slot(n)];
    }

    public long timeNs(final long n)
    {
        return timeNs[slot(n)];
    }

    public int participant(final long n)
    {
        return participant[slot(n)];
    }

    public int product(final long n)
    {
        return product[slot(n)];
    }

    public byte side(final long n)
    {
        return side[slot(n)];
    }

    public long priceFen(final long n)
    {
        return priceFen[slot(n)];
    }

    public long qty(final long n)
    {
        return qty[slot(n)];
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        final long first = Math.max(0, count - capacity);
        out.writeLong(first);
        out.writeInt((int)(count - first));
        for (long n = first; n < count; n++)
        {
            final int s = slot(n);
            out.writeLong(orderId[s]);
            out.writeLong(seq[s]);
            out.writeLong(timeNs[s]);
            out.writeInt(participant[s]);
            out.writeInt(product[s]);
            out.writeByte(side[s]);
            out.writeLong(priceFen[s]);
            out.writeLong(qty[s]);
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        if (0 != count)
        {
            throw new IllegalStateException("restore into a ring already in use");
        }
        final long first = in.readLong();
        final int held = in.readInt();
        if (first < 0 || held < 0 || held > capacity)
        {
            throw new IOException("snapshot holds " + held + " recent orders, capacity " + capacity);
        }
        count = first;
        for (int k = 0; k < held; k++)
        {
            append(in.readLong(), in.readLong(), in.readLong(), in.readInt(), in.readInt(), in.readByte(),
                in.readLong(), in.readLong());
        }
    }
}
