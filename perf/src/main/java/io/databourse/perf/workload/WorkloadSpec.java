package io.databourse.perf.workload;

import java.util.List;

/**
 * The named workloads of issue 5, exchange-core's TestDataParameters in spirit: one record per
 * workload, every figure a field so that a run can print exactly what it fed the engines.
 *
 * @param name                 the name used on the command line and in results
 * @param seed                 the generator's seed; same seed, same stream
 * @param accounts             accounts (participants) issuing orders, Pareto-skewed activity
 * @param products             products (order books), Pareto-skewed activity
 * @param suppliersPerProduct  accounts allowed to sell a given product (0: every account)
 * @param restingOrdersTarget  book depth kept across all products, in orders
 * @param commands             timed commands after the untimed fill that builds the book
 * @param gtcShare             share of GTC places among timed commands
 * @param iocShare             share of IOC places
 * @param cancelShare          share of cancels
 * @param moveShare            share of moves (price change, quantity kept)
 * @param reduceShare          share of reduces (lower quantity)
 * @param midPriceTicks        initial mid price of every product
 * @param depthTicks           how far from the touch passive orders are placed
 * @param moveTicksMax         largest price change of a move
 * @param qtyLotsMax           largest order quantity
 */
public record WorkloadSpec(
    String name,
    long seed,
    int accounts,
    int products,
    int suppliersPerProduct,
    int restingOrdersTarget,
    int commands,
    double gtcShare,
    double iocShare,
    double cancelShare,
    double moveShare,
    double reduceShare,
    long midPriceTicks,
    int depthTicks,
    int moveTicksMax,
    int qtyLotsMax)
{
    /** Every product kind cycles data, compute, algorithm by product number. */
    public static final String[] KINDS = {"data", "compute", "algorithm"};

    /** exchange-core's published single-symbol mix: ~1,000 accounts and resting orders, 3M commands. */
    public static final WorkloadSpec EXCHANGE_CORE = new WorkloadSpec(
        "exchange-core", 1L, 1_000, 1, 0, 1_000, 3_000_000,
        0.09, 0.03, 0.06, 0.82, 0.0, 100_000, 600, 30, 100);

    /** The same mix, 10x shorter, for `bench --quick` and smoke runs. */
    public static final WorkloadSpec EXCHANGE_CORE_QUICK = EXCHANGE_CORE.renamed("exchange-core-quick", 300_000);

    /** Thousands of products across the three kinds; sellers are a product's few suppliers. */
    public static final WorkloadSpec MULTI_PRODUCT = new WorkloadSpec(
        "multi-product", 2L, 10_000, 3_000, 8, 300_000, 3_000_000,
        0.09, 0.03, 0.06, 0.80, 0.02, 100_000, 600, 30, 100);

    public static final WorkloadSpec MULTI_PRODUCT_QUICK = MULTI_PRODUCT.renamed("multi-product-quick", 300_000);

    /** One book of 1M resting orders: the memory-per-order figure and the deep-book throughput. */
    public static final WorkloadSpec DEEP_BOOK = new WorkloadSpec(
        "deep-book", 3L, 1_000, 1, 0, 1_000_000, 1_000_000,
        0.09, 0.03, 0.06, 0.82, 0.0, 100_000, 40_000, 30, 100);

    public static final WorkloadSpec DEEP_BOOK_QUICK = DEEP_BOOK.renamed("deep-book-quick", 200_000);

    /** Tiny, for unit tests and the first seconds of a smoke run. */
    public static final WorkloadSpec SMOKE = new WorkloadSpec(
        "smoke", 42L, 50, 3, 4, 300, 20_000,
        0.09, 0.03, 0.06, 0.80, 0.02, 10_000, 200, 20, 50);

    public static final List<WorkloadSpec> ALL = List.of(
        EXCHANGE_CORE, EXCHANGE_CORE_QUICK, MULTI_PRODUCT, MULTI_PRODUCT_QUICK, DEEP_BOOK, DEEP_BOOK_QUICK, SMOKE);

    public WorkloadSpec
    {
        final double sum = gtcShare + iocShare + cancelShare + moveShare + reduceShare;
        if (Math.abs(sum - 1.0) > 1e-9)
        {
            throw new IllegalArgumentException(name + ": shares add up to " + sum + ", not 1");
        }
        if (accounts < 2 || products < 1 || restingOrdersTarget < products || commands < 0)
        {
            throw new IllegalArgumentException(name + ": bad sizes");
        }
        if (depthTicks * 2L >= midPriceTicks || qtyLotsMax < 2)
        {
            throw new IllegalArgumentException(name + ": depthTicks must stay well inside the price range");
        }
    }

    public WorkloadSpec renamed(final String newName, final int newCommands)
    {
        return new WorkloadSpec(newName, seed, accounts, products, suppliersPerProduct, restingOrdersTarget,
            newCommands, gtcShare, iocShare, cancelShare, moveShare, reduceShare, midPriceTicks, depthTicks,
            moveTicksMax, qtyLotsMax);
    }

    public WorkloadSpec withCommands(final int newCommands)
    {
        return renamed(name, newCommands);
    }

    /** Highest price any order of the stream may carry: bids reserve cash at this price in exchange-core. */
    public long priceMaxTicks()
    {
        return midPriceTicks * 2;
    }

    public static WorkloadSpec named(final String name)
    {
        for (final WorkloadSpec spec : ALL)
        {
            if (spec.name.equals(name))
            {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown workload " + name + "; known: "
            + ALL.stream().map(WorkloadSpec::name).toList());
    }
}
