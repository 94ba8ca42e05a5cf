package io.databourse.settlement.subsidy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import io.databourse.settlement.ref.Format;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The subsidy's books: per participant and calendar year, what it bought, split into the purchases
 * that qualify and those excluded (and why); and the decision per participant-year, a pure function
 * of those amounts and the {@link SubsidyRules}. Every purchase lands in exactly one bucket, so
 * {@code bought = qualifying + self-trades + linked + other kinds + flagged} for every row. A
 * qualifying purchase that surveillance flags later moves to the flagged bucket.
 */
public final class SubsidyBook
{
    /** Amount buckets of a participant-year. */
    static final int QUALIFYING = 0;
    static final int SELF_TRADE = 1;
    static final int LINKED = 2;
    static final int KIND_NOT_COUNTED = 3;
    /** Qualified when booked, then named by a surveillance alert that implicates the buyer. */
    static final int FLAGGED = 4;
    static final int BUCKETS = 5;
    static final int YEAR_MAX = 0xFFFF;

    private final SubsidyRules rules;
    /** (participant << 16 | year) -> amounts in fen by bucket. */
    private final Long2ObjectHashMap<long[]> amounts = new Long2ObjectHashMap<>();

    public SubsidyBook(final SubsidyRules rules)
    {
        this.rules = rules;
    }

    public SubsidyRules rules()
    {
        return rules;
    }

    /**
     * Books one buy fill of {@code valueFen} (price x qty, fees excluded). Groups are the buyer's and
     * seller's beneficial owners as the journal knew them at the trade (null: none): participants of
     * one group are linked, and their purchases from each other never qualify. Returns the bucket.
     */
    public int purchase(
        final int buyer, final int seller, final String buyerGroup, final String sellerGroup, final byte kind,
        final int year, final long valueFen)
    {
        assert valueFen >= 0 : "negative trade value " + valueFen;
        if (year < 0 || year > YEAR_MAX)
        {
            throw new IllegalStateException("year " + year + " outside 0.." + YEAR_MAX);
        }
        final int bucket;
        if (buyer == seller)
        {
            bucket = SELF_TRADE;
        }
        else if (null != buyerGroup && !buyerGroup.isEmpty() && buyerGroup.equals(sellerGroup))
        {
            bucket = LINKED;
        }
        else if (!rules.counts(kind))
        {
            bucket = KIND_NOT_COUNTED;
        }
        else
        {
            bucket = QUALIFYING;
        }
        final long key = ((long)buyer << 16) | year;
        long[] a = amounts.get(key);
        if (null == a)
        {
            a = new long[BUCKETS]; // once per participant-year
            amounts.put(key, a);
        }
        a[bucket] = Math.addExact(a[bucket], valueFen);
        return bucket;
    }

    /**
     * A qualifying purchase surveillance flagged: its value leaves the qualifying amount of the
     * buyer's year for the flagged one. The subsidy is decided from the amounts when reported, so
     * a flag raised after the trade (the second leg of a round trip) counts all the same.
     */
    public void flag(final int buyer, final int year, final long valueFen)
    {
        final long[] a = amounts.get(((long)buyer << 16) | year);
        if (null == a || a[QUALIFYING] < valueFen)
        {
            throw new IllegalStateException("flagged purchase of " + valueFen + " fen by participant " + buyer +
                " in " + year + " was never booked as qualifying");
        }
        a[QUALIFYING] -= valueFen;
        a[FLAGGED] = Math.addExact(a[FLAGGED], valueFen);
    }

    /** Amount of one bucket (tests). */
    long amountFen(final int participant, final int year, final int bucket)
    {
        final long[] a = amounts.get(((long)participant << 16) | year);
        return null == a ? 0 : a[bucket];
    }

    /**
     * One row per participant (index order) and year (ascending) in which it bought anything, with
     * the subsidy decided and explained. {@code localTaxpayer} is the participant's flag as of the end
     * of the journal applied.
     */
    public List<SubsidyRow> rows(final IntFunction<String> participantIds, final IntPredicate localTaxpayer)
    {
        final long[] keys = sortedKeys();
        final List<SubsidyRow> rows = new ArrayList<>(keys.length);
        int from = 0;
        while (from < keys.length)
        {
            final int p = (int)(keys[from] >>> 16);
            int to = from;
            while (to < keys.length && (int)(keys[to] >>> 16) == p)
            {
                to++;
            }
            decideParticipant(p, keys, from, to, participantIds.apply(p), localTaxpayer.test(p), rows);
            from = to;
        }
        return rows;
    }

    private void decideParticipant(
        final int p, final long[] keys, final int from, final int to, final String id, final boolean local,
        final List<SubsidyRow> rows)
    {
        // The support period starts with the first year that qualifies (local taxpayer, above threshold).
        int firstYear = -1;
        for (int k = from; k < to && local; k++)
        {
            if (amounts.get(keys[k])[QUALIFYING] > rules.thresholdFen())
            {
                firstYear = (int)(keys[k] & YEAR_MAX);
                break;
            }
        }
        final int lastYear = firstYear < 0 ? -1 : firstYear + rules.supportYears() - 1;
        long paidFen = 0;
        for (int k = from; k < to; k++)
        {
            final int year = (int)(keys[k] & YEAR_MAX);
            final long[] a = amounts.get(keys[k]);
            final long qualifyingFen = a[QUALIFYING];
            final boolean above = qualifyingFen > rules.thresholdFen();
            final long earnedFen = rules.earnedFen(qualifyingFen);
            final long capLeftFen = Math.max(0, rules.capFen() - paidFen);
            final SubsidyRow.Decision decision;
            final long subsidyFen;
            if (!local)
            {
                decision = SubsidyRow.Decision.NOT_LOCAL_TAXPAYER;
                subsidyFen = 0;
            }
            else if (!above)
            {
                decision = SubsidyRow.Decision.BELOW_THRESHOLD;
                subsidyFen = 0;
            }
            else if (year > lastYear)
            {
                decision = SubsidyRow.Decision.PERIOD_ENDED;
                subsidyFen = 0;
            }
            else if (0 == capLeftFen)
            {
                decision = SubsidyRow.Decision.CAP_REACHED;
                subsidyFen = 0;
            }
            else if (earnedFen > capLeftFen)
            {
                decision = SubsidyRow.Decision.CAPPED;
                subsidyFen = capLeftFen;
            }
            else
            {
                decision = SubsidyRow.Decision.GRANTED;
                subsidyFen = earnedFen;
            }
            assert year >= firstYear || !above || !local : "a qualifying year before the first qualifying year";
            assert subsidyFen >= 0 && subsidyFen <= capLeftFen && subsidyFen <= earnedFen;
            final long boughtFen = Math.addExact(Math.addExact(Math.addExact(a[QUALIFYING], a[SELF_TRADE]),
                Math.addExact(a[LINKED], a[KIND_NOT_COUNTED])), a[FLAGGED]);
            rows.add(new SubsidyRow(id, year, boughtFen, qualifyingFen, a[SELF_TRADE], a[LINKED], a[KIND_NOT_COUNTED],
                a[FLAGGED], local, above, firstYear, lastYear, paidFen, subsidyFen, decision,
                reason(decision, year, qualifyingFen, earnedFen, capLeftFen, firstYear, lastYear)));
            paidFen = Math.addExact(paidFen, subsidyFen);
        }
        assert paidFen <= rules.capFen() : "subsidies of " + id + " exceed the cap";
    }

    private String reason(
        final SubsidyRow.Decision decision, final int year, final long qualifyingFen, final long earnedFen,
        final long capLeftFen, final int firstYear, final int lastYear)
    {
        final String threshold = Format.yuan(rules.thresholdFen());
        final String share = rules.rate() + " x " + Format.yuan(qualifyingFen) + " = " + Format.yuan(earnedFen);
        final String period = firstYear == lastYear ? Integer.toString(firstYear) : firstYear + "-" + lastYear;
        switch (decision)
        {
            case NOT_LOCAL_TAXPAYER:
                return "not a local taxpayer";
            case BELOW_THRESHOLD:
                return "qualifying purchases " + Format.yuan(qualifyingFen) + " do not exceed " + threshold;
            case PERIOD_ENDED:
                return "support lasts " + rules.supportYears() + " year(s) from the first qualifying year " +
                    firstYear + ": period " + period + " ended before " + year;
            case CAP_REACHED:
                return "the cap of " + Format.yuan(rules.capFen()) + " was paid out in earlier years";
            case CAPPED:
                return share + ", capped at the " + Format.yuan(capLeftFen) + " left of the " +
                    Format.yuan(rules.capFen()) + " cap";
            case GRANTED:
                return share + " (above " + threshold + ", support period " + period + ")";
            default:
                throw new IllegalStateException(decision.name());
        }
    }

    private long[] sortedKeys()
    {
        final long[] keys = new long[amounts.size()];
        final Long2ObjectHashMap<long[]>.KeyIterator it = amounts.keySet().iterator();
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = it.nextLong();
        }
        Arrays.sort(keys); // participant, then year: hash order never reaches the output
        return keys;
    }

    public void checkInvariants()
    {
        amounts.forEach((key, a) ->
        {
            for (final long fen : a)
            {
                if (fen < 0)
                {
                    throw new IllegalStateException("negative purchases booked for key " + key);
                }
            }
        });
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        final long[] keys = sortedKeys();
        out.writeInt(keys.length);
        for (final long key : keys)
        {
            out.writeLong(key);
            for (final long fen : amounts.get(key))
            {
                out.writeLong(fen);
            }
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        amounts.clear();
        final int n = in.readInt();
        if (n < 0)
        {
            throw new IOException("corrupt subsidy snapshot: " + n + " entries");
        }
        for (int i = 0; i < n; i++)
        {
            final long key = in.readLong();
            final long[] a = new long[BUCKETS];
            for (int b = 0; b < BUCKETS; b++)
            {
                a[b] = in.readLong();
            }
            amounts.put(key, a);
        }
    }
}
