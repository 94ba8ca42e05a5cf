package io.databourse.matcher.book;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;

/**
 * Every live order of the exchange, as parallel primitive arrays indexed by a slot (a "handle"),
 * allocated once at start-up: no object per order, no garbage, about 110 bytes per order.
 * Slots are recycled through a free list. Also indexes live orders by (participant, clOrdId) for
 * cancel/replace, with an open-addressing table of slots (never iterated).
 * <p>Each order is on three intrusive doubly-linked lists: its price level's FIFO (time priority),
 * its participant's list (mass cancel, suspension), and the free list when not live.
 */
public final class OrderStore
{
    public static final int NULL = -1;
    /** A clOrdId field is 24 bytes = 3 longs. */
    public static final int CLORDID_LONGS = 3;

    // flags packing: side 1 bit, ordType 1 bit, tif 2 bits, postOnly 1 bit, stp 2 bits, feeBps 14 bits
    private static final int SIDE_SHIFT = 0;
    private static final int ORD_TYPE_SHIFT = 1;
    private static final int TIF_SHIFT = 2;
    private static final int POST_ONLY_SHIFT = 4;
    private static final int STP_SHIFT = 5;
    private static final int FEE_BPS_SHIFT = 7;

    private final int capacity;
    private final long[] orderId;
    private final long[] priceFen;
    private final long[] orderQty;
    private final long[] cumQty;
    private final long[] cumNotionalFen;
    private final long[] clOrdId;
    private final int[] participant;
    private final int[] product;
    private final int[] sessionId;
    private final int[] flags;
    private final int[] level;
    private final int[] levelPrev;
    private final int[] levelNext;
    private final int[] ownerPrev;
    private final int[] ownerNext;

    private final int[] clOrdIdTable;
    private final int clOrdIdMask;

    private int freeHead;
    private int liveCount;

    public OrderStore(final int capacity)
    {
        this.capacity = capacity;
        orderId = new long[capacity];
        priceFen = new long[capacity];
        orderQty = new long[capacity];
        cumQty = new long[capacity];
        cumNotionalFen = new long[capacity];
        clOrdId = new long[capacity * CLORDID_LONGS];
        participant = new int[capacity];
        product = new int[capacity];
        sessionId = new int[capacity];
        flags = new int[capacity];
        level = new int[capacity];
        levelPrev = new int[capacity];
        levelNext = new int[capacity];
        ownerPrev = new int[capacity];
        ownerNext = new int[capacity];
        final int tableLength = BitUtil.findNextPositivePowerOfTwo(capacity * 2);
        clOrdIdTable = new int[tableLength];
        clOrdIdMask = tableLength - 1;
        for (int i = 0; i < capacity; i++)
        {
            levelNext[i] = i + 1 < capacity ? i + 1 : NULL;
        }
        freeHead = capacity > 0 ? 0 : NULL;
    }

    public int capacity()
    {
        return capacity;
    }

    public int liveCount()
    {
        return liveCount;
    }

    public boolean isFull()
    {
        return freeHead == NULL;
    }

    /**
     * Takes a free slot for a new order and indexes it by (participant, clOrdId read from the buffer).
     * The caller has checked {@link #isFull()} and that the clOrdId is not live.
     */
    public int allocate(
        final long id,
        final int participantIndex,
        final int productIndex,
        final int session,
        final DirectBuffer clOrdIdBuffer,
        final int clOrdIdOffset,
        final long price,
        final long qty,
        final int packedFlags)
    {
        final int slot = freeHead;
        if (slot == NULL)
        {
            throw new IllegalStateException("order store full");
        }
        freeHead = levelNext[slot];
        liveCount++;
        orderId[slot] = id;
        participant[slot] = participantIndex;
        product[slot] = productIndex;
        sessionId[slot] = session;
        priceFen[slot] = price;
        orderQty[slot] = qty;
        cumQty[slot] = 0;
        cumNotionalFen[slot] = 0;
        flags[slot] = packedFlags;
        level[slot] = NULL;
        levelPrev[slot] = NULL;
        levelNext[slot] = NULL;
        ownerPrev[slot] = NULL;
        ownerNext[slot] = NULL;
        copyClOrdId(slot, clOrdIdBuffer, clOrdIdOffset);
        indexClOrdId(slot);
        return slot;
    }

    /** Returns a slot to the free list; the order must already be unlinked from level and owner lists. */
    public void free(final int slot)
    {
        unindexClOrdId(slot);
        orderId[slot] = 0;
        levelNext[slot] = freeHead;
        freeHead = slot;
        liveCount--;
    }

    /** Gives a live order a new clOrdId (replace). */
    public void changeClOrdId(final int slot, final DirectBuffer buffer, final int offset)
    {
        unindexClOrdId(slot);
        copyClOrdId(slot, buffer, offset);
        indexClOrdId(slot);
    }

    /** The slot of participant's live order with this clOrdId, or {@link #NULL}. */
    public int findByClOrdId(final int participantIndex, final DirectBuffer buffer, final int offset)
    {
        final long c0 = buffer.getLong(offset);
        final long c1 = buffer.getLong(offset + 8);
        final long c2 = buffer.getLong(offset + 16);
        int i = hash(participantIndex, c0, c1, c2) & clOrdIdMask;
        while (true)
        {
            final int entry = clOrdIdTable[i];
            if (entry == 0)
            {
                return NULL;
            }
            final int slot = entry - 1;
            final int base = slot * CLORDID_LONGS;
            if (participant[slot] == participantIndex &&
                clOrdId[base] == c0 && clOrdId[base + 1] == c1 && clOrdId[base + 2] == c2)
            {
                return slot;
            }
            i = (i + 1) & clOrdIdMask;
        }
    }

    private void copyClOrdId(final int slot, final DirectBuffer buffer, final int offset)
    {
        final int base = slot * CLORDID_LONGS;
        clOrdId[base] = buffer.getLong(offset);
        clOrdId[base + 1] = buffer.getLong(offset + 8);
        clOrdId[base + 2] = buffer.getLong(offset + 16);
    }

    private void indexClOrdId(final int slot)
    {
        final int base = slot * CLORDID_LONGS;
        int i = hash(participant[slot], clOrdId[base], clOrdId[base + 1], clOrdId[base + 2]) & clOrdIdMask;
        while (clOrdIdTable[i] != 0)
        {
            i = (i + 1) & clOrdIdMask;
        }
        clOrdIdTable[i] = slot + 1;
    }

    /** Linear-probing delete with backward shift: no tombstones, so lookups stay short forever. */
    private void unindexClOrdId(final int slot)
    {
        final int base = slot * CLORDID_LONGS;
        int i = hash(participant[slot], clOrdId[base], clOrdId[base + 1], clOrdId[base + 2]) & clOrdIdMask;
        while (clOrdIdTable[i] != slot + 1)
        {
            if (clOrdIdTable[i] == 0)
            {
                throw new IllegalStateException("clOrdId index lost slot " + slot);
            }
            i = (i + 1) & clOrdIdMask;
        }
        int hole = i;
        int j = (i + 1) & clOrdIdMask;
        while (clOrdIdTable[j] != 0)
        {
            final int s = clOrdIdTable[j] - 1;
            final int b = s * CLORDID_LONGS;
            final int home = hash(participant[s], clOrdId[b], clOrdId[b + 1], clOrdId[b + 2]) & clOrdIdMask;
            // move entry j into the hole if its home is not cyclically within (hole, j]
            final boolean inRange = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!inRange)
            {
                clOrdIdTable[hole] = clOrdIdTable[j];
                hole = j;
            }
            j = (j + 1) & clOrdIdMask;
        }
        clOrdIdTable[hole] = 0;
    }

    private static int hash(final int participantIndex, final long c0, final long c1, final long c2)
    {
        long h = participantIndex * 0x9E3779B97F4A7C15L;
        h = (h ^ c0) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 29) ^ c1) * 0x94D049BB133111EBL;
        h = (h ^ (h >>> 32) ^ c2) * 0xBF58476D1CE4E5B9L;
        return (int)(h ^ (h >>> 31));
    }

    // ---- flags ----

    public static int packFlags(
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp, final int feeBps)
    {
        return (side << SIDE_SHIFT) | (ordType << ORD_TYPE_SHIFT) | (tif << TIF_SHIFT) |
            ((postOnly ? 1 : 0) << POST_ONLY_SHIFT) | (stp << STP_SHIFT) | (feeBps << FEE_BPS_SHIFT);
    }

    public byte side(final int slot)
    {
        return (byte)((flags[slot] >>> SIDE_SHIFT) & 1);
    }

    public byte ordType(final int slot)
    {
        return (byte)((flags[slot] >>> ORD_TYPE_SHIFT) & 1);
    }

    public byte tif(final int slot)
    {
        return (byte)((flags[slot] >>> TIF_SHIFT) & 3);
    }

    public boolean postOnly(final int slot)
    {
        return ((flags[slot] >>> POST_ONLY_SHIFT) & 1) != 0;
    }

    public byte stp(final int slot)
    {
        return (byte)((flags[slot] >>> STP_SHIFT) & 3);
    }

    /** The fee rate (bps) the order's cash reservation was made at. */
    public int feeBps(final int slot)
    {
        return flags[slot] >>> FEE_BPS_SHIFT;
    }

    // ---- plain accessors ----

    public long orderId(final int slot)
    {
        return orderId[slot];
    }

    public int participant(final int slot)
    {
        return participant[slot];
    }

    public int product(final int slot)
    {
        return product[slot];
    }

    public int sessionId(final int slot)
    {
        return sessionId[slot];
    }

    public long priceFen(final int slot)
    {
        return priceFen[slot];
    }

    public void priceFen(final int slot, final long value)
    {
        priceFen[slot] = value;
    }

    public long orderQty(final int slot)
    {
        return orderQty[slot];
    }

    public void orderQty(final int slot, final long value)
    {
        orderQty[slot] = value;
    }

    public long cumQty(final int slot)
    {
        return cumQty[slot];
    }

    public long leavesQty(final int slot)
    {
        return orderQty[slot] - cumQty[slot];
    }

    public long cumNotionalFen(final int slot)
    {
        return cumNotionalFen[slot];
    }

    public void fill(final int slot, final long qty, final long priceFen)
    {
        cumQty[slot] += qty;
        cumNotionalFen[slot] += qty * priceFen;
    }

    /** Writes the clOrdId (24 bytes) into a buffer. */
    public void putClOrdId(final int slot, final org.agrona.MutableDirectBuffer dst, final int dstOffset)
    {
        final int base = slot * CLORDID_LONGS;
        dst.putLong(dstOffset, clOrdId[base]);
        dst.putLong(dstOffset + 8, clOrdId[base + 1]);
        dst.putLong(dstOffset + 16, clOrdId[base + 2]);
    }

    public int level(final int slot)
    {
        return level[slot];
    }

    public void level(final int slot, final int value)
    {
        level[slot] = value;
    }

    public int levelPrev(final int slot)
    {
        return levelPrev[slot];
    }

    public void levelPrev(final int slot, final int value)
    {
        levelPrev[slot] = value;
    }

    public int levelNext(final int slot)
    {
        return levelNext[slot];
    }

    public void levelNext(final int slot, final int value)
    {
        levelNext[slot] = value;
    }

    public int ownerPrev(final int slot)
    {
        return ownerPrev[slot];
    }

    public void ownerPrev(final int slot, final int value)
    {
        ownerPrev[slot] = value;
    }

    public int ownerNext(final int slot)
    {
        return ownerNext[slot];
    }

    public void ownerNext(final int slot, final int value)
    {
        ownerNext[slot] = value;
    }

    /** Bytes of heap held per order slot (arrays and index), for the memory figure. */
    public static int bytesPerSlot()
    {
        return 5 * 8 + CLORDID_LONGS * 8 + 10 * 4 + 2 * 4;
    }
}
