package io.databourse.matcher.ref;

import io.databourse.journal.schema.Codes;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;

/**
 * Registered participants as parallel arrays indexed by participant index, with each one's cash
 * (available / reserved, fen) and the head/tail of its list of resting orders.
 */
public final class Participants
{
    private final String[] id;
    private final int[] roles;
    private final byte[] qualification;
    private final byte[] jurisdiction;
    private final boolean[] localTaxpayer;
    private final byte[] status;
    /** Self-trade prevention key: the participant's own index, or its group's key (capacity + group index). */
    private final int[] stpKey;
    private final String[] group;
    private final long[] cashAvailableFen;
    private final long[] cashReservedFen;
    private final int[] ordersHead;
    private final int[] ordersTail;
    private int count;

    public Participants(final int capacity)
    {
        id = new String[capacity];
        roles = new int[capacity];
        qualification = new byte[capacity];
        jurisdiction = new byte[capacity];
        localTaxpayer = new boolean[capacity];
        status = new byte[capacity];
        stpKey = new int[capacity];
        group = new String[capacity];
        cashAvailableFen = new long[capacity];
        cashReservedFen = new long[capacity];
        ordersHead = new int[capacity];
        ordersTail = new int[capacity];
    }

    public int count()
    {
        return count;
    }

    /** Adds the next participant (index = count). */
    public int add(final String participantId)
    {
        final int p = count++;
        id[p] = participantId;
        ordersHead[p] = OrderStore.NULL;
        ordersTail[p] = OrderStore.NULL;
        return p;
    }

    /**
     * Sets a participant's definition.
     *
     * @param groupName  its group (beneficial owner), null for none
     * @param groupIndex the group's index ({@code 0 <= groupIndex < capacity}), ignored without a group
     */
    public void define(
        final int p, final int roleMask, final byte qualificationGrade, final byte jurisdictionCode,
        final boolean taxpayer, final byte statusCode, final String groupName, final int groupIndex)
    {
        assert null == groupName || (groupIndex >= 0 && groupIndex < stpKey.length) : "group " + groupIndex;
        group[p] = groupName;
        stpKey[p] = null == groupName ? p : stpKey.length + groupIndex;
        roles[p] = roleMask;
        qualification[p] = qualificationGrade;
        jurisdiction[p] = jurisdictionCode;
        localTaxpayer[p] = taxpayer;
        status[p] = statusCode;
    }

    /**
     * Every participant's own fields, in index order (snapshots, the state hash). Each one's resting
     * orders are linked again by whoever restores the orders ({@link #linkOrder}), in entry order.
     */
    public void writeSnapshot(final SnapshotWriter out)
    {
        out.putVarLong(count);
        for (int p = 0; p < count; p++)
        {
            out.putAscii(id[p])
                .putVarInt(roles[p])
                .putByte(qualification[p])
                .putByte(jurisdiction[p])
                .putBoolean(localTaxpayer[p])
                .putByte(status[p])
                .putAscii(null == group[p] ? "" : group[p])
                .putVarInt(stpKey[p])
                .putSignedVarLong(cashAvailableFen[p])
                .putSignedVarLong(cashReservedFen[p]);
        }
    }

    /** Reads what {@link #writeSnapshot} wrote into an empty store. */
    public void readSnapshot(final SnapshotReader in)
    {
        if (count != 0)
        {
            throw new IllegalStateException("participants restored into a store that holds " + count);
        }
        final int n = in.getCount("participants", id.length);
        for (int i = 0; i < n; i++)
        {
            final int p = add(in.getAscii("participant id", io.databourse.journal.schema.AsciiFields.PARTICIPANT_ID_LENGTH));
            roles[p] = in.getVarInt("roles", 0, Integer.MAX_VALUE);
            qualification[p] = in.getByte();
            jurisdiction[p] = in.getByte();
            localTaxpayer[p] = in.getBoolean();
            status[p] = in.getByte();
            final String groupName = in.getAscii("group", io.databourse.journal.schema.AsciiFields.PARTICIPANT_ID_LENGTH);
            group[p] = groupName.isEmpty() ? null : groupName;
            stpKey[p] = in.getVarInt("self-trade key", 0, 2 * id.length - 1);
            if ((null == group[p]) != (stpKey[p] == p))
            {
                throw new io.databourse.matcher.snapshot.CorruptSnapshotException("participant " + id[p] +
                    "'s self-trade key " + stpKey[p] + " does not match its group " + group[p]);
            }
            cashAvailableFen[p] = in.getSignedVarLong();
            cashReservedFen[p] = in.getSignedVarLong();
        }
    }

    public String id(final int p)
    {
        return id[p];
    }

    public byte status(final int p)
    {
        return status[p];
    }

    public int roles(final int p)
    {
        return roles[p];
    }

    /**
     * Whom self-trade prevention treats as one: participants of one group (a beneficial owner)
     * share a key, anyone else has its own. Two orders never trade when their keys are equal.
     */
    public int stpKey(final int p)
    {
        return stpKey[p];
    }

    /** The participant's group (beneficial owner), null for none. */
    public String group(final int p)
    {
        return group[p];
    }

    public boolean localTaxpayer(final int p)
    {
        return localTaxpayer[p];
    }

    public boolean hasRole(final int p, final int role)
    {
        return (roles[p] & role) != 0;
    }

    public byte qualification(final int p)
    {
        return qualification[p];
    }

    public byte jurisdiction(final int p)
    {
        return jurisdiction[p];
    }

    public boolean isCrossBorder(final int p)
    {
        return jurisdiction[p] == Codes.Jurisdiction.CROSS_BORDER;
    }

    public boolean isAdmitted(final int p)
    {
        return status[p] == Codes.ParticipantStatus.ADMITTED;
    }

    public long cashAvailableFen(final int p)
    {
        return cashAvailableFen[p];
    }

    public long cashReservedFen(final int p)
    {
        return cashReservedFen[p];
    }

    public void credit(final int p, final long amountFen)
    {
        cashAvailableFen[p] += amountFen;
    }

    public void debit(final int p, final long amountFen)
    {
        cashAvailableFen[p] -= amountFen;
        assert amountFen >= 0 && cashAvailableFen[p] >= 0; // nobody pays out of cash it does not have
    }

    public void reserve(final int p, final long amountFen)
    {
        cashAvailableFen[p] -= amountFen;
        cashReservedFen[p] += amountFen;
        assert amountFen >= 0 && cashAvailableFen[p] >= 0; // the gates checked the funds
    }

    public void release(final int p, final long amountFen)
    {
        cashReservedFen[p] -= amountFen;
        cashAvailableFen[p] += amountFen;
        assert amountFen >= 0 && cashReservedFen[p] >= 0; // never more released than reserved
    }

    /** Takes from reserved cash without returning it to available (a buyer paying for a fill). */
    public void consumeReserved(final int p, final long amountFen)
    {
        cashReservedFen[p] -= amountFen;
    }

    // ---- the participant's resting orders, in entry order ----

    public int ordersHead(final int p)
    {
        return ordersHead[p];
    }

    public void linkOrder(final int p, final int order, final OrderStore orders)
    {
        final int last = ordersTail[p];
        orders.ownerPrev(order, last);
        orders.ownerNext(order, OrderStore.NULL);
        if (last == OrderStore.NULL)
        {
            ordersHead[p] = order;
        }
        else
        {
            orders.ownerNext(last, order);
        }
        ordersTail[p] = order;
    }

    public void unlinkOrder(final int p, final int order, final OrderStore orders)
    {
        final int prev = orders.ownerPrev(order);
        final int next = orders.ownerNext(order);
        if (prev == OrderStore.NULL)
        {
            ordersHead[p] = next;
        }
        else
        {
            orders.ownerNext(prev, next);
        }
        if (next == OrderStore.NULL)
        {
            ordersTail[p] = prev;
        }
        else
        {
            orders.ownerPrev(next, prev);
        }
        orders.ownerPrev(order, OrderStore.NULL);
        orders.ownerNext(order, OrderStore.NULL);
    }
}
