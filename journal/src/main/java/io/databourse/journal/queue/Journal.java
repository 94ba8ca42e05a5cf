package io.databourse.journal.queue;

import java.nio.file.Path;

import io.databourse.journal.files.OwnerOnly;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.StoreFileListener;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The exchange's journal: a Chronicle Queue directory holding one {@link
 * io.databourse.journal.schema.JournalRecord} per sequenced command. There is one writer (the
 * matcher's thread) and any number of readers, in this process or others.
 */
public final class Journal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final Path directory;

    private Journal(final Path directory, final boolean readOnly, final TimeProvider fileClock)
    {
        this.directory = directory;
        if (!readOnly)
        {
            OwnerOnly.createDirectories(directory);
        }
        // Daily files keep a year of journal in ~365 files; indexes are per file.
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(readOnly)
            .storeFileListener(readOnly ? StoreFileListener.NO_OP : OwnerOnly.chronicleStoreFiles());
        if (null != fileClock)
        {
            builder.timeProvider(fileClock);
        }
        this.queue = builder.build();
        try
        {
            checkSchema();
        }
        catch (final RuntimeException ex)
        {
            queue.close();
            throw ex;
        }
        if (!readOnly)
        {
            // the queue's metadata file, and files an older version wrote with the process's umask
            OwnerOnly.restrictTree(directory);
        }
    }

    /**
     * Refuses, before anything reads or appends, a journal whose records were written with another
     * message schema than this build's: its first excerpt's format byte names the schema version.
     */
    private void checkSchema()
    {
        try (ExcerptTailer tailer = queue.createTailer(); DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return;
            }
            final Bytes<?> in = dc.wire().bytes();
            if (in.readRemaining() < 1)
            {
                throw new JournalSchemaException(directory, "its first excerpt is empty");
            }
            final byte format = in.readByte(in.readPosition());
            if (format != ExcerptCodec.FORMAT_PACKED)
            {
                throw new JournalSchemaException(directory, "it was written with message schema version " + format +
                    ExcerptCodec.whyNot(format));
            }
        }
    }

    /**
     * A journal whose files roll by {@code fileClock} instead of the wall clock (tests of readers
     * across files). Only which file an excerpt lands in depends on it; records carry their own time.
     */
    static Journal open(final Path directory, final TimeProvider fileClock)
    {
        return new Journal(directory, false, fileClock);
    }

    /** Opens (creating if needed) a journal for writing and reading. */
    public static Journal open(final Path directory)
    {
        return new Journal(directory, false, null);
    }

    /** Opens an existing journal without the right to append (auditors, replay tools). */
    public static Journal openReadOnly(final Path directory)
    {
        return new Journal(directory, true, null);
    }

    public Path directory()
    {
        return directory;
    }

    /** The writer; only one thread may use it. */
    public JournalWriter writer()
    {
        return new JournalWriter(queue.createAppender());
    }

    /** A new reader positioned at the start of the journal. */
    public JournalReader reader()
    {
        return new JournalReader(queue.createTailer());
    }

    /**
     * The seq of the journal's last record, 0 when it is empty: read from its last excerpt, so that a
     * tool can tell how far a replay has to go (progress, ETA) without reading the whole journal.
     */
    public long lastSeq()
    {
        try (JournalReader reader = new JournalReader(
            queue.createTailer().direction(net.openhft.chronicle.queue.TailerDirection.BACKWARD).toEnd()))
        {
            final long[] last = {0};
            reader.read((index, record) -> last[0] = Math.max(last[0], record.seq()));
            return last[0];
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }
}
