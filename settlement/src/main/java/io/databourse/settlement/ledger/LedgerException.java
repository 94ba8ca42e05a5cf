package io.databourse.settlement.ledger;

/** A posting or invariant the ledger refuses: settling past it would make the books wrong. */
public final class LedgerException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public LedgerException(final String message)
    {
        super(message);
    }
}
