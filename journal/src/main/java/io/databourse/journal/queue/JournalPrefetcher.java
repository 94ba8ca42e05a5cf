package io.databourse.journal.queue;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the journal file's pages in memory ahead of its writer, on a thread of its own.
 * <p>Chronicle writes through a memory mapping, and the file ahead of the write position is a hole:
 * the writer's first store to each 4 KiB page faults, and the kernel allocates and zeroes a page
 * before the store completes. At 2M commands/s that is ~150,000 faults a second on the matcher's
 * thread (a third of its time in the journaled pipeline). Reading the hole ahead of the writer
 * makes the kernel allocate those zeroed pages into the page cache now, on this thread; the
 * writer's stores then find them there. A read never changes the file, so racing the writer is
 * harmless, and nothing of Chronicle's mapping is touched from here.
 * <p>It paces itself so as never to hold a core for long: a duty cycle reads {@link #READ_LENGTH}
 * bytes (~30 fresh pages, some tens of µs of page allocation), or up to 16 such reads while it is
 * less than half its distance ahead, and its runner sleeps after every cycle, work or not
 * ({@link #pacedIdleStrategy()}). Unpaced, catching up
 * 32 MiB at once held a CPU for 20 ms, and every thread sharing that CPU (a gateway, the bench's
 * sender) waited that long.
 * <p>It also keeps quiet when there is little to do: it tops up only in whole reads, and sleeps
 * longer (up to a millisecond) after each cycle that found nothing to read. At 100k commands/s the
 * journal grows ~25 MB/s; topping up whatever the writer had added since the last cycle meant a
 * wake-up and a small read every 0.1 ms, 10,000 context switches a second on a CPU it shares with
 * a gateway. A millisecond is far inside the slack: 1 MiB ahead (the least allowed) lasts 2 ms of
 * appends at 500 MB/s, the journal's rate at 2M commands/s.
 */
public final class JournalPrefetcher implements Agent
{
    /** Bytes read per duty cycle: enough to stay ahead of ~0.9 GB/s of journal, few enough to be a short burst. */
    public static final int READ_LENGTH = 128 << 10;
    /** Most reads in one duty cycle while catching up: 2 MiB, a millisecond or two. */
    private static final int CATCH_UP_READS_MAX = 16;
    /** The sleep after a duty cycle that read: ~0.1 ms once the timer slack is added. */
    static final long PACING_SLEEP_NS = 50_000;
    /** The longest sleep, reached by doubling after each cycle that found nothing to read. */
    static final long IDLE_SLEEP_MAX_NS = 1_000_000;
    private static final long PAGE_MASK = ~4095L;

    private final JournalWriter writer;
    private final long aheadBytes;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_LENGTH);
    private File file;
    private FileChannel channel;
    private long prefetchedTo;
    private long bytesPrefetched;
    private long timesBehind;
    private long bytesSkipped;

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
        if (null == channel)
        {
            return 0;
        }
        final long position = writer.writePosition();
        if (prefetchedTo < position)
        {
            if (prefetchedTo > 0)
            {
                timesBehind++;
                bytesSkipped += position - prefetchedTo;
            }
            prefetchedTo = position & PAGE_MASK; // fell behind (or a new file): start at the writer
        }
        final long target = position + aheadBytes;
        if (target - prefetchedTo < READ_LENGTH)
        {
            return 0; // top up in whole reads: at a low rate, a read every few ms rather than a sliver every cycle
        }
        int reads = 0;
        do
        {
            final int length = (int)Math.min(READ_LENGTH, target - prefetchedTo);
            final int half = length / 2;
            // Second half first: every read then starts away from where the previous one ended, so the
            // kernel sees random reads and reads just these pages. Sequential reads would start its
            // readahead, which grows to read_ahead_kb (8 MiB here) at a time: a 20 ms burst.
            final int second = read(prefetchedTo + half, length - half);
            final int first = read(prefetchedTo, half);
            if (first < half || second <= 0)
            {
                break; // the end of the file as Chronicle has sized it so far: more on a later cycle
            }
            prefetchedTo += half + second;
            bytesPrefetched += half + second;
            reads++;
        }
        // less than half the distance ahead (a new file, or a burst of appends): catch up a little
        // faster, still one short syscall at a time
        while (reads < CATCH_UP_READS_MAX && target - prefetchedTo > aheadBytes / 2);
        return reads;
    }

    private int read(final long at, final int length) throws IOException
    {
        if (length == 0)
        {
            return 0;
        }
        scratch.clear().limit(length);
        return Math.max(0, channel.read(scratch, at));
    }

    /** The idle strategy to run a prefetcher with: a short sleep after every duty cycle, so that it paces itself. */
    public static PacedIdleStrategy pacedIdleStrategy()
    {
        return new PacedIdleStrategy();
    }

    /**
     * Sleeps after every duty cycle, work or not: {@link #PACING_SLEEP_NS} after one that read,
     * twice the last sleep (up to {@link #IDLE_SLEEP_MAX_NS}) after one that found nothing.
     */
    public static final class PacedIdleStrategy implements IdleStrategy
    {
        private long sleepNs = PACING_SLEEP_NS;

        /** The sleep to take after a duty cycle that did {@code workCount} reads (and remembers it). */
        public long nextSleepNs(final int workCount)
        {
            sleepNs = workCount > 0 ? PACING_SLEEP_NS : Math.min(sleepNs * 2, IDLE_SLEEP_MAX_NS);
            return sleepNs;
        }

        @Override
        public void idle(final int workCount)
        {
            LockSupport.parkNanos(nextSleepNs(workCount));
        }

        @Override
        public void idle()
        {
            idle(0);
        }

        @Override
        public void reset()
        {
            sleepNs = PACING_SLEEP_NS;
        }

        @Override
        public String alias()
        {
            return "paced";
        }
    }

    private void switchTo(final File current)
    {
        CloseHelper.close(channel);
        channel = null;
        file = current; // tried once per file: a file it cannot open is reported once, then left alone
        prefetchedTo = 0;
        try
        {
            channel = FileChannel.open(current.toPath(), StandardOpenOption.READ);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open journal file " + current + " to prefetch it (the writer is " +
                "unaffected; its appends take their own page faults)", ex);
        }
    }

    /** Bytes read ahead of the writer so far (tests, diagnostics). */
    public long bytesPrefetched()
    {
        return bytesPrefetched;
    }

    /** Times the writer was found past the prefetched part (its appends then took the faults), and the bytes it wrote there. */
    public long timesBehind()
    {
        return timesBehind;
    }

    public long bytesSkipped()
    {
        return bytesSkipped;
    }

    @Override
    public void onClose()
    {
        if (Boolean.getBoolean("databourse.journal.prefetch.report"))
        {
            System.out.println("JOURNAL_PREFETCH bytes=" + bytesPrefetched + " times_behind=" + timesBehind +
                " bytes_written_unprefetched=" + bytesSkipped);
        }
        CloseHelper.close(channel);
    }

    @Override
    public String roleName()
    {
        return "databourse-journal-prefetch";
    }
}
