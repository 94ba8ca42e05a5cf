package io.databourse.matcher.reference;

import io.databourse.matcher.Matcher;

import java.lang.reflect.Method;

/**
 * The matcher's read-only test views (isCashConserved, liveOrderCount, feeIncomeFen,
 * cashAvailableFen, cashReservedFen, sellableQty), looked up reflectively: they are not part of the
 * matcher's agreed API (constructor, apply, eventBuffer/eventsLength/eventCount), so if one is
 * renamed the state comparison is skipped (and says so) instead of breaking the module's test build.
 */
final class MatcherViews
{
    private static final Method IS_CASH_CONSERVED = find("isCashConserved");
    private static final Method LIVE_ORDER_COUNT = find("liveOrderCount");
    private static final Method FEE_INCOME_FEN = find("feeIncomeFen");
    private static final Method CASH_AVAILABLE_FEN = find("cashAvailableFen", String.class);
    private static final Method CASH_RESERVED_FEN = find("cashReservedFen", String.class);
    private static final Method SELLABLE_QTY = find("sellableQty", String.class, String.class);

    static final boolean AVAILABLE = null != IS_CASH_CONSERVED && null != LIVE_ORDER_COUNT && null != FEE_INCOME_FEN &&
        null != CASH_AVAILABLE_FEN && null != CASH_RESERVED_FEN && null != SELLABLE_QTY;

    static
    {
        if (!AVAILABLE)
        {
            System.out.println("MatcherViews: a state view of Matcher is missing; comparing events only");
        }
    }

    private MatcherViews()
    {
    }

    private static Method find(final String name, final Class<?>... parameterTypes)
    {
        try
        {
            return Matcher.class.getMethod(name, parameterTypes);
        }
        catch (final NoSuchMethodException ex)
        {
            return null;
        }
    }

    private static Object call(final Method method, final Matcher matcher, final Object... args)
    {
        try
        {
            return method.invoke(matcher, args);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException(method.getName(), ex);
        }
    }

    static boolean isCashConserved(final Matcher matcher)
    {
        return (Boolean)call(IS_CASH_CONSERVED, matcher);
    }

    static long liveOrderCount(final Matcher matcher)
    {
        return ((Number)call(LIVE_ORDER_COUNT, matcher)).longValue();
    }

    static long feeIncomeFen(final Matcher matcher)
    {
        return ((Number)call(FEE_INCOME_FEN, matcher)).longValue();
    }

    static long cashAvailableFen(final Matcher matcher, final String participantId)
    {
        return ((Number)call(CASH_AVAILABLE_FEN, matcher, participantId)).longValue();
    }

    static long cashReservedFen(final Matcher matcher, final String participantId)
    {
        return ((Number)call(CASH_RESERVED_FEN, matcher, participantId)).longValue();
    }

    static long sellableQty(final Matcher matcher, final String participantId, final String productId)
    {
        return ((Number)call(SELLABLE_QTY, matcher, participantId, productId)).longValue();
    }
}
