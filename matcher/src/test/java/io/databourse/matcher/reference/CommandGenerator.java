package io.databourse.matcher.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.databourse.journal.sbe.ApprovalCommandEncoder;
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
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ProductStatusCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.sbe.ReviewCommandEncoder;
import io.databourse.journal.sbe.UsageCommandEncoder;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.DeliveryMode;
import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.Jurisdiction;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ParticipantStatus;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Purpose;
import io.databourse.journal.schema.Codes.ReviewDecision;
import io.databourse.journal.schema.Codes.Rights;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Seeded generator of command sequences, in the manner of exchange-core's TestOrdersGenerator: a
 * fixed setup (fees, participants with mixed roles incl. a suspended and a cross-border one,
 * products incl. a banded resalable data product, an algorithm without band or resale, a compute window with
 * capacity, a core-grade and an unlisted product, deposits, inventory, capacity), then random
 * trading commands chosen against the reference model's state (so that cancels and replaces mostly
 * name live orders) with prices clustered around the last trade so that crossing is frequent, and
 * occasional invalid values to reach the reject paths.
 */
public final class CommandGenerator
{
    /** 2026-01-01T00:00:00Z, hour aligned. */
    public static final long T0_NS = 1_767_225_600_000_000_000L;
    public static final long DAY_NS = 24 * ReferenceExchange.HOUR_NS;
    /** Sequencer time between commands: 240 commands make the hour after which SHORT's window starts. */
    public static final long STEP_NS = 15_000_000_000L;

    public static final String ADM = "ADM1";
    public static final String SUP = "SUP1";
    public static final String BUY = "BUY1";
    public static final String BRK = "BRK1";
    public static final String PRV = "PRV1";
    public static final String XB = "XB1";
    public static final String SUS = "SUS1";
    public static final String GHOST = "GHOST";
    public static final String SPN = "SPN1";
    public static final String REG = "REG1";
    /** The compliance officer who reviewed the products loaded listed. */
    public static final String CMP = "CMP1";
    /** The group (beneficial owner) of the broker, and now and then of the buyer. */
    public static final String GROUP = "G1";
    /** Reports usage. */
    public static final String CUS = "CUS1";
    /** A compliance officer who is also a supplier: may not review its own product. */
    public static final String CMS = "CMS1";

    public static final String DATA = "DATA-A";
    public static final String ALGO = "ALGO-B";
    public static final String GPU = "GPU-C";
    /** Compute window starting one hour after T0: DELIVERY_WINDOW_STARTED late in a sequence. */
    public static final String SHORT = "GPU-S";
    public static final String CORE = "CORE-D";
    public static final String UNLISTED = "DATA-E";
    public static final String NOPE = "NOPE";
    /** A data product registered without a sponsor. */
    public static final String NO_SPONSOR = "DATA-F";
    /**
     * Personal information sold abroad: each unit carries 20 000 records, so five units reach the
     * default filing threshold (100 000) and fifty pass the approval threshold (1 000 000).
     */
    public static final String PII = "DATA-P";
    static final long PII_RECORDS_PER_LOT = 20_000;
    /** An algorithm its owner, a compliance officer too, tries to review; then rejected. */
    public static final String OWN = "ALGO-G";

    /** Limits the matcher and the model are built with; far above what a sequence reaches. */
    public static final int PARTICIPANTS_MAX = 16;
    public static final int PRODUCTS_MAX = 16;
    public static final int ORDERS_MAX = 4096;
    public static final int LEVELS_MAX = 1024;

    static final String[] TRADERS = {SUP, BUY, BRK, PRV, XB};
    /** Orders {@link #setup()} enters (the broker buying its stock): the first order of a test is this + 1. */
    public static final long SETUP_ORDERS = 4;

    /** One encoded command with its sequencer stamp and a readable form. */
    public record Command(long seq, long timeNs, byte[] bytes, String text)
    {
        @Override
        public String toString()
        {
            return "#" + seq + " " + text;
        }
    }

    private final Random random;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
    private long seq;
    private int clOrdIdCounter;
    private int nodeBatch;
    /** Days the clock leapt (each random end of day is the next day's): entitlements expire within a sequence. */
    private long dayLeaps;

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
    private final ReviewCommandEncoder reviewCommand = new ReviewCommandEncoder();
    private final UsageCommandEncoder usageCommand = new UsageCommandEncoder();
    private final ApprovalCommandEncoder approval = new ApprovalCommandEncoder();
    private final CrossBorderFilingCommandEncoder filing = new CrossBorderFilingCommandEncoder();

    private final boolean knownDisagreements;

    public CommandGenerator(final long seed)
    {
        this(seed, false);
    }

    /**
     * @param knownDisagreements whether to also generate the inputs on which the matcher disagrees
     *                           with docs/matching-rules.md today (see KnownDisagreementsTest): prices
     *                           one tick under the band's lower edge, an end of day by an unknown actor,
     *                           a replace naming the order by orderId alone.
     */
    public CommandGenerator(final long seed, final boolean knownDisagreements)
    {
        this.random = new Random(seed);
        this.knownDisagreements = knownDisagreements;
    }

    public static int sessionOf(final String participantId)
    {
        return switch (participantId)
        {
            case ADM -> 10;
            case SUP -> 11;
            case BUY -> 12;
            case BRK -> 13;
            case PRV -> 14;
            case XB -> 15;
            case SUS -> 16;
            case GHOST -> 17;
            case REG -> 18;
            default -> 0;
        };
    }

    /** A participant trades over two gateway sessions: events of an order go to the session that entered it. */
    private int tradingSession(final String participantId)
    {
        return sessionOf(participantId) + (random.nextInt(4) == 0 ? 100 : 0);
    }

    static long tickOf(final String productId)
    {
        return switch (productId)
        {
            case DATA -> 5;
            case GPU, SHORT -> 10;
            default -> 1;
        };
    }

    static long lotOf(final String productId)
    {
        return switch (productId)
        {
            case DATA -> 10;
            case GPU, SHORT -> 4;
            case ALGO -> 100;
            default -> 1;
        };
    }

    private Command emit(final int length, final String text)
    {
        seq++;
        final byte[] bytes = new byte[length];
        buffer.getBytes(0, bytes);
        return new Command(seq, T0_NS + seq * STEP_NS + dayLeaps * DAY_NS, bytes, text);
    }

    // ---------------------------------------------------------------- setup

    public List<Command> setup()
    {
        final List<Command> commands = new ArrayList<>();
        // rates that leave fractions of a fen, so that the rounding of fees and reservations matters
        commands.add(fees(ProductKind.DATA, 10, 25));
        commands.add(fees(ProductKind.COMPUTE, 5, 15));
        commands.add(fees(ProductKind.ALGORITHM, 0, 30));

        commands.add(participant(ADM, Role.ADMIN, Grade.GENERAL, Jurisdiction.DOMESTIC, ParticipantStatus.ADMITTED));
        commands.add(participant(SUP, Role.DATA_SUPPLIER | Role.BUYER, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(participant(BUY, Role.BUYER, Grade.IMPORTANT, Jurisdiction.DOMESTIC, ParticipantStatus.ADMITTED));
        commands.add(participant(BRK, Role.DATA_BROKER | Role.COMPUTE_BROKER, Grade.IMPORTANT, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(participant(PRV, Role.COMPUTE_PROVIDER | Role.BUYER, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(participant(XB, Role.BUYER, Grade.IMPORTANT, Jurisdiction.CROSS_BORDER,
            ParticipantStatus.ADMITTED));
        commands.add(participant(SUS, Role.BUYER | Role.DATA_SUPPLIER, Grade.IMPORTANT, Jurisdiction.DOMESTIC,
            ParticipantStatus.SUSPENDED));

        commands.add(participant(SPN, Role.DATA_SPONSOR, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(participant(CMP, Role.COMPLIANCE_OFFICER, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(participant(CUS, Role.DATA_CUSTODIAN, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));

        commands.add(product(DATA, ProductKind.DATA, Grade.GENERAL, ProductStatus.LISTED, false, true, 500, 10_000, 0));
        commands.add(product(ALGO, ProductKind.ALGORITHM, Grade.IMPORTANT, ProductStatus.LISTED, true, false, -1, 2_000,
            0));
        commands.add(product(GPU, ProductKind.COMPUTE, Grade.GENERAL, ProductStatus.LISTED, true, false, 1_000, 5_000,
            T0_NS + 10 * DAY_NS));
        commands.add(product(SHORT, ProductKind.COMPUTE, Grade.GENERAL, ProductStatus.LISTED, true, false, 1_000,
            3_000, T0_NS + ReferenceExchange.HOUR_NS));
        commands.add(product(CORE, ProductKind.DATA, Grade.CORE, ProductStatus.REGISTERED, false, false, -1, 0, 0));
        commands.add(product(UNLISTED, ProductKind.DATA, Grade.GENERAL, ProductStatus.COMPLIANCE_REVIEWED, true, false,
            -1, 0, 0));
        commands.add(product(PII, ProductKind.DATA, Grade.GENERAL, ProductStatus.LISTED, true, false, -1, 500, 0));

        commands.add(cash(MessageType.DEPOSIT, BUY, 50_000_000L));
        commands.add(cash(MessageType.DEPOSIT, BRK, 130_000_000L)); // 80 000 000 left after buying its stock
        commands.add(cash(MessageType.DEPOSIT, XB, 30_000_000L));
        commands.add(cash(MessageType.DEPOSIT, SUP, 20_000_000L));
        commands.add(cash(MessageType.DEPOSIT, PRV, 20_000_000L));

        commands.add(inventory(SUP, DATA, 20_000));
        commands.add(inventory(SUP, ALGO, 50_000));
        commands.add(inventory(SUP, PII, 5_000));
        commands.add(inventory(BRK, DATA, 3_000)); // not the owner: NOT_OWNER (a broker buys what it sells)
        commands.add(inventory(SUP, ALGO, 10, BRK)); // issued by someone else than the owner: NOT_OWNER
        commands.add(inventory(SUP, ALGO, 10, SUP)); // by the owner itself

        commands.add(capacity(PRV, GPU, "n", 30));
        commands.add(capacity(BRK, GPU, "b", 5)); // a compute broker owns no machines: ROLE_NOT_PERMITTED
        commands.add(capacity(PRV, GPU, "n", 1)); // node n01 again: NODE_ALREADY_REGISTERED
        commands.add(capacity(PRV, SHORT, "n", 10)); // the same nodes in a window that does not overlap
        // only owners are issued units: the broker buys what it will sell, at the reference prices
        commands.add(order(SUP, DATA, "dist1", Side.SELL, OrdType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 3_000));
        commands.add(order(BRK, DATA, "dist2", Side.BUY, OrdType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 10_000, 3_000));
        commands.add(order(SUP, ALGO, "dist3", Side.SELL, OrdType.LIMIT, TimeInForce.GTC, false,
            SelfTradePrevention.CANCEL_NEWEST, 2_000, 10_000));
        commands.add(order(BRK, ALGO, "dist4", Side.BUY, OrdType.LIMIT, TimeInForce.IOC, false,
            SelfTradePrevention.CANCEL_NEWEST, 2_000, 10_000));
        brokerGrouped = true; // after it bought its stock from SUP1: the broker is in group G1 from now on
        commands.add(participant(BRK, Role.DATA_BROKER | Role.COMPUTE_BROKER, Grade.IMPORTANT, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        referenceDataLifecycle(commands);
        return commands;
    }

    /**
     * Reference-data paths with their rejects, the same for every seed: product lifecycle by admin,
     * regulator and others, sponsor requirement, core grade, and role/kind checks of inventory and
     * capacity. Leaves the trading products as they were.
     */
    private void referenceDataLifecycle(final List<Command> commands)
    {
        commands.add(participant(REG, Role.REGULATOR, Grade.GENERAL, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED));
        commands.add(product(NO_SPONSOR, ProductKind.DATA, Grade.GENERAL, ProductStatus.REGISTERED, true, false, -1, 0,
            0));
        commands.add(participant(CMS, Role.COMPLIANCE_OFFICER | Role.DATA_SUPPLIER, Grade.GENERAL,
            Jurisdiction.DOMESTIC, ParticipantStatus.ADMITTED));
        commands.add(status(NO_SPONSOR, ProductStatus.COMPLIANCE_REVIEWED, ADM)); // COMPLIANCE_REVIEW_REQUIRED
        commands.add(status(NO_SPONSOR, ProductStatus.LISTED, ADM)); // COMPLIANCE_REVIEW_REQUIRED
        commands.add(review(NO_SPONSOR, BUY, ReviewDecision.APPROVE, -1)); // ROLE_NOT_PERMITTED
        commands.add(review(NO_SPONSOR, GHOST, ReviewDecision.APPROVE, -1)); // UNKNOWN_PARTICIPANT
        commands.add(review(NO_SPONSOR, CMP, ReviewDecision.APPROVE, Grade.IMPORTANT));
        commands.add(status(NO_SPONSOR, ProductStatus.LISTED, ADM)); // SPONSOR_REQUIRED: none named
        commands.add(sponsor(NO_SPONSOR, SPN)); // SPONSOR_REQUIRED: it names none
        commands.add(product(OWN, ProductKind.ALGORITHM, Grade.GENERAL, ProductStatus.REGISTERED, true, false, -1, 0,
            0, CMS));
        commands.add(product("ALGO-X", ProductKind.ALGORITHM, Grade.GENERAL, ProductStatus.REGISTERED, true, false, -1, 0,
            0, "")); // the operator names no owner: OWNER_REQUIRED
        commands.add(review(OWN, CMS, ReviewDecision.APPROVE, -1)); // CONFLICT_OF_INTEREST
        commands.add(review(OWN, CMP, ReviewDecision.REJECT, -1));
        commands.add(review(OWN, CMP, ReviewDecision.APPROVE, -1)); // INVALID_STATUS_TRANSITION: rejected is final
        commands.add(review(CORE, CMP, ReviewDecision.APPROVE, -1));
        commands.add(sponsor(CORE, ADM)); // NOT_AUTHORIZED: not its sponsor
        commands.add(sponsor(CORE, SPN));
        commands.add(sponsor(CORE, SPN)); // ALREADY_RECORDED
        commands.add(status(CORE, ProductStatus.LISTED, ADM)); // CORE_DATA_NOT_TRADABLE
        commands.add(status(UNLISTED, ProductStatus.SUSPENDED, ADM)); // INVALID_STATUS_TRANSITION
        commands.add(status(UNLISTED, ProductStatus.LISTED, BUY)); // NOT_AUTHORIZED
        commands.add(status(UNLISTED, ProductStatus.LISTED, REG)); // NOT_AUTHORIZED: a regulator halts and resumes
        commands.add(status(UNLISTED, ProductStatus.LISTED, ADM)); // SPONSOR_REQUIRED: not yet confirmed
        commands.add(status(NOPE, ProductStatus.LISTED, ADM)); // UNKNOWN_PRODUCT
        commands.add(status(DATA, ProductStatus.SUSPENDED, REG));
        commands.add(status(DATA, ProductStatus.LISTED, REG)); // a regulator resumes what it halted
        commands.add(status(DATA, ProductStatus.LISTED, ADM));
        commands.add(status(NO_SPONSOR, ProductStatus.DELISTED, REG));
        commands.add(status(NO_SPONSOR, ProductStatus.LISTED, ADM)); // INVALID_STATUS_TRANSITION
        commands.add(inventory(BUY, ALGO, 10)); // ROLE_NOT_PERMITTED
        commands.add(inventory(SUP, GPU, 10)); // WRONG_PRODUCT_KIND
        commands.add(inventory(GHOST, DATA, 10)); // UNKNOWN_PARTICIPANT
        commands.add(inventory(SUP, NOPE, 10)); // UNKNOWN_PRODUCT
        commands.add(inventory(SUP, DATA, 0)); // INVALID_QUANTITY
        commands.add(capacity(PRV, DATA, "z", 1)); // WRONG_PRODUCT_KIND
        commands.add(capacity(BUY, GPU, "z", 1)); // ROLE_NOT_PERMITTED
        commands.add(capacity(PRV, GPU, "z", 2));
        commands.add(cash(MessageType.DEPOSIT, GHOST, 100)); // UNKNOWN_PARTICIPANT
        Codecs.encode(participant, buffer, 0, sessionOf(BUY));
        participant.participantId("NEW1");
        participant.roles(Role.BUYER);
        participant.actor(BUY); // not an admin: NOT_AUTHORIZED
        commands.add(emit(participant.encodedLength(), "participant NEW1 by " + BUY));
        Codecs.encode(participant, buffer, 0, sessionOf(GHOST));
        participant.participantId("NEW2");
        participant.roles(Role.BUYER);
        participant.actor(GHOST); // not registered: UNKNOWN_PARTICIPANT, never the operator
        commands.add(emit(participant.encodedLength(), "participant NEW2 by " + GHOST));
        Codecs.encode(participant, buffer, 0, sessionOf(ADM));
        participant.participantId(ADM);
        participant.roles(Role.ADMIN | Role.BUYER);
        participant.actor(ADM); // an admin changing its own roles: NOT_AUTHORIZED
        commands.add(emit(participant.encodedLength(), "participant " + ADM + " roles+buyer by " + ADM));
        commands.add(inventory(SUS, DATA, 10)); // PARTICIPANT_SUSPENDED
        commands.add(cash(MessageType.DEPOSIT, SUS, 100)); // PARTICIPANT_SUSPENDED
        commands.add(endOfDayBy(GHOST)); // UNKNOWN_PARTICIPANT
    }

    private Command review(final String prod, final String actor, final byte decision, final int grade)
    {
        Codecs.encode(reviewCommand, buffer, 0, sessionOf(actor));
        reviewCommand.requestId("rv" + (++clOrdIdCounter));
        reviewCommand.productId(prod);
        reviewCommand.actor(actor);
        reviewCommand.decision(decision).grade((byte)grade).personalInfo((byte)-1);
        reviewCommand.note("review " + prod);
        return emit(reviewCommand.encodedLength(), "review " + prod + " by " + actor + " decision=" + decision + " grade=" +
            grade);
    }

    private Command sponsor(final String prod, final String actor)
    {
        Codecs.encode(approval, buffer, 0, sessionOf(actor), MessageType.SPONSOR);
        approval.productId(prod);
        approval.actor(actor);
        return emit(approval.encodedLength(), "sponsor " + prod + " by " + actor);
    }

    private Command status(final String prod, final byte status, final String actor)
    {
        Codecs.encode(productStatus, buffer, 0, sessionOf(actor));
        productStatus.productId(prod);
        productStatus.status(status);
        productStatus.actor(actor);
        return emit(productStatus.encodedLength(), "product_status " + prod + " -> " + status + " by " + actor);
    }

    public Command fees(final byte kind, final int maker, final int taker)
    {
        Codecs.encode(feeSchedule, buffer, 0, 0).kind(kind).makerBps(maker).takerBps(taker);
        return emit(feeSchedule.encodedLength(), "fee_schedule kind=" + kind + " maker=" + maker + " taker=" + taker);
    }

    /** Encodes a domestic participant of general grade with these roles and status. */
    public Command participantOf(final String id, final int roles, final byte status)
    {
        return participant(id, roles, Grade.GENERAL, Jurisdiction.DOMESTIC, status);
    }

    private Command participant(final String id, final int roles, final byte grade, final byte jurisdiction,
        final byte status)
    {
        return participant(id, roles, grade, jurisdiction, status, BRK.equals(id) && brokerGrouped ? GROUP : "", "");
    }

    /** A participant command by {@code by} ("" for the operator), in a group ("" for none). */
    private Command participant(final String id, final int roles, final byte grade, final byte jurisdiction,
        final byte status, final String group, final String by)
    {
        Codecs.encode(participant, buffer, 0, sessionOf(by));
        participant.participantId(id);
        participant.roles(roles).qualification(grade).jurisdiction(jurisdiction).status(status);
        participant.group(group);
        participant.actor(by);
        return emit(participant.encodedLength(), "participant " + id + " roles=" + roles + " grade=" + grade +
            " jurisdiction=" + jurisdiction + " status=" + status + (group.isEmpty() ? "" : " group=" + group) +
            (by.isEmpty() ? "" : " by " + by));
    }

    private Command product(final String id, final byte kind, final byte grade, final byte status,
        final boolean crossBorder, final boolean operate, final int bandBps, final long referencePriceFen,
        final long windowStartNs)
    {
        return product(id, kind, grade, status, crossBorder, operate, bandBps, referencePriceFen, windowStartNs, SUP);
    }

    /** An operator load: data and algorithm products owned by {@code owner}, past review reviewed by {@link #CMP}. */
    private Command product(final String id, final byte kind, final byte grade, final byte status,
        final boolean crossBorder, final boolean operate, final int bandBps, final long referencePriceFen,
        final long windowStartNs, final String owner)
    {
        Codecs.encode(product, buffer, 0, 0);
        product.productId(id);
        product.owner(kind == ProductKind.COMPUTE ? "" : owner);
        product.reviewedBy(status == ProductStatus.REGISTERED ? "" : CMP);
        // data may be resold (operate); an algorithm may be downloaded (hold), not resold
        final byte rights = kind == ProductKind.COMPUTE ? Rights.NONE : (byte)(Rights.PROCESS_USE |
            (operate ? Rights.OPERATE : 0) | (kind == ProductKind.ALGORITHM ? Rights.HOLD : 0));
        product.purposes(DATA.equals(id) ? Purpose.bitOf(Purpose.TRAFFIC_PLANNING) | Purpose.bitOf(Purpose.RISK_CONTROL) :
            0);
        if (PII.equals(id))
        {
            product.personalInfo(Codecs.bool(true)).recordsPerLot(PII_RECORDS_PER_LOT);
        }
        product.kind(kind).grade(grade).status(status).crossBorder(Codecs.bool(crossBorder)).rights(rights)
            .tickFen(tickOf(id)).lotQty(lotOf(id)).bandBps(bandBps).referencePriceFen(referencePriceFen)
            .usagePerLot(1).termDays(DATA.equals(id) ? 2 : ALGO.equals(id) ? 1 : 365)
            // the reference model trades continuously: call auctions have a differential test of their own
            .openingAuction(io.databourse.journal.schema.Codes.OpeningAuction.OFF);
        product.sponsor(NO_SPONSOR.equals(id) ? "" : SPN);
        if (kind == ProductKind.COMPUTE)
        {
            product.hardware("A100");
            product.region("cn-east");
            product.windowStartNs(windowStartNs).windowEndNs(windowStartNs + (SHORT.equals(id) ? 4 : 24) *
                ReferenceExchange.HOUR_NS);
        }
        return emit(product.encodedLength(), "product " + id + " kind=" + kind + " grade=" + grade + " status=" + status +
            " crossBorder=" + crossBorder + " rights=" + rights + " tick=" + tickOf(id) + " lot=" + lotOf(id) +
            " band=" + bandBps + " ref=" + referencePriceFen);
    }

    /** Encodes a deposit or withdrawal. */
    public Command cashOf(final int type, final String id, final long amount)
    {
        return cash(type, id, amount);
    }

    private Command cash(final int type, final String id, final long amount)
    {
        Codecs.encode(cash, buffer, 0, sessionOf(id), type);
        cash.participantId(id);
        cash.amountFen(amount);
        final String requestId = "r" + (++clOrdIdCounter);
        cash.requestId(requestId);
        return emit(cash.encodedLength(), MessageType.nameOf(type) + " " + id + " " + amount + " req=" + requestId);
    }

    private Command inventory(final String id, final String productId, final long qty)
    {
        return inventory(id, productId, qty, "");
    }

    private Command inventory(final String id, final String productId, final long qty, final String by)
    {
        Codecs.encode(inventory, buffer, 0, 0);
        inventory.participantId(id);
        inventory.productId(productId);
        inventory.qty(qty);
        inventory.actor(by);
        return emit(inventory.encodedLength(), "inventory " + id + " " + productId + " " + qty + (by.isEmpty() ? "" : " by " + by));
    }

    /** Encodes a capacity registration of {@code count} nodes named prefix01, prefix02, ... */
    public Command capacityOf(final String id, final String productId, final String prefix, final int count)
    {
        return capacity(id, productId, prefix, count);
    }

    private Command capacity(final String id, final String productId, final String prefix, final int count)
    {
        Codecs.encode(capacity, buffer, 0, 0);
        capacity.participantId(id);
        capacity.productId(productId);
        for (int i = 1; i <= count; i++)
        {
            CapacityNodes.addNode(capacity, prefix + (i < 10 ? "0" : "") + i);
        }
        return emit(capacity.encodedLength(), "capacity " + id + " " + productId + " nodes=" + prefix + "01.." + count);
    }

    // ---------------------------------------------------------------- trading

    /** The next random command, chosen against the model's current state. */
    public Command next(final ReferenceExchange model)
    {
        final int dice = random.nextInt(1000);
        // suspensions and halts are short: lift them soon
        for (final String pid : new String[] {SUP, XB})
        {
            if (model.isSuspended(pid) && dice % 8 == 0)
            {
                return suspendOrAdmit(model, pid);
            }
        }
        for (final String prod : new String[] {ALGO, GPU})
        {
            if (model.productStatus(prod) == ProductStatus.SUSPENDED && dice % 8 == 1)
            {
                return haltOrList(model, prod);
            }
        }
        if (dice < 640)
        {
            return newOrder(model);
        }
        if (dice < 730)
        {
            return cancel(model);
        }
        if (dice < 850)
        {
            return replace(model);
        }
        if (dice < 870)
        {
            return massCancel(model);
        }
        if (dice < 877)
        {
            return endOfDay();
        }
        if (dice < 920)
        {
            return deposit();
        }
        if (dice < 950)
        {
            return withdraw(model);
        }
        if (dice < 960)
        {
            final byte kind = (byte)random.nextInt(3);
            if (random.nextInt(10) == 0)
            {
                Codecs.encode(feeSchedule, buffer, 0, sessionOf(BRK)).kind(kind).makerBps(0).takerBps(0)
                    .actor(BRK); // not an admin: NOT_AUTHORIZED
                return emit(feeSchedule.encodedLength(), "fee_schedule kind=" + kind + " 0/0 by " + BRK);
            }
            return fees(kind, random.nextInt(40), random.nextInt(60));
        }
        if (dice < 966)
        {
            final int w = random.nextInt(5);
            return w < 2 ? suspendOrAdmit(model, w == 0 ? XB : SUP) : w == 2 ? flipBuyerGrade() :
                w == 3 ? flipBrokerRoles() : flipBuyerGroup();
        }
        if (dice < 971)
        {
            // top-ups while orders rest: available = sellable and not reserved
            return random.nextBoolean() ? inventory(random.nextBoolean() ? SUP : BRK, random.nextBoolean() ? DATA : ALGO,
                100 * (1 + random.nextInt(20))) : capacity(PRV, GPU, "t" + (++nodeBatch) + "n", 1 + random.nextInt(3));
        }
        if (dice < 978)
        {
            return haltOrList(model, random.nextBoolean() ? ALGO : GPU);
        }
        if (dice < 995)
        {
            return usage();
        }
        if (dice < 998)
        {
            return crossBorderStep();
        }
        return newOrder(model);
    }

    /** A regulator records SUP1's filing or approves DATA-P (or someone else tries, or names the wrong thing). */
    private Command crossBorderStep()
    {
        final int d = random.nextInt(10);
        final String by = d < 7 ? REG : d < 9 ? "" : BUY;
        if (random.nextBoolean())
        {
            final String exporter = d == 8 ? BUY : SUP;
            Codecs.encode(filing, buffer, 0, sessionOf(by));
            filing.requestId("f" + (++clOrdIdCounter));
            filing.participantId(exporter);
            filing.actor(by);
            return emit(filing.encodedLength(), "cross_border_filing " + exporter + " by " + by);
        }
        final String product = d == 8 ? ALGO : PII;
        Codecs.encode(approval, buffer, 0, sessionOf(by), MessageType.CROSS_BORDER_APPROVAL);
        approval.requestId("a" + (++clOrdIdCounter));
        approval.productId(product);
        approval.actor(by);
        return emit(approval.encodedLength(), "cross_border_approval " + product + " by " + by);
    }

    /** A usage report: mostly of entitled buyers, now and then against a rule (rights, channel, reporter). */
    private Command usage()
    {
        final int d = random.nextInt(100);
        final String reporter = d < 92 ? CUS : d < 96 ? BUY : GHOST;
        final String pid = new String[] {BUY, BRK, XB, SUP, PRV, SUS}[random.nextInt(6)];
        final int pd = random.nextInt(100);
        final String prod = pd < 55 ? DATA : pd < 92 ? ALGO : pd < 96 ? GPU : NOPE;
        final int cd = random.nextInt(100);
        final byte channel = cd < 70 ? DeliveryMode.API : cd < 85 ? DeliveryMode.DOWNLOAD : cd < 95 ? DeliveryMode.NONE :
            DeliveryMode.SANDBOX_ONLY;
        final long units = random.nextInt(50) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 5 : 60);
        Codecs.encode(usageCommand, buffer, 0, sessionOf(reporter));
        usageCommand.usageId("u" + (++clOrdIdCounter));
        usageCommand.reporter(reporter);
        usageCommand.participantId(pid);
        usageCommand.productId(prod);
        final int ud = random.nextInt(100);
        final byte purpose = !DATA.equals(prod) ? (ud < 95 ? Purpose.NONE : Purpose.RISK_CONTROL) :
            ud < 75 ? Purpose.TRAFFIC_PLANNING : ud < 90 ? Purpose.RISK_CONTROL : Purpose.NONE;
        usageCommand.units(units).channel(channel).purpose(purpose);
        return emit(usageCommand.encodedLength(), "usage " + pid + " " + prod + " " + units + " channel=" + channel + " by " +
            reporter);
    }

    private String pickParticipant()
    {
        final int d = random.nextInt(100);
        if (d < 16)
        {
            return SUP;
        }
        if (d < 36)
        {
            return BUY;
        }
        if (d < 63)
        {
            return BRK;
        }
        if (d < 80)
        {
            return PRV;
        }
        if (d < 95)
        {
            return XB;
        }
        if (d < 97)
        {
            return SUS;
        }
        if (d < 99)
        {
            return ADM;
        }
        return GHOST;
    }

    private String pickProduct(final String participantId)
    {
        final int d = random.nextInt(100);
        if (d < 3)
        {
            return d == 0 ? CORE : d == 1 ? UNLISTED : NOPE;
        }
        if (PRV.equals(participantId) && d < 60)
        {
            return d < 15 ? SHORT : GPU;
        }
        if (XB.equals(participantId))
        {
            // a cross-border buyer may not buy DATA-A; DATA-P counts against its exporter's quota
            return d < 35 ? ALGO : d < 60 ? PII : d < 65 ? SHORT : d < 90 ? GPU : DATA;
        }
        return d < 40 ? DATA : d < 55 ? ALGO : d < 65 ? PII : d < 90 ? GPU : SHORT;
    }

    private byte pickSide(final String participantId, final String productId)
    {
        if (random.nextInt(100) < 5)
        {
            return random.nextBoolean() ? Side.BUY : Side.SELL;
        }
        final boolean compute = GPU.equals(productId);
        return switch (participantId)
        {
            case BUY, XB -> Side.BUY;
            case SUP -> compute ? Side.BUY : (random.nextInt(100) < 75 ? Side.SELL : Side.BUY);
            case PRV -> compute ? (random.nextInt(100) < 75 ? Side.SELL : Side.BUY) : Side.BUY;
            default -> random.nextBoolean() ? Side.BUY : Side.SELL;
        };
    }

    private long midOf(final ReferenceExchange model, final String productId)
    {
        final long ref = model.referencePriceFen(productId);
        final long tick = tickOf(productId);
        final long mid = ref > 0 ? ref : 1_000;
        return mid - mid % tick;
    }

    private String freshClOrdId()
    {
        return "c" + (++clOrdIdCounter);
    }

    private Command newOrder(final ReferenceExchange model)
    {
        final String pid = pickParticipant();
        final String prod = pickProduct(pid);
        byte side = pickSide(pid, prod);
        final long tick = tickOf(prod);
        final long lot = lotOf(prod);
        final long mid = midOf(model, prod);

        byte ordType = random.nextInt(100) < 12 ? OrdType.MARKET : OrdType.LIMIT;
        final int t = random.nextInt(100);
        byte tif = t < 45 ? TimeInForce.DAY : t < 70 ? TimeInForce.GTC : t < 88 ? TimeInForce.IOC : TimeInForce.FOK;
        final boolean postOnly = random.nextInt(100) < 8;
        byte stp = (byte)random.nextInt(3);

        // skewed so that about half the limit orders cross the other side's usual prices
        long price = mid + (random.nextInt(11) - 5 + (side == Side.BUY ? 1 : -1)) * tick;
        final int pd = random.nextInt(1000);
        if (pd < 20 && tick > 1)
        {
            price += 1; // off tick
        }
        else if (pd < 40)
        {
            price = random.nextBoolean() ? 0 : -tick;
        }
        else if (pd < 60)
        {
            price = (mid * (random.nextBoolean() ? 13 : 7) / 10) / tick * tick; // outside a 5-10% band
        }
        final long[] band = model.bandEdgesFen(prod);
        if (null != band && random.nextInt(100) < 4)
        {
            // on an edge of the band, or one tick outside it: floor/ceil and tick rounding of the edges
            price = band[random.nextInt(2)] + (random.nextInt(3) - 1) * tick;
        }
        if (ordType == OrdType.MARKET)
        {
            price = random.nextInt(100) < 3 ? mid : 0;
        }

        long qty = lot * (1 + random.nextInt(12));
        final int qd = random.nextInt(1000);
        if (qd < 20 && lot > 1)
        {
            qty += 1;
        }
        else if (qd < 30)
        {
            qty = random.nextBoolean() ? 0 : -lot;
        }
        else if (qd < 45)
        {
            qty = lot * 100_000L; // more than funds or inventory
        }
        else if (qd < 52 && ALGO.equals(prod) && ordType == OrdType.LIMIT)
        {
            price = ReferenceExchange.PRICE_MAX_FEN;
            // 10^19 > 2^62; 3 x 10^18 fits 2^62 but not the matcher's 2^61 (KnownDisagreementsTest)
            qty = knownDisagreements && random.nextBoolean() ? 3_000_000L : 10_000_000L;
        }

        String clOrdId = freshClOrdId();
        final int cd = random.nextInt(1000);
        final List<ReferenceExchange.LiveOrder> live = model.liveOrdersOf(pid);
        if (cd < 40 && !live.isEmpty())
        {
            clOrdId = live.get(random.nextInt(live.size())).clOrdId(); // DUPLICATE_CLORDID
        }
        else if (cd >= 40 && cd < 50)
        {
            clOrdId = "";
        }
        final int sd = random.nextInt(1000);
        if (sd < 5)
        {
            side = 5;
        }
        else if (sd < 10)
        {
            ordType = 4;
        }
        else if (sd < 15)
        {
            tif = 9;
        }
        else if (sd < 20)
        {
            stp = 7;
        }

        if (ordType == OrdType.LIMIT)
        {
            price = avoidLowerEdgeGap(model, prod, price);
        }
        else if (side == Side.SELL && !knownDisagreements && null != band &&
            model.hasLiveOrderAt(prod, Side.BUY, band[0] - tick))
        {
            // a market sell would reach a bid in the matcher's wider band (KnownDisagreementsTest)
            ordType = OrdType.LIMIT;
            price = mid;
        }
        // buys of DATA-A (which declares its uses) mostly name one; now and then none, a wrong one, or one on a sell
        final int ud = random.nextInt(100);
        final byte purpose = ud < 80 ? defaultPurpose(prod, side) : ud < 88 ? Purpose.NONE :
            ud < 95 ? Purpose.MEDICAL_RESEARCH : Purpose.RISK_CONTROL;
        return order(pid, prod, clOrdId, side, ordType, tif, postOnly, stp, price, qty, purpose);
    }

    /** The purpose a buy of {@code prod} names when a test does not say: DATA-A's first declared use. */
    static byte defaultPurpose(final String prod, final byte side)
    {
        return side == Side.BUY && DATA.equals(prod) ? Purpose.TRAFFIC_PLANNING : Purpose.NONE;
    }

    /** Encodes a new order with exactly these fields. */
    /** An order naming the product's default purpose ({@link #defaultPurpose}). */
    public Command order(final String pid, final String prod, final String clOrdId, final byte side,
        final byte ordType, final byte tif, final boolean postOnly, final byte stp, final long price, final long qty)
    {
        return order(pid, prod, clOrdId, side, ordType, tif, postOnly, stp, price, qty, defaultPurpose(prod, side));
    }

    public Command order(final String pid, final String prod, final String clOrdId, final byte side,
        final byte ordType, final byte tif, final boolean postOnly, final byte stp, final long price, final long qty,
        final byte purpose)
    {
        Codecs.encode(newOrder, buffer, 0, tradingSession(pid));
        newOrder.participantId(pid);
        newOrder.productId(prod);
        newOrder.clOrdId(clOrdId);
        newOrder.side(side).ordType(ordType).tif(tif).postOnly(Codecs.bool(postOnly)).stp(stp).priceFen(price).qty(qty)
            .purpose(purpose);
        return emit(newOrder.encodedLength(), "new " + pid + " " + prod + " cl=" + clOrdId + " side=" + side +
            " type=" + ordType + " tif=" + tif + (postOnly ? " postOnly" : "") + " stp=" + stp + " px=" + price +
            " qty=" + qty + (purpose == 0 ? "" : " purpose=" + purpose));
    }

    /**
     * The matcher rounds the band's lower edge down where docs/matching-rules.md says
     * {@code ceil}, so one tick below the spec's lower edge can be inside its band
     * (KnownDisagreementsTest.bandLowerEdgeRoundsUp). Unless generating known disagreements, a
     * price on that tick moves one more tick down: outside the band for both (and a market sell
     * that could reach a bid on that tick becomes a limit order).
     */
    private long avoidLowerEdgeGap(final ReferenceExchange model, final String prod, final long price)
    {
        final long[] band = model.bandEdgesFen(prod);
        return !knownDisagreements && null != band && price == band[0] - tickOf(prod) ? price - tickOf(prod) : price;
    }

    /** A live order of some participant, or null when the book is empty. */
    private ReferenceExchange.LiveOrder pickLive(final ReferenceExchange model, final String[] owner)
    {
        final List<String> candidates = new ArrayList<>();
        for (final String pid : TRADERS)
        {
            if (!model.liveOrdersOf(pid).isEmpty())
            {
                candidates.add(pid);
            }
        }
        if (candidates.isEmpty())
        {
            owner[0] = TRADERS[random.nextInt(TRADERS.length)];
            return null;
        }
        owner[0] = candidates.get(random.nextInt(candidates.size()));
        final List<ReferenceExchange.LiveOrder> live = model.liveOrdersOf(owner[0]);
        return live.get(random.nextInt(live.size()));
    }

    private Command cancel(final ReferenceExchange model)
    {
        final String[] owner = new String[1];
        final ReferenceExchange.LiveOrder o = pickLive(model, owner);
        final String pid = owner[0];
        String orig = "";
        long orderId = 0;
        final int d = random.nextInt(100);
        if (null == o || d < 5)
        {
            if (random.nextBoolean())
            {
                orig = "nope" + random.nextInt(5);
            }
            else
            {
                orderId = 1 + random.nextInt(500); // maybe someone else's or a dead order
            }
        }
        else if (d < 50)
        {
            orig = o.clOrdId();
        }
        else if (d < 80)
        {
            orderId = o.orderId();
        }
        else
        {
            orig = o.clOrdId(); // both given: they must agree
            orderId = random.nextInt(8) == 0 ? o.orderId() + 1 : o.orderId();
        }
        return cancelOrder(pid, freshClOrdId(), orig, orderId);
    }

    /** Encodes a cancel with exactly these fields. */
    public Command cancelOrder(final String pid, final String clOrdId, final String orig, final long orderId)
    {
        Codecs.encode(cancel, buffer, 0, tradingSession(pid));
        cancel.participantId(pid);
        cancel.clOrdId(clOrdId);
        cancel.origClOrdId(orig);
        cancel.orderId(orderId);
        return emit(cancel.encodedLength(), "cancel " + pid + " cl=" + clOrdId + " orig=" + orig + " orderId=" + orderId);
    }

    private Command replace(final ReferenceExchange model)
    {
        final String[] owner = new String[1];
        final ReferenceExchange.LiveOrder o = pickLive(model, owner);
        final String pid = owner[0];
        if (null == o)
        {
            return cancel(model);
        }
        final long tick = tickOf(o.productId());
        final long lot = lotOf(o.productId());
        String orig = o.clOrdId();
        long orderId = 0;
        final int a = random.nextInt(100);
        if (a < 30 && knownDisagreements)
        {
            orig = ""; // the matcher's replaced event then has an empty origClOrdId (KnownDisagreementsTest)
            orderId = o.orderId();
        }
        else if (a < 45)
        {
            orderId = o.orderId(); // both given, agreeing
        }
        long price = o.priceFen();
        long qty = o.orderQty();
        final int d = random.nextInt(100);
        if (d < 30)
        {
            qty = Math.max(lot, qty - lot * (1 + random.nextInt(3))); // down, maybe keeps priority
        }
        else if (d < 50)
        {
            qty = qty + lot * (1 + random.nextInt(4));
        }
        else if (d < 85)
        {
            price = price + (random.nextInt(9) - 4) * tick;
        }
        else if (d < 92)
        {
            qty = o.cumQty() > 0 ? o.cumQty() : qty; // replaced_to_filled when partly filled
        }
        else if (d < 95)
        {
            price += 1; // off tick on DATA/GPU
        }
        else if (d < 97)
        {
            qty = 0;
        }
        else
        {
            price = price * 13 / 10 / tick * tick; // out of band
        }
        if (price == o.priceFen() && qty == o.orderQty() && random.nextInt(100) < 80)
        {
            qty += lot;
        }
        String clOrdId = freshClOrdId();
        if (random.nextInt(100) < 3)
        {
            final List<ReferenceExchange.LiveOrder> live = model.liveOrdersOf(pid);
            clOrdId = live.get(random.nextInt(live.size())).clOrdId(); // maybe its own: allowed
        }
        price = avoidLowerEdgeGap(model, o.productId(), price);
        return replaceOrder(pid, clOrdId, orig, orderId, price, qty, " (was " + o + ")");
    }

    /** Encodes a replace with exactly these fields. */
    public Command replaceOrder(final String pid, final String clOrdId, final String orig, final long orderId,
        final long price, final long qty, final String note)
    {
        Codecs.encode(replace, buffer, 0, tradingSession(pid));
        replace.participantId(pid);
        replace.clOrdId(clOrdId);
        replace.origClOrdId(orig);
        replace.orderId(orderId);
        replace.priceFen(price).qty(qty);
        return emit(replace.encodedLength(), "replace " + pid + " cl=" + clOrdId + " orig=" + orig + " orderId=" + orderId +
            " px=" + price + " qty=" + qty + note);
    }

    private Command massCancel(final ReferenceExchange model)
    {
        final String[] owner = new String[1];
        final ReferenceExchange.LiveOrder o = pickLive(model, owner);
        final String pid = owner[0];
        final String prod = null != o && random.nextBoolean() ? o.productId() : "";
        final int s = random.nextInt(3);
        final byte side = s == 0 ? -1 : s == 1 ? Side.BUY : Side.SELL;
        final String clOrdId = freshClOrdId();
        Codecs.encode(massCancel, buffer, 0, tradingSession(pid));
        massCancel.participantId(pid);
        massCancel.productId(prod);
        massCancel.clOrdId(clOrdId);
        massCancel.side(side);
        return emit(massCancel.encodedLength(), "mass_cancel " + pid + " prod=" + prod + " side=" + side + " cl=" + clOrdId);
    }

    private Command endOfDay()
    {
        final int d = random.nextInt(100);
        // an unregistered actor is a known disagreement (the matcher's reject names participant -2)
        final String actor = d < 80 ? "" : d < 90 ? ADM : d < 96 ? BUY : GHOST;
        dayLeaps++;
        return endOfDayBy(actor);
    }

    /** Encodes an end of day by this actor ("" for the exchange operator). */
    public Command endOfDayBy(final String actor)
    {
        Codecs.encode(endOfDay, buffer, 0, sessionOf(actor)).actor(actor);
        return emit(endOfDay.encodedLength(), "end_of_day by " + (actor.isEmpty() ? "operator" : actor));
    }

    private Command deposit()
    {
        final String pid = TRADERS[random.nextInt(TRADERS.length)];
        final long amount = random.nextInt(100) < 5 ? 0 : 100_000L * (1 + random.nextInt(50));
        return cash(MessageType.DEPOSIT, pid, amount);
    }

    private Command withdraw(final ReferenceExchange model)
    {
        final String pid = TRADERS[random.nextInt(TRADERS.length)];
        final long available = Math.max(1, model.availableFen(pid));
        final long amount = 1 + (long)(random.nextDouble() * available * 1.1);
        return cash(MessageType.WITHDRAW, pid, amount);
    }

    private Command suspendOrAdmit(final ReferenceExchange model, final String pid)
    {
        final boolean suspended = model.isSuspended(pid);
        final byte status = suspended ? ParticipantStatus.ADMITTED : ParticipantStatus.SUSPENDED;
        // a regulator may suspend and reinstate (changing nothing else)
        final String by = random.nextInt(3) == 0 ? REG : "";
        return XB.equals(pid) ?
            participant(XB, Role.BUYER, Grade.IMPORTANT, Jurisdiction.CROSS_BORDER, status, "", by) :
            participant(SUP, Role.DATA_SUPPLIER | Role.BUYER, Grade.GENERAL, Jurisdiction.DOMESTIC, status, "", by);
    }

    /** BUY1 joins and leaves the broker's group: its orders and the broker's then never trade with each other. */
    private Command flipBuyerGroup()
    {
        buyerGrouped = !buyerGrouped;
        return participant(BUY, Role.BUYER, buyerDowngraded ? Grade.GENERAL : Grade.IMPORTANT, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED, buyerGrouped ? GROUP : "", "");
    }

    private boolean buyerGrouped;
    private boolean brokerGrouped;

    private boolean buyerDowngraded;
    private boolean brokerWithoutCompute;

    /** BUY1 between important and general: QUALIFICATION_TOO_LOW for ALGO-B while general. */
    private Command flipBuyerGrade()
    {
        buyerDowngraded = !buyerDowngraded;
        return participant(BUY, Role.BUYER, buyerDowngraded ? Grade.GENERAL : Grade.IMPORTANT, Jurisdiction.DOMESTIC,
            ParticipantStatus.ADMITTED, buyerGrouped ? GROUP : "", "");
    }

    /**
     * BRK1 with and without compute_broker: it may not sell node-hours without it and node-hours it
     * buys meanwhile are not sellable; resting orders stay.
     */
    private Command flipBrokerRoles()
    {
        brokerWithoutCompute = !brokerWithoutCompute;
        return participant(BRK, Role.DATA_BROKER | (brokerWithoutCompute ? Role.BUYER : Role.COMPUTE_BROKER),
            Grade.IMPORTANT, Jurisdiction.DOMESTIC, ParticipantStatus.ADMITTED);
    }

    private Command haltOrList(final ReferenceExchange model, final String prod)
    {
        if (random.nextInt(40) == 0 && model.productStatus(prod) == ProductStatus.LISTED && ALGO.equals(prod))
        {
            return status(prod, ProductStatus.DELISTED, random.nextBoolean() ? ADM : REG); // for good
        }
        final byte status = model.productStatus(prod) == ProductStatus.LISTED ? ProductStatus.SUSPENDED :
            ProductStatus.LISTED;
        final int d = random.nextInt(100);
        final String actor = d < 10 ? BUY : d < 30 ? REG : ADM;
        return status(prod, status, actor);
    }
}
