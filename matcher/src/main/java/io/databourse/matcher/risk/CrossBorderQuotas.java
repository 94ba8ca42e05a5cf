package io.databourse.matcher.risk;

import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Each exporter's (a data product owner's) personal-information records sent abroad, by calendar
 * year: the records of fills this year ({@code used}), and those cross-border buy orders still
 * reserve ({@code reserved}, as cash is reserved: taken at entry, given back on cancel, turned into
 * {@code used} by fills). The year is the command's stamped time's (UTC), so replay counts alike;
 * a new year starts {@code used} from zero, reservations carry over. Which filing or approval a
 * total needs is the matcher's rule (docs/matching-rules.md, Cross-border quotas). Sums saturate at
 * {@link Long#MAX_VALUE} rather than wrap.
 */
public final class CrossBorderQuotas
{
    private static final long NS_PER_DAY = 86_400_000_000_000L;

    private final int[] year;
    private final long[] used;
    private final long[] reserved;
    private final boolean[] filed;

    public CrossBorderQuotas(final int participantsMax)
    {
        year = new int[participantsMax];
        used = new long[participantsMax];
        reserved = new long[participantsMax];
        filed = new boolean[participantsMax];
    }

    /** The exporter's records this year (fills) plus those its open cross-border orders reserve. */
    public long total(final int exporter, final int currentYear)
    {
        return saturatedAdd(year[exporter] == currentYear ? used[exporter] : 0, reserved[exporter]);
    }

    public void reserve(final int exporter, final long records)
    {
        reserved[exporter] = saturatedAdd(reserved[exporter], records);
    }

    public void release(final int exporter, final long records)
    {
        assert records <= reserved[exporter] : "release " + records + " of " + reserved[exporter];
        reserved[exporter] -= records;
    }

    /** A fill: reserved records become this year's. */
    public void consume(final int exporter, final long records, final int currentYear)
    {
        release(exporter, records);
        if (year[exporter] != currentYear)
        {
            year[exporter] = currentYear;
            used[exporter] = 0;
        }
        used[exporter] = saturatedAdd(used[exporter], records);
    }

    public boolean isFiled(final int exporter)
    {
        return filed[exporter];
    }

    public void file(final int exporter)
    {
        filed[exporter] = true;
    }

    public long reserved(final int exporter)
    {
        return reserved[exporter];
    }

    /** The first {@code participants} exporters' year, records, reservations and filing (snapshots, the state hash). */
    public void writeSnapshot(final SnapshotWriter out, final int participants)
    {
        for (int p = 0; p < participants; p++)
        {
            out.putVarInt(year[p]).putSignedVarLong(used[p]).putSignedVarLong(reserved[p]).putBoolean(filed[p]);
        }
    }

    /** Reads what {@link #writeSnapshot} wrote, for as many participants. */
    public void readSnapshot(final SnapshotReader in, final int participants)
    {
        for (int p = 0; p < participants; p++)
        {
            year[p] = in.getVarInt("cross-border year", Integer.MIN_VALUE, Integer.MAX_VALUE);
            used[p] = in.getSignedVarLong("cross-border records", 0, Long.MAX_VALUE);
            reserved[p] = in.getSignedVarLong("cross-border reserved records", 0, Long.MAX_VALUE);
            filed[p] = in.getBoolean();
        }
    }

    static long saturatedAdd(final long a, final long b)
    {
        final long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    /** Calendar year (UTC) of an epoch-ns time, without allocating (days to civil date, H. Hinnant). */
    public static int yearOf(final long epochNs)
    {
        final long z = Math.floorDiv(epochNs, NS_PER_DAY) + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long monthIndex = (5 * dayOfYear + 2) / 153;
        final long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        return (int)(yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    }
}
