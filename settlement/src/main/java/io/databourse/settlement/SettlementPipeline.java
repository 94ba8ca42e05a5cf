package io.databourse.settlement;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.compute.ComputeSchedulerStage;
import io.databourse.settlement.entitlement.EntitlementStage;
import io.databourse.settlement.index.IndexStage;
import io.databourse.settlement.ledger.CertificateStage;
import io.databourse.settlement.ledger.LedgerStage;
import io.databourse.settlement.position.PositionsStage;
import io.databourse.settlement.subsidy.SubsidyStage;
import io.databourse.settlement.surveillance.SurveillanceStage;

/**
 * Every settlement stage, wired in one place (exchange-core's ExchangeCore style).
 * <pre>
 *                                      +--> (1) Ledger ------------> (2) Certificates
 *                                      |
 *   journal --(0) tailer--> ring ------+--> (1) Entitlements
 *   (Chronicle)   copies each record   |
 *                 into a slot          +--> (1) ComputeScheduler
 *                                      |
 *                                      +--> (1) Surveillance --+---> (2) Subsidies
 *                                                              |
 *                                                              +---> (2) Indexes ---> (3) Positions
 * </pre>
 * (0) one tailer thread reads the journal from just after the slowest stage's checkpoint and
 * publishes each record; (1) independent stages each see every record; (2) Certificates waits on
 * Ledger's sequence, so a certificate is only issued for a fill the ledger has settled; Subsidies
 * and Indexes on Surveillance's, so every alert raised up to a record is in surveillance's queue
 * when they apply it (flagged trades never count); (3) Positions on Indexes', which writes the marks
 * it decided into the slot for Positions to post. The producer gates on the leaves (Certificates,
 * Subsidies, Positions and the (1) stages without a follower).
 * <p>Each stage runs in a {@link StageRunner}: it skips records at or below its own checkpoint,
 * applies the rest in seq order and checkpoints at the end of each batch, so stopping anywhere and
 * starting again settles every fill exactly once. In batch mode the pipeline stops at the end of a
 * finished journal; in live mode it tails until {@link #close()}.
 */
public final class SettlementPipeline implements AutoCloseable
{
    /** Tailer batch: records read between checks of the running flag. */
    private static final int TAILER_POLL_LIMIT = 256;
    /** Tailer's pause while the ring is full (the slowest stage is behind). */
    private static final long RING_FULL_PARK_NS = TimeUnit.MICROSECONDS.toNanos(50);

    private final SettlementContext ctx;
    private final LedgerStage ledger;
    private final CertificateStage certificates;
    private final EntitlementStage entitlements;
    private final ComputeSchedulerStage computeScheduler;
    private final SubsidyStage subsidies;
    private final IndexStage indexes;
    private final PositionsStage positions;
    private final SurveillanceStage surveillance;
    private final List<StageRunner> runners = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Disruptor<RecordEvent> disruptor;
    private final RingBuffer<RecordEvent> ringBuffer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long resumeIndex;
    private final long resumeSeq;
    private volatile boolean running;
    private volatile long lastPublishedSeq;
    private Thread tailerThread;
    private long lastRingSequence = -1;
    /** Last ring slot the stages can see (tailer thread; read by close after joining it). */
    private long lastPublishedRingSequence = -1;
    /** First ring slot claimed and not yet published, or -1 (tailer thread). */
    private long claimedLo = -1;
    private long lastClaimedSeq;
    private boolean closed;

    public SettlementPipeline(final SettlementContext ctx)
    {
        this.ctx = ctx;
        // ledger, certificates and positions of every participant: owner-only, like the journal
        io.databourse.journal.files.OwnerOnly.createDirectories(ctx.stateDir());

        ledger = new LedgerStage(ctx);
        certificates = new CertificateStage(ctx);
        entitlements = new EntitlementStage(ctx);
        computeScheduler = new ComputeSchedulerStage(ctx);
        subsidies = new SubsidyStage(ctx);
        indexes = new IndexStage(ctx);
        positions = new PositionsStage(ctx);
        surveillance = new SurveillanceStage(ctx);
        subsidies.flagsFrom(() -> surveillance.surveillance().alerts());
        indexes.flagsFrom(() -> surveillance.surveillance().alerts());

        final ErrorSink errors = this::onStageError;
        final StageRunner ledgerRunner = runner(ledger, errors);
        final StageRunner certificatesRunner = runner(certificates, errors);
        final StageRunner entitlementsRunner = runner(entitlements, errors);
        final StageRunner computeRunner = runner(computeScheduler, errors);
        final StageRunner subsidiesRunner = runner(subsidies, errors);
        final StageRunner indexesRunner = runner(indexes, errors);
        final StageRunner positionsRunner = runner(positions, errors);
        final StageRunner surveillanceRunner = runner(surveillance, errors);

        long minSeq = Long.MAX_VALUE;
        long minIndex = Long.MAX_VALUE;
        for (final StageRunner r : runners)
        {
            if (r.lastSeq() < minSeq)
            {
                minSeq = r.lastSeq();
                minIndex = r.lastIndex();
            }
        }
        resumeSeq = minSeq;
        resumeIndex = minIndex;

        final ThreadFactory threadFactory = runnable ->
        {
            final Thread t = new Thread(runnable, "settlement-" + threads.size());
            t.setDaemon(true);
            threads.add(t);
            return t;
        };
        disruptor = new Disruptor<>(
            () -> new RecordEvent(ctx.slotBytes()), ctx.ringSize(), threadFactory, ProducerType.SINGLE,
            ctx.waitStrategy());

        if (ctx.sharedStageThread())
        {
            // one thread, record by record, each stage after the one it depends on: certificates after the
            // ledger, subsidies and indexes after surveillance, positions after the index stage
            disruptor.handleEventsWith(new SharedStageHandler(
                new StageRunner[] {ledgerRunner, entitlementsRunner, computeRunner, surveillanceRunner,
                    certificatesRunner, subsidiesRunner, indexesRunner, positionsRunner},
                new int[] {-1, -1, -1, -1, 0, 3, 3, 6}));
        }
        else
        {
            // (1) independent stages
            disruptor.handleEventsWith(ledgerRunner, entitlementsRunner, computeRunner, surveillanceRunner);
            // (2) certificates after the ledger has settled the fill
            disruptor.after(ledgerRunner).handleEventsWith(certificatesRunner);
            // (2) subsidies and indexes after surveillance: every alert raised up to a record is stored when
            // they apply it (flagged trades count for neither)
            disruptor.after(surveillanceRunner).handleEventsWith(subsidiesRunner, indexesRunner);
            // (3) positions after the index stage has decided the record's marks
            disruptor.after(indexesRunner).handleEventsWith(positionsRunner);
        }

        // A failing stage throws out of onEvent (StageRunner); halting its processor there keeps its
        // sequence before the failed record. Reported through onStageError, not logged again here.
        disruptor.setDefaultExceptionHandler(new ExceptionHandler<>()
        {
            @Override
            public void handleEventException(final Throwable ex, final long sequence, final RecordEvent event)
            {
                throw ex instanceof RuntimeException ? (RuntimeException)ex : new IllegalStateException(ex);
            }

            @Override
            public void handleOnStartException(final Throwable ex)
            {
                onStageError("start", ex);
            }

            @Override
            public void handleOnShutdownException(final Throwable ex)
            {
                onStageError("shutdown", ex);
            }
        });

        ringBuffer = disruptor.getRingBuffer();
    }

    private StageRunner runner(final SettlementStage stage, final ErrorSink errors)
    {
        final long intervalMs = stage.checkpointIntervalMs() >= 0 ? stage.checkpointIntervalMs() : ctx.checkpointIntervalMs();
        final StageRunner r = new StageRunner(
            stage, ctx.stateDir(), ctx.fsync(), TimeUnit.MILLISECONDS.toNanos(intervalMs), errors);
        r.appliedListener(ctx.appliedListener());
        runners.add(r);
        return r;
    }

    private void onStageError(final String stageName, final Throwable ex)
    {
        failure.compareAndSet(null, new IllegalStateException("settlement stage " + stageName + " failed", ex));
        running = false;
    }

    /** Starts the stage threads and the tailer thread. */
    public SettlementPipeline start()
    {
        running = true;
        disruptor.start();
        tailerThread = new Thread(this::tail, "settlement-tailer");
        tailerThread.setDaemon(true);
        tailerThread.start();
        return this;
    }

    /** Batch mode: waits until the journal's end has been applied by every stage, then stops. */
    public void awaitCompletion()
    {
        if (!ctx.batch())
        {
            throw new IllegalStateException("awaitCompletion is for batch mode; close() a live pipeline");
        }
        join(tailerThread);
        close();
    }

    /** Runs a batch over a finished journal: start, apply everything, stop. Throws if a stage failed. */
    public static void runBatch(final SettlementPipeline pipeline)
    {
        pipeline.start();
        pipeline.awaitCompletion();
    }

    private void tail()
    {
        try
        {
            final Journal opened = openJournal();
            if (null == opened)
            {
                return;
            }
            try (Journal journal = opened; JournalReader reader = journal.reader())
            {
                // A checkpoint names the excerpt holding the last applied record, and the sequencer
                // may journal several records in one excerpt: re-read that excerpt (move after the
                // one before it) and let each runner skip by seq what it has applied. The index is
                // a hint: when the previous excerpt is not there (first of a roll cycle), read from
                // the start, skipping by seq just the same.
                if (resumeSeq > 0 && resumeIndex >= 0 && !(resumeIndex > 0 && reader.moveAfter(resumeIndex - 1)))
                {
                    reader.toStart();
                }
                final JournalReader.RecordHandler publisher = this::claim;
                final IdleStrategy idle = tailerIdleStrategy(ctx.tailerIdleSleepMs());
                final long batchNs = ctx.batch() ? 0 : TimeUnit.MICROSECONDS.toNanos(ctx.tailerBatchUs());
                while (running)
                {
                    final int n = reader.poll(publisher, TAILER_POLL_LIMIT);
                    // one publish for the poll's records: the stages are woken once, not once a record
                    publishClaimed();
                    if (0 == n && ctx.batch())
                    {
                        break;
                    }
                    if (n > 0 && batchNs > 0)
                    {
                        // let records gather, so that the stages' threads wake once for many of them
                        LockSupport.parkNanos(batchNs);
                        idle.reset();
                    }
                    else
                    {
                        idle.idle(n);
                    }
                }
            }
        }
        catch (final TailerStoppedException ex)
        {
            // closed (or a stage failed) while the ring was full: nothing more to publish
        }
        catch (final Throwable ex)
        {
            failure.compareAndSet(null, ex);
            running = false;
        }
    }

    /**
     * How the live tailer waits for the journal to grow: a few spins and yields, then parks that
     * double from 1 µs up to {@code maxSleepMs}. While records flow it looks again within
     * microseconds (a flat 1 ms sleep put the ledger's lag p50 at ~650 µs); after a quiet spell it
     * sleeps the whole {@code maxSleepMs}, so an idle exchange pays what it always did.
     */
    static IdleStrategy tailerIdleStrategy(final long maxSleepMs)
    {
        final long minParkNs = TimeUnit.MICROSECONDS.toNanos(1);
        return new BackoffIdleStrategy(10, 20, minParkNs, Math.max(minParkNs, TimeUnit.MILLISECONDS.toNanos(maxSleepMs)));
    }

    /** Unwinds the tailer out of a read when the pipeline stops while the ring is full. */
    private static final class TailerStoppedException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        TailerStoppedException()
        {
            super(null, null, false, false);
        }
    }

    /**
     * Opens the journal read-only. Live, the matcher may not have created it yet: retry until it
     * exists or the pipeline is closed (null). In batch a missing journal is an error.
     */
    private Journal openJournal()
    {
        while (true)
        {
            try
            {
                if (Files.isDirectory(ctx.journalDir()))
                {
                    return Journal.openReadOnly(ctx.journalDir());
                }
                if (ctx.batch())
                {
                    throw new IllegalStateException("no journal at " + ctx.journalDir());
                }
            }
            catch (final RuntimeException ex)
            {
                if (ctx.batch())
                {
                    throw ex;
                }
            }
            if (!running)
            {
                return null;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.max(1, ctx.tailerIdleSleepMs())));
        }
    }

    /**
     * Copies a record into the next slot of the ring, published later with the rest of its poll
     * ({@link #publishClaimed()}); a full ring publishes what is claimed before it waits for room.
     */
    private void claim(final long index, final JournalRecord record)
    {
        // tryNext rather than next(): a full ring behind a failed stage must not block the tailer forever.
        long sequence;
        while (true)
        {
            try
            {
                sequence = ringBuffer.tryNext();
                break;
            }
            catch (final InsufficientCapacityException ex)
            {
                // the stages must see what is claimed before there can be room for more
                publishClaimed();
                if (!running)
                {
                    throw new TailerStoppedException();
                }
                LockSupport.parkNanos(RING_FULL_PARK_NS);
            }
        }
        if (claimedLo < 0)
        {
            claimedLo = sequence;
        }
        assert sequence == lastRingSequence + 1 : "a single producer claims slots in order";
        lastRingSequence = sequence;
        // a record that cannot be copied fails the tailer, and with it the pipeline (close does not wait for it)
        ringBuffer.get(sequence).copyFrom(index, record);
        lastClaimedSeq = record.seq();
    }

    /** Publishes the slots claimed since the last call, in one go. */
    private void publishClaimed()
    {
        if (claimedLo >= 0)
        {
            ringBuffer.publish(claimedLo, lastRingSequence);
            claimedLo = -1;
            lastPublishedRingSequence = lastRingSequence;
            lastPublishedSeq = lastClaimedSeq;
        }
    }

    /** Threads the stages run on: one per stage, or one for all (SettlementContext.stageThreads). */
    public int stageThreadCount()
    {
        return threads.size();
    }

    /** Seq of the last record handed to the ring. */
    public long lastPublishedSeq()
    {
        return lastPublishedSeq;
    }

    /** Stops the tailer, lets the stages finish what was published, stops them and closes their files. */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        running = false;
        if (null != tailerThread)
        {
            join(tailerThread);
            // Drain: sleep rather than spin while the stages catch up with the last published record.
            while (null == failure.get() && ringBuffer.getMinimumGatingSequence() < lastPublishedRingSequence)
            {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            disruptor.halt();
            for (final Thread t : threads)
            {
                join(t);
            }
            for (final StageRunner r : runners)
            {
                r.checkpointOnClose();
            }
        }
        for (final StageRunner r : runners)
        {
            r.stage().close();
        }
        final Throwable ex = failure.get();
        if (null != ex)
        {
            throw new IllegalStateException("settlement failed", ex);
        }
    }

    private static void join(final Thread thread)
    {
        try
        {
            thread.join();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    public Throwable failure()
    {
        return failure.get();
    }

    public List<StageRunner> runners()
    {
        return runners;
    }

    public LedgerStage ledger()
    {
        return ledger;
    }

    public CertificateStage certificates()
    {
        return certificates;
    }

    public EntitlementStage entitlements()
    {
        return entitlements;
    }

    public ComputeSchedulerStage computeScheduler()
    {
        return computeScheduler;
    }

    public SubsidyStage subsidies()
    {
        return subsidies;
    }

    public IndexStage indexes()
    {
        return indexes;
    }

    public PositionsStage positions()
    {
        return positions;
    }

    /** The surveillance stage: {@code surveillance().surveillance()} for alerts, listeners and metrics. */
    public SurveillanceStage surveillance()
    {
        return surveillance;
    }

    /** Receives a stage's failure. */
    @FunctionalInterface
    public interface ErrorSink
    {
        void onError(String stageName, Throwable ex);
    }
}
