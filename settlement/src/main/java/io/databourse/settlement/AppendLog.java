package io.databourse.settlement;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An append-only text file whose committed length travels in the owner's checkpoint. On open it is
 * cut back to that length: lines written after the last checkpoint belong to records that will be
 * applied again, so keeping them would write them twice. ASCII only (our identifiers are ASCII).
 */
public final class AppendLog implements AutoCloseable
{
    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final boolean fsync;
    private long position;

    public AppendLog(final Path file, final long committedLength, final int bufferBytes, final boolean fsync)
        throws IOException
    {
        this.file = file;
        this.fsync = fsync;
        this.channel = FileChannel.open(file,
            java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), io.databourse.journal.files.OwnerOnly.fileAttributes());
        final long size = channel.size();
        if (size < committedLength)
        {
            channel.close();
            throw new IOException(file + " holds " + size + " bytes but the checkpoint committed " + committedLength);
        }
        channel.truncate(committedLength);
        channel.position(committedLength);
        this.position = committedLength;
        this.buffer = ByteBuffer.allocate(bufferBytes);
    }

    public Path file()
    {
        return file;
    }

    /** Appends the characters of {@code text} (ASCII); lines are the caller's business. */
    public void append(final CharSequence text) throws IOException
    {
        final int n = text.length();
        for (int i = 0; i < n; i++)
        {
            if (!buffer.hasRemaining())
            {
                drain();
            }
            buffer.put((byte)text.charAt(i));
        }
        position += n;
    }

    /** Length including what is still buffered: the value to store in a checkpoint after {@link #flush}. */
    public long length()
    {
        return position;
    }

    /**
     * Hands what is buffered to the operating system, so that readers of the file see it, without
     * forcing it to disk: no promise survives a crash (the checkpoint's {@link #flush} does that).
     */
    public void writeOut() throws IOException
    {
        if (buffer.position() > 0)
        {
            drain();
        }
    }

    public void flush() throws IOException
    {
        drain();
        if (fsync)
        {
            channel.force(false);
        }
    }

    private void drain() throws IOException
    {
        buffer.flip();
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException
    {
        flush();
        channel.close();
    }
}
