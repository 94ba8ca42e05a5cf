package io.databourse.perf.workload;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Seeded order-flow generator after exchange-core's TestOrdersGenerator: Pareto-weighted accounts
 * and products, an untimed fill that builds each book to its target depth, then the timed mix of
 * GTC / IOC places, cancels, moves and reduces. It runs a reference price-time book of its own so
 * that every cancel, move and reduce names a live order, and it records what a correct engine must
 * end with (trades, resting orders) so that each run can check its result.
 * <p>
 * Self-trades are avoided at generation time (an aggressor whose walk would meet its own account is
 * redrawn, a move that would is kept passive): DataBourse prevents self-trades and exchange-core
 * does not, and with them the two engines would hold different books after the first one.
 */
public final class WorkloadGenerator
{
    private static final double PARETO_SCALE = 0.001;
    private static final double PARETO_SHAPE = 1.5;
    private static final int REDRAWS_MAX = 10;

    private final WorkloadSpec spec;
    private final SplittableRandom rng;
    private final double[] accountCumulative;
    private final double[] productCumulative;
    private final int[][] suppliers;
    private final Book[] books;
    private final int[] targetPerProduct;
    private final Workload out;
    private long nextOrderId = 1;
    private long trades;
    private long liveOrders;

    private WorkloadGenerator(final WorkloadSpec spec)
    {
        this.spec = spec;
        this.rng = new SplittableRandom(spec.seed());
        this.accountCumulative = paretoCumulative(spec.accounts(), rng);
        this.productCumulative = paretoCumulative(spec.products(), rng);
        this.suppliers = new int[spec.products()][];
        this.books = new Book[spec.products()];
        this.targetPerProduct = new int[spec.products()];
        final double total = productCumulative[spec.products() - 1];
        double previous = 0;
        for (int p = 0; p < spec.products(); p++)
        {
            books[p] = new Book(spec.midPriceTicks());
            final double weight = (productCumulative[p] - previous) / total;
            previous = productCumulative[p];
            targetPerProduct[p] = (int)Math.max(2, Math.round(weight * spec.restingOrdersTarget()));
            if (spec.suppliersPerProduct() > 0)
            {
                suppliers[p] = new int[spec.suppliersPerProduct()];
                for (int k = 0; k < suppliers[p].length; k++)
                {
                    suppliers[p][k] = 1 + rng.nextInt(spec.accounts());
                }
            }
        }
        int fill = 0;
        for (final int t : targetPerProduct)
        {
            fill += t;
        }
        this.out = new Workload(fill + spec.commands());
    }

    public static Workload generate(final WorkloadSpec spec)
    {
        return new WorkloadGenerator(spec).run();
    }

    private Workload run()
    {
        for (int p = 0; p < spec.products(); p++)
        {
            for (int k = 0; k < targetPerProduct[p]; k++)
            {
                placePassive(p);
            }
        }
        final int fill = out.count();
        final long tradesAfterFill = trades;
        for (int i = 0; i < spec.commands(); i++)
        {
            step();
        }
        final Map<String, String> meta = out.meta;
        meta.put("format", Workload.FORMAT);
        meta.put("name", spec.name());
        meta.put("seed", Long.toString(spec.seed()));
        meta.put("accounts", Integer.toString(spec.accounts()));
        meta.put("products", Integer.toString(spec.products()));
        meta.put("kinds", String.join(",", WorkloadSpec.KINDS));
        meta.put("suppliers_per_product", Integer.toString(spec.suppliersPerProduct()));
        meta.put("resting_target", Integer.toString(spec.restingOrdersTarget()));
        meta.put("fill_commands", Integer.toString(fill));
        meta.put("timed_commands", Integer.toString(out.count() - fill));
        meta.put("price_max_ticks", Long.toString(spec.priceMaxTicks()));
        meta.put("qty_max_lots", Integer.toString(spec.qtyLotsMax()));
        meta.put("expect_trades", Long.toString(trades));
        meta.put("expect_trades_timed", Long.toString(trades - tradesAfterFill));
        meta.put("expect_resting_orders", Long.toString(liveOrders));
        final long[] counts = out.opCounts(fill, out.count());
        meta.put("mix", "gtc:" + counts[4] + ",ioc:" + counts[5] + ",cancel:" + counts[Workload.OP_CANCEL]
            + ",move:" + counts[Workload.OP_MOVE] + ",reduce:" + counts[Workload.OP_REDUCE]);
        return out;
    }

    private void step()
    {
        final int p = pick(productCumulative, rng);
        final Book book = books[p];
        final int live = book.live.size();
        final int target = targetPerProduct[p];
        double r = rng.nextDouble();
        int op;
        if ((r -= spec.gtcShare()) < 0)
        {
            op = 0;
        }
        else if ((r -= spec.iocShare()) < 0)
        {
            op = 1;
        }
        else if ((r -= spec.cancelShare()) < 0)
        {
            op = 2;
        }
        else if ((r -= spec.moveShare()) < 0)
        {
            op = 3;
        }
        else
        {
            op = 4;
        }
        // Hold the book near its target depth, as exchange-core's generator does.
        if (op == 0 && live > target + target / 10 + 1)
        {
            op = 2;
        }
        else if (op == 2 && live < target - target / 10)
        {
            op = 0;
        }
        if (live == 0 && op >= 2)
        {
            op = 0;
        }
        switch (op)
        {
            case 0 -> placePassive(p);
            case 1 -> placeIoc(p);
            case 2 -> cancel(p);
            case 3 -> move(p);
            default -> reduce(p);
        }
    }

    private int accountFor(final int p, final byte side)
    {
        if (side == Workload.SIDE_SELL && null != suppliers[p])
        {
            return suppliers[p][rng.nextInt(suppliers[p].length)];
        }
        return 1 + pick(accountCumulative, rng);
    }

    private long qty()
    {
        // Mostly small orders with a tail, like real flow: u^2 scaled.
        final double u = rng.nextDouble();
        return 1 + (long)(u * u * (spec.qtyLotsMax() - 1));
    }

    private void placePassive(final int p)
    {
        final Book book = books[p];
        final byte side = book.bids.size() < book.asks.size() ? (rng.nextInt(100) < 65 ? Workload.SIDE_BUY : Workload.SIDE_SELL)
            : book.bids.size() > book.asks.size() ? (rng.nextInt(100) < 65 ? Workload.SIDE_SELL : Workload.SIDE_BUY)
            : (byte)rng.nextInt(2);
        final double u = rng.nextDouble();
        final long offset = 1 + (long)(u * u * spec.depthTicks());
        final long mid = book.mid();
        long price;
        if (side == Workload.SIDE_BUY)
        {
            price = mid - offset;
            if (!book.asks.isEmpty())
            {
                price = Math.min(price, book.asks.firstKey() - 1);
            }
        }
        else
        {
            price = mid + offset;
            if (!book.bids.isEmpty())
            {
                price = Math.max(price, book.bids.firstKey() + 1);
            }
        }
        price = clampPrice(price);
        final SimOrder o = new SimOrder(nextOrderId++, accountFor(p, side), p, side, price, qty());
        out.add(Workload.OP_NEW, o.id, o.account, p + 1, side, Workload.TYPE_LIMIT, Workload.TIF_GTC, price, o.total);
        book.rest(o);
        liveOrders++;
    }

    private void placeIoc(final int p)
    {
        final Book book = books[p];
        final byte side = (byte)rng.nextInt(2);
        final TreeMap<Long, Level> opposite = side == Workload.SIDE_BUY ? book.asks : book.bids;
        if (opposite.isEmpty())
        {
            placePassive(p);
            return;
        }
        final long through = rng.nextInt(spec.moveTicksMax() / 3 + 1);
        final long price = clampPrice(side == Workload.SIDE_BUY ? opposite.firstKey() + through : opposite.firstKey() - through);
        final long qty = qty();
        for (int attempt = 0; attempt < REDRAWS_MAX; attempt++)
        {
            final int account = accountFor(p, side);
            if (!book.wouldSelfTrade(side, price, qty, account))
            {
                final long id = nextOrderId++;
                out.add(Workload.OP_NEW, id, account, p + 1, side, Workload.TYPE_LIMIT, Workload.TIF_IOC, price, qty);
                matchAgainst(book, side, price, qty);
                return;
            }
        }
        placePassive(p);
    }

    private void cancel(final int p)
    {
        final Book book = books[p];
        final SimOrder o = book.live.get(rng.nextInt(book.live.size()));
        out.add(Workload.OP_CANCEL, o.id, o.account, p + 1, o.side, (byte)0, (byte)0, 0, 0);
        book.remove(o);
        liveOrders--;
    }

    private void move(final int p)
    {
        final Book book = books[p];
        final SimOrder o = book.live.get(rng.nextInt(book.live.size()));
        final long delta = 1 + rng.nextInt(spec.moveTicksMax());
        long newPrice = clampPrice(rng.nextBoolean() ? o.price + delta : o.price - delta);
        if (newPrice == o.price)
        {
            newPrice = o.side == Workload.SIDE_BUY ? o.price - 1 : o.price + 1;
        }
        final boolean buy = o.side == Workload.SIDE_BUY;
        final TreeMap<Long, Level> opposite = buy ? book.asks : book.bids;
        final boolean crosses = !opposite.isEmpty() && (buy ? newPrice >= opposite.firstKey() : newPrice <= opposite.firstKey());
        if (crosses && book.wouldSelfTrade(o.side, newPrice, o.remaining, o.account))
        {
            // Stay passive: just short of the touch, or away from it if that is where the order already is.
            newPrice = buy ? opposite.firstKey() - 1 : opposite.firstKey() + 1;
            if (newPrice == o.price)
            {
                newPrice = buy ? o.price - delta : o.price + delta;
            }
        }
        out.add(Workload.OP_MOVE, o.id, o.account, p + 1, o.side, (byte)0, (byte)0, newPrice, 0);
        book.remove(o);
        o.price = newPrice;
        o.remaining = matchAgainst(book, o.side, newPrice, o.remaining);
        if (o.remaining > 0)
        {
            book.rest(o);
        }
        else
        {
            liveOrders--;
        }
    }

    private void reduce(final int p)
    {
        final Book book = books[p];
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final SimOrder o = book.live.get(rng.nextInt(book.live.size()));
            if (o.remaining >= 2)
            {
                final long reduceByLots = 1 + rng.nextLong(o.remaining - 1);
                out.add(Workload.OP_REDUCE, o.id, o.account, p + 1, o.side, (byte)0, (byte)0, 0, reduceByLots);
                o.remaining -= reduceByLots;
                o.total -= reduceByLots;
                return;
            }
        }
        move(p);
    }

    /** Fills an aggressor against the opposite side, price-time; returns the quantity left. */
    private long matchAgainst(final Book book, final byte side, final long limitPrice, final long qty)
    {
        final TreeMap<Long, Level> opposite = side == Workload.SIDE_BUY ? book.asks : book.bids;
        long left = qty;
        while (left > 0 && !opposite.isEmpty())
        {
            final long best = opposite.firstKey();
            if (side == Workload.SIDE_BUY ? best > limitPrice : best < limitPrice)
            {
                break;
            }
            final Level level = opposite.firstEntry().getValue();
            while (left > 0 && null != level.head)
            {
                final SimOrder resting = level.head;
                final long fill = Math.min(left, resting.remaining);
                left -= fill;
                resting.remaining -= fill;
                trades++;
                book.lastPriceTicks = best;
                if (resting.remaining == 0)
                {
                    book.remove(resting);
                    liveOrders--;
                }
            }
        }
        return left;
    }

    private long clampPrice(final long priceTicks)
    {
        return Math.max(1, Math.min(spec.priceMaxTicks(), priceTicks));
    }

    /** Cumulative Pareto(0.001, 1.5) weights, as exchange-core draws symbol and user activity. */
    private static double[] paretoCumulative(final int n, final SplittableRandom rng)
    {
        final double[] weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            weights[i] = PARETO_SCALE / Math.pow(1.0 - rng.nextDouble(), 1.0 / PARETO_SHAPE);
        }
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += weights[i];
            weights[i] = sum;
        }
        return weights;
    }

    private static int pick(final double[] cumulative, final SplittableRandom rng)
    {
        final double x = rng.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi)
        {
            final int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    static final class SimOrder
    {
        final long id;
        final int account;
        final int product;
        final byte side;
        long price;
        long remaining;
        long total;
        int liveIndex = -1;
        SimOrder prev;
        SimOrder next;
        Level level;

        SimOrder(final long id, final int account, final int product, final byte side, final long price, final long qty)
        {
            this.id = id;
            this.account = account;
            this.product = product;
            this.side = side;
            this.price = price;
            this.remaining = qty;
            this.total = qty;
        }
    }

    static final class Level
    {
        SimOrder head;
        SimOrder tail;
    }

    /** Reference book: TreeMap of FIFO levels (bids best-first by a reversed comparator) plus a live list. */
    static final class Book
    {
        final TreeMap<Long, Level> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<Long, Level> asks = new TreeMap<>();
        final ArrayList<SimOrder> live = new ArrayList<>();
        long lastPriceTicks;

        Book(final long midPriceTicks)
        {
            lastPriceTicks = midPriceTicks;
        }

        long mid()
        {
            if (!bids.isEmpty() && !asks.isEmpty())
            {
                return (bids.firstKey() + asks.firstKey()) / 2;
            }
            return lastPriceTicks;
        }

        void rest(final SimOrder o)
        {
            final TreeMap<Long, Level> side = o.side == Workload.SIDE_BUY ? bids : asks;
            final Level level = side.computeIfAbsent(o.price, k -> new Level());
            o.level = level;
            o.prev = level.tail;
            o.next = null;
            if (null == level.tail)
            {
                level.head = o;
            }
            else
            {
                level.tail.next = o;
            }
            level.tail = o;
            o.liveIndex = live.size();
            live.add(o);
        }

        void remove(final SimOrder o)
        {
            final Level level = o.level;
            if (null == o.prev)
            {
                level.head = o.next;
            }
            else
            {
                o.prev.next = o.next;
            }
            if (null == o.next)
            {
                level.tail = o.prev;
            }
            else
            {
                o.next.prev = o.prev;
            }
            if (null == level.head)
            {
                (o.side == Workload.SIDE_BUY ? bids : asks).remove(o.price);
            }
            o.prev = null;
            o.next = null;
            o.level = null;
            final SimOrder last = live.remove(live.size() - 1);
            if (last != o)
            {
                live.set(o.liveIndex, last);
                last.liveIndex = o.liveIndex;
            }
            o.liveIndex = -1;
        }

        /** Would an order of this account, walking the opposite side up to its limit and quantity, meet itself? */
        boolean wouldSelfTrade(final byte side, final long limitPrice, final long qty, final int account)
        {
            final TreeMap<Long, Level> opposite = side == Workload.SIDE_BUY ? asks : bids;
            long left = qty;
            for (final Map.Entry<Long, Level> e : opposite.entrySet())
            {
                final long price = e.getKey();
                if (left <= 0 || (side == Workload.SIDE_BUY ? price > limitPrice : price < limitPrice))
                {
                    return false;
                }
                for (SimOrder o = e.getValue().head; null != o && left > 0; o = o.next)
                {
                    if (o.account == account)
                    {
                        return true;
                    }
                    left -= o.remaining;
                }
            }
            return false;
        }
    }
}
