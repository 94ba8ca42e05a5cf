package io.databourse.journal.queue;

import java.util.NavigableSet;

import io.databourse.journal.schema.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads journal records in order. An excerpt holds one or more whole records (the sequencer writes
 * the records of one duty cycle as one excerpt); the handler is called once per record, with the
 * excerpt's index. Excerpts are packed ({@link ExcerptCodec}): the record handed to the handler is a
 * view over this reader's unpacking buffer, valid only during the call: copy what must outlive it.
 */
public final class JournalReader implements AutoCloseable
{
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    // Excerpts are unpacked here; grown (never shrunk) when one is larger than any before.
    private byte[] unpacked = new byte[64 * 1024];
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
            final long index = dc.index();
            final int length = unpack(in, index);
            view.wrap(unpacked, 0, length);
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

    /** Unpacks the excerpt into {@link #unpacked}; returns its records' length. */
    private int unpack(final Bytes<?> in, final long index)
    {
        final int packedLength = (int)in.readRemaining();
        final long address = in.addressForRead(in.readPosition());
        try
        {
            final int length = ExcerptCodec.unpackedLength(null, address, packedLength);
            if (length > JournalWriter.RECORD_LENGTH_MAX)
            {
                throw new IllegalStateException("excerpt declares " + length + " bytes, more than a writer writes");
            }
            if (unpacked.length < length + 8)
            {
                unpacked = new byte[Math.max(unpacked.length * 2, length + 8)];
            }
            return ExcerptCodec.unpack(null, address, packedLength, unpacked);
        }
        catch (final IllegalStateException ex)
        {
            throw new IllegalStateException("corrupt journal excerpt at index " + index + ": " + ex.getMessage(), ex);
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

    /**
     * Positions the reader at the excerpt holding record {@code seq} (or, when there is none, the
     * first excerpt after where it would be), so that the next {@link #read} returns it: a binary
     * search over the journal's files, then over the excerpts of one, reading the first record of
     * ~log2(n) excerpts. Records before {@code seq} in that excerpt come first: skip them by seq.
     * Seqs rise through the journal (the sequencer stamps them), which is what makes this work.
     * Returns false, positioned at the end, when the journal holds no record at or after {@code seq}.
     */
    public boolean seekToSeq(final long seq)
    {
        final SingleChronicleQueue queue = (SingleChronicleQueue)tailer.queue();
        final RollCycle rollCycle = queue.rollCycle();
        final NavigableSet<Long> cycleSet = queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle());
        final long[] cycles = cycleSet.stream().mapToLong(Long::longValue).toArray();
        if (0 == cycles.length)
        {
            return false;
        }
        // the last file whose first record is at or before seq (or the first file)
        int lo = 0;
        int hi = cycles.length - 1;
        int file = 0;
        while (lo <= hi)
        {
            final int mid = (lo + hi) >>> 1;
            final long first = firstSeqAt(rollCycle.toIndex((int)cycles[mid], 0));
            if (first >= 0 && first <= seq)
            {
                file = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        final int cycle = (int)cycles[file];
        long first = 0;
        long last = tailer.excerptsInCycle(cycle) - 1;
        long excerpt = 0;
        while (first <= last)
        {
            final long mid = (first + last) >>> 1;
            final long firstSeq = firstSeqAt(rollCycle.toIndex(cycle, mid));
            if (firstSeq >= 0 && firstSeq <= seq)
            {
                excerpt = mid;
                first = mid + 1;
            }
            else
            {
                last = mid - 1;
            }
        }
        final long index = rollCycle.toIndex(cycle, excerpt);
        final long[] lastSeq = {-1};
        if (!tailer.moveToIndex(index) || !read((i, r) -> lastSeq[0] = r.seq()))
        {
            tailer.toEnd();
            return false;
        }
        if (lastSeq[0] >= seq)
        {
            return tailer.moveToIndex(index);
        }
        // seq lies after this excerpt: the next one (perhaps in the next file) starts after it
        final long[] nextIndex = {-1};
        if (!read((i, r) -> nextIndex[0] = i))
        {
            return false;
        }
        return tailer.moveToIndex(nextIndex[0]);
    }

    /** Seq of the first record of the excerpt at {@code index}, -1 when there is none. */
    private long firstSeqAt(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return -1;
        }
        final long[] first = {-1};
        read((i, r) ->
        {
            if (first[0] < 0)
            {
                first[0] = r.seq();
            }
        });
        return first[0];
    }

    /**
     * Positions the reader so that the next excerpt read is the one at {@code index}; false when the
     * journal has no such excerpt (the reader is then where it was).
     */
    public boolean moveTo(final long index)
    {
        return tailer.moveToIndex(index);
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
