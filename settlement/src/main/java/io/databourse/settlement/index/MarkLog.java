package io.databourse.settlement.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import io.databourse.journal.files.OwnerOnly;
import io.databourse.settlement.MarkUpdates;

/**
 * Every mark the index stage decided, in journal order: fixed 24-byte entries (seq, product, basis,
 * mark in fen), so that after a restart the stage can write the marks of records it had already
 * applied into their ring slots again for the positions stage, which may have checkpointed before
 * them. Append-only; its committed length travels in the index stage's checkpoint and it is cut
 * back to it on open, like the text logs ({@code AppendLog}).
 */
final class MarkLog implements AutoCloseable
{
    static final int ENTRY_BYTES = 24;

    private final FileChannel channel;
    private final ByteBuffer writeBuffer = ByteBuffer.allocate(ENTRY_BYTES * 256);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(ENTRY_BYTES * 256);
    private final boolean fsync;
    private long length;
    /** Replay cursor: entry index of the next entry to read, -1 before the first replayed record. */
    private long cursor = -1;

    MarkLog(final Path file, final long committedLength, final boolean fsync) throws IOException
    {
        this.fsync = fsync;
        channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
            OwnerOnly.fileAttributes());
        final long size = channel.size();
        if (size < committedLength || committedLength % ENTRY_BYTES != 0)
        {
            channel.close();
            throw new IOException(file + " holds " + size + " bytes but the checkpoint committed " + committedLength);
        }
        channel.truncate(committedLength);
        length = committedLength;
    }

    void append(final long seq, final int product, final byte basis, final long markFen) throws IOException
    {
        if (writeBuffer.remaining() < ENTRY_BYTES)
        {
            drain();
        }
        writeBuffer.putLong(seq).putInt(product).putInt(basis).putLong(markFen);
        length += ENTRY_BYTES;
    }

    /** Bytes appended, buffered ones included: the value a checkpoint commits after {@link #flush}. */
    long length()
    {
        return length;
    }

    void flush() throws IOException
    {
        drain();
        if (fsync)
        {
            channel.force(false);
        }
    }

    private void drain() throws IOException
    {
        writeBuffer.flip();
        long at = length - writeBuffer.remaining();
        while (writeBuffer.hasRemaining())
        {
            at += channel.write(writeBuffer, at);
        }
        writeBuffer.clear();
    }

    /**
     * Adds to {@code marks} the marks decided at {@code seq}, a record applied before the restart.
     * Records are replayed in seq order, so after finding the first one the log is read forward.
     */
    void replay(final long seq, final MarkUpdates marks) throws IOException
    {
        drain();
        final long entries = length / ENTRY_BYTES;
        if (cursor < 0)
        {
            cursor = firstEntryAtOrAfter(seq, entries);
        }
        while (cursor < entries)
        {
            final long entrySeq = readLong(cursor * ENTRY_BYTES);
            if (entrySeq > seq)
            {
                return;
            }
            if (entrySeq == seq)
            {
                readBuffer.clear().limit(ENTRY_BYTES);
                readFully(cursor * ENTRY_BYTES);
                readBuffer.flip();
                readBuffer.getLong();
                final int product = readBuffer.getInt();
                final int basis = readBuffer.getInt();
                marks.add(product, readBuffer.getLong(), (byte)basis);
            }
            cursor++;
        }
    }

    private long firstEntryAtOrAfter(final long seq, final long entries) throws IOException
    {
        long lo = 0;
        long hi = entries;
        while (lo < hi)
        {
            final long mid = (lo + hi) >>> 1;
            if (readLong(mid * ENTRY_BYTES) < seq)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private long readLong(final long position) throws IOException
    {
        readBuffer.clear().limit(8);
        readFully(position);
        return readBuffer.getLong(0);
    }

    private void readFully(final long position) throws IOException
    {
        long at = position;
        while (readBuffer.hasRemaining())
        {
            final int n = channel.read(readBuffer, at);
            if (n < 0)
            {
                throw new IOException("mark log ends before " + at);
            }
            at += n;
        }
    }

    /** Replay is over (the stage applies records again): later records are appended, not read. */
    void endReplay()
    {
        cursor = -1;
    }

    @Override
    public void close() throws IOException
    {
        flush();
        channel.close();
    }
}
