package io.databourse.matcher.risk;

import java.util.Arrays;

import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Metered usage rights bought by participants: per position (participant, product), a FIFO of
 * grants {units left, expiry}. Grants are appended in trade order and every grant of a product has
 * the same term, so the FIFO is also earliest-expiry-first: usage draws from the head. Consecutive
 * grants with the same expiry merge. Pooled primitive storage; grows only when more grants are
 * alive than ever before.
 */
public final class Entitlements
{
    public static final int NULL = -1;
    /** Expiry of a grant that never expires (product term 0). */
    public static final long NEVER = Long.MAX_VALUE;

    private long[] units = new long[1024];
    private long[] expiryNs = new long[1024];
    private int[] next = new int[1024];
    private int freeHead = NULL;
    private int used;
    private int[] head = new int[1024];
    private int[] tail = new int[1024];

    public Entitlements()
    {
        Arrays.fill(head, NULL);
        Arrays.fill(tail, NULL);
    }

    private void ensurePosition(final int position)
    {
        if (position >= head.length)
        {
            final int from = head.length;
            final int n = Math.max(position + 1, from * 2);
            head = Arrays.copyOf(head, n);
            tail = Arrays.copyOf(tail, n);
            Arrays.fill(head, from, n, NULL);
            Arrays.fill(tail, from, n, NULL);
        }
    }

    private int allocate()
    {
        if (freeHead != NULL)
        {
            final int g = freeHead;
            freeHead = next[g];
            return g;
        }
        if (used == units.length)
        {
            final int n = used * 2;
            units = Arrays.copyOf(units, n);
            expiryNs = Arrays.copyOf(expiryNs, n);
            next = Arrays.copyOf(next, n);
        }
        return used++;
    }

    /**
     * Each position's grants, oldest first (snapshots, the state hash), expired ones included: they
     * still tell "expired" from "never granted". Where the pool keeps them is not state.
     */
    public void writeSnapshot(final SnapshotWriter out, final int positions)
    {
        out.putVarLong(positions);
        for (int p = 0; p < positions; p++)
        {
            int n = 0;
            for (int g = p < head.length ? head[p] : NULL; g != NULL; g = next[g])
            {
                n++;
            }
            out.putVarLong(n);
            for (int g = p < head.length ? head[p] : NULL; g != NULL; g = next[g])
            {
                out.putSignedVarLong(units[g]).putSignedVarLong(expiryNs[g]);
            }
        }
    }

    /** Reads what {@link #writeSnapshot} wrote into an empty store; grants are appended as they were. */
    public void readSnapshot(final SnapshotReader in, final int positionsMax)
    {
        if (used != 0)
        {
            throw new IllegalStateException("entitlements restored over " + used + " grants");
        }
        final int positions = in.getCount("entitlement positions", positionsMax);
        for (int p = 0; p < positions; p++)
        {
            final int n = in.getCount("grants", Integer.MAX_VALUE);
            for (int i = 0; i < n; i++)
            {
                ensurePosition(p);
                final int g = allocate();
                units[g] = in.getSignedVarLong();
                expiryNs[g] = in.getSignedVarLong();
                next[g] = NULL;
                if (tail[p] == NULL)
                {
                    head[p] = g;
                }
                else
                {
                    next[tail[p]] = g;
                }
                tail[p] = g;
            }
        }
    }

    /** Receives one grant: units left and expiry. */
    @FunctionalInterface
    public interface GrantVisitor
    {
        void grant(long units, long expiryNs);
    }

    /** Each of a position's grants, oldest first, expired ones included (tools). */
    public void forEachGrant(final int position, final GrantVisitor visitor)
    {
        for (int g = position >= 0 && position < head.length ? head[position] : NULL; g != NULL; g = next[g])
        {
            visitor.grant(units[g], expiryNs[g]);
        }
    }

    /** Grants units to a position, expiring at {@code expiry} (or {@link #NEVER}). */
    public void grant(final int position, final long grantUnits, final long expiry)
    {
        ensurePosition(position);
        final int last = tail[position];
        if (last != NULL && expiryNs[last] == expiry)
        {
            units[last] += grantUnits;
            return;
        }
        final int g = allocate();
        units[g] = grantUnits;
        expiryNs[g] = expiry;
        next[g] = NULL;
        if (last == NULL)
        {
            head[position] = g;
        }
        else
        {
            next[last] = g;
        }
        tail[position] = g;
    }

    /** True when the position was ever granted anything still recorded (expired grants included). */
    public boolean hasAny(final int position)
    {
        return position >= 0 && position < head.length && head[position] != NULL;
    }

    /** Units on grants not expired at {@code nowNs}. */
    public long available(final int position, final long nowNs)
    {
        if (position < 0 || position >= head.length)
        {
            return 0;
        }
        long sum = 0;
        for (int g = head[position]; g != NULL; g = next[g])
        {
            if (expiryNs[g] > nowNs)
            {
                sum += units[g];
            }
        }
        return sum;
    }

    /**
     * Draws units from unexpired grants, earliest expiry first, dropping expired and exhausted
     * grants on the way; returns the units drawn (less than asked only when not enough remain).
     */
    public long draw(final int position, final long wanted, final long nowNs)
    {
        if (position < 0 || position >= head.length)
        {
            return 0;
        }
        long left = wanted;
        int g = head[position];
        while (g != NULL && (left > 0 || expiryNs[g] <= nowNs))
        {
            final int following = next[g];
            if (expiryNs[g] > nowNs)
            {
                final long take = Math.min(left, units[g]);
                units[g] -= take;
                left -= take;
            }
            if (expiryNs[g] <= nowNs || units[g] == 0)
            {
                head[position] = following;
                if (following == NULL)
                {
                    tail[position] = NULL;
                }
                next[g] = freeHead;
                freeHead = g;
            }
            g = following;
        }
        return wanted - left;
    }
}
