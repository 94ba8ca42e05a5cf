package io.databourse.gateway.trading;

import org.agrona.DirectBuffer;

/**
 * Where an execution report's event sits in the journal, as one long that orders like the journal:
 * (seq, event index, side of a fill: buy before sell). An execution report made from a matcher
 * event carries it in its ExecID ({@code <seq>-<eventIndex>}, {@code -B} / {@code -S} for a fill's
 * side), so a session's store, which keeps every report sent, tells after a restart which events
 * its client has been sent: those after it are sent at its next logon. 0 means none.
 */
public final class EventPosition
{
    private static final int INDEX_BITS = 20;
    private static final long INDEX_MAX = (1L << INDEX_BITS) - 1;
    private static final byte SOH = 1;

    private EventPosition()
    {
    }

    /** side: 0 for an order event or a buy fill, 1 for a sell fill. */
    public static long of(final long seq, final int eventIndex, final int side)
    {
        assert seq > 0 && seq < (1L << (63 - INDEX_BITS - 1)) : seq;
        assert eventIndex >= 0 && eventIndex <= INDEX_MAX : eventIndex;
        assert side == 0 || side == 1 : side;
        return (seq << (INDEX_BITS + 1)) | ((long)eventIndex << 1) | side;
    }

    public static long seqOf(final long position)
    {
        return position >>> (INDEX_BITS + 1);
    }

    /**
     * The position in the ExecID (17) of an encoded FIX message, or 0 when it has none of a matcher
     * event (another message type, or a report the gateway made itself: {@code G...}).
     */
    public static long ofMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        for (int i = offset; i + 4 < end; i++)
        {
            if (buffer.getByte(i) == SOH && buffer.getByte(i + 1) == '1' && buffer.getByte(i + 2) == '7' &&
                buffer.getByte(i + 3) == '=')
            {
                return parseExecId(buffer, i + 4, end);
            }
        }
        return 0;
    }

    private static long parseExecId(final DirectBuffer buffer, final int start, final int end)
    {
        int at = start;
        long seq = 0;
        int digits = 0;
        for (; at < end && isDigit(buffer.getByte(at)) && digits < 18; at++, digits++)
        {
            seq = seq * 10 + (buffer.getByte(at) - '0');
        }
        if (digits == 0 || at >= end || buffer.getByte(at) != '-' || seq <= 0)
        {
            return 0;
        }
        at++;
        long index = 0;
        digits = 0;
        for (; at < end && isDigit(buffer.getByte(at)) && digits < 7; at++, digits++)
        {
            index = index * 10 + (buffer.getByte(at) - '0');
        }
        if (digits == 0 || index > INDEX_MAX || at >= end)
        {
            return 0;
        }
        int side = 0;
        if (buffer.getByte(at) == '-' && at + 1 < end)
        {
            side = buffer.getByte(at + 1) == 'S' ? 1 : 0;
            at += 2;
        }
        return at < end && buffer.getByte(at) == SOH ? of(seq, (int)index, side) : 0;
    }

    private static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }
}
