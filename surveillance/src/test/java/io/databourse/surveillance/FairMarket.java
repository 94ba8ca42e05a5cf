package io.databourse.surveillance;

import java.time.Duration;
import java.util.Random;

import io.databourse.journal.schema.RejectReason;

/**
 * A seeded market where nobody abuses anything: suppliers only sell, buyers only buy, prices walk
 * by at most half a percent a trade, holdings stay small next to the units issued, the few
 * cancelled orders are small bids of buyers who never sell, and the only refusals are for cash.
 * Optionally, abuse is mixed in (round trips, circles, layered bids) for tests that need alerts.
 */
final class FairMarket
{
    static final int SUPPLIERS = 12;
    static final int BUYERS = 20;
    static final int PRODUCTS = 4;

    private FairMarket()
    {
    }

    static void run(final Market m, final long seed, final int trades, final boolean abuse)
    {
        final Random r = new Random(seed);
        final int[] suppliers = new int[SUPPLIERS];
        final int[] buyers = new int[BUYERS];
        final int[] products = new int[PRODUCTS];
        final long[] prices = new long[PRODUCTS];
        for (int i = 0; i < SUPPLIERS; i++)
        {
            suppliers[i] = m.participant("S" + i);
        }
        for (int i = 0; i < BUYERS; i++)
        {
            buyers[i] = m.participant("B" + i);
        }
        for (int p = 0; p < PRODUCTS; p++)
        {
            prices[p] = 1_000 + 250L * p;
            products[p] = m.product("DATA." + p, prices[p]);
            for (final int s : suppliers)
            {
                m.issue(s, products[p], 10_000);
            }
        }
        for (int i = 0; i < trades; i++)
        {
            m.after(Duration.ofSeconds(10 + r.nextInt(80)));
            final int p = r.nextInt(PRODUCTS);
            final long step = prices[p] * (r.nextInt(101) - 50) / 10_000;       // -0.5 % .. +0.5 %
            prices[p] = Math.max(500, Math.min(2_500, prices[p] + step));
            final int seller = suppliers[r.nextInt(SUPPLIERS)];
            final int buyer = buyers[r.nextInt(BUYERS)];
            final long qty = 1 + r.nextInt(20);
            if (r.nextBoolean())
            {
                m.trade(seller, buyer, products[p], prices[p], qty);
            }
            else
            {
                m.tradeSellerAggressor(seller, buyer, products[p], prices[p], qty);
            }
            final int k = r.nextInt(100);
            if (k < 5)
            {
                final long bid = m.rest(buyer, products[p], Market.BUY, prices[p] - 10, 1 + r.nextInt(5));
                m.after(Duration.ofSeconds(r.nextInt(120)));
                m.cancel(bid);
            }
            else if (k < 7)
            {
                m.refused(buyer, "DATA." + p, RejectReason.INSUFFICIENT_FUNDS, "c" + i);
            }
            else if (abuse && k < 9)
            {
                abuse(m, r, suppliers, buyers, products[p], prices[p]);
            }
        }
    }

    private static void abuse(
        final Market m, final Random r, final int[] suppliers, final int[] buyers, final int product, final long price)
    {
        final int a = buyers[r.nextInt(BUYERS)];
        final int b = suppliers[r.nextInt(SUPPLIERS)];
        final int c = buyers[(r.nextInt(BUYERS - 1) + 1 + indexOf(buyers, a)) % BUYERS];
        switch (r.nextInt(3))
        {
            case 0:
                m.trade(b, a, product, price, 7);
                m.after(Duration.ofMinutes(2));
                m.trade(a, b, product, price, 7);
                break;
            case 1:
                m.trade(a, b, product, price, 9);
                m.after(Duration.ofMinutes(3));
                m.trade(b, c, product, price, 9);
                m.after(Duration.ofMinutes(3));
                m.trade(c, a, product, price, 9);
                break;
            default:
                for (int i = 0; i < 4; i++)
                {
                    m.rest(a, product, Market.BUY, price - 20 - i, 200);
                }
                m.tradeSellerAggressor(a, c, product, price, 10);
                m.after(Duration.ofSeconds(15));
                m.massCancel(a);
                break;
        }
    }

    private static int indexOf(final int[] values, final int v)
    {
        for (int i = 0; i < values.length; i++)
        {
            if (values[i] == v)
            {
                return i;
            }
        }
        throw new IllegalArgumentException();
    }
}
