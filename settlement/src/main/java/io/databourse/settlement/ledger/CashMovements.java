package io.databourse.settlement.ledger;

import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.ref.ReferenceData;

import static io.databourse.settlement.ledger.LedgerAccounts.EXTERNAL;
import static io.databourse.settlement.ledger.LedgerAccounts.availableAccount;

/**
 * Deposits (EXTERNAL to the participant's available cash) and withdrawals (back), each one posting
 * set, with their running totals. The balances the matcher reports on the cash event are paired with
 * the ledger's before the set commits: a difference is an invariant broken, so the stage fails and
 * the event posts nothing.
 */
final class CashMovements
{
    private final ReferenceData ref;
    private final LedgerAccounts accounts;
    private final Ledger.MovementListener listener;

    private long depositsFen;
    private long withdrawalsFen;

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
        final boolean deposit = MessageType.CASH_DEPOSITED == type;
        checkReportedBalances(seq, p, deposit, amountFen, cashEvent.availableFen(), cashEvent.reservedFen());
        accounts.begin();
        if (deposit)
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
        assert accounts.available(p) == cashEvent.availableFen() && accounts.reserved(p) == cashEvent.reservedFen();
        listener.onCash(seq, timeNs, p, type, amountFen, accounts.available(p), accounts.reserved(p));
    }

    /**
     * The matcher's balances after the event must be the ledger's after its posting: checked before
     * the set commits, so a refused event changes nothing. A cash movement touches available cash only.
     */
    private void checkReportedBalances(
        final long seq, final int p, final boolean deposit, final long amountFen,
        final long matcherAvailableFen, final long matcherReservedFen)
    {
        final long availableFen = accounts.available(p);
        final long availableAfterFen;
        try
        {
            availableAfterFen = deposit ?
                Math.addExact(availableFen, amountFen) : Math.subtractExact(availableFen, amountFen);
        }
        catch (final ArithmeticException ex)
        {
            throw new LedgerException("cash movement of " + amountFen + " fen at seq " + seq + " overflows " +
                accounts.accountName(availableAccount(p)));
        }
        final long reservedFen = accounts.reserved(p);
        if (matcherAvailableFen != availableAfterFen || matcherReservedFen != reservedFen)
        {
            throw new LedgerException("cash " + (deposit ? "deposit" : "withdrawal") + " of " + amountFen +
                " fen for " + ref.participantId(p) + " at seq " + seq + ": the matcher reports available " +
                matcherAvailableFen + " fen, reserved " + matcherReservedFen +
                " fen; the ledger's posting would leave available " + availableAfterFen + " fen, reserved " +
                reservedFen + " fen");
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

    void restoreTotals(final long depositsFen, final long withdrawalsFen)
    {
        this.depositsFen = depositsFen;
        this.withdrawalsFen = withdrawalsFen;
    }
}
