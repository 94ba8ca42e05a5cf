package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

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
    /** Widths of the fixed ASCII identifier fields (the schema's ParticipantId, ProductId, RequestId, Name). All are multiples of 8. */
    public static final int PARTICIPANT_ID_LENGTH = 16;
    public static final int PRODUCT_ID_LENGTH = 32;
    public static final int CLORDID_LENGTH = 24;
    public static final int NAME_LENGTH = 16;
    /** Width of a free-text note (the schema's Note: an alert id, a reason): printable ASCII, spaces allowed. */
    public static final int NOTE_LENGTH = 32;

    /** The lowest byte of an id (no spaces), of a note (spaces allowed), and the highest of either. */
    private static final int ID_LOWEST = 0x21;
    private static final int TEXT_LOWEST = 0x20;
    private static final int HIGHEST = 0x7E;

    private static final boolean IS_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final long LOW7 = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long PLUS_5F = 0x5F5F_5F5F_5F5F_5F5FL;
    private AsciiFields()
    {
    }

    /** Writes an id; false (field zeroed) when {@code value} is longer than the field or not printable ASCII. */
    public static boolean putId(final MutableDirectBuffer buffer, final int at, final int width, final CharSequence value)
    {
        return put(buffer, at, width, value, ID_LOWEST);
    }

    /** Writes a note; false (field zeroed) when {@code value} is longer than the field or not printable ASCII or space. */
    public static boolean putText(final MutableDirectBuffer buffer, final int at, final int width, final CharSequence value)
    {
        return put(buffer, at, width, value, TEXT_LOWEST);
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
            if (c < lowest || c > HIGHEST)
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
            if (c < ID_LOWEST || c > HIGHEST)
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
        return buffer.getByte(offset) != 0 && isPadded(buffer, offset, fieldLength, ID_LOWEST);
    }

    /** An optional id field: all zero, or a valid id. */
    public static boolean isEmptyOrValidId(final DirectBuffer buffer, final int offset, final int fieldLength)
    {
        return buffer.getByte(offset) == 0 ? isPadded(buffer, offset, fieldLength, ID_LOWEST) :
            isValidId(buffer, offset, fieldLength);
    }

    /** A note field: printable ASCII, spaces allowed, then only zero padding; empty is a note too. */
    public static boolean isValidText(final DirectBuffer buffer, final int offset, final int fieldLength)
    {
        return isPadded(buffer, offset, fieldLength, TEXT_LOWEST);
    }

    /** Characters from {@code lowest} to 0x7E, then only zero bytes (none, or all of them, may be characters). */
    private static boolean isPadded(final DirectBuffer buffer, final int offset, final int fieldLength, final int lowest)
    {
        boolean ended = false;
        for (int i = 0; i < fieldLength; i++)
        {
            final byte b = buffer.getByte(offset + i);
            if (b == 0)
            {
                ended = true;
            }
            else if (ended || b < lowest || b > HIGHEST)
            {
                return false;
            }
        }
        return true;
    }
}
