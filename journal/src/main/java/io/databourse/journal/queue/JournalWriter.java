package io.databourse.journal.queue;

import io.databourse.journal.schema.JournalRecord;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.util.MicroTouched;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends journal records. Allocation-free in steady state: the record is assembled in a reused
 * on-heap staging buffer, packed ({@link ExcerptCodec}) into another and copied into the excerpt in
 * one call.
 */
public final class JournalWriter implements AutoCloseable
{
    /** Largest record accepted; bounded so that one runaway command cannot exhaust the journal. */
    public static final int RECORD_LENGTH_MAX = 16 << 20;

    private final ExcerptAppender appender;
    private final byte[] staging = new byte[RECORD_LENGTH_MAX];
    private final UnsafeBuffer stagingBuffer = new UnsafeBuffer(staging);
    private final byte[] packed = new byte[ExcerptCodec.maxPackedLength(RECORD_LENGTH_MAX)];
    private long lastIndex = -1;
    private long recordBytes;
    private long excerptBytes;
    // Where appends have reached, for a JournalPrefetcher on another thread: the current file and
    // the byte offset in it just past the last excerpt (published with a release store).
    private final AtomicLong writePosition = new AtomicLong();
    private volatile File currentFile;
    private int currentCycle = Integer.MIN_VALUE;

    JournalWriter(final ExcerptAppender appender)
    {
        this.appender = appender;
    }

    /** Appends one record; returns its Chronicle index. */
    public long append(
        final long seq,
        final long timeNs,
        final DirectBuffer command,
        final int commandOffset,
        final int commandLength,
        final DirectBuffer events,
        final int eventsOffset,
        final int eventsLength,
        final int eventCount)
    {
        final int length = JournalRecord.HEADER_LENGTH + commandLength + eventsLength;
        if (length > RECORD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("journal record of " + length + " bytes exceeds " + RECORD_LENGTH_MAX);
        }
        JournalRecord.encode(
            stagingBuffer, 0, seq, timeNs, command, commandOffset, commandLength, events, eventsOffset, eventsLength,
            eventCount);
        return appendRaw(staging, 0, length);
    }

    /**
     * Appends one or more already-encoded records, back to back, as one excerpt (the sequencer's
     * batch of a duty cycle, replication, copying a journal): written whole or not at all.
     */
    public long appendRecord(final DirectBuffer record, final int offset, final int length)
    {
        if (length > RECORD_LENGTH_MAX)
        {
            throw new IllegalArgumentException("journal record of " + length + " bytes exceeds " + RECORD_LENGTH_MAX);
        }
        final byte[] array = record.byteArray();
        if (null != array)
        {
            // on-heap source: one copy, straight into the mapped excerpt
            // wrapAdjustment: index of this buffer's 0 within the backing array
            return appendRaw(array, record.wrapAdjustment() + offset, length);
        }
        record.getBytes(offset, staging, 0, length);
        return appendRaw(staging, 0, length);
    }

    /** Writes records as one excerpt, packed ({@link ExcerptCodec}). */
    private long appendRaw(final byte[] bytes, final int offset, final int length)
    {
        final int packedLength = ExcerptCodec.pack(bytes, offset, length, packed, 0);
        recordBytes += length;
        excerptBytes += packedLength;
        final long position;
        try (DocumentContext dc = appender.writingDocument())
        {
            final Bytes<?> out = dc.wire().bytes();
            out.write(packed, 0, packedLength);
            position = out.writePosition();
            lastIndex = dc.index();
        }
        final int cycle = appender.cycle();
        if (cycle != currentCycle)
        {
            currentCycle = cycle; // a new file (once a day): publish it before positions in it
            currentFile = appender.currentFile();
        }
        writePosition.lazySet(position);
        return lastIndex;
    }

    /** The file being appended to, or null before the first append (any thread). */
    public File currentFile()
    {
        return currentFile;
    }

    /** Byte offset in {@link #currentFile()} just past the last append (any thread; a recent value). */
    public long writePosition()
    {
        return writePosition.get();
    }

    /**
     * Touches the next page of the journal file ahead of the write position (Chronicle's
     * {@code microTouch}: an atomic compare-and-set of zero with zero, which changes nothing), so that
     * the page fault of a fresh page is taken now rather than by the next append. For the writing
     * thread's idle moments; returns whether a page was touched (false once the next one is).
     */
    public boolean touchAhead()
    {
        return appender instanceof MicroTouched touched && touched.microTouch();
    }

    /**
     * Hands the writer to the calling thread. Chronicle appenders are confined to one thread; the
     * exchange bootstraps reference data on the main thread before the matcher thread takes over.
     */
    public void takeOwnership()
    {
        appender.singleThreadedCheckReset();
    }

    /** Bytes of records appended so far, as encoded ({@link io.databourse.journal.schema.JournalRecord}). */
    public long recordBytes()
    {
        return recordBytes;
    }

    /** Bytes of excerpts appended so far, packed: what the journal file grows by (plus Chronicle's 4-byte headers). */
    public long excerptBytes()
    {
        return excerptBytes;
    }

    public long lastIndex()
    {
        return lastIndex;
    }

    @Override
    public void close()
    {
        appender.close();
    }
}
