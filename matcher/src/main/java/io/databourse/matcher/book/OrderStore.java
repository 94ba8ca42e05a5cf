package io.databourse.matcher.book;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import io.databourse.journal.schema.IdWords;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Every live order of the exchange, as one record of 13 longs (104 bytes) per slot (a "handle") in
 * a single array allocated at start-up: no object per order, no garbage, two cache lines per order.
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

    // flags packing: side 1 bit, ordType 1 bit, tif 2 bits, postOnly 1 bit, stp 2 bits, feeBps 14 bits,
    // purpose 5 bits, crossBorder 1 bit
    private static final int SIDE_SHIFT = 0;
    private static final int ORD_TYPE_SHIFT = 1;
    private static final int TIF_SHIFT = 2;
    private static final int POST_ONLY_SHIFT = 4;
    private static final int STP_SHIFT = 5;
    private static final int FEE_BPS_SHIFT = 7;
    private static final int FEE_BPS_MASK = 0x3FFF;
    private static final int PURPOSE_SHIFT = 21;
    private static final int PURPOSE_MASK = 0x1F;
    private static final int CROSS_BORDER_SHIFT = 26;

    // One record of RECORD_LONGS longs per order, so that touching an order touches two cache lines,
    // not one line per field. Pairs of ints share a long: high 32 bits first-named, low 32 second.
    private static final int PRICE = 0;
    private static final int ORDER_QTY = 1;
    private static final int CUM_QTY = 2;
    private static final int PARTICIPANT_PRODUCT = 3;
    private static final int FLAGS_LEVEL = 4;
    private static final int LEVEL_PREV_NEXT = 5;
    private static final int SESSION_POSITION = 6;
    private static final int ORDER_ID = 7;
    private static final int CUM_NOTIONAL = 8;
    private static final int OWNER_PREV_NEXT = 9;
    private static final int CLORDID = 10;
    static final int RECORD_LONGS = CLORDID + CLORDID_LONGS;

    private final int capacity;
    private final long[] data;
    private final int[] clOrdIdTable;
    private final int clOrdIdMask;

    private int freeHead;
    private int liveCount;

    // The last lookup's outcome, so that the insert or removal that follows it (a new order after its
    // duplicate check, a cancel or replace after finding the order) need not hash and probe again.
    // Both are checked before use, so a stale memo costs a probe, never a wrong answer.
    private int foundSlot = NULL;
    private int foundIndex;
    private int missParticipant = -1;
    private long missC0;
    private long missC1;
    private long missC2;
    private int missHash;

    public OrderStore(final int capacity)
    {
        this.capacity = capacity;
        data = new long[capacity * RECORD_LONGS];
        final int tableLength = BitUtil.findNextPositivePowerOfTwo(capacity * 2);
        clOrdIdTable = new int[tableLength];
        clOrdIdMask = tableLength - 1;
        for (int i = 0; i < capacity; i++)
        {
            levelNext(i, i + 1 < capacity ? i + 1 : NULL);
        }
        freeHead = capacity > 0 ? 0 : NULL;
    }

    private static long pair(final int high, final int low)
    {
        return ((long)high << 32) | (low & 0xFFFF_FFFFL);
    }

    private int high(final int slot, final int field)
    {
        return (int)(data[slot * RECORD_LONGS + field] >> 32);
    }

    private int low(final int slot, final int field)
    {
        return (int)data[slot * RECORD_LONGS + field];
    }

    private void high(final int slot, final int field, final int value)
    {
        final int i = slot * RECORD_LONGS + field;
        data[i] = pair(value, (int)data[i]);
    }

    private void low(final int slot, final int field, final int value)
    {
        final int i = slot * RECORD_LONGS + field;
        data[i] = pair((int)(data[i] >> 32), value);
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
        final int packedFlags,
        final int positionSlot)
    {
        final int slot = freeHead;
        if (slot == NULL)
        {
            throw new IllegalStateException("order store full");
        }
        freeHead = levelNext(slot);
        liveCount++;
        final int base = slot * RECORD_LONGS;
        data[base + PRICE] = price;
        data[base + ORDER_QTY] = qty;
        data[base + CUM_QTY] = 0;
        data[base + PARTICIPANT_PRODUCT] = pair(participantIndex, productIndex);
        data[base + FLAGS_LEVEL] = pair(packedFlags, NULL);
        data[base + LEVEL_PREV_NEXT] = pair(NULL, NULL);
        data[base + SESSION_POSITION] = pair(session, positionSlot);
        data[base + ORDER_ID] = id;
        data[base + CUM_NOTIONAL] = 0;
        data[base + OWNER_PREV_NEXT] = pair(NULL, NULL);
        copyClOrdId(slot, clOrdIdBuffer, clOrdIdOffset);
        indexClOrdId(slot);
        return slot;
    }

    /**
     * A live order's own fields (snapshots, the state hash): everything but its product, position and
     * links, which the book and owner lists it is written within give back. A new field of the record
     * is written here and read back in {@link #readOrder}.
     */
    public void writeOrder(final int slot, final SnapshotWriter out, final org.agrona.MutableDirectBuffer scratch)
    {
        final int base = slot * RECORD_LONGS;
        putClOrdId(slot, scratch, 0);
        out.putVarLong(data[base + ORDER_ID])
            .putVarInt(participant(slot))
            .putVarInt(sessionId(slot))
            .putIdField(scratch, 0, CLORDID_LONGS * 8)
            .putSignedVarLong(data[base + PRICE])
            .putSignedVarLong(data[base + ORDER_QTY])
            .putSignedVarLong(data[base + CUM_QTY])
            .putSignedVarLong(data[base + CUM_NOTIONAL])
            .putVarInt(flags(slot));
    }

    /**
     * Takes a free slot for the order {@link #writeOrder} wrote, of {@code product} and owning
     * {@code position(participant)}, indexed by its clOrdId; not yet on a level nor an owner list.
     */
    public int readOrder(
        final SnapshotReader in, final int product, final java.util.function.IntUnaryOperator positionOfParticipant,
        final int participantsCount, final org.agrona.MutableDirectBuffer scratch)
    {
        if (isFull())
        {
            throw new CorruptSnapshotException("more resting orders than the " + capacity + " this matcher holds");
        }
        final long id = in.getVarLong();
        final int participant = in.getVarInt("order participant", 0, participantsCount - 1);
        final int session = in.getVarInt("order session", Integer.MIN_VALUE, Integer.MAX_VALUE);
        in.getIdField("clOrdId", scratch, 0, CLORDID_LONGS * 8);
        if (findByClOrdId(participant, scratch, 0) != NULL)
        {
            throw new CorruptSnapshotException("clOrdId of order " + id + " is live twice");
        }
        final long price = in.getSignedVarLong();
        final long qty = in.getSignedVarLong();
        final int slot = allocate(id, participant, product, session, scratch, 0, price, qty, 0,
            positionOfParticipant.applyAsInt(participant));
        final int base = slot * RECORD_LONGS;
        data[base + CUM_QTY] = in.getSignedVarLong("cumQty", 0, qty - 1);
        data[base + CUM_NOTIONAL] = in.getSignedVarLong();
        high(slot, FLAGS_LEVEL, in.getVarInt("order flags", 0, Integer.MAX_VALUE));
        return slot;
    }

    /** Returns a slot to the free list; the order must already be unlinked from level and owner lists. */
    public void free(final int slot)
    {
        unindexClOrdId(slot);
        data[slot * RECORD_LONGS + ORDER_ID] = 0;
        levelNext(slot, freeHead);
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
        IdWords.check(buffer, offset, CLORDID_LONGS * 8);
        final long c0 = IdWords.word(buffer, offset);
        final long c1 = IdWords.word(buffer, offset + 8);
        final long c2 = IdWords.word(buffer, offset + 16);
        final int h = hash(participantIndex, c0, c1, c2);
        int i = h & clOrdIdMask;
        while (true)
        {
            final int entry = clOrdIdTable[i];
            if (entry == 0)
            {
                missParticipant = participantIndex;
                missC0 = c0;
                missC1 = c1;
                missC2 = c2;
                missHash = h;
                return NULL;
            }
            final int slot = entry - 1;
            final int base = slot * RECORD_LONGS + CLORDID;
            if (data[base] == c0 && data[base + 1] == c1 && data[base + 2] == c2 && participant(slot) == participantIndex)
            {
                foundSlot = slot;
                foundIndex = i;
                return slot;
            }
            i = (i + 1) & clOrdIdMask;
        }
    }

    private void copyClOrdId(final int slot, final DirectBuffer buffer, final int offset)
    {
        IdWords.check(buffer, offset, CLORDID_LONGS * 8);
        final int base = slot * RECORD_LONGS + CLORDID;
        data[base] = IdWords.word(buffer, offset);
        data[base + 1] = IdWords.word(buffer, offset + 8);
        data[base + 2] = IdWords.word(buffer, offset + 16);
    }

    private int clOrdIdHash(final int slot)
    {
        final int base = slot * RECORD_LONGS + CLORDID;
        return hash(participant(slot), data[base], data[base + 1], data[base + 2]);
    }

    private void indexClOrdId(final int slot)
    {
        final int base = slot * RECORD_LONGS + CLORDID;
        final boolean lastMissed = missParticipant == participant(slot) &&
            data[base] == missC0 && data[base + 1] == missC1 && data[base + 2] == missC2;
        int i = (lastMissed ? missHash : clOrdIdHash(slot)) & clOrdIdMask;
        while (clOrdIdTable[i] != 0)
        {
            i = (i + 1) & clOrdIdMask;
        }
        clOrdIdTable[i] = slot + 1;
    }

    /** Linear-probing delete with backward shift: no tombstones, so lookups stay short forever. */
    private void unindexClOrdId(final int slot)
    {
        int i;
        if (foundSlot == slot && clOrdIdTable[foundIndex] == slot + 1)
        {
            i = foundIndex;
        }
        else
        {
            i = clOrdIdHash(slot) & clOrdIdMask;
            while (clOrdIdTable[i] != slot + 1)
            {
                if (clOrdIdTable[i] == 0)
                {
                    throw new IllegalStateException("clOrdId index lost slot " + slot);
                }
                i = (i + 1) & clOrdIdMask;
            }
        }
        foundSlot = NULL; // the shift below moves entries
        int hole = i;
        int j = (i + 1) & clOrdIdMask;
        while (clOrdIdTable[j] != 0)
        {
            final int home = clOrdIdHash(clOrdIdTable[j] - 1) & clOrdIdMask;
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
        final byte side, final byte ordType, final byte tif, final boolean postOnly, final byte stp, final int feeBps,
        final byte purpose, final boolean crossBorder)
    {
        assert feeBps >= 0 && feeBps <= FEE_BPS_MASK : "feeBps " + feeBps;
        assert purpose >= 0 && purpose <= PURPOSE_MASK : "purpose " + purpose;
        return (side << SIDE_SHIFT) | (ordType << ORD_TYPE_SHIFT) | (tif << TIF_SHIFT) |
            ((postOnly ? 1 : 0) << POST_ONLY_SHIFT) | (stp << STP_SHIFT) | (feeBps << FEE_BPS_SHIFT) |
            (purpose << PURPOSE_SHIFT) | ((crossBorder ? 1 : 0) << CROSS_BORDER_SHIFT);
    }

    private int flags(final int slot)
    {
        return high(slot, FLAGS_LEVEL);
    }

    public byte side(final int slot)
    {
        return (byte)((flags(slot) >>> SIDE_SHIFT) & 1);
    }

    public byte ordType(final int slot)
    {
        return (byte)((flags(slot) >>> ORD_TYPE_SHIFT) & 1);
    }

    public byte tif(final int slot)
    {
        return (byte)((flags(slot) >>> TIF_SHIFT) & 3);
    }

    public boolean postOnly(final int slot)
    {
        return ((flags(slot) >>> POST_ONLY_SHIFT) & 1) != 0;
    }

    public byte stp(final int slot)
    {
        return (byte)((flags(slot) >>> STP_SHIFT) & 3);
    }

    /** The fee rate (bps) the order's cash reservation was made at. */
    public int feeBps(final int slot)
    {
        return (flags(slot) >>> FEE_BPS_SHIFT) & FEE_BPS_MASK;
    }

    /** A cross-border buy of personal information: its leaves reserve records of the exporter's quota. */
    public boolean crossBorder(final int slot)
    {
        return ((flags(slot) >>> CROSS_BORDER_SHIFT) & 1) != 0;
    }

    /** The use its buyer declared ({@code Codes.Purpose}); 0 for none. */
    public byte purpose(final int slot)
    {
        return (byte)((flags(slot) >>> PURPOSE_SHIFT) & PURPOSE_MASK);
    }

    // ---- plain accessors ----

    public long orderId(final int slot)
    {
        return data[slot * RECORD_LONGS + ORDER_ID];
    }

    public int participant(final int slot)
    {
        return high(slot, PARTICIPANT_PRODUCT);
    }

    public int product(final int slot)
    {
        return low(slot, PARTICIPANT_PRODUCT);
    }

    public int sessionId(final int slot)
    {
        return high(slot, SESSION_POSITION);
    }

    /** The owner's position slot in this product ({@link io.databourse.matcher.risk.Positions}): no lookup per fill. */
    public int position(final int slot)
    {
        return low(slot, SESSION_POSITION);
    }

    public long priceFen(final int slot)
    {
        return data[slot * RECORD_LONGS + PRICE];
    }

    public void priceFen(final int slot, final long value)
    {
        data[slot * RECORD_LONGS + PRICE] = value;
    }

    public long orderQty(final int slot)
    {
        return data[slot * RECORD_LONGS + ORDER_QTY];
    }

    public void orderQty(final int slot, final long value)
    {
        data[slot * RECORD_LONGS + ORDER_QTY] = value;
    }

    public long cumQty(final int slot)
    {
        return data[slot * RECORD_LONGS + CUM_QTY];
    }

    public long leavesQty(final int slot)
    {
        final int base = slot * RECORD_LONGS;
        return data[base + ORDER_QTY] - data[base + CUM_QTY];
    }

    public long cumNotionalFen(final int slot)
    {
        return data[slot * RECORD_LONGS + CUM_NOTIONAL];
    }

    public void fill(final int slot, final long qty, final long priceFen)
    {
        final int base = slot * RECORD_LONGS;
        data[base + CUM_QTY] += qty;
        data[base + CUM_NOTIONAL] += qty * priceFen;
        assert qty > 0 && leavesQty(slot) >= 0; // never filled beyond its quantity
    }

    /** Writes the clOrdId (24 bytes) into a buffer. */
    public void putClOrdId(final int slot, final org.agrona.MutableDirectBuffer dst, final int dstOffset)
    {
        IdWords.check(dst, dstOffset, CLORDID_LONGS * 8);
        final int base = slot * RECORD_LONGS + CLORDID;
        IdWords.putWord(dst, dstOffset, data[base]);
        IdWords.putWord(dst, dstOffset + 8, data[base + 1]);
        IdWords.putWord(dst, dstOffset + 16, data[base + 2]);
    }

    /** Word {@code i} (0..2) of the order's clOrdId, as {@link #putClOrdId} would write it. */
    public long clOrdIdWord(final int slot, final int i)
    {
        return data[slot * RECORD_LONGS + CLORDID + i];
    }

    public int level(final int slot)
    {
        return low(slot, FLAGS_LEVEL);
    }

    public void level(final int slot, final int value)
    {
        low(slot, FLAGS_LEVEL, value);
    }

    public int levelPrev(final int slot)
    {
        return high(slot, LEVEL_PREV_NEXT);
    }

    public void levelPrev(final int slot, final int value)
    {
        high(slot, LEVEL_PREV_NEXT, value);
    }

    public int levelNext(final int slot)
    {
        return low(slot, LEVEL_PREV_NEXT);
    }

    public void levelNext(final int slot, final int value)
    {
        low(slot, LEVEL_PREV_NEXT, value);
    }

    public int ownerPrev(final int slot)
    {
        return high(slot, OWNER_PREV_NEXT);
    }

    public void ownerPrev(final int slot, final int value)
    {
        high(slot, OWNER_PREV_NEXT, value);
    }

    public int ownerNext(final int slot)
    {
        return low(slot, OWNER_PREV_NEXT);
    }

    public void ownerNext(final int slot, final int value)
    {
        low(slot, OWNER_PREV_NEXT, value);
    }

    /** Bytes of heap held per order slot (arrays and index), for the memory figure. */
    public static int bytesPerSlot()
    {
        return RECORD_LONGS * 8 + 2 * 4;
    }
}
