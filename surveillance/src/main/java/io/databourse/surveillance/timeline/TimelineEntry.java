package io.databourse.surveillance.timeline;

/**
 * One journal event of an alert's evidence, in journal order: an order entered, replaced,
 * cancelled or expired ({@code orderId}, its owner, side, price, quantity and what was left open),
 * a trade ({@code tradeId}, buyer, seller, price, quantity), or a refusal ({@code reason}). Fields
 * that do not apply are 0 or "". {@code reason}: the cancel reason, or the reject reason's name.
 */
public record TimelineEntry(
    long seq,
    long timeNs,
    String event,
    long orderId,
    long tradeId,
    String product,
    String participant,
    String side,
    long priceFen,
    long qty,
    long leavesQty,
    String buyer,
    String seller,
    String reason)
{
    /** The entry in plain words, e.g. "X sold 10 D1 to Y at 10.00 (trade 7, X the aggressor)". */
    public String text()
    {
        final String price = io.databourse.surveillance.alert.AlertJson.yuan(priceFen);
        switch (event)
        {
            case "accepted":
                return participant + " entered " + side + " order " + orderId + ": " + qty + " " + product + " at " + price;
            case "replaced":
                return participant + " replaced " + side + " order " + orderId + ": " + qty + " " + product + " at " +
                    price + ", " + leavesQty + " open";
            case "cancelled":
            case "expired":
                return side + " order " + orderId + " of " + participant + " " + event + " (" + reason + "), " +
                    leavesQty + " " + product + " were open";
            case "trade":
                return seller + " sold " + qty + " " + product + " to " + buyer + " at " + price + " (trade " + tradeId +
                    ", " + participant + " the aggressor)";
            case "rejected":
                return participant + "'s command refused: " + reason;
            default:
                return event;
        }
    }
}
