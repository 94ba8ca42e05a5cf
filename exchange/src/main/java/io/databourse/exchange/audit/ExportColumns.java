package io.databourse.exchange.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The columns of {@code audit export --format csv}: {@code seq,type,time}, then each selected event
 * type's fields in the order listed here, each column once (docs/audit.md lists them). They are the
 * fields of the documented JSON form of each event ({@code EventJsonWriter}); a test checks that no
 * field the writer emits is missing here.
 */
final class ExportColumns
{
    static final List<String> COMMON = List.of("seq", "type", "time");

    static final Map<String, List<String>> BY_TYPE = Map.ofEntries(
        Map.entry("accepted", List.of("orderId", "clOrdId", "participant", "product", "side", "ordType", "tif", "price",
            "qty", "postOnly", "purpose", "reserved")),
        Map.entry("cancelled", List.of("orderId", "clOrdId", "origClOrdId", "participant", "product", "side", "reason",
            "cancelledQty", "cumQty", "released")),
        Map.entry("expired", List.of("orderId", "clOrdId", "origClOrdId", "participant", "product", "side", "reason",
            "cancelledQty", "cumQty", "released")),
        Map.entry("replaced", List.of("orderId", "clOrdId", "origClOrdId", "participant", "product", "side", "price",
            "qty", "leavesQty", "cumQty", "priorityKept", "reserved")),
        Map.entry("rejected", List.of("command", "clOrdId", "id", "participant", "product", "orderId", "reason", "text")),
        Map.entry("trade", List.of("tradeId", "product", "price", "qty", "buyClOrdId", "sellClOrdId", "buyer", "seller",
            "aggressor", "buyOrderId", "sellOrderId", "buyLeavesQty", "sellLeavesQty", "buyFee", "sellFee",
            "buyReserved", "crossBorderRecords", "crossBorderYear")),
        Map.entry("participant_registered", List.of("participant", "roles", "qualification", "jurisdiction",
            "localTaxpayer", "status", "group", "by", "note")),
        Map.entry("participant_updated", List.of("participant", "roles", "qualification", "jurisdiction",
            "localTaxpayer", "status", "group", "by", "note")),
        Map.entry("product_registered", List.of("product", "kind", "grade", "status", "tick", "lot", "band",
            "referencePrice", "hardware", "region", "windowStart", "windowEnd", "rights", "delivery", "crossBorder",
            "personalInfo", "usagePerLot", "termDays", "recordsPerLot", "purposes", "seats", "runsPerSeat", "version",
            "deployment", "openingAuction", "owner", "sponsor", "reviewedBy", "by")),
        Map.entry("product_snapshot", List.of("product", "kind", "grade", "status", "tick", "lot", "band",
            "referencePrice", "hardware", "region", "windowStart", "windowEnd", "rights", "delivery", "crossBorder",
            "personalInfo", "usagePerLot", "termDays", "recordsPerLot", "purposes", "seats", "runsPerSeat", "version",
            "deployment", "openingAuction", "owner", "sponsor", "reviewedBy", "by", "currentStatus", "lastPrice")),
        Map.entry("capacity_registered", List.of("participant", "product", "nodes", "nodeHours", "available")),
        Map.entry("product_status_changed", List.of("product", "from", "to", "by", "note")),
        Map.entry("auction_started", List.of("product", "cause", "endsAt", "by")),
        Map.entry("auction_indicative", List.of("product", "price", "volume", "surplus", "rule")),
        Map.entry("auction_uncrossed", List.of("product", "cause", "price", "volume", "surplus", "rule", "by")),
        Map.entry("product_reviewed", List.of("id", "product", "by", "decision", "grade", "personalInfo", "from", "to",
            "note")),
        Map.entry("product_sponsored", List.of("id", "product", "by", "note")),
        Map.entry("cross_border_filed", List.of("id", "participant", "by", "note")),
        Map.entry("cross_border_approved", List.of("id", "product", "by", "note")),
        Map.entry("entitlement_granted", List.of("participant", "product", "tradeId", "units", "expires", "seats",
            "rights", "purpose", "from")),
        Map.entry("deposited", List.of("participant", "amount", "available", "reserved")),
        Map.entry("withdrawn", List.of("participant", "amount", "available", "reserved")),
        Map.entry("inventory_added", List.of("participant", "product", "qty", "available")),
        Map.entry("mass_cancelled", List.of("clOrdId", "participant", "product", "side", "cancelled")),
        Map.entry("day_ended", List.of("expired")),
        Map.entry("fees_set", List.of("kind", "makerBps", "takerBps")),
        Map.entry("usage_recorded", List.of("id", "participant", "product", "reporter", "units", "remaining", "purpose")),
        Map.entry("entitlement_drawn", List.of("participant", "product", "tradeId", "units", "expires", "purpose")),
        Map.entry("pledge_registered", List.of("id", "lender", "participant", "product", "qty", "haircut",
            "pledgedTotal")),
        Map.entry("pledge_released", List.of("id", "lender", "participant", "product", "qty", "haircut",
            "pledgedTotal")));

    private ExportColumns()
    {
    }

    /** The columns for these types, in the order given (all types, in a fixed order, when {@code types} is empty). */
    static List<String> forTypes(final List<String> types)
    {
        final Set<String> columns = new LinkedHashSet<>(COMMON);
        for (final String type : types.isEmpty() ? allTypes() : types)
        {
            columns.addAll(BY_TYPE.getOrDefault(type, List.of()));
        }
        return new ArrayList<>(columns);
    }

    static List<String> allTypes()
    {
        return List.of("accepted", "replaced", "cancelled", "expired", "trade", "rejected", "mass_cancelled",
            "day_ended", "participant_registered", "participant_updated", "product_registered", "product_snapshot",
            "product_status_changed", "auction_started", "auction_indicative", "auction_uncrossed", "product_reviewed", "product_sponsored", "cross_border_filed",
            "cross_border_approved", "capacity_registered", "deposited", "withdrawn", "inventory_added", "fees_set",
            "entitlement_drawn", "usage_recorded", "entitlement_granted", "pledge_registered", "pledge_released");
    }
}
