package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * One journal entry: a sequenced command followed by every event it caused, in order. Written as a
 * single Chronicle excerpt, so a reader sees a command together with its events or not at all.
 * <pre>
 *    0 seq           i64  global sequence number stamped by the sequencer, 1, 2, 3, ...
 *    8 timeNs        i64  sequencer timestamp, epoch ns; the matcher's only notion of time
 *   16 commandLength i32
 *   20 eventsLength  i32
 *   24 eventCount    i32
 *   28 (reserved)    i32
 *   32 command       commandLength bytes (a message with the {@link RecordHeader})
 *   .. events        eventsLength bytes: eventCount messages back to back
 * </pre>
 */
public final class JournalRecord
{
    public static final int SEQ_OFFSET = 0;
    public static final int TIME_NS_OFFSET = 8;
    public static final int COMMAND_LENGTH_OFFSET = 16;
    public static final int EVENTS_LENGTH_OFFSET = 20;
    public static final int EVENT_COUNT_OFFSET = 24;
    public static final int HEADER_LENGTH = 32;

    private DirectBuffer buffer;
    private int offset;

    public JournalRecord wrap(final DirectBuffer buffer, final int offset)
    {
        this.buffer = buffer;
        this.offset = offset;
        return this;
    }

    /** Writes a whole record; returns its length. */
    public static int encode(
        final MutableDirectBuffer dst,
        final int dstOffset,
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
        dst.putLong(dstOffset + SEQ_OFFSET, seq);
        dst.putLong(dstOffset + TIME_NS_OFFSET, timeNs);
        dst.putInt(dstOffset + COMMAND_LENGTH_OFFSET, commandLength);
        dst.putInt(dstOffset + EVENTS_LENGTH_OFFSET, eventsLength);
        dst.putInt(dstOffset + EVENT_COUNT_OFFSET, eventCount);
        dst.putInt(dstOffset + EVENT_COUNT_OFFSET + 4, 0);
        dst.putBytes(dstOffset + HEADER_LENGTH, command, commandOffset, commandLength);
        dst.putBytes(dstOffset + HEADER_LENGTH + commandLength, events, eventsOffset, eventsLength);
        return HEADER_LENGTH + commandLength + eventsLength;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public long seq()
    {
        return buffer.getLong(offset + SEQ_OFFSET);
    }

    public long timeNs()
    {
        return buffer.getLong(offset + TIME_NS_OFFSET);
    }

    public int commandLength()
    {
        return buffer.getInt(offset + COMMAND_LENGTH_OFFSET);
    }

    public int eventsLength()
    {
        return buffer.getInt(offset + EVENTS_LENGTH_OFFSET);
    }

    public int eventCount()
    {
        return buffer.getInt(offset + EVENT_COUNT_OFFSET);
    }

    public int commandOffset()
    {
        return offset + HEADER_LENGTH;
    }

    public int commandType()
    {
        return RecordHeader.typeAt(buffer, commandOffset());
    }

    public int eventsOffset()
    {
        return offset + HEADER_LENGTH + commandLength();
    }

    public int length()
    {
        return HEADER_LENGTH + commandLength() + eventsLength();
    }

    /** Calls the handler for each event in order; returns the number of events visited. */
    public int forEachEvent(final EventHandler handler)
    {
        int at = eventsOffset();
        final int end = at + eventsLength();
        int n = 0;
        while (at < end)
        {
            final int length = RecordHeader.lengthAt(buffer, at);
            if (length < RecordHeader.ENCODED_LENGTH || at + length > end)
            {
                throw new IllegalStateException("corrupt event at seq " + seq() + " offset " + (at - offset));
            }
            handler.onEvent(RecordHeader.typeAt(buffer, at), buffer, at, length);
            at += length;
            n++;
        }
        return n;
    }

    /** Length of the whole record at {@code offset}: header, command and events. */
    public static int lengthAt(final DirectBuffer buffer, final int offset)
    {
        return HEADER_LENGTH + buffer.getInt(offset + COMMAND_LENGTH_OFFSET) + buffer.getInt(offset + EVENTS_LENGTH_OFFSET);
    }

    /**
     * Wraps this view on each record of {@code [offset, offset + length)}, records back to back as in
     * a journal batch or an egress message, and calls the handler; returns the number of records.
     * Stops with an {@link IllegalStateException} at a record whose lengths run past the end.
     */
    public int forEachRecord(final DirectBuffer buffer, final int offset, final int length, final RecordHandler handler)
    {
        final int end = offset + length;
        int at = offset;
        int n = 0;
        while (at < end)
        {
            if (end - at < HEADER_LENGTH)
            {
                throw new IllegalStateException("truncated record header at offset " + (at - offset));
            }
            wrap(buffer, at);
            final int commandLength = commandLength();
            final int eventsLength = eventsLength();
            if (commandLength < 0 || eventsLength < 0 || (long)HEADER_LENGTH + commandLength + eventsLength > end - at)
            {
                throw new IllegalStateException("corrupt record at offset " + (at - offset) + ": command " + commandLength +
                    " bytes, events " + eventsLength + " bytes, " + (end - at) + " left");
            }
            handler.onRecord(this);
            at += HEADER_LENGTH + commandLength + eventsLength;
            n++;
        }
        return n;
    }

    /** Receives records, one at a time, through the view that iterates them. */
    @FunctionalInterface
    public interface RecordHandler
    {
        void onRecord(JournalRecord record);
    }

    /** Receives the events of a record. */
    @FunctionalInterface
    public interface EventHandler
    {
        void onEvent(int type, DirectBuffer buffer, int offset, int length);
    }
}
