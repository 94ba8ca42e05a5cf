package io.databourse.exchange.audit;

import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.databourse.journal.json.ReferenceNames;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import org.agrona.DirectBuffer;

/**
 * {@code audit verify}'s replay: every record of the journal through a fresh matcher, in order, each
 * checked (seq without a gap, time never going back, a clean header) and its events compared with the
 * journaled ones byte for byte; the state hash compared with each snapshot's at its seq (a mismatch is
 * the snapshot's fault, and the replay goes on); each trade
 * handed to the certificate check as it goes. Stops at the first record that fails, and says where:
 * the journal's excerpt index, the seq, and for a differing event which one and which field.
 */
final class JournalCheck
{
    /** Receives each trade of the journal, in order, with its record's seq and time. */
    @FunctionalInterface
    interface TradeListener
    {
        void onTrade(long seq, long timeNs, TradeEventDecoder trade);
    }

    private final Matcher matcher = new Matcher(new MatcherContext().conclude());
    private final MatcherSnapshot hasher = new MatcherSnapshot();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private long recordSeq;
    private long recordTimeNs;
    private final ReferenceNames names = new ReferenceNames();
    private final TreeMap<Long, byte[]> snapshotHashes;
    private final TradeListener trades;
    private final Progress progress;
    private String failure;
    private long lastTimeNs = Long.MIN_VALUE;
    private long records;
    private long lastGoodSeq;
    private long events;
    private int snapshotsChecked;
    private final java.util.List<String> snapshotMismatches = new java.util.ArrayList<>();

    JournalCheck(final Map<Long, byte[]> snapshotHashes, final TradeListener trades, final Progress progress)
    {
        this.snapshotHashes = new TreeMap<>(snapshotHashes);
        this.trades = trades;
        this.progress = progress;
    }

    /** Replays the whole journal; returns null when every record checks out, else where and why the first fails. */
    String run(final Journal journal)
    {
        try (JournalReader reader = journal.reader())
        {
            final JournalReader.RecordHandler handler = this::onRecord;
            while (null == failure && reader.read(handler))
            {
                // every excerpt, until one fails
            }
        }
        catch (final IllegalStateException ex)
        {
            // an excerpt that does not even unpack: a damaged file
            failure = ex.getMessage() + " (the first bad excerpt; the last good record is seq " + lastGoodSeq + ")";
        }
        return failure;
    }

    private void onRecord(final long index, final JournalRecord record)
    {
        if (null != failure)
        {
            return;
        }
        final long seq = record.seq();
        if (seq != matcher.lastSeq() + 1)
        {
            failure = where(index, seq) + ": a gap, seq " + seq + " after " + matcher.lastSeq();
            return;
        }
        if (record.timeNs() < lastTimeNs)
        {
            failure = where(index, seq) + ": time goes back, " + TimeArg.format(record.timeNs()) + " after " +
                TimeArg.format(lastTimeNs);
            return;
        }
        if (record.buffer().getInt(record.commandOffset() - JournalRecord.HEADER_LENGTH + JournalRecord.EVENT_COUNT_OFFSET + 4) != 0)
        {
            failure = where(index, seq) + ": the record header's reserved word is not zero (altered)";
            return;
        }
        lastTimeNs = record.timeNs();
        try
        {
            matcher.apply(seq, record.timeNs(), record.buffer(), record.commandOffset(), record.commandLength());
        }
        catch (final RuntimeException ex)
        {
            failure = where(index, seq) + ": the matcher cannot apply its command (" +
                MessageType.nameOf(record.commandType()) + "): " + ex;
            return;
        }
        final String difference = compare(record);
        if (null != difference)
        {
            failure = where(index, seq) + ", command " + MessageType.nameOf(record.commandType()) + ": " + difference;
            return;
        }
        events += record.eventCount();
        records++;
        lastGoodSeq = seq;
        progress.update(records);
        recordSeq = seq;
        recordTimeNs = record.timeNs();
        record.forEachEvent(eventHandler);
        final byte[] expected = snapshotHashes.remove(seq);
        if (null != expected)
        {
            final byte[] actual = hasher.hash(matcher);
            if (java.util.Arrays.equals(expected, actual))
            {
                snapshotsChecked++;
            }
            else
            {
                snapshotMismatches.add(io.databourse.matcher.snapshot.SnapshotStore.fileName(seq) + ": its state (hash " +
                    HexFormat.of().formatHex(expected) + ") is not the journal's at seq " + seq + " (hash " +
                    HexFormat.of().formatHex(actual) + ")");
            }
        }
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        names.onEvent(type, buffer, offset);
        if (type == MessageType.TRADE)
        {
            Codecs.wrap(trade, buffer, offset);
            trades.onTrade(recordSeq, recordTimeNs, trade);
        }
    }

    private static String where(final long index, final long seq)
    {
        return "index " + index + " (0x" + Long.toHexString(index) + "), seq " + seq;
    }

    /** Null when the replayed events equal the journaled ones; else the first difference, by event and field. */
    private String compare(final JournalRecord record)
    {
        final DirectBuffer produced = matcher.eventBuffer();
        final int producedLength = matcher.eventsLength();
        final DirectBuffer journaled = record.buffer();
        final int base = record.eventsOffset();
        final int journaledLength = record.eventsLength();
        if (producedLength == journaledLength && matcher.eventCount() == record.eventCount() &&
            equal(produced, journaled, base, producedLength))
        {
            return null; // the common case, a word at a time; the walk below only names a difference
        }
        int a = 0;
        int b = 0;
        int n = 0;
        while (a < producedLength && b < journaledLength)
        {
            final int aLength = RecordHeader.lengthAt(produced, a);
            final int bLength = RecordHeader.lengthAt(journaled, base + b);
            final int aType = RecordHeader.typeAt(produced, a);
            final int bType = RecordHeader.typeAt(journaled, base + b);
            n++;
            if (aType != bType)
            {
                return "event " + n + " is a " + MessageType.nameOf(bType) + " in the journal, a " + MessageType.nameOf(aType) +
                    " in the replay";
            }
            final int length = Math.min(aLength, bLength);
            for (int i = 0; i < length; i++)
            {
                if (produced.getByte(a + i) != journaled.getByte(base + b + i))
                {
                    final EventFields.Slot slot = EventFields.at(aType, i);
                    return "event " + n + " (" + MessageType.nameOf(aType) + ") differs in field " + slot.name() +
                        ": journal " + EventFields.value(journaled, base + b, slot) + ", replay " +
                        EventFields.value(produced, a, slot);
                }
            }
            if (aLength != bLength)
            {
                return "event " + n + " (" + MessageType.nameOf(aType) + ") is " + bLength + " bytes in the journal, " +
                    aLength + " in the replay";
            }
            a += aLength;
            b += bLength;
        }
        if (a < producedLength || b < journaledLength || matcher.eventCount() != record.eventCount())
        {
            return "the journal holds " + record.eventCount() + " events, the replay produced " + matcher.eventCount() +
                (b < journaledLength ? "; the first missing is a " + MessageType.nameOf(RecordHeader.typeAt(journaled, base + b)) :
                a < producedLength ? "; the first extra is a " + MessageType.nameOf(RecordHeader.typeAt(produced, a)) : "");
        }
        return null;
    }

    /** Participant and product names as of the record being checked. */
    ReferenceNames names()
    {
        return names;
    }

    private static boolean equal(final DirectBuffer a, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i + 8 <= length; i += 8)
        {
            if (a.getLong(i) != b.getLong(bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (a.getByte(i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    long records()
    {
        return records;
    }

    long events()
    {
        return events;
    }

    /** The seq of the last record that checked out. */
    long lastSeq()
    {
        return lastGoodSeq;
    }

    int snapshotsChecked()
    {
        return snapshotsChecked;
    }

    /** Snapshots whose state is not the replayed one at their seq. */
    java.util.List<String> snapshotMismatches()
    {
        return snapshotMismatches;
    }

    /** Snapshots whose seq the replay never reached. */
    Map<Long, byte[]> snapshotsNotReached()
    {
        return snapshotHashes;
    }
}
