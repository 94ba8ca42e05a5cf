package io.databourse.matcher.snapshot;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Writes the canonical byte stream of a matcher's state (see {@code MatcherSnapshot}) in chunks to a
 * {@link Sink}: a file, a buffer, or (Aeron Cluster's {@code onTakeSnapshot}) a publication. Where the
 * bytes go is the sink's business; what they are is this stream's. Every byte is also fed to SHA-256:
 * the digest of the stream is the state hash, so a state has one hash wherever it is stored.
 * <p>Integers are written as LEB128 varints (zig-zag for signed values), so that a resting order
 * costs its information, not eight bytes a field; ids as a length and their ASCII bytes.
 */
public final class SnapshotWriter
{
    public static final int CHUNK_LENGTH = 64 * 1024;
    /** The most bytes one put writes, so that a put never straddles a flush. */
    private static final int PUT_MAX = 16;

    private final byte[] chunk = new byte[CHUNK_LENGTH];
    private final UnsafeBuffer buffer = new UnsafeBuffer(chunk);
    private final MessageDigest digest = sha256();
    private final Sink sink;
    private int position;
    private long flushed;

    /** Receives the stream, one chunk at a time; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface Sink
    {
        void onChunk(DirectBuffer buffer, int offset, int length);
    }

    /** A sink that drops the bytes: the writer then only computes the state hash. */
    public static final Sink HASH_ONLY = (buffer, offset, length) ->
    {
    };

    public SnapshotWriter(final Sink sink)
    {
        this.sink = sink;
    }

    public static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private void ensure(final int length)
    {
        if (position + length > CHUNK_LENGTH)
        {
            flush();
        }
    }

    private void flush()
    {
        if (position > 0)
        {
            digest.update(chunk, 0, position);
            sink.onChunk(buffer, 0, position);
            flushed += position;
            position = 0;
        }
    }

    /** A section's tag: the reader checks it is where it expects, so a misread stops at the section it began in. */
    public SnapshotWriter section(final int tag)
    {
        return putInt(tag);
    }

    public SnapshotWriter putByte(final byte value)
    {
        ensure(1);
        chunk[position++] = value;
        return this;
    }

    public SnapshotWriter putBoolean(final boolean value)
    {
        return putByte(value ? (byte)1 : (byte)0);
    }

    /** A fixed 4-byte little-endian int (tags, magic numbers). */
    public SnapshotWriter putInt(final int value)
    {
        ensure(4);
        buffer.putInt(position, value, java.nio.ByteOrder.LITTLE_ENDIAN);
        position += 4;
        return this;
    }

    /** An unsigned varint: 1 byte up to 127, at most 10. */
    public SnapshotWriter putVarLong(final long value)
    {
        ensure(PUT_MAX);
        long v = value;
        while ((v & ~0x7FL) != 0)
        {
            chunk[position++] = (byte)((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        chunk[position++] = (byte)v;
        return this;
    }

    /** A signed value, zig-zag encoded: small magnitudes of either sign are short. */
    public SnapshotWriter putSignedVarLong(final long value)
    {
        return putVarLong((value << 1) ^ (value >> 63));
    }

    public SnapshotWriter putVarInt(final int value)
    {
        return putSignedVarLong(value);
    }

    /** A byte array: its length, then its bytes. */
    public SnapshotWriter putBytes(final byte[] bytes)
    {
        putVarLong(bytes.length);
        putRaw(bytes, 0, bytes.length);
        return this;
    }

    private void putRaw(final byte[] bytes, final int offset, final int length)
    {
        int at = offset;
        int left = length;
        while (left > 0)
        {
            ensure(1);
            final int n = Math.min(left, CHUNK_LENGTH - position);
            System.arraycopy(bytes, at, chunk, position, n);
            position += n;
            at += n;
            left -= n;
        }
    }

    /** A string of ASCII characters (ids, names): its length, then one byte a character. */
    public SnapshotWriter putAscii(final String value)
    {
        final int length = value.length();
        putVarLong(length);
        for (int i = 0; i < length; i++)
        {
            final char c = value.charAt(i);
            assert c < 0x80 : "not ASCII: " + value;
            putByte((byte)c);
        }
        return this;
    }

    /**
     * A fixed-width, zero-padded id field as it sits in a command ({@code width} bytes): the bytes up
     * to the first zero, with their count.
     */
    public SnapshotWriter putIdField(final DirectBuffer source, final int offset, final int width)
    {
        int length = 0;
        while (length < width && source.getByte(offset + length) != 0)
        {
            length++;
        }
        putVarLong(length);
        for (int i = 0; i < length; i++)
        {
            putByte(source.getByte(offset + i));
        }
        return this;
    }

    /** Bytes written so far. */
    public long length()
    {
        return flushed + position;
    }

    /** Hands the last chunk to the sink and returns the SHA-256 of the whole stream: the state hash. */
    public byte[] finish()
    {
        flush();
        return digest.digest();
    }
}
