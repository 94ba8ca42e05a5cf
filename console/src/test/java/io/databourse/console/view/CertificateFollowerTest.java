package io.databourse.console.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.databourse.testsupport.JournalFixture;

/**
 * The console shows each fill's certificate as the certificate stage wrote it: complete lines
 * only, never a certificate of a record the view has not applied yet, in chain order, and the
 * participants of the certified fill are told.
 */
class CertificateFollowerTest
{
    @TempDir
    Path dir;

    private final List<ConsoleView.Changes> changes = new ArrayList<>();

    private static String line(final long index, final long tradeId, final long seq, final String hash)
    {
        return "{\"index\":" + index + ",\"tradeId\":" + tradeId + ",\"certificateId\":\"CERT-" +
            String.format("%012d", tradeId) + "\",\"hash\":\"" + hash + "\",\"prevHash\":\"0\",\"seq\":" + seq + "}\n";
    }

    private static void append(final Path file, final String text) throws IOException
    {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void aFillShowsTheCertificateTheStageWroteOnceItsLineIsCompleteAndItsRecordApplied() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        final long lastSeq;
        try (JournalFixture journal = new JournalFixture(journalDir))
        {
            final int p1 = journal.participant("P1");
            final int p2 = journal.participant("P2");
            final int data = journal.bandedProduct("DATA1", 2000, 1200, 1);
            journal.inventory(p2, data, 100);
            journal.deposit(p1, 1_000_000, 1_000_000, 0);
            journal.cross(p2, p1, data, 1200, 2);
            lastSeq = journal.seq();
        }
        final Path file = dir.resolve("certificates.jsonl");
        final ConsoleView view = new ConsoleView(64, 64, 1000, 10, 10);
        final CertificateFollower certificates = new CertificateFollower(file);
        final JournalFollower follower = new JournalFollower(journalDir, view, changes::add, 100, certificates);
        follower.catchUp();
        final long tradeId = view.read(() -> view.trades().tradesOf(0).get(0).tradeId());

        final String hash = "ab".repeat(32);
        final String first = line(1, tradeId, lastSeq, hash);
        append(file, first.substring(0, 40));
        changes.clear();
        follower.doWork();
        assertNull(view.read(() -> view.trades().certificate(tradeId)), "half a line is no certificate");
        assertTrue(changes.isEmpty(), changes.toString());

        append(file, first.substring(40) + line(2, tradeId + 1, lastSeq + 1, "cd".repeat(32)));
        follower.doWork();
        final TradeTape.Certificate certificate = view.read(() -> view.trades().certificate(tradeId));
        assertEquals(new TradeTape.Certificate(1, "CERT-" + String.format("%012d", tradeId), hash), certificate);
        assertTrue(changes.get(changes.size() - 1).touches(0) && changes.get(changes.size() - 1).touches(1),
            "buyer and seller are told");
        assertEquals(1, certificates.certificates(), "the second certificate is of a record the view has not applied");

        final Path another = dir.resolve("gap.jsonl");
        append(another, line(1, tradeId, lastSeq, hash) + line(3, tradeId + 2, lastSeq, hash));
        final CertificateFollower gap = new CertificateFollower(another);
        view.beginBatch();
        try
        {
            assertThrows(IllegalStateException.class, () -> gap.poll(view), "a gap in the chain is refused by name");
        }
        finally
        {
            view.endBatch();
            gap.close();
        }
        follower.onClose();
    }
}
