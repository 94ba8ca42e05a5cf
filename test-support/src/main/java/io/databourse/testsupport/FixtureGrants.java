package io.databourse.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entitlements {@link JournalFixture} has granted, per holder and product, as {units left,
 * expiry ns} in expiry order: enough of the matcher's rule (earliest expiry first, expired ones
 * skipped) to write the entitlement events it would.
 */
final class FixtureGrants
{
    private final Map<Long, List<long[]>> grants = new HashMap<>();

    void grant(final int participant, final int product, final long units, final long expiry)
    {
        final List<long[]> list = of(participant, product);
        int at = 0;
        while (at < list.size() && list.get(at)[1] <= expiry)
        {
            at++;
        }
        list.add(at, new long[] {units, expiry});
    }

    /** Up to {@code units} from the grants unexpired at {@code nowNs}, earliest expiry first; {units, expiry} by expiry. */
    List<long[]> draw(final int participant, final int product, final long units, final long nowNs)
    {
        long left = units;
        final List<long[]> pieces = new ArrayList<>();
        for (final long[] g : of(participant, product))
        {
            if (g[1] > nowNs && left > 0)
            {
                final long taken = Math.min(left, g[0]);
                g[0] -= taken;
                left -= taken;
                if (taken > 0 && !pieces.isEmpty() && pieces.get(pieces.size() - 1)[1] == g[1])
                {
                    pieces.get(pieces.size() - 1)[0] += taken;
                }
                else if (taken > 0)
                {
                    pieces.add(new long[] {taken, g[1]});
                }
            }
        }
        return pieces;
    }

    /** Takes {@code units} of the grants expiring exactly at {@code expiry}, whatever the rule would choose. */
    void drawAt(final int participant, final int product, final long units, final long expiry)
    {
        long left = units;
        for (final long[] g : of(participant, product))
        {
            final long taken = g[1] == expiry ? Math.min(left, g[0]) : 0;
            g[0] -= taken;
            left -= taken;
        }
    }

    private List<long[]> of(final int participant, final int product)
    {
        return grants.computeIfAbsent(((long)participant << 32) | product, k -> new ArrayList<>());
    }
}
