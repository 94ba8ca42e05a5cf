package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The schema's fixed-width ASCII fields (ids, names, notes: zero-padded), written with the checks
 * the exchange makes of what a client sends, which the generated setters do not make: an id is
 * printable ASCII 0x21..0x7E, a note may hold spaces too, and either fits its width. A refused
 * value leaves the field zeroed (an empty id, which the matcher rejects by name). Offsets here are
 * absolute in the buffer: a codec's {@code offset()} plus the field's generated
 * {@code *EncodingOffset()}; widths are the generated {@code *Length()}.
 */
public final class AsciiFields
{
    private AsciiFields()
    {
    }

    /** Writes an id; false (field zeroed) when {@code value} is longer than the field or not printable ASCII. */
    public static boolean putId(final MutableDirectBuffer buffer, final int at, final int width, final CharSequence value)
    {
        return put(buffer, at, width, value, 0x21);
    }

    /** Writes a note; false (field zeroed) when {@code value} is longer than the field or not printable ASCII or space. */
    public static boolean putText(final MutableDirectBuffer buffer, final int at, final int width, final CharSequence value)
    {
        return put(buffer, at, width, value, 0x20);
    }

    private static boolean put(
        final MutableDirectBuffer buffer, final int at, final int width, final CharSequence value, final int lowest)
    {
        buffer.setMemory(at, width, (byte)0);
        if (null == value)
        {
            return true;
        }
        final int n = value.length();
        if (n > width)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < lowest || c > 0x7E)
            {
                buffer.setMemory(at, width, (byte)0);
                return false;
            }
            buffer.putByte(at + i, (byte)c);
        }
        return true;
    }

    /** Copies an id from another buffer (e.g. a FIX message) without Strings; false (field zeroed) as {@link #putId}. */
    public static boolean putId(
        final MutableDirectBuffer buffer, final int at, final int width,
        final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        buffer.setMemory(at, width, (byte)0);
        if (srcLength > width)
        {
            return false;
        }
        for (int i = 0; i < srcLength; i++)
        {
            final byte c = src.getByte(srcOffset + i);
            if (c < 0x21 || c > 0x7E)
            {
                buffer.setMemory(at, width, (byte)0);
                return false;
            }
            buffer.putByte(at + i, c);
        }
        return true;
    }

    /** Characters before the padding. */
    public static int length(final DirectBuffer buffer, final int at, final int width)
    {
        for (int i = 0; i < width; i++)
        {
            if (buffer.getByte(at + i) == 0)
            {
                return i;
            }
        }
        return width;
    }

    public static String get(final DirectBuffer buffer, final int at, final int width)
    {
        return buffer.getStringWithoutLengthAscii(at, length(buffer, at, width));
    }

    /** Appends the field's characters without a String. */
    public static StringBuilder append(final DirectBuffer buffer, final int at, final int width, final StringBuilder sb)
    {
        final int n = length(buffer, at, width);
        for (int i = 0; i < n; i++)
        {
            sb.append((char)buffer.getByte(at + i));
        }
        return sb;
    }
}
