package io.databourse.gateway.fix;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Builds one outbound FIX message at a time in a buffer it owns. The body is written after a
 * reserved gap; {@link #finish()} then writes "8=FIX.4.4|9=n|" right-aligned into the gap and
 * appends the checksum, so the body is never moved. Allocates nothing per message.
 */
public final class FixEncoder
{
    private static final byte[] BEGIN_STRING = "8=FIX.4.4\u00019=".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Room for "8=FIX.4.4|9=" and up to 9 length digits and a SOH. */
    private static final int BODY_START = 32;
    /** Room for the gateway's own fields of any message it sends, beside what it echoes. */
    private static final int OWN_FIELDS_MAX = 4 * 1024;
    /** "10=nnn|". */
    private static final int TRAILER_LENGTH = 7;

    private final UnsafeBuffer buffer;
    private int position;
    private int messageOffset;
    private int messageLength;

    /**
     * @param messageLengthMax the longest message a peer may send. A reply echoes at most that
     *                         message's values (a Reject mirrors its routing fields, a report its
     *                         ClOrdID, Symbol and Account), so the buffer holds one such message
     *                         plus the gateway's own fields: a reply to any accepted input fits.
     */
    public FixEncoder(final int messageLengthMax)
    {
        buffer = new UnsafeBuffer(new byte[BODY_START + messageLengthMax + OWN_FIELDS_MAX + TRAILER_LENGTH]);
    }

    /** Starts a message: writes 35=msgType. */
    public FixEncoder begin(final CharSequence msgType)
    {
        position = BODY_START;
        return string(FixTags.MSG_TYPE, msgType);
    }

    /** Starts a message of a one-character type: writes 35=msgType. */
    public FixEncoder begin(final char msgType)
    {
        position = BODY_START;
        return charValue(FixTags.MSG_TYPE, msgType);
    }

    /** Starts a message whose type is the value of a field elsewhere (e.g. an echoed message). */
    public FixEncoder begin(final DirectBuffer src, final int offset, final int length)
    {
        position = BODY_START;
        return bytes(FixTags.MSG_TYPE, src, offset, length);
    }

    /** Bytes left for the body; writers check before large groups. */
    public int remaining()
    {
        return buffer.capacity() - TRAILER_LENGTH - position;
    }

    public FixEncoder tag(final int tag)
    {
        position += buffer.putIntAscii(position, tag);
        buffer.putByte(position++, (byte)'=');
        return this;
    }

    private FixEncoder soh()
    {
        buffer.putByte(position++, FixMessage.SOH);
        return this;
    }

    /** Appends to a value started with {@link #tag(int)}; close it with {@link #endField()}. */
    public FixEncoder append(final CharSequence value)
    {
        final int n = value.length();
        for (int i = 0; i < n; i++)
        {
            buffer.putByte(position++, (byte)value.charAt(i));
        }
        return this;
    }

    /** One character; without this overload a char would widen to {@link #append(long)} and print its code. */
    public FixEncoder append(final char value)
    {
        buffer.putByte(position++, (byte)value);
        return this;
    }

    public FixEncoder append(final long value)
    {
        position += buffer.putLongAscii(position, value);
        return this;
    }

    public FixEncoder append(final DirectBuffer src, final int offset, final int length)
    {
        buffer.putBytes(position, src, offset, length);
        position += length;
        return this;
    }

    public FixEncoder endField()
    {
        return soh();
    }

    public FixEncoder string(final int tag, final CharSequence value)
    {
        tag(tag);
        final int n = value.length();
        for (int i = 0; i < n; i++)
        {
            buffer.putByte(position++, (byte)value.charAt(i));
        }
        return soh();
    }

    public FixEncoder bytes(final int tag, final DirectBuffer src, final int offset, final int length)
    {
        tag(tag);
        buffer.putBytes(position, src, offset, length);
        position += length;
        return soh();
    }

    public FixEncoder bytes(final int tag, final byte[] src, final int length)
    {
        tag(tag);
        buffer.putBytes(position, src, 0, length);
        position += length;
        return soh();
    }

    public FixEncoder append(final byte[] src, final int length)
    {
        buffer.putBytes(position, src, 0, length);
        position += length;
        return this;
    }

    public FixEncoder bytes(final int tag, final byte[] src)
    {
        tag(tag);
        buffer.putBytes(position, src);
        position += src.length;
        return soh();
    }

    public FixEncoder charValue(final int tag, final char value)
    {
        tag(tag);
        buffer.putByte(position++, (byte)value);
        return soh();
    }

    public FixEncoder longValue(final int tag, final long value)
    {
        tag(tag);
        position += buffer.putLongAscii(position, value);
        return soh();
    }

    /** A fixed-point value with {@code scale} decimals: (1234, 2) → "12.34"; trailing zeros kept. */
    public FixEncoder decimal(final int tag, final long value, final int scale)
    {
        tag(tag);
        long v = value;
        if (v < 0)
        {
            buffer.putByte(position++, (byte)'-');
            v = -v;
        }
        long divisor = 1;
        for (int i = 0; i < scale; i++)
        {
            divisor *= 10;
        }
        position += buffer.putLongAscii(position, v / divisor);
        if (scale > 0)
        {
            buffer.putByte(position++, (byte)'.');
            long fraction = v % divisor;
            for (int i = scale - 1; i >= 0; i--)
            {
                buffer.putByte(position + i, (byte)('0' + fraction % 10));
                fraction /= 10;
            }
            position += scale;
        }
        return soh();
    }

    public FixEncoder timestampMs(final int tag, final long epochMs)
    {
        tag(tag);
        position += UtcTime.putTimestampMs(buffer, position, epochMs);
        return soh();
    }

    /** Copies a field verbatim from a parsed message. */
    public FixEncoder field(final FixMessage message, final int index)
    {
        return bytes(message.tagAt(index), message.buffer(), message.valueOffsetAt(index), message.valueLengthAt(index));
    }

    /** Writes BeginString, BodyLength and CheckSum; the message is then at {@link #offset()}. */
    public FixEncoder finish()
    {
        final int bodyLength = position - BODY_START;
        final int lengthDigits = digits(bodyLength);
        int start = BODY_START - 1 - lengthDigits;
        buffer.putByte(BODY_START - 1, FixMessage.SOH);
        buffer.putNaturalIntAscii(start, bodyLength);
        start -= BEGIN_STRING.length;
        buffer.putBytes(start, BEGIN_STRING);
        final int checksum = FixFramer.checksum(buffer, start, position);
        buffer.putByte(position++, (byte)'1');
        buffer.putByte(position++, (byte)'0');
        buffer.putByte(position++, (byte)'=');
        buffer.putByte(position++, (byte)('0' + checksum / 100));
        buffer.putByte(position++, (byte)('0' + (checksum / 10) % 10));
        buffer.putByte(position++, (byte)('0' + checksum % 10));
        buffer.putByte(position++, FixMessage.SOH);
        messageOffset = start;
        messageLength = position - start;
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return messageOffset;
    }

    public int length()
    {
        return messageLength;
    }

    /** Cold paths and tests. */
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(messageOffset, messageLength).replace('\u0001', '|');
    }

    private static int digits(final int value)
    {
        int n = 1;
        int v = value;
        while (v >= 10)
        {
            v /= 10;
            n++;
        }
        return n;
    }
}
