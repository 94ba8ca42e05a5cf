package io.databourse.matcher.ref;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import io.databourse.journal.schema.IdWords;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Maps fixed-width, zero-padded ASCII identifiers (participant and product ids as they sit in a
 * command) to dense indexes 0, 1, 2, ... in registration order, without creating a String.
 * Open addressing with linear probing, at most half full. Each slot holds its key's words next to
 * its index, so that a probe compares the key where it finds it rather than following the index to
 * a second array: the participant lookup runs on every command. Never iterated: determinism does
 * not depend on its layout.
 */
public final class AsciiKeyIndex
{
    private final int keyLongs;
    private final int capacity;
    /** Slot s holds its key in words [s * keyLongs, (s + 1) * keyLongs). */
    private final long[] slotKeys;
    /** Index + 1 of the key in slot s; 0 for an empty slot. */
    private final int[] slotIndexes;
    /** Index i's key in words [i * keyLongs, (i + 1) * keyLongs): to check a guessed index. */
    private final long[] keysByIndex;
    private final int mask;
    private int size;

    /**
     * @param keyLength width of the field in bytes (a multiple of 8)
     * @param capacity  most keys ever held
     */
    public AsciiKeyIndex(final int keyLength, final int capacity)
    {
        if (keyLength % 8 != 0 || keyLength == 0 || capacity <= 0)
        {
            throw new IllegalArgumentException("keyLength=" + keyLength + " capacity=" + capacity);
        }
        this.keyLongs = keyLength / 8;
        this.capacity = capacity;
        final int tableLength = BitUtil.findNextPositivePowerOfTwo(capacity * 2);
        this.slotKeys = new long[tableLength * keyLongs];
        this.slotIndexes = new int[tableLength];
        this.keysByIndex = new long[capacity * keyLongs];
        this.mask = tableLength - 1;
    }

    /** The keys in index order, as their ASCII bytes (snapshots): adding them again in that order rebuilds this index. */
    public void writeSnapshot(final SnapshotWriter out)
    {
        final org.agrona.concurrent.UnsafeBuffer key = new org.agrona.concurrent.UnsafeBuffer(new byte[keyLongs * 8]);
        out.putVarLong(size);
        for (int i = 0; i < size; i++)
        {
            for (int w = 0; w < keyLongs; w++)
            {
                IdWords.putWord(key, w * 8, keysByIndex[i * keyLongs + w]);
            }
            out.putIdField(key, 0, keyLongs * 8);
        }
    }

    /** Reads what {@link #writeSnapshot} wrote into an empty index. */
    public void readSnapshot(final SnapshotReader in)
    {
        if (size != 0)
        {
            throw new IllegalStateException("index restored over " + size + " keys");
        }
        final int n = in.getCount("keys", capacity);
        final org.agrona.concurrent.UnsafeBuffer key = new org.agrona.concurrent.UnsafeBuffer(new byte[keyLongs * 8]);
        for (int i = 0; i < n; i++)
        {
            in.getIdField("key", key, 0, keyLongs * 8);
            if (get(key, 0) >= 0)
            {
                throw new io.databourse.matcher.snapshot.CorruptSnapshotException("key " + i + " appears twice");
            }
            add(key, 0);
        }
    }

    public int size()
    {
        return size;
    }

    public boolean isFull()
    {
        return size == capacity;
    }

    /** Index of the key at {@code buffer[offset]}, or -1. */
    public int get(final DirectBuffer buffer, final int offset)
    {
        IdWords.check(buffer, offset, keyLongs * 8); // once for the key: then its words are read unchecked
        if (keyLongs == 2)
        {
            return get2(word(buffer, offset, 0), word(buffer, offset, 1));
        }
        int slot = hash(buffer, offset) & mask;
        while (true)
        {
            final int entry = slotIndexes[slot];
            if (entry == 0)
            {
                return -1;
            }
            if (matches(slot, buffer, offset))
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * {@link #get}, trying {@code guess} first: a key's index is checked against the key itself, so a
     * wrong, stale or negative guess costs the hash lookup and never gives another answer. The
     * matcher guesses the index the command's session named last (a session trades for one firm).
     */
    public int get(final DirectBuffer buffer, final int offset, final int guess)
    {
        if (keyLongs != 2)
        {
            return get(buffer, offset);
        }
        IdWords.check(buffer, offset, 16);
        final long w0 = word(buffer, offset, 0);
        final long w1 = word(buffer, offset, 1);
        if (guess >= 0 && guess < size && keysByIndex[guess * 2] == w0 && keysByIndex[guess * 2 + 1] == w1)
        {
            return guess;
        }
        return get2(w0, w1);
    }

    /**
     * {@link #get} for 16-byte keys (participant ids, looked up on every command), with the words
     * loaded once and the loops unrolled: the same hash, probe sequence and answer.
     */
    private int get2(final long w0, final long w1)
    {
        long h = 0x9E3779B97F4A7C15L;
        h = (h ^ w0) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h = (h ^ w1) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        int slot = (int)(h ^ (h >>> 32)) & mask;
        while (true)
        {
            final int entry = slotIndexes[slot];
            if (entry == 0)
            {
                return -1;
            }
            if (slotKeys[slot * 2] == w0 && slotKeys[slot * 2 + 1] == w1)
            {
                return entry - 1;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Adds a key not yet present; returns its new index, or -1 when full. */
    public int add(final DirectBuffer buffer, final int offset)
    {
        IdWords.check(buffer, offset, keyLongs * 8);
        if (size == capacity)
        {
            return -1;
        }
        final int index = size++;
        int slot = hash(buffer, offset) & mask;
        while (slotIndexes[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }
        for (int i = 0; i < keyLongs; i++)
        {
            slotKeys[slot * keyLongs + i] = word(buffer, offset, i);
            keysByIndex[index * keyLongs + i] = word(buffer, offset, i);
        }
        slotIndexes[slot] = index + 1;
        return index;
    }

    private boolean matches(final int slot, final DirectBuffer buffer, final int offset)
    {
        final int base = slot * keyLongs;
        for (int i = 0; i < keyLongs; i++)
        {
            if (slotKeys[base + i] != word(buffer, offset, i))
            {
                return false;
            }
        }
        return true;
    }

    private int hash(final DirectBuffer buffer, final int offset)
    {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < keyLongs; i++)
        {
            h = (h ^ word(buffer, offset, i)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 31;
        }
        return (int)(h ^ (h >>> 32));
    }

    /** Word {@code i} of the key at {@code offset}; its caller has checked the key's bounds. */
    private static long word(final DirectBuffer buffer, final int offset, final int i)
    {
        return IdWords.word(buffer, offset + i * 8);
    }
}
