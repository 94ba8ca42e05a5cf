package io.databourse.gateway.trading;

import java.util.ArrayDeque;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.journal.schema.AsciiFields;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What the gateway remembers of a session's requests until the matcher answers them, by ClOrdID:
 * the fields a report of a refusal echoes that the matcher's event does not carry. Pooled, bounded
 * ({@link #PENDING_MAX}); forgotten at disconnect (the matcher's events still arrive, and their
 * reports are made from the events alone). Session thread only.
 */
final class PendingRequests
{
    /** Requests awaiting the matcher at once, per session; more are refused by the gateway. */
    static final int PENDING_MAX = 10_000;

    /** One request; pooled. */
    static final class Request
    {
        /** The FIX MsgType that asked: D, F, G or q. */
        char kind;
        final AsciiId clOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
        final AsciiId origClOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
        final AsciiId symbol = new AsciiId(AsciiFields.PRODUCT_ID_LENGTH);
        char fixSide;
        long orderQty;
        long priceFen;
        char fixOrdType;
        char massCancelType;
    }

    /** By hash of ClOrdID; entries are checked against the full ClOrdID. */
    private final Long2ObjectHashMap<Request> pending = new Long2ObjectHashMap<>();
    private final ArrayDeque<Request> free = new ArrayDeque<>();

    /** A request registered under the message's ClOrdID; null when that id is pending or too many are. */
    Request register(final FixMessage m, final int clOrdIdIndex)
    {
        if (pending.size() >= PENDING_MAX)
        {
            return null;
        }
        final long key = AsciiId.hash(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        if (pending.containsKey(key))
        {
            return null;
        }
        Request r = free.poll();
        if (null == r)
        {
            r = new Request();
        }
        r.kind = 0;
        r.clOrdId.set(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        r.origClOrdId.clear();
        r.symbol.clear();
        r.fixSide = 0;
        r.orderQty = 0;
        r.priceFen = 0;
        r.fixOrdType = 0;
        r.massCancelType = 0;
        pending.put(key, r);
        return r;
    }

    /** Forgets a registered request the matcher will never see (Aeron would not take its command). */
    void cancel(final Request r)
    {
        pending.remove(r.clOrdId.hash());
        free.add(r);
    }

    /** The pending request with this ClOrdID, no longer pending ({@link #release} it after use), or null. */
    Request take(final DirectBuffer buffer, final int offset, final int length)
    {
        final long key = AsciiId.hash(buffer, offset, length);
        final Request r = pending.get(key);
        if (null == r || !r.clOrdId.equalTo(buffer, offset, length))
        {
            return null;
        }
        pending.remove(key);
        return r;
    }

    /** Returns a taken request to the pool; null is ignored. */
    void release(final Request r)
    {
        if (null != r)
        {
            free.add(r);
        }
    }

    /** The session's connection is gone: every request is forgotten. */
    void clear()
    {
        for (final Request r : pending.values())
        {
            free.add(r);
        }
        pending.clear();
    }

    int size()
    {
        return pending.size();
    }
}
