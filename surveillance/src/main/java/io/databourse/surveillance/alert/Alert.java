package io.databourse.surveillance.alert;

import java.util.List;

/**
 * One alert: what was seen ({@link AlertType}), how urgent, who and what it concerns, the
 * evidence, the journal seq of the record that completed the pattern ({@code seq}, with its
 * stamped time) and a plain-language text. Ids run 1, 2, 3, ... in journal order; the same journal
 * always raises the same alerts with the same ids.
 */
public record Alert(
    long id,
    AlertType type,
    Severity severity,
    long seq,
    long timeNs,
    List<String> participants,
    List<String> products,
    List<TradeEvidence> trades,
    List<OrderEvidence> orders,
    List<RefusalEvidence> refusals,
    String text)
{
    public Alert
    {
        if (id <= 0 || seq <= 0)
        {
            throw new IllegalArgumentException("alert id and seq must be positive: id " + id + ", seq " + seq);
        }
        participants = List.copyOf(participants);
        products = List.copyOf(products);
        trades = List.copyOf(trades);
        orders = List.copyOf(orders);
        refusals = List.copyOf(refusals);
    }

    /** Whether the alert names this participant among those involved. */
    public boolean involves(final String participant)
    {
        return participants.contains(participant);
    }

    /** Whether the alert concerns this product. */
    public boolean concerns(final String product)
    {
        return products.contains(product);
    }
}
