package io.databourse.surveillance.alert;

/** A trade an alert points at, as the journal's trade event gave it (prices in fen). */
public record TradeEvidence(
    long tradeId, long seq, long timeNs, String product, String buyer, String seller, long priceFen, long qty,
    long buyOrderId, long sellOrderId)
{
    /** Value of the fill in fen: price x quantity. */
    public long valueFen()
    {
        return Math.multiplyExact(priceFen, qty);
    }
}
