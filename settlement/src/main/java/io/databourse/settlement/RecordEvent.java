package io.databourse.settlement;

import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * A ring slot: a private copy of one journal record (the tailer's view is only valid during its
 * callback). Preallocated with room for typical records; a slot grows only for a record larger than
 * any seen before, bounded by the journal's own record limit.
 */
public final class RecordEvent
{
    private final ExpandableArrayBuffer buffer;
    private final JournalRecord record = new JournalRecord();
    private final MarkUpdates marks = new MarkUpdates();
    private long index;
    private int length;

    public RecordEvent(final int initialCapacityBytes)
    {
        this.buffer = new ExpandableArrayBuffer(initialCapacityBytes);
    }

    /** Copies a record in; {@code index} is its Chronicle index, kept for checkpoints. */
    public void copyFrom(final long index, final JournalRecord source)
    {
        final int sourceLength = source.length();
        if (sourceLength > JournalWriter.RECORD_LENGTH_MAX)
        {
            throw new IllegalStateException("record of " + sourceLength + " bytes exceeds the journal limit");
        }
        final DirectBuffer src = source.buffer();
        // JournalRecord exposes commandOffset() = offset + HEADER_LENGTH; recover the record's start.
        final int start = source.commandOffset() - JournalRecord.HEADER_LENGTH;
        buffer.putBytes(0, src, start, sourceLength);
        this.index = index;
        this.length = sourceLength;
        record.wrap(buffer, 0);
        marks.clear();
    }

    public JournalRecord record()
    {
        return record;
    }

    /** The marks the index stage decided for this record (positions reads them after it). */
    public MarkUpdates marks()
    {
        return marks;
    }

    public long seq()
    {
        return record.seq();
    }

    public long index()
    {
        return index;
    }

    public int length()
    {
        return length;
    }
}
