package io.databourse.settlement.position;

import java.util.List;

/**
 * An immutable, internally consistent picture of one participant's position as of journal
 * {@code seq}: what an HTTP handler serves (it reads a reference, never the stage's mutable state).
 * Money in fen.
 */
public record PositionView(
    String participant,
    long seq,
    long cashAvailableFen,
    long cashReservedFen,
    List<Holding> holdings,
    List<Entitlement> entitlements,
    long openBuyExposureFen,
    List<OpenSell> openSells,
    List<Pledge> pledges,
    long pledgedCollateralFen,
    long markToMarketFen)
{
    /** Units held, the product's mark (the index stage's, docs/indexes.md) and their value. */
    public record Holding(String product, long qty, long markPriceFen, long valueFen)
    {
    }

    /**
     * Unexpired units left on the participant's entitlements of a product, and when the first of
     * them expires ({@code EntitlementBook.NEVER_NS}: never).
     */
    public record Entitlement(String product, long remainingUnits, long nextExpiryNs)
    {
    }

    /** Units offered on open sell orders of a product. */
    public record OpenSell(String product, long qty)
    {
    }

    /**
     * A pledge the participant gave (as pledgor) or holds (as lender): collateral = qty x mark x (1 -
     * haircut); cover = the collateral value at registration; in margin call while qty x mark (the
     * market value) is below the cover, i.e. while the mark is below {@code coverPriceFen}.
     */
    public record Pledge(
        String pledgeId, String lender, String pledgor, String product, long qty, int haircutBps, long priceFen,
        String markBasis, long collateralFen, long coverFen, long coverPriceFen, long marketValueFen,
        boolean marginCall, boolean active)
    {
    }
}
