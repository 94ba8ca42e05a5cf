package io.databourse.gateway.trading;

import java.util.ArrayDeque;

import io.databourse.journal.schema.AsciiFields;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The ClOrdIDs of one participant's done orders (filled, cancelled, expired) that the
 * {@link OrderView} still holds, for the sessions to refuse a NewOrderSingle or a replace that
 * reuses one: the matcher refuses a live order's ClOrdID, but not a done one's, so a client that
 * resubmits an order it lost track of (across a failover, say) would have it executed twice.
 * <p>Written by the event thread as the view's orders finish and are forgotten (so it holds what
 * the view holds: at most {@code doneOrdersMax} done orders of all participants), read by that
 * participant's session threads. A monitor guards it: held for a hash lookup and a byte compare,
 * contended only by sessions of the same participant. Exact: ids are compared byte by byte, a
 * count per id keeps an id two done orders share until both are forgotten. Allocates only when
 * more ids are held at once than ever before.
 */
final class DoneClOrdIds
{
    private static final class Entry
    {
        final AsciiId clOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
        /** Done orders holding this id. */
        int count;
        /** Another id of the same hash. */
        Entry next;
    }

    private final Long2ObjectHashMap<Entry> byHash = new Long2ObjectHashMap<>();
    private final ArrayDeque<Entry> free = new ArrayDeque<>();
    private int size;

    /** A done order holds this id (event thread). */
    synchronized void add(final AsciiId clOrdId)
    {
        assert !clOrdId.isEmpty();
        final long hash = clOrdId.hash();
        final Entry first = byHash.get(hash);
        for (Entry e = first; null != e; e = e.next)
        {
            if (e.clOrdId.equalTo(clOrdId))
            {
                e.count++;
                return;
            }
        }
        Entry entry = free.poll();
        if (null == entry)
        {
            entry = new Entry();
        }
        entry.clOrdId.set(clOrdId);
        entry.count = 1;
        entry.next = first;
        byHash.put(hash, entry);
        size++;
    }

    /** A done order holding this id was forgotten (event thread). */
    synchronized void remove(final AsciiId clOrdId)
    {
        final long hash = clOrdId.hash();
        Entry previous = null;
        for (Entry e = byHash.get(hash); null != e; previous = e, e = e.next)
        {
            if (e.clOrdId.equalTo(clOrdId))
            {
                assert e.count > 0;
                if (--e.count > 0)
                {
                    return;
                }
                if (null == previous)
                {
                    if (null == e.next)
                    {
                        byHash.remove(hash);
                    }
                    else
                    {
                        byHash.put(hash, e.next);
                    }
                }
                else
                {
                    previous.next = e.next;
                }
                e.next = null;
                e.clOrdId.clear();
                free.add(e);
                size--;
                return;
            }
        }
        throw new IllegalStateException("done ClOrdID not held: " + clOrdId);
    }

    /** True when a done order the view still holds has this ClOrdID (session thread). */
    synchronized boolean contains(final DirectBuffer buffer, final int offset, final int length)
    {
        for (Entry e = byHash.get(AsciiId.hash(buffer, offset, length)); null != e; e = e.next)
        {
            if (e.clOrdId.equalTo(buffer, offset, length))
            {
                return true;
            }
        }
        return false;
    }

    /** Distinct ids held. */
    synchronized int size()
    {
        return size;
    }
}
