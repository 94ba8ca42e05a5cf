package io.databourse.gateway.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import io.databourse.journal.files.OwnerOnly;
import io.databourse.testsupport.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Chronicle Queue session store: what survives a reopen, what a reset forgets, torn entries. */
class SessionStoreTest
{
    @TempDir
    Path tempDir;

    private SessionStore open(final int window)
    {
        return SessionStore.open(tempDir.toFile(), "ISLD", "TW", window);
    }

    private static UnsafeBuffer message(final int seq)
    {
        return new UnsafeBuffer(("8=FIX.4.4|9=10|35=D|34=" + seq + "|11=o" + seq + "|10=000|")
            .getBytes(StandardCharsets.US_ASCII));
    }

    private static String loaded(final SessionStore store, final int seq)
    {
        final int length = store.load(seq);
        return 0 == length ? null : store.resendBuffer().getStringWithoutLengthAscii(0, length);
    }

    private static String text(final int seq)
    {
        final UnsafeBuffer m = message(seq);
        return m.getStringWithoutLengthAscii(0, m.capacity());
    }

    private static UnsafeBuffer report(final int seq, final String execId)
    {
        return new UnsafeBuffer(("8=FIX.4.4\u00019=10\u000135=8\u000134=" + seq + "\u000117=" + execId + "\u000110=000\u0001")
            .getBytes(StandardCharsets.US_ASCII));
    }

    private SessionStore openWithPositions(final int window)
    {
        return SessionStore.open(tempDir.toFile(), "ISLD", "TW", window, io.databourse.gateway.trading.EventPosition::ofMessage);
    }

    @Test
    void theLastEventReportedSurvivesReopensWindowsAndResets()
    {
        try (SessionStore store = openWithPositions(2))
        {
            assertEquals(0, store.lastEventPosition());
            store.onApplicationSent(1, report(1, "7-0"), 0, report(1, "7-0").capacity());
            store.onApplicationSent(2, report(2, "9-2-S"), 0, report(2, "9-2-S").capacity());
            // A report the gateway made itself has no event's position.
            store.onApplicationSent(3, report(3, "G1-1796526721-4"), 0, report(3, "G1-1796526721-4").capacity());
            store.onApplicationSent(4, report(4, "8-5"), 0, report(4, "8-5").capacity());
        }
        final long ninthSell = io.databourse.gateway.trading.EventPosition.of(9, 2, 1);
        try (SessionStore store = openWithPositions(2))
        {
            assertEquals(ninthSell, store.lastEventPosition());
            // Nothing of it is in the window now, and a reset forgets every message: the position stays.
            store.reset();
        }
        try (SessionStore store = openWithPositions(2))
        {
            assertEquals(ninthSell, store.lastEventPosition());
        }
        assertTrue(io.databourse.gateway.trading.EventPosition.of(9, 2, 0) < ninthSell);
        assertTrue(io.databourse.gateway.trading.EventPosition.of(10, 0, 0) > ninthSell);
    }

    @Test
    void theStoreIsReadableByItsOwnerOnly() throws IOException
    {
        try (SessionStore store = open(100))
        {
            store.onApplicationSent(1, message(1), 0, message(1).capacity());
        }
        try (SessionStore store = open(100))
        {
            store.onApplicationSent(2, message(2), 0, message(2).capacity());
        }
        net.openhft.chronicle.core.io.BackgroundResourceReleaser.releasePendingResources();
        final java.util.List<Path> paths;
        try (java.util.stream.Stream<Path> walk = Files.walk(tempDir))
        {
            paths = walk.collect(java.util.stream.Collectors.toList());
        }
        assertTrue(paths.stream().anyMatch(p -> p.toString().endsWith(".cq4")), "a cycle file was written");
        for (final Path path : paths)
        {
            assertEquals(Files.isDirectory(path) ? OwnerOnly.DIRECTORY : OwnerOnly.FILE,
                Files.getPosixFilePermissions(path), path.toString());
        }
    }

    @Test
    void numbersAndApplicationMessagesSurviveReopen()
    {
        try (SessionStore store = open(100))
        {
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            store.onAdminSent(1);
            store.onApplicationSent(2, message(2), 0, message(2).capacity());
            store.onAdminSent(3);
            store.onApplicationSent(4, message(4), 0, message(4).capacity());
            store.nextTargetSeqNum(7);
        }
        try (SessionStore store = open(100))
        {
            assertEquals(5, store.nextSenderSeqNum());
            assertEquals(7, store.nextTargetSeqNum());
            assertEquals(null, loaded(store, 1));
            assertEquals(text(2), loaded(store, 2));
            assertEquals(null, loaded(store, 3));
            assertEquals(text(4), loaded(store, 4));
            assertFalse(store.tornTailRecovered());
            store.onApplicationSent(5, message(5), 0, message(5).capacity());
        }
        try (SessionStore store = open(100))
        {
            assertEquals(6, store.nextSenderSeqNum());
            assertEquals(text(2), loaded(store, 2));
            assertEquals(text(5), loaded(store, 5));
            // Each open starts a new generation and deletes the old one: one directory.
            assertEquals(1, store.sessionDirectory().listFiles().length);
        }
    }

    @Test
    void numbersOfTheEarlierMemoryMappedFileAreTakenOver() throws Exception
    {
        final UnsafeBuffer legacy = new UnsafeBuffer(new byte[64]);
        legacy.putLong(0, 0x4442_5345_5153_0001L);
        legacy.putLong(8, 42);
        legacy.putLong(16, 17);
        final File file = new File(tempDir.toFile(), "ISLD-TW.seqnums");
        java.nio.file.Files.write(file.toPath(), legacy.byteArray());
        try (SessionStore store = open(100))
        {
            assertEquals(42, store.nextSenderSeqNum());
            assertEquals(17, store.nextTargetSeqNum());
            assertFalse(file.exists());
        }
        try (SessionStore store = open(100))
        {
            assertEquals(42, store.nextSenderSeqNum());
            assertEquals(17, store.nextTargetSeqNum());
        }
    }

    @Test
    void resetForgetsEverySentMessageAlsoAfterReopen()
    {
        try (SessionStore store = open(100))
        {
            store.onApplicationSent(1, message(1), 0, message(1).capacity());
            store.onApplicationSent(2, message(2), 0, message(2).capacity());
            store.nextTargetSeqNum(3);
            store.reset();
            assertEquals(1, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            store.onAdminSent(1);
            assertEquals(null, loaded(store, 1));
            assertEquals(0, store.resendableCount());
        }
        try (SessionStore store = open(100))
        {
            assertEquals(2, store.nextSenderSeqNum());
            assertEquals(1, store.nextTargetSeqNum());
            assertEquals(null, loaded(store, 1));
            assertEquals(0, store.resendableCount());
            // The numbers reused after the reset name new messages only.
            store.onApplicationSent(2, message(22), 0, message(22).capacity());
            assertEquals(text(22), loaded(store, 2));
        }
    }

    @Test
    void onlyTheWindowIsKept()
    {
        try (SessionStore store = open(4))
        {
            for (int seq = 1; seq <= 10; seq++)
            {
                store.onApplicationSent(seq, message(seq), 0, message(seq).capacity());
            }
            assertEquals(4, store.resendableCount());
            assertEquals(null, loaded(store, 6));
            assertEquals(text(7), loaded(store, 7));
        }
        try (SessionStore store = open(4))
        {
            assertEquals(11, store.nextSenderSeqNum());
            assertEquals(4, store.resendableCount());
            assertEquals(null, loaded(store, 6));
            assertEquals(text(7), loaded(store, 7));
            assertEquals(text(10), loaded(store, 10));
        }
    }

    @Test
    void entryTornByACrashInsideAWriteDoesNotBreakRecovery() throws Exception
    {
        final File generation;
        try (SessionStore store = open(100))
        {
            store.onAdminSent(1);
            store.onApplicationSent(2, message(2), 0, message(2).capacity());
            store.nextTargetSeqNum(5);
            generation = store.generationDirectory();
        }
        final Process child = new ProcessBuilder(ChildJvm.command("64m", TornEntryWriter.class.getName(), generation.getPath()))
            .redirectErrorStream(true)
            .start();
        final StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = out.readLine()))
            {
                output.append(line).append('\n');
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit");
        assertTrue(output.toString().contains("torn"), output.toString());

        try (SessionStore store = open(100))
        {
            assertTrue(store.tornTailRecovered(), "torn tail not seen");
            assertEquals(3, store.nextSenderSeqNum());
            assertEquals(5, store.nextTargetSeqNum());
            assertEquals(text(2), loaded(store, 2));
            // The new generation takes writes at once: no appender waits behind the dead writer's header.
            store.onApplicationSent(3, message(3), 0, message(3).capacity());
        }
        try (SessionStore store = open(100))
        {
            assertFalse(store.tornTailRecovered());
            assertEquals(4, store.nextSenderSeqNum());
            assertEquals(text(2), loaded(store, 2));
            assertEquals(text(3), loaded(store, 3));
        }
    }

    @Test
    void malformedLastEntryEndsRecoveryBeforeIt()
    {
        final File generation;
        try (SessionStore store = open(100))
        {
            store.onApplicationSent(1, message(1), 0, message(1).capacity());
            store.nextTargetSeqNum(2);
            generation = store.generationDirectory();
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.binary(generation).rollCycle(RollCycles.FAST_DAILY).build();
            ExcerptAppender appender = queue.createAppender())
        {
            // A complete excerpt claiming a 1000-byte message it does not hold.
            try (DocumentContext dc = appender.writingDocument())
            {
                dc.wire().bytes().writeInt(SessionStore.TYPE_APPLICATION).writeInt(50).writeInt(50).writeInt(1000);
            }
        }
        try (SessionStore store = open(100))
        {
            assertTrue(store.tornTailRecovered());
            assertEquals(2, store.nextSenderSeqNum());
            assertEquals(2, store.nextTargetSeqNum());
            assertEquals(text(1), loaded(store, 1));
        }
    }
}
