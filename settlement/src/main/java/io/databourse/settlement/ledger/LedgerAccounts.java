package io.databourse.settlement.ledger;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.settlement.ref.ReferenceData;

/**
 * The ledger's cash accounts and the posting set, its only way to move cash: legs (debit one
 * account, credit another, same amount) gathered by {@link #begin}/{@link #leg} and applied by
 * {@link #commit} all or none. Accounts are liabilities of the exchange, indexed densely (see
 * {@link Ledger}); only EXTERNAL may go below zero, and ESCROW is zero between sets.
 */
final class LedgerAccounts
{
    static final int EXTERNAL = 0;
    static final int FEES = 1;
    static final int ESCROW = 2;
    static final int PARTICIPANT_BASE = 3;
    private static final int LEGS_MAX = 8;

    private final ReferenceData ref;
    private final long[] balancesFen;

    private final int[] legDebit = new int[LEGS_MAX];
    private final int[] legCredit = new int[LEGS_MAX];
    private final long[] legAmountFen = new long[LEGS_MAX];
    private int legCount;

    private long postingSetCount;
    /** Legs committed by this object (not checkpointed: a throughput figure for this run only). */
    private long legsPostedThisRun;

    LedgerAccounts(final ReferenceData ref)
    {
        this.ref = ref;
        this.balancesFen = new long[PARTICIPANT_BASE + 2 * ref.participantsMax()];
    }

    static int availableAccount(final int participant)
    {
        return PARTICIPANT_BASE + 2 * participant;
    }

    static int reservedAccount(final int participant)
    {
        return PARTICIPANT_BASE + 2 * participant + 1;
    }

    static boolean isReservedAccount(final int account)
    {
        return account >= PARTICIPANT_BASE && (account - PARTICIPANT_BASE) % 2 == 1;
    }

    // ---- posting sets ----

    void begin()
    {
        legCount = 0;
    }

    void leg(final int debitAccount, final int creditAccount, final long amountFen)
    {
        if (amountFen < 0)
        {
            throw new LedgerException("negative leg amount " + amountFen);
        }
        if (0 == amountFen)
        {
            return;
        }
        assert legCount < LEGS_MAX : "more than " + LEGS_MAX + " legs in a posting set";
        assert debitAccount != creditAccount : "a leg from account " + debitAccount + " to itself";
        legDebit[legCount] = debitAccount;
        legCredit[legCount] = creditAccount;
        legAmountFen[legCount] = amountFen;
        legCount++;
    }

    /** Applies all legs or none: a leg that would leave an account below zero rolls the set back. */
    void commit()
    {
        int applied = 0;
        try
        {
            for (; applied < legCount; applied++)
            {
                final int debit = legDebit[applied];
                final int credit = legCredit[applied];
                final long amountFen = legAmountFen[applied];
                final long debitAfter = Math.subtractExact(balancesFen[debit], amountFen);
                final long creditAfter = Math.addExact(balancesFen[credit], amountFen);
                if (debitAfter < 0 && EXTERNAL != debit)
                {
                    throw new LedgerException("posting would overdraw account " + accountName(debit) + " by " +
                        (-debitAfter) + " fen");
                }
                balancesFen[debit] = debitAfter;
                balancesFen[credit] = creditAfter;
            }
        }
        catch (final ArithmeticException | LedgerException ex)
        {
            for (int i = applied - 1; i >= 0; i--)
            {
                balancesFen[legDebit[i]] += legAmountFen[i];
                balancesFen[legCredit[i]] -= legAmountFen[i];
            }
            throw ex instanceof LedgerException ? (LedgerException)ex : new LedgerException(ex.toString());
        }
        if (0 != balancesFen[ESCROW])
        {
            throw new LedgerException("escrow not zero after a posting set: " + balancesFen[ESCROW]);
        }
        postingSetCount++;
        legsPostedThisRun += legCount;
    }

    // ---- queries ----

    String accountName(final int account)
    {
        switch (account)
        {
            case EXTERNAL: return "exchange.external";
            case FEES: return "exchange.fees";
            case ESCROW: return "exchange.escrow";
            default:
                final int p = (account - PARTICIPANT_BASE) / 2;
                return ref.participantId(p) + ((account - PARTICIPANT_BASE) % 2 == 0 ? ".available" : ".reserved");
        }
    }

    long balanceFen(final int account)
    {
        return balancesFen[account];
    }

    long available(final int participant)
    {
        return balancesFen[availableAccount(participant)];
    }

    long reserved(final int participant)
    {
        return balancesFen[reservedAccount(participant)];
    }

    long postingSetCount()
    {
        return postingSetCount;
    }

    long legsPostedThisRun()
    {
        return legsPostedThisRun;
    }

    /**
     * Throws {@link LedgerException} when a balance is broken: an account other than EXTERNAL below
     * zero, accounts not summing to zero, escrow not zero, or EXTERNAL not mirroring the net deposits.
     *
     * @return the cash reserved over all participants, for the caller to pair with the open orders.
     */
    long checkBalances(final long netDepositsFen)
    {
        long sumFen = 0;
        long sumReservedFen = 0;
        for (int a = 0; a < balancesFen.length; a++)
        {
            if (a != EXTERNAL && balancesFen[a] < 0)
            {
                throw new LedgerException("negative balance on " + accountName(a) + ": " + balancesFen[a]);
            }
            sumFen = Math.addExact(sumFen, balancesFen[a]);
            if (isReservedAccount(a))
            {
                sumReservedFen += balancesFen[a];
            }
        }
        if (0 != sumFen)
        {
            throw new LedgerException("accounts do not sum to zero: " + sumFen);
        }
        if (0 != balancesFen[ESCROW])
        {
            throw new LedgerException("escrow not zero: " + balancesFen[ESCROW]);
        }
        if (-balancesFen[EXTERNAL] != netDepositsFen)
        {
            throw new LedgerException("balances " + (-balancesFen[EXTERNAL]) + " != deposits - withdrawals " +
                netDepositsFen);
        }
        return sumReservedFen;
    }

    // ---- checkpoint: the balances of the accounts in use (the posting set count goes later) ----

    void writeBalances(final DataOutput out) throws IOException
    {
        final int accounts = PARTICIPANT_BASE + 2 * ref.participantCount();
        out.writeInt(accounts);
        for (int a = 0; a < accounts; a++)
        {
            out.writeLong(balancesFen[a]);
        }
    }

    void readBalances(final DataInput in) throws IOException
    {
        final int accounts = in.readInt();
        if (accounts < PARTICIPANT_BASE || accounts > balancesFen.length)
        {
            throw new IOException("snapshot holds " + accounts + " accounts, limit " + balancesFen.length);
        }
        java.util.Arrays.fill(balancesFen, 0);
        for (int a = 0; a < accounts; a++)
        {
            balancesFen[a] = in.readLong();
        }
    }

    void restorePostingSetCount(final long count)
    {
        postingSetCount = count;
    }
}
