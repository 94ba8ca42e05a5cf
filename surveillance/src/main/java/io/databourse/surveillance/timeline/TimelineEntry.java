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
}
