package io.databourse.matcher;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Splits a journal record too large for one message of a transport into several records with the
 * record's seq, time and command, each holding a run of whole events, so that a reader that
 * continues the event index across records of one seq sees the original record's events in order
 * (the gateway's ExecIDs). Used on every egress of records: the matcher's event stream and the
 * cluster service's client sessions. Not thread-safe: one per publishing thread.
 */
public final class RecordChunker
{
    private final JournalRecord whole = new JournalRecord();
    private final ExpandableArrayBuffer chunk = new ExpandableArrayBuffer(1 << 16);

    /** Receives each chunk, valid only during the call; {@code last} marks the record's final chunk. */
    @FunctionalInterface
    public interface ChunkConsumer
    {
        void onChunk(DirectBuffer buffer, int offset, int length, boolean last);
    }

    /**
     * Hands the consumer the record at {@code offset} in chunks of at most {@code maxLength} bytes.
     * An event larger than a chunk can hold goes alone in a chunk of its own (longer than
     * {@code maxLength}: the transport refuses it loudly rather than the record losing it).
     */
    public void split(final DirectBuffer buffer, final int offset, final int maxLength, final ChunkConsumer consumer)
    {
        whole.wrap(buffer, offset);
        final int prefix = JournalRecord.HEADER_LENGTH + whole.commandLength();
        int at = whole.eventsOffset();
        final int end = at + whole.eventsLength();
        assert end <= offset + whole.length() : "events run past the record";
        do
        {
            int runEnd = at;
            int count = 0;
            while (runEnd < end && (0 == count || prefix + (runEnd - at) + RecordHeader.lengthAt(buffer, runEnd) <= maxLength))
            {
                runEnd += RecordHeader.lengthAt(buffer, runEnd);
                count++;
            }
            final int length = JournalRecord.encode(chunk, 0, whole.seq(), whole.timeNs(), buffer,
                whole.commandOffset(), whole.commandLength(), buffer, at, runEnd - at, count);
            at = runEnd;
            consumer.onChunk(chunk, 0, length, at >= end);
        }
        while (at < end);
    }
}
