package io.databourse.exchange.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.databourse.exchange.ExchangeMain;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code audit verify} on the scripted day: intact, it says so for the journal, the snapshots and the
 * certificates; one flipped byte in the journal's file, one changed event, one removed certificate
 * and one damaged snapshot are each detected, located (journal index, seq, event and field; the
 * certificate's index; the snapshot's file) and make it exit 1.
 */
class AuditVerifyTest
{
    @TempDir
    static Path dir;
    static Path original;
    static ScriptedDay.Day day;

    @TempDir
    Path work;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void journalTheDay() throws Exception
    {
        original = dir.resolve("data");
        day = ScriptedDay.journal(original);
    }

    private Path copy() throws IOException
    {
        final Path target = work.resolve("data");
        try (Stream<Path> paths = Files.walk(original))
        {
            for (final Path path : paths.toList())
            {
                final Path to = target.resolve(original.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(to);
                }
                else
                {
                    Files.copy(path, to);
                }
            }
        }
        return target;
    }

    private int verify(final Path data)
    {
        out.reset();
        err.reset();
        return ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "audit", "verify", data.toString());
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String line(final String part)
    {
        return out().lines().filter(l -> l.startsWith(part + ":")).findFirst().orElse("(no " + part + " line) " + out());
    }

    @Test
    void anIntactDayChecksOutInEveryPart() throws IOException
    {
        assertEquals(0, verify(copy()), out() + err.toString(StandardCharsets.UTF_8));
        assertTrue(line("journal").startsWith("journal: OK, 28 records replayed"), out());
        assertTrue(line("snapshots").startsWith("snapshots: OK, 4 checked"), out());
        assertTrue(line("certificates").startsWith("certificates: OK, 2 certificates, hash chain and signed head valid"),
            out());
    }

    @Test
    void aFlippedByteInTheJournalFileIsLocatedToItsRecordAndField() throws IOException
    {
        final Path data = copy();
        // the first "s1r" in the journal's file is the clOrdId the replace of seq 14 gives the order
        final Path file;
        try (Stream<Path> files = Files.list(data.resolve("journal")))
        {
            file = files.filter(f -> f.toString().endsWith(".cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(file);
        final int at = indexOf(bytes, "s1r".getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(at + 2);
            raf.write('s'); // s1r -> s1s
        }
        assertEquals(1, verify(data));
        assertTrue(line("journal").matches("journal: FAILED at index \\d+ \\(0x[0-9a-f]+\\), seq 14, command replace: " +
            "event 1 \\(replaced\\) differs in field clOrdId: journal \"s1r\", replay \"s1s\" \\(13 records checked before it\\)"),
            line("journal"));
    }

    @Test
    void aChangedEventIsLocatedToItsSeqEventAndField() throws IOException
    {
        final Path data = copy();
        rewriteJournal(data, 13, MessageType.TRADE, TradeEventDecoder.priceFenEncodingOffset(), 1001);
        assertEquals(1, verify(data));
        assertTrue(line("journal").matches("journal: FAILED at index \\d+ \\(0x[0-9a-f]+\\), seq 13, command new: " +
            "event 2 \\(trade\\) differs in field priceFen: journal 1001, replay 1000 \\(12 records checked before it\\)"),
            line("journal"));
        assertTrue(out().contains("snapshot-00000000000000000014.dbs: not checked: the replay stopped before seq 14"), out());
        assertTrue(out().contains("certificates 1..2 not compared: the journal's replay stopped at seq 12"), out());
    }

    @Test
    void aRemovedCertificateIsNamedByItsIndex() throws IOException
    {
        final Path data = copy();
        final Path certificates = data.resolve("settlement/certificates.jsonl");
        final List<String> lines = new ArrayList<>(Files.readAllLines(certificates));
        assertEquals(2, lines.size());
        lines.remove(0);
        Files.write(certificates, lines);
        assertEquals(1, verify(data));
        assertTrue(line("journal").startsWith("journal: OK"), out());
        assertTrue(out().contains("removed: certificate 1: missing"), out());
        assertTrue(out().contains("certificate 1 (CERT-000000000002) does not certify the journal's trade 1 at seq 13"), out());

        // the last one removed: only the signed head can tell
        final Path again = work.resolve("again");
        Files.move(data, again);
        final Path fresh = copy();
        final List<String> all = new ArrayList<>(Files.readAllLines(fresh.resolve("settlement/certificates.jsonl")));
        all.remove(1);
        Files.write(fresh.resolve("settlement/certificates.jsonl"), all);
        assertEquals(1, verify(fresh));
        assertTrue(out().contains("removed: certificate 2: cut off the end"), out());
    }

    @Test
    void aDamagedSnapshotIsNamed() throws IOException
    {
        final Path data = copy();
        final Path snapshot;
        try (Stream<Path> files = Files.list(data.resolve("snapshots")))
        {
            snapshot = files.sorted().toList().get(1);
        }
        try (RandomAccessFile raf = new RandomAccessFile(snapshot.toFile(), "rw"))
        {
            raf.seek(raf.length() / 2);
            final int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x40);
        }
        assertEquals(1, verify(data));
        assertTrue(line("journal").startsWith("journal: OK"), out());
        assertTrue(out().contains(snapshot.getFileName() + ": its state does not hash to the hash stored with it"), out());
    }

    @Test
    void stateSkipsADamagedSnapshotForAnOlderOneAndSaysSo() throws IOException
    {
        final Path data = copy();
        final Path at14 = data.resolve("snapshots").resolve(io.databourse.matcher.snapshot.SnapshotStore.fileName(14));
        try (RandomAccessFile raf = new RandomAccessFile(at14.toFile(), "rw"))
        {
            raf.setLength(raf.length() - 1);
        }
        out.reset();
        err.reset();
        assertEquals(0, ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "audit", "state", data.toString(), "--seq", "17"));
        assertEquals(day.liveStates().get(17L), out());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("snapshot " + at14.getFileName() + " skipped: "),
            err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSnapshotWhoseStateIsNotTheJournalsIsNamed() throws IOException
    {
        final Path data = copy();
        // a well-formed snapshot file for seq 14 holding the state after seq 13: only a replay can tell
        final io.databourse.matcher.Matcher m = new io.databourse.matcher.Matcher(new io.databourse.matcher.MatcherContext().conclude());
        try (Journal journal = Journal.openReadOnly(data.resolve("journal")); JournalReader reader = journal.reader())
        {
            io.databourse.matcher.JournalRecovery.replayWhile(reader, -1, m, r -> r.seq() <= 13);
        }
        final io.databourse.matcher.snapshot.SnapshotStore store =
            new io.databourse.matcher.snapshot.SnapshotStore(data.resolve("snapshots"), 100);
        final io.databourse.matcher.snapshot.SnapshotStore.Info real =
            io.databourse.matcher.snapshot.SnapshotStore.verify(store.files().get(2));
        assertEquals(14, real.seq());
        store.write(real.format(), 14, real.timeNs(), real.journalIndex(),
            o -> new io.databourse.matcher.MatcherSnapshot().write(m, o));
        assertEquals(1, verify(data));
        assertTrue(line("journal").startsWith("journal: OK"), out());
        assertTrue(out().contains("snapshots: FAILED, 3 checked and 1 not:"), out());
        assertTrue(out().contains("snapshot-00000000000000000014.dbs: its state (hash "), out());
        assertTrue(out().contains("is not the journal's at seq 14"), out());
    }

    /** Copies the journal, record by record, with one field of one event of the record at {@code seq} changed. */
    private static void rewriteJournal(final Path data, final long seq, final int type, final int fieldOffset, final long value)
    {
        final Path source = data.resolve("journal");
        final Path target = data.resolve("journal.new");
        final ExpandableArrayBuffer copy = new ExpandableArrayBuffer(1 << 16);
        try (Journal in = Journal.openReadOnly(source); JournalReader reader = in.reader();
            Journal outJournal = Journal.open(target); JournalWriter writer = outJournal.writer())
        {
            while (reader.read((index, record) ->
            {
                copy.putBytes(0, record.buffer(), record.commandOffset() - 32, record.length());
                if (record.seq() == seq)
                {
                    int at = record.eventsOffset() - (record.commandOffset() - 32);
                    final int end = at + record.eventsLength();
                    while (at < end)
                    {
                        if (RecordHeader.typeAt(copy, at) == type)
                        {
                            copy.putLong(at + fieldOffset, value);
                            break;
                        }
                        at += RecordHeader.lengthAt(copy, at);
                    }
                }
                writer.appendRecord(copy, 0, record.length());
            }))
            {
                // every record
            }
        }
        org.agrona.IoUtil.delete(source.toFile(), false);
        try
        {
            Files.move(target, source);
        }
        catch (final IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }

    private static int indexOf(final byte[] bytes, final byte[] pattern)
    {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++)
        {
            for (int j = 0; j < pattern.length; j++)
            {
                if (bytes[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
