package io.databourse.surveillance.alert;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which alerts a reader wants: types (empty: all), a participant and a product they must name
 * (null: any), a stamped-time range (inclusive) and paging ({@code afterId}, {@code limit}).
 */
public record AlertFilter(
    Set<AlertType> types, String participant, String product, long fromTimeNs, long toTimeNs, long afterId, int limit)
{
    public static final int LIMIT_MAX = 10_000;

    public AlertFilter
    {
        types = types.isEmpty() ? Collections.emptySet() : Collections.unmodifiableSet(EnumSet.copyOf(types));
        if (limit < 1 || limit > LIMIT_MAX)
        {
            throw new IllegalArgumentException("limit must be 1.." + LIMIT_MAX + ": " + limit);
        }
        if (fromTimeNs > toTimeNs)
        {
            throw new IllegalArgumentException("time range is empty: from " + fromTimeNs + " after to " + toTimeNs);
        }
    }

    /** Every alert, up to {@link #LIMIT_MAX}. */
    public static AlertFilter all()
    {
        return new AlertFilter(Collections.emptySet(), null, null, Long.MIN_VALUE, Long.MAX_VALUE, 0, LIMIT_MAX);
    }

    public AlertFilter withTypes(final Set<AlertType> types)
    {
        return new AlertFilter(types, participant, product, fromTimeNs, toTimeNs, afterId, limit);
    }

    public AlertFilter withParticipant(final String participant)
    {
        return new AlertFilter(types, participant, product, fromTimeNs, toTimeNs, afterId, limit);
    }

    public AlertFilter withProduct(final String product)
    {
        return new AlertFilter(types, participant, product, fromTimeNs, toTimeNs, afterId, limit);
    }

    public AlertFilter withTime(final long fromTimeNs, final long toTimeNs)
    {
        return new AlertFilter(types, participant, product, fromTimeNs, toTimeNs, afterId, limit);
    }

    public AlertFilter withPage(final long afterId, final int limit)
    {
        return new AlertFilter(types, participant, product, fromTimeNs, toTimeNs, afterId, limit);
    }

    public boolean matches(final Alert a)
    {
        return (types.isEmpty() || types.contains(a.type())) &&
            (null == participant || a.involves(participant)) &&
            (null == product || a.concerns(product)) &&
            a.timeNs() >= fromTimeNs && a.timeNs() <= toTimeNs;
    }
}
