package io.databourse.matcher.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import io.databourse.matcher.auction.UncrossingPrice;
import org.junit.jupiter.api.Test;

/**
 * Random auction books, many with ties: the matcher's one-pass {@link UncrossingPrice} against the
 * reference model's brute force ({@link ReferenceAuction}), price, volume and surplus, and every rule
 * reached. Seeds: {@code -Ddatabourse.auction.seed}, books: {@code -Ddatabourse.auction.books}.
 */
class AuctionPriceDifferentialTest
{
    static final long FIRST_SEED = Long.getLong("databourse.auction.seed", 1L);
    static final int BOOKS = Integer.getInteger("databourse.auction.books", 20_000);

    @Test
    void uncrossingPriceAgreesWithTheReferenceModel()
    {
        final UncrossingPrice uncross = new UncrossingPrice();
        final int[] rules = new int[5];
        int traded = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + BOOKS; seed++)
        {
            final Random random = new Random(seed);
            final List<ReferenceAuction.Order> orders = new ArrayList<>();
            final int n = random.nextInt(12);
            for (int i = 0; i < n; i++)
            {
                final boolean market = random.nextInt(8) == 0;
                orders.add(new ReferenceAuction.Order(i + 1, random.nextBoolean(), market,
                    market ? 0 : 95 + random.nextInt(11), 1 + random.nextInt(random.nextBoolean() ? 5 : 20), i));
            }
            final long reference = random.nextInt(4) == 0 ? 0 : 90 + random.nextInt(21);
            final ReferenceAuction.Result expected = ReferenceAuction.uncross(orders, reference);

            final TreeMap<Long, Long> bids = new TreeMap<>(java.util.Comparator.reverseOrder());
            final TreeMap<Long, Long> asks = new TreeMap<>();
            long marketBuys = 0;
            long marketSells = 0;
            for (final ReferenceAuction.Order o : orders)
            {
                if (o.market())
                {
                    if (o.buy())
                    {
                        marketBuys += o.qty();
                    }
                    else
                    {
                        marketSells += o.qty();
                    }
                }
                else
                {
                    (o.buy() ? bids : asks).merge(o.priceFen(), o.qty(), Long::sum);
                }
            }
            final boolean found = uncross.compute(levels(bids), levels(asks), marketBuys, marketSells, reference);
            final String book = "seed " + seed + ": " + orders + " reference " + reference;
            assertEquals(expected.priceFen() > 0, found, book);
            if (found)
            {
                assertEquals(expected.priceFen(), uncross.price(), book);
                assertEquals(expected.volume(), uncross.volume(), book);
                assertEquals(expected.surplus(), uncross.surplus(), book);
                assertEquals(expected.volume(), expected.fills().stream().mapToLong(ReferenceAuction.Fill::qty).sum());
                rules[uncross.rule()]++;
                traded++;
            }
        }
        System.out.println("auction differential: " + BOOKS + " books, " + traded + " uncrossed; by rule " +
            java.util.Arrays.toString(rules));
        for (int rule = UncrossingPrice.RULE_VOLUME; rule <= UncrossingPrice.RULE_REFERENCE; rule++)
        {
            assertTrue(rules[rule] > 0, "rule " + rule + " decided some book");
        }
    }

    private static UncrossingPrice.Levels levels(final Map<Long, Long> byPrice)
    {
        final long[] prices = byPrice.keySet().stream().mapToLong(Long::longValue).toArray();
        final long[] qtys = byPrice.values().stream().mapToLong(Long::longValue).toArray();
        return new UncrossingPrice.Levels()
        {
            @Override
            public int count()
            {
                return prices.length;
            }

            @Override
            public long price(final int depth)
            {
                return prices[depth];
            }

            @Override
            public long qty(final int depth)
            {
                return qtys[depth];
            }
        };
    }
}
