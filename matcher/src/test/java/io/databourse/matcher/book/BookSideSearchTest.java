package io.databourse.matcher.book;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A book side finds, adds and orders its levels like a sorted map, on both of its search paths:
 * the branch-free one of sides up to 1,024 levels and the branching one of deeper sides, for bids
 * and asks, at every size from empty to 3,000 levels.
 */
class BookSideSearchTest
{
    @Test
    void findsAndAddsLevelsAsASortedMapDoesAtEverySize()
    {
        final SplittableRandom random = new SplittableRandom(20261126);
        for (final boolean isBid : new boolean[] {true, false})
        {
            final LevelStore store = new LevelStore(4_000);
            final BookSide side = new BookSide(isBid, 16);
            final TreeMap<Long, Integer> reference = new TreeMap<>();
            for (int size = 0; size < 3_000; size++)
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
}
