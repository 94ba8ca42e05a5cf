package io.databourse.matcher;

import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

/**
 * Gives each command its place in history: a global sequence number and a timestamp, then has the
 * matcher apply it and journals the command together with the events it caused as one record.
 * Records accumulate in a batch until {@link #flush()} (the matcher agent flushes once per duty
 * cycle): the batch is one journal excerpt, and only after it is written are its records handed to
 * the listener, i.e. acknowledged. Batching costs no latency when commands arrive one at a time (a
 * batch of one) and amortises the journal append when they arrive in bursts.
 * <p>Why one record rather than "command, then events": a Chronicle excerpt is written whole or not
 * at all, so the journal never holds a command without its events, and a reader tailing it never
 * has to wait for the second half. A command is acknowledged (its events published) only after
 * its record is in the journal; a crash before that loses only unacknowledged input, which the
 * sender retries. Recovery replays the records' commands and checks their events byte for byte.
 */
public final class Sequencer
{
    private final Matcher matcher;
    private final JournalWriter journal;
    private final RecordListener listener;
    private final BatchListener batchListener;
    /** A batch this large is flushed at once, whatever the duty cycle: bounds excerpt size and latency. */
    public static final int BATCH_FLUSH_BYTES = 256 * 1024;

    private final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(BATCH_FLUSH_BYTES * 2);
    private final JournalRecord view = new JournalRecord();
    private final boolean batching;
    private int batchLength;
    private int batchRecords;
    private long lastSeq;
    private long lastTimeNs;

    /**
     * @param journal  where records go; null only for benchmarks of the matcher with sequencing
     * @param listener receives each record after it is journaled (egress publication), may be null
     */
    public Sequencer(final Matcher matcher, final JournalWriter journal, final RecordListener listener)
    {
        this(matcher, journal, listener, false);
    }

    /**
     * @param batching false: every {@link #sequence} is journaled and acknowledged at once (a batch
     *                 of one); true: records wait for {@link #flush()} (or {@link #BATCH_FLUSH_BYTES})
     */
    public Sequencer(
        final Matcher matcher, final JournalWriter journal, final RecordListener listener, final boolean batching)
    {
        this(matcher, journal, listener, null, batching);
    }

    /**
     * A batching sequencer whose listener receives each journaled batch whole (records back to
     * back), e.g. to publish it in as few messages as possible.
     */
    public static Sequencer batching(final Matcher matcher, final JournalWriter journal, final BatchListener batchListener)
    {
        return new Sequencer(matcher, journal, null, batchListener, true);
    }

    private Sequencer(
        final Matcher matcher, final JournalWriter journal, final RecordListener listener,
        final BatchListener batchListener, final boolean batching)
    {
        this.batching = batching;
        this.matcher = matcher;
        this.journal = journal;
        this.listener = listener;
        this.batchListener = batchListener;
        this.lastSeq = matcher.lastSeq();
        this.lastTimeNs = matcher.lastTimeNs();
    }

    /**
     * Sequences one command at a time from the live clock: time never goes backwards even if the
     * wall clock does.
     */
    public long sequenceNow(final long clockNs, final DirectBuffer command, final int offset, final int length)
    {
        final long timeNs = Math.max(clockNs, lastTimeNs);
        return sequence(timeNs, command, offset, length);
    }

    /**
     * Sequences one command with the given timestamp (replayed or simulated time). Returns its seq.
     * When batching, it is not journaled nor acknowledged until {@link #flush()}.
     *
     * @throws IllegalArgumentException when {@code timeNs} is earlier than the previous command's: the
     *                                  matcher's time never goes backwards (a compute window that has
     *                                  opened never closes again), so nothing is sequenced
     */
    public long sequence(final long timeNs, final DirectBuffer command, final int offset, final int length)
    {
        if (timeNs < lastTimeNs)
        {
            throw new IllegalArgumentException("time " + timeNs + " ns is earlier than the previous command's " +
                lastTimeNs + " ns: time never goes backwards");
        }
        final long seq = lastSeq + 1;
        matcher.apply(seq, timeNs, command, offset, length);
        lastSeq = seq;
        lastTimeNs = timeNs;
        batchRecords++;
        batchLength += JournalRecord.encode(
            batch, batchLength, seq, timeNs, command, offset, length,
            matcher.eventBuffer(), 0, matcher.eventsLength(), matcher.eventCount());
        if (!batching || batchLength >= BATCH_FLUSH_BYTES)
        {
            flush();
        }
        return seq;
    }

    /** Journals the batch as one excerpt, then hands each record to the listener. Returns records flushed. */
    public int flush()
    {
        if (batchLength == 0)
        {
            return 0;
        }
        if (null != journal)
        {
            journal.appendRecord(batch, 0, batchLength);
        }
        final int n = batchRecords;
        if (null != batchListener)
        {
            batchListener.onBatch(batch, 0, batchLength);
        }
        else if (null != listener)
        {
            int at = 0;
            while (at < batchLength)
            {
                final int recordLength = view.wrap(batch, at).length();
                listener.onRecord(batch, at, recordLength);
                at += recordLength;
            }
        }
        batchLength = 0;
        batchRecords = 0;
        return n;
    }

    public long lastSeq()
    {
        return lastSeq;
    }

    /** The timestamp of the last command sequenced: no later command may carry an earlier one. */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /** Receives each journaled batch: whole records back to back, valid only during the call. */
    @FunctionalInterface
    public interface BatchListener
    {
        void onBatch(DirectBuffer buffer, int offset, int length);
    }

    /** Receives each sequenced, journaled record (command + events). */
    @FunctionalInterface
    public interface RecordListener
    {
        void onRecord(DirectBuffer buffer, int offset, int length);
    }
}
