package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

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
 * <p>Bounds are checked once per message, not once per field: {@link #wrap} and
 * {@link #wrapForEncode} check that the whole fixed part lies inside the buffer (as SBE's codecs
 * check a message's limit), and the field accessors then read and write it directly. A flyweight
 * sees the buffer's bytes as they were placed when it was wrapped: wrap again after the buffer is
 * re-wrapped or has grown.
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
    /** Width of a free-text note (an alert id, a reason): printable ASCII, spaces allowed. */
    public static final int NOTE_LENGTH = 32;

    protected MutableDirectBuffer buffer;
    protected int offset;
    // The message's first byte as the buffer's own accessors address it (its array, or null for
    // off-heap memory, and the address within), set once its bounds are checked.
    private byte[] array;
    private long address;

    /**
     * Wraps an existing message for reading (or in-place change).
     *
     * @throws IndexOutOfBoundsException when the buffer does not hold this message's fixed part at {@code offset}
     */
    public Flyweight wrap(final DirectBuffer buffer, final int offset)
    {
        checkBounds(buffer, offset);
        rewrap(buffer, offset);
        return this;
    }

    /**
     * Points this flyweight at a checked message. The references are stored only when they change:
     * a flyweight is re-wrapped over the same buffer message after message, and a reference store
     * costs a GC write barrier where comparing costs nothing.
     */
    private void rewrap(final DirectBuffer buffer, final int offset)
    {
        if (this.buffer != buffer)
        {
            this.buffer = (MutableDirectBuffer)buffer;
        }
        final byte[] bytes = buffer.byteArray();
        if (this.array != bytes)
        {
            this.array = bytes;
        }
        this.offset = offset;
        this.address = buffer.addressOffset() + offset;
    }

    private void checkBounds(final DirectBuffer buffer, final int offset)
    {
        final int length = fixedLength();
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException(getClass().getSimpleName() + " of " + length + " bytes at " + offset +
                " does not fit a buffer of " + buffer.capacity());
        }
    }

    /** Wraps a buffer and writes a fresh header with this message's type and fixed length, zeroing the body. */
    public Flyweight wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId)
    {
        final int length = fixedLength();
        if (offset >= 0 && (long)offset + length > buffer.capacity() && offset <= Integer.MAX_VALUE - length)
        {
            buffer.checkLimit(offset + length); // an expandable buffer grows (before its address is taken); others throw
        }
        checkBounds(buffer, offset);
        rewrap(buffer, offset);
        UnsafeApi.setMemory(array, address, length, (byte)0);
        putShort(LENGTH_OFFSET, (short)length);
        putShort(TYPE_OFFSET, (short)encodedType());
        putInt(SESSION_ID_OFFSET, sessionId);
        return this;
    }

    /**
     * Wraps for an encoder that then writes every byte of the fixed part itself, header included
     * ({@link OrderEvent#encode}): bounds are checked as by {@link #wrapForEncode}, nothing is zeroed.
     */
    protected final void wrapForWholeEncode(final MutableDirectBuffer buffer, final int offset)
    {
        final int length = fixedLength();
        if (offset >= 0 && (long)offset + length > buffer.capacity() && offset <= Integer.MAX_VALUE - length)
        {
            buffer.checkLimit(offset + length);
        }
        checkBounds(buffer, offset);
        rewrap(buffer, offset);
    }

    /** The array of the message's first byte (null off-heap), for an encoder's direct writes. */
    protected final byte[] array()
    {
        return array;
    }

    /** The message's first byte as {@link #array()}'s address, for an encoder's direct writes. */
    protected final long address()
    {
        return address;
    }

    // ---- fields of the fixed part: in bounds since the wrap checked it (native order, as the buffer's own) ----

    protected final byte getByte(final int fieldOffset)
    {
        return UnsafeApi.getByte(array, address + fieldOffset);
    }

    protected final short getShort(final int fieldOffset)
    {
        return UnsafeApi.getShort(array, address + fieldOffset);
    }

    protected final int getInt(final int fieldOffset)
    {
        return UnsafeApi.getInt(array, address + fieldOffset);
    }

    protected final long getLong(final int fieldOffset)
    {
        return UnsafeApi.getLong(array, address + fieldOffset);
    }

    protected final void putByte(final int fieldOffset, final byte value)
    {
        UnsafeApi.putByte(array, address + fieldOffset, value);
    }

    protected final void putShort(final int fieldOffset, final short value)
    {
        UnsafeApi.putShort(array, address + fieldOffset, value);
    }

    protected final void putInt(final int fieldOffset, final int value)
    {
        UnsafeApi.putInt(array, address + fieldOffset, value);
    }

    protected final void putLong(final int fieldOffset, final long value)
    {
        UnsafeApi.putLong(array, address + fieldOffset, value);
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
        return getShort(LENGTH_OFFSET) & 0xFFFF;
    }

    protected void length(final int length)
    {
        putShort(LENGTH_OFFSET, (short)length);
    }

    public int type()
    {
        return getShort(TYPE_OFFSET) & 0xFFFF;
    }

    public int sessionId()
    {
        return getInt(SESSION_ID_OFFSET);
    }

    public static int typeAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    public static int lengthAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
    }

    // ---- fixed-width ASCII fields ({@link AsciiFields}) ----

    /** False (field left zeroed) when the value is too long or not printable ASCII 0x21..0x7E. */
    protected boolean putAscii(final int fieldOffset, final int fieldLength, final CharSequence value)
    {
        return AsciiFields.putId(buffer, offset + fieldOffset, fieldLength, value);
    }

    /** False (field left zeroed) when the value is too long or not printable ASCII 0x20..0x7E (spaces allowed). */
    protected boolean putText(final int fieldOffset, final int fieldLength, final CharSequence value)
    {
        return AsciiFields.putText(buffer, offset + fieldOffset, fieldLength, value);
    }

    /** Copies an ASCII field from another buffer (e.g. a FIX message) without Strings. */
    protected boolean putAscii(
        final int fieldOffset, final int fieldLength, final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return AsciiFields.putId(buffer, offset + fieldOffset, fieldLength, src, srcOffset, srcLength);
    }

    protected static final boolean IS_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long PLUS_5F = 0x5F5F_5F5F_5F5F_5F5FL;

    /**
     * True when a fixed ASCII field holds an identifier: at least one printable character
     * (0x21..0x7E), then only zero padding.
     * <p>Checked eight bytes at a time (SWAR) when the width is a multiple of 8, as every id field
     * is: the matcher validates a clOrdId on every order, replace and cancel.
     */
    public static boolean isValidId(final DirectBuffer buffer, final int offset, final int fieldLength)
    {
        if ((fieldLength & 7) != 0)
        {
            return isValidIdBytewise(buffer, offset, fieldLength);
        }
        IdWords.check(buffer, offset, fieldLength);
        if (UnsafeApi.getByte(buffer.byteArray(), buffer.addressOffset() + offset) == 0)
        {
            return false;
        }
        boolean ended = false;
        for (int i = 0; i < fieldLength; i += 8)
        {
            // byte j of the field is bits 8j..8j+7 of x
            final long native8 = IdWords.word(buffer, offset + i);
            final long x = IS_LITTLE_ENDIAN ? native8 : Long.reverseBytes(native8);
            if (ended)
            {
                if (x != 0)
                {
                    return false;
                }
                continue;
            }
            if ((x & HIGHS) != 0)
            {
                return false;
            }
            final long zero = zeroBytes(x);
            final long atMost20 = ~(x + PLUS_5F) & HIGHS; // every byte < 0x80 here, so no carries
            if ((atMost20 & ~zero) != 0 || zeroBytes(x ^ LOW7) != 0)
            {
                return false; // a control character or space, or DEL
            }
            if (zero != 0)
            {
                // the first zero byte ends the id: it and every byte after it must be zero
                if ((x >>> (Long.numberOfTrailingZeros(zero) - 7)) != 0)
                {
                    return false;
                }
                ended = true;
            }
        }
        return true;
    }

    /** 0x80 in each byte of {@code x} that is zero, 0 in every other bit (exact, no false positives). */
    private static long zeroBytes(final long x)
    {
        return ~(((x & LOW7) + LOW7) | x | LOW7);
    }

    /** {@link #isValidId} one byte at a time: any width, and the specification the fast path is tested against. */
    public static boolean isValidIdBytewise(final DirectBuffer buffer, final int offset, final int fieldLength)
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
        return AsciiFields.length(buffer, offset + fieldOffset, fieldLength);
    }

    protected String getAscii(final int fieldOffset, final int fieldLength)
    {
        return AsciiFields.get(buffer, offset + fieldOffset, fieldLength);
    }

    protected StringBuilder appendAscii(final int fieldOffset, final int fieldLength, final StringBuilder sb)
    {
        return AsciiFields.append(buffer, offset + fieldOffset, fieldLength, sb);
    }

    protected void copyField(final int fieldOffset, final int fieldLength, final DirectBuffer src, final int srcOffset)
    {
        buffer.putBytes(offset + fieldOffset, src, srcOffset, fieldLength);
    }
}
