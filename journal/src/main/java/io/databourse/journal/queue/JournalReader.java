package io.databourse.journal.queue;

import io.databourse.journal.schema.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads journal records in order. An excerpt holds one or more whole records (the sequencer writes
 * the records of one duty cycle as one excerpt); the handler is called once per record, with the
 * excerpt's index. The record handed to the handler is a view over the mapped file, valid only
 * during the call: copy what must outlive it.
 */
public final class JournalReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final JournalRecord record = new JournalRecord();

    JournalReader(final ExcerptTailer tailer)
    {
        this.tailer = tailer;
    }

    /** Reads the next excerpt if there is one, calling the handler for each record in it; false at the end. */
    public boolean read(final RecordHandler handler)
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent())
            {
                return false;
            }
            final Bytes<?> in = dc.wire().bytes();
            final int length = (int)in.readRemaining();
            view.wrap(in.addressForRead(in.readPosition()), length);
            final long index = dc.index();
            int at = 0;
            while (at < length)
            {
                if (length - at < JournalRecord.HEADER_LENGTH)
                {
                    throw new IllegalStateException("corrupt journal excerpt at index " + index + ": " +
                        (length - at) + " trailing bytes");
                }
                record.wrap(view, at);
                final int recordLength = record.length();
                if (record.commandLength() < 0 || record.eventsLength() < 0 || at + recordLength > length)
                {
                    throw new IllegalStateException("corrupt journal record at index " + index + " offset " + at);
                }
                handler.onRecord(index, record);
                at += recordLength;
            }
            return true;
        }
    }

    /** Reads up to {@code limit} excerpts; returns how many were read. */
    public int poll(final RecordHandler handler, final int limit)
    {
        int n = 0;
        while (n < limit && read(handler))
        {
            n++;
        }
        return n;
    }

    /** Positions the reader so that the next record read is the one after {@code index}. */
    public boolean moveAfter(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        try (DocumentContext dc = tailer.readingDocument())
        {
            return dc.isPresent();
        }
    }

    public JournalReader toStart()
    {
        tailer.toStart();
        return this;
    }

    /** Chronicle index of the next record to read. */
    public long index()
    {
        return tailer.index();
    }

    @Override
    public void close()
    {
        tailer.close();
    }

    /** Receives records. */
    @FunctionalInterface
    public interface RecordHandler
    {
        void onRecord(long index, JournalRecord record);
    }
}
