package io.databourse.matcher.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The call auction of docs/matching-rules.md written for clarity: every candidate price is tried by
 * summing over the whole order list, the four rules are applied as literally as they read, and the
 * fills pair buys and sells in price-time priority (market orders first). Independent of the
 * matcher's {@code UncrossingPrice}, which finds the price in one pass over aggregated levels.
 */
final class ReferenceAuction
{
    /** An order waiting in the auction: {@code market} orders have no price; {@code priority} orders time. */
    record Order(long id, boolean buy, boolean market, long priceFen, long qty, long priority)
    {
    }

    record Fill(long buyId, long sellId, long qty)
    {
    }

    /** The outcome: price 0 and no fills when nothing can trade. */
    record Result(long priceFen, long volume, long surplus, List<Fill> fills)
    {
    }

    private ReferenceAuction()
    {
    }

    static long demand(final List<Order> orders, final long p)
    {
        return orders.stream().filter(o -> o.buy() && (o.market() || o.priceFen() >= p)).mapToLong(Order::qty).sum();
    }

    static long supply(final List<Order> orders, final long p)
    {
        return orders.stream().filter(o -> !o.buy() && (o.market() || o.priceFen() <= p)).mapToLong(Order::qty).sum();
    }

    static Result uncross(final List<Order> orders, final long referenceFen)
    {
        final TreeSet<Long> candidates = new TreeSet<>();
        orders.stream().filter(o -> !o.market()).forEach(o -> candidates.add(o.priceFen()));
        if (!candidates.isEmpty() && referenceFen > 0 && referenceFen >= candidates.first() &&
            referenceFen <= candidates.last())
        {
            candidates.add(referenceFen);
        }
        final long price = price(orders, candidates, referenceFen);
        if (0 == price)
        {
            return new Result(0, 0, 0, List.of());
        }
        final long volume = Math.min(demand(orders, price), supply(orders, price));
        final long surplus = demand(orders, price) - supply(orders, price);
        return new Result(price, volume, surplus, fills(orders, price, volume));
    }

    private static long price(final List<Order> orders, final TreeSet<Long> candidates, final long referenceFen)
    {
        // rule 1: the maximum executable volume
        long maxVolume = 0;
        for (final long p : candidates)
        {
            maxVolume = Math.max(maxVolume, Math.min(demand(orders, p), supply(orders, p)));
        }
        if (0 == maxVolume)
        {
            // no limit price executes: market orders on both sides meet at the reference price
            final long marketBuys = orders.stream().filter(o -> o.buy() && o.market()).mapToLong(Order::qty).sum();
            final long marketSells = orders.stream().filter(o -> !o.buy() && o.market()).mapToLong(Order::qty).sum();
            return candidates.isEmpty() && marketBuys > 0 && marketSells > 0 && referenceFen > 0 ? referenceFen : 0;
        }
        final List<Long> left = new ArrayList<>();
        for (final long p : candidates)
        {
            if (Math.min(demand(orders, p), supply(orders, p)) == maxVolume)
            {
                left.add(p);
            }
        }
        // rule 2: the minimum surplus
        final long minSurplus = left.stream().mapToLong(p -> Math.abs(demand(orders, p) - supply(orders, p))).min()
            .orElseThrow();
        left.removeIf(p -> Math.abs(demand(orders, p) - supply(orders, p)) != minSurplus);
        if (1 == left.size())
        {
            return left.get(0);
        }
        // rule 3: market pressure
        if (left.stream().allMatch(p -> demand(orders, p) > supply(orders, p)))
        {
            return left.get(left.size() - 1);
        }
        if (left.stream().allMatch(p -> demand(orders, p) < supply(orders, p)))
        {
            return left.get(0);
        }
        // rule 4: closest to the reference price, the lower of two as close
        return left.stream().min(Comparator.comparingLong((Long p) -> Math.abs(p - referenceFen))
            .thenComparingLong(p -> p)).orElseThrow();
    }

    /** Buys and sells that can trade at {@code price}, each side in priority order, paired until {@code volume}. */
    private static List<Fill> fills(final List<Order> orders, final long price, final long volume)
    {
        final List<Order> buys = new ArrayList<>(orders.stream()
            .filter(o -> o.buy() && (o.market() || o.priceFen() >= price)).toList());
        final List<Order> sells = new ArrayList<>(orders.stream()
            .filter(o -> !o.buy() && (o.market() || o.priceFen() <= price)).toList());
        buys.sort(Comparator.comparing((Order o) -> !o.market()).thenComparing(o -> -o.priceFen())
            .thenComparingLong(Order::priority));
        sells.sort(Comparator.comparing((Order o) -> !o.market()).thenComparingLong(Order::priceFen)
            .thenComparingLong(Order::priority));
        final List<Fill> fills = new ArrayList<>();
        long left = volume;
        int b = 0;
        int s = 0;
        long buyLeft = buys.isEmpty() ? 0 : buys.get(0).qty();
        long sellLeft = sells.isEmpty() ? 0 : sells.get(0).qty();
        while (left > 0)
        {
            final long qty = Math.min(left, Math.min(buyLeft, sellLeft));
            fills.add(new Fill(buys.get(b).id(), sells.get(s).id(), qty));
            left -= qty;
            buyLeft -= qty;
            sellLeft -= qty;
            if (0 == buyLeft && ++b < buys.size())
            {
                buyLeft = buys.get(b).qty();
            }
            if (0 == sellLeft && ++s < sells.size())
            {
                sellLeft = sells.get(s).qty();
            }
        }
        return fills;
    }
}
