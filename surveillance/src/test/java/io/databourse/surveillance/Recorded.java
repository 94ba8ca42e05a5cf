package io.databourse.surveillance;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.databourse.journal.schema.JournalRecord;
import org.agrona.concurrent.UnsafeBuffer;

/** A scripted journal kept in memory, record by record, to feed to engines and stages again. */
final class Recorded
{
    final List<byte[]> records = new ArrayList<>();
    final Market market = new Market(this::keep);

    private void keep(final JournalRecord record)
    {
        final byte[] copy = new byte[record.length()];
        record.buffer().getBytes(record.commandOffset() - JournalRecord.HEADER_LENGTH, copy);
        records.add(copy);
    }

    /** Feeds records [from, to) to a sink, each wrapped in a fresh view. */
    void replay(final int from, final int to, final Consumer<JournalRecord> sink)
    {
        final JournalRecord view = new JournalRecord();
        for (int i = from; i < to; i++)
        {
            sink.accept(view.wrap(new UnsafeBuffer(records.get(i)), 0));
        }
    }

    int size()
    {
        return records.size();
    }
}
