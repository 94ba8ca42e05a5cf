package io.databourse.surveillance.detect;

import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.ref.BeneficialOwners;
import io.databourse.surveillance.ref.Directory;

/**
 * What every detector works with, owned by the engine: the settings, the directory and the owners
 * behind participants, the recent trades, where alerts go, the throttle, and how far back a
 * detector may look for one new trade ({@code chain.walk.max}).
 */
final class Detection
{
    final SurveillanceContext ctx;
    final Directory directory;
    final BeneficialOwners owners;
    final RecentTrades trades;
    final AlertRaiser raiser;
    final AlertThrottle throttle;
    final int walkMax;

    Detection(
        final SurveillanceContext ctx, final Directory directory, final RecentTrades trades, final AlertRaiser raiser,
        final AlertThrottle throttle)
    {
        this.ctx = ctx;
        this.directory = directory;
        this.owners = directory;
        this.trades = trades;
        this.raiser = raiser;
        this.throttle = throttle;
        this.walkMax = ctx.intValue(SurveillanceSetting.CHAIN_WALK_MAX);
    }

    /** Legs of a round trip or circle "alike": within a window, at about the first leg's price and size. */
    record Legs(long windowNs, long priceToleranceBps, long qtyTolerancePercent)
    {
        Legs(final SurveillanceContext ctx, final SurveillanceSetting window, final SurveillanceSetting priceBps,
            final SurveillanceSetting qtyPercent)
        {
            this(ctx.nanos(window), ctx.get(priceBps), ctx.get(qtyPercent));
        }

        /** Trade {@code leg} at about trade {@code reference}'s price and quantity. */
        boolean alike(final RecentTrades trades, final long reference, final long leg)
        {
            return Similarity.priceWithin(trades.priceFen(leg), trades.priceFen(reference), priceToleranceBps) &&
                Similarity.qtyWithin(trades.qty(leg), trades.qty(reference), qtyTolerancePercent);
        }
    }
}
