package io.databourse.surveillance.detect;

import io.databourse.journal.schema.Codes;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;

/**
 * Price ramping and marking the close. On each trade, with its aggressor X: over the product's
 * trades of the last {@code ramp.window.ms} (at most {@code chain.walk.max}), the last price moved
 * from the price before the window's first trade by at least {@code ramp.move.bps} in the
 * direction X traded, and X made at least {@code ramp.share.percent} of the window's quantity as
 * aggressor in that direction, and at least {@code ramp.trades.min} of its trades each moved the last
 * price further that way (a single jump is a price deviation, not a ramp). Within {@code close.window.ms} before a compute product's delivery
 * window opens, the threshold is {@code close.move.bps} and the alert is "marking the close".
 */
final class RampingDetector
{
    private final Detection d;
    private static final int EVIDENCE_TRADES_MAX = 32;

    private final long windowNs;
    private final long moveBps;
    private final long sharePercent;
    private final int tradesMin;
    private final long closeWindowNs;
    private final long closeMoveBps;
    private final long[] evidence = new long[EVIDENCE_TRADES_MAX];
    /**
     * Per product, the oldest trade of the window as of its last trade: a cache (never in the
     * snapshot) that only moves forward, so finding the window's start costs O(1) amortized and a
     * trade whose window moved the price too little is dismissed without a walk.
     */
    private final long[] windowStart;

    RampingDetector(final Detection d)
    {
        this.d = d;
        this.windowNs = d.ctx.nanos(SurveillanceSetting.RAMP_WINDOW_MS);
        this.moveBps = d.ctx.get(SurveillanceSetting.RAMP_MOVE_BPS);
        this.sharePercent = d.ctx.get(SurveillanceSetting.RAMP_SHARE_PERCENT);
        this.tradesMin = d.ctx.intValue(SurveillanceSetting.RAMP_TRADES_MIN);
        this.closeWindowNs = d.ctx.nanos(SurveillanceSetting.CLOSE_WINDOW_MS);
        this.closeMoveBps = d.ctx.get(SurveillanceSetting.CLOSE_MOVE_BPS);
        this.windowStart = new long[d.ctx.intValue(SurveillanceSetting.PRODUCTS_MAX)];
        java.util.Arrays.fill(windowStart, RecentTrades.NONE);
    }

    /**
     * The oldest trade of {@code n}'s window: the oldest of the product's last {@code chain.walk.max}
     * trades (n included) stamped within {@code ramp.window.ms} of n. A pure function of the held
     * trades, cached per product: it only moves forward as trades come.
     */
    private long oldestInWindow(final long n, final int product, final long timeNs)
    {
        long start = windowStart[product];
        if (RecentTrades.NONE == start || !d.trades.isHeld(start) || d.trades.product(start) != product || start > n)
        {
            start = walkedOldest(n, timeNs); // first use, or after a restore or an eviction
        }
        else
        {
            while (start != n && (timeNs - d.trades.timeNs(start) > windowNs ||
                d.trades.productTradesBetween(start, n) >= d.walkMax))
            {
                start = d.trades.nextOfProduct(start);
            }
        }
        assert start == walkedOldest(n, timeNs) : "cached window start " + start + " is not the walked one";
        windowStart[product] = start;
        return start;
    }

    /** The window's oldest trade found by walking back from {@code n} (what the cache must equal). */
    private long walkedOldest(final long n, final long timeNs)
    {
        long oldest = n;
        long m = d.trades.previousOfProduct(n);
        for (int walked = 1; RecentTrades.NONE != m && walked < d.walkMax; walked++, m = d.trades.previousOfProduct(m))
        {
            if (timeNs - d.trades.timeNs(m) > windowNs)
            {
                break;
            }
            oldest = m;
        }
        return oldest;
    }

    void onTrade(final long n)
    {
        final byte side = d.trades.aggressorSide(n);
        if (side == Codes.Side.NONE)
        {
            return; // a call auction's uncross: no aggressor moved the price
        }
        final int aggressor = Codes.Side.BUY == side ? d.trades.buyer(n) : d.trades.seller(n);
        final int product = d.trades.product(n);
        final long timeNs = d.trades.timeNs(n);
        final boolean nearOpening = d.directory.isCompute(product) &&
            d.directory.windowStartNs(product) >= timeNs && d.directory.windowStartNs(product) - timeNs <= closeWindowNs;
        final long threshold = nearOpening ? closeMoveBps : moveBps;
        final long direction = Codes.Side.BUY == side ? 1 : -1;
        final long start = oldestInWindow(n, product, timeNs);
        final long startFen = 0 != d.trades.prevPriceFen(start) ? d.trades.prevPriceFen(start) :
            d.directory.referencePriceFen(product);
        if (startFen <= 0 || direction * Texts.bps(d.trades.priceFen(n) - startFen, startFen) < threshold)
        {
            return; // the window moved the price too little: no walk needed
        }

        long oldest = n;
        long total = 0;
        long mine = 0;
        int evidenceCount = 0;
        int pushes = 0;
        long m = n;
        for (int walked = 0; RecentTrades.NONE != m && walked < d.walkMax; walked++, m = d.trades.previousOfProduct(m))
        {
            if (timeNs - d.trades.timeNs(m) > windowNs)
            {
                break;
            }
            oldest = m;
            total += d.trades.qty(m);
            if (d.trades.aggressorSide(m) == side &&
                aggressor == (Codes.Side.BUY == side ? d.trades.buyer(m) : d.trades.seller(m)))
            {
                mine += d.trades.qty(m);
                // a push: this trade moved the last price further in the aggressor's direction
                final long before = 0 != d.trades.prevPriceFen(m) ? d.trades.prevPriceFen(m) :
                    d.directory.referencePriceFen(product);
                if (Codes.Side.BUY == side ? d.trades.priceFen(m) > before : d.trades.priceFen(m) < before)
                {
                    pushes++;
                }
                if (evidenceCount < EVIDENCE_TRADES_MAX)
                {
                    evidence[evidenceCount++] = m;   // newest first
                }
            }
        }
        if (pushes < tradesMin)
        {
            return;
        }
        final long fromFen = 0 != d.trades.prevPriceFen(oldest) ? d.trades.prevPriceFen(oldest) :
            d.directory.referencePriceFen(product);
        if (fromFen <= 0)
        {
            return;
        }
        final long movedBps = direction * Texts.bps(d.trades.priceFen(n) - fromFen, fromFen);
        if (movedBps < threshold || Math.multiplyExact(mine, 100L) < Math.multiplyExact(sharePercent, total))
        {
            return;
        }
        final AlertType type = nearOpening ? AlertType.MARKING_THE_CLOSE : AlertType.PRICE_RAMPING;
        if (!d.throttle.tryAcquire(type, aggressor, product, timeNs))
        {
            return;
        }
        final AlertRaiser.Draft draft = d.raiser.begin(type, movedBps >= 2 * threshold ? Severity.HIGH : Severity.MEDIUM)
            .participant(aggressor).product(product);
        // evidence: the aggressor's trades of the window, oldest first (the newest 32 when there are more)
        for (int k = evidenceCount - 1; k >= 0; k--)
        {
            draft.trade(evidence[k]);
        }
        final StringBuilder sb = new StringBuilder(200);
        sb.append(d.directory.participantId(aggressor)).append("'s aggressive ")
            .append(Codes.Side.BUY == side ? "buys" : "sells").append(" moved ")
            .append(d.directory.productId(product)).append(" from ").append(Texts.yuan(fromFen)).append(" to ")
            .append(Texts.yuan(d.trades.priceFen(n))).append(" (").append(direction > 0 ? "+" : "-")
            .append(Texts.percent(movedBps)).append(") within ").append(Texts.duration(timeNs - d.trades.timeNs(oldest)))
            .append(" in ").append(pushes).append(" trades that each moved it ")
            .append(Codes.Side.BUY == side ? "up" : "down").append("; it made ")
            .append(Texts.percent(Texts.bps(mine, total))).append(" of the quantity traded");
        if (nearOpening)
        {
            sb.append(", ").append(Texts.duration(d.directory.windowStartNs(product) - timeNs))
                .append(" before the delivery window opens at ")
                .append(io.databourse.surveillance.alert.AlertJson.time(d.directory.windowStartNs(product)));
        }
        draft.raise(sb.append('.').toString());
    }
}
