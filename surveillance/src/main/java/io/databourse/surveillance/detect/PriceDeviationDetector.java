package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.journal.schema.Codes;
import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.Directory;

/**
 * Price deviation: a fill at least {@code deviation.bps} away from the product's VWAP over the
 * trailing {@code vwap.window.ms}, computed before the fill and only once the window holds
 * {@code vwap.trades.min} trades. Throttled per aggressor and product.
 */
final class PriceDeviationDetector
{
    private static final int NOTIONAL = 0;
    private static final int QTY = 1;
    private static final int COUNT = 2;

    private final Directory directory;
    private final RecentTrades trades;
    private final AlertRaiser raiser;
    private final AlertThrottle throttle;
    private final BucketedWindow vwap;
    private final long deviationBps;
    private final long tradesMin;
    private final long windowNs;

    PriceDeviationDetector(
        final SurveillanceContext ctx, final Directory directory, final RecentTrades trades, final AlertRaiser raiser,
        final AlertThrottle throttle)
    {
        this.directory = directory;
        this.trades = trades;
        this.raiser = raiser;
        this.throttle = throttle;
        this.windowNs = ctx.nanos(SurveillanceSetting.VWAP_WINDOW_MS);
        this.vwap = new BucketedWindow(ctx.intValue(SurveillanceSetting.PRODUCTS_MAX), 3, windowNs);
        this.deviationBps = ctx.get(SurveillanceSetting.DEVIATION_BPS);
        this.tradesMin = ctx.get(SurveillanceSetting.VWAP_TRADES_MIN);
    }

    void onTrade(final long n)
    {
        final int product = trades.product(n);
        final long timeNs = trades.timeNs(n);
        final long priceFen = trades.priceFen(n);
        if (vwap.sum(product, timeNs, COUNT) >= tradesMin)
        {
            final long vwapFen = vwap.sum(product, timeNs, NOTIONAL) / vwap.sum(product, timeNs, QTY);
            final long deviation = Texts.bps(Math.abs(priceFen - vwapFen), Math.max(1, vwapFen));
            final boolean buyAggressor = Codes.Side.BUY == trades.aggressorSide(n);
            final int aggressor = buyAggressor ? trades.buyer(n) : trades.seller(n);
            if (deviation >= deviationBps && throttle.tryAcquire(AlertType.PRICE_DEVIATION, aggressor, product, timeNs))
            {
                raiser.begin(AlertType.PRICE_DEVIATION, deviation >= 2 * deviationBps ? Severity.MEDIUM : Severity.LOW)
                    .participant(aggressor).participant(buyAggressor ? trades.seller(n) : trades.buyer(n))
                    .trade(n)
                    .raise("Trade " + trades.tradeId(n) + ": " + directory.participantId(trades.seller(n)) + " sold " +
                        trades.qty(n) + " " + directory.productId(product) + " to " +
                        directory.participantId(trades.buyer(n)) + " at " + Texts.yuan(priceFen) + ", " +
                        Texts.percent(deviation) + (priceFen > vwapFen ? " above" : " below") + " the VWAP of " +
                        Texts.yuan(vwapFen) + " over the last " + Texts.duration(windowNs) + " (" +
                        directory.participantId(aggressor) + " was the aggressor).");
            }
        }
        vwap.add(product, timeNs, NOTIONAL, trades.valueFen(n));
        vwap.add(product, timeNs, QTY, trades.qty(n));
        vwap.add(product, timeNs, COUNT, 1);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        vwap.writeSnapshot(out, directory.productsMax());
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        vwap.readSnapshot(in);
    }
}
