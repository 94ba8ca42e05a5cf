package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixEncoder;
import org.agrona.DirectBuffer;

/**
 * A short ASCII identifier (ClOrdID, Symbol) held as bytes in a reusable object, so that requests and
 * orders can be remembered, hashed and compared on the hot path without creating Strings.
 */
final class AsciiId
{
    private final byte[] bytes;
    private int length;

    AsciiId(final int capacity)
    {
        bytes = new byte[capacity];
    }

    /** False (and empty) when the value is longer than the capacity. */
    boolean set(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > bytes.length || length < 0)
        {
            this.length = 0;
            return false;
        }
        buffer.getBytes(offset, bytes, 0, length);
        this.length = length;
        return true;
    }

    void set(final AsciiId other)
    {
        System.arraycopy(other.bytes, 0, bytes, 0, other.length);
        length = other.length;
    }

    boolean set(final CharSequence value)
    {
        final int n = value.length();
        if (n > bytes.length)
        {
            length = 0;
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            bytes[i] = (byte)value.charAt(i);
        }
        length = n;
        return true;
    }

    void clear()
    {
        length = 0;
    }

    int length()
    {
        return length;
    }

    boolean isEmpty()
    {
        return length == 0;
    }

    boolean equalTo(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != this.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    boolean equalTo(final AsciiId other)
    {
        if (other.length != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] != other.bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    boolean equalTo(final CharSequence value)
    {
        if (value.length() != length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] != value.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    long hash()
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (bytes[i] & 0xFF)) * 0x100000001b3L;
        }
        return mix(h);
    }

    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * 0x100000001b3L;
        }
        return mix(h);
    }

    private static long mix(final long h)
    {
        long z = h;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** Writes tag=value. */
    void put(final FixEncoder encoder, final int tag)
    {
        encoder.bytes(tag, bytes, length);
    }

    void appendTo(final FixEncoder encoder)
    {
        encoder.append(bytes, length);
    }

    @Override
    public String toString()
    {
        return new String(bytes, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
