package io.databourse.journal.queue;

import java.nio.file.Path;

import io.databourse.journal.sbe.EndOfDayCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journal written with another message schema is refused by name when opened; this schema's opens. */
class JournalSchemaTest
{
    @Test
    void aJournalOfThisSchemaOpensAndReads(@TempDir final Path dir)
    {
        assertEquals(Codecs.SCHEMA_VERSION, ExcerptCodec.FORMAT_PACKED, "an excerpt names the schema version");
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(64);
        final EndOfDayCommandEncoder endOfDay = Codecs.encode(new EndOfDayCommandEncoder(), command, 0, 0);
        final ExpandableArrayBuffer record = new ExpandableArrayBuffer(256);
        final int length = JournalRecord.encode(
            record, 0, 1, 1, command, 0, endOfDay.sbeBlockLength(), command, 0, 0, 0);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            writer.appendRecord(record, 0, length);
        }
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            assertTrue(reader.read((index, r) -> assertEquals(1, r.seq())));
        }
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(1, journal.lastSeq());
        }
    }

    @Test
    void aJournalOfTheSchemaBeforeTheMarketRulesIsRefusedByName(@TempDir final Path dir)
    {
        writeExcerptWithFormat(dir, ExcerptCodec.FORMAT_PACKED_BEFORE_MARKET_RULES);
        for (final boolean readOnly : new boolean[]{false, true})
        {
            final JournalSchemaException refused = assertThrows(JournalSchemaException.class,
                () -> (readOnly ? Journal.openReadOnly(dir) : Journal.open(dir)).close());
            assertTrue(refused.getMessage().contains("message schema version 2"), refused.getMessage());
            assertTrue(refused.getMessage().contains("before the market rules"), refused.getMessage());
            assertTrue(refused.getMessage().contains("this build reads message schema 1 version " + Codecs.SCHEMA_VERSION),
                refused.getMessage());
        }
    }

    @Test
    void aJournalOfTheSchemaBeforeDrawsIsRefusedByName(@TempDir final Path dir)
    {
        writeExcerptWithFormat(dir, ExcerptCodec.FORMAT_PACKED_BEFORE_DRAWS);
        final JournalSchemaException refused = assertThrows(JournalSchemaException.class, () -> Journal.open(dir).close());
        assertTrue(refused.getMessage().contains("message schema version 4"), refused.getMessage());
        assertTrue(refused.getMessage().contains("entitlements each usage report and resale draws"), refused.getMessage());
    }

    @Test
    void aJournalOfTheSchemaBeforeTheCrossBorderYearIsRefusedByName(@TempDir final Path dir)
    {
        writeExcerptWithFormat(dir, ExcerptCodec.FORMAT_PACKED_BEFORE_CROSS_BORDER_YEAR);
        for (final boolean readOnly : new boolean[]{false, true})
        {
            final JournalSchemaException refused = assertThrows(JournalSchemaException.class,
                () -> (readOnly ? Journal.openReadOnly(dir) : Journal.open(dir)).close());
            assertTrue(refused.getMessage().contains("message schema version 5"), refused.getMessage());
            assertTrue(refused.getMessage().contains("calendar year of their cross-border records"), refused.getMessage());
        }
    }

    @Test
    void aJournalOfAnyOtherSchemaIsRefusedByName(@TempDir final Path dir)
    {
        writeExcerptWithFormat(dir, (byte)(Codecs.SCHEMA_VERSION + 1));
        final JournalSchemaException refused = assertThrows(JournalSchemaException.class, () -> Journal.open(dir).close());
        assertTrue(refused.getMessage().contains("message schema version " + (Codecs.SCHEMA_VERSION + 1)), refused.getMessage());
    }

    /** An excerpt as another build would write it: its format byte, then anything. */
    private static void writeExcerptWithFormat(final Path dir, final byte format)
    {
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(RollCycles.FAST_DAILY).build();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().writeByte(format).writeInt(32).writeLong(0);
        }
    }
}
