package io.databourse.journal.queue;

import io.databourse.journal.schema.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
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
