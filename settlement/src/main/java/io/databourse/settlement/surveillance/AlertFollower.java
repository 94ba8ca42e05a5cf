package io.databourse.settlement.surveillance;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertStore;

/**
 * Reads surveillance's alert queue in step with the journal, for a stage that runs after the
 * surveillance stage on the ring (every alert raised up to the record it applies is then stored):
 * {@link #applyUpTo} hands over, in id order, each alert raised at or before a seq, once. How many
 * were applied travels in the owning stage's snapshot ({@link #applied}), so a restart goes on from
 * the next one. The queue's cursor is made on the stage's thread, at the first use (Chronicle ties
 * a tailer to a thread).
 */
public final class AlertFollower implements AutoCloseable
{
    private final Supplier<AlertStore> alerts;
    private final String stageName;
    private AlertStore.Cursor cursor;
    /** The next alert read but raised by a record not applied yet. */
    private Alert pending;
    private long applied;

    public AlertFollower(final Supplier<AlertStore> alerts, final String stageName)
    {
        this.alerts = alerts;
        this.stageName = stageName;
    }

    /** Alerts applied so far (the last one's id): for the snapshot. */
    public long applied()
    {
        return applied;
    }

    /** From a snapshot, before the first {@link #applyUpTo}. */
    public void applied(final long alertsApplied)
    {
        this.applied = alertsApplied;
    }

    /** Hands every stored alert raised at or before {@code seq} not handed yet to {@code action}, in order. */
    public void applyUpTo(final long seq, final Consumer<Alert> action)
    {
        if (null == cursor)
        {
            cursor = alerts.get().cursor();
            if (!cursor.skipTo(applied))
            {
                throw new IllegalStateException("surveillance's queue holds fewer alerts than the " + applied +
                    " the " + stageName + " stage applied");
            }
        }
        while (true)
        {
            if (null == pending)
            {
                pending = cursor.next();
                if (null == pending)
                {
                    return;
                }
            }
            if (pending.seq() > seq)
            {
                return;
            }
            assert pending.id() == applied + 1 : "alerts out of order";
            action.accept(pending);
            applied = pending.id();
            pending = null;
        }
    }

    @Override
    public void close()
    {
        if (null != cursor)
        {
            cursor.close();
            cursor = null;
        }
    }
}
