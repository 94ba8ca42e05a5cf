package io.databourse.testsupport;

import io.databourse.journal.sbe.TradeEventEncoder;

import java.util.function.Consumer;

/**
 * What {@link JournalFixture}'s next events say over the rules it writes by, as a matcher deciding
 * otherwise would: settlement must post what the events say, or refuse them by name. Each one
 * applies once, to the next event of its kind, and is then cleared.
 */
final class FixtureDisagreements
{
    private Consumer<TradeEventEncoder> nextTradeEdit;
    private long nextGrantUnits;
    private long nextGrantExpiryNs;
    private long resaleGrantSurplus;

    void nextTradeSays(final Consumer<TradeEventEncoder> edit)
    {
        nextTradeEdit = edit;
    }

    void nextGrantSays(final long units, final long expiryNs)
    {
        nextGrantUnits = units;
        nextGrantExpiryNs = expiryNs;
    }

    void nextResaleGrantsMoreThanDrawn(final long units)
    {
        resaleGrantSurplus = units;
    }

    /** Writes the pending trade edit, if any, over the trade event. */
    void onTrade(final TradeEventEncoder trade)
    {
        if (null != nextTradeEdit)
        {
            nextTradeEdit.accept(trade);
            nextTradeEdit = null;
        }
    }

    /** The owner's grant as {units, expiry}: the terms' unless a grant was set. */
    long[] onOwnerGrant(final long termsUnits, final long termsExpiryNs)
    {
        final long[] grant = nextGrantUnits > 0 ? new long[] {nextGrantUnits, nextGrantExpiryNs} :
            new long[] {termsUnits, termsExpiryNs};
        nextGrantUnits = 0;
        return grant;
    }

    /** Units a resale's grant hands on beyond what it drew: the pending surplus once, then 0. */
    long onResaleGrant()
    {
        final long surplus = resaleGrantSurplus;
        resaleGrantSurplus = 0;
        return surplus;
    }
}
