package io.databourse.settlement.entitlement;

/**
 * An entitlement event the book refuses to post: it disagrees with the units the book holds or with
 * the draws that make it up. Settling past it would let a right be used twice, or not at all.
 */
public final class EntitlementException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public EntitlementException(final String message)
    {
        super(message);
    }
}
