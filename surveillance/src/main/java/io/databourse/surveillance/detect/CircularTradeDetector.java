package io.databourse.surveillance.detect;

import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.BeneficialOwners;
import io.databourse.surveillance.ref.Directory;

/**
 * Circular trading: one product goes A to B, B to C and C back to A (three distinct owners: back to
 * A or to another member of A's group) within {@code circle.window.ms}, every leg at about the
 * first leg's price and quantity. Checked
 * when the closing leg (C sells to A) trades: the middle legs are C's recent purchases, the first
 * legs A's recent sales to each middle seller; at most {@code chain.walk.max} trades are visited.
 */
final class CircularTradeDetector
{
    private final Directory directory;
    private final BeneficialOwners owners;
    private final RecentTrades trades;
    private final AlertRaiser raiser;
    private final long windowNs;
    private final long priceToleranceBps;
    private final long qtyTolerancePercent;
    private final int walkMax;

    CircularTradeDetector(
        final SurveillanceContext ctx, final Directory directory, final BeneficialOwners owners,
        final RecentTrades trades, final AlertRaiser raiser)
    {
        this.directory = directory;
        this.owners = owners;
        this.trades = trades;
        this.raiser = raiser;
        this.windowNs = ctx.nanos(SurveillanceSetting.CIRCLE_WINDOW_MS);
        this.priceToleranceBps = ctx.get(SurveillanceSetting.CIRCLE_PRICE_TOLERANCE_BPS);
        this.qtyTolerancePercent = ctx.get(SurveillanceSetting.CIRCLE_QTY_TOLERANCE_PERCENT);
        this.walkMax = ctx.intValue(SurveillanceSetting.CHAIN_WALK_MAX);
    }

    void onTrade(final long closing)
    {
        final int a = trades.buyer(closing);
        final int c = trades.seller(closing);
        if (a == c)
        {
            return;
        }
        final int product = trades.product(closing);
        final long timeNs = trades.timeNs(closing);
        int walked = 0;
        for (long middle = trades.headOfBuyer(product, c);
            RecentTrades.NONE != middle && walked < walkMax;
            middle = trades.previousOfBuyer(middle))
        {
            walked++;
            if (timeNs - trades.timeNs(middle) > windowNs)
            {
                return;
            }
            final int b = trades.seller(middle);
            if (b == a || b == c || sameOwner(b, a))
            {
                continue;
            }
            // the first leg: one of A's owner (A, or its group) sold to B
            for (int k = 0; k < owners.ownerSize(a) && walked < walkMax; k++)
            {
                for (long first = trades.headOfPair(product, b, owners.ownerMember(a, k));
                    RecentTrades.NONE != first && walked < walkMax;
                    first = trades.previousOfPair(first))
                {
                    walked++;
                    if (first > middle)
                    {
                        continue;
                    }
                    if (timeNs - trades.timeNs(first) > windowNs)
                    {
                        break;
                    }
                    if (alike(first, middle) && alike(first, closing))
                    {
                        raise(first, middle, closing);
                        return;
                    }
                }
            }
        }
    }

    private boolean sameOwner(final int p, final int q)
    {
        final int group = owners.groupOf(p);
        return BeneficialOwners.NO_GROUP != group && group == owners.groupOf(q);
    }

    private boolean alike(final long first, final long leg)
    {
        return Similarity.priceWithin(trades.priceFen(leg), trades.priceFen(first), priceToleranceBps) &&
            Similarity.qtyWithin(trades.qty(leg), trades.qty(first), qtyTolerancePercent);
    }

    private void raise(final long first, final long middle, final long closing)
    {
        final int a = trades.seller(first);
        final int b = trades.buyer(first);
        final int c = trades.buyer(middle);
        final int back = trades.buyer(closing);
        final StringBuilder sb = new StringBuilder(200);
        sb.append(directory.productId(trades.product(closing))).append(" went round a circle in ")
            .append(Texts.duration(trades.timeNs(closing) - trades.timeNs(first))).append(": ");
        leg(sb, first).append(", ");
        leg(sb, middle).append(", ");
        leg(sb, closing).append(" back to where it started");
        if (back != a)
        {
            sb.append(" (").append(directory.participantId(a)).append(" and ").append(directory.participantId(back))
                .append(" belong to group ").append(owners.groupName(owners.groupOf(a))).append(')');
        }
        sb.append(", so no owner's position changed.");
        raiser.begin(AlertType.CIRCULAR_TRADE, Severity.HIGH)
            .participant(a).participant(b).participant(c).participant(back)
            .trade(first).trade(middle).trade(closing)
            .raise(sb.toString());
    }

    private StringBuilder leg(final StringBuilder sb, final long n)
    {
        return sb.append(directory.participantId(trades.seller(n))).append(" sold ").append(trades.qty(n))
            .append(" to ").append(directory.participantId(trades.buyer(n))).append(" at ")
            .append(Texts.yuan(trades.priceFen(n)));
    }
}
