package io.databourse.journal.queue;

import java.nio.file.Path;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

/**
 * The exchange's journal: a Chronicle Queue directory holding one {@link
 * io.databourse.journal.schema.JournalRecord} per sequenced command. There is one writer (the
 * matcher's thread) and any number of readers, in this process or others.
 */
public final class Journal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final Path directory;

    private Journal(final Path directory, final boolean readOnly)
    {
        this.directory = directory;
        // Daily files keep a year of journal in ~365 files; indexes are per file.
        this.queue = SingleChronicleQueueBuilder.binary(directory.toFile())
            .rollCycle(RollCycles.FAST_DAILY)
            .readOnly(readOnly)
            .build();
    }

    /** Opens (creating if needed) a journal for writing and reading. */
    public static Journal open(final Path directory)
    {
        return new Journal(directory, false);
    }

    /** Opens an existing journal without the right to append (auditors, replay tools). */
    public static Journal openReadOnly(final Path directory)
    {
        return new Journal(directory, true);
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

    @Override
    public void close()
    {
        queue.close();
    }
}
