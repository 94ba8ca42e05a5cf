package io.databourse.journal.json;

import java.time.Instant;

import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.CapacityCommandDecoder;
import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.DayEndedEventDecoder;
import io.databourse.journal.sbe.EntitlementDrawnEventDecoder;
import io.databourse.journal.sbe.EntitlementEventDecoder;
import io.databourse.journal.sbe.FeeScheduleEventDecoder;
import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.PledgeEventDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import org.agrona.DirectBuffer;

/**
 * Renders the events of journal records as JSON Lines (docs/simulate.md): the form auditors,
 * regulators and the simulate front door read. Not on the matching path.
 */
public final class EventJsonWriter
{
    private final ReferenceNames names = new ReferenceNames();
    private final OrderEventDecoder orderEvent = new OrderEventDecoder();
    private final TradeEventDecoder tradeEvent = new TradeEventDecoder();
    private final RejectedEventDecoder rejectedEvent = new RejectedEventDecoder();
    private final ReferenceDataEventDecoder referenceDataEvent = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final CapacityCommandDecoder capacityCommand = new CapacityCommandDecoder();
    private final ProductStatusEventDecoder productStatusEvent = new ProductStatusEventDecoder();
    private final CashEventDecoder cashEvent = new CashEventDecoder();
    private final InventoryEventDecoder inventoryEvent = new InventoryEventDecoder();
    private final MassCancelledEventDecoder massCancelledEvent = new MassCancelledEventDecoder();
    private final DayEndedEventDecoder dayEndedEvent = new DayEndedEventDecoder();
    private final FeeScheduleEventDecoder feeScheduleEvent = new FeeScheduleEventDecoder();
    private final UsageEventDecoder usageEvent = new UsageEventDecoder();
    private final EntitlementDrawnEventDecoder entitlementDrawnEvent = new EntitlementDrawnEventDecoder();
    private final PledgeEventDecoder pledgeEvent = new PledgeEventDecoder();
    private final ComplianceEventDecoder complianceEvent = new ComplianceEventDecoder();
    private final EntitlementEventDecoder entitlementEvent = new EntitlementEventDecoder();
    private final AuctionEventDecoder auctionEvent = new AuctionEventDecoder();

    public ReferenceNames names()
    {
        return names;
    }

    /** Appends {@code s} as a JSON string literal (quoted, escaped). */
    public static void appendQuoted(final StringBuilder out, final String s)
    {
        Json.quote(out, s);
    }

    /** Appends one line per event of the record (each ending in '\n'). */
    public void write(final JournalRecord record, final StringBuilder out)
    {
        final long seq = record.seq();
        final long timeNs = record.timeNs();
        record.forEachEvent((type, buffer, offset, length) ->
        {
            names.onEvent(type, buffer, offset);
            writeEvent(seq, timeNs, type, buffer, offset, out);
            out.append('\n');
        });
    }

    /** Appends one event as a JSON object (no newline). */
    public void writeEvent(
        final long seq, final long timeNs, final int type, final DirectBuffer buffer, final int offset,
        final StringBuilder out)
    {
        final Json j = new Json(out);
        j.begin().num("seq", seq).str("type", MessageType.nameOf(type));
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
                order(j, type, Codecs.wrap(orderEvent, buffer, offset));
                break;
            case MessageType.REJECTED:
                rejected(j, Codecs.wrap(rejectedEvent, buffer, offset));
                break;
            case MessageType.TRADE:
                trade(j, Codecs.wrap(tradeEvent, buffer, offset));
                break;
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
                participant(j, buffer, offset);
                break;
            case MessageType.PRODUCT_REGISTERED:
                product(j, buffer, offset);
                break;
            case MessageType.PRODUCT_SNAPSHOT:
            {
                product(j, buffer, offset);
                final ReferenceDataEventDecoder e = Codecs.wrap(referenceDataEvent, buffer, offset);
                j.str("currentStatus", Codes.nameOf(Codes.ProductStatus.NAMES, (int)e.availableQty()))
                    .money("lastPrice", e.qty());
                break;
            }
            case MessageType.CAPACITY_REGISTERED:
                capacity(j, buffer, offset);
                break;
            case MessageType.PRODUCT_STATUS_CHANGED:
            {
                final ProductStatusEventDecoder e = Codecs.wrap(productStatusEvent, buffer, offset);
                j.str("product", names.product(e.product()))
                    .str("from", Codes.nameOf(Codes.ProductStatus.NAMES, e.fromStatus()))
                    .str("to", Codes.nameOf(Codes.ProductStatus.NAMES, e.toStatus()));
                if (e.actor() >= 0)
                {
                    j.str("by", names.participant(e.actor()));
                }
                note(j, e.note());
                break;
            }
            case MessageType.ENTITLEMENT_GRANTED:
            {
                final EntitlementEventDecoder e = Codecs.wrap(entitlementEvent, buffer, offset);
                j.str("participant", names.participant(e.participant())).str("product", names.product(e.product()))
                    .num("tradeId", e.tradeId()).num("units", e.units())
                    .str("expires", e.expiryNs() == Long.MAX_VALUE ? null : Instant.ofEpochSecond(0, e.expiryNs()).toString());
                if (e.seats() > 0)
                {
                    j.num("seats", e.seats());
                }
                j.raw("rights", nameArray(e.rights(), Codes.Rights.NAMES, 0));
                if (e.purpose() != Codes.Purpose.NONE)
                {
                    j.str("purpose", Codes.nameOf(Codes.Purpose.NAMES, e.purpose()));
                }
                if (e.fromParticipant() >= 0)
                {
                    j.str("from", names.participant(e.fromParticipant()));
                }
                break;
            }
            case MessageType.PRODUCT_REVIEWED:
            case MessageType.PRODUCT_SPONSORED:
            case MessageType.CROSS_BORDER_FILED:
            case MessageType.CROSS_BORDER_APPROVED:
                compliance(j, type, Codecs.wrap(complianceEvent, buffer, offset));
                break;
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
            {
                final CashEventDecoder e = Codecs.wrap(cashEvent, buffer, offset);
                j.str("participant", names.participant(e.participant())).money("amount", e.amountFen())
                    .money("available", e.availableFen()).money("reserved", e.reservedFen());
                break;
            }
            case MessageType.INVENTORY_ADDED:
            {
                final InventoryEventDecoder e = Codecs.wrap(inventoryEvent, buffer, offset);
                j.str("participant", names.participant(e.participant())).str("product", names.product(e.product()))
                    .num("qty", e.qty()).num("available", e.availableQty());
                break;
            }
            case MessageType.MASS_CANCELLED:
            {
                final MassCancelledEventDecoder e = Codecs.wrap(massCancelledEvent, buffer, offset);
                j.str("clOrdId", e.clOrdId()).str("participant", names.participant(e.participant()));
                if (e.product() >= 0)
                {
                    j.str("product", names.product(e.product()));
                }
                if (e.side() >= 0)
                {
                    j.str("side", Codes.nameOf(Codes.Side.NAMES, e.side()));
                }
                j.num("cancelled", e.cancelledCount());
                break;
            }
            case MessageType.AUCTION_STARTED:
            case MessageType.AUCTION_INDICATIVE:
            case MessageType.AUCTION_UNCROSSED:
                auction(j, type, Codecs.wrap(auctionEvent, buffer, offset));
                break;
            case MessageType.DAY_ENDED:
                j.num("expired", Codecs.wrap(dayEndedEvent, buffer, offset).expiredCount());
                break;
            case MessageType.FEES_SET:
            {
                final FeeScheduleEventDecoder e = Codecs.wrap(feeScheduleEvent, buffer, offset);
                j.str("kind", Codes.nameOf(Codes.ProductKind.NAMES, e.kind()))
                    .num("makerBps", e.makerBps()).num("takerBps", e.takerBps());
                break;
            }
            case MessageType.USAGE_RECORDED:
            {
                final UsageEventDecoder e = Codecs.wrap(usageEvent, buffer, offset);
                j.str("id", e.usageId()).str("participant", names.participant(e.participant()))
                    .str("product", names.product(e.product())).str("reporter", names.participant(e.reporter()))
                    .num("units", e.units()).num("remaining", e.remainingUnits());
                if (e.purpose() != Codes.Purpose.NONE)
                {
                    j.str("purpose", Codes.nameOf(Codes.Purpose.NAMES, e.purpose()));
                }
                break;
            }
            case MessageType.ENTITLEMENT_DRAWN:
            {
                final EntitlementDrawnEventDecoder e = Codecs.wrap(entitlementDrawnEvent, buffer, offset);
                j.str("participant", names.participant(e.participant())).str("product", names.product(e.product()));
                if (e.tradeId() > 0)
                {
                    j.num("tradeId", e.tradeId());
                }
                j.num("units", e.units())
                    .str("expires", e.expiryNs() == Long.MAX_VALUE ? null : Instant.ofEpochSecond(0, e.expiryNs()).toString());
                if (e.purpose() != Codes.Purpose.NONE)
                {
                    j.str("purpose", Codes.nameOf(Codes.Purpose.NAMES, e.purpose()));
                }
                break;
            }
            case MessageType.PLEDGE_REGISTERED:
            case MessageType.PLEDGE_RELEASED:
            {
                final PledgeEventDecoder e = Codecs.wrap(pledgeEvent, buffer, offset);
                j.str("id", e.pledgeId()).str("lender", names.participant(e.lender()))
                    .str("participant", names.participant(e.participant())).str("product", names.product(e.product()))
                    .num("qty", e.qty()).bps("haircut", e.haircutBps()).num("pledgedTotal", e.pledgedQty());
                break;
            }
            default:
                break;
        }
        j.str("time", Instant.ofEpochSecond(0, timeNs).toString()).end();
    }

    private void order(final Json j, final int type, final OrderEventDecoder e)
    {
        j.num("orderId", e.orderId()).str("clOrdId", e.clOrdId());
        if (type != MessageType.ORDER_ACCEPTED)
        {
            j.str("origClOrdId", e.origClOrdId());
        }
        j.str("participant", names.participant(e.participant())).str("product", names.product(e.product()))
            .str("side", Codes.nameOf(Codes.Side.NAMES, e.side()));
        if (type == MessageType.ORDER_ACCEPTED)
        {
            j.str("ordType", Codes.nameOf(Codes.OrdType.NAMES, e.ordType()))
                .str("tif", Codes.nameOf(Codes.TimeInForce.NAMES, e.tif()));
            if (e.ordType() == Codes.OrdType.LIMIT)
            {
                j.money("price", e.priceFen());
            }
            j.num("qty", e.orderQty());
            if (e.postOnly() == Bool.TRUE)
            {
                j.bool("postOnly", true);
            }
            if (e.purpose() != Codes.Purpose.NONE)
            {
                j.str("purpose", Codes.nameOf(Codes.Purpose.NAMES, e.purpose()));
            }
        }
        else if (type == MessageType.ORDER_REPLACED)
        {
            j.money("price", e.priceFen()).num("qty", e.orderQty()).num("leavesQty", e.leavesQty())
                .num("cumQty", e.cumQty()).bool("priorityKept", e.priorityKept() == Bool.TRUE);
        }
        else
        {
            j.str("reason", Codes.nameOf(Codes.CancelReason.NAMES, e.reason()))
                .num("cancelledQty", e.leavesQty()).num("cumQty", e.cumQty());
        }
        if (e.side() == Codes.Side.BUY)
        {
            // the matcher's reservation: held after an accept or replace, released by a cancel or expiry
            j.money(type == MessageType.ORDER_ACCEPTED || type == MessageType.ORDER_REPLACED ? "reserved" : "released",
                e.reservedFen());
        }
    }

    private void rejected(final Json j, final RejectedEventDecoder e)
    {
        final int command = e.commandType();
        final String id = e.clOrdId();
        final boolean orderCommand = command == MessageType.NEW_ORDER || command == MessageType.CANCEL ||
            command == MessageType.REPLACE || command == MessageType.MASS_CANCEL;
        j.str("command", MessageType.nameOf(command));
        if (!id.isEmpty())
        {
            j.str(orderCommand ? "clOrdId" : "id", id);
        }
        if (e.participant() >= 0)
        {
            j.str("participant", names.participant(e.participant()));
        }
        final String product = e.productId();
        if (!product.isEmpty())
        {
            j.str("product", product);
        }
        if (e.orderId() != 0)
        {
            j.num("orderId", e.orderId());
        }
        final RejectReason reason = RejectReason.ofCode(e.reason());
        j.str("reason", null == reason ? "UNKNOWN(" + e.reason() + ")" : reason.name())
            .str("text", null == reason ? "" : reason.text());
    }

    private void trade(final Json j, final TradeEventDecoder e)
    {
        j.num("tradeId", e.tradeId()).str("product", names.product(e.product())).money("price", e.priceFen())
            .num("qty", e.qty()).str("buyClOrdId", e.buyClOrdId()).str("sellClOrdId", e.sellClOrdId())
            .str("buyer", names.participant(e.buyer())).str("seller", names.participant(e.seller()))
            .str("aggressor", e.aggressorSide() == Codes.Side.NONE ? "none" : Codes.nameOf(Codes.Side.NAMES, e.aggressorSide()))
            .num("buyOrderId", e.buyOrderId()).num("sellOrderId", e.sellOrderId())
            .num("buyLeavesQty", e.buyLeavesQty()).num("sellLeavesQty", e.sellLeavesQty())
            .money("buyFee", e.buyFeeFen()).money("sellFee", e.sellFeeFen()).money("buyReserved", e.buyReservedFen());
        if (e.crossBorderRecords() > 0)
        {
            j.num("crossBorderRecords", e.crossBorderRecords()).num("crossBorderYear", e.crossBorderYear());
        }
    }

    /** A call auction's step; the uncross's trades follow it as trade events. */
    private void auction(final Json j, final int type, final AuctionEventDecoder e)
    {
        j.str("product", names.product(e.product()));
        if (type != MessageType.AUCTION_INDICATIVE)
        {
            j.str("cause", Codes.nameOf(Codes.AuctionCause.NAMES, e.cause()));
        }
        if (type == MessageType.AUCTION_STARTED)
        {
            if (e.endsAtNs() != 0)
            {
                j.str("endsAt", Instant.ofEpochSecond(0, e.endsAtNs()).toString());
            }
        }
        else if (e.priceFen() > 0)
        {
            j.money("price", e.priceFen()).num("volume", e.volume()).num("surplus", e.surplus())
                .str("rule", AUCTION_RULES[e.rule()]);
        }
        else
        {
            j.str("price", null).num("volume", 0);
        }
        if (e.actor() >= 0)
        {
            j.str("by", names.participant(e.actor()));
        }
    }

    /** Which rule decided an uncrossing price (docs/matching-rules.md, Call auctions). */
    private static final String[] AUCTION_RULES = {"none", "volume", "surplus", "pressure", "reference"};

    private void participant(final Json j, final DirectBuffer buffer, final int offset)
    {
        final ReferenceDataEventDecoder e = Codecs.wrap(referenceDataEvent, buffer, offset);
        final ParticipantCommandDecoder c = Codecs.wrap(participantCommand, buffer, ReferenceDataTail.commandOffset(e));
        j.str("participant", c.participantId());
        j.raw("roles", nameArray(c.roles(), Codes.Role.NAMES, 0))
            .str("qualification", Codes.nameOf(Codes.Grade.NAMES, c.qualification()))
            .str("jurisdiction", Codes.nameOf(Codes.Jurisdiction.NAMES, c.jurisdiction()))
            .bool("localTaxpayer", c.localTaxpayerRaw() != 0)
            .str("status", Codes.nameOf(Codes.ParticipantStatus.NAMES, c.status()));
        optional(j, "group", c.group());
        optional(j, "by", c.actor());
        note(j, c.note());
    }

    private static void note(final Json j, final String note)
    {
        optional(j, "note", note);
    }

    /** A text field the JSON form leaves out when empty. */
    private static void optional(final Json j, final String name, final String value)
    {
        if (!value.isEmpty())
        {
            j.str(name, value);
        }
    }

    private void compliance(final Json j, final int type, final ComplianceEventDecoder e)
    {
        if (!e.requestId().isEmpty())
        {
            j.str("id", e.requestId());
        }
        if (e.product() >= 0)
        {
            j.str("product", names.product(e.product()));
        }
        if (e.participant() >= 0)
        {
            j.str("participant", names.participant(e.participant()));
        }
        if (e.actor() >= 0)
        {
            j.str("by", names.participant(e.actor()));
        }
        if (type == MessageType.PRODUCT_REVIEWED)
        {
            j.str("decision", Codes.nameOf(Codes.ReviewDecision.NAMES, e.decision()))
                .str("grade", Codes.nameOf(Codes.Grade.NAMES, e.grade()))
                .bool("personalInfo", e.personalInfo() == Bool.TRUE)
                .str("from", Codes.nameOf(Codes.ProductStatus.NAMES, e.fromStatus()))
                .str("to", Codes.nameOf(Codes.ProductStatus.NAMES, e.toStatus()));
        }
        note(j, e.note());
    }

    /** A bit set as a JSON array of the names of its bits (bit i named names[i]). */
    static String nameArray(final int bits, final String[] names, final int firstBitName)
    {
        final StringBuilder out = new StringBuilder("[");
        for (int i = 0; i + firstBitName < names.length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                out.append(out.length() == 1 ? "" : ",").append('"').append(names[i + firstBitName]).append('"');
            }
        }
        return out.append(']').toString();
    }

    private void product(final Json j, final DirectBuffer buffer, final int offset)
    {
        final ReferenceDataEventDecoder e = Codecs.wrap(referenceDataEvent, buffer, offset);
        final ProductCommandDecoder c = Codecs.wrap(productCommand, buffer, ReferenceDataTail.commandOffset(e));
        j.str("product", c.productId()).str("kind", Codes.nameOf(Codes.ProductKind.NAMES, c.kind()))
            .str("grade", Codes.nameOf(Codes.Grade.NAMES, c.grade()))
            .str("status", Codes.nameOf(Codes.ProductStatus.NAMES, c.status()))
            .money("tick", c.tickFen()).num("lot", c.lotQty());
        if (c.bandBps() >= 0)
        {
            j.bps("band", c.bandBps()).money("referencePrice", c.referencePriceFen());
        }
        if (c.kind() == Codes.ProductKind.COMPUTE)
        {
            j.str("hardware", c.hardware()).str("region", c.region())
                .str("windowStart", Instant.ofEpochSecond(0, c.windowStartNs()).toString())
                .str("windowEnd", Instant.ofEpochSecond(0, c.windowEndNs()).toString());
        }
        else
        {
            j.raw("rights", nameArray(c.rights(), Codes.Rights.NAMES, 0))
                .str("delivery", Codes.nameOf(Codes.DeliveryMode.NAMES, c.delivery()))
                .bool("crossBorder", c.crossBorderRaw() != 0).bool("personalInfo", c.personalInfoRaw() != 0)
                .num("usagePerLot", c.usagePerLot()).num("termDays", c.termDays());
            if (c.recordsPerLot() > 0)
            {
                j.num("recordsPerLot", c.recordsPerLot());
            }
            if (c.purposes() != 0)
            {
                j.raw("purposes", nameArray(c.purposes(), Codes.Purpose.NAMES, 1));
            }
            if (c.seatsPerLot() > 0)
            {
                j.num("seats", c.seatsPerLot()).num("runsPerSeat", c.runsPerSeat());
            }
            optional(j, "version", c.version());
            if (c.deployment() != Codes.Deployment.NONE)
            {
                j.str("deployment", Codes.nameOf(Codes.Deployment.NAMES, c.deployment()));
            }
        }
        if (c.openingAuction() != Codes.OpeningAuction.DEFAULT)
        {
            j.bool("openingAuction", c.openingAuction() == Codes.OpeningAuction.ON);
        }
        if (e.owner() >= 0)
        {
            j.str("owner", names.participant(e.owner()));
        }
        if (e.participant() >= 0)
        {
            j.str("sponsor", names.participant(e.participant()));
        }
        if (e.reviewer() >= 0)
        {
            j.str("reviewedBy", names.participant(e.reviewer()));
        }
        optional(j, "by", c.actor());
    }

    private void capacity(final Json j, final DirectBuffer buffer, final int offset)
    {
        final ReferenceDataEventDecoder e = Codecs.wrap(referenceDataEvent, buffer, offset);
        final CapacityCommandDecoder c = Codecs.wrap(capacityCommand, buffer, ReferenceDataTail.commandOffset(e));
        final StringBuilder nodes = new StringBuilder("[");
        for (int i = 0; i < c.nodeCount(); i++)
        {
            nodes.append(i == 0 ? "" : ",");
            Json.quote(nodes, CapacityNodes.node(c, i));
        }
        j.str("participant", names.participant(e.participant())).str("product", names.product(e.product()))
            .raw("nodes", nodes.append(']').toString()).num("nodeHours", e.qty()).num("available", e.availableQty());
    }

    /**
     * A tiny JSON object writer: field order is the order of calls, strings escaped. Public for the
     * other JSON Lines writers (index publications), so that every line renders money alike.
     */
    public static final class Json
    {
        private final StringBuilder out;
        private boolean first = true;

        public Json(final StringBuilder out)
        {
            this.out = out;
        }

        public Json begin()
        {
            out.append('{');
            return this;
        }

        public void end()
        {
            out.append('}');
        }

        private void key(final String key)
        {
            if (!first)
            {
                out.append(',');
            }
            first = false;
            out.append('"').append(key).append("\":");
        }

        public Json str(final String key, final String value)
        {
            key(key);
            if (null == value)
            {
                out.append("null");
            }
            else
            {
                quote(out, value);
            }
            return this;
        }

        public Json num(final String key, final long value)
        {
            key(key);
            out.append(value);
            return this;
        }

        public Json bool(final String key, final boolean value)
        {
            key(key);
            out.append(value);
            return this;
        }

        public Json raw(final String key, final String json)
        {
            key(key);
            out.append(json);
            return this;
        }

        /** Fen as a decimal string with two places: "12.34". */
        public Json money(final String key, final long fen)
        {
            key(key);
            out.append('"');
            appendDecimal(out, fen, 2);
            out.append('"');
            return this;
        }

        /** Basis points as a fraction string: 2000 → "0.2000". */
        public Json bps(final String key, final long bps)
        {
            key(key);
            out.append('"');
            appendDecimal(out, bps, 4);
            out.append('"');
            return this;
        }

        public static void appendDecimal(final StringBuilder out, final long value, final int places)
        {
            long v = value;
            if (v < 0)
            {
                out.append('-');
                v = -v;
            }
            long scale = 1;
            for (int i = 0; i < places; i++)
            {
                scale *= 10;
            }
            out.append(v / scale).append('.');
            final String frac = Long.toString(v % scale);
            for (int i = frac.length(); i < places; i++)
            {
                out.append('0');
            }
            out.append(frac);
        }

        public static void quote(final StringBuilder out, final String s)
        {
            out.append('"');
            for (int i = 0; i < s.length(); i++)
            {
                final char c = s.charAt(i);
                if (c == '"' || c == '\\')
                {
                    out.append('\\').append(c);
                }
                else if (c < 0x20)
                {
                    out.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    out.append(c);
                }
            }
            out.append('"');
        }
    }
}
