package io.databourse.surveillance.timeline;

import java.util.List;

/**
 * An alert's evidence as the journal recorded it: its entries in journal order, from the earliest
 * evidence record to the record that raised the alert. {@code truncated}: the reading stopped at
 * {@code timeline.records.max} records (or the journal ended first) before reaching that record.
 */
public record Timeline(long alertId, List<TimelineEntry> entries, boolean truncated)
{
    public Timeline
    {
        entries = List.copyOf(entries);
    }
}
