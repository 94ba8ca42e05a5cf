package io.databourse.gateway.fix;

import org.agrona.DirectBuffer;

/**
 * A parsed view of one framed FIX message: tag, value offset and value length of each field in
 * arrival order, over the caller's buffer. Parsing allocates nothing; fields are capped at a
 * configured maximum so that a hostile message cannot grow the arrays.
 */
public final class FixMessage
{
    public static final byte SOH = 1;
    /** All fields parsed. */
    public static final int OK = 0;
    /** A field without '=' or with a non-numeric tag: the message must be ignored as garbled. */
    public static final int GARBLED = 1;
    /** More fields than the configured maximum. */
    public static final int TOO_MANY_FIELDS = 2;
    /** Value of a tag that is not a number. */
    public static final int BAD_TAG = Integer.MIN_VALUE;

    private final int[] tags;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int fieldCount;

    public FixMessage(final int fieldsMax)
    {
        tags = new int[fieldsMax];
        valueOffsets = new int[fieldsMax];
        valueLengths = new int[fieldsMax];
    }

    /** Parses a whole message (from "8=" to the SOH after the checksum); returns {@link #OK} or why not. */
    public int parse(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        fieldCount = 0;
        final int end = offset + length;
        int at = offset;
        while (at < end)
        {
            if (fieldCount == tags.length)
            {
                return TOO_MANY_FIELDS;
            }
            int tag = 0;
            boolean negative = false;
            int digits = 0;
            int i = at;
            if (i < end && buffer.getByte(i) == '-')
            {
                negative = true;
                i++;
            }
            byte b = 0;
            while (i < end && (b = buffer.getByte(i)) != '=')
            {
                final int d = b - '0';
                if (d < 0 || d > 9 || digits > 8)
                {
                    return GARBLED;
                }
                tag = tag * 10 + d;
                digits++;
                i++;
            }
            if (i == end || digits == 0)
            {
                return GARBLED;
            }
            final int valueStart = i + 1;
            int j = valueStart;
            while (j < end && buffer.getByte(j) != SOH)
            {
                j++;
            }
            if (j == end)
            {
                return GARBLED;
            }
            tags[fieldCount] = negative ? -tag : tag;
            valueOffsets[fieldCount] = valueStart;
            valueLengths[fieldCount] = j - valueStart;
            fieldCount++;
            at = j + 1;
        }
        return OK;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    public int fieldCount()
    {
        return fieldCount;
    }

    public int tagAt(final int index)
    {
        return tags[index];
    }

    public int valueOffsetAt(final int index)
    {
        return valueOffsets[index];
    }

    public int valueLengthAt(final int index)
    {
        return valueLengths[index];
    }

    /** Index of the first field with this tag, or -1. */
    public int indexOf(final int tag)
    {
        for (int i = 0; i < fieldCount; i++)
        {
            if (tags[i] == tag)
            {
                return i;
            }
        }
        return -1;
    }

    public boolean has(final int tag)
    {
        return indexOf(tag) >= 0;
    }

    /** The field's value as a non-negative or negative integer; {@link Long#MIN_VALUE} when absent or not a number. */
    public long longValue(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? Long.MIN_VALUE : longValueAt(i);
    }

    public long longValueAt(final int index)
    {
        return parseLong(buffer, valueOffsets[index], valueLengths[index]);
    }

    /** True when the tag is present with the single-byte value c. */
    public boolean isChar(final int tag, final char c)
    {
        final int i = indexOf(tag);
        return i >= 0 && valueLengths[i] == 1 && buffer.getByte(valueOffsets[i]) == c;
    }

    /** First byte of the value, or 0 when absent or empty. */
    public byte charValue(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 || valueLengths[i] == 0 ? 0 : buffer.getByte(valueOffsets[i]);
    }

    public boolean valueEquals(final int index, final CharSequence expected)
    {
        final int n = valueLengths[index];
        if (n != expected.length())
        {
            return false;
        }
        final int at = valueOffsets[index];
        for (int i = 0; i < n; i++)
        {
            if (buffer.getByte(at + i) != expected.charAt(i))
            {
                return false;
            }
        }
        return true;
    }

    /** Cold paths (logon, logs, tests) only. */
    public String stringValue(final int tag)
    {
        final int i = indexOf(tag);
        return i < 0 ? null : buffer.getStringWithoutLengthAscii(valueOffsets[i], valueLengths[i]);
    }

    /** The MsgType key ({@link #msgTypeKey}) of field 35, or -1. */
    public int msgTypeKey()
    {
        final int i = indexOf(FixTags.MSG_TYPE);
        return i < 0 ? -1 : msgTypeKey(buffer, valueOffsets[i], valueLengths[i]);
    }

    /** Packs a 1- or 2-character MsgType into an int; -1 for anything else. */
    public static int msgTypeKey(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 1)
        {
            return buffer.getByte(offset) & 0xFF;
        }
        if (length == 2)
        {
            return (buffer.getByte(offset) & 0xFF) | (buffer.getByte(offset + 1) & 0xFF) << 8;
        }
        return -1;
    }

    public static int msgTypeKey(final String msgType)
    {
        if (msgType.length() == 1)
        {
            return msgType.charAt(0);
        }
        if (msgType.length() == 2)
        {
            return msgType.charAt(0) | msgType.charAt(1) << 8;
        }
        return -1;
    }

    /** Parses an optionally signed decimal integer; {@link Long#MIN_VALUE} when not one. */
    public static long parseLong(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > 18)
        {
            return Long.MIN_VALUE;
        }
        int i = 0;
        boolean negative = false;
        if (buffer.getByte(offset) == '-')
        {
            negative = true;
            i = 1;
            if (length == 1)
            {
                return Long.MIN_VALUE;
            }
        }
        long value = 0;
        for (; i < length; i++)
        {
            final int d = buffer.getByte(offset + i) - '0';
            if (d < 0 || d > 9)
            {
                return Long.MIN_VALUE;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    /**
     * What {@link #parseFixedPoint} returns for a well-formed decimal finer than the scale ("12.005"
     * with 2 decimals): a value, but one no whole number of the smallest unit can hold.
     */
    public static final long TOO_PRECISE = Long.MIN_VALUE + 1;

    /**
     * Parses a FIX decimal into a fixed-point long with {@code scale} decimals ("12.34", 2 → 1234).
     * {@link #TOO_PRECISE} when it is a decimal with non-zero digits beyond the scale;
     * {@link Long#MIN_VALUE} when not a decimal or it would overflow.
     */
    public static long parseFixedPoint(final DirectBuffer buffer, final int offset, final int length, final int scale)
    {
        if (length == 0 || length > 19)
        {
            return Long.MIN_VALUE;
        }
        int i = 0;
        boolean negative = false;
        if (buffer.getByte(offset) == '-')
        {
            negative = true;
            i = 1;
        }
        long value = 0;
        int decimals = -1;
        int digits = 0;
        boolean tooPrecise = false;
        for (; i < length; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == '.')
            {
                if (decimals >= 0)
                {
                    return Long.MIN_VALUE;
                }
                decimals = 0;
                continue;
            }
            final int d = b - '0';
            if (d < 0 || d > 9)
            {
                return Long.MIN_VALUE;
            }
            digits++;
            if (decimals >= 0)
            {
                if (decimals == scale)
                {
                    // The rest must still be digits: "12.005x" is malformed, not merely too precise.
                    tooPrecise |= d != 0;
                    continue;
                }
                decimals++;
            }
            value = value * 10 + d;
        }
        if (digits == 0 || digits + scale - Math.max(decimals, 0) > 18)
        {
            return Long.MIN_VALUE;
        }
        if (tooPrecise)
        {
            return TOO_PRECISE;
        }
        for (int d = Math.max(decimals, 0); d < scale; d++)
        {
            value *= 10;
        }
        return negative ? -value : value;
    }
}
