package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.journal.schema.Codes;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;

/**
 * Price deviation: a fill at least {@code deviation.bps} away from the product's VWAP over the
 * trailing {@code vwap.window.ms}, computed before the fill and only once the window holds
 * {@code vwap.trades.min} d.trades. Throttled per aggressor and product.
 */
final class PriceDeviationDetector
{
    private final Detection d;
    private static final int NOTIONAL = 0;
    private static final int QTY = 1;
    private static final int COUNT = 2;

    private final BucketedWindow vwap;
    private final long deviationBps;
    private final long tradesMin;
    private final long windowNs;

    PriceDeviationDetector(final Detection d)
    {
        this.d = d;
        this.windowNs = d.ctx.nanos(SurveillanceSetting.VWAP_WINDOW_MS);
        this.vwap = new BucketedWindow(d.ctx.intValue(SurveillanceSetting.PRODUCTS_MAX), 3, windowNs);
        this.deviationBps = d.ctx.get(SurveillanceSetting.DEVIATION_BPS);
        this.tradesMin = d.ctx.get(SurveillanceSetting.VWAP_TRADES_MIN);
    }

    void onTrade(final long n)
    {
        final int product = d.trades.product(n);
        final long timeNs = d.trades.timeNs(n);
        final long priceFen = d.trades.priceFen(n);
        if (vwap.sum(product, timeNs, COUNT) >= tradesMin)
        {
            final long vwapFen = vwap.sum(product, timeNs, NOTIONAL) / vwap.sum(product, timeNs, QTY);
            final long deviation = Texts.bps(Math.abs(priceFen - vwapFen), Math.max(1, vwapFen));
            final boolean buyAggressor = Codes.Side.BUY == d.trades.aggressorSide(n);
            final int aggressor = buyAggressor ? d.trades.buyer(n) : d.trades.seller(n);
            // a call auction's uncross has no aggressor: nobody pushed that price (docs/matching-rules.md)
            if (d.trades.aggressorSide(n) != Codes.Side.NONE && deviation >= deviationBps && d.throttle.tryAcquire(AlertType.PRICE_DEVIATION, aggressor, product, timeNs))
            {
                d.raiser.begin(AlertType.PRICE_DEVIATION, deviation >= 2 * deviationBps ? Severity.MEDIUM : Severity.LOW)
                    .participant(aggressor).participant(buyAggressor ? d.trades.seller(n) : d.trades.buyer(n))
                    .trade(n)
                    .raise("Trade " + d.trades.tradeId(n) + ": " + d.directory.participantId(d.trades.seller(n)) + " sold " +
                        d.trades.qty(n) + " " + d.directory.productId(product) + " to " +
                        d.directory.participantId(d.trades.buyer(n)) + " at " + Texts.yuan(priceFen) + ", " +
                        Texts.percent(deviation) + (priceFen > vwapFen ? " above" : " below") + " the VWAP of " +
                        Texts.yuan(vwapFen) + " over the last " + Texts.duration(windowNs) + " (" +
                        d.directory.participantId(aggressor) + " was the aggressor).");
            }
        }
        vwap.add(product, timeNs, NOTIONAL, d.trades.valueFen(n));
        vwap.add(product, timeNs, QTY, d.trades.qty(n));
        vwap.add(product, timeNs, COUNT, 1);
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        vwap.writeSnapshot(out, d.directory.productsMax());
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        vwap.readSnapshot(in);
    }
}
