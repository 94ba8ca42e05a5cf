package io.databourse.surveillance.detect;

import io.databourse.surveillance.SurveillanceContext;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.Severity;
import io.databourse.surveillance.ref.BeneficialOwners;
import io.databourse.surveillance.ref.Directory;

/**
 * Wash trades. A trade whose buyer and seller have one beneficial owner (the same participant or
 * the same group) changes nothing: high severity. A round trip, A sells to B and B sells the same
 * product back to A within {@code wash.window.ms} at about the same price and quantity, leaves
 * both where they started: medium (high as well when they share an owner). Round trips are
 * between owners: A sells to X and X sells to B, A and B of one group, is one too (a ring across
 * a group through an outsider). One alert per offending trade, with the earlier leg when there is one.
 */
final class WashTradeDetector
{
    private final Directory directory;
    private final BeneficialOwners owners;
    private final RecentTrades trades;
    private final AlertRaiser raiser;
    private final long windowNs;
    private final long priceToleranceBps;
    private final long qtyTolerancePercent;
    private final int walkMax;

    WashTradeDetector(
        final SurveillanceContext ctx, final Directory directory, final BeneficialOwners owners,
        final RecentTrades trades, final AlertRaiser raiser)
    {
        this.directory = directory;
        this.owners = owners;
        this.trades = trades;
        this.raiser = raiser;
        this.windowNs = ctx.nanos(SurveillanceSetting.WASH_WINDOW_MS);
        this.priceToleranceBps = ctx.get(SurveillanceSetting.WASH_PRICE_TOLERANCE_BPS);
        this.qtyTolerancePercent = ctx.get(SurveillanceSetting.WASH_QTY_TOLERANCE_PERCENT);
        this.walkMax = ctx.intValue(SurveillanceSetting.CHAIN_WALK_MAX);
    }

    void onTrade(final long n)
    {
        final int buyer = trades.buyer(n);
        final int seller = trades.seller(n);
        final int group = owners.groupOf(buyer);
        final boolean sameOwner = buyer == seller || (BeneficialOwners.NO_GROUP != group && group == owners.groupOf(seller));
        final long firstLeg = buyer == seller ? RecentTrades.NONE : earlierLegOfRoundTrip(n, buyer, seller);
        if (!sameOwner && RecentTrades.NONE == firstLeg)
        {
            return;
        }
        final AlertRaiser.Draft draft = raiser.begin(AlertType.WASH_TRADE, sameOwner ? Severity.HIGH : Severity.MEDIUM)
            .participant(seller).participant(buyer);
        if (RecentTrades.NONE != firstLeg)
        {
            draft.participant(trades.seller(firstLeg)).participant(trades.buyer(firstLeg)).trade(firstLeg);
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
        final int product = trades.product(n);
        final long timeNs = trades.timeNs(n);
        long found = RecentTrades.NONE;
        int walked = 0;
        for (int i = 0; i < owners.ownerSize(seller); i++)
        {
            final int firstBuyer = owners.ownerMember(seller, i);
            for (int j = 0; j < owners.ownerSize(buyer); j++)
            {
                final int firstSeller = owners.ownerMember(buyer, j);
                for (long m = trades.headOfPair(product, firstBuyer, firstSeller);
                    RecentTrades.NONE != m && m > found && walked < walkMax;
                    m = trades.previousOfPair(m))
                {
                    walked++;
                    if (timeNs - trades.timeNs(m) > windowNs)
                    {
                        break;
                    }
                    if (m != n &&
                        Similarity.priceWithin(trades.priceFen(n), trades.priceFen(m), priceToleranceBps) &&
                        Similarity.qtyWithin(trades.qty(n), trades.qty(m), qtyTolerancePercent))
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
        sb.append(directory.participantId(seller)).append(" sold ").append(trades.qty(n)).append(' ')
            .append(directory.productId(trades.product(n))).append(" to ").append(directory.participantId(buyer))
            .append(" at ").append(Texts.yuan(trades.priceFen(n)));
        if (RecentTrades.NONE != firstLeg)
        {
            final int firstSeller = trades.seller(firstLeg);
            final int firstBuyer = trades.buyer(firstLeg);
            sb.append(", ").append(Texts.duration(trades.timeNs(n) - trades.timeNs(firstLeg))).append(" after ")
                .append(firstBuyer == seller ? "buying " : directory.participantId(firstBuyer) + " bought ")
                .append(trades.qty(firstLeg)).append(" from ")
                .append(firstSeller == buyer ? "it" : directory.participantId(firstSeller)).append(" at ")
                .append(Texts.yuan(trades.priceFen(firstLeg)));
            if (firstSeller != buyer)
            {
                sb.append("; ").append(directory.participantId(firstSeller)).append(" and ")
                    .append(directory.participantId(buyer)).append(" belong to group ")
                    .append(owners.groupName(owners.groupOf(buyer))).append(" (one beneficial owner)");
            }
            if (firstBuyer != seller)
            {
                sb.append("; ").append(directory.participantId(firstBuyer)).append(" and ")
                    .append(directory.participantId(seller)).append(" belong to group ")
                    .append(owners.groupName(owners.groupOf(seller))).append(" (one beneficial owner)");
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
                sb.append("both belong to group ").append(owners.groupName(group))
                    .append(" (one beneficial owner), so no ownership changed");
            }
        }
        return sb.append('.').toString();
    }
}
