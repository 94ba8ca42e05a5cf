package io.databourse.perf;

import io.databourse.matcher.MatcherContext;
import io.databourse.perf.engine.CommandTape;
import io.databourse.perf.engine.MatcherDriver;
import io.databourse.perf.workload.Workload;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Memory per resting order: heap and direct memory retained by a matcher that holds the deep-book
 * workload's fill (1M resting orders), divided by its live orders. The matcher is sized for the
 * book it holds (orders capacity = fill + 1%), so the figure includes its preallocated arrays,
 * the price levels and the per-participant/product tables, i.e. everything a resting order costs.
 */
public final class FootprintBench
{
    private FootprintBench()
    {
    }

    public record Result(long liveOrders, long retainedBytes, double bytesPerOrder)
    {
    }

    public static Result measure(final CommandTape tape)
    {
        final int fill = tape.fillEnd() - tape.setupCount();
        final int levels = distinctLevels(tape.workload());
        final MatcherContext ctx = new MatcherContext()
            .ordersMax(fill + fill / 100 + 1024)
            .levelsMax(levels + levels / 10 + tape.workload().products() * 64 + 1024)
            .participantsMax(tape.workload().accounts() + 16)
            .productsMax(tape.workload().products() + 16)
            .conclude();
        final long beforeBytes = retainedBytes();
        final MatcherDriver driver = new MatcherDriver(tape, ctx).prepare();
        final long afterBytes = retainedBytes();
        final long live = driver.matcher().liveOrderCount();
        Reference.reachabilityFence(driver);
        if (live <= 0)
        {
            throw new IllegalStateException("no resting orders after the fill");
        }
        final Result r = new Result(live, afterBytes - beforeBytes, (afterBytes - beforeBytes) / (double)live);
        System.out.printf(Locale.ROOT, "FOOTPRINT workload=%s resting_orders=%d retained_bytes=%d bytes_per_order=%.1f%n",
            tape.workload().name(), r.liveOrders(), r.retainedBytes(), r.bytesPerOrder());
        System.out.printf(Locale.ROOT, "FOOTPRINT sized ordersMax=%d levelsMax=%d (%d distinct levels in the fill)%n",
            ctx.ordersMax(), ctx.levelsMax(), levels);
        return r;
    }

    /** Price levels the fill occupies: the level store is sized for them, not for one level per order. */
    private static int distinctLevels(final Workload w)
    {
        final java.util.HashSet<Long> keys = new java.util.HashSet<>();
        for (int i = 0; i < w.fillCommands(); i++)
        {
            keys.add(((long)w.product[i] << 40) ^ ((long)w.side[i] << 39) ^ w.priceTicks[i]);
        }
        return keys.size();
    }

    private static long retainedBytes()
    {
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++)
        {
            System.gc();
            try
            {
                Thread.sleep(50);
            }
            catch (final InterruptedException e)
            {
                Thread.currentThread().interrupt();
            }
        }
        long direct = 0;
        for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
        {
            direct += pool.getMemoryUsed();
        }
        return memory.getHeapMemoryUsage().getUsed() + direct;
    }
}
