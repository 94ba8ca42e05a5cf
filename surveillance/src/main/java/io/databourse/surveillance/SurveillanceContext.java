package io.databourse.surveillance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.databourse.journal.schema.RejectReason;

/**
 * Configuration of the surveillance stage, Aeron style: set what you need, {@link #conclude()}
 * fills the rest from system properties ({@link SurveillanceSetting#propertyName()}) or defaults
 * and checks every range. Refused values are named, never clamped.
 */
public final class SurveillanceContext
{
    /**
     * Comma-separated {@link RejectReason} names whose repetition is worth a look: probing the gates on
     * regulated data (core data, cross-border transfers and their quotas, uses a product was not
     * licensed for).
     */
    public static final String REFUSAL_REASONS_PROP_NAME = SurveillanceSetting.PREFIX + "refusal.reasons";
    public static final Set<RejectReason> REFUSAL_REASONS_DEFAULT = Collections.unmodifiableSet(EnumSet.of(
        RejectReason.CORE_DATA_NOT_TRADABLE, RejectReason.CROSS_BORDER_NOT_ALLOWED,
        RejectReason.CROSS_BORDER_APPROVAL_REQUIRED, RejectReason.PURPOSE_NOT_ALLOWED, RejectReason.PURPOSE_MISMATCH));

    private static final SurveillanceSetting[] SETTINGS = SurveillanceSetting.values();

    private final long[] values = new long[SETTINGS.length];
    private final boolean[] set = new boolean[SETTINGS.length];
    private Set<RejectReason> refusalReasons;
    private boolean concluded;

    public SurveillanceContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        concluded = true;
        final List<String> errors = new ArrayList<>();
        for (final SurveillanceSetting s : SETTINGS)
        {
            if (!set[s.ordinal()])
            {
                final String property = System.getProperty(s.propertyName());
                if (null == property)
                {
                    values[s.ordinal()] = s.defaultValue();
                }
                else
                {
                    try
                    {
                        values[s.ordinal()] = Long.parseLong(property.trim());
                    }
                    catch (final NumberFormatException ex)
                    {
                        errors.add(s.propertyName() + "=" + property + " is not a whole number");
                        continue;
                    }
                }
            }
            final long v = values[s.ordinal()];
            if (v < s.min() || v > s.max())
            {
                errors.add(s.propertyName() + "=" + v + " is outside " + s.min() + ".." + s.max());
            }
        }
        for (final SurveillanceSetting s : new SurveillanceSetting[]{
            SurveillanceSetting.RECENT_TRADES_MAX, SurveillanceSetting.RECENT_ORDERS_MAX})
        {
            if (Long.bitCount(values[s.ordinal()]) != 1)
            {
                errors.add(s.propertyName() + "=" + values[s.ordinal()] + " is not a power of two");
            }
        }
        if (null == refusalReasons)
        {
            final String names = System.getProperty(REFUSAL_REASONS_PROP_NAME);
            refusalReasons = null == names ? REFUSAL_REASONS_DEFAULT : parseReasons(names, errors);
        }
        if (!errors.isEmpty())
        {
            throw new IllegalArgumentException("surveillance settings refused: " + String.join("; ", errors));
        }
        return this;
    }

    private static Set<RejectReason> parseReasons(final String names, final List<String> errors)
    {
        final Set<RejectReason> reasons = EnumSet.noneOf(RejectReason.class);
        for (final String raw : names.split(","))
        {
            final String name = raw.trim();
            if (name.isEmpty())
            {
                continue;
            }
            try
            {
                reasons.add(RejectReason.valueOf(name));
            }
            catch (final IllegalArgumentException ex)
            {
                errors.add(REFUSAL_REASONS_PROP_NAME + ": no reject reason named " + name);
            }
        }
        return Collections.unmodifiableSet(reasons);
    }

    /** Sets one setting before {@link #conclude()}; the range is checked there. */
    public SurveillanceContext set(final SurveillanceSetting setting, final long value)
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
        values[setting.ordinal()] = value;
        set[setting.ordinal()] = true;
        return this;
    }

    public long get(final SurveillanceSetting setting)
    {
        assert concluded : "read a setting before conclude()";
        return values[setting.ordinal()];
    }

    /** A millisecond setting in nanoseconds, the unit of the journal's stamps. */
    public long nanos(final SurveillanceSetting setting)
    {
        assert setting.name().endsWith("_MS") : setting + " is not in milliseconds";
        return Math.multiplyExact(get(setting), 1_000_000L);
    }

    public int intValue(final SurveillanceSetting setting)
    {
        return Math.toIntExact(get(setting));
    }

    public Set<RejectReason> refusalReasons()
    {
        return refusalReasons;
    }

    public SurveillanceContext refusalReasons(final Set<RejectReason> refusalReasons)
    {
        final Set<RejectReason> copy = EnumSet.noneOf(RejectReason.class);
        copy.addAll(refusalReasons);
        this.refusalReasons = Collections.unmodifiableSet(copy);
        return this;
    }

    public boolean isConcluded()
    {
        return concluded;
    }
}
