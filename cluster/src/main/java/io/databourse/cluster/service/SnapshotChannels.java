package io.databourse.cluster.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A cluster snapshot as a byte stream: the archive records what is offered to the snapshot
 * publication, and replays it as the image a node loads on start. Message boundaries carry no
 * meaning; the stream ends when the publication is closed.
 */
final class SnapshotChannels
{
    static final int CHUNK_LENGTH = 64 * 1024;

    private SnapshotChannels()
    {
    }

    /** Writes to a snapshot publication in chunks, waiting with the cluster's idle strategy while back-pressured. */
    static final class Out implements WritableByteChannel
    {
        private final ExclusivePublication publication;
        private final IdleStrategy idle;
        private final UnsafeBuffer chunk = new UnsafeBuffer(new byte[CHUNK_LENGTH]);
        private int chunkLength;
        private long bytesWritten;
        private boolean open = true;

        Out(final ExclusivePublication publication, final IdleStrategy idle)
        {
            this.publication = publication;
            this.idle = idle;
        }

        @Override
        public int write(final ByteBuffer src) throws IOException
        {
            final int n = src.remaining();
            while (src.hasRemaining())
            {
                final int take = Math.min(src.remaining(), CHUNK_LENGTH - chunkLength);
                chunk.putBytes(chunkLength, src, src.position(), take);
                src.position(src.position() + take);
                chunkLength += take;
                if (CHUNK_LENGTH == chunkLength)
                {
                    flush();
                }
            }
            bytesWritten += n;
            return n;
        }

        /** Offers what is buffered. */
        void flush() throws IOException
        {
            if (0 == chunkLength)
            {
                return;
            }
            idle.reset();
            while (true)
            {
                final long result = publication.offer(chunk, 0, chunkLength);
                if (result > 0)
                {
                    break;
                }
                if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result ||
                    Publication.NOT_CONNECTED == result)
                {
                    throw new IOException("snapshot publication refused the snapshot: " + Publication.errorString(result));
                }
                idle.idle();
            }
            chunkLength = 0;
        }

        long bytesWritten()
        {
            return bytesWritten;
        }

        @Override
        public boolean isOpen()
        {
            return open;
        }

        /** Flushes; the publication itself belongs to the cluster, which closes it. */
        @Override
        public void close() throws IOException
        {
            flush();
            open = false;
        }
    }

    /** Reads a snapshot image, waiting with the cluster's idle strategy for its fragments. */
    static final class In implements ReadableByteChannel
    {
        private final Image image;
        private final IdleStrategy idle;
        private final ExpandableArrayBuffer buffered = new ExpandableArrayBuffer(CHUNK_LENGTH * 2);
        private int bufferedAt;
        private int bufferedEnd;
        private final FragmentHandler append = (buffer, offset, length, header) ->
        {
            buffered.putBytes(bufferedEnd, buffer, offset, length);
            bufferedEnd += length;
        };

        In(final Image image, final IdleStrategy idle)
        {
            this.image = image;
            this.idle = idle;
        }

        @Override
        public int read(final ByteBuffer dst) throws IOException
        {
            if (!fill())
            {
                return -1;
            }
            final int n = Math.min(dst.remaining(), bufferedEnd - bufferedAt);
            buffered.getBytes(bufferedAt, dst, n);
            bufferedAt += n;
            return n;
        }

        /** Waits for bytes; false at the end of the snapshot. */
        private boolean fill() throws IOException
        {
            if (bufferedAt < bufferedEnd)
            {
                return true;
            }
            bufferedAt = 0;
            bufferedEnd = 0;
            idle.reset();
            while (true)
            {
                final int fragments = image.poll(append, 16);
                if (bufferedEnd > 0)
                {
                    return true;
                }
                if (0 == fragments)
                {
                    if (image.isEndOfStream())
                    {
                        return false;
                    }
                    if (image.isClosed())
                    {
                        throw new IOException("the snapshot image closed before its end");
                    }
                }
                idle.idle(fragments);
            }
        }

        /** Reads exactly {@code dst.remaining()} bytes, or fails naming what was being read. */
        void readFully(final ByteBuffer dst, final String what) throws IOException
        {
            while (dst.hasRemaining())
            {
                if (read(dst) < 0)
                {
                    throw new IOException("the snapshot ended inside its " + what);
                }
            }
        }

        @Override
        public boolean isOpen()
        {
            return true;
        }

        @Override
        public void close()
        {
        }
    }
}
