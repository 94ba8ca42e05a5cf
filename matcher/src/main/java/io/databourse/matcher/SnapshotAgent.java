package io.databourse.matcher;

import java.util.function.Consumer;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.concurrent.Agent;

/**
 * Takes the matcher's snapshots off the matching thread. A second matcher, the <i>shadow</i>, follows
 * the journal like any consumer: it applies every record and checks the events it produces against
 * the journaled ones byte for byte, as recovery does, so its state is the matcher's state at that
 * record. Every {@code everyCommands} commands, or {@code everyNs} of exchange time (the sequencer's
 * stamps, not this thread's clock), it writes its state to the {@link SnapshotStore}.
 * <p>The matching thread never pauses and allocates nothing for a snapshot; the price is a second
 * matcher's memory, and its CPU, which is the matcher's own work again (matching, not I/O). While a
 * snapshot is written the shadow falls behind and catches up after: that only delays the next one.
 * A divergence between the shadow and the journal is a determinism failure: it is logged and the agent
 * stops taking snapshots (the exchange carries on; {@code audit verify} will name the record).
 */
public final class SnapshotAgent implements Agent
{
    private static final int EXCERPTS_PER_DUTY_CYCLE = 64;
    private static final long TIME_UNSET = Long.MIN_VALUE;

    private final MatcherContext ctx;
    private Matcher shadow;
    private long shadowIndex;
    private final Journal journal;
    private final SnapshotStore store;
    private final long everyCommands;
    private final long everyNs;
    private final Consumer<String> log;
    private final MatcherSnapshot writer = new MatcherSnapshot();
    private final JournalReader.RecordHandler handler = (index, record) ->
    {
        JournalRecovery.apply(shadow(), record);
        lastIndex(index);
    };
    private JournalReader reader;
    private long lastIndex;
    private long lastSnapshotSeq;
    private long lastSnapshotTimeNs;
    private boolean failed;
    private volatile SnapshotStore.Info lastSnapshot;
    private volatile long lastWriteNs;
    private volatile long snapshotsWritten;
    private volatile long snapshotsFailed;

    /**
     * @param shadow        the matcher this agent owns from now on, in the state of the journal up to its last seq
     * @param shadowIndex   the journal excerpt holding the shadow's last record (ignored at seq 0)
     * @param lastSnapshot  the newest snapshot there is (the policy counts from it), or null
     * @param everyCommands a snapshot after this many commands since the last one
     * @param everyNs       or after this much exchange time since the last one, with at least one command
     */
    public SnapshotAgent(
        final Matcher shadow, final long shadowIndex, final Journal journal, final SnapshotStore store,
        final SnapshotStore.Info lastSnapshot, final long everyCommands, final long everyNs, final Consumer<String> log)
    {
        this(null, journal, store, everyCommands, everyNs, log);
        follow(shadow, shadowIndex, lastSnapshot);
    }

    private SnapshotAgent(
        final MatcherContext ctx, final Journal journal, final SnapshotStore store, final long everyCommands,
        final long everyNs, final Consumer<String> log)
    {
        if (everyCommands <= 0 || everyNs <= 0)
        {
            throw new IllegalArgumentException("snapshot every " + everyCommands + " commands or " + everyNs + " ns");
        }
        this.ctx = ctx;
        this.journal = journal;
        this.store = store;
        this.everyCommands = everyCommands;
        this.everyNs = everyNs;
        this.log = log;
    }

    /**
     * An agent whose shadow recovers on the agent's own thread when it starts, from the newest snapshot
     * and the journal after it, as the exchange's matcher did: the exchange's start-up does not wait for
     * it, nor pay a copy of the matcher.
     */
    public static SnapshotAgent recovering(
        final MatcherContext ctx, final Journal journal, final SnapshotStore store, final long everyCommands,
        final long everyNs, final Consumer<String> log)
    {
        return new SnapshotAgent(ctx, journal, store, everyCommands, everyNs, log);
    }

    private void follow(final Matcher matcher, final long index, final SnapshotStore.Info newest)
    {
        shadow = matcher;
        shadowIndex = index;
        lastSnapshot = newest;
        lastSnapshotSeq = null == newest ? 0 : newest.seq();
        // with no snapshot yet, exchange time counts from the shadow's first command
        lastSnapshotTimeNs = null != newest ? newest.timeNs() : matcher.lastSeq() > 0 ? matcher.lastTimeNs() : TIME_UNSET;
    }

    private Matcher shadow()
    {
        return shadow;
    }

    private void lastIndex(final long index)
    {
        lastIndex = index;
    }

    @Override
    public void onStart()
    {
        try
        {
            if (null == shadow)
            {
                final JournalRecovery.Recovered recovered = JournalRecovery.recover(journal, store, ctx, log);
                follow(recovered.matcher(), recovered.lastIndex(), recovered.snapshot());
            }
            reader = journal.reader();
            lastIndex = shadowIndex;
            JournalRecovery.positionAfter(reader, shadowIndex, shadow);
        }
        catch (final RuntimeException ex)
        {
            failed = true;
            log.accept("snapshots off: the shadow matcher cannot find its place in the journal: " + ex.getMessage());
        }
    }

    @Override
    public int doWork()
    {
        if (failed)
        {
            return 0;
        }
        int work = 0;
        try
        {
            if (isDue())
            {
                snapshot(); // due at start: a long journal that never had a snapshot
                return 1;
            }
            while (work < EXCERPTS_PER_DUTY_CYCLE && reader.read(handler))
            {
                work++;
                if (isDue())
                {
                    snapshot();
                    break;
                }
            }
        }
        catch (final RuntimeException ex)
        {
            failed = true;
            log.accept("snapshots stopped: the shadow matcher cannot follow the journal after seq " + shadow.lastSeq() +
                ": " + ex.getMessage());
        }
        return work;
    }

    private boolean isDue()
    {
        final long seq = shadow.lastSeq();
        if (lastSnapshotTimeNs == TIME_UNSET && seq > 0)
        {
            lastSnapshotTimeNs = shadow.lastTimeNs();
        }
        return seq > lastSnapshotSeq &&
            (seq - lastSnapshotSeq >= everyCommands || shadow.lastTimeNs() - lastSnapshotTimeNs >= everyNs);
    }

    /** Writes the shadow's state now (it is between two records): the snapshot of {@code lastIndex}'s excerpt. */
    private void snapshot()
    {
        final long start = System.nanoTime();
        final SnapshotStore.Info info;
        try
        {
            info = store.write(MatcherSnapshot.FORMAT_VERSION, shadow.lastSeq(), shadow.lastTimeNs(), lastIndex,
                out -> writer.write(shadow, out));
        }
        catch (final java.io.UncheckedIOException ex)
        {
            // a full disk, a directory gone: the state is fine, this file is not; try again at the next due point
            lastSnapshotSeq = shadow.lastSeq();
            lastSnapshotTimeNs = shadow.lastTimeNs();
            snapshotsFailed++;
            log.accept("snapshot at seq " + shadow.lastSeq() + " not written: " + ex.getMessage() +
                (null == ex.getCause() ? "" : " (" + ex.getCause().getMessage() + ")") + "; the next is due in " +
                everyCommands + " commands");
            return;
        }
        lastWriteNs = System.nanoTime() - start;
        lastSnapshotSeq = info.seq();
        lastSnapshotTimeNs = info.timeNs();
        lastSnapshot = info;
        snapshotsWritten++;
    }

    /** Snapshots that could not be written (I/O), each logged (any thread). */
    public long snapshotsFailed()
    {
        return snapshotsFailed;
    }

    /** The newest snapshot this agent wrote or started from; null when none (any thread). */
    public SnapshotStore.Info lastSnapshot()
    {
        return lastSnapshot;
    }

    /** Nanoseconds the last snapshot took to write, on this agent's thread (any thread). */
    public long lastWriteNs()
    {
        return lastWriteNs;
    }

    public long snapshotsWritten()
    {
        return snapshotsWritten;
    }

    /** The seq the shadow has reached (its own thread; a recent value from others); 0 before it recovered. */
    public long shadowSeq()
    {
        final Matcher m = shadow;
        return null == m ? 0 : m.lastSeq();
    }

    public boolean hasFailed()
    {
        return failed;
    }

    @Override
    public void onClose()
    {
        if (null != reader)
        {
            reader.close();
        }
    }

    @Override
    public String roleName()
    {
        return "databourse-snapshots";
    }
}
