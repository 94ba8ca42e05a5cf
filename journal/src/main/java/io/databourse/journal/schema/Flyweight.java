package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Base of every message flyweight: a view over bytes in a buffer, never a copy. Every message
 * starts with the same 8-byte header:
 * <pre>
 *   0  length    u16  total bytes of the message, header included
 *   2  type      u16  {@link MessageType}
 *   4  sessionId i32  the gateway session the command came from / the event is for (0 = operator)
 * </pre>
 * Fields are little-endian. Identifiers are fixed-width ASCII fields padded with zero bytes, so
 * that they can be compared and hashed as longs without creating Strings.
 */
public abstract class Flyweight
{
    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int SESSION_ID_OFFSET = 4;
    public static final int HEADER_LENGTH = 8;

    /** Widths of the fixed ASCII identifier fields. All are multiples of 8. */
    public static final int PARTICIPANT_ID_LENGTH = 16;
    public static final int PRODUCT_ID_LENGTH = 32;
    public static final int CLORDID_LENGTH = 24;
    public static final int NAME_LENGTH = 16;

    protected MutableDirectBuffer buffer;
    protected int offset;

    /** Wraps an existing message for reading (or in-place change). */
    public Flyweight wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = (MutableDirectBuffer)buffer;
        this.offset = offset;
        return this;
    }

    /** Wraps a buffer and writes a fresh header with this message's type and fixed length, zeroing the body. */
    public Flyweight wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId)
    {
        this.buffer = buffer;
        this.offset = offset;
        final int length = fixedLength();
        buffer.setMemory(offset, length, (byte)0);
        buffer.putShort(offset + LENGTH_OFFSET, (short)length);
        buffer.putShort(offset + TYPE_OFFSET, (short)encodedType());
        buffer.putInt(offset + SESSION_ID_OFFSET, sessionId);
        return this;
    }

    /** The type written by {@link #wrapForEncode}; messages sharing a layout override per instance. */
    protected abstract int encodedType();

    /** Bytes of the fixed part of this message. */
    public abstract int fixedLength();

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
    }

    protected void length(final int length)
    {
        buffer.putShort(offset + LENGTH_OFFSET, (short)length);
    }

    public int type()
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    public int sessionId()
    {
        return buffer.getInt(offset + SESSION_ID_OFFSET);
    }

    public static int typeAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    public static int lengthAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
    }

    // ---- fixed-width ASCII fields ----

    /**
     * Writes {@code value} into a zero-padded ASCII field; false (field left zeroed) when the
     * value is longer than the field or holds a byte outside printable ASCII 0x21..0x7E.
     */
    protected boolean putAscii(final int fieldOffset, final int fieldLength, final CharSequence value)
    {
        final int at = offset + fieldOffset;
        buffer.setMemory(at, fieldLength, (byte)0);
        if (null == value)
        {
            return true;
        }
        final int n = value.length();
        if (n > fieldLength)
        {
            return false;
        }
        for (int i = 0; i < n; i++)
        {
            final char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                buffer.setMemory(at, fieldLength, (byte)0);
                return false;
            }
            buffer.putByte(at + i, (byte)c);
        }
        return true;
    }

    /** Copies an ASCII field from another buffer (e.g. a FIX message) without Strings. */
    protected boolean putAscii(
        final int fieldOffset, final int fieldLength, final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        final int at = offset + fieldOffset;
        buffer.setMemory(at, fieldLength, (byte)0);
        if (srcLength > fieldLength)
        {
            return false;
        }
        for (int i = 0; i < srcLength; i++)
        {
            final byte c = src.getByte(srcOffset + i);
            if (c < 0x21 || c > 0x7E)
            {
                buffer.setMemory(at, fieldLength, (byte)0);
                return false;
            }
            buffer.putByte(at + i, c);
        }
        return true;
    }

    /**
     * True when a fixed ASCII field holds an identifier: at least one printable character
     * (0x21..0x7E), then only zero padding.
     */
    public static boolean isValidId(final DirectBuffer buffer, final int offset, final int fieldLength)
    {
        if (buffer.getByte(offset) == 0)
        {
            return false;
        }
        boolean ended = false;
        for (int i = 0; i < fieldLength; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == 0)
            {
                ended = true;
            }
            else if (ended || b < 0x21 || b > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    protected int asciiLength(final int fieldOffset, final int fieldLength)
    {
        final int at = offset + fieldOffset;
        for (int i = 0; i < fieldLength; i++)
        {
            if (buffer.getByte(at + i) == 0)
            {
                return i;
            }
        }
        return fieldLength;
    }

    protected String getAscii(final int fieldOffset, final int fieldLength)
    {
        final int n = asciiLength(fieldOffset, fieldLength);
        return buffer.getStringWithoutLengthAscii(offset + fieldOffset, n);
    }

    protected StringBuilder appendAscii(final int fieldOffset, final int fieldLength, final StringBuilder sb)
    {
        final int n = asciiLength(fieldOffset, fieldLength);
        final int at = offset + fieldOffset;
        for (int i = 0; i < n; i++)
        {
            sb.append((char)buffer.getByte(at + i));
        }
        return sb;
    }

    protected void copyField(final int fieldOffset, final int fieldLength, final DirectBuffer src, final int srcOffset)
    {
        buffer.putBytes(offset + fieldOffset, src, srcOffset, fieldLength);
    }
}
