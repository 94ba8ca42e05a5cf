package io.databourse.surveillance.alert;

/**
 * An order an alert points at. {@code seq} and {@code timeNs} are those of its entry when the stage
 * still remembered it ({@code recent.orders.max}), otherwise of the first record that showed it
 * to the detector.
 */
public record OrderEvidence(
    long orderId, long seq, long timeNs, String participant, String product, String side, long priceFen, long qty)
{
}
