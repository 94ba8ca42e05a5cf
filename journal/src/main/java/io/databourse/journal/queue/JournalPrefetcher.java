package io.databourse.journal.queue;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Keeps the journal file's pages in memory ahead of its writer, on a thread of its own.
 * <p>Chronicle writes through a memory mapping, and the file ahead of the write position is a hole:
 * the writer's first store to each 4 KiB page faults, and the kernel allocates and zeroes a page
 * before the store completes. At 2M commands/s that is ~150,000 faults a second on the matcher's
 * thread (a third of its time in the journaled pipeline). Reading the hole ahead of the writer
 * makes the kernel allocate those zeroed pages into the page cache now, on this thread; the
 * writer's stores then find them there. A read never changes the file, so racing the writer is
 * harmless, and nothing of Chronicle's mapping is touched from here.
 * <p>Run it with a sleeping idle strategy: it has work only as fast as the journal grows.
 */
public final class JournalPrefetcher implements Agent
{
    /** Bytes read per call of {@link FileChannel#read}: large enough to amortise the call, small enough to stay in cache. */
    private static final int READ_LENGTH = 256 << 10;
    private static final long PAGE_MASK = ~4095L;

    private final JournalWriter writer;
    private final long aheadBytes;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_LENGTH);
    private File file;
    private FileChannel channel;
    private long prefetchedTo;
    private long bytesPrefetched;

    /**
     * @param writer     the journal writer to stay ahead of
     * @param aheadBytes how far past the write position to keep the file in memory
     */
    public JournalPrefetcher(final JournalWriter writer, final long aheadBytes)
    {
        if (aheadBytes < READ_LENGTH)
        {
            throw new IllegalArgumentException("aheadBytes must be at least " + READ_LENGTH + ": " + aheadBytes);
        }
        this.writer = writer;
        this.aheadBytes = aheadBytes;
    }

    @Override
    public int doWork() throws IOException
    {
        final File current = writer.currentFile();
        if (null == current)
        {
            return 0;
        }
        if (!current.equals(file))
        {
            switchTo(current);
        }
        final long position = writer.writePosition();
        if (prefetchedTo < position)
        {
            prefetchedTo = position & PAGE_MASK; // fell behind (or a new file): start at the writer
        }
        final long target = position + aheadBytes;
        int reads = 0;
        while (prefetchedTo < target)
        {
            scratch.clear().limit((int)Math.min(READ_LENGTH, target - prefetchedTo));
            final int n = channel.read(scratch, prefetchedTo);
            if (n <= 0)
            {
                break; // the end of the file as Chronicle has sized it so far: more on a later call
            }
            prefetchedTo += n;
            bytesPrefetched += n;
            reads++;
        }
        return reads;
    }

    private void switchTo(final File current) throws IOException
    {
        CloseHelper.close(channel);
        channel = null;
        try
        {
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal file " + current + " to prefetch it", ex);
        }
        file = current;
        prefetchedTo = 0;
    }

    /** Bytes read ahead of the writer so far (tests, diagnostics). */
    public long bytesPrefetched()
    {
        return bytesPrefetched;
    }

    @Override
    public void onClose()
    {
        CloseHelper.close(channel);
    }

    @Override
    public String roleName()
    {
        return "databourse-journal-prefetch";
    }
}
