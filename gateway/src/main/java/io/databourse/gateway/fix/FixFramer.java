package io.databourse.gateway.fix;

import org.agrona.DirectBuffer;

/**
 * Finds complete FIX messages in a byte stream: "8=FIX...|9=n|" then n bytes then "10=nnn|".
 * Recovery follows QuickFIX/J's decoder so that counterparties see the behaviour certification
 * expects: garbage before a header is skipped; when "10=" is not where BodyLength says, scanning
 * resumes from that point (which drops a message swallowed by a too-long BodyLength); a bad
 * checksum consumes the frame. One instance per connection, not thread-safe, allocates nothing.
 */
public final class FixFramer
{
    /** A complete frame is at {@link #frameOffset()} for {@link #frameLength()} bytes. */
    public static final int FRAME = 1;
    /** Not enough bytes yet; bytes before {@link #consumedTo()} may be discarded. */
    public static final int NEED_MORE = 2;
    /** Bytes up to {@link #consumedTo()} are not a message and were dropped. */
    public static final int GARBLED = 3;
    /** A frame whose checksum is wrong was dropped; scanning goes on at {@link #consumedTo()}. */
    public static final int BAD_CHECKSUM = 4;
    /** BodyLength above the configured maximum: the connection should be closed. */
    public static final int OVERSIZE = 5;

    private static final int BEGIN_STRING_MAX_LENGTH = 16;
    private static final int TRAILER_LENGTH = 7;

    private final int bodyLengthMax;
    private int frameOffset;
    private int frameLength;
    private int consumedTo;
    private int bodyLength;

    public FixFramer(final int bodyLengthMax)
    {
        this.bodyLengthMax = bodyLengthMax;
    }

    /** Scans [start, end) for the next frame; see the status constants. */
    public int scan(final DirectBuffer buffer, final int start, final int end)
    {
        final int header = findHeader(buffer, start, end);
        if (header < 0)
        {
            // Keep a possible partial "8=FIX" at the end; drop the rest.
            consumedTo = Math.max(start, end - 4);
            return consumedTo > start ? GARBLED : NEED_MORE;
        }
        if (header > start)
        {
            consumedTo = header;
            return GARBLED;
        }

        int soh = -1;
        for (int i = header + 2, limit = Math.min(end, header + BEGIN_STRING_MAX_LENGTH); i < limit; i++)
        {
            if (buffer.getByte(i) == FixMessage.SOH)
            {
                soh = i;
                break;
            }
        }
        if (soh < 0)
        {
            return end - header < BEGIN_STRING_MAX_LENGTH ? needMore(header) : garbled(header + 1);
        }
        int at = soh + 1;
        if (end - at < 2)
        {
            return needMore(header);
        }
        if (buffer.getByte(at) != '9' || buffer.getByte(at + 1) != '=')
        {
            return garbled(header + 1);
        }
        at += 2;
        long length = 0;
        int digits = 0;
        while (true)
        {
            if (at == end)
            {
                return needMore(header);
            }
            final byte b = buffer.getByte(at);
            if (b == FixMessage.SOH)
            {
                break;
            }
            final int d = b - '0';
            if (d < 0 || d > 9 || ++digits > 9)
            {
                return garbled(header + 1);
            }
            length = length * 10 + d;
            at++;
        }
        if (digits == 0)
        {
            return garbled(header + 1);
        }
        if (length > bodyLengthMax)
        {
            bodyLength = (int)Math.min(length, Integer.MAX_VALUE);
            consumedTo = end;
            return OVERSIZE;
        }
        bodyLength = (int)length;
        final int checksumAt = at + 1 + bodyLength;
        if (end < checksumAt + TRAILER_LENGTH)
        {
            return needMore(header);
        }
        if (buffer.getByte(checksumAt) != '1' || buffer.getByte(checksumAt + 1) != '0' ||
            buffer.getByte(checksumAt + 2) != '=')
        {
            return garbled(checksumAt);
        }
        int checksum = 0;
        for (int i = 0; i < 3; i++)
        {
            final int d = buffer.getByte(checksumAt + 3 + i) - '0';
            if (d < 0 || d > 9)
            {
                return garbled(checksumAt);
            }
            checksum = checksum * 10 + d;
        }
        if (buffer.getByte(checksumAt + 6) != FixMessage.SOH)
        {
            return garbled(checksumAt);
        }
        frameOffset = header;
        frameLength = checksumAt + TRAILER_LENGTH - header;
        consumedTo = header + frameLength;
        return checksum(buffer, header, checksumAt) == checksum ? FRAME : BAD_CHECKSUM;
    }

    public int frameOffset()
    {
        return frameOffset;
    }

    public int frameLength()
    {
        return frameLength;
    }

    /** Where the next scan should start. */
    public int consumedTo()
    {
        return consumedTo;
    }

    /** The BodyLength of the last frame or oversize announcement. */
    public int bodyLength()
    {
        return bodyLength;
    }

    public static int checksum(final DirectBuffer buffer, final int from, final int to)
    {
        int sum = 0;
        for (int i = from; i < to; i++)
        {
            sum += buffer.getByte(i) & 0xFF;
        }
        return sum & 0xFF;
    }

    private int needMore(final int header)
    {
        consumedTo = header;
        return NEED_MORE;
    }

    private int garbled(final int resumeAt)
    {
        consumedTo = resumeAt;
        return GARBLED;
    }

    /** The next "8=FIX", wherever it is (as QuickFIX/J: garbage may end in any byte). */
    private static int findHeader(final DirectBuffer buffer, final int start, final int end)
    {
        for (int i = start; i + 5 <= end; i++)
        {
            if (buffer.getByte(i) == '8' && buffer.getByte(i + 1) == '=' && buffer.getByte(i + 2) == 'F' &&
                buffer.getByte(i + 3) == 'I' && buffer.getByte(i + 4) == 'X')
            {
                return i;
            }
        }
        return -1;
    }
}
