package io.databourse.surveillance.detect;

import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.BeneficialOwners;

/**
 * Wash d.trades. A trade whose buyer and seller have one beneficial owner (the same participant or
 * the same group) changes nothing: high severity. A round trip, A sells to B and B sells the same
 * product back to A within {@code wash.window.ms} at about the same price and quantity, leaves
 * both where they started: medium (high as well when they share an owner). Round trips are
 * between owners: A sells to X and X sells to B, A and B of one group, is one too (a ring across
 * a group through an outsider). One alert per offending trade, with the earlier leg when there is one.
 */
final class WashTradeDetector
{
    private final Detection d;
    private final Detection.Legs legs;

    WashTradeDetector(final Detection d)
    {
        this.d = d;
        this.legs = new Detection.Legs(d.ctx, SurveillanceSetting.WASH_WINDOW_MS,
            SurveillanceSetting.WASH_PRICE_TOLERANCE_BPS, SurveillanceSetting.WASH_QTY_TOLERANCE_PERCENT);
    }

    void onTrade(final long n)
    {
        final int buyer = d.trades.buyer(n);
        final int seller = d.trades.seller(n);
        final int group = d.owners.groupOf(buyer);
        final boolean sameOwner = buyer == seller || (BeneficialOwners.NO_GROUP != group && group == d.owners.groupOf(seller));
        final long firstLeg = buyer == seller ? RecentTrades.NONE : earlierLegOfRoundTrip(n, buyer, seller);
        if (!sameOwner && RecentTrades.NONE == firstLeg)
        {
            return;
        }
        final AlertRaiser.Draft draft = d.raiser.begin(AlertType.WASH_TRADE, sameOwner ? Severity.HIGH : Severity.MEDIUM)
            .participant(seller).participant(buyer);
        if (RecentTrades.NONE != firstLeg)
        {
            draft.participant(d.trades.seller(firstLeg)).participant(d.trades.buyer(firstLeg)).trade(firstLeg);
        }
        draft.trade(n);
        draft.raise(text(n, buyer, seller, sameOwner, group, firstLeg));
    }

    /**
     * The newest earlier trade, within the window and alike, in which this trade's seller's owner
     * bought the product from its buyer's owner (owner: the participant, or every member of its
     * group): the units went back where they came from. -1 ({@code NONE}) when there is none.
     */
    private long earlierLegOfRoundTrip(final long n, final int buyer, final int seller)
    {
        final int product = d.trades.product(n);
        final long timeNs = d.trades.timeNs(n);
        long found = RecentTrades.NONE;
        int walked = 0;
        for (int i = 0; i < d.owners.ownerSize(seller); i++)
        {
            final int firstBuyer = d.owners.ownerMember(seller, i);
            for (int j = 0; j < d.owners.ownerSize(buyer); j++)
            {
                final int firstSeller = d.owners.ownerMember(buyer, j);
                for (long m = d.trades.headOfPair(product, firstBuyer, firstSeller);
                    RecentTrades.NONE != m && m > found && walked < d.walkMax;
                    m = d.trades.previousOfPair(m))
                {
                    walked++;
                    if (timeNs - d.trades.timeNs(m) > legs.windowNs())
                    {
                        break;
                    }
                    if (m != n && legs.alike(d.trades, m, n))
                    {
                        found = m;
                        break;
                    }
                }
            }
        }
        return found;
    }

    private String text(
        final long n, final int buyer, final int seller, final boolean sameOwner, final int group, final long firstLeg)
    {
        final StringBuilder sb = new StringBuilder(160);
        sb.append(d.directory.participantId(seller)).append(" sold ").append(d.trades.qty(n)).append(' ')
            .append(d.directory.productId(d.trades.product(n))).append(" to ").append(d.directory.participantId(buyer))
            .append(" at ").append(Texts.yuan(d.trades.priceFen(n)));
        if (RecentTrades.NONE != firstLeg)
        {
            final int firstSeller = d.trades.seller(firstLeg);
            final int firstBuyer = d.trades.buyer(firstLeg);
            sb.append(", ").append(Texts.duration(d.trades.timeNs(n) - d.trades.timeNs(firstLeg))).append(" after ")
                .append(firstBuyer == seller ? "buying " : d.directory.participantId(firstBuyer) + " bought ")
                .append(d.trades.qty(firstLeg)).append(" from ")
                .append(firstSeller == buyer ? "it" : d.directory.participantId(firstSeller)).append(" at ")
                .append(Texts.yuan(d.trades.priceFen(firstLeg)));
            if (firstSeller != buyer)
            {
                sb.append("; ").append(d.directory.participantId(firstSeller)).append(" and ")
                    .append(d.directory.participantId(buyer)).append(" belong to group ")
                    .append(d.owners.groupName(d.owners.groupOf(buyer))).append(" (one beneficial owner)");
            }
            if (firstBuyer != seller)
            {
                sb.append("; ").append(d.directory.participantId(firstBuyer)).append(" and ")
                    .append(d.directory.participantId(seller)).append(" belong to group ")
                    .append(d.owners.groupName(d.owners.groupOf(seller))).append(" (one beneficial owner)");
            }
            sb.append(": a round trip with no economic change");
        }
        if (sameOwner)
        {
            sb.append(RecentTrades.NONE != firstLeg ? "; " : ": ");
            if (buyer == seller)
            {
                sb.append("buyer and seller are the same participant");
            }
            else
            {
                sb.append("both belong to group ").append(d.owners.groupName(group))
                    .append(" (one beneficial owner), so no ownership changed");
            }
        }
        return sb.append('.').toString();
    }
}
