package io.databourse.perf.jmh;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Journal append: one record (104-byte command + 256 bytes of events) into a Chronicle Queue on
 * /dev/shm when present (the page cache otherwise), as the pipeline's journal writer does.
 * <pre>
 *   command + events --JournalWriter.append--> Chronicle Queue (memory-mapped file)
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JournalAppendBenchmark
{
    private Path dir;
    private Journal journal;
    private JournalWriter writer;
    private UnsafeBuffer command;
    private UnsafeBuffer events;
    private long seq;

    @Setup
    public void setUp() throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        dir = Files.isDirectory(shm) ? Files.createTempDirectory(shm, "jmh-journal") : Files.createTempDirectory("jmh-journal");
        journal = Journal.open(dir);
        writer = journal.writer();
        command = new UnsafeBuffer(ByteBuffer.allocateDirect(NewOrderCommandEncoder.BLOCK_LENGTH));
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 1);
        c.participantId("A17");
        c.productId("P1");
        c.clOrdId("o1");
        c.side(Codes.Side.BUY).tif(Codes.TimeInForce.GTC).priceFen(10_000).qty(10);
        events = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
    }

    @Benchmark
    public long append()
    {
        final long s = ++seq;
        return writer.append(s, s, command, 0, NewOrderCommandEncoder.BLOCK_LENGTH, events, 0, 256, 1);
    }

    @TearDown
    public void tearDown() throws IOException
    {
        writer.close();
        journal.close();
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
