package io.databourse.journal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.json.CommandFormatException;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records written as single or batched excerpts come back whole, in order, byte for byte. */
class JournalRoundTripTest
{
    private static int record(final ExpandableArrayBuffer dst, final int at, final long seq, final String clOrdId)
    {
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 7);
        assertTrue(AsciiFields.putId(command, NewOrderCommandEncoder.clOrdIdEncodingOffset(), NewOrderCommandEncoder.clOrdIdLength(),
            clOrdId));
        c.priceFen(1234).qty(seq);
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(256);
        Codecs.encode(new OrderEventEncoder(), events, 0, 7, MessageType.ORDER_ACCEPTED).orderId(seq).orderQty(seq);
        return JournalRecord.encode(dst, at, seq, seq * 1000, command, 0, NewOrderCommandEncoder.BLOCK_LENGTH, events, 0,
            OrderEventEncoder.BLOCK_LENGTH, 1);
    }

    @Test
    void batchedAndSingleExcerptsReadBackRecordByRecord(@TempDir final Path dir)
    {
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            int length = record(batch, 0, 1, "a");
            writer.appendRecord(batch, 0, length);
            length = 0;
            for (long seq = 2; seq <= 5; seq++)
            {
                length += record(batch, length, seq, "b" + seq);
            }
            writer.appendRecord(batch, 0, length);
            // an off-heap source takes the other copy path
            final UnsafeBuffer direct = new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(1024));
            final ExpandableArrayBuffer one = new ExpandableArrayBuffer(1024);
            length = record(one, 0, 6, "c");
            direct.putBytes(0, one, 0, length);
            writer.appendRecord(direct, 0, length);
        }
        final List<Long> seqs = new ArrayList<>();
        final List<String> clOrdIds = new ArrayList<>();
        final List<Long> indexes = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            final NewOrderCommandDecoder c = new NewOrderCommandDecoder();
            final OrderEventDecoder e = new OrderEventDecoder();
            int excerpts = 0;
            while (reader.read((index, r) ->
            {
                seqs.add(r.seq());
                indexes.add(index);
                clOrdIds.add(Codecs.wrap(c, r.buffer(), r.commandOffset()).clOrdId());
                assertEquals(MessageType.NEW_ORDER, r.commandType());
                assertEquals(1, r.forEachEvent((type, b, o, l) ->
                {
                    assertEquals(MessageType.ORDER_ACCEPTED, type);
                    assertEquals(r.seq(), Codecs.wrap(e, b, o).orderId());
                }));
                assertEquals(r.seq() * 1000, r.timeNs());
            }))
            {
                excerpts++;
            }
            assertEquals(3, excerpts);
            assertFalse(reader.read((index, r) -> { }));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs);
        try (Journal journal = Journal.openReadOnly(dir))
        {
            assertEquals(6, journal.lastSeq(), "read from the last excerpt alone");
        }
        assertEquals(List.of("a", "b2", "b3", "b4", "b5", "c"), clOrdIds);
        assertEquals(indexes.get(1), indexes.get(4), "records of one batch share their excerpt's index");
    }

    @Test
    void anEmptyJournalsLastSeqIsZero(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(dir))
        {
            assertEquals(0, journal.lastSeq());
        }
    }

    @Test
    void touchingAheadBetweenAppendsChangesNothingThatIsRead(@TempDir final Path dir)
    {
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
        int touched = 0;
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            for (long seq = 1; seq <= 200; seq++)
            {
                writer.appendRecord(batch, 0, record(batch, 0, seq, "t" + seq));
                while (writer.touchAhead())
                {
                    touched++; // each new page once, then nothing more to touch
                }
            }
        }
        assertTrue(touched > 0, "200 records of ~200 bytes cross several pages");
        final List<Long> seqs = new ArrayList<>();
        final List<String> clOrdIds = new ArrayList<>();
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            final NewOrderCommandDecoder c = new NewOrderCommandDecoder();
            while (reader.read((index, r) ->
            {
                seqs.add(r.seq());
                clOrdIds.add(Codecs.wrap(c, r.buffer(), r.commandOffset()).clOrdId());
            }))
            {
                // read on
            }
        }
        assertEquals(200, seqs.size());
        for (int i = 0; i < 200; i++)
        {
            assertEquals(i + 1, seqs.get(i));
            assertEquals("t" + (i + 1), clOrdIds.get(i));
        }
    }

    @Test
    void excerptsAreWrittenPackedAndCounted(@TempDir final Path dir)
    {
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            int length = 0;
            for (long seq = 1; seq <= 10; seq++)
            {
                length += record(batch, length, seq, "p" + seq);
            }
            writer.appendRecord(batch, 0, length);
            assertEquals(length, writer.recordBytes());
            final byte[] records = java.util.Arrays.copyOf(batch.byteArray(), length);
            final byte[] packed = new byte[io.databourse.journal.queue.ExcerptCodec.maxPackedLength(length)];
            assertEquals(io.databourse.journal.queue.ExcerptCodec.pack(records, 0, length, packed, 0), writer.excerptBytes());
            assertTrue(writer.excerptBytes() * 2 < writer.recordBytes(),
                writer.excerptBytes() + " bytes written for " + writer.recordBytes() + " bytes of records");
        }
    }

    @Test
    void anExcerptInAnotherFormatIsRefusedWithItsIndex(@TempDir final Path dir)
    {
        // a journal of this version, then an excerpt of raw records, as a journal of an earlier version
        // holds them (a journal whose first excerpt is in another format is refused when opened: JournalSchemaTest)
        final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
        final int length = record(batch, 0, 1, "old");
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            writer.appendRecord(batch, 0, length);
        }
        try (net.openhft.chronicle.queue.ChronicleQueue queue = net.openhft.chronicle.queue.impl.single
                .SingleChronicleQueueBuilder.binary(dir.toFile()).rollCycle(net.openhft.chronicle.queue.RollCycles.FAST_DAILY).build();
            net.openhft.chronicle.queue.ExcerptAppender appender = queue.createAppender();
            net.openhft.chronicle.wire.DocumentContext dc = appender.writingDocument())
        {
            dc.wire().bytes().write(batch.byteArray(), 0, length);
        }
        try (Journal journal = Journal.openReadOnly(dir); JournalReader reader = journal.reader())
        {
            assertTrue(reader.read((index, r) -> { }));
            final IllegalStateException refused = assertThrows(IllegalStateException.class, () -> reader.read((index, r) -> { }));
            assertTrue(refused.getMessage().startsWith("corrupt journal excerpt at index "), refused.getMessage());
            assertTrue(refused.getMessage().contains("this version reads format " + io.databourse.journal.queue.ExcerptCodec.FORMAT_PACKED),
                refused.getMessage());
        }
    }

    @Test
    void oversizeRecordsAreRefused(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
        {
            final UnsafeBuffer huge = new UnsafeBuffer(new byte[JournalWriter.RECORD_LENGTH_MAX + 1]);
            assertThrows(IllegalArgumentException.class, () -> writer.appendRecord(huge, 0, huge.capacity()));
        }
    }

    @Test
    void jsonMoneyIsExactFenOrAnError()
    {
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        final String base = "{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"x\",\"product\":\"D\",\"side\":\"buy\",\"qty\":1,\"price\":";
        assertEquals(1234, priceOf(parser, b, base + "\"12.34\"}"));
        assertEquals(1200, priceOf(parser, b, base + "\"12\"}"));
        assertEquals(1200, priceOf(parser, b, base + "12.0}"));
        final CommandFormatException tooFine = assertThrows(CommandFormatException.class,
            () -> parser.parse(base + "\"12.345\"}", b));
        assertTrue(tooFine.getMessage().contains("price"), tooFine.getMessage());
        assertThrows(CommandFormatException.class, () -> parser.parse(base + "\"twelve\"}", b));
        assertThrows(CommandFormatException.class, () -> parser.parse(base + "\"99999999999999999999.00\"}", b));
        assertThrows(CommandFormatException.class, () -> parser.parse("{\"type\":\"teleport\"}", b));
        assertThrows(CommandFormatException.class, () -> parser.parse("[1,2]", b));
        final CommandFormatException longId = assertThrows(CommandFormatException.class,
            () -> parser.parse(base.replace("\"x\"", "\"" + "x".repeat(25) + "\"") + "\"1.00\"}", b));
        assertTrue(longId.getMessage().contains("clOrdId"), longId.getMessage());
    }

    private static long priceOf(final JsonCommandParser parser, final ExpandableArrayBuffer b, final String line)
    {
        try
        {
            parser.parse(line, b);
        }
        catch (final CommandFormatException ex)
        {
            throw new AssertionError(ex);
        }
        return Codecs.wrap(new NewOrderCommandDecoder(), b, 0).priceFen();
    }
}
