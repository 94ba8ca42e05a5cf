package io.databourse.perf;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.Sequencer;
import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.MatcherDriver;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The pipeline's middle without Aeron or threads: matcher + Chronicle Queue journal on one thread,
 * to split the journaled-pipeline figure into its parts (matcher alone → + journal → + Aeron/threads).
 * <pre>
 *  CommandTape --sequence()--> Sequencer: seq, Matcher.apply, JournalRecord --append--> Chronicle Queue
 *                                                                   \--listener--> (records, trades counted)
 * </pre>
 * Batched: flush every {@value #DUTY_CYCLE_COMMANDS} commands, as the matcher agent does per poll
 * of up to 64 fragments; unbatched: one excerpt per command.
 */
final class SequencerBench
{
    static final int DUTY_CYCLE_COMMANDS = 64;

    private SequencerBench()
    {
    }

    /**
     * Median ops/s of the runs after warm-ups, whether every run's result check passed, and the
     * journal's bytes per timed command: as records, and as written (packed excerpts).
     */
    record Result(double opsPerSec, boolean ok, double recordBytesPerCommand, double journalBytesPerCommand)
    {
    }

    static Result run(final CommandTape tape, final boolean batching, final int runs) throws IOException
    {
        final double[] rates = new double[runs];
        double recordBytesPerCommand = 0;
        double journalBytesPerCommand = 0;
        boolean ok = true;
        final int warmups = ThroughputBench.warmupsFor(tape.timedCount());
        for (int r = -warmups; r < runs; r++)
        {
            final Path shm = Path.of("/dev/shm");
            final Path dir = Files.isDirectory(shm) ?
                Files.createTempDirectory(shm, "databourse-seq-bench") : Files.createTempDirectory("databourse-seq-bench");
            try (Journal journal = Journal.open(dir); JournalWriter writer = journal.writer())
            {
                final Counter counter = new Counter();
                final Sequencer sequencer = new Sequencer(
                    new Matcher(MatcherDriver.contextFor(tape.workload())), writer, counter, batching);
                sequence(sequencer, tape, 0, tape.fillEnd());
                counter.trades = 0;
                counter.rejects = 0;
                final long recordBytesBefore = writer.recordBytes();
                final long excerptBytesBefore = writer.excerptBytes();
                final long startNs = System.nanoTime();
                sequence(sequencer, tape, tape.fillEnd(), tape.count());
                final long elapsedNs = System.nanoTime() - startNs;
                recordBytesPerCommand = (writer.recordBytes() - recordBytesBefore) / (double)tape.timedCount();
                journalBytesPerCommand = (writer.excerptBytes() - excerptBytesBefore) / (double)tape.timedCount();
                final double rate = tape.timedCount() * 1e9 / elapsedNs;
                final boolean runOk = counter.trades == tape.expectTradesTimed() && counter.rejects == 0;
                ok &= runOk;
                if (r >= 0)
                {
                    rates[r] = rate;
                }
                System.out.printf(Locale.ROOT, "SEQUENCER batching=%b run=%s commands=%d seconds=%.3f ops_per_sec=%.0f "
                        + "trades=%d expected_trades=%d rejects=%d record_bytes_per_cmd=%.1f journal_bytes_per_cmd=%.1f%s%n",
                    batching, r < 0 ? "warmup" : r + 1, tape.timedCount(), elapsedNs / 1e9, rate, counter.trades,
                    tape.expectTradesTimed(), counter.rejects, recordBytesPerCommand, journalBytesPerCommand,
                    runOk ? "" : " MISMATCH");
            }
            finally
            {
                try (Stream<Path> paths = Files.walk(dir))
                {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
        Arrays.sort(rates);
        final double median = runs % 2 == 1 ? rates[runs / 2] : (rates[runs / 2 - 1] + rates[runs / 2]) / 2;
        return new Result(median, ok, recordBytesPerCommand, journalBytesPerCommand);
    }

    private static void sequence(final Sequencer sequencer, final CommandTape tape, final int from, final int to)
    {
        for (int i = from; i < to; i++)
        {
            sequencer.sequence(i, tape.buffer(), tape.offset(i), tape.length(i));
            if ((i - from) % DUTY_CYCLE_COMMANDS == DUTY_CYCLE_COMMANDS - 1)
            {
                sequencer.flush();
            }
        }
        sequencer.flush();
    }

    /** Counts trades and rejects in each journaled record (the acknowledgement side). */
    private static final class Counter implements Sequencer.RecordListener
    {
        private final JournalRecord record = new JournalRecord();
        long trades;
        long rejects;

        @Override
        public void onRecord(final DirectBuffer buffer, final int offset, final int length)
        {
            record.wrap(buffer, offset);
            int at = record.eventsOffset();
            final int end = at + record.eventsLength();
            while (at < end)
            {
                final int type = RecordHeader.typeAt(buffer, at);
                trades += type == MessageType.TRADE ? 1 : 0;
                rejects += type == MessageType.REJECTED ? 1 : 0;
                at += RecordHeader.lengthAt(buffer, at);
            }
        }
    }
}
