package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Fixed-width identifier fields (participant, product and clOrdId ids) read and written as 8-byte
 * words after one bounds check for the whole field, where Agrona's {@code getLong}/{@code putLong}
 * would check every word: the matcher hashes and copies ids on every command. Words are in the
 * machine's native order, as stored and compared by the indexes that use them.
 */
public final class IdWords
{
    private IdWords()
    {
    }

    /** Checks that {@code [offset, offset + length)} lies inside the buffer: its words may then be accessed here. */
    public static void check(final DirectBuffer buffer, final int offset, final int length)
    {
        buffer.boundsCheck(offset, length);
    }

    /** The 8 bytes at {@code offset}, inside a field the caller has {@link #check checked}. */
    public static long word(final DirectBuffer buffer, final int offset)
    {
        return UnsafeApi.getLong(buffer.byteArray(), buffer.addressOffset() + offset);
    }

    /** Writes 8 bytes at {@code offset}, inside a field the caller has {@link #check checked}. */
    public static void putWord(final MutableDirectBuffer buffer, final int offset, final long value)
    {
        UnsafeApi.putLong(buffer.byteArray(), buffer.addressOffset() + offset, value);
    }
}
