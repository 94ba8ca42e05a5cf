package io.databourse.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;

/** Reads a journal's records, each as its bytes. */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    public static List<byte[]> records(final Path journalDir)
    {
        final List<byte[]> records = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
        {
            while (reader.read((index, record) ->
            {
                final byte[] bytes = new byte[record.length()];
                record.buffer().getBytes(record.commandOffset() - JournalRecord.HEADER_LENGTH, bytes);
                records.add(bytes);
            }))
            {
                // all of it
            }
        }
        return records;
    }
}
