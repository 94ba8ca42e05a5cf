package io.databourse.surveillance;

import java.util.concurrent.atomic.AtomicLongArray;

import io.databourse.surveillance.alert.AlertType;

/**
 * What the surveillance stage counts, for a metrics endpoint: readable from any thread (plain
 * getters over volatile and atomic fields, written by the stage thread only).
 */
public final class SurveillanceMetrics
{
    private final AtomicLongArray alertsByType = new AtomicLongArray(AlertType.values().length);
    private volatile long appliedSeq;
    private volatile long listenerErrors;
    private volatile long alertsReplayed;

    /** Alerts of a type in the stage's queue (those raised before a restart included). */
    public long alerts(final AlertType type)
    {
        return alertsByType.get(type.ordinal());
    }

    public long alertsTotal()
    {
        long total = 0;
        for (int i = 0; i < alertsByType.length(); i++)
        {
            total += alertsByType.get(i);
        }
        return total;
    }

    /** Seq of the last journal record the stage applied. */
    public long appliedSeq()
    {
        return appliedSeq;
    }

    /** Records the stage is behind a journal whose last seq is {@code journalSeq} (never negative). */
    public long lagRecords(final long journalSeq)
    {
        return Math.max(0, journalSeq - appliedSeq);
    }

    /** Listener calls that threw (ignored: a listener never stops the stage). */
    public long listenerErrors()
    {
        return listenerErrors;
    }

    /** Alerts raised again while re-applying records after a restart, found identical to the stored ones. */
    public long alertsReplayed()
    {
        return alertsReplayed;
    }

    void countAlert(final AlertType type)
    {
        alertsByType.incrementAndGet(type.ordinal());
    }

    void appliedSeq(final long seq)
    {
        appliedSeq = seq;
    }

    void countListenerError()
    {
        listenerErrors++;
    }

    void countReplayed()
    {
        alertsReplayed++;
    }
}
