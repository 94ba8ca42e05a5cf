package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * The ledger's part of a settlement checkpoint, in this order: the format marker, account balances,
 * issued units, holdings, open buy reservations, deposits, withdrawals, posting sets, trades, trade
 * value. A checkpoint of another format is refused by name (the one before had no marker and ended
 * with a count of cash reconciliation mismatches, which now fail the stage instead).
 */
final class LedgerCheckpoint
{
    static final int SNAPSHOT_FORMAT = 0x4C444732; // "LDG2": a cash event the matcher reports otherwise fails the stage

    private LedgerCheckpoint()
    {
    }

    static void write(
        final DataOutput out, final LedgerAccounts accounts, final UnitHoldings holdings,
        final BuyReservations reservations, final CashMovements cash, final TradeSettlement trades) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        accounts.writeBalances(out);
        holdings.write(out);
        reservations.write(out);
        out.writeLong(cash.depositsFen());
        out.writeLong(cash.withdrawalsFen());
        out.writeLong(accounts.postingSetCount());
        out.writeLong(trades.tradeCount());
        out.writeLong(trades.tradeValueFen());
    }

    static void read(
        final DataInput in, final LedgerAccounts accounts, final UnitHoldings holdings,
        final BuyReservations reservations, final CashMovements cash, final TradeSettlement trades) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            // The format before this one had no marker: it began with the number of accounts.
            throw new IOException("ledger checkpoint of another format (0x" + Integer.toHexString(format) +
                "), written before a cash event the matcher reported otherwise failed the stage: " +
                "settle the journal again into a fresh state directory");
        }
        accounts.readBalances(in);
        holdings.read(in);
        reservations.read(in);
        final long depositsFen = in.readLong();
        final long withdrawalsFen = in.readLong();
        cash.restoreTotals(depositsFen, withdrawalsFen);
        accounts.restorePostingSetCount(in.readLong());
        final long tradeCount = in.readLong();
        final long tradeValueFen = in.readLong();
        trades.restore(tradeCount, tradeValueFen);
    }

    static void writeMap(final DataOutput out, final Long2LongHashMap map) throws IOException
    {
        out.writeInt(map.size());
        final Long2LongHashMap.EntryIterator it = map.entrySet().iterator();
        while (it.hasNext())
        {
            it.next();
            out.writeLong(it.getLongKey());
            out.writeLong(it.getLongValue());
        }
    }

    static void readMap(final DataInput in, final Long2LongHashMap map) throws IOException
    {
        map.clear();
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("negative map size");
        }
        for (int i = 0; i < n; i++)
        {
            final long key = in.readLong();
            map.put(key, in.readLong());
        }
    }
}
