package io.databourse.matcher.book;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A book side finds, adds and orders its levels like a sorted map, on every path: the branch-free
 * search of sides up to 1,024 levels, the branching one of deeper sides, and the price index of
 * sides of 256 to 4,096 levels; for bids and asks, at every size from empty to 5,000 levels. And its
 * price index stays true while levels empty, are popped from the top, kept in place, reused and
 * compacted away.
 */
class BookSideSearchTest
{
    @Test
    void findsAndAddsLevelsAsASortedMapDoesAtEverySize()
    {
        final SplittableRandom random = new SplittableRandom(20261126);
        for (final boolean isBid : new boolean[] {true, false})
        {
            final LevelStore store = new LevelStore(6_000);
            final BookSide side = new BookSide(isBid, 16);
            final TreeMap<Long, Integer> reference = new TreeMap<>();
            for (int size = 0; size < 5_000; size++)
            {
                checkAgainst(reference, side, random, isBid);
                long price;
                do
                {
                    price = 1 + random.nextLong(100_000);
                }
                while (reference.containsKey(price));
                final int level = side.findOrAdd(price, store);
                reference.put(price, level);
                assertEquals(reference.size(), side.size());
            }
            checkAgainst(reference, side, random, isBid);
            assertTrue(side.isSorted());
        }
    }

    private static void checkAgainst(
        final TreeMap<Long, Integer> reference, final BookSide side, final SplittableRandom random, final boolean isBid)
    {
        for (int q = 0; q < 20; q++)
        {
            // present prices, their neighbours, and prices beyond both ends
            final long probe;
            if (!reference.isEmpty() && random.nextBoolean())
            {
                final Long above = reference.ceilingKey(1 + random.nextLong(100_000));
                final long present = null != above ? above : reference.firstKey();
                probe = present + random.nextInt(3) - 1;
            }
            else
            {
                probe = random.nextLong(100_002);
            }
            final Integer expected = reference.get(probe);
            assertEquals(null == expected ? LevelStore.NULL : expected.intValue(), side.find(probe),
                "find(" + probe + ") on a side of " + reference.size());
        }
        if (!reference.isEmpty())
        {
            final long best = isBid ? reference.lastKey() : reference.firstKey();
            assertEquals(best, side.bestPrice());
            assertEquals(reference.get(best).intValue(), side.bestLevel());
            final int depth = random.nextInt(reference.size());
            final long atDepth = isBid ? reference.descendingKeySet().stream().skip(depth).findFirst().orElseThrow() :
                reference.keySet().stream().skip(depth).findFirst().orElseThrow();
            assertEquals(reference.get(atDepth).intValue(), side.levelAt(depth));
        }
    }

    @Test
    void levelsStayFindableWhileTheyEmptyAreReusedAndCompactedAway()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final UnsafeBuffer clOrdId = new UnsafeBuffer(new byte[24]);
        for (final int depth : new int[] {40, 600, 3_000})
        {
            for (final boolean isBid : new boolean[] {true, false})
            {
                final OrderStore orders = new OrderStore(depth * 3);
                final LevelStore store = new LevelStore(depth * 3);
                final BookSide side = new BookSide(isBid, 64);
                final Map<Long, List<Integer>> liveOrdersByPrice = new HashMap<>();
                final long range = depth * 3L;
                for (int step = 0; step < 60_000; step++)
                {
                    final long price = 1 + random.nextLong(range);
                    final List<Integer> atPrice = liveOrdersByPrice.get(price);
                    final boolean add = null == atPrice || (random.nextInt(2) == 0 && liveOrdersByPrice.size() < depth);
                    if (add && !orders.isFull())
                    {
                        clOrdId.putLong(0, step + 1);
                        final int order = orders.allocate(step + 1, 0, 0, 0, clOrdId, 0, price, 1, 0, 0);
                        final int level = side.findOrAdd(price, store);
                        assertEquals(price, store.priceFen(level));
                        store.append(level, order, orders, 1);
                        liveOrdersByPrice.computeIfAbsent(price, k -> new ArrayList<>()).add(order);
                    }
                    else if (null != atPrice)
                    {
                        final int order = atPrice.remove(atPrice.size() - 1);
                        final int level = orders.level(order);
                        store.remove(level, order, orders, 1);
                        orders.free(order);
                        if (store.count(level) == 0)
                        {
                            liveOrdersByPrice.remove(price);
                            side.onLevelEmptied(price, store);
                        }
                    }
                    if (step % 997 == 0)
                    {
                        checkLiveLevels(side, store, orders, liveOrdersByPrice, isBid, range);
                    }
                }
                checkLiveLevels(side, store, orders, liveOrdersByPrice, isBid, range);
            }
        }
    }

    private static void checkLiveLevels(
        final BookSide side, final LevelStore store, final OrderStore orders,
        final Map<Long, List<Integer>> liveOrdersByPrice, final boolean isBid, final long range)
    {
        assertTrue(side.isSorted());
        for (long price = 0; price <= range + 1; price++)
        {
            final int found = side.find(price);
            final List<Integer> live = liveOrdersByPrice.get(price);
            if (null != live)
            {
                assertEquals(orders.level(live.get(0)), found, "the live level at " + price);
            }
            else if (found != LevelStore.NULL)
            {
                assertEquals(price, store.priceFen(found), "a level found is the one at its price");
                assertEquals(0, store.count(found), "no live orders: at most an empty level kept in place");
            }
        }
        if (!liveOrdersByPrice.isEmpty())
        {
            final long best = isBid ? liveOrdersByPrice.keySet().stream().mapToLong(Long::longValue).max().orElseThrow() :
                liveOrdersByPrice.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            assertEquals(best, side.bestPrice(), "the best level is always a live one");
        }
    }
}
