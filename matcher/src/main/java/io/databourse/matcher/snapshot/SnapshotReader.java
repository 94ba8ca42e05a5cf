package io.databourse.matcher.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads back what a {@link SnapshotWriter} wrote, from any {@link Source} (a file's channel, a
 * buffer, an Aeron image), and digests what it reads: after the last byte, {@link #finish()} gives
 * the hash of the stream, to compare with the one stored beside it. Every value read is checked
 * against the range its caller names, so a damaged stream stops with a named {@link
 * CorruptSnapshotException}, never with an index out of bounds or a giant allocation.
 */
public final class SnapshotReader
{
    private final byte[] chunk = new byte[SnapshotWriter.CHUNK_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(chunk);
    private final MessageDigest digest = SnapshotWriter.sha256();
    private final Source source;
    private final long length;
    private long consumedBefore;
    private int position;
    private int limit;

    /** Fills {@code dst[offset, offset + length)} with the next bytes; returns how many, or -1 at the end. */
    @FunctionalInterface
    public interface Source
    {
        int read(byte[] dst, int offset, int length) throws IOException;
    }

    /**
     * @param source where the bytes come from
     * @param length how many bytes the stream has: reading past them is corruption, not more data
     */
    public SnapshotReader(final Source source, final long length)
    {
        this.source = source;
        this.length = length;
    }

    /** A stream of {@code length} bytes read from a channel. */
    public static SnapshotReader of(final ReadableByteChannel channel, final long length)
    {
        return new SnapshotReader((dst, offset, n) -> channel.read(ByteBuffer.wrap(dst, offset, n)), length);
    }

    /** The stream held in {@code buffer[offset, offset + length)}. */
    public static SnapshotReader of(final DirectBuffer buffer, final int offset, final int length)
    {
        final int[] at = {offset};
        return new SnapshotReader((dst, dstOffset, n) ->
        {
            final int count = Math.min(n, offset + length - at[0]);
            if (count <= 0)
            {
                return -1;
            }
            buffer.getBytes(at[0], dst, dstOffset, count);
            at[0] += count;
            return count;
        }, length);
    }

    private void require(final int n)
    {
        if (limit - position >= n)
        {
            return;
        }
        System.arraycopy(chunk, position, chunk, 0, limit - position);
        consumedBefore += position;
        limit -= position;
        position = 0;
        while (limit < n)
        {
            final long left = length - consumedBefore - limit;
            if (left <= 0)
            {
                throw new CorruptSnapshotException("truncated: the stream ends at byte " + length +
                    " in the middle of a value");
            }
            final int read;
            try
            {
                read = source.read(chunk, limit, (int)Math.min(chunk.length - limit, left));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read the snapshot", ex);
            }
            if (read < 0)
            {
                throw new CorruptSnapshotException("truncated: " + (consumedBefore + limit) + " of " + length +
                    " bytes");
            }
            digest.update(chunk, limit, read);
            limit += read;
        }
    }

    /** Checks that the next section is the one the caller reads. */
    public void section(final int tag, final String name)
    {
        final int found = getInt();
        if (found != tag)
        {
            throw new CorruptSnapshotException("expected section " + name + " at byte " + (position() - 4) +
                ", found tag " + Integer.toHexString(found));
        }
    }

    public byte getByte()
    {
        require(1);
        return chunk[position++];
    }

    public boolean getBoolean()
    {
        final byte b = getByte();
        if (b != 0 && b != 1)
        {
            throw new CorruptSnapshotException("a boolean of " + b + " at byte " + (position() - 1));
        }
        return b == 1;
    }

    public int getInt()
    {
        require(4);
        final int value = buffer.getInt(position, java.nio.ByteOrder.LITTLE_ENDIAN);
        position += 4;
        return value;
    }

    public long getVarLong()
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            final byte b = getByte();
            value |= (long)(b & 0x7F) << shift;
            if (b >= 0)
            {
                return value;
            }
        }
        throw new CorruptSnapshotException("a varint longer than 10 bytes at byte " + position());
    }

    public long getSignedVarLong()
    {
        final long v = getVarLong();
        return (v >>> 1) ^ -(v & 1);
    }

    /** A signed value that must lie in {@code [min, max]}: {@code what} names it in the refusal. */
    public long getSignedVarLong(final String what, final long min, final long max)
    {
        final long value = getSignedVarLong();
        if (value < min || value > max)
        {
            throw new CorruptSnapshotException(what + " " + value + " outside [" + min + ", " + max + "] at byte " +
                position());
        }
        return value;
    }

    public int getVarInt(final String what, final int min, final int max)
    {
        return (int)getSignedVarLong(what, min, max);
    }

    /** A count written with {@link SnapshotWriter#putVarLong}: at most {@code max}. */
    public int getCount(final String what, final int max)
    {
        final long n = getVarLong();
        if (n < 0 || n > max)
        {
            throw new CorruptSnapshotException(what + " " + n + " outside [0, " + max + "] at byte " + position());
        }
        return (int)n;
    }

    public byte[] getBytes(final String what, final int max)
    {
        final byte[] bytes = new byte[getCount(what + " length", max)];
        int at = 0;
        while (at < bytes.length)
        {
            require(1);
            final int n = Math.min(bytes.length - at, limit - position);
            System.arraycopy(chunk, position, bytes, at, n);
            position += n;
            at += n;
        }
        return bytes;
    }

    public String getAscii(final String what, final int max)
    {
        final byte[] bytes = getBytes(what, max);
        for (final byte b : bytes)
        {
            if (b < 0x20)
            {
                throw new CorruptSnapshotException(what + " holds a non-printable byte at " + position());
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Reads an id written by {@link SnapshotWriter#putIdField} into a zero-padded field of {@code width} bytes. */
    public void getIdField(final String what, final MutableDirectBuffer dst, final int offset, final int width)
    {
        final int n = getCount(what + " length", width);
        dst.setMemory(offset, width, (byte)0);
        for (int i = 0; i < n; i++)
        {
            final byte b = getByte();
            if (b == 0)
            {
                throw new CorruptSnapshotException(what + " holds a zero byte at " + position());
            }
            dst.putByte(offset + i, b);
        }
    }

    /** Bytes consumed so far. */
    public long position()
    {
        return consumedBefore + position;
    }

    /** Checks that the whole stream was consumed and returns its SHA-256. */
    public byte[] finish()
    {
        if (position() != length)
        {
            throw new CorruptSnapshotException(length - position() + " bytes left after the state was read");
        }
        return digest.digest();
    }
}
