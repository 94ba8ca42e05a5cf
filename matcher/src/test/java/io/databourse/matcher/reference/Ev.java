package io.databourse.matcher.reference;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;

/**
 * One expected (or observed) event as a plain value. The reference model builds these directly; the
 * differential test decodes the matcher's event flyweights into the same records, so that two
 * event lists can be compared with {@code equals} and printed readably on a mismatch.
 */
public sealed interface Ev
{
    /** accepted / cancelled / expired / replaced. {@code sessionId} is the header's. */
    record Order(
        int type, long orderId, int participant, int product, String clOrdId, String origClOrdId,
        int side, int ordType, int tif, boolean postOnly, int stp, int reason, boolean priorityKept,
        long priceFen, long orderQty, long leavesQty, long cumQty, long cumNotionalFen, int sessionId, int purpose,
        long reservedFen)
        implements Ev
    {
        @Override
        public String toString()
        {
            return MessageType.nameOf(type) + "{id=" + orderId + " p=" + participant + " prod=" + product +
                " cl=" + clOrdId + " orig=" + origClOrdId + " " + Codes.nameOf(Codes.Side.NAMES, side) +
                " " + Codes.nameOf(Codes.OrdType.NAMES, ordType) + " " + Codes.nameOf(Codes.TimeInForce.NAMES, tif) +
                (postOnly ? " postOnly" : "") + " stp=" + stp +
                (type == MessageType.ORDER_CANCELLED || type == MessageType.ORDER_EXPIRED ?
                " reason=" + Codes.nameOf(Codes.CancelReason.NAMES, reason) : "") +
                (type == MessageType.ORDER_REPLACED ? " kept=" + priorityKept : "") +
                " px=" + priceFen + " qty=" + orderQty + " leaves=" + leavesQty + " cum=" + cumQty +
                " notional=" + cumNotionalFen + " sess=" + sessionId + (purpose == 0 ? "" : " purpose=" + purpose) +
                (reservedFen == 0 ? "" : " reserved=" + reservedFen) + "}";
        }
    }

    record Trade(
        long tradeId, int product, int aggressorSide, long priceFen, long qty,
        long buyOrderId, long sellOrderId, int buyer, int seller, String buyClOrdId, String sellClOrdId,
        long buyLeavesQty, long sellLeavesQty, long buyCumQty, long sellCumQty,
        long buyCumNotionalFen, long sellCumNotionalFen, long buyOrderQty, long sellOrderQty,
        int buySessionId, int sellSessionId, long buyFeeFen, long sellFeeFen, long crossBorderRecords,
        int crossBorderYear, long buyReservedFen) implements Ev
    {
        @Override
        public String toString()
        {
            return "trade{#" + tradeId + " prod=" + product + " aggr=" + Codes.nameOf(Codes.Side.NAMES, aggressorSide) +
                " " + qty + "@" + priceFen + " buy=" + buyOrderId + "/" + buyClOrdId + "/p" + buyer +
                " sell=" + sellOrderId + "/" + sellClOrdId + "/p" + seller +
                " leaves=" + buyLeavesQty + "/" + sellLeavesQty + " cum=" + buyCumQty + "/" + sellCumQty +
                " notional=" + buyCumNotionalFen + "/" + sellCumNotionalFen + " ordQty=" + buyOrderQty + "/" + sellOrderQty +
                " sess=" + buySessionId + "/" + sellSessionId + " fee=" + buyFeeFen + "/" + sellFeeFen +
                (crossBorderRecords == 0 ? "" : " records=" + crossBorderRecords + "/" + crossBorderYear) + " buyReserved=" + buyReservedFen + "}";
        }
    }

    record Rejected(int commandType, int reason, int participant, String clOrdId, long orderId, int sessionId,
        String product) implements Ev
    {
        @Override
        public String toString()
        {
            final RejectReason r = RejectReason.ofCode(reason);
            return "rejected{" + MessageType.nameOf(commandType) + " " + (null == r ? "code" + reason : r.name()) +
                " p=" + participant + " cl=" + clOrdId + " order=" + orderId + " sess=" + sessionId +
                (product.isEmpty() ? "" : " product=" + product) + "}";
        }
    }

    /** deposited / withdrawn with the balances after. */
    record Cash(int type, int participant, long amountFen, long availableFen, long reservedFen) implements Ev
    {
        @Override
        public String toString()
        {
            return MessageType.nameOf(type) + "{p=" + participant + " amount=" + amountFen + " available=" +
                availableFen + " reserved=" + reservedFen + "}";
        }
    }

    /** participant_registered / participant_updated / product_registered / capacity_registered. */
    record RefData(int type, int participant, int product, long qty, long availableQty, int owner, int reviewer)
        implements Ev
    {
        /** Any reference-data event but a product's: no owner, no reviewer. */
        RefData(final int type, final int participant, final int product, final long qty, final long availableQty)
        {
            this(type, participant, product, qty, availableQty, -1, -1);
        }

        @Override
        public String toString()
        {
            return MessageType.nameOf(type) + "{p=" + participant + " prod=" + product + " qty=" + qty +
                " available=" + availableQty + (owner >= 0 ? " owner=" + owner : "") +
                (reviewer >= 0 ? " reviewer=" + reviewer : "") + "}";
        }
    }

    record Inventory(int participant, int product, long qty, long availableQty) implements Ev
    {
    }

    record MassCancelled(int participant, int product, int cancelledCount, int side, String clOrdId) implements Ev
    {
    }

    record DayEnded(int expiredCount) implements Ev
    {
    }

    record FeesSet(int kind, int makerBps, int takerBps) implements Ev
    {
    }

    record ProductStatus(int product, int fromStatus, int toStatus, int actor, String note) implements Ev
    {
    }

    /** product_reviewed / product_sponsored / cross_border_filed / cross_border_approved. */
    record Compliance(int type, int product, int participant, int actor, int decision, int grade,
        boolean personalInfo, int fromStatus, int toStatus, String requestId, String note) implements Ev
    {
    }

    /** entitlement_granted; {@code sessionId} is the header's (the buy order's session). */
    record Entitlement(int participant, int product, long tradeId, long units, long expiryNs, long seats,
        int fromParticipant, int rights, int purpose, int sessionId) implements Ev
    {
    }

    /** entitlement_drawn; {@code sessionId} is the header's (the usage report's, or the resold sell order's). */
    record Drawn(int participant, int product, long tradeId, long units, long expiryNs, int purpose, int sessionId)
        implements Ev
    {
    }

    /** usage_recorded. */
    record Usage(int participant, int product, int reporter, long units, long remainingUnits, String usageId,
        int purpose)
        implements Ev
    {
    }

    /** Anything else (not expected from the commands the generator sends). */
    record Other(int type, int length) implements Ev
    {
        @Override
        public String toString()
        {
            return MessageType.nameOf(type) + "{length=" + length + "}";
        }
    }
}
