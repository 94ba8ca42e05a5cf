package io.databourse.surveillance.alert;

/**
 * A refused command an alert points at: its journal seq, the command type and reject reason (wire
 * names), the request's id (clOrdId or request id, "" when none) and the product it named ("" when
 * the command names none).
 */
public record RefusalEvidence(
    long seq, long timeNs, String participant, String command, String reason, String requestId, String product)
{
}
