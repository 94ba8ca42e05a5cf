package io.databourse.settlement.ledger;

import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.ref.ReferenceData;

import static io.databourse.settlement.ledger.LedgerAccounts.EXTERNAL;
import static io.databourse.settlement.ledger.LedgerAccounts.availableAccount;

/**
 * Deposits (EXTERNAL to the participant's available cash) and withdrawals (back), each one posting
 * set, with their running totals; and the reconciliation of the balances the matcher reports on the
 * cash event with the ledger's own (counted, not fatal).
 */
final class CashMovements
{
    private final ReferenceData ref;
    private final LedgerAccounts accounts;
    private final Ledger.MovementListener listener;

    private long depositsFen;
    private long withdrawalsFen;
    /** Times the matcher's reported balances differed from ours (reconciliation, not fatal). */
    private long reconciliationMismatches;

    CashMovements(final ReferenceData ref, final LedgerAccounts accounts, final Ledger.MovementListener listener)
    {
        this.ref = ref;
        this.accounts = accounts;
        this.listener = listener;
    }

    void onCash(final long seq, final long timeNs, final int type, final CashEventDecoder cashEvent)
    {
        final int p = ref.checkParticipant(cashEvent.participant());
        final long amountFen = cashEvent.amountFen();
        if (amountFen <= 0)
        {
            throw new LedgerException("cash amount must be positive at seq " + seq + ": " + amountFen);
        }
        accounts.begin();
        if (MessageType.CASH_DEPOSITED == type)
        {
            accounts.leg(EXTERNAL, availableAccount(p), amountFen);
            accounts.commit();
            depositsFen = Math.addExact(depositsFen, amountFen);
        }
        else
        {
            accounts.leg(availableAccount(p), EXTERNAL, amountFen);
            accounts.commit();
            withdrawalsFen = Math.addExact(withdrawalsFen, amountFen);
        }
        reconcile(p, cashEvent.availableFen(), cashEvent.reservedFen());
        listener.onCash(seq, timeNs, p, type, amountFen, accounts.available(p), accounts.reserved(p));
    }

    private void reconcile(final int p, final long matcherAvailableFen, final long matcherReservedFen)
    {
        if (matcherAvailableFen != accounts.available(p) || matcherReservedFen != accounts.reserved(p))
        {
            reconciliationMismatches++;
        }
    }

    long depositsFen()
    {
        return depositsFen;
    }

    long withdrawalsFen()
    {
        return withdrawalsFen;
    }

    long reconciliationMismatches()
    {
        return reconciliationMismatches;
    }

    void restoreTotals(final long depositsFen, final long withdrawalsFen)
    {
        this.depositsFen = depositsFen;
        this.withdrawalsFen = withdrawalsFen;
    }

    void restoreReconciliationMismatches(final long count)
    {
        reconciliationMismatches = count;
    }
}
