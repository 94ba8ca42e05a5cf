package io.databourse.surveillance.detect;

import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.BeneficialOwners;

/**
 * Circular trading: one product goes A to B, B to C and C back to A (three distinct owners: back to
 * A or to another member of A's group) within {@code circle.window.ms}, every leg at about the
 * first leg's price and quantity. Checked
 * when the closing leg (C sells to A) trades: the middle legs are C's recent purchases, the first
 * legs A's recent sales to each middle seller; at most {@code chain.walk.max} trades are visited.
 */
final class CircularTradeDetector
{
    private final Detection d;
    private final Detection.Legs legs;

    CircularTradeDetector(final Detection d)
    {
        this.d = d;
        this.legs = new Detection.Legs(d.ctx, SurveillanceSetting.CIRCLE_WINDOW_MS,
            SurveillanceSetting.CIRCLE_PRICE_TOLERANCE_BPS, SurveillanceSetting.CIRCLE_QTY_TOLERANCE_PERCENT);
    }

    void onTrade(final long closing)
    {
        final int a = d.trades.buyer(closing);
        final int c = d.trades.seller(closing);
        if (a == c)
        {
            return;
        }
        final int product = d.trades.product(closing);
        final long timeNs = d.trades.timeNs(closing);
        int walked = 0;
        for (long middle = d.trades.headOfBuyer(product, c);
            RecentTrades.NONE != middle && walked < d.walkMax;
            middle = d.trades.previousOfBuyer(middle))
        {
            walked++;
            if (timeNs - d.trades.timeNs(middle) > legs.windowNs())
            {
                return;
            }
            final int b = d.trades.seller(middle);
            if (b == a || b == c || sameOwner(b, a))
            {
                continue;
            }
            // the first leg: one of A's owner (A, or its group) sold to B
            for (int k = 0; k < d.owners.ownerSize(a) && walked < d.walkMax; k++)
            {
                for (long first = d.trades.headOfPair(product, b, d.owners.ownerMember(a, k));
                    RecentTrades.NONE != first && walked < d.walkMax;
                    first = d.trades.previousOfPair(first))
                {
                    walked++;
                    if (first > middle)
                    {
                        continue;
                    }
                    if (timeNs - d.trades.timeNs(first) > legs.windowNs())
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
        final int group = d.owners.groupOf(p);
        return BeneficialOwners.NO_GROUP != group && group == d.owners.groupOf(q);
    }

    private boolean alike(final long first, final long leg)
    {
        return legs.alike(d.trades, first, leg);
    }

    private void raise(final long first, final long middle, final long closing)
    {
        final int a = d.trades.seller(first);
        final int b = d.trades.buyer(first);
        final int c = d.trades.buyer(middle);
        final int back = d.trades.buyer(closing);
        final StringBuilder sb = new StringBuilder(200);
        sb.append(d.directory.productId(d.trades.product(closing))).append(" went round a circle in ")
            .append(Texts.duration(d.trades.timeNs(closing) - d.trades.timeNs(first))).append(": ");
        leg(sb, first).append(", ");
        leg(sb, middle).append(", ");
        leg(sb, closing).append(" back to where it started");
        if (back != a)
        {
            sb.append(" (").append(d.directory.participantId(a)).append(" and ").append(d.directory.participantId(back))
                .append(" belong to group ").append(d.owners.groupName(d.owners.groupOf(a))).append(')');
        }
        sb.append(", so no owner's position changed.");
        d.raiser.begin(AlertType.CIRCULAR_TRADE, Severity.HIGH)
            .participant(a).participant(b).participant(c).participant(back)
            .trade(first).trade(middle).trade(closing)
            .raise(sb.toString());
    }

    private StringBuilder leg(final StringBuilder sb, final long n)
    {
        return sb.append(d.directory.participantId(d.trades.seller(n))).append(" sold ").append(d.trades.qty(n))
            .append(" to ").append(d.directory.participantId(d.trades.buyer(n))).append(" at ")
            .append(Texts.yuan(d.trades.priceFen(n)));
    }
}
