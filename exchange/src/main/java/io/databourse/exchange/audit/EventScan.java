package io.databourse.exchange.audit;

import java.io.PrintWriter;

import io.databourse.journal.json.EventJsonWriter;
import io.databourse.journal.json.ReferenceNames;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;

/**
 * One pass over a journal for the audit commands that read its events: records in order, with the
 * names of participants and products learnt from the journal's own registrations before each record
 * is visited, a progress bar, and events rendered in the documented JSON form (docs/simulate.md).
 * Streams: memory does not grow with the journal.
 */
final class EventScan implements AutoCloseable
{
    private final Journal journal;
    private final JournalReader reader;
    private final EventJsonWriter json = new EventJsonWriter();
    private final StringBuilder line = new StringBuilder(1024);
    private final Progress progress;
    private RecordVisitor visitor;
    private boolean stopped;
    private long records;

    /** Receives each record; returns false to end the scan (e.g. past a time window). */
    @FunctionalInterface
    interface RecordVisitor
    {
        boolean onRecord(JournalRecord record);
    }

    private final JournalReader.RecordHandler handler = (index, record) -> onRecord(record);
    private final JournalRecord.EventHandler learnNames = (type, buffer, offset, length) ->
        names().onEvent(type, buffer, offset);

    EventScan(final AuditDir dir, final PrintWriter err, final String what)
    {
        journal = Journal.openReadOnly(dir.journal());
        progress = Progress.of(what, journal.lastSeq(), err);
        reader = journal.reader();
    }

    private void onRecord(final JournalRecord record)
    {
        if (stopped)
        {
            return;
        }
        record.forEachEvent(learnNames);
        stopped = !visitor.onRecord(record);
        progress.update(++records);
    }

    /** Visits records from the journal's start until the visitor stops or the journal ends; returns records visited. */
    long run(final RecordVisitor visitor)
    {
        this.visitor = visitor;
        stopped = false;
        records = 0;
        reader.toStart();
        while (!stopped && reader.read(handler))
        {
            // every excerpt
        }
        return records;
    }

    /** Keeps an event about a subject (a participant's or product's index). */
    @FunctionalInterface
    interface SubjectFilter
    {
        boolean keep(int type, DirectBuffer buffer, int offset, int subject);
    }

    /**
     * Writes as JSON lines the events {@code filter} keeps, of the records in {@code [fromNs, toNs]},
     * once {@code lookup} finds the subject registered (nothing is about it before); returns the
     * subject's index, or -1 when the journal never registered it.
     */
    int writeAbout(
        final java.io.Writer out, final java.util.function.ToIntFunction<EventScan> lookup, final SubjectFilter filter,
        final long fromNs, final long toNs)
    {
        final int[] subject = {-1};
        run(record ->
        {
            if (record.timeNs() > toNs)
            {
                return false; // the sequencer's time never goes back: nothing later qualifies
            }
            if (subject[0] < 0 && (subject[0] = lookup.applyAsInt(this)) < 0)
            {
                return true;
            }
            if (record.timeNs() >= fromNs)
            {
                record.forEachEvent((type, buffer, offset, length) ->
                {
                    if (filter.keep(type, buffer, offset, subject[0]))
                    {
                        Lines.write(out, json(record.seq(), record.timeNs(), type, buffer, offset));
                    }
                });
            }
            return true;
        });
        return subject[0];
    }

    /** An event as its documented JSON object, without a newline: valid until the next call. */
    StringBuilder json(final long seq, final long timeNs, final int type, final DirectBuffer buffer, final int offset)
    {
        line.setLength(0);
        json.writeEvent(seq, timeNs, type, buffer, offset, line);
        return line;
    }

    ReferenceNames names()
    {
        return json.names();
    }

    /** The index the journal registered a participant under so far, or -1. */
    int participant(final String id)
    {
        final ReferenceNames names = json.names();
        for (int i = 0; i < names.participantCount(); i++)
        {
            if (id.equals(names.participant(i)))
            {
                return i;
            }
        }
        return -1;
    }

    /** The index the journal registered a product under so far, or -1. */
    int product(final String id)
    {
        final ReferenceNames names = json.names();
        for (int i = 0; i < names.productCount(); i++)
        {
            if (id.equals(names.product(i)))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close()
    {
        progress.close();
        reader.close();
        journal.close();
    }
}
