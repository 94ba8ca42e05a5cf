package io.databourse.settlement.subsidy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.Format;

/**
 * The purchase-subsidy policy (seed item 7) as settings: a local taxpayer whose qualifying purchases
 * in a calendar year exceed {@code threshold} earns {@code rateBps} of them, for {@code supportYears}
 * calendar years from its first qualifying year, at most {@code cap} in all. Only purchases of the
 * counted product kinds qualify. Immutable; defaults are the seed's (¥5,000,000, 1 %, ¥1,000,000,
 * one year, data + algorithm + compute), each overridable by a system property.
 */
public final class SubsidyRules
{
    public static final String THRESHOLD_PROP_NAME = "databourse.settlement.subsidy.threshold";
    public static final String RATE_BPS_PROP_NAME = "databourse.settlement.subsidy.rate.bps";
    public static final String CAP_PROP_NAME = "databourse.settlement.subsidy.cap";
    public static final String YEARS_PROP_NAME = "databourse.settlement.subsidy.years";
    public static final String KINDS_PROP_NAME = "databourse.settlement.subsidy.kinds";

    /** "exceed": strictly more than ¥5,000,000. */
    public static final long THRESHOLD_FEN_DEFAULT = 500_000_000L;
    public static final int RATE_BPS_DEFAULT = 100;
    public static final long CAP_FEN_DEFAULT = 100_000_000L;
    public static final int SUPPORT_YEARS_DEFAULT = 1;
    public static final String KINDS_DEFAULT = "data,algorithm,compute";

    private final long thresholdFen;
    private final int rateBps;
    private final long capFen;
    private final int supportYears;
    private final boolean[] countedKinds;

    public SubsidyRules(
        final long thresholdFen, final int rateBps, final long capFen, final int supportYears,
        final boolean[] countedKinds)
    {
        if (thresholdFen < 0 || capFen < 0)
        {
            throw new IllegalArgumentException("subsidy threshold and cap must not be negative");
        }
        if (rateBps < 0 || rateBps > 10_000)
        {
            throw new IllegalArgumentException("subsidy rate must be 0..10000 bps: " + rateBps);
        }
        if (supportYears < 1 || supportYears > 100)
        {
            throw new IllegalArgumentException("subsidy support years must be 1..100: " + supportYears);
        }
        if (countedKinds.length != Codes.ProductKind.NAMES.length)
        {
            throw new IllegalArgumentException("one flag per product kind expected");
        }
        this.thresholdFen = thresholdFen;
        this.rateBps = rateBps;
        this.capFen = capFen;
        this.supportYears = supportYears;
        this.countedKinds = countedKinds.clone();
    }

    /** The seed's rules. */
    public static SubsidyRules defaults()
    {
        return new SubsidyRules(THRESHOLD_FEN_DEFAULT, RATE_BPS_DEFAULT, CAP_FEN_DEFAULT, SUPPORT_YEARS_DEFAULT,
            kinds(KINDS_DEFAULT));
    }

    /** The defaults, each replaced by its system property when set; a bad value is refused by name. */
    public static SubsidyRules fromSystemProperties()
    {
        return new SubsidyRules(
            yuanProperty(THRESHOLD_PROP_NAME, THRESHOLD_FEN_DEFAULT),
            intProperty(RATE_BPS_PROP_NAME, RATE_BPS_DEFAULT),
            yuanProperty(CAP_PROP_NAME, CAP_FEN_DEFAULT),
            intProperty(YEARS_PROP_NAME, SUPPORT_YEARS_DEFAULT),
            kinds(System.getProperty(KINDS_PROP_NAME, KINDS_DEFAULT)));
    }

    /** Parses a comma-separated list of product kind names ({@code data,algorithm,compute}). */
    public static boolean[] kinds(final String list)
    {
        final boolean[] counted = new boolean[Codes.ProductKind.NAMES.length];
        for (final String name : list.split(","))
        {
            final String kind = name.trim();
            if (kind.isEmpty())
            {
                continue;
            }
            final int code = Codes.codeOf(Codes.ProductKind.NAMES, kind);
            if (code < 0)
            {
                throw new IllegalArgumentException("unknown product kind in " + KINDS_PROP_NAME + ": '" + kind +
                    "' (known: " + String.join(", ", Codes.ProductKind.NAMES) + ")");
            }
            counted[code] = true;
        }
        return counted;
    }

    private static long yuanProperty(final String name, final long dfltFen)
    {
        final String value = System.getProperty(name);
        if (null == value)
        {
            return dfltFen;
        }
        try
        {
            final BigDecimal yuan = new BigDecimal(value.trim());
            if (yuan.scale() > 2)
            {
                throw new NumberFormatException("more than two decimals");
            }
            return yuan.movePointRight(2).longValueExact();
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw new IllegalArgumentException(name + " is not a yuan amount: '" + value + "'", ex);
        }
    }

    private static int intProperty(final String name, final int dflt)
    {
        final String value = System.getProperty(name);
        if (null == value)
        {
            return dflt;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " is not an integer: '" + value + "'", ex);
        }
    }

    public long thresholdFen()
    {
        return thresholdFen;
    }

    public int rateBps()
    {
        return rateBps;
    }

    public long capFen()
    {
        return capFen;
    }

    public int supportYears()
    {
        return supportYears;
    }

    /** Whether purchases of this product kind qualify. */
    public boolean counts(final byte kind)
    {
        return kind >= 0 && kind < countedKinds.length && countedKinds[kind];
    }

    /** Names of the counted kinds, in code order. */
    public List<String> countedKindNames()
    {
        final List<String> names = new ArrayList<>();
        for (int k = 0; k < countedKinds.length; k++)
        {
            if (countedKinds[k])
            {
                names.add(Codes.ProductKind.NAMES[k]);
            }
        }
        return names;
    }

    /** Rate x purchases, floored to the fen, without overflow for any purchase amount. */
    public long earnedFen(final long purchasesFen)
    {
        return Math.addExact(Math.multiplyExact(purchasesFen / 10_000, rateBps), (purchasesFen % 10_000) * rateBps / 10_000);
    }

    /** The rate as a fraction with four decimals ("0.0100"). */
    public String rate()
    {
        return Format.bpsFraction(rateBps);
    }

    @Override
    public String toString()
    {
        return "subsidy " + rate() + " of purchases above " + Format.yuan(thresholdFen) + " a year, cap " +
            Format.yuan(capFen) + ", " + supportYears + " year(s) from the first qualifying year, kinds " +
            countedKindNames();
    }
}
