package io.databourse.journal.json;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.journal.sbe.ApprovalCommandEncoder;
import io.databourse.journal.sbe.AuctionCommandEncoder;
import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.CapacityCommandEncoder;
import io.databourse.journal.sbe.CashCommandEncoder;
import io.databourse.journal.sbe.CrossBorderFilingCommandEncoder;
import io.databourse.journal.sbe.EndOfDayCommandEncoder;
import io.databourse.journal.sbe.FeeScheduleCommandEncoder;
import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.MassCancelCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.PledgeCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ProductStatusCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.sbe.ReviewCommandEncoder;
import io.databourse.journal.sbe.UsageCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.MutableDirectBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Turns one JSON command line (docs/simulate.md) into a binary command, so that the batch front
 * door runs exactly the commands the live engine runs. Strict: unknown types, unknown enum
 * names, fractional fen, wrong field types are errors naming the field; nothing is guessed.
 */
public final class JsonCommandParser
{
    private static final long NO_TIME = Long.MIN_VALUE;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ParticipantCommandEncoder participant = new ParticipantCommandEncoder();
    private final ProductCommandEncoder product = new ProductCommandEncoder();
    private final ProductStatusCommandEncoder productStatus = new ProductStatusCommandEncoder();
    private final CashCommandEncoder cash = new CashCommandEncoder();
    private final InventoryCommandEncoder inventory = new InventoryCommandEncoder();
    private final CapacityCommandEncoder capacity = new CapacityCommandEncoder();
    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
    private final CancelCommandEncoder cancel = new CancelCommandEncoder();
    private final ReplaceCommandEncoder replace = new ReplaceCommandEncoder();
    private final MassCancelCommandEncoder massCancel = new MassCancelCommandEncoder();
    private final EndOfDayCommandEncoder endOfDay = new EndOfDayCommandEncoder();
    private final FeeScheduleCommandEncoder feeSchedule = new FeeScheduleCommandEncoder();
    private final UsageCommandEncoder usage = new UsageCommandEncoder();
    private final PledgeCommandEncoder pledge = new PledgeCommandEncoder();
    private final ReviewCommandEncoder review = new ReviewCommandEncoder();
    private final ApprovalCommandEncoder approval = new ApprovalCommandEncoder();
    private final CrossBorderFilingCommandEncoder filing = new CrossBorderFilingCommandEncoder();
    private final AuctionCommandEncoder auction = new AuctionCommandEncoder();
    private long timeNs = NO_TIME;

    /** The "time" of the last parsed line in epoch ns, or {@link Long#MIN_VALUE} when it had none. */
    public long timeNs()
    {
        return timeNs;
    }

    public boolean hasTime()
    {
        return timeNs != NO_TIME;
    }

    /** Parses a line into {@code dst} at offset 0; returns the command's length. */
    public int parse(final String line, final MutableDirectBuffer dst) throws CommandFormatException
    {
        final JsonNode n;
        try
        {
            n = mapper.readTree(line);
        }
        catch (final JsonProcessingException ex)
        {
            throw new CommandFormatException("not valid JSON: " + ex.getOriginalMessage());
        }
        if (null == n || !n.isObject())
        {
            throw new CommandFormatException("a command must be a JSON object");
        }
        final String type = text(n, "type");
        CommandFields.checkKnown(type, n);
        timeNs = n.has("time") ? instantNs(n, "time") : NO_TIME;
        final int session = n.has("session") ? (int)integer(n, "session") : 0;
        switch (type)
        {
            case "participant": return participant(n, dst, session);
            case "product": return product(n, dst, session);
            case "product_status": return productStatus(n, dst, session);
            case "deposit": return cash(n, dst, session, MessageType.DEPOSIT);
            case "withdraw": return cash(n, dst, session, MessageType.WITHDRAW);
            case "inventory": return inventory(n, dst, session);
            case "capacity": return capacity(n, dst, session);
            case "new": return newOrder(n, dst, session);
            case "cancel": return cancel(n, dst, session);
            case "replace": return replace(n, dst, session);
            case "mass_cancel": return massCancel(n, dst, session);
            case "end_of_day": return endOfDay(n, dst, session);
            case "fee_schedule": return feeSchedule(n, dst, session);
            case "usage": return usage(n, dst, session);
            case "pledge": return pledge(n, dst, session);
            case "release": return release(n, dst, session);
            case "review": return review(n, dst, session);
            case "sponsor": return approval(n, dst, session, MessageType.SPONSOR);
            case "cross_border_approval": return approval(n, dst, session, MessageType.CROSS_BORDER_APPROVAL);
            case "cross_border_filing": return filing(n, dst, session);
            case "auction": return auction(n, dst, session);
            case "product_list_request":
            {
                dst.setMemory(0, RecordHeader.ENCODED_LENGTH, (byte)0);
                dst.putShort(RecordHeader.LENGTH_OFFSET, (short)RecordHeader.ENCODED_LENGTH);
                dst.putShort(RecordHeader.TYPE_OFFSET, (short)MessageType.PRODUCT_LIST_REQUEST);
                dst.putInt(RecordHeader.SESSION_ID_OFFSET, session);
                return RecordHeader.ENCODED_LENGTH;
            }
            default: throw new CommandFormatException("unknown command type \"" + type + "\"");
        }
    }

    private int participant(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final ParticipantCommandEncoder c = Codecs.encode(participant, dst, 0, session);
        id(c, ParticipantCommandEncoder.participantIdEncodingOffset(), ParticipantCommandEncoder.participantIdLength(), text(n, "id"), "id");
        int roles = 0;
        final JsonNode r = n.get("roles");
        if (null == r || !r.isArray())
        {
            throw new CommandFormatException("\"roles\" must be an array of role names");
        }
        for (final JsonNode role : r)
        {
            final int bit = Codes.Role.bitOf(role.asText());
            if (bit == 0)
            {
                throw new CommandFormatException("unknown role \"" + role.asText() + "\"; known: " +
                    String.join(", ", Codes.Role.NAMES));
            }
            roles |= bit;
        }
        c.roles(roles);
        c.qualification(code(n, "qualification", Codes.Grade.NAMES, "general"));
        c.jurisdiction(code(n, "jurisdiction", Codes.Jurisdiction.NAMES, "domestic"));
        c.localTaxpayer(Codecs.bool(bool(n, "localTaxpayer", false)));
        c.status(code(n, "status", Codes.ParticipantStatus.NAMES, "admitted"));
        id(c, ParticipantCommandEncoder.actorEncodingOffset(), ParticipantCommandEncoder.actorLength(), optText(n, "by"), "by");
        note(c, ParticipantCommandEncoder.noteEncodingOffset(), ParticipantCommandEncoder.noteLength(), optText(n, "note"));
        id(c, ParticipantCommandEncoder.groupEncodingOffset(), ParticipantCommandEncoder.groupLength(), optText(n, "group"), "group");
        return c.encodedLength();
    }

    private int product(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final ProductCommandEncoder c = Codecs.encode(product, dst, 0, session);
        id(c, ProductCommandEncoder.productIdEncodingOffset(), ProductCommandEncoder.productIdLength(), text(n, "id"), "id");
        final byte kind = code(n, "kind", Codes.ProductKind.NAMES, null);
        c.kind(kind);
        c.grade(code(n, "grade", Codes.Grade.NAMES, "general"));
        c.rights(rights(n));
        c.delivery(code(n, "delivery", Codes.DeliveryMode.NAMES, "none"));
        c.crossBorder(Codecs.bool(bool(n, "crossBorder", false)));
        c.personalInfo(Codecs.bool(bool(n, "personalInfo", false)));
        c.status(code(n, "status", Codes.ProductStatus.NAMES, "registered"));
        c.tickFen(n.has("tick") ? fen(n, "tick") : 1);
        c.lotQty(n.has("lot") ? integer(n, "lot") : 1);
        c.bandBps(n.has("band") ? bps(n, "band") : -1);
        c.referencePriceFen(n.has("referencePrice") ? fen(n, "referencePrice") : 0);
        c.usagePerLot(n.has("usagePerLot") ? integer(n, "usagePerLot") : 0);
        c.termDays(n.has("termDays") ? (int)integer(n, "termDays") : 0);
        id(c, ProductCommandEncoder.sponsorEncodingOffset(), ProductCommandEncoder.sponsorLength(), optText(n, "sponsor"), "sponsor");
        id(c, ProductCommandEncoder.hardwareEncodingOffset(), ProductCommandEncoder.hardwareLength(), optText(n, "hardware"), "hardware");
        id(c, ProductCommandEncoder.regionEncodingOffset(), ProductCommandEncoder.regionLength(), optText(n, "region"), "region");
        if (n.has("windowStart"))
        {
            c.windowStartNs(instantNs(n, "windowStart"));
        }
        if (n.has("windowEnd"))
        {
            c.windowEndNs(instantNs(n, "windowEnd"));
        }
        id(c, ProductCommandEncoder.actorEncodingOffset(), ProductCommandEncoder.actorLength(), optText(n, "by"), "by");
        id(c, ProductCommandEncoder.ownerEncodingOffset(), ProductCommandEncoder.ownerLength(), optText(n, "owner"), "owner");
        id(c, ProductCommandEncoder.reviewedByEncodingOffset(), ProductCommandEncoder.reviewedByLength(), optText(n, "reviewedBy"), "reviewedBy");
        c.recordsPerLot(n.has("recordsPerLot") ? integer(n, "recordsPerLot") : 0);
        c.purposes(purposes(n));
        // algorithm licence terms (docs/matching-rules.md, Algorithms)
        c.seatsPerLot(n.has("seats") ? integer(n, "seats") : 0);
        c.runsPerSeat(n.has("runsPerSeat") ? integer(n, "runsPerSeat") : 0);
        id(c, ProductCommandEncoder.versionEncodingOffset(), ProductCommandEncoder.versionLength(), optText(n, "version"), "version");
        c.deployment(code(n, "deployment", Codes.Deployment.NAMES, "none"));
        if (n.has("openingAuction"))
        {
            c.openingAuction(bool(n, "openingAuction", false) ? Codes.OpeningAuction.ON : Codes.OpeningAuction.OFF);
        }
        return c.encodedLength();
    }

    private int auction(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final AuctionCommandEncoder c = Codecs.encode(auction, dst, 0, session);
        id(c, AuctionCommandEncoder.productIdEncodingOffset(), AuctionCommandEncoder.productIdLength(), text(n, "product"), "product");
        final byte action = code(n, "action", Codes.AuctionAction.NAMES, null);
        c.action(action);
        if (n.has("endsAt"))
        {
            if (action != Codes.AuctionAction.START)
            {
                throw new CommandFormatException("\"endsAt\" goes with \"action\":\"start\" only");
            }
            c.endsAtNs(instantNs(n, "endsAt"));
        }
        id(c, AuctionCommandEncoder.actorEncodingOffset(), AuctionCommandEncoder.actorLength(), optText(n, "by"), "by");
        return c.encodedLength();
    }

    private int productStatus(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final ProductStatusCommandEncoder c = Codecs.encode(productStatus, dst, 0, session);
        id(c, ProductStatusCommandEncoder.productIdEncodingOffset(), ProductStatusCommandEncoder.productIdLength(), text(n, "product"), "product");
        c.status(code(n, "status", Codes.ProductStatus.NAMES, null));
        id(c, ProductStatusCommandEncoder.actorEncodingOffset(), ProductStatusCommandEncoder.actorLength(), optText(n, "by"), "by");
        note(c, ProductStatusCommandEncoder.noteEncodingOffset(), ProductStatusCommandEncoder.noteLength(), optText(n, "note"));
        return c.encodedLength();
    }

    private int cash(final JsonNode n, final MutableDirectBuffer dst, final int session, final int type)
        throws CommandFormatException
    {
        final CashCommandEncoder c = Codecs.encode(cash, dst, 0, session, type);
        id(c, CashCommandEncoder.participantIdEncodingOffset(), CashCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        c.amountFen(fen(n, "amount"));
        id(c, CashCommandEncoder.requestIdEncodingOffset(), CashCommandEncoder.requestIdLength(), optText(n, "id"), "id");
        return c.encodedLength();
    }

    private int inventory(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final InventoryCommandEncoder c = Codecs.encode(inventory, dst, 0, session);
        id(c, InventoryCommandEncoder.participantIdEncodingOffset(), InventoryCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, InventoryCommandEncoder.productIdEncodingOffset(), InventoryCommandEncoder.productIdLength(), text(n, "product"), "product");
        c.qty(integer(n, "qty"));
        id(c, InventoryCommandEncoder.actorEncodingOffset(), InventoryCommandEncoder.actorLength(), optText(n, "by"), "by");
        return c.encodedLength();
    }

    private int capacity(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final CapacityCommandEncoder c = Codecs.encode(capacity, dst, 0, session);
        id(c, CapacityCommandEncoder.participantIdEncodingOffset(), CapacityCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, CapacityCommandEncoder.productIdEncodingOffset(), CapacityCommandEncoder.productIdLength(), text(n, "product"), "product");
        final JsonNode nodes = n.get("nodes");
        if (null == nodes || !nodes.isArray() || nodes.isEmpty())
        {
            throw new CommandFormatException("\"nodes\" must be a non-empty array of node names");
        }
        if (nodes.size() > CapacityNodes.NODES_MAX)
        {
            throw new CommandFormatException("at most " + CapacityNodes.NODES_MAX + " nodes per capacity command");
        }
        for (final JsonNode node : nodes)
        {
            if (!CapacityNodes.addNode(c, node.asText()))
            {
                throw new CommandFormatException("node name \"" + node.asText() +
                    "\" must be 1.." + CapacityNodes.NODE_LENGTH + " printable ASCII characters");
            }
        }
        return c.encodedLength();
    }

    private int newOrder(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final NewOrderCommandEncoder c = Codecs.encode(newOrder, dst, 0, session);
        id(c, NewOrderCommandEncoder.participantIdEncodingOffset(), NewOrderCommandEncoder.participantIdLength(),
            text(n, "participant"), "participant");
        id(c, NewOrderCommandEncoder.productIdEncodingOffset(), NewOrderCommandEncoder.productIdLength(),
            text(n, "product"), "product");
        id(c, NewOrderCommandEncoder.clOrdIdEncodingOffset(), NewOrderCommandEncoder.clOrdIdLength(),
            text(n, "clOrdId"), "clOrdId");
        c.side(code(n, "side", Codes.Side.NAMES, null));
        final byte ordType = code(n, "ordType", Codes.OrdType.NAMES, "limit");
        c.ordType(ordType);
        c.tif(code(n, "tif", Codes.TimeInForce.NAMES, "day"));
        c.postOnly(Codecs.bool(bool(n, "postOnly", false)));
        c.stp(code(n, "stp", Codes.SelfTradePrevention.NAMES, "cancel_newest"));
        c.priceFen(n.has("price") ? fen(n, "price") : 0);
        c.qty(integer(n, "qty"));
        c.purpose(code(n, "purpose", Codes.Purpose.NAMES, "none"));
        return c.encodedLength();
    }

    private int cancel(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final CancelCommandEncoder c = Codecs.encode(cancel, dst, 0, session);
        orderRequest(c, n, CancelCommandEncoder.participantIdEncodingOffset(), CancelCommandEncoder.clOrdIdEncodingOffset(),
            CancelCommandEncoder.origClOrdIdEncodingOffset());
        c.orderId(n.has("orderId") ? integer(n, "orderId") : 0);
        return c.encodedLength();
    }

    private int replace(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final ReplaceCommandEncoder c = Codecs.encode(replace, dst, 0, session);
        orderRequest(c, n, ReplaceCommandEncoder.participantIdEncodingOffset(), ReplaceCommandEncoder.clOrdIdEncodingOffset(),
            ReplaceCommandEncoder.origClOrdIdEncodingOffset());
        c.orderId(n.has("orderId") ? integer(n, "orderId") : 0);
        c.priceFen(fen(n, "price"));
        c.qty(integer(n, "qty"));
        return c.encodedLength();
    }

    /** What a cancel and a replace both name: who asks, the request's id, the order's id as its owner knows it. */
    private static void orderRequest(final MessageEncoderFlyweight c, final JsonNode n, final int participantAt,
        final int clOrdIdAt, final int origClOrdIdAt) throws CommandFormatException
    {
        id(c, participantAt, AsciiFields.PARTICIPANT_ID_LENGTH, text(n, "participant"), "participant");
        id(c, clOrdIdAt, AsciiFields.CLORDID_LENGTH, text(n, "clOrdId"), "clOrdId");
        id(c, origClOrdIdAt, AsciiFields.CLORDID_LENGTH, text(n, "origClOrdId"), "origClOrdId");
    }

    private int massCancel(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final MassCancelCommandEncoder c = Codecs.encode(massCancel, dst, 0, session);
        id(c, MassCancelCommandEncoder.participantIdEncodingOffset(), MassCancelCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, MassCancelCommandEncoder.productIdEncodingOffset(), MassCancelCommandEncoder.productIdLength(), optText(n, "product"), "product");
        id(c, MassCancelCommandEncoder.clOrdIdEncodingOffset(), MassCancelCommandEncoder.clOrdIdLength(), n.has("clOrdId") ? text(n, "clOrdId") : "mass-cancel", "clOrdId");
        c.side(n.has("side") ? code(n, "side", Codes.Side.NAMES, null) : -1);
        return c.encodedLength();
    }

    private int endOfDay(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final EndOfDayCommandEncoder c = Codecs.encode(endOfDay, dst, 0, session);
        id(c, EndOfDayCommandEncoder.actorEncodingOffset(), EndOfDayCommandEncoder.actorLength(), optText(n, "by"), "by");
        return c.encodedLength();
    }

    private int feeSchedule(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final FeeScheduleCommandEncoder c = Codecs.encode(feeSchedule, dst, 0, session);
        c.kind(code(n, "kind", Codes.ProductKind.NAMES, null));
        c.makerBps((int)integer(n, "makerBps"));
        c.takerBps((int)integer(n, "takerBps"));
        id(c, FeeScheduleCommandEncoder.actorEncodingOffset(), FeeScheduleCommandEncoder.actorLength(), optText(n, "by"), "by");
        return c.encodedLength();
    }

    private int usage(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final UsageCommandEncoder c = Codecs.encode(usage, dst, 0, session);
        id(c, UsageCommandEncoder.usageIdEncodingOffset(), UsageCommandEncoder.usageIdLength(), text(n, "id"), "id");
        id(c, UsageCommandEncoder.reporterEncodingOffset(), UsageCommandEncoder.reporterLength(), text(n, "reporter"), "reporter");
        id(c, UsageCommandEncoder.participantIdEncodingOffset(), UsageCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, UsageCommandEncoder.productIdEncodingOffset(), UsageCommandEncoder.productIdLength(), text(n, "product"), "product");
        c.units(integer(n, "units"));
        c.channel(code(n, "channel", Codes.DeliveryMode.NAMES, "none"));
        c.purpose(code(n, "purpose", Codes.Purpose.NAMES, "none"));
        return c.encodedLength();
    }

    private int pledge(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final PledgeCommandEncoder c = Codecs.encode(pledge, dst, 0, session, MessageType.PLEDGE);
        id(c, PledgeCommandEncoder.pledgeIdEncodingOffset(), PledgeCommandEncoder.pledgeIdLength(), text(n, "id"), "id");
        id(c, PledgeCommandEncoder.lenderEncodingOffset(), PledgeCommandEncoder.lenderLength(), text(n, "lender"), "lender");
        id(c, PledgeCommandEncoder.participantIdEncodingOffset(), PledgeCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, PledgeCommandEncoder.productIdEncodingOffset(), PledgeCommandEncoder.productIdLength(), text(n, "product"), "product");
        c.qty(integer(n, "qty"));
        c.haircutBps(n.has("haircut") ? bps(n, "haircut") : 0);
        return c.encodedLength();
    }

    private int release(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final PledgeCommandEncoder c = Codecs.encode(pledge, dst, 0, session, MessageType.RELEASE);
        id(c, PledgeCommandEncoder.pledgeIdEncodingOffset(), PledgeCommandEncoder.pledgeIdLength(), text(n, "id"), "id");
        id(c, PledgeCommandEncoder.lenderEncodingOffset(), PledgeCommandEncoder.lenderLength(), optText(n, "by"), "by");
        return c.encodedLength();
    }

    private int review(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final ReviewCommandEncoder c = Codecs.encode(review, dst, 0, session);
        id(c, ReviewCommandEncoder.requestIdEncodingOffset(), ReviewCommandEncoder.requestIdLength(), optText(n, "id"), "id");
        id(c, ReviewCommandEncoder.productIdEncodingOffset(), ReviewCommandEncoder.productIdLength(), text(n, "product"), "product");
        id(c, ReviewCommandEncoder.actorEncodingOffset(), ReviewCommandEncoder.actorLength(), text(n, "by"), "by");
        c.decision(code(n, "decision", Codes.ReviewDecision.NAMES, null));
        c.grade(n.has("grade") ? code(n, "grade", Codes.Grade.NAMES, null) : -1);
        c.personalInfo(n.has("personalInfo") ? (byte)(bool(n, "personalInfo", false) ? 1 : 0) : -1);
        note(c, ReviewCommandEncoder.noteEncodingOffset(), ReviewCommandEncoder.noteLength(), optText(n, "note"));
        return c.encodedLength();
    }

    private int approval(final JsonNode n, final MutableDirectBuffer dst, final int session, final int type)
        throws CommandFormatException
    {
        final ApprovalCommandEncoder c = Codecs.encode(approval, dst, 0, session, type);
        id(c, ApprovalCommandEncoder.requestIdEncodingOffset(), ApprovalCommandEncoder.requestIdLength(), optText(n, "id"), "id");
        id(c, ApprovalCommandEncoder.productIdEncodingOffset(), ApprovalCommandEncoder.productIdLength(), text(n, "product"), "product");
        // a sponsor confirms by name; the operator may record a cross-border approval (no "by")
        id(c, ApprovalCommandEncoder.actorEncodingOffset(), ApprovalCommandEncoder.actorLength(), type == MessageType.SPONSOR ? text(n, "by") : optText(n, "by"), "by");
        note(c, ApprovalCommandEncoder.noteEncodingOffset(), ApprovalCommandEncoder.noteLength(), optText(n, "note"));
        return c.encodedLength();
    }

    private int filing(final JsonNode n, final MutableDirectBuffer dst, final int session)
        throws CommandFormatException
    {
        final CrossBorderFilingCommandEncoder c = Codecs.encode(filing, dst, 0, session);
        id(c, CrossBorderFilingCommandEncoder.requestIdEncodingOffset(), CrossBorderFilingCommandEncoder.requestIdLength(), optText(n, "id"), "id");
        id(c, CrossBorderFilingCommandEncoder.participantIdEncodingOffset(), CrossBorderFilingCommandEncoder.participantIdLength(), text(n, "participant"), "participant");
        id(c, CrossBorderFilingCommandEncoder.actorEncodingOffset(), CrossBorderFilingCommandEncoder.actorLength(), optText(n, "by"), "by");
        note(c, CrossBorderFilingCommandEncoder.noteEncodingOffset(), CrossBorderFilingCommandEncoder.noteLength(), optText(n, "note"));
        return c.encodedLength();
    }

    // ---- field readers ----

    /** Writes a note field of a generated encoder, or refuses the command. */
    private static void note(final MessageEncoderFlyweight c, final int fieldOffset, final int width, final String value)
        throws CommandFormatException
    {
        note(AsciiFields.putText(c.buffer(), c.offset() + fieldOffset, width, value));
    }

    private static void note(final boolean fits) throws CommandFormatException
    {
        if (!fits)
        {
            throw new CommandFormatException("\"note\" must be at most " + AsciiFields.NOTE_LENGTH +
                " printable ASCII characters (spaces allowed)");
        }
    }

    /** {@code rights}: one name or an array of names (hold, process_use, operate); "none" or [] for none. */
    private static byte rights(final JsonNode n) throws CommandFormatException
    {
        final JsonNode v = n.get("rights");
        if (null == v)
        {
            return Codes.Rights.NONE;
        }
        if (v.isTextual())
        {
            return "none".equals(v.asText()) ? Codes.Rights.NONE : right(v.asText());
        }
        if (!v.isArray())
        {
            throw new CommandFormatException("\"rights\" must be a name or an array of names; known: " +
                String.join(", ", Codes.Rights.NAMES));
        }
        byte set = 0;
        for (final JsonNode r : v)
        {
            set |= right(r.asText());
        }
        return set;
    }

    /** {@code purposes}: an array of purpose names (none by default): the uses a buyer may declare. */
    private static int purposes(final JsonNode n) throws CommandFormatException
    {
        final JsonNode v = n.get("purposes");
        if (null == v)
        {
            return 0;
        }
        if (!v.isArray())
        {
            throw new CommandFormatException("\"purposes\" must be an array of purpose names; known: " + purposeNames());
        }
        int set = 0;
        for (final JsonNode p : v)
        {
            final int code = Codes.codeOf(Codes.Purpose.NAMES, p.asText());
            if (code <= Codes.Purpose.NONE)
            {
                throw new CommandFormatException("\"purposes\": unknown purpose \"" + p.asText() + "\"; known: " +
                    purposeNames());
            }
            set |= Codes.Purpose.bitOf((byte)code);
        }
        return set;
    }

    private static String purposeNames()
    {
        return String.join(", ", java.util.Arrays.copyOfRange(Codes.Purpose.NAMES, 1, Codes.Purpose.NAMES.length));
    }

    private static byte right(final String name) throws CommandFormatException
    {
        final byte bit = Codes.Rights.bitOf(name);
        if (bit == 0)
        {
            throw new CommandFormatException("\"rights\": unknown right \"" + name + "\"; known: " +
                String.join(", ", Codes.Rights.NAMES));
        }
        return bit;
    }

    /** Writes an id field of a generated encoder, or refuses the command naming the JSON field. */
    private static void id(
        final MessageEncoderFlyweight c, final int fieldOffset, final int width, final String value, final String field)
        throws CommandFormatException
    {
        ascii(AsciiFields.putId(c.buffer(), c.offset() + fieldOffset, width, value), field, width);
    }

    private static void ascii(final boolean fits, final String field, final int width) throws CommandFormatException
    {
        if (!fits)
        {
            throw new CommandFormatException("\"" + field + "\" must be at most " + width +
                " printable ASCII characters without spaces");
        }
    }

    private static String text(final JsonNode n, final String field) throws CommandFormatException
    {
        final JsonNode v = n.get(field);
        if (null == v || !v.isTextual())
        {
            throw new CommandFormatException("\"" + field + "\" is required and must be a string");
        }
        return v.asText();
    }

    private static String optText(final JsonNode n, final String field) throws CommandFormatException
    {
        return n.has(field) && !n.get(field).isNull() ? text(n, field) : null;
    }

    private static boolean bool(final JsonNode n, final String field, final boolean dflt) throws CommandFormatException
    {
        final JsonNode v = n.get(field);
        if (null == v)
        {
            return dflt;
        }
        if (!v.isBoolean())
        {
            throw new CommandFormatException("\"" + field + "\" must be true or false");
        }
        return v.booleanValue();
    }

    private static long integer(final JsonNode n, final String field) throws CommandFormatException
    {
        final JsonNode v = n.get(field);
        if (null == v || !v.isIntegralNumber() || !v.canConvertToLong())
        {
            throw new CommandFormatException("\"" + field + "\" is required and must be an integer");
        }
        return v.longValue();
    }

    private static byte code(final JsonNode n, final String field, final String[] names, final String dflt)
        throws CommandFormatException
    {
        final String value = n.has(field) ? text(n, field) : dflt;
        if (null == value)
        {
            throw new CommandFormatException("\"" + field + "\" is required; one of " + String.join(", ", names));
        }
        final int c = Codes.codeOf(names, value);
        if (c < 0)
        {
            throw new CommandFormatException("\"" + field + "\": unknown value \"" + value + "\"; one of " +
                String.join(", ", names));
        }
        return (byte)c;
    }

    /** A decimal money string ("12.34") or integer to fen, exactly: more than two decimals is an error. */
    static long fen(final JsonNode n, final String field) throws CommandFormatException
    {
        final BigDecimal d = decimal(n, field);
        try
        {
            return d.movePointRight(2).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new CommandFormatException("\"" + field + "\": " + d.toPlainString() +
                " is not a whole number of fen (at most 2 decimals, within a long)");
        }
    }

    /** A fraction ("0.20") to basis points, exactly. */
    static int bps(final JsonNode n, final String field) throws CommandFormatException
    {
        final BigDecimal d = decimal(n, field);
        try
        {
            return d.movePointRight(4).intValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new CommandFormatException("\"" + field + "\": " + d.toPlainString() +
                " must be a fraction with at most 4 decimals (0.20 = 20 %)");
        }
    }

    private static BigDecimal decimal(final JsonNode n, final String field) throws CommandFormatException
    {
        final JsonNode v = n.get(field);
        if (null == v || !(v.isTextual() || v.isNumber()))
        {
            throw new CommandFormatException("\"" + field + "\" is required: a decimal string such as \"12.34\"");
        }
        try
        {
            return new BigDecimal(v.asText().trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandFormatException("\"" + field + "\": \"" + v.asText() + "\" is not a decimal number");
        }
    }

    private static long instantNs(final JsonNode n, final String field) throws CommandFormatException
    {
        final String s = text(n, field);
        try
        {
            final Instant t = Instant.parse(s);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new CommandFormatException("\"" + field + "\": \"" + s +
                "\" is not an ISO-8601 UTC instant such as 2026-03-01T10:00:00Z");
        }
    }
}
