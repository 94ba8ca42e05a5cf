package io.databourse.gateway.trading;

import java.nio.file.Files;
import java.nio.file.Path;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;

/**
 * Reads the exchange's journal forward from where it last stopped, for a gateway's views: every
 * record at start (the history the views are rebuilt from), then, whenever the egress stream skips
 * records (those published before the gateway joined it, or lost when a matcher died between
 * journaling and publishing), the records it skipped. The journal only ever holds complete records,
 * and a record is journaled before it is published, so whatever egress shows is already here.
 * Read-only: the matcher is the journal's one writer.
 */
public final class JournalCatchUp implements AutoCloseable
{
    /** Receives records in journal order. */
    @FunctionalInterface
    public interface RecordHandler
    {
        void onRecord(JournalRecord record);
    }

    private final Journal journal;
    private final JournalReader reader;
    private long lastSeq;

    private JournalCatchUp(final Journal journal)
    {
        this.journal = journal;
        this.reader = journal.reader();
    }

    /** Opens the journal directory read-only; it must exist (the matcher creates it). */
    public static JournalCatchUp open(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("journal directory " + directory + " does not exist");
        }
        return new JournalCatchUp(Journal.openReadOnly(directory));
    }

    /**
     * Reads excerpts until one holds a record with seq ≥ {@code seq}, or the journal has no more;
     * every record of the excerpts read goes to the handler. Returns the seq of the last record read.
     */
    public long readThrough(final long seq, final RecordHandler handler)
    {
        while (lastSeq < seq && reader.read((index, record) ->
        {
            assert record.seq() > lastSeq : "journal seq " + record.seq() + " after " + lastSeq;
            lastSeq = record.seq();
            handler.onRecord(record);
        }))
        {
            // next excerpt
        }
        return lastSeq;
    }

    /** The seq of the last record read. */
    public long lastSeq()
    {
        return lastSeq;
    }

    @Override
    public void close()
    {
        reader.close();
        journal.close();
    }
}
