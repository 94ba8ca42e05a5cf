package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import org.agrona.collections.Long2LongHashMap;

/**
 * The ledger's part of a settlement checkpoint, in this order: account balances, issued units,
 * holdings, open buy reservations, deposits, withdrawals, posting sets, trades, trade value,
 * reconciliation mismatches. The order is the format: checkpoints written before the ledger was split
 * into its parts read back unchanged.
 */
final class LedgerCheckpoint
{
    private LedgerCheckpoint()
    {
    }

    static void write(
        final DataOutput out, final LedgerAccounts accounts, final UnitHoldings holdings,
        final BuyReservations reservations, final CashMovements cash, final TradeSettlement trades) throws IOException
    {
        accounts.writeBalances(out);
        holdings.write(out);
        reservations.write(out);
        out.writeLong(cash.depositsFen());
        out.writeLong(cash.withdrawalsFen());
        out.writeLong(accounts.postingSetCount());
        out.writeLong(trades.tradeCount());
        out.writeLong(trades.tradeValueFen());
        out.writeLong(cash.reconciliationMismatches());
    }

    static void read(
        final DataInput in, final LedgerAccounts accounts, final UnitHoldings holdings,
        final BuyReservations reservations, final CashMovements cash, final TradeSettlement trades) throws IOException
    {
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
        cash.restoreReconciliationMismatches(in.readLong());
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
