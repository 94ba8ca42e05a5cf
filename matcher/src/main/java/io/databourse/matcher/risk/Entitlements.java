package io.databourse.matcher.risk;

import java.util.Arrays;

import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Metered usage rights bought by participants: per position (participant, product), a list of
 * grants {units left, expiry, purpose} kept in expiry order (equal expiries in grant order), so
 * that usage and resales draw the earliest-expiring units first. A fresh grant usually expires last
 * and is appended; a resale hands on pieces with their original expiries, which are inserted in
 * place. Adjacent grants with the same expiry and purpose merge. Pooled primitive storage; grows only
 * when more grants are alive than ever before.
 */
public final class Entitlements
{
    public static final int NULL = -1;
    /** Expiry of a grant that never expires (product term 0). */
    public static final long NEVER = Long.MAX_VALUE;
    /** Purpose filter matching every grant. */
    public static final int ANY_PURPOSE = -1;

    private long[] units = new long[1024];
    private long[] expiryNs = new long[1024];
    private byte[] purpose = new byte[1024];
    private int[] next = new int[1024];
    private int freeHead = NULL;
    private int used;
    private int[] head = new int[1024];
    private int[] tail = new int[1024];
    /** Per position: the latest expiry ever granted; 0 when never granted anything. */
    private long[] latestExpiryNs = new long[1024];

    // the pieces the last draw took: units, expiry and purpose each (journaled as entitlement_drawn)
    private long[] pieceUnits = new long[16];
    private long[] pieceExpiryNs = new long[16];
    private byte[] piecePurpose = new byte[16];
    private int pieceCount;

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
            latestExpiryNs = Arrays.copyOf(latestExpiryNs, n);
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
            purpose = Arrays.copyOf(purpose, n);
            next = Arrays.copyOf(next, n);
        }
        return used++;
    }

    /**
     * Each position's latest expiry ever granted and its grants in list (expiry) order (snapshots, the
     * state hash): {units, expiry, purpose}. Where the pool keeps them is not state.
     */
    public void writeSnapshot(final SnapshotWriter out, final int positions)
    {
        out.putVarLong(positions);
        for (int p = 0; p < positions; p++)
        {
            final boolean known = p < head.length;
            int n = 0;
            for (int g = known ? head[p] : NULL; g != NULL; g = next[g])
            {
                n++;
            }
            out.putSignedVarLong(known ? latestExpiryNs[p] : 0).putVarLong(n);
            for (int g = known ? head[p] : NULL; g != NULL; g = next[g])
            {
                out.putSignedVarLong(units[g]).putSignedVarLong(expiryNs[g]).putByte(purpose[g]);
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
            final long latest = in.getSignedVarLong();
            final int n = in.getCount("grants", Integer.MAX_VALUE);
            if (latest != 0 || n > 0)
            {
                ensurePosition(p);
                latestExpiryNs[p] = latest;
            }
            for (int i = 0; i < n; i++)
            {
                final int g = newGrant(in.getSignedVarLong(), in.getSignedVarLong(), in.getByte());
                link(p, tail[p], g);
            }
        }
    }

    /** Receives one grant: units left, expiry and purpose. */
    @FunctionalInterface
    public interface GrantVisitor
    {
        void grant(long units, long expiryNs, byte purpose);
    }

    /** Each of a position's grants in expiry order, expired ones not yet dropped included (tools). */
    public void forEachGrant(final int position, final GrantVisitor visitor)
    {
        for (int g = position >= 0 && position < head.length ? head[position] : NULL; g != NULL; g = next[g])
        {
            visitor.grant(units[g], expiryNs[g], purpose[g]);
        }
    }

    /** Grants units to a position, expiring at {@code expiry} (or {@link #NEVER}), for a declared purpose. */
    public void grant(final int position, final long grantUnits, final long expiry, final byte grantPurpose)
    {
        assert grantUnits > 0 : "a grant of " + grantUnits;
        assert expiry > 0 : "expiry " + expiry;
        ensurePosition(position);
        latestExpiryNs[position] = Math.max(latestExpiryNs[position], expiry);
        final int last = tail[position];
        if (last != NULL && expiryNs[last] <= expiry)
        {
            // the common case: a fresh grant expires last
            if (expiryNs[last] == expiry && purpose[last] == grantPurpose)
            {
                units[last] += grantUnits;
                return;
            }
            link(position, last, newGrant(grantUnits, expiry, grantPurpose));
            return;
        }
        // a piece handed on by a resale may expire before grants already held: insert it in place,
        // after every grant expiring no later
        int previous = NULL;
        for (int g = head[position]; g != NULL && expiryNs[g] <= expiry; g = next[g])
        {
            previous = g;
        }
        if (previous != NULL && expiryNs[previous] == expiry && purpose[previous] == grantPurpose)
        {
            units[previous] += grantUnits;
            return;
        }
        link(position, previous, newGrant(grantUnits, expiry, grantPurpose));
    }

    private int newGrant(final long grantUnits, final long expiry, final byte grantPurpose)
    {
        final int g = allocate();
        units[g] = grantUnits;
        expiryNs[g] = expiry;
        purpose[g] = grantPurpose;
        next[g] = NULL;
        return g;
    }

    /** Links grant {@code g} after {@code previous} ({@link #NULL}: at the head). */
    private void link(final int position, final int previous, final int g)
    {
        if (previous == NULL)
        {
            next[g] = head[position];
            head[position] = g;
        }
        else
        {
            next[g] = next[previous];
            next[previous] = g;
        }
        if (next[g] == NULL)
        {
            tail[position] = g;
        }
    }

    /** True when the position was ever granted anything (used up or expired since, or not). */
    public boolean wasGranted(final int position)
    {
        return position >= 0 && position < head.length && latestExpiryNs[position] != 0;
    }

    /** True when everything the position was ever granted has expired at {@code nowNs}. */
    public boolean allExpired(final int position, final long nowNs)
    {
        return wasGranted(position) && latestExpiryNs[position] <= nowNs;
    }

    /** Units on grants not expired at {@code nowNs} for a purpose ({@link #ANY_PURPOSE}: every grant). */
    public long available(final int position, final long nowNs, final int forPurpose)
    {
        if (position < 0 || position >= head.length)
        {
            return 0;
        }
        long sum = 0;
        for (int g = head[position]; g != NULL; g = next[g])
        {
            if (expiryNs[g] > nowNs && (forPurpose == ANY_PURPOSE || purpose[g] == forPurpose))
            {
                sum += units[g];
            }
        }
        return sum;
    }

    /** Units on grants not expired at {@code nowNs}, whatever their purpose. */
    public long available(final int position, final long nowNs)
    {
        return available(position, nowNs, ANY_PURPOSE);
    }

    /**
     * Draws units from unexpired grants of a purpose ({@link #ANY_PURPOSE}: any), earliest expiry first,
     * dropping expired and exhausted grants on the way; returns the units drawn (less than asked only
     * when not enough remain).
     */
    public long draw(final int position, final long wanted, final long nowNs, final int forPurpose)
    {
        pieceCount = 0;
        if (position < 0 || position >= head.length)
        {
            return 0;
        }
        long left = wanted;
        int previous = NULL;
        int g = head[position];
        while (g != NULL && (left > 0 || expiryNs[g] <= nowNs))
        {
            final int following = next[g];
            final boolean live = expiryNs[g] > nowNs;
            if (live && (forPurpose == ANY_PURPOSE || purpose[g] == forPurpose))
            {
                final long take = Math.min(left, units[g]);
                if (take > 0)
                {
                    addPiece(take, expiryNs[g], purpose[g]);
                }
                units[g] -= take;
                left -= take;
            }
            if (!live || units[g] == 0)
            {
                unlink(position, previous, g);
            }
            else
            {
                previous = g;
            }
            g = following;
        }
        return wanted - left;
    }

    private void unlink(final int position, final int previous, final int g)
    {
        final int following = next[g];
        if (previous == NULL)
        {
            head[position] = following;
        }
        else
        {
            next[previous] = following;
        }
        if (tail[position] == g)
        {
            tail[position] = previous;
        }
        next[g] = freeHead;
        freeHead = g;
    }

    private void addPiece(final long pieceUnitsTaken, final long expiry, final byte piecePurposeTaken)
    {
        if (pieceCount > 0 && pieceExpiryNs[pieceCount - 1] == expiry && piecePurpose[pieceCount - 1] == piecePurposeTaken)
        {
            pieceUnits[pieceCount - 1] += pieceUnitsTaken;
            return;
        }
        if (pieceCount == pieceUnits.length)
        {
            pieceUnits = Arrays.copyOf(pieceUnits, pieceCount * 2);
            pieceExpiryNs = Arrays.copyOf(pieceExpiryNs, pieceCount * 2);
            piecePurpose = Arrays.copyOf(piecePurpose, pieceCount * 2);
        }
        pieceUnits[pieceCount] = pieceUnitsTaken;
        pieceExpiryNs[pieceCount] = expiry;
        piecePurpose[pieceCount] = piecePurposeTaken;
        pieceCount++;
    }

    /**
     * Pieces the last {@link #draw} took, in the order it took them (expiry order): one per run of
     * grants with the same expiry and purpose.
     */
    public int pieceCount()
    {
        return pieceCount;
    }

    public long pieceUnits(final int i)
    {
        return pieceUnits[i];
    }

    public long pieceExpiryNs(final int i)
    {
        return pieceExpiryNs[i];
    }

    public byte piecePurpose(final int i)
    {
        return piecePurpose[i];
    }
}
