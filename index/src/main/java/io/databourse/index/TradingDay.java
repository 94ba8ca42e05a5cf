package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The trading day of the records being applied, in the rules' zone (docs/indexes.md): a day starts
 * with its first record and ends at the next midnight; {@link #barDay} is the day whose bars are being
 * closed. Days are epoch days.
 */
final class TradingDay
{
    private static final long NS_PER_S = 1_000_000_000L;

    private final ZoneId zone;
    private long day = Long.MIN_VALUE;
    private long endNs = Long.MIN_VALUE;
    private long barDay = Long.MIN_VALUE;

    TradingDay(final ZoneId zone)
    {
        this.zone = zone;
    }

    /** Whether a record at {@code timeNs} belongs to a later day than this one (or none started). */
    boolean isOverAt(final long timeNs)
    {
        return timeNs >= endNs;
    }

    /** Starts the day holding {@code timeNs}. */
    void startAt(final long timeNs)
    {
        final LocalDate date = Instant.ofEpochSecond(Math.floorDiv(timeNs, NS_PER_S), Math.floorMod(timeNs, NS_PER_S))
            .atZone(zone).toLocalDate();
        day = date.toEpochDay();
        final Instant end = date.plusDays(1).atStartOfDay(zone).toInstant();
        endNs = Math.addExact(Math.multiplyExact(end.getEpochSecond(), NS_PER_S), end.getNano());
    }

    /** The current day's bars are being closed. */
    void closingBars()
    {
        barDay = day;
    }

    long day()
    {
        return day;
    }

    long barDay()
    {
        return barDay;
    }

    long dayOf(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, NS_PER_S), Math.floorMod(epochNs, NS_PER_S))
            .atZone(zone).toLocalDate().toEpochDay();
    }

    long startNs()
    {
        final Instant start = LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant();
        return Math.addExact(Math.multiplyExact(start.getEpochSecond(), NS_PER_S), start.getNano());
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeLong(day);
        out.writeLong(endNs);
        out.writeLong(barDay);
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        day = in.readLong();
        endNs = in.readLong();
        barDay = in.readLong();
    }
}
