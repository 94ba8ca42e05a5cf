package io.databourse.settlement.subsidy;

/**
 * One participant-year of the subsidy, with why it got what it got: what it bought, what qualified
 * and what was excluded (self-trades, purchases from a linked participant, product kinds that do not
 * count, purchases flagged by surveillance), its support period ({@code -1} when it never qualified), what earlier years paid, and the
 * decision with a sentence explaining it.
 */
public record SubsidyRow(
    String participant,
    int year,
    long boughtFen,
    long qualifyingFen,
    long selfTradeFen,
    long linkedFen,
    long kindNotCountedFen,
    long flaggedFen,
    boolean localTaxpayer,
    boolean aboveThreshold,
    int periodFirstYear,
    int periodLastYear,
    long paidBeforeFen,
    long subsidyFen,
    Decision decision,
    String reason)
{
    /** Why a participant-year got its subsidy, or none. */
    public enum Decision
    {
        /** Rate x qualifying purchases, in full. */
        GRANTED,
        /** Rate x qualifying purchases, cut to what is left of the cap. */
        CAPPED,
        /** Not a local taxpayer. */
        NOT_LOCAL_TAXPAYER,
        /** Qualifying purchases do not exceed the threshold. */
        BELOW_THRESHOLD,
        /** Above the threshold, but after the support period that began with the first qualifying year. */
        PERIOD_ENDED,
        /** Above the threshold, in the period, but earlier years already paid the whole cap. */
        CAP_REACHED;

        /** The name written to subsidies.json. */
        public String jsonName()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
