package io.databourse.matcher.reference;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.databourse.journal.sbe.ApprovalCommandDecoder;
import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.CapacityCommandDecoder;
import io.databourse.journal.sbe.CashCommandDecoder;
import io.databourse.journal.sbe.CrossBorderFilingCommandDecoder;
import io.databourse.journal.sbe.EndOfDayCommandDecoder;
import io.databourse.journal.sbe.FeeScheduleCommandDecoder;
import io.databourse.journal.sbe.InventoryCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.ReviewCommandDecoder;
import io.databourse.journal.sbe.UsageCommandDecoder;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.CancelReason;
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
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import org.agrona.DirectBuffer;

/**
 * The reference model of the exchange: docs/matching-rules.md written for clarity, not speed, in
 * the manner of exchange-core's OrderBookNaiveImpl. Plain objects, one list of live orders, books
 * computed by sorting on demand. It consumes the same command messages as the matcher and returns
 * the events it expects, as {@link Ev} values.
 *
 * <p>Where docs/matching-rules.md is silent, the choice made here is marked "CHOICE:" in a comment.
 */
public final class ReferenceExchange
{
    public static final long PRICE_MAX_FEN = 1_000_000_000_000L;
    public static final long QTY_MAX = 1_000_000_000_000L;
    public static final long NOTIONAL_LIMIT_FEN = 1L << 61;
    public static final long HOUR_NS = 3_600_000_000_000L;
    public static final long AMOUNT_MAX_FEN = 1L << 60;

    static final class Participant
    {
        int index;
        String id;
        int roles;
        byte qualification;
        byte jurisdiction;
        byte status;
        boolean localTaxpayer;
        /** Beneficial owner, null for none: participants of one group never trade with each other. */
        String group;
        /** Its standard contract for cross-border transfers is filed. */
        boolean crossBorderFiled;
        long availableFen;
        long reservedFen;

        boolean has(final int role)
        {
            return (roles & role) != 0;
        }
    }

    static final class Product
    {
        int index;
        String id;
        byte kind;
        byte grade;
        byte status;
        boolean crossBorder;
        long tickFen;
        long lotQty;
        int bandBps;
        long referencePriceFen;
        String sponsor;
        /** Data and algorithm products: the supplier holding its primary units. */
        Participant owner;
        byte rights;
        byte delivery;
        long usagePerLot;
        int termDays;
        long seatsPerLot;
        long runsPerSeat;
        /** Codes.Purpose bit set a buyer's declared use must be in; 0: none declared. */
        int purposes;
        boolean crossBorderApproved;
        boolean sponsorConfirmed;
        boolean personalInfo;
        long recordsPerLot;
        long windowStartNs;
        boolean windowExpired;
        long windowEndNs;

        boolean hasBand()
        {
            return bandBps >= 0 && referencePriceFen > 0;
        }

        long upperFen()
        {
            final long upper = Math.floorDiv(referencePriceFen * (10_000L + bandBps), 10_000L);
            return upper - Math.floorMod(upper, tickFen);
        }

        long lowerFen()
        {
            final long lower = -Math.floorDiv(-referencePriceFen * (10_000L - bandBps), 10_000L);
            final long rem = Math.floorMod(lower, tickFen);
            return rem == 0 ? lower : lower + tickFen - rem;
        }
    }

    /** Units (data/algorithm) or node-hours (compute) of one product held by one participant. */
    static final class Holding
    {
        /** Sellable and not reserved by an open sell order. */
        long free;
        long reservedForSale;
        /** Bought, not sellable (data without the operate right; compute bought by a non-broker). */
        long unsellable;
    }

    static final class Order
    {
        long orderId;
        Participant participant;
        Product product;
        String clOrdId;
        byte side;
        byte ordType;
        byte tif;
        boolean postOnly;
        byte stp;
        long priceFen;
        long orderQty;
        long leavesQty;
        long cumQty;
        long cumNotionalFen;
        int sessionId;
        long priority;
        /** Market orders: the band edge on arrival they may trade to; 0 for none. */
        long marketLimitFen;
        /** Buy orders: cash still reserved, and the price/rate it is reserved at. */
        long reservedFen;
        long reservePriceFen;
        int reserveBps;
        /** The use the buyer declared ({@code Codes.Purpose}). */
        byte purpose;
        /** A cross-border buy of personal information: its leaves hold records of the exporter's quota. */
        boolean crossBorder;

        boolean isBuy()
        {
            return side == Side.BUY;
        }
    }

    record Node(int participant, String name, long startNs, long endNs)
    {
    }

    /** Metered units bought: what is left of them, until when, for what declared use. */
    static final class Grant
    {
        long units;
        long expiryNs;
        byte purpose;
    }

    private final int participantsMax;
    private final int productsMax;
    private final int ordersMax;
    private final int levelsMax;

    final List<Participant> participants = new ArrayList<>();
    final Map<String, Participant> participantsById = new LinkedHashMap<>();
    final List<Product> products = new ArrayList<>();
    final Map<String, Product> productsById = new LinkedHashMap<>();
    /** Live (resting) orders by order id, so iteration is in entry order. */
    final TreeMap<Long, Order> liveOrders = new TreeMap<>();
    final TreeMap<Long, Holding> holdings = new TreeMap<>();
    final List<Node> nodes = new ArrayList<>();
    /** Entitlements by participant * 1024 + product, in expiry order. */
    final TreeMap<Long, List<Grant>> grants = new TreeMap<>();
    /** Records sent abroad by fills, by exporter index * 100 000 + calendar year. */
    final TreeMap<Long, Long> usedRecords = new TreeMap<>();
    long crossBorderFilingFromRecords = 100_000;
    long crossBorderApprovalAboveRecords = 1_000_000;
    /** The latest expiry ever granted, by participant * 1024 + product: absent = never granted. */
    final TreeMap<Long, Long> latestExpiry = new TreeMap<>();
    final int[] makerBps = new int[3];
    final int[] takerBps = new int[3];
    /** Units ever added per product (inventory, capacity node-hours): conserved by trading. */
    final long[] unitsAdded = new long[1024];

    long nextOrderId = 1;
    long nextTradeId = 1;
    long nextPriority = 1;
    long depositsFen;
    long withdrawalsFen;
    long feesFen;

    private List<Ev> out;
    private long timeNs;
    /** The product id the command being applied names ("" when none): every refusal names it. */
    private String commandProduct = "";

    private final ParticipantCommandDecoder participantCommand = new ParticipantCommandDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final ProductStatusCommandDecoder productStatusCommand = new ProductStatusCommandDecoder();
    private final CashCommandDecoder cashCommand = new CashCommandDecoder();
    private final InventoryCommandDecoder inventoryCommand = new InventoryCommandDecoder();
    private final CapacityCommandDecoder capacityCommand = new CapacityCommandDecoder();
    private final NewOrderCommandDecoder newOrderCommand = new NewOrderCommandDecoder();
    private final CancelCommandDecoder cancelCommand = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replaceCommand = new ReplaceCommandDecoder();
    private final MassCancelCommandDecoder massCancelCommand = new MassCancelCommandDecoder();
    private final EndOfDayCommandDecoder endOfDayCommand = new EndOfDayCommandDecoder();
    private final FeeScheduleCommandDecoder feeScheduleCommand = new FeeScheduleCommandDecoder();
    private final ReviewCommandDecoder reviewCommand = new ReviewCommandDecoder();
    private final UsageCommandDecoder usageCommand = new UsageCommandDecoder();
    private final CrossBorderFilingCommandDecoder filingCommand = new CrossBorderFilingCommandDecoder();
    private final ApprovalCommandDecoder approvalCommand = new ApprovalCommandDecoder();

    public ReferenceExchange(final int participantsMax, final int productsMax, final int ordersMax)
    {
        this(participantsMax, productsMax, ordersMax, Integer.MAX_VALUE);
    }

    /**
     * @param levelsMax price levels in use across all books (MatcherContext.levelsMax): a Day/GTC
     *                  limit order needing a new level when all are in use is BOOK_CAPACITY_EXCEEDED.
     */
    public ReferenceExchange(final int participantsMax, final int productsMax, final int ordersMax, final int levelsMax)
    {
        this.participantsMax = participantsMax;
        this.productsMax = productsMax;
        this.ordersMax = ordersMax;
        this.levelsMax = levelsMax;
    }

    /** Applies one command message and returns the events it causes, in order. */
    public List<Ev> apply(final long seq, final long timeNs, final DirectBuffer buffer, final int offset, final int length)
    {
        this.out = new ArrayList<>();
        this.timeNs = timeNs;
        expireOpenedDeliveryWindows();
        final int type = RecordHeader.typeAt(buffer, offset);
        commandProduct = productNamedBy(type, buffer, offset);
        switch (type)
        {
            case MessageType.PARTICIPANT -> onParticipant(Codecs.wrap(participantCommand, buffer, offset));
            case MessageType.PRODUCT -> onProduct(Codecs.wrap(productCommand, buffer, offset));
            case MessageType.PRODUCT_STATUS ->
                onProductStatus(Codecs.wrap(productStatusCommand, buffer, offset));
            case MessageType.DEPOSIT, MessageType.WITHDRAW ->
                onCash(type, Codecs.wrap(cashCommand, buffer, offset));
            case MessageType.INVENTORY -> onInventory(Codecs.wrap(inventoryCommand, buffer, offset));
            case MessageType.CAPACITY -> onCapacity(Codecs.wrap(capacityCommand, buffer, offset));
            case MessageType.NEW_ORDER -> onNewOrder(Codecs.wrap(newOrderCommand, buffer, offset));
            case MessageType.CANCEL -> onCancel(Codecs.wrap(cancelCommand, buffer, offset));
            case MessageType.REPLACE -> onReplace(Codecs.wrap(replaceCommand, buffer, offset));
            case MessageType.MASS_CANCEL -> onMassCancel(Codecs.wrap(massCancelCommand, buffer, offset));
            case MessageType.END_OF_DAY -> onEndOfDay(Codecs.wrap(endOfDayCommand, buffer, offset));
            case MessageType.FEE_SCHEDULE ->
                onFeeSchedule(Codecs.wrap(feeScheduleCommand, buffer, offset));
            case MessageType.USAGE -> onUsage(Codecs.wrap(usageCommand, buffer, offset));
            case MessageType.REVIEW -> onReview(Codecs.wrap(reviewCommand, buffer, offset));
            case MessageType.SPONSOR -> onSponsor(Codecs.wrap(approvalCommand, buffer, offset));
            case MessageType.CROSS_BORDER_APPROVAL -> onApproval(Codecs.wrap(approvalCommand, buffer, offset));
            case MessageType.CROSS_BORDER_FILING -> onFiling(Codecs.wrap(filingCommand, buffer, offset));
            default -> reject(type, RejectReason.UNKNOWN_COMMAND, -1, "", 0, buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET));
        }
        final List<Ev> result = out;
        out = null;
        return result;
    }

    /** docs/simulate.md: a rejected event names the product its command named, registered or not. */
    private String productNamedBy(final int type, final DirectBuffer buffer, final int offset)
    {
        return switch (type)
        {
            case MessageType.NEW_ORDER -> Codecs.wrap(newOrderCommand, buffer, offset).productId();
            case MessageType.MASS_CANCEL -> Codecs.wrap(massCancelCommand, buffer, offset).productId();
            case MessageType.PRODUCT -> Codecs.wrap(productCommand, buffer, offset).productId();
            case MessageType.PRODUCT_STATUS ->
                Codecs.wrap(productStatusCommand, buffer, offset).productId();
            case MessageType.INVENTORY -> Codecs.wrap(inventoryCommand, buffer, offset).productId();
            case MessageType.CAPACITY -> Codecs.wrap(capacityCommand, buffer, offset).productId();
            case MessageType.USAGE -> Codecs.wrap(usageCommand, buffer, offset).productId();
            case MessageType.REVIEW -> Codecs.wrap(reviewCommand, buffer, offset).productId();
            case MessageType.SPONSOR, MessageType.CROSS_BORDER_APPROVAL ->
                Codecs.wrap(approvalCommand, buffer, offset).productId();
            default -> "";
        };
    }

    /**
     * Rules: resting orders of a compute product expire (delivery_window_started) as events of the
     * first command sequenced at or after its window start; earliest window first, then in
     * registration order; in book order, bids then asks.
     */
    private void expireOpenedDeliveryWindows()
    {
        final List<Product> opened = new ArrayList<>();
        for (final Product p : products)
        {
            if (p.kind == ProductKind.COMPUTE && !p.windowExpired && timeNs >= p.windowStartNs)
            {
                opened.add(p);
            }
        }
        opened.sort(java.util.Comparator.comparingLong((Product p) -> p.windowStartNs));
        for (final Product p : opened)
        {
            p.windowExpired = true;
            final List<Order> expiring = new ArrayList<>(book(p, Side.BUY));
            expiring.addAll(book(p, Side.SELL));
            for (final Order o : expiring)
            {
                engineCancel(o, MessageType.ORDER_EXPIRED, CancelReason.DELIVERY_WINDOW_STARTED);
            }
        }
    }

    // ---------------------------------------------------------------- reference data

    private void onParticipant(final ParticipantCommandDecoder c)
    {
        final Participant existing = participantsById.get(c.participantId());
        final int index = null == existing ? -1 : existing.index;
        // docs/matching-rules.md: a regulator may suspend or reinstate a participant, changing nothing else
        final boolean suspensionOnly = null != existing && existing.status != c.status() && existing.roles == c.roles() &&
            existing.qualification == c.qualification() && existing.jurisdiction == c.jurisdiction() &&
            existing.localTaxpayer == (c.localTaxpayerRaw() != 0) &&
            java.util.Objects.equals(existing.group, c.group().isEmpty() ? null : c.group());
        final RejectReason actorReason = actorReason(c.actor(), suspensionOnly ? Role.ADMIN | Role.REGULATOR : Role.ADMIN);
        if (null != actorReason)
        {
            reject(MessageType.PARTICIPANT, actorReason, index, "", 0, c.header().sessionId());
            return;
        }
        if (c.participantId().isEmpty() || c.qualification() < Grade.GENERAL || c.qualification() > Grade.CORE ||
            c.jurisdiction() < Jurisdiction.DOMESTIC || c.jurisdiction() > Jurisdiction.CROSS_BORDER ||
            c.status() < ParticipantStatus.ADMITTED || c.status() > ParticipantStatus.SUSPENDED)
        {
            reject(MessageType.PARTICIPANT, RejectReason.INVALID_DEFINITION, index, "", 0, c.header().sessionId());
            return;
        }
        // docs/matching-rules.md: an admin cannot change its own roles
        if (null != existing && existing.id.equals(c.actor()) && existing.roles != c.roles())
        {
            reject(MessageType.PARTICIPANT, RejectReason.NOT_AUTHORIZED, index, "", 0, c.header().sessionId());
            return;
        }
        if (null == existing)
        {
            if (participants.size() >= participantsMax)
            {
                reject(MessageType.PARTICIPANT, RejectReason.CAPACITY_LIMIT, -1, "", 0, c.header().sessionId());
                return;
            }
            final Participant p = new Participant();
            p.index = participants.size();
            p.id = c.participantId();
            p.roles = c.roles();
            p.qualification = c.qualification();
            p.jurisdiction = c.jurisdiction();
            p.status = c.status();
            p.localTaxpayer = c.localTaxpayerRaw() != 0;
            p.group = c.group().isEmpty() ? null : c.group();
            participants.add(p);
            participantsById.put(p.id, p);
            out.add(new Ev.RefData(MessageType.PARTICIPANT_REGISTERED, p.index, -1, 0, 0));
            return;
        }
        final boolean suspending = existing.status == ParticipantStatus.ADMITTED &&
            c.status() == ParticipantStatus.SUSPENDED;
        final boolean requalified = existing.roles != c.roles() || existing.qualification != c.qualification() ||
            existing.jurisdiction != c.jurisdiction();
        existing.roles = c.roles();
        existing.qualification = c.qualification();
        existing.jurisdiction = c.jurisdiction();
        existing.status = c.status();
        existing.localTaxpayer = c.localTaxpayerRaw() != 0;
        existing.group = c.group().isEmpty() ? null : c.group();
        // CHOICE (as the matcher): the update event comes first, then one cancel per live order in entry order.
        out.add(new Ev.RefData(MessageType.PARTICIPANT_UPDATED, existing.index, -1, 0, 0));
        if (suspending)
        {
            for (final Order o : ordersInEntryOrder(existing))
            {
                engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PARTICIPANT_SUSPENDED);
            }
        }
        else if (requalified)
        {
            // docs/matching-rules.md, Requalification: resting orders that no longer pass the gates go
            for (final Order o : ordersInEntryOrder(existing))
            {
                if (failsGates(o))
                {
                    engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PARTICIPANT_REQUALIFIED);
                }
            }
        }
    }

    /**
     * docs/matching-rules.md, Actors: null when the actor may act: empty (the exchange operator), or a
     * registered, admitted participant holding one of {@code roles} (0: any).
     */
    private RejectReason actorReason(final String actor, final int roles)
    {
        if (actor.isEmpty())
        {
            return null;
        }
        final Participant p = participantsById.get(actor);
        if (null == p)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        if (p.status != ParticipantStatus.ADMITTED)
        {
            return RejectReason.PARTICIPANT_SUSPENDED;
        }
        return roles == 0 || (p.roles & roles) != 0 ? null : RejectReason.NOT_AUTHORIZED;
    }

    private void onProduct(final ProductCommandDecoder c)
    {
        final int actorIndex = participantIndex(c.actor());
        final RejectReason reason = checkProduct(c);
        if (null != reason)
        {
            reject(MessageType.PRODUCT, reason, actorIndex, "", 0, c.header().sessionId());
            return;
        }
        final Product p = new Product();
        p.index = products.size();
        p.id = c.productId();
        p.kind = c.kind();
        p.grade = c.grade();
        p.status = c.status();
        p.crossBorder = c.crossBorderRaw() != 0;
        p.rights = c.rights();
        p.delivery = c.delivery();
        p.usagePerLot = c.usagePerLot();
        p.termDays = c.termDays();
        p.seatsPerLot = c.seatsPerLot();
        p.purposes = c.purposes();
        p.runsPerSeat = c.runsPerSeat();
        p.personalInfo = c.personalInfoRaw() != 0;
        p.recordsPerLot = c.recordsPerLot();
        p.tickFen = c.tickFen();
        p.lotQty = c.lotQty();
        p.bandBps = c.bandBps();
        p.referencePriceFen = c.referencePriceFen();
        p.sponsor = c.sponsor();
        p.windowStartNs = c.windowStartNs();
        p.windowEndNs = c.windowEndNs();
        p.owner = c.kind() == ProductKind.COMPUTE ? null :
            !c.owner().isEmpty() ? participantsById.get(c.owner()) : participantsById.get(c.actor());
        // an operator load past listing brings its sponsor's confirmation
        p.sponsorConfirmed = c.status() == ProductStatus.LISTED || c.status() == ProductStatus.SUSPENDED;
        products.add(p);
        productsById.put(p.id, p);
        final Participant sponsor = participantsById.get(c.sponsor());
        // CHOICE (as the matcher): the registered event names the sponsor's index as its participant.
        out.add(new Ev.RefData(MessageType.PRODUCT_REGISTERED, c.sponsor().isEmpty() ? -1 : sponsor.index, p.index,
            0, 0, null == p.owner ? -1 : p.owner.index, participantIndex(c.reviewedBy())));
    }

    /** docs/matching-rules.md, Products: the checks of a product registration, first failure wins. */
    private RejectReason checkProduct(final ProductCommandDecoder c)
    {
        final RejectReason actorReason = actorReason(c.actor(),
            c.kind() == ProductKind.COMPUTE ? Role.ADMIN : Role.ADMIN | Role.DATA_SUPPLIER);
        if (null != actorReason)
        {
            return actorReason;
        }
        if (c.productId().isEmpty())
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (productsById.containsKey(c.productId()))
        {
            return RejectReason.DUPLICATE_ID;
        }
        if (products.size() >= productsMax)
        {
            return RejectReason.CAPACITY_LIMIT;
        }
        if (!validDefinition(c))
        {
            return RejectReason.INVALID_DEFINITION;
        }
        if (c.kind() == ProductKind.COMPUTE && (c.windowStartNs() <= 0 || c.windowStartNs() % HOUR_NS != 0 ||
            c.windowEndNs() % HOUR_NS != 0 || c.windowStartNs() >= c.windowEndNs()))
        {
            return RejectReason.INVALID_WINDOW;
        }
        // CHOICE (as the matcher): a named sponsor must be a registered data_sponsor.
        final Participant sponsor = participantsById.get(c.sponsor());
        if (!c.sponsor().isEmpty() && (null == sponsor || !sponsor.has(Role.DATA_SPONSOR)))
        {
            return RejectReason.SPONSOR_REQUIRED;
        }
        final RejectReason ownerReason = ownerReason(c);
        if (null != ownerReason)
        {
            return ownerReason;
        }
        if (c.grade() == Grade.CORE && c.status() == ProductStatus.LISTED)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        if ((!c.actor().isEmpty() && c.status() != ProductStatus.REGISTERED) || c.status() == ProductStatus.REJECTED)
        {
            return RejectReason.INVALID_STATUS_TRANSITION;
        }
        final boolean pastReview = c.status() == ProductStatus.COMPLIANCE_REVIEWED ||
            c.status() == ProductStatus.LISTED || c.status() == ProductStatus.SUSPENDED;
        if (c.reviewedBy().isEmpty())
        {
            if (pastReview)
            {
                return RejectReason.COMPLIANCE_REVIEW_REQUIRED;
            }
        }
        else
        {
            if (!c.actor().isEmpty() || c.status() == ProductStatus.REGISTERED)
            {
                return RejectReason.INVALID_DEFINITION;
            }
            final Participant reviewer = participantsById.get(c.reviewedBy());
            if (null == reviewer)
            {
                return RejectReason.UNKNOWN_PARTICIPANT;
            }
            if (!reviewer.has(Role.COMPLIANCE_OFFICER))
            {
                return RejectReason.ROLE_NOT_PERMITTED;
            }
            if (c.kind() != ProductKind.COMPUTE && reviewer.id.equals(ownerId(c)))
            {
                return RejectReason.CONFLICT_OF_INTEREST;
            }
        }
        if (c.kind() == ProductKind.DATA &&
            (c.status() == ProductStatus.LISTED || c.status() == ProductStatus.SUSPENDED) && c.sponsor().isEmpty())
        {
            return RejectReason.SPONSOR_REQUIRED;
        }
        return null;
    }

    private static String ownerId(final ProductCommandDecoder c)
    {
        return !c.owner().isEmpty() ? c.owner() : c.actor();
    }

    /** docs/matching-rules.md, Ownership. */
    private RejectReason ownerReason(final ProductCommandDecoder c)
    {
        if (c.kind() == ProductKind.COMPUTE)
        {
            return null;
        }
        final Participant actor = participantsById.get(c.actor());
        final boolean forExchange = c.actor().isEmpty() || actor.has(Role.ADMIN);
        if (c.owner().isEmpty())
        {
            return forExchange ? RejectReason.OWNER_REQUIRED : null;
        }
        final Participant owner = participantsById.get(c.owner());
        if (null == owner)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        if (owner.status != ParticipantStatus.ADMITTED)
        {
            return RejectReason.PARTICIPANT_SUSPENDED;
        }
        if (!forExchange && owner != actor)
        {
            return RejectReason.NOT_OWNER;
        }
        return owner.has(Role.DATA_SUPPLIER) ? null : RejectReason.ROLE_NOT_PERMITTED;
    }

    private static boolean validDefinition(final ProductCommandDecoder c)
    {
        if (c.kind() < 0 || c.kind() > ProductKind.ALGORITHM || c.grade() < 0 || c.grade() > Grade.CORE ||
            c.status() < 0 || c.status() > ProductStatus.REJECTED || c.tickFen() <= 0 || c.lotQty() <= 0 ||
            c.bandBps() < -1 || c.bandBps() > 10_000 || c.referencePriceFen() < 0 ||
            (c.bandBps() >= 0 && c.referencePriceFen() == 0) || c.recordsPerLot() < 0)
        {
            return false;
        }
        if (c.kind() == ProductKind.COMPUTE)
        {
            return c.owner().isEmpty() && c.recordsPerLot() == 0 && !c.hardware().isEmpty() && !c.region().isEmpty();
        }
        // personal information is counted by the record: a data product holding it says how many a lot carries
        return c.kind() != ProductKind.DATA || (c.personalInfoRaw() != 0) == (c.recordsPerLot() > 0);
    }

    private static boolean transitionAllowed(final byte from, final byte to)
    {
        // compliance_reviewed and rejected are reached by reviews only
        return (from == ProductStatus.REGISTERED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.COMPLIANCE_REVIEWED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.COMPLIANCE_REVIEWED && to == ProductStatus.LISTED) ||
            (from == ProductStatus.LISTED && to == ProductStatus.SUSPENDED) ||
            (from == ProductStatus.SUSPENDED && to == ProductStatus.LISTED) ||
            (from == ProductStatus.LISTED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.SUSPENDED && to == ProductStatus.DELISTED);
    }

    private void onProductStatus(final ProductStatusCommandDecoder c)
    {
        final int actorIndex = participantIndex(c.actor());
        final Product p = productsById.get(c.productId());
        if (null == p)
        {
            reject(MessageType.PRODUCT_STATUS, RejectReason.UNKNOWN_PRODUCT, actorIndex, "", 0, c.header().sessionId());
            return;
        }
        final byte to = c.status();
        // a regulator halts (suspend, delist) and resumes a suspended product
        final boolean regulatory = to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED ||
            (to == ProductStatus.LISTED && p.status == ProductStatus.SUSPENDED);
        RejectReason reason = actorReason(c.actor(), regulatory ? Role.ADMIN | Role.REGULATOR : Role.ADMIN);
        if (null == reason && (to == ProductStatus.COMPLIANCE_REVIEWED ||
            (to == ProductStatus.LISTED && p.status == ProductStatus.REGISTERED)))
        {
            reason = RejectReason.COMPLIANCE_REVIEW_REQUIRED;
        }
        else if (null == reason && !transitionAllowed(p.status, to))
        {
            reason = RejectReason.INVALID_STATUS_TRANSITION;
        }
        else if (null == reason && to == ProductStatus.LISTED && p.kind == ProductKind.DATA && !p.sponsorConfirmed)
        {
            reason = RejectReason.SPONSOR_REQUIRED;
        }
        else if (null == reason && to == ProductStatus.LISTED && p.grade == Grade.CORE)
        {
            reason = RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        if (null != reason)
        {
            reject(MessageType.PRODUCT_STATUS, reason, actorIndex, "", 0, c.header().sessionId());
            return;
        }
        moveProduct(p, to, actorIndex, c.note());
    }

    /** A product moves: the event, then (suspension, delisting, rejection) its orders in book order, bids then asks. */
    private void moveProduct(final Product p, final byte to, final int actorIndex, final String note)
    {
        final byte from = p.status;
        p.status = to;
        out.add(new Ev.ProductStatus(p.index, from, to, actorIndex, note));
        if (to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED || to == ProductStatus.REJECTED)
        {
            final List<Order> halted = new ArrayList<>(book(p, Side.BUY));
            halted.addAll(book(p, Side.SELL));
            for (final Order o : halted)
            {
                engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PRODUCT_HALTED);
            }
        }
    }

    /**
     * docs/matching-rules.md, Usage: a custodian reports a participant's use of data it holds an
     * entitlement to; the use draws units from its unexpired entitlements, earliest expiry first.
     */
    private void onUsage(final UsageCommandDecoder c)
    {
        final Participant reporter = participantsById.get(c.reporter());
        final Participant p = participantsById.get(c.participantId());
        final Product prod = productsById.get(c.productId());
        final int pIndex = null == p ? -1 : p.index;
        final RejectReason reason;
        if (c.usageId().length() == 0)
        {
            reason = RejectReason.INVALID_CLORDID;
        }
        else if (null == reporter || null == p)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (reporter.status != ParticipantStatus.ADMITTED || p.status != ParticipantStatus.ADMITTED)
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (!reporter.has(Role.DATA_CUSTODIAN))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (null == prod)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (prod.kind == ProductKind.COMPUTE)
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (c.units() <= 0 || c.units() > QTY_MAX)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else if ((prod.delivery == DeliveryMode.SANDBOX_ONLY) != (c.channel() == DeliveryMode.SANDBOX_ONLY))
        {
            reason = RejectReason.SANDBOX_ONLY;
        }
        else if ((prod.rights & (c.channel() == DeliveryMode.DOWNLOAD ? Rights.HOLD : Rights.PROCESS_USE)) == 0)
        {
            reason = RejectReason.RIGHTS_NOT_GRANTED; // a download keeps a copy (hold); any other use processes it
        }
        else if (!latestExpiry.containsKey((long)p.index * 1024 + prod.index))
        {
            reason = RejectReason.NO_ENTITLEMENT;
        }
        else if (latestExpiry.get((long)p.index * 1024 + prod.index) <= timeNs)
        {
            reason = RejectReason.ENTITLEMENT_EXPIRED;
        }
        else if (available(p, prod, c.purpose()) == 0 && available(p, prod, -1) > 0)
        {
            reason = RejectReason.PURPOSE_MISMATCH; // units left, but none bought for this use
        }
        else if (available(p, prod, c.purpose()) < c.units())
        {
            reason = RejectReason.USAGE_EXCEEDS_QUOTA;
        }
        else
        {
            reason = null;
        }
        if (null != reason)
        {
            reject(MessageType.USAGE, reason, pIndex, c.usageId(), 0, c.header().sessionId());
            return;
        }
        for (final long[] piece : drawFrom(p, prod, c.units(), c.purpose()))
        {
            out.add(new Ev.Drawn(p.index, prod.index, 0, piece[0], piece[1], (int)piece[2], c.header().sessionId()));
        }
        out.add(new Ev.Usage(p.index, prod.index, reporter.index, c.units(), available(p, prod, c.purpose()),
            c.usageId(), c.purpose()));
    }

    /** docs/matching-rules.md, Compliance review. */
    private void onReview(final ReviewCommandDecoder c)
    {
        final Participant reviewer = participantsById.get(c.actor());
        final int actorIndex = null == reviewer ? -1 : reviewer.index;
        final Product p = productsById.get(c.productId());
        RejectReason reason = c.actor().length() == 0 ? RejectReason.NOT_AUTHORIZED :
            actorReason(c.actor(), 0);
        if (null == reason && !reviewer.has(Role.COMPLIANCE_OFFICER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (null == reason && (c.decision() < 0 || c.decision() > ReviewDecision.REJECT || c.grade() < -1 ||
            c.grade() > Grade.CORE || c.personalInfo() < -1 || c.personalInfo() > 1))
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        else if (null == reason && null == p)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (null == reason && p.owner == reviewer)
        {
            reason = RejectReason.CONFLICT_OF_INTEREST;
        }
        else if (null == reason && (p.status == ProductStatus.DELISTED || p.status == ProductStatus.REJECTED))
        {
            reason = RejectReason.INVALID_STATUS_TRANSITION;
        }
        else if (null == reason && c.decision() == ReviewDecision.APPROVE && p.kind == ProductKind.DATA &&
            (c.personalInfo() < 0 ? p.personalInfo : c.personalInfo() == 1) && p.recordsPerLot == 0)
        {
            reason = RejectReason.INVALID_DEFINITION;
        }
        if (null != reason)
        {
            reject(MessageType.REVIEW, reason, actorIndex, c.requestId(), 0, c.header().sessionId());
            return;
        }
        final boolean approve = c.decision() == ReviewDecision.APPROVE;
        final byte from = p.status;
        final byte to = !approve ? ProductStatus.REJECTED :
            from == ProductStatus.REGISTERED ? ProductStatus.COMPLIANCE_REVIEWED : from;
        final byte oldGrade = p.grade;
        final boolean oldPersonalInfo = p.personalInfo;
        if (approve)
        {
            p.grade = c.grade() < 0 ? p.grade : c.grade();
            p.personalInfo = c.personalInfo() < 0 ? p.personalInfo : c.personalInfo() == 1;
        }
        out.add(new Ev.Compliance(MessageType.PRODUCT_REVIEWED, p.index, -1, actorIndex, c.decision(), p.grade,
            p.personalInfo, from, to, c.requestId(), c.note()));
        if (to != from)
        {
            moveProduct(p, to, actorIndex, c.note());
        }
        else if (p.grade > oldGrade || p.personalInfo != oldPersonalInfo)
        {
            // the product's grade or personal information changed while it trades: orders failing the gates go
            final List<Order> failing = new ArrayList<>();
            for (final Order o : book(p, Side.BUY))
            {
                if (failsGates(o))
                {
                    failing.add(o);
                }
            }
            for (final Order o : book(p, Side.SELL))
            {
                if (failsGates(o))
                {
                    failing.add(o);
                }
            }
            for (final Order o : failing)
            {
                engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PARTICIPANT_REQUALIFIED);
            }
        }
    }

    /** docs/matching-rules.md, Cross-border quotas: a regulator records an exporter's filed standard contract. */
    private void onFiling(final CrossBorderFilingCommandDecoder c)
    {
        final Participant exporter = participantsById.get(c.participantId());
        RejectReason reason = actorReason(c.actor(), Role.REGULATOR);
        if (null == reason && null == exporter)
        {
            reason = RejectReason.UNKNOWN_PARTICIPANT;
        }
        else if (null == reason && !exporter.has(Role.DATA_SUPPLIER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (null == reason && exporter.crossBorderFiled)
        {
            reason = RejectReason.ALREADY_RECORDED;
        }
        if (null != reason)
        {
            reject(MessageType.CROSS_BORDER_FILING, reason, null != exporter ? exporter.index : participantIndex(c.actor()),
                c.requestId(), 0, c.header().sessionId());
            return;
        }
        exporter.crossBorderFiled = true;
        out.add(new Ev.Compliance(MessageType.CROSS_BORDER_FILED, -1, exporter.index, participantIndex(c.actor()), 0, 0,
            false, 0, 0, c.requestId(), c.note()));
    }

    /** docs/matching-rules.md, Cross-border quotas: a regulator approves a data product's export. */
    private void onApproval(final ApprovalCommandDecoder c)
    {
        final Product p = productsById.get(c.productId());
        RejectReason reason = actorReason(c.actor(), Role.REGULATOR);
        if (null == reason && null == p)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (null == reason && p.kind != ProductKind.DATA)
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (null == reason && p.crossBorderApproved)
        {
            reason = RejectReason.ALREADY_RECORDED;
        }
        if (null != reason)
        {
            reject(MessageType.CROSS_BORDER_APPROVAL, reason, participantIndex(c.actor()), c.requestId(), 0, c.header().sessionId());
            return;
        }
        p.crossBorderApproved = true;
        out.add(new Ev.Compliance(MessageType.CROSS_BORDER_APPROVED, p.index, -1, participantIndex(c.actor()), 0, 0,
            false, 0, 0, c.requestId(), c.note()));
    }

    /** docs/matching-rules.md, Sponsor confirmation. */
    private void onSponsor(final ApprovalCommandDecoder c)
    {
        final Participant sponsor = participantsById.get(c.actor());
        final int actorIndex = null == sponsor ? -1 : sponsor.index;
        final Product p = productsById.get(c.productId());
        RejectReason reason = c.actor().length() == 0 ? RejectReason.NOT_AUTHORIZED : actorReason(c.actor(), 0);
        if (null == reason && null == p)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (null == reason && p.sponsor.isEmpty())
        {
            reason = RejectReason.SPONSOR_REQUIRED;
        }
        else if (null == reason && !p.sponsor.equals(c.actor()))
        {
            reason = RejectReason.NOT_AUTHORIZED;
        }
        else if (null == reason && p.sponsorConfirmed)
        {
            reason = RejectReason.ALREADY_RECORDED;
        }
        else if (null == reason && p.status != ProductStatus.REGISTERED && p.status != ProductStatus.COMPLIANCE_REVIEWED)
        {
            reason = RejectReason.INVALID_STATUS_TRANSITION;
        }
        if (null != reason)
        {
            reject(MessageType.SPONSOR, reason, actorIndex, c.requestId(), 0, c.header().sessionId());
            return;
        }
        p.sponsorConfirmed = true;
        out.add(new Ev.Compliance(MessageType.PRODUCT_SPONSORED, p.index, -1, actorIndex, 0, p.grade, p.personalInfo,
            p.status, p.status, c.requestId(), c.note()));
    }

    private void onCash(final int type, final CashCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        if (null == p)
        {
            reject(type, RejectReason.UNKNOWN_PARTICIPANT, -1, c.requestId(), 0, c.header().sessionId());
            return;
        }
        // a suspended participant may only withdraw cash and cancel
        if (type == MessageType.DEPOSIT && p.status != ParticipantStatus.ADMITTED)
        {
            reject(type, RejectReason.PARTICIPANT_SUSPENDED, p.index, c.requestId(), 0, c.header().sessionId());
            return;
        }
        final long amount = c.amountFen();
        // CHOICE (as the matcher): the exchange's maximum amount is 2^60 fen, also for a balance after a deposit
        if (amount <= 0 || amount > AMOUNT_MAX_FEN)
        {
            reject(type, RejectReason.INVALID_AMOUNT, p.index, c.requestId(), 0, c.header().sessionId());
            return;
        }
        if (type == MessageType.DEPOSIT && p.availableFen > AMOUNT_MAX_FEN - amount)
        {
            reject(type, RejectReason.OVERFLOW, p.index, c.requestId(), 0, c.header().sessionId());
            return;
        }
        if (type == MessageType.WITHDRAW)
        {
            if (amount > p.availableFen)
            {
                reject(type, RejectReason.INSUFFICIENT_FUNDS, p.index, c.requestId(), 0, c.header().sessionId());
                return;
            }
            p.availableFen -= amount;
            withdrawalsFen += amount;
            out.add(new Ev.Cash(MessageType.CASH_WITHDRAWN, p.index, amount, p.availableFen, p.reservedFen));
        }
        else
        {
            p.availableFen += amount;
            depositsFen += amount;
            out.add(new Ev.Cash(MessageType.CASH_DEPOSITED, p.index, amount, p.availableFen, p.reservedFen));
        }
    }

    /** docs/matching-rules.md, Ownership: primary units go only to the owner, issued by it or the operator. */
    private void onInventory(final InventoryCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        if (null == p || (c.actor().length() > 0 && !participantsById.containsKey(c.actor())))
        {
            reject(MessageType.INVENTORY, RejectReason.UNKNOWN_PARTICIPANT, null == p ? participantIndex(c.actor()) :
                p.index, "", 0, c.header().sessionId());
            return;
        }
        final Product prod = productsById.get(c.productId());
        final RejectReason reason;
        if (null == prod)
        {
            reason = RejectReason.UNKNOWN_PRODUCT;
        }
        else if (prod.kind == ProductKind.COMPUTE)
        {
            reason = RejectReason.WRONG_PRODUCT_KIND;
        }
        else if (p.status != ParticipantStatus.ADMITTED ||
            (c.actor().length() > 0 && participantsById.get(c.actor()).status != ParticipantStatus.ADMITTED))
        {
            reason = RejectReason.PARTICIPANT_SUSPENDED;
        }
        else if (prod.owner != p || (c.actor().length() > 0 && !c.actor().equals(p.id)))
        {
            reason = RejectReason.NOT_OWNER;
        }
        else if (!p.has(Role.DATA_SUPPLIER))
        {
            reason = RejectReason.ROLE_NOT_PERMITTED;
        }
        else if (c.qty() <= 0 || c.qty() > QTY_MAX)
        {
            reason = RejectReason.INVALID_QUANTITY;
        }
        else
        {
            reason = null;
        }
        if (null != reason)
        {
            reject(MessageType.INVENTORY, reason, p.index, "", 0, c.header().sessionId());
            return;
        }
        final Holding h = holding(p, prod);
        h.free += c.qty();
        unitsAdded[prod.index] += c.qty();
        out.add(new Ev.Inventory(p.index, prod.index, c.qty(), h.free));
    }

    private void onCapacity(final CapacityCommandDecoder c)
    {
        if (!CapacityNodes.isWellFormed(c))
        {
            reject(MessageType.CAPACITY, RejectReason.MALFORMED_COMMAND, -1, "", 0, c.header().sessionId());
            return;
        }
        final Participant p = participantsById.get(c.participantId());
        if (null == p)
        {
            reject(MessageType.CAPACITY, RejectReason.UNKNOWN_PARTICIPANT, -1, "", 0, c.header().sessionId());
            return;
        }
        final Product prod = productsById.get(c.productId());
        if (null == prod)
        {
            reject(MessageType.CAPACITY, RejectReason.UNKNOWN_PRODUCT, p.index, "", 0, c.header().sessionId());
            return;
        }
        if (prod.kind != ProductKind.COMPUTE)
        {
            reject(MessageType.CAPACITY, RejectReason.WRONG_PRODUCT_KIND, p.index, "", 0, c.header().sessionId());
            return;
        }
        if (p.status != ParticipantStatus.ADMITTED)
        {
            reject(MessageType.CAPACITY, RejectReason.PARTICIPANT_SUSPENDED, p.index, "", 0, c.header().sessionId());
            return;
        }
        // docs/matching-rules.md: "capacity: a compute provider (only: a broker owns no machines)"
        if (!p.has(Role.COMPUTE_PROVIDER))
        {
            reject(MessageType.CAPACITY, RejectReason.ROLE_NOT_PERMITTED, p.index, "", 0, c.header().sessionId());
            return;
        }
        if (prod.status == ProductStatus.DELISTED)
        {
            reject(MessageType.CAPACITY, RejectReason.PRODUCT_NOT_LISTED, p.index, "", 0, c.header().sessionId());
            return;
        }
        final List<Node> added = new ArrayList<>();
        for (int i = 0; i < c.nodeCount(); i++)
        {
            final Node n = new Node(p.index, CapacityNodes.node(c, i), prod.windowStartNs, prod.windowEndNs);
            final List<Node> all = new ArrayList<>(nodes);
            all.addAll(added);
            for (final Node other : all)
            {
                if (other.participant() == n.participant() && other.name().equals(n.name()) &&
                    other.startNs() < n.endNs() && n.startNs() < other.endNs())
                {
                    reject(MessageType.CAPACITY, RejectReason.NODE_ALREADY_REGISTERED, p.index, "", 0, c.header().sessionId());
                    return;
                }
            }
            added.add(n);
        }
        nodes.addAll(added);
        final long nodeHours = (long)added.size() * ((prod.windowEndNs - prod.windowStartNs) / HOUR_NS);
        final Holding h = holding(p, prod);
        h.free += nodeHours;
        unitsAdded[prod.index] += nodeHours;
        out.add(new Ev.RefData(MessageType.CAPACITY_REGISTERED, p.index, prod.index, nodeHours, h.free));
    }

    private void onFeeSchedule(final FeeScheduleCommandDecoder c)
    {
        final RejectReason actorReason = actorReason(c.actor(), Role.ADMIN);
        if (null != actorReason)
        {
            reject(MessageType.FEE_SCHEDULE, actorReason, participantIndex(c.actor()), "", 0, c.header().sessionId());
            return;
        }
        if (c.kind() < ProductKind.DATA || c.kind() > ProductKind.ALGORITHM || c.makerBps() < 0 ||
            c.makerBps() > 10_000 || c.takerBps() < 0 || c.takerBps() > 10_000)
        {
            reject(MessageType.FEE_SCHEDULE, RejectReason.INVALID_FEE, -1, "", 0, c.header().sessionId());
            return;
        }
        makerBps[c.kind()] = c.makerBps();
        takerBps[c.kind()] = c.takerBps();
        out.add(new Ev.FeesSet(c.kind(), c.makerBps(), c.takerBps()));
    }

    // ---------------------------------------------------------------- orders

    private void onNewOrder(final NewOrderCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        final String clOrdId = c.clOrdId();
        final RejectReason reason = checkNewOrder(c, p);
        if (null != reason)
        {
            reject(MessageType.NEW_ORDER, reason, pIndex, clOrdId, 0, c.header().sessionId());
            return;
        }
        final Product prod = productsById.get(c.productId());
        final Order o = new Order();
        o.orderId = nextOrderId++;
        o.participant = p;
        o.product = prod;
        o.clOrdId = clOrdId;
        o.side = c.side();
        o.ordType = c.ordType();
        o.tif = c.tif();
        o.postOnly = c.postOnlyRaw() != 0;
        o.stp = c.stp();
        o.purpose = c.purpose();
        o.crossBorder = o.isBuy() && p.jurisdiction == Jurisdiction.CROSS_BORDER && countsRecords(prod);
        o.priceFen = c.priceFen();
        o.orderQty = c.qty();
        o.leavesQty = c.qty();
        o.sessionId = c.header().sessionId();
        o.priority = nextPriority++;
        o.marketLimitFen = o.ordType == OrdType.MARKET ? marketLimitFen(prod, o.isBuy()) : 0;
        reserve(o);
        out.add(orderEvent(MessageType.ORDER_ACCEPTED, o, o.clOrdId, "", 0, false));

        if (o.tif == TimeInForce.FOK && fokAvailableQty(o) < o.leavesQty)
        {
            engineCancel(o, MessageType.ORDER_EXPIRED, CancelReason.FOK_UNFILLED);
            return;
        }
        if (!match(o))
        {
            return; // cancelled by self-trade prevention
        }
        if (o.leavesQty == 0)
        {
            return;
        }
        if (o.ordType == OrdType.MARKET)
        {
            engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.MARKET_REMAINDER);
        }
        else if (o.tif == TimeInForce.IOC || o.tif == TimeInForce.FOK)
        {
            engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.IOC_REMAINDER);
        }
        else
        {
            liveOrders.put(o.orderId, o);
        }
    }

    /** docs/matching-rules.md "Order checks, in this order (first failure wins)", steps 1-10. */
    private RejectReason checkNewOrder(final NewOrderCommandDecoder c, final Participant p)
    {
        // 1. shape
        if (c.side() != Side.BUY && c.side() != Side.SELL)
        {
            return RejectReason.INVALID_SIDE;
        }
        if (c.ordType() != OrdType.LIMIT && c.ordType() != OrdType.MARKET)
        {
            return RejectReason.INVALID_ORD_TYPE;
        }
        if (c.tif() < TimeInForce.DAY || c.tif() > TimeInForce.FOK)
        {
            return RejectReason.INVALID_TIF;
        }
        if (c.stp() < SelfTradePrevention.CANCEL_NEWEST || c.stp() > SelfTradePrevention.CANCEL_BOTH)
        {
            return RejectReason.INVALID_STP;
        }
        if (c.clOrdId().isEmpty())
        {
            return RejectReason.INVALID_CLORDID;
        }
        if (c.postOnlyRaw() != 0 && (c.ordType() != OrdType.LIMIT || c.tif() == TimeInForce.IOC || c.tif() == TimeInForce.FOK))
        {
            return RejectReason.POST_ONLY_NOT_LIMIT;
        }
        // 2. participant
        final RejectReason participantReason = checkParticipant(p);
        if (null != participantReason)
        {
            return participantReason;
        }
        // 3. product
        final Product prod = productsById.get(c.productId());
        if (null == prod)
        {
            return RejectReason.UNKNOWN_PRODUCT;
        }
        final RejectReason productReason = checkTradable(prod);
        if (null != productReason)
        {
            return productReason;
        }
        // 4. role, 5. buyer eligibility
        final boolean buy = c.side() == Side.BUY;
        final RejectReason eligibility = eligibility(p, prod, buy);
        if (null != eligibility)
        {
            return eligibility;
        }
        // 5b. purpose: a buy of a product declaring uses names one of them; nothing else names one
        if (buy && prod.purposes != 0 && c.purpose() == Purpose.NONE)
        {
            return RejectReason.PURPOSE_REQUIRED;
        }
        if (c.purpose() != Purpose.NONE && (!buy || (prod.purposes & Purpose.bitOf(c.purpose())) == 0))
        {
            return RejectReason.PURPOSE_NOT_ALLOWED;
        }
        // 6. price
        final boolean market = c.ordType() == OrdType.MARKET;
        final RejectReason priceReason = checkPrice(prod, market, buy, c.priceFen());
        if (null != priceReason)
        {
            return priceReason;
        }
        // 7. quantity, then the overflow guard on price x quantity
        final RejectReason qtyReason = checkQty(prod, c.qty());
        if (null != qtyReason)
        {
            return qtyReason;
        }
        final long reservePrice = market ? marketLimitFen(prod, buy) : c.priceFen();
        if (reservePrice > 0 && reservePrice > NOTIONAL_LIMIT_FEN / c.qty())
        {
            return RejectReason.OVERFLOW;
        }
        // 8. clOrdId and order capacity
        if (null != liveOrderByClOrdId(p, c.clOrdId()))
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        if (liveOrders.size() >= ordersMax)
        {
            return RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        if (!market && (c.tif() == TimeInForce.DAY || c.tif() == TimeInForce.GTC) &&
            needsNewLevelWhenFull(prod, c.side(), c.priceFen()))
        {
            return RejectReason.BOOK_CAPACITY_EXCEEDED;
        }
        // 9. post-only
        if (c.postOnlyRaw() != 0 && wouldCross(prod, c.side(), c.priceFen()))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        // 9b. cross-border quota
        if (buy && p.jurisdiction == Jurisdiction.CROSS_BORDER && prod.kind == ProductKind.DATA)
        {
            final RejectReason crossBorderReason = crossBorderReason(prod, c.qty() / prod.lotQty);
            if (null != crossBorderReason)
            {
                return crossBorderReason;
            }
        }
        // 10. reservation
        if (buy)
        {
            final long cost = cost(reservePrice, c.qty(), maxBps(prod));
            return cost > p.availableFen ? RejectReason.INSUFFICIENT_FUNDS : null;
        }
        final Holding h = holding(p, prod);
        if (c.qty() > h.free)
        {
            if (prod.kind != ProductKind.COMPUTE && (prod.rights & Rights.OPERATE) == 0 && h.free + h.unsellable >= c.qty())
            {
                return RejectReason.RIGHTS_NOT_GRANTED; // bought, but the product does not let buyers sell
            }
            return prod.kind == ProductKind.COMPUTE ? RejectReason.INSUFFICIENT_CAPACITY :
                RejectReason.INSUFFICIENT_INVENTORY;
        }
        // a resale hands on what is left: a used-up licence has nothing to sell
        if (p != prod.owner && meteredPerLot(prod) > 0 && available(p, prod, -1) == 0)
        {
            return RejectReason.ENTITLEMENT_USED_UP;
        }
        return null;
    }

    private RejectReason checkTradable(final Product prod)
    {
        if (prod.grade == Grade.CORE)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        if (prod.status != ProductStatus.LISTED)
        {
            return RejectReason.PRODUCT_NOT_LISTED;
        }
        if (prod.kind == ProductKind.COMPUTE && timeNs >= prod.windowStartNs)
        {
            return RejectReason.DELIVERY_WINDOW_STARTED;
        }
        return null;
    }

    /** The band edge a market order may trade up (buy) or down (sell) to; 0 when it has no band. */
    private static long marketLimitFen(final Product prod, final boolean buy)
    {
        return !prod.hasBand() ? 0 : buy ? prod.upperFen() : prod.lowerFen();
    }

    private static RejectReason checkParticipant(final Participant p)
    {
        if (null == p)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        if (p.status != ParticipantStatus.ADMITTED)
        {
            return RejectReason.PARTICIPANT_SUSPENDED;
        }
        return null;
    }

    /**
     * docs/matching-rules.md, order checks 4-5: the gates a participant passes to trade a product on a
     * side; also what requalification checks resting orders against.
     */
    private static RejectReason eligibility(final Participant p, final Product prod, final boolean buy)
    {
        if (!rolePermits(p, prod, buy))
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        if (buy && p.qualification < prod.grade)
        {
            return RejectReason.QUALIFICATION_TOO_LOW;
        }
        if (buy && p.jurisdiction == Jurisdiction.CROSS_BORDER && !prod.crossBorder)
        {
            return RejectReason.CROSS_BORDER_NOT_ALLOWED;
        }
        return null;
    }

    private static boolean rolePermits(final Participant p, final Product prod, final boolean buy)
    {
        if (prod.kind == ProductKind.COMPUTE)
        {
            return buy ? p.has(Role.BUYER) || p.has(Role.COMPUTE_BROKER) :
                p.has(Role.COMPUTE_PROVIDER) || p.has(Role.COMPUTE_BROKER);
        }
        // a plain buyer may sell what it bought of a product granting operate
        return buy ? p.has(Role.BUYER) || p.has(Role.DATA_BROKER) :
            p.has(Role.DATA_SUPPLIER) || p.has(Role.DATA_BROKER) || (p.has(Role.BUYER) && (prod.rights & Rights.OPERATE) != 0);
    }

    private static RejectReason checkPrice(final Product prod, final boolean market, final boolean buy, final long price)
    {
        if (market)
        {
            if (price != 0)
            {
                return RejectReason.INVALID_PRICE;
            }
            return buy && !prod.hasBand() ? RejectReason.MARKET_ORDER_NOT_PROTECTED : null;
        }
        if (price <= 0 || price > PRICE_MAX_FEN)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (price % prod.tickFen != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (prod.hasBand() && (price < prod.lowerFen() || price > prod.upperFen()))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    private static RejectReason checkQty(final Product prod, final long qty)
    {
        if (qty <= 0 || qty > QTY_MAX)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (qty % prod.lotQty != 0)
        {
            return RejectReason.QTY_NOT_LOT_MULTIPLE;
        }
        return null;
    }

    /** Reserves cash (buy) or units/node-hours (sell) for a freshly accepted order. */
    private void reserve(final Order o)
    {
        if (o.isBuy())
        {
            o.reservePriceFen = o.ordType == OrdType.MARKET ? o.product.upperFen() : o.priceFen;
            o.reserveBps = maxBps(o.product);
            o.reservedFen = cost(o.reservePriceFen, o.leavesQty, o.reserveBps);
            o.participant.availableFen -= o.reservedFen;
            o.participant.reservedFen += o.reservedFen;
        }
        else
        {
            final Holding h = holding(o.participant, o.product);
            h.free -= o.leavesQty;
            h.reservedForSale += o.leavesQty;
        }
    }

    /** Gives back what an order still holds (its leaves) when it leaves the book unfilled. */
    private void release(final Order o)
    {
        if (o.isBuy())
        {
            o.participant.reservedFen -= o.reservedFen;
            o.participant.availableFen += o.reservedFen;
            o.reservedFen = 0;
        }
        else
        {
            final Holding h = holding(o.participant, o.product);
            h.reservedForSale -= o.leavesQty;
            h.free += o.leavesQty;
        }
    }

    /**
     * FOK: the quantity that would trade on arrival, skipping or stopping at own orders as the
     * order's STP mode would.
     */
    private long fokAvailableQty(final Order o)
    {
        long qty = 0;
        for (final Order r : book(o.product, opposite(o.side)))
        {
            if (!crosses(o, r.priceFen))
            {
                break;
            }
            if (sameOwner(r.participant, o.participant))
            {
                if (o.stp == SelfTradePrevention.CANCEL_OLDEST)
                {
                    continue;
                }
                break;
            }
            qty += r.leavesQty;
        }
        return qty;
    }

    /**
     * Trades the aggressor against the opposite book while prices cross. False when self-trade
     * prevention cancelled the aggressor (its events are already out).
     */
    private boolean match(final Order o)
    {
        while (o.leavesQty > 0)
        {
            final List<Order> opposite = book(o.product, opposite(o.side));
            if (opposite.isEmpty())
            {
                return true;
            }
            final Order best = opposite.get(0);
            if (!crosses(o, best.priceFen))
            {
                return true;
            }
            if (sameOwner(best.participant, o.participant))
            {
                switch (o.stp)
                {
                    case SelfTradePrevention.CANCEL_NEWEST ->
                    {
                        engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED, false);
                        return false;
                    }
                    case SelfTradePrevention.CANCEL_OLDEST ->
                    {
                        engineCancel(best, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED);
                        continue;
                    }
                    default ->
                    {
                        // CHOICE: cancel_both cancels the resting order first, then the incoming one.
                        engineCancel(best, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED);
                        engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.SELF_TRADE_PREVENTED, false);
                        return false;
                    }
                }
            }
            trade(o, best);
        }
        return true;
    }

    private void trade(final Order aggressor, final Order resting)
    {
        final Order buy = aggressor.isBuy() ? aggressor : resting;
        final Order sell = aggressor.isBuy() ? resting : aggressor;
        final Product prod = resting.product;
        final long qty = Math.min(buy.leavesQty, sell.leavesQty);
        final long price = resting.priceFen;
        final long value = price * qty;
        // CHOICE (as the matcher): the buyer never pays a higher rate than its order reserved at
        // (fee schedule raised while the order was live); the seller pays the current rate.
        final int buyBps = Math.min(buy == aggressor ? takerBps[prod.kind] : makerBps[prod.kind], buy.reserveBps);
        final int sellBps = sell == aggressor ? takerBps[prod.kind] : makerBps[prod.kind];
        final long buyFee = fee(value, buyBps);
        final long sellFee = fee(value, sellBps);

        for (final Order side : List.of(buy, sell))
        {
            side.leavesQty -= qty;
            side.cumQty += qty;
            side.cumNotionalFen += value;
        }
        // buyer: release the reservation of the filled quantity at the order's reserve price, pay value + fee
        final long stillReserved = cost(buy.reservePriceFen, buy.leavesQty, buy.reserveBps);
        final long released = buy.reservedFen - stillReserved;
        buy.reservedFen = stillReserved;
        buy.participant.reservedFen -= released;
        buy.participant.availableFen += released - value - buyFee;
        // seller: credited value - fee
        sell.participant.availableFen += value - sellFee;
        feesFen += buyFee + sellFee;
        // units move from the seller's reservation to the buyer
        holding(sell.participant, prod).reservedForSale -= qty;
        final Holding bought = holding(buy.participant, prod);
        if (resellable(buy.participant, prod))
        {
            bought.free += qty;
        }
        else
        {
            bought.unsellable += qty;
        }
        prod.referencePriceFen = price;
        // a cross-border buy of personal information: the fill's records count for the exporter this year
        final long records = buy.crossBorder ? qty / prod.lotQty * prod.recordsPerLot : 0;
        final int recordsYear = records > 0 ? yearOf(timeNs) : 0;
        if (records > 0)
        {
            usedRecords.merge(prod.owner.index * 100_000L + recordsYear, records, Long::sum);
        }

        out.add(new Ev.Trade(nextTradeId++, prod.index, aggressor.side, price, qty,
            buy.orderId, sell.orderId, buy.participant.index, sell.participant.index, buy.clOrdId, sell.clOrdId,
            buy.leavesQty, sell.leavesQty, buy.cumQty, sell.cumQty, buy.cumNotionalFen, sell.cumNotionalFen,
            buy.orderQty, sell.orderQty, buy.sessionId, sell.sessionId, buyFee, sellFee, records, recordsYear,
            buy.reservedFen));
        grantEntitlement(prod, buy, sell, qty, nextTradeId - 1);
        if (resting.leavesQty == 0)
        {
            liveOrders.remove(resting.orderId);
        }
        if (aggressor.leavesQty == 0)
        {
            liveOrders.remove(aggressor.orderId); // a replaced order trading as aggressor
        }
    }

    /** docs/matching-rules.md, Rights: bought units may be sold again with operate (compute: by a broker). */
    private static boolean countsRecords(final Product prod)
    {
        return prod.kind == ProductKind.DATA && prod.personalInfo && prod.recordsPerLot > 0;
    }

    /**
     * docs/matching-rules.md, Cross-border quotas: important data needs the product's approval;
     * personal information counts records (fills this year plus what open cross-border orders hold)
     * against the exporter's thresholds.
     */
    private RejectReason crossBorderReason(final Product prod, final long lots)
    {
        if (prod.grade >= Grade.IMPORTANT && !prod.crossBorderApproved)
        {
            return RejectReason.CROSS_BORDER_APPROVAL_REQUIRED;
        }
        if (!countsRecords(prod))
        {
            return null;
        }
        long reserved = 0;
        for (final Order o : liveOrders.values())
        {
            if (o.crossBorder && o.product.owner == prod.owner)
            {
                reserved += o.leavesQty / o.product.lotQty * o.product.recordsPerLot;
            }
        }
        final long total = usedRecords.getOrDefault(prod.owner.index * 100_000L + yearOf(timeNs), 0L) + reserved +
            lots * prod.recordsPerLot;
        if (total < crossBorderFilingFromRecords || prod.crossBorderApproved)
        {
            return null;
        }
        return total > crossBorderApprovalAboveRecords || !prod.owner.crossBorderFiled ?
            RejectReason.CROSS_BORDER_APPROVAL_REQUIRED : null;
    }

    static int yearOf(final long epochNs)
    {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L)).atZone(java.time.ZoneOffset.UTC)
            .getYear();
    }

    /**
     * docs/matching-rules.md, Requalification: a resting order fails the gates of a new one, or its
     * cross-border standing changed.
     */
    private boolean failsGates(final Order o)
    {
        if (null != eligibility(o.participant, o.product, o.isBuy()))
        {
            return true;
        }
        final boolean abroad = o.isBuy() && o.participant.jurisdiction == Jurisdiction.CROSS_BORDER &&
            o.product.kind == ProductKind.DATA;
        return o.crossBorder != (abroad && countsRecords(o.product)) ||
            (abroad && o.product.grade >= Grade.IMPORTANT && !o.product.crossBorderApproved);
    }

    /** docs/matching-rules.md, Self-trade prevention: the same participant, or two of one group. */
    private static boolean sameOwner(final Participant a, final Participant b)
    {
        return a == b || (null != a.group && a.group.equals(b.group));
    }

    private static boolean resellable(final Participant p, final Product prod)
    {
        return prod.kind == ProductKind.COMPUTE ? p.has(Role.COMPUTE_BROKER) : (prod.rights & Rights.OPERATE) != 0;
    }

    /** Usage units (data) or runs (algorithm) one lot carries; 0 when unmetered. */
    private static long meteredPerLot(final Product prod)
    {
        return prod.kind == ProductKind.COMPUTE ? 0 : prod.seatsPerLot > 0 ? prod.seatsPerLot * prod.runsPerSeat :
            prod.usagePerLot;
    }

    /**
     * docs/matching-rules.md, Entitlements: the owner's sale grants a fresh entitlement expiring
     * termDays after the trade; a reseller hands on what is left of its own, earliest expiry first,
     * each piece keeping its expiry, one event per distinct expiry; seats ride on the first event.
     * What it takes from the reseller is journaled first: entitlement_drawn per expiry and purpose.
     */
    private void grantEntitlement(final Product prod, final Order buy, final Order sell, final long qty, final long tradeId)
    {
        final long perLot = meteredPerLot(prod);
        if (perLot == 0)
        {
            return;
        }
        final long lots = qty / prod.lotQty;
        final long units = lots * perLot;
        final long seats = lots * prod.seatsPerLot;
        final byte purpose = buy.purpose;
        if (sell.participant == prod.owner)
        {
            final long expiry = prod.termDays == 0 ? Long.MAX_VALUE : timeNs + prod.termDays * 86_400_000_000_000L;
            grantTo(buy.participant, prod, units, expiry, purpose);
            out.add(new Ev.Entitlement(buy.participant.index, prod.index, tradeId, units, expiry, seats, -1, prod.rights,
                purpose, buy.sessionId));
            return;
        }
        boolean first = true;
        final List<long[]> pieces = drawFrom(sell.participant, prod, units, -1);
        for (int i = 0; i < pieces.size(); )
        {
            final long expiry = pieces.get(i)[1];
            long expiryUnits = 0;
            for (; i < pieces.size() && pieces.get(i)[1] == expiry; i++)
            {
                expiryUnits += pieces.get(i)[0];
                out.add(new Ev.Drawn(sell.participant.index, prod.index, tradeId, pieces.get(i)[0], expiry,
                    (int)pieces.get(i)[2], sell.sessionId));
            }
            grantTo(buy.participant, prod, expiryUnits, expiry, purpose);
            out.add(new Ev.Entitlement(buy.participant.index, prod.index, tradeId, expiryUnits, expiry,
                first ? seats : 0, sell.participant.index, prod.rights, purpose, buy.sessionId));
            first = false;
        }
    }

    private List<Grant> grantsOf(final Participant p, final Product prod)
    {
        return grants.computeIfAbsent((long)p.index * 1024 + prod.index, k -> new ArrayList<>());
    }

    /** A grant goes after every grant expiring no later (so equal expiries stay in grant order). */
    private void grantTo(final Participant p, final Product prod, final long units, final long expiry, final byte purpose)
    {
        final List<Grant> list = grantsOf(p, prod);
        int at = 0;
        while (at < list.size() && list.get(at).expiryNs <= expiry)
        {
            at++;
        }
        final Grant g = new Grant();
        g.units = units;
        g.expiryNs = expiry;
        g.purpose = purpose;
        list.add(at, g);
        latestExpiry.merge((long)p.index * 1024 + prod.index, expiry, Math::max);
    }

    /** Units on unexpired grants of a purpose (-1: any). */
    private long available(final Participant p, final Product prod, final int purpose)
    {
        long sum = 0;
        for (final Grant g : grantsOf(p, prod))
        {
            if (g.expiryNs > timeNs && (purpose < 0 || g.purpose == purpose))
            {
                sum += g.units;
            }
        }
        return sum;
    }

    /**
     * Takes up to {@code wanted} from unexpired grants of a purpose (-1: any), earliest first: the pieces
     * taken, {units, expiry, purpose}, one per run of grants with the same expiry and purpose.
     */
    private List<long[]> drawFrom(final Participant p, final Product prod, final long wanted, final int purpose)
    {
        final List<long[]> pieces = new ArrayList<>();
        long left = wanted;
        for (final Grant g : grantsOf(p, prod))
        {
            if (left == 0)
            {
                break;
            }
            if (g.expiryNs <= timeNs || (purpose >= 0 && g.purpose != purpose))
            {
                continue;
            }
            final long take = Math.min(left, g.units);
            g.units -= take;
            left -= take;
            if (take == 0)
            {
                continue;
            }
            final long[] last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
            if (null != last && last[1] == g.expiryNs && last[2] == g.purpose)
            {
                last[0] += take;
            }
            else
            {
                pieces.add(new long[] {take, g.expiryNs, g.purpose});
            }
        }
        grantsOf(p, prod).removeIf(g -> g.units == 0);
        return pieces;
    }

    // ---------------------------------------------------------------- cancel, replace, mass cancel, end of day

    private void onCancel(final CancelCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        // CHOICE (as the matcher): a suspended participant may still cancel (it has no live orders anyway).
        final RejectReason reason = c.clOrdId().isEmpty() ? RejectReason.INVALID_CLORDID :
            null == p ? RejectReason.UNKNOWN_PARTICIPANT : null;
        if (null != reason)
        {
            reject(MessageType.CANCEL, reason, pIndex, c.clOrdId(), c.orderId(), c.header().sessionId());
            return;
        }
        final Order o = findOrder(p, c.orderId(), c.origClOrdId());
        if (null == o)
        {
            reject(MessageType.CANCEL, RejectReason.UNKNOWN_ORDER, pIndex, c.clOrdId(), c.orderId(), c.header().sessionId());
            return;
        }
        out.add(orderEvent(MessageType.ORDER_CANCELLED, o, c.clOrdId(), o.clOrdId, CancelReason.USER, false));
        release(o);
        liveOrders.remove(o.orderId);
    }

    private void onReplace(final ReplaceCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        final String newClOrdId = c.clOrdId();
        if (c.clOrdId().isEmpty())
        {
            reject(MessageType.REPLACE, RejectReason.INVALID_CLORDID, pIndex, newClOrdId, c.orderId(), c.header().sessionId());
            return;
        }
        final RejectReason participantReason = checkParticipant(p);
        if (null != participantReason)
        {
            reject(MessageType.REPLACE, participantReason, pIndex, newClOrdId, c.orderId(), c.header().sessionId());
            return;
        }
        final Order o = findOrder(p, c.orderId(), c.origClOrdId());
        if (null == o)
        {
            reject(MessageType.REPLACE, RejectReason.UNKNOWN_ORDER, pIndex, newClOrdId, c.orderId(), c.header().sessionId());
            return;
        }
        final RejectReason reason = checkReplace(c, o);
        if (null != reason)
        {
            // CHOICE (as the matcher): the reject echoes the command's orderId, not the order found.
            reject(MessageType.REPLACE, reason, pIndex, newClOrdId, c.orderId(), c.header().sessionId());
            return;
        }
        final String oldClOrdId = o.clOrdId;
        final long newPrice = c.priceFen();
        final long newQty = c.qty();
        if (newQty <= o.cumQty)
        {
            out.add(orderEvent(MessageType.ORDER_CANCELLED, o, newClOrdId, oldClOrdId,
                CancelReason.REPLACED_TO_FILLED, false));
            o.clOrdId = newClOrdId;
            release(o);
            liveOrders.remove(o.orderId);
            return;
        }
        // CHOICE (as the matcher): same price and same quantity (only the clOrdId changes) keeps priority too.
        final boolean priorityKept = newPrice == o.priceFen && newQty <= o.orderQty;
        final long newLeaves = newQty - o.cumQty;
        if (o.isBuy())
        {
            // CHOICE (as the matcher): the order keeps the fee rate it reserved at when it entered.
            final long newReserved = cost(newPrice, newLeaves, o.reserveBps);
            final long delta = newReserved - o.reservedFen;
            o.participant.availableFen -= delta;
            o.participant.reservedFen += delta;
            o.reservedFen = newReserved;
            o.reservePriceFen = newPrice;
        }
        else
        {
            final Holding h = holding(p, o.product);
            final long delta = newLeaves - o.leavesQty;
            h.free -= delta;
            h.reservedForSale += delta;
        }
        o.clOrdId = newClOrdId;
        o.priceFen = newPrice;
        o.orderQty = newQty;
        o.leavesQty = newLeaves;
        if (!priorityKept)
        {
            o.priority = nextPriority++;
        }
        out.add(orderEvent(MessageType.ORDER_REPLACED, o, newClOrdId, oldClOrdId, 0, priorityKept));
        if (!priorityKept)
        {
            match(o); // may trade as an aggressor; a remainder stays on the book (Day/GTC only rest)
        }
    }

    private RejectReason checkReplace(final ReplaceCommandDecoder c, final Order o)
    {
        // docs/matching-rules.md: a replace that would change neither price nor quantity is refused
        if (c.priceFen() == o.priceFen && c.qty() == o.orderQty)
        {
            return RejectReason.REPLACE_NOT_ALLOWED;
        }
        final Product prod = o.product;
        final boolean buy = o.isBuy();
        final RejectReason productReason = checkTradable(prod);
        if (null != productReason)
        {
            return productReason; // e.g. the compute window started while the order rested
        }
        final RejectReason priceReason = checkPrice(prod, false, buy, c.priceFen());
        if (null != priceReason)
        {
            return priceReason;
        }
        final RejectReason qtyReason = checkQty(prod, c.qty());
        if (null != qtyReason)
        {
            return qtyReason;
        }
        if (c.priceFen() > NOTIONAL_LIMIT_FEN / c.qty())
        {
            return RejectReason.OVERFLOW;
        }
        final Order sameClOrdId = liveOrderByClOrdId(o.participant, c.clOrdId());
        if (null != sameClOrdId && sameClOrdId != o)
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        if (c.qty() <= o.cumQty)
        {
            return null; // replaced_to_filled: nothing to reserve
        }
        if (c.priceFen() != o.priceFen && needsNewLevelWhenFull(prod, o.side, c.priceFen()))
        {
            return RejectReason.BOOK_CAPACITY_EXCEEDED;
        }
        if (o.postOnly && wouldCross(prod, o.side, c.priceFen()))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        final long newLeaves = c.qty() - o.cumQty;
        if (buy && o.crossBorder && newLeaves > o.leavesQty)
        {
            final RejectReason crossBorderReason = crossBorderReason(prod, (newLeaves - o.leavesQty) / prod.lotQty);
            if (null != crossBorderReason)
            {
                return crossBorderReason;
            }
        }
        if (buy)
        {
            final long delta = cost(c.priceFen(), newLeaves, o.reserveBps) - o.reservedFen;
            return delta > o.participant.availableFen ? RejectReason.INSUFFICIENT_FUNDS : null;
        }
        if (newLeaves - o.leavesQty > holding(o.participant, prod).free)
        {
            return prod.kind == ProductKind.COMPUTE ? RejectReason.INSUFFICIENT_CAPACITY :
                RejectReason.INSUFFICIENT_INVENTORY;
        }
        return null;
    }

    private void onMassCancel(final MassCancelCommandDecoder c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        // CHOICE (as the matcher): a suspended participant may still mass cancel.
        final RejectReason reason = c.clOrdId().length() == 0 ? RejectReason.INVALID_CLORDID :
            null == p ? RejectReason.UNKNOWN_PARTICIPANT : null;
        if (null != reason)
        {
            reject(MessageType.MASS_CANCEL, reason, pIndex, c.clOrdId(), 0, c.header().sessionId());
            return;
        }
        Product prod = null;
        if (c.productId().length() > 0)
        {
            prod = productsById.get(c.productId());
            if (null == prod)
            {
                reject(MessageType.MASS_CANCEL, RejectReason.UNKNOWN_PRODUCT, pIndex, c.clOrdId(), 0, c.header().sessionId());
                return;
            }
        }
        final byte side = c.side();
        if (side != -1 && side != Side.BUY && side != Side.SELL)
        {
            reject(MessageType.MASS_CANCEL, RejectReason.INVALID_SIDE, pIndex, c.clOrdId(), 0, c.header().sessionId());
            return;
        }
        int count = 0;
        for (final Order o : ordersInEntryOrder(p))
        {
            if ((null == prod || o.product == prod) && (side == -1 || o.side == side))
            {
                // CHOICE: like a user cancel, the event names the mass cancel's clOrdId and the order's as orig.
                out.add(orderEvent(MessageType.ORDER_CANCELLED, o, c.clOrdId(), o.clOrdId, CancelReason.MASS_CANCEL,
                    false));
                release(o);
                liveOrders.remove(o.orderId);
                count++;
            }
        }
        out.add(new Ev.MassCancelled(p.index, null == prod ? -1 : prod.index, count, side, c.clOrdId()));
    }

    private void onEndOfDay(final EndOfDayCommandDecoder c)
    {
        final RejectReason actorReason = actorReason(c.actor(), Role.ADMIN);
        if (null != actorReason)
        {
            // the acting participant's index, -1 when it is not registered (RejectedEvent: "-1 when unknown")
            reject(MessageType.END_OF_DAY, actorReason, participantIndex(c.actor()), "", 0, c.header().sessionId());
            return;
        }
        // CHOICE (as the matcher): participant by participant (index order), each in entry order.
        final List<Order> dayOrders = new ArrayList<>();
        for (final Participant p : participants)
        {
            for (final Order o : ordersInEntryOrder(p))
            {
                if (o.tif == TimeInForce.DAY)
                {
                    dayOrders.add(o);
                }
            }
        }
        int count = 0;
        for (final Order o : dayOrders)
        {
            {
                engineCancel(o, MessageType.ORDER_EXPIRED, CancelReason.END_OF_DAY);
                count++;
            }
        }
        out.add(new Ev.DayEnded(count));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A participant's live orders "in the order they were entered". CHOICE (as the matcher): an
     * order is entered once, when it is accepted (its exchange order id says when); a replace, even
     * one that loses time priority on its price level, keeps the order's place in this order.
     */
    private List<Order> ordersInEntryOrder(final Participant p)
    {
        final List<Order> orders = new ArrayList<>();
        for (final Order o : liveOrders.values())
        {
            if (o.participant == p)
            {
                orders.add(o);
            }
        }
        orders.sort(Comparator.comparingLong(o -> o.orderId));
        return orders;
    }

    /**
     * An order leaves the book (or never reaches it) by the engine's decision. CHOICE (as the
     * matcher): the event carries the order's own clOrdId; origClOrdId is the order's clOrdId too
     * when it was resting (a cancel of a live order), empty for the incoming order of this command;
     * leavesQty is what was open before.
     */
    private void engineCancel(final Order o, final int type, final byte reason)
    {
        engineCancel(o, type, reason, liveOrders.containsKey(o.orderId));
    }

    /** As above; {@code resting} false for the aggressor of this command (even a replaced order). */
    private void engineCancel(final Order o, final int type, final byte reason, final boolean resting)
    {
        out.add(orderEvent(type, o, o.clOrdId, resting ? o.clOrdId : "", reason, false));
        release(o);
        liveOrders.remove(o.orderId);
    }

    private Ev.Order orderEvent(
        final int type, final Order o, final String clOrdId, final String origClOrdId, final int reason,
        final boolean priorityKept)
    {
        return new Ev.Order(type, o.orderId, o.participant.index, o.product.index, clOrdId, origClOrdId, o.side,
            o.ordType, o.tif, o.postOnly, o.stp, reason, priorityKept, o.priceFen, o.orderQty, o.leavesQty, o.cumQty,
            o.cumNotionalFen, o.sessionId, o.purpose, o.reservedFen);
    }

    private void reject(
        final int commandType, final RejectReason reason, final int participant, final String clOrdId,
        final long orderId, final int sessionId)
    {
        out.add(new Ev.Rejected(commandType, reason.code(), participant, clOrdId, orderId, sessionId, commandProduct));
    }

    /** By origClOrdId or, when that is empty, by orderId; when both are given they must agree. */
    private Order findOrder(final Participant p, final long orderId, final String origClOrdId)
    {
        if (origClOrdId.isEmpty())
        {
            final Order o = liveOrders.get(orderId);
            return null != o && o.participant == p ? o : null;
        }
        final Order o = liveOrderByClOrdId(p, origClOrdId);
        return null == o || (orderId != 0 && o.orderId != orderId) ? null : o;
    }

    private Order liveOrderByClOrdId(final Participant p, final String clOrdId)
    {
        for (final Order o : liveOrders.values())
        {
            if (o.participant == p && o.clOrdId.equals(clOrdId))
            {
                return o;
            }
        }
        return null;
    }

    /** Resting orders of one side of a product's book, best first: price, then time priority. */
    List<Order> book(final Product prod, final byte side)
    {
        final Comparator<Order> byPrice = side == Side.BUY ?
            Comparator.comparingLong((Order o) -> o.priceFen).reversed() : Comparator.comparingLong(o -> o.priceFen);
        final List<Order> orders = new ArrayList<>();
        for (final Order o : liveOrders.values())
        {
            if (o.product == prod && o.side == side)
            {
                orders.add(o);
            }
        }
        orders.sort(byPrice.thenComparingLong(o -> o.priority));
        return orders;
    }

    /** True when every price level is in use and no live order sits at this product, side and price. */
    private boolean needsNewLevelWhenFull(final Product prod, final byte side, final long price)
    {
        final java.util.Set<String> levels = new java.util.HashSet<>();
        boolean exists = false;
        for (final Order o : liveOrders.values())
        {
            levels.add(o.product.index + "/" + o.side + "/" + o.priceFen);
            exists |= o.product == prod && o.side == side && o.priceFen == price;
        }
        return !exists && levels.size() >= levelsMax;
    }

    private boolean wouldCross(final Product prod, final byte side, final long price)
    {
        final List<Order> opposite = book(prod, opposite(side));
        return !opposite.isEmpty() && (side == Side.BUY ? price >= opposite.get(0).priceFen :
            price <= opposite.get(0).priceFen);
    }

    /**
     * Whether the order may trade at the resting price. A market order trades only inside the band
     * as it stood on arrival (buy up to the upper edge, sell down to the lower edge; no floor for a
     * sell without band).
     */
    private static boolean crosses(final Order o, final long restingPrice)
    {
        final long limit = o.ordType == OrdType.MARKET ? o.marketLimitFen : o.priceFen;
        if (o.ordType == OrdType.MARKET && limit == 0)
        {
            return true;
        }
        return o.isBuy() ? limit >= restingPrice : limit <= restingPrice;
    }

    private static byte opposite(final byte side)
    {
        return side == Side.BUY ? Side.SELL : Side.BUY;
    }

    private int maxBps(final Product prod)
    {
        return Math.max(makerBps[prod.kind], takerBps[prod.kind]);
    }

    /** {@code floor(value x bps / 10000)}: fees round down (docs/matching-rules.md, Reservations), without overflow. */
    static long fee(final long value, final int bps)
    {
        final long whole = value / 10_000L;
        final long part = value % 10_000L;
        return whole * bps + (part * bps) / 10_000L;
    }

    /** Cash a buy reserves: {@code price x qty + fee(price x qty, bps)}. */
    static long cost(final long price, final long qty, final int bps)
    {
        final long value = price * qty;
        return value + fee(value, bps);
    }

    Holding holding(final Participant p, final Product prod)
    {
        return holdings.computeIfAbsent((long)p.index * 1024 + prod.index, k -> new Holding());
    }

    // ---------------------------------------------------------------- views for the test

    public int participantIndex(final String id)
    {
        final Participant p = participantsById.get(id);
        return null == p ? -1 : p.index;
    }

    /** {lower, upper} band edges of a product now, or null when it has no band. */
    public long[] bandEdgesFen(final String productId)
    {
        final Product p = productsById.get(productId);
        return null == p || !p.hasBand() ? null : new long[] {p.lowerFen(), p.upperFen()};
    }

    /** Whether a live order rests at this product, side and price. */
    public boolean hasLiveOrderAt(final String productId, final byte side, final long priceFen)
    {
        for (final Order o : liveOrders.values())
        {
            if (o.product.id.equals(productId) && o.side == side && o.priceFen == priceFen)
            {
                return true;
            }
        }
        return false;
    }

    public long referencePriceFen(final String productId)
    {
        final Product p = productsById.get(productId);
        return null == p ? 0 : p.referencePriceFen;
    }

    /** Live orders of a participant, in entry order: (orderId, clOrdId, productId, side, price, orderQty, cumQty). */
    public List<LiveOrder> liveOrdersOf(final String participantId)
    {
        final List<LiveOrder> result = new ArrayList<>();
        for (final Order o : liveOrders.values())
        {
            if (o.participant.id.equals(participantId))
            {
                result.add(new LiveOrder(o.orderId, o.clOrdId, o.product.id, o.side, o.priceFen, o.orderQty, o.cumQty));
            }
        }
        return result;
    }

    public record LiveOrder(long orderId, String clOrdId, String productId, byte side, long priceFen, long orderQty,
        long cumQty)
    {
    }

    public boolean isSuspended(final String participantId)
    {
        final Participant p = participantsById.get(participantId);
        return null != p && p.status == ParticipantStatus.SUSPENDED;
    }

    public byte productStatus(final String productId)
    {
        final Product p = productsById.get(productId);
        return null == p ? -1 : p.status;
    }

    public long reservedFen(final String participantId)
    {
        final Participant p = participantsById.get(participantId);
        return null == p ? 0 : p.reservedFen;
    }

    /** Units (node-hours) the participant may still offer: sellable and not reserved by its open sells. */
    public long sellableQty(final String participantId, final String productId)
    {
        final Participant p = participantsById.get(participantId);
        final Product prod = productsById.get(productId);
        return null == p || null == prod ? 0 : holding(p, prod).free;
    }

    public long feesFen()
    {
        return feesFen;
    }

    public int liveOrderCount()
    {
        return liveOrders.size();
    }

    public List<String> participantIds()
    {
        return new ArrayList<>(participantsById.keySet());
    }

    public List<String> productIds()
    {
        return new ArrayList<>(productsById.keySet());
    }

    public long availableFen(final String participantId)
    {
        final Participant p = participantsById.get(participantId);
        return null == p ? 0 : p.availableFen;
    }

    /**
     * The model's own invariants (exchange-core's validateInternalState): cash and units conserved,
     * reservations equal to what open orders hold, no crossed book. Returns null when they hold.
     */
    public String checkInvariants()
    {
        long cash = 0;
        for (final Participant p : participants)
        {
            cash += p.availableFen + p.reservedFen;
            long reserved = 0;
            for (final Order o : liveOrders.values())
            {
                if (o.participant == p && o.isBuy())
                {
                    reserved += o.reservedFen;
                }
            }
            if (reserved != p.reservedFen)
            {
                return "participant " + p.id + " reserved " + p.reservedFen + " but its orders hold " + reserved;
            }
        }
        if (cash + feesFen != depositsFen - withdrawalsFen)
        {
            return "cash " + cash + " + fees " + feesFen + " != deposits " + depositsFen + " - withdrawals " +
                withdrawalsFen;
        }
        for (final Product prod : products)
        {
            long units = 0;
            for (final Participant p : participants)
            {
                final Holding h = holding(p, prod);
                units += h.free + h.reservedForSale + h.unsellable;
                long reservedForSale = 0;
                for (final Order o : liveOrders.values())
                {
                    if (o.participant == p && o.product == prod && !o.isBuy())
                    {
                        reservedForSale += o.leavesQty;
                    }
                }
                if (reservedForSale != h.reservedForSale || h.free < 0)
                {
                    return "holding " + p.id + "/" + prod.id + " free=" + h.free + " reservedForSale=" +
                        h.reservedForSale + " but open sells " + reservedForSale;
                }
            }
            if (units != unitsAdded[prod.index])
            {
                return "product " + prod.id + " units " + units + " != added " + unitsAdded[prod.index];
            }
            final List<Order> bids = book(prod, Side.BUY);
            final List<Order> asks = book(prod, Side.SELL);
            if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).priceFen >= asks.get(0).priceFen)
            {
                return "product " + prod.id + " book crossed: bid " + bids.get(0).priceFen + " ask " +
                    asks.get(0).priceFen;
            }
        }
        return null;
    }
}
