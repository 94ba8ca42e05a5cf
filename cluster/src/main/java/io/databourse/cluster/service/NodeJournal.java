package io.databourse.cluster.service;

import java.nio.file.Path;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A node's own Chronicle journal, written by the clustered service as the single-process matcher
 * writes its own: one record (command and all its events) per committed command, one record per
 * excerpt, so that every node's journal holds the same excerpts with the same bytes.
 * <p>When a node restarts, the cluster replays its log from the last snapshot, and the journal may
 * already hold records past that point (it is written as commands are applied, a snapshot only now
 * and then). Those records are then not appended again: each one the replay produces is checked
 * against the journaled one, byte for byte, and only past the journal's end does appending resume.
 * A difference stops the node, as single-process recovery does: the matcher is not deterministic
 * or the journal was altered, and nothing should continue from a state nobody acknowledged.
 * <p>Used only on the service's thread.
 */
final class NodeJournal implements AutoCloseable
{
    private final Journal journal;
    private JournalReader reader;
    private JournalWriter writer;
    /** Records of the excerpt being checked (an excerpt may hold several in a journal from elsewhere). */
    private final ExpandableArrayBuffer pending = new ExpandableArrayBuffer(64 * 1024);
    private final UnsafeBuffer pendingView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer leftView = new UnsafeBuffer(0, 0);
    private final UnsafeBuffer rightView = new UnsafeBuffer(0, 0);
    private int pendingAt;
    private int pendingEnd;
    private long pendingIndex = -1;
    private final JournalRecord journaled = new JournalRecord();
    private final JournalReader.RecordHandler copyIntoPending = this::copyIntoPending;
    private long lastSeq;
    private long lastIndex = -1;
    private long recordsChecked;
    private long recordsAppended;

    private NodeJournal(final Journal journal)
    {
        this.journal = journal;
        this.reader = journal.reader();
    }

    static NodeJournal open(final Path directory)
    {
        return new NodeJournal(Journal.open(directory));
    }

    /**
     * Positions the journal after {@code seq} without replaying it (the matcher's state came whole
     * from a snapshot): {@code indexHint} is the excerpt that held {@code seq} when the snapshot
     * was taken; the journal is searched by seq if that excerpt does not hold it. The journaled
     * record of {@code seq} must be of {@code timeNs}, or the journal is another cluster's.
     */
    void skipTo(final long seq, final long timeNs, final long indexHint)
    {
        if (0 == seq)
        {
            return;
        }
        if (indexHint >= 0 && reader.moveTo(indexHint))
        {
            dropPending();
            final JournalRecord record = nextJournaledAt(seq);
            if (null != record && record.seq() == seq)
            {
                positionAfter(record, timeNs);
                return;
            }
        }
        dropPending();
        final JournalRecord record = reader.seekToSeq(seq) ? nextJournaledAt(seq) : null;
        if (null == record || record.seq() != seq)
        {
            throw new IllegalStateException("the journal " + journal.directory() + " does not hold the snapshot's seq " +
                seq + " (copy a complete journal from another node)");
        }
        positionAfter(record, timeNs);
    }

    private void positionAfter(final JournalRecord record, final long timeNs)
    {
        if (record.timeNs() != timeNs)
        {
            throw new IllegalStateException("the journal " + journal.directory() + " holds seq " + record.seq() +
                " at " + record.timeNs() + ", the snapshot at " + timeNs + ": another cluster's journal");
        }
        lastSeq = record.seq() - 1;
        consumeJournaled(record);
    }

    /** The next journaled record whose seq is at least {@code seq}, skipping those before; null at the end. */
    private JournalRecord nextJournaledAt(final long seq)
    {
        JournalRecord record;
        while (null != (record = nextJournaled()) && record.seq() < seq)
        {
            pendingAt += record.length();
        }
        return record;
    }

    /**
     * A record the service just sequenced: checked against the journal while the journal has
     * records past the last one, appended once it has none.
     */
    void onRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seq = buffer.getLong(offset + JournalRecord.SEQ_OFFSET);
        assert seq == lastSeq + 1 : "seq " + seq + " after " + lastSeq;
        if (null != reader)
        {
            final JournalRecord record = nextJournaled();
            if (null != record)
            {
                if (record.length() != length || !sameBytes(record.buffer(), pendingAt, buffer, offset, length))
                {
                    throw new IllegalStateException("replay diverged at seq " + seq + ": the record produced differs from " +
                        "the one in " + journal.directory() + " (journaled seq " + record.seq() + ")");
                }
                consumeJournaled(record);
                recordsChecked++;
                return;
            }
            reader.close();
            reader = null;
            writer = journal.writer();
        }
        lastIndex = writer.appendRecord(buffer, offset, length);
        lastSeq = seq;
        recordsAppended++;
    }

    /** The next journaled record not yet consumed, or null at the journal's end; valid until consumed. */
    private JournalRecord nextJournaled()
    {
        if (pendingAt >= pendingEnd)
        {
            pendingAt = 0;
            pendingEnd = 0;
            if (!reader.read(copyIntoPending))
            {
                return null;
            }
        }
        pendingView.wrap(pending, 0, pendingEnd);
        return journaled.wrap(pendingView, pendingAt);
    }

    private void copyIntoPending(final long index, final JournalRecord record)
    {
        final int length = record.length();
        pending.putBytes(pendingEnd, record.buffer(), offsetOf(record), length);
        pendingEnd += length;
        pendingIndex = index;
    }

    private static int offsetOf(final JournalRecord record)
    {
        return record.commandOffset() - JournalRecord.HEADER_LENGTH;
    }

    private void consumeJournaled(final JournalRecord record)
    {
        final long seq = record.seq();
        if (seq != lastSeq + 1)
        {
            throw new IllegalStateException("journal gap in " + journal.directory() + ": seq " + seq + " after " + lastSeq);
        }
        lastSeq = seq;
        lastIndex = pendingIndex;
        pendingAt += record.length();
    }

    private void dropPending()
    {
        pendingAt = 0;
        pendingEnd = 0;
    }

    /** Whether two ranges hold the same bytes: two views compared by UnsafeBuffer.equals (length, then bytes). */
    private boolean sameBytes(final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        if (length > a.capacity() - aOffset || length > b.capacity() - bOffset)
        {
            return false;
        }
        leftView.wrap(a, aOffset, length);
        rightView.wrap(b, bOffset, length);
        return leftView.equals(rightView);
    }

    /** The seq of the last record appended or checked. */
    long lastSeq()
    {
        return lastSeq;
    }

    /** The Chronicle index of the excerpt holding {@link #lastSeq()}; -1 before any. */
    long lastIndex()
    {
        return lastIndex;
    }

    /** Records the replay produced that the journal already held, checked rather than appended. */
    long recordsChecked()
    {
        return recordsChecked;
    }

    long recordsAppended()
    {
        return recordsAppended;
    }

    Path directory()
    {
        return journal.directory();
    }

    @Override
    public void close()
    {
        if (null != reader)
        {
            reader.close();
        }
        if (null != writer)
        {
            writer.close();
        }
        journal.close();
    }
}
