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
    // Shared with the subclasses under their old names; their homes are RecordHeader and AsciiFields.
    protected static final int LENGTH_OFFSET = RecordHeader.LENGTH_OFFSET;
    protected static final int TYPE_OFFSET = RecordHeader.TYPE_OFFSET;
    protected static final int SESSION_ID_OFFSET = RecordHeader.SESSION_ID_OFFSET;
    protected static final int HEADER_LENGTH = RecordHeader.ENCODED_LENGTH;
    protected static final int PARTICIPANT_ID_LENGTH = AsciiFields.PARTICIPANT_ID_LENGTH;
    protected static final int PRODUCT_ID_LENGTH = AsciiFields.PRODUCT_ID_LENGTH;
    protected static final int CLORDID_LENGTH = AsciiFields.CLORDID_LENGTH;
    protected static final int NAME_LENGTH = AsciiFields.NAME_LENGTH;
    protected static final int NOTE_LENGTH = AsciiFields.NOTE_LENGTH;

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
