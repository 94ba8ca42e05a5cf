package io.databourse.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.databourse.journal.schema.JournalRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest
{
    @TempDir
    Path dir;

    /** A stage whose whole state is one long. */
    private static final class Counter implements SettlementStage
    {
        long value;

        @Override
        public String name()
        {
            return "counter";
        }

        @Override
        public void open(final Path stateDir, final boolean restored)
        {
        }

        @Override
        public void onRecord(final JournalRecord record)
        {
            value++;
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void checkInvariants()
        {
        }

        @Override
        public void writeSnapshot(final DataOutput out) throws IOException
        {
            out.writeLong(value);
        }

        @Override
        public void readSnapshot(final DataInput in) throws IOException
        {
            value = in.readLong();
        }

        @Override
        public void close()
        {
        }
    }

    @Test
    void roundTripsSeqIndexAndState() throws Exception
    {
        final Checkpoint checkpoint = new Checkpoint(dir, "counter", false);
        final Counter counter = new Counter();
        assertNull(checkpoint.read(counter));
        counter.value = 42;
        checkpoint.write(7, 1234, counter);
        final Counter restored = new Counter();
        final Checkpoint.Position position = checkpoint.read(restored);
        assertEquals(7, position.lastSeq());
        assertEquals(1234, position.lastIndex());
        assertEquals(42, restored.value);
    }

    @Test
    void corruptCheckpointIsRefusedNotTrusted() throws Exception
    {
        final Checkpoint checkpoint = new Checkpoint(dir, "counter", false);
        final Counter counter = new Counter();
        counter.value = 42;
        checkpoint.write(7, 1234, counter);
        final byte[] bytes = Files.readAllBytes(checkpoint.file());
        bytes[30] ^= 1;
        Files.write(checkpoint.file(), bytes);
        assertThrows(IOException.class, () -> checkpoint.read(new Counter()));
    }

    @Test
    void appendLogIsCutBackToTheCommittedLength() throws Exception
    {
        final Path file = dir.resolve("log.txt");
        try (AppendLog log = new AppendLog(file, 0, 16, false))
        {
            log.append("committed\n");
            log.flush();
            assertEquals(10, log.length());
            log.append("not committed\n");
        }
        try (AppendLog log = new AppendLog(file, 10, 16, false))
        {
            log.append("again\n");
        }
        assertEquals("committed\nagain\n", Files.readString(file));
        assertThrows(IOException.class, () -> new AppendLog(file, 1_000, 16, false));
    }
}
