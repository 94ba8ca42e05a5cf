package io.databourse.gateway.trading;

import java.util.concurrent.atomic.AtomicBoolean;

import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.MessageType;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The one crossing from the gateway's event thread to a session's thread: the matcher's events for
 * the session, market data it subscribed to and the views' answers to its questions, queued in a
 * bounded ring in the order the event thread saw them and read on the session's thread, so that
 * every answer follows the reports of the events before it. A session that cannot keep up is
 * logged out rather than silently missing reports. The event thread only writes here; the session
 * thread only reads.
 */
final class SessionInbox
{
    /** Every trade of a product a session follows: the event as published. */
    static final int PUBLIC_TRADE = 10_000;
    /** A call auction's step (started, indicative, uncrossed), for market data. */
    static final int PUBLIC_AUCTION = 10_006;
    /** A book level changed: {@link #LEVEL_LENGTH} bytes of product, side, price, qty. */
    static final int BOOK_LEVEL = 10_001;
    static final int SNAPSHOT_BEGIN = 10_002;
    static final int SNAPSHOT_LEVEL = 10_003;
    static final int SNAPSHOT_END = 10_004;
    /** The views answered an order question: its number. */
    static final int ORDER_QUERY_ANSWERED = 10_005;
    /** An event record: seq i64, eventIndex i32, OrdStatus i32 (rejects), timeNs i64, then the event. */
    static final int EVENT_HEADER = 24;
    static final int SEQ_OFFSET = 0;
    static final int EVENT_INDEX_OFFSET = 8;
    static final int ORD_STATUS_OFFSET = 12;
    static final int TIME_NS_OFFSET = 16;
    /** A level record: product i32, side i8, price i64 at 8, qty i64 at 16. */
    static final int LEVEL_LENGTH = 24;
    private static final int READ_LIMIT = 1024;

    private final OneToOneRingBuffer ring;
    private final GatewayCounters counters;
    private final MessageHandler reader;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private volatile SessionHandle handle;
    private volatile boolean overflowed;

    /**
     * @param capacity bytes of the ring (rounded up to a power of two)
     * @param reader   what the session's thread does with each record
     */
    SessionInbox(final int capacity, final GatewayCounters counters, final MessageHandler reader)
    {
        this.ring = new OneToOneRingBuffer(new UnsafeBuffer(BufferUtil.allocateDirectAligned(
            BitUtil.findNextPositivePowerOfTwo(capacity) + RingBufferDescriptor.TRAILER_LENGTH, 64)));
        this.counters = counters;
        this.reader = reader;
    }

    /** The session logged on: what waited is read on its thread. */
    void attach(final SessionHandle session)
    {
        handle = session;
        if (ring.size() > 0 && drainScheduled.compareAndSet(false, true))
        {
            session.execute(drainTask);
        }
    }

    /** The session's connection is gone: what arrives waits for its next logon. */
    void detach()
    {
        handle = null;
    }

    /** The logged-on session, or null (any thread: a snapshot). */
    SessionHandle handle()
    {
        return handle;
    }

    // ------------------------------------------------------------------ event thread

    void event(
        final int type, final DirectBuffer buffer, final int offset, final int length, final long seq, final int eventIndex,
        final long timeNs)
    {
        final int index = ring.tryClaim(type, EVENT_HEADER + length);
        if (index > 0)
        {
            final MutableDirectBuffer b = ring.buffer();
            b.putLong(index + SEQ_OFFSET, seq);
            b.putInt(index + EVENT_INDEX_OFFSET, eventIndex);
            b.putLong(index + TIME_NS_OFFSET, timeNs);
            b.putBytes(index + EVENT_HEADER, buffer, offset, length);
            ring.commit(index);
        }
        else
        {
            overflowed = true;
        }
        wake();
    }

    /** A reject with the refused command appended, and the OrdStatus of the order a refused cancel named. */
    void rejected(
        final DirectBuffer buffer, final int offset, final int length, final DirectBuffer commandBuffer,
        final int commandOffset, final int commandLength, final long seq, final int eventIndex, final long timeNs,
        final char ordStatus)
    {
        final int index = ring.tryClaim(MessageType.REJECTED, EVENT_HEADER + length + commandLength);
        if (index > 0)
        {
            final MutableDirectBuffer b = ring.buffer();
            b.putLong(index + SEQ_OFFSET, seq);
            b.putInt(index + EVENT_INDEX_OFFSET, eventIndex);
            b.putInt(index + ORD_STATUS_OFFSET, ordStatus);
            b.putLong(index + TIME_NS_OFFSET, timeNs);
            b.putBytes(index + EVENT_HEADER, buffer, offset, length);
            b.putBytes(index + EVENT_HEADER + length, commandBuffer, commandOffset, commandLength);
            ring.commit(index);
        }
        else
        {
            overflowed = true;
        }
        wake();
    }

    void level(final int type, final int product, final byte side, final long priceFen, final long qty)
    {
        final int index = ring.tryClaim(type, LEVEL_LENGTH);
        if (index > 0)
        {
            final MutableDirectBuffer b = ring.buffer();
            b.putInt(index, product);
            b.putByte(index + 4, side);
            b.putLong(index + 8, priceFen);
            b.putLong(index + 16, qty);
            ring.commit(index);
        }
        else
        {
            overflowed = true;
        }
        wake();
    }

    void queryAnswered(final long number)
    {
        final int index = ring.tryClaim(ORDER_QUERY_ANSWERED, 8);
        if (index > 0)
        {
            ring.buffer().putLong(index, number);
            ring.commit(index);
        }
        else
        {
            overflowed = true;
        }
        wake();
    }

    private void wake()
    {
        final SessionHandle h = handle;
        if (null != h && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
        }
    }

    // ------------------------------------------------------------------ session thread

    private void drain()
    {
        final SessionHandle h = handle;
        if (null != h && !h.onSessionThread())
        {
            // Scheduled for a connection that has since been replaced: move to the current one's thread.
            h.execute(drainTask);
            return;
        }
        drainScheduled.set(false);
        if (null == h)
        {
            return;
        }
        if (overflowed)
        {
            overflowed = false;
            counters.eventQueueOverflows.incrementAndGet();
            h.logout("Gateway event queue overflow: reconnect and request order status");
        }
        h.beginBatch();
        try
        {
            ring.read(reader, READ_LIMIT);
        }
        finally
        {
            h.endBatch();
        }
        if (ring.size() > 0 && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
        }
    }
}
