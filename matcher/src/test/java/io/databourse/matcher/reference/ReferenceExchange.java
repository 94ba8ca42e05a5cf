package io.databourse.matcher.reference;

import io.databourse.journal.schema.CancelCommand;
import io.databourse.journal.schema.CapacityCommand;
import io.databourse.journal.schema.CashCommand;
import io.databourse.journal.schema.Codes.CancelReason;
import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.Jurisdiction;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ParticipantStatus;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.EndOfDayCommand;
import io.databourse.journal.schema.FeeScheduleCommand;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.InventoryCommand;
import io.databourse.journal.schema.MassCancelCommand;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.NewOrderCommand;
import io.databourse.journal.schema.ParticipantCommand;
import io.databourse.journal.schema.ProductCommand;
import io.databourse.journal.schema.ProductStatusCommand;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.ReplaceCommand;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        boolean resale;
        long tickFen;
        long lotQty;
        int bandBps;
        long referencePriceFen;
        String sponsor;
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
        /** Bought, not sellable (not a broker, product not resale). */
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

        boolean isBuy()
        {
            return side == Side.BUY;
        }
    }

    record Node(int participant, String name, long startNs, long endNs)
    {
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

    private final ParticipantCommand participantCommand = new ParticipantCommand();
    private final ProductCommand productCommand = new ProductCommand();
    private final ProductStatusCommand productStatusCommand = new ProductStatusCommand();
    private final CashCommand cashCommand = new CashCommand();
    private final InventoryCommand inventoryCommand = new InventoryCommand();
    private final CapacityCommand capacityCommand = new CapacityCommand();
    private final NewOrderCommand newOrderCommand = new NewOrderCommand();
    private final CancelCommand cancelCommand = new CancelCommand();
    private final ReplaceCommand replaceCommand = new ReplaceCommand();
    private final MassCancelCommand massCancelCommand = new MassCancelCommand();
    private final EndOfDayCommand endOfDayCommand = new EndOfDayCommand();
    private final FeeScheduleCommand feeScheduleCommand = new FeeScheduleCommand();

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
        final int type = Flyweight.typeAt(buffer, offset);
        commandProduct = productNamedBy(type, buffer, offset);
        switch (type)
        {
            case MessageType.PARTICIPANT -> onParticipant((ParticipantCommand)participantCommand.wrap(buffer, offset));
            case MessageType.PRODUCT -> onProduct((ProductCommand)productCommand.wrap(buffer, offset));
            case MessageType.PRODUCT_STATUS ->
                onProductStatus((ProductStatusCommand)productStatusCommand.wrap(buffer, offset));
            case MessageType.DEPOSIT, MessageType.WITHDRAW ->
                onCash(type, (CashCommand)cashCommand.wrap(buffer, offset));
            case MessageType.INVENTORY -> onInventory((InventoryCommand)inventoryCommand.wrap(buffer, offset));
            case MessageType.CAPACITY -> onCapacity((CapacityCommand)capacityCommand.wrap(buffer, offset));
            case MessageType.NEW_ORDER -> onNewOrder((NewOrderCommand)newOrderCommand.wrap(buffer, offset));
            case MessageType.CANCEL -> onCancel((CancelCommand)cancelCommand.wrap(buffer, offset));
            case MessageType.REPLACE -> onReplace((ReplaceCommand)replaceCommand.wrap(buffer, offset));
            case MessageType.MASS_CANCEL -> onMassCancel((MassCancelCommand)massCancelCommand.wrap(buffer, offset));
            case MessageType.END_OF_DAY -> onEndOfDay((EndOfDayCommand)endOfDayCommand.wrap(buffer, offset));
            case MessageType.FEE_SCHEDULE ->
                onFeeSchedule((FeeScheduleCommand)feeScheduleCommand.wrap(buffer, offset));
            default -> reject(type, RejectReason.UNKNOWN_COMMAND, -1, "", 0, buffer.getInt(offset + Flyweight.SESSION_ID_OFFSET));
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
            case MessageType.NEW_ORDER -> ((NewOrderCommand)newOrderCommand.wrap(buffer, offset)).productId();
            case MessageType.MASS_CANCEL -> ((MassCancelCommand)massCancelCommand.wrap(buffer, offset)).productId();
            case MessageType.PRODUCT -> ((ProductCommand)productCommand.wrap(buffer, offset)).productId();
            case MessageType.PRODUCT_STATUS ->
                ((ProductStatusCommand)productStatusCommand.wrap(buffer, offset)).productId();
            case MessageType.INVENTORY -> ((InventoryCommand)inventoryCommand.wrap(buffer, offset)).productId();
            case MessageType.CAPACITY -> ((CapacityCommand)capacityCommand.wrap(buffer, offset)).productId();
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

    private void onParticipant(final ParticipantCommand c)
    {
        final Participant existing = participantsById.get(c.participantId());
        final int index = null == existing ? -1 : existing.index;
        final RejectReason actorReason = checkActor(c.actor(), false);
        if (null != actorReason)
        {
            reject(MessageType.PARTICIPANT, actorReason, index, "", 0, c.sessionId());
            return;
        }
        if (c.participantIdLength() == 0 || c.qualification() < Grade.GENERAL || c.qualification() > Grade.CORE ||
            c.jurisdiction() < Jurisdiction.DOMESTIC || c.jurisdiction() > Jurisdiction.CROSS_BORDER ||
            c.status() < ParticipantStatus.ADMITTED || c.status() > ParticipantStatus.SUSPENDED)
        {
            reject(MessageType.PARTICIPANT, RejectReason.INVALID_DEFINITION, index, "", 0, c.sessionId());
            return;
        }
        if (null == existing)
        {
            if (participants.size() >= participantsMax)
            {
                reject(MessageType.PARTICIPANT, RejectReason.CAPACITY_LIMIT, -1, "", 0, c.sessionId());
                return;
            }
            final Participant p = new Participant();
            p.index = participants.size();
            p.id = c.participantId();
            p.roles = c.roles();
            p.qualification = c.qualification();
            p.jurisdiction = c.jurisdiction();
            p.status = c.status();
            participants.add(p);
            participantsById.put(p.id, p);
            out.add(new Ev.RefData(MessageType.PARTICIPANT_REGISTERED, p.index, -1, 0, 0));
            return;
        }
        final boolean suspending = existing.status == ParticipantStatus.ADMITTED &&
            c.status() == ParticipantStatus.SUSPENDED;
        existing.roles = c.roles();
        existing.qualification = c.qualification();
        existing.jurisdiction = c.jurisdiction();
        existing.status = c.status();
        // CHOICE (as the matcher): the update event comes first, then one cancel per live order in entry order.
        out.add(new Ev.RefData(MessageType.PARTICIPANT_UPDATED, existing.index, -1, 0, 0));
        if (suspending)
        {
            for (final Order o : ordersInEntryOrder(existing))
            {
                engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PARTICIPANT_SUSPENDED);
            }
        }
    }

    /** Null when the actor may act: empty (the exchange operator) or an admitted admin (or regulator). */
    private RejectReason checkActor(final String actor, final boolean regulatorToo)
    {
        if (actor.isEmpty())
        {
            return null;
        }
        final Participant p = participantsById.get(actor);
        if (null == p || p.status != ParticipantStatus.ADMITTED ||
            !(p.has(Role.ADMIN) || (regulatorToo && p.has(Role.REGULATOR))))
        {
            return RejectReason.NOT_AUTHORIZED;
        }
        return null;
    }

    private void onProduct(final ProductCommand c)
    {
        final RejectReason actorReason = checkActor(c.actor(), false);
        if (null != actorReason)
        {
            reject(MessageType.PRODUCT, actorReason, participantIndex(c.actor()), "", 0, c.sessionId());
            return;
        }
        if (productsById.containsKey(c.productId()))
        {
            reject(MessageType.PRODUCT, RejectReason.DUPLICATE_ID, -1, "", 0, c.sessionId());
            return;
        }
        if (c.productIdLength() == 0 || c.kind() < 0 || c.kind() > ProductKind.ALGORITHM || c.grade() < 0 ||
            c.grade() > Grade.CORE || c.status() < 0 || c.status() > ProductStatus.DELISTED || c.tickFen() <= 0 ||
            c.lotQty() <= 0 || c.bandBps() < -1 || c.bandBps() > 10_000 || c.referencePriceFen() < 0 ||
            (c.bandBps() >= 0 && c.referencePriceFen() == 0))
        {
            reject(MessageType.PRODUCT, RejectReason.INVALID_DEFINITION, -1, "", 0, c.sessionId());
            return;
        }
        if (c.kind() == ProductKind.COMPUTE && (c.windowStartNs() % HOUR_NS != 0 || c.windowEndNs() % HOUR_NS != 0 ||
            c.windowStartNs() >= c.windowEndNs()))
        {
            reject(MessageType.PRODUCT, RejectReason.INVALID_WINDOW, -1, "", 0, c.sessionId());
            return;
        }
        if (products.size() >= productsMax)
        {
            reject(MessageType.PRODUCT, RejectReason.CAPACITY_LIMIT, -1, "", 0, c.sessionId());
            return;
        }
        // CHOICE (as the matcher): a named sponsor must be a registered data_sponsor.
        final Participant sponsor = participantsById.get(c.sponsor());
        if (c.sponsorLength() > 0 && (null == sponsor || !sponsor.has(Role.DATA_SPONSOR)))
        {
            reject(MessageType.PRODUCT, RejectReason.SPONSOR_REQUIRED, -1, "", 0, c.sessionId());
            return;
        }
        if (c.grade() == Grade.CORE && c.status() == ProductStatus.LISTED)
        {
            reject(MessageType.PRODUCT, RejectReason.CORE_DATA_NOT_TRADABLE, -1, "", 0, c.sessionId());
            return;
        }
        final Product p = new Product();
        p.index = products.size();
        p.id = c.productId();
        p.kind = c.kind();
        p.grade = c.grade();
        p.status = c.status();
        p.crossBorder = c.crossBorder();
        p.resale = c.resale();
        p.tickFen = c.tickFen();
        p.lotQty = c.lotQty();
        p.bandBps = c.bandBps();
        p.referencePriceFen = c.referencePriceFen();
        p.sponsor = c.sponsor();
        p.windowStartNs = c.windowStartNs();
        p.windowEndNs = c.windowEndNs();
        products.add(p);
        productsById.put(p.id, p);
        // CHOICE (as the matcher): the registered event names the sponsor's index as its participant.
        out.add(new Ev.RefData(MessageType.PRODUCT_REGISTERED, null == sponsor ? -1 : sponsor.index, p.index, 0, 0));
    }

    private static boolean transitionAllowed(final byte from, final byte to)
    {
        // CHOICE (as the matcher): a product may also be delisted before it was ever listed.
        return (from == ProductStatus.REGISTERED && to == ProductStatus.COMPLIANCE_REVIEWED) ||
            (from == ProductStatus.REGISTERED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.COMPLIANCE_REVIEWED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.COMPLIANCE_REVIEWED && to == ProductStatus.LISTED) ||
            (from == ProductStatus.LISTED && to == ProductStatus.SUSPENDED) ||
            (from == ProductStatus.SUSPENDED && to == ProductStatus.LISTED) ||
            (from == ProductStatus.LISTED && to == ProductStatus.DELISTED) ||
            (from == ProductStatus.SUSPENDED && to == ProductStatus.DELISTED);
    }

    private void onProductStatus(final ProductStatusCommand c)
    {
        final Participant actor = participantsById.get(c.actor());
        final int actorIndex = null == actor ? -1 : actor.index;
        final Product p = productsById.get(c.productId());
        if (null == p)
        {
            reject(MessageType.PRODUCT_STATUS, RejectReason.UNKNOWN_PRODUCT, actorIndex, "", 0, c.sessionId());
            return;
        }
        final byte to = c.status();
        final boolean halting = to == ProductStatus.SUSPENDED || to == ProductStatus.DELISTED;
        final RejectReason actorReason = checkActor(c.actor(), halting);
        if (null != actorReason)
        {
            reject(MessageType.PRODUCT_STATUS, actorReason, actorIndex, "", 0, c.sessionId());
            return;
        }
        if (!transitionAllowed(p.status, to))
        {
            reject(MessageType.PRODUCT_STATUS, RejectReason.INVALID_STATUS_TRANSITION, actorIndex, "", 0,
                c.sessionId());
            return;
        }
        if (to == ProductStatus.COMPLIANCE_REVIEWED && p.kind == ProductKind.DATA && p.sponsor.isEmpty())
        {
            reject(MessageType.PRODUCT_STATUS, RejectReason.SPONSOR_REQUIRED, actorIndex, "", 0, c.sessionId());
            return;
        }
        if (to == ProductStatus.LISTED && p.grade == Grade.CORE)
        {
            reject(MessageType.PRODUCT_STATUS, RejectReason.CORE_DATA_NOT_TRADABLE, actorIndex, "", 0, c.sessionId());
            return;
        }
        final byte from = p.status;
        p.status = to;
        out.add(new Ev.ProductStatus(p.index, from, to, actorIndex));
        if (halting)
        {
            // CHOICE (as the matcher): in book order, bids then asks.
            final List<Order> halted = new ArrayList<>(book(p, Side.BUY));
            halted.addAll(book(p, Side.SELL));
            for (final Order o : halted)
            {
                engineCancel(o, MessageType.ORDER_CANCELLED, CancelReason.PRODUCT_HALTED);
            }
        }
    }

    private void onCash(final int type, final CashCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        if (null == p)
        {
            reject(type, RejectReason.UNKNOWN_PARTICIPANT, -1, c.requestId(), 0, c.sessionId());
            return;
        }
        final long amount = c.amountFen();
        // CHOICE (as the matcher): the exchange's maximum amount is 2^60 fen, also for a balance after a deposit
        if (amount <= 0 || amount > AMOUNT_MAX_FEN)
        {
            reject(type, RejectReason.INVALID_AMOUNT, p.index, c.requestId(), 0, c.sessionId());
            return;
        }
        if (type == MessageType.DEPOSIT && p.availableFen > AMOUNT_MAX_FEN - amount)
        {
            reject(type, RejectReason.OVERFLOW, p.index, c.requestId(), 0, c.sessionId());
            return;
        }
        if (type == MessageType.WITHDRAW)
        {
            if (amount > p.availableFen)
            {
                reject(type, RejectReason.INSUFFICIENT_FUNDS, p.index, c.requestId(), 0, c.sessionId());
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

    private void onInventory(final InventoryCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        if (null == p)
        {
            reject(MessageType.INVENTORY, RejectReason.UNKNOWN_PARTICIPANT, -1, "", 0, c.sessionId());
            return;
        }
        final Product prod = productsById.get(c.productId());
        if (null == prod)
        {
            reject(MessageType.INVENTORY, RejectReason.UNKNOWN_PRODUCT, p.index, "", 0, c.sessionId());
            return;
        }
        if (prod.kind == ProductKind.COMPUTE)
        {
            reject(MessageType.INVENTORY, RejectReason.WRONG_PRODUCT_KIND, p.index, "", 0, c.sessionId());
            return;
        }
        if (!p.has(Role.DATA_SUPPLIER) && !p.has(Role.DATA_BROKER))
        {
            reject(MessageType.INVENTORY, RejectReason.ROLE_NOT_PERMITTED, p.index, "", 0, c.sessionId());
            return;
        }
        if (c.qty() <= 0 || c.qty() > QTY_MAX)
        {
            reject(MessageType.INVENTORY, RejectReason.INVALID_QUANTITY, p.index, "", 0, c.sessionId());
            return;
        }
        final Holding h = holding(p, prod);
        h.free += c.qty();
        unitsAdded[prod.index] += c.qty();
        out.add(new Ev.Inventory(p.index, prod.index, c.qty(), h.free));
    }

    private void onCapacity(final CapacityCommand c)
    {
        if (!c.isWellFormed())
        {
            reject(MessageType.CAPACITY, RejectReason.MALFORMED_COMMAND, -1, "", 0, c.sessionId());
            return;
        }
        final Participant p = participantsById.get(c.participantId());
        if (null == p)
        {
            reject(MessageType.CAPACITY, RejectReason.UNKNOWN_PARTICIPANT, -1, "", 0, c.sessionId());
            return;
        }
        final Product prod = productsById.get(c.productId());
        if (null == prod)
        {
            reject(MessageType.CAPACITY, RejectReason.UNKNOWN_PRODUCT, p.index, "", 0, c.sessionId());
            return;
        }
        if (prod.kind != ProductKind.COMPUTE)
        {
            reject(MessageType.CAPACITY, RejectReason.WRONG_PRODUCT_KIND, p.index, "", 0, c.sessionId());
            return;
        }
        // docs/matching-rules.md: "capacity: a compute provider (only: a broker owns no machines)"
        if (!p.has(Role.COMPUTE_PROVIDER))
        {
            reject(MessageType.CAPACITY, RejectReason.ROLE_NOT_PERMITTED, p.index, "", 0, c.sessionId());
            return;
        }
        if (prod.status == ProductStatus.DELISTED)
        {
            reject(MessageType.CAPACITY, RejectReason.PRODUCT_NOT_LISTED, p.index, "", 0, c.sessionId());
            return;
        }
        final List<Node> added = new ArrayList<>();
        for (int i = 0; i < c.nodeCount(); i++)
        {
            final Node n = new Node(p.index, c.node(i), prod.windowStartNs, prod.windowEndNs);
            final List<Node> all = new ArrayList<>(nodes);
            all.addAll(added);
            for (final Node other : all)
            {
                if (other.participant() == n.participant() && other.name().equals(n.name()) &&
                    other.startNs() < n.endNs() && n.startNs() < other.endNs())
                {
                    reject(MessageType.CAPACITY, RejectReason.NODE_ALREADY_REGISTERED, p.index, "", 0, c.sessionId());
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

    private void onFeeSchedule(final FeeScheduleCommand c)
    {
        final RejectReason actorReason = checkActor(c.actor(), false);
        if (null != actorReason)
        {
            reject(MessageType.FEE_SCHEDULE, actorReason, participantIndex(c.actor()), "", 0, c.sessionId());
            return;
        }
        if (c.kind() < ProductKind.DATA || c.kind() > ProductKind.ALGORITHM || c.makerBps() < 0 ||
            c.makerBps() > 10_000 || c.takerBps() < 0 || c.takerBps() > 10_000)
        {
            reject(MessageType.FEE_SCHEDULE, RejectReason.INVALID_FEE, -1, "", 0, c.sessionId());
            return;
        }
        makerBps[c.kind()] = c.makerBps();
        takerBps[c.kind()] = c.takerBps();
        out.add(new Ev.FeesSet(c.kind(), c.makerBps(), c.takerBps()));
    }

    // ---------------------------------------------------------------- orders

    private void onNewOrder(final NewOrderCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        final String clOrdId = c.clOrdId();
        final RejectReason reason = checkNewOrder(c, p);
        if (null != reason)
        {
            reject(MessageType.NEW_ORDER, reason, pIndex, clOrdId, 0, c.sessionId());
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
        o.postOnly = c.postOnly();
        o.stp = c.stp();
        o.priceFen = c.priceFen();
        o.orderQty = c.qty();
        o.leavesQty = c.qty();
        o.sessionId = c.sessionId();
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
    private RejectReason checkNewOrder(final NewOrderCommand c, final Participant p)
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
        if (c.clOrdIdLength() == 0)
        {
            return RejectReason.INVALID_CLORDID;
        }
        if (c.postOnly() && (c.ordType() != OrdType.LIMIT || c.tif() == TimeInForce.IOC || c.tif() == TimeInForce.FOK))
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
        // 4. role
        final boolean buy = c.side() == Side.BUY;
        if (!rolePermits(p, prod, buy))
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        // 5. buyer eligibility
        if (buy && p.qualification < prod.grade)
        {
            return RejectReason.QUALIFICATION_TOO_LOW;
        }
        if (buy && p.jurisdiction == Jurisdiction.CROSS_BORDER && !prod.crossBorder)
        {
            return RejectReason.CROSS_BORDER_NOT_ALLOWED;
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
        if (c.postOnly() && wouldCross(prod, c.side(), c.priceFen()))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
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
            return prod.kind == ProductKind.COMPUTE ? RejectReason.INSUFFICIENT_CAPACITY :
                RejectReason.INSUFFICIENT_INVENTORY;
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

    private static boolean rolePermits(final Participant p, final Product prod, final boolean buy)
    {
        if (prod.kind == ProductKind.COMPUTE)
        {
            return buy ? p.has(Role.BUYER) || p.has(Role.COMPUTE_BROKER) :
                p.has(Role.COMPUTE_PROVIDER) || p.has(Role.COMPUTE_BROKER);
        }
        return buy ? p.has(Role.BUYER) || p.has(Role.DATA_BROKER) :
            p.has(Role.DATA_SUPPLIER) || p.has(Role.DATA_BROKER);
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
            if (r.participant == o.participant)
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
            if (best.participant == o.participant)
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

        out.add(new Ev.Trade(nextTradeId++, prod.index, aggressor.side, price, qty,
            buy.orderId, sell.orderId, buy.participant.index, sell.participant.index, buy.clOrdId, sell.clOrdId,
            buy.leavesQty, sell.leavesQty, buy.cumQty, sell.cumQty, buy.cumNotionalFen, sell.cumNotionalFen,
            buy.orderQty, sell.orderQty, buy.sessionId, sell.sessionId, buyFee, sellFee));
        if (resting.leavesQty == 0)
        {
            liveOrders.remove(resting.orderId);
        }
        if (aggressor.leavesQty == 0)
        {
            liveOrders.remove(aggressor.orderId); // a replaced order trading as aggressor
        }
    }

    private static boolean resellable(final Participant p, final Product prod)
    {
        return prod.resale || (prod.kind == ProductKind.COMPUTE ? p.has(Role.COMPUTE_BROKER) : p.has(Role.DATA_BROKER));
    }

    // ---------------------------------------------------------------- cancel, replace, mass cancel, end of day

    private void onCancel(final CancelCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        // CHOICE (as the matcher): a suspended participant may still cancel (it has no live orders anyway).
        final RejectReason reason = c.clOrdIdLength() == 0 ? RejectReason.INVALID_CLORDID :
            null == p ? RejectReason.UNKNOWN_PARTICIPANT : null;
        if (null != reason)
        {
            reject(MessageType.CANCEL, reason, pIndex, c.clOrdId(), c.orderId(), c.sessionId());
            return;
        }
        final Order o = findOrder(p, c.orderId(), c.origClOrdId());
        if (null == o)
        {
            reject(MessageType.CANCEL, RejectReason.UNKNOWN_ORDER, pIndex, c.clOrdId(), c.orderId(), c.sessionId());
            return;
        }
        out.add(orderEvent(MessageType.ORDER_CANCELLED, o, c.clOrdId(), o.clOrdId, CancelReason.USER, false));
        release(o);
        liveOrders.remove(o.orderId);
    }

    private void onReplace(final ReplaceCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        final String newClOrdId = c.clOrdId();
        if (c.clOrdIdLength() == 0)
        {
            reject(MessageType.REPLACE, RejectReason.INVALID_CLORDID, pIndex, newClOrdId, c.orderId(), c.sessionId());
            return;
        }
        final RejectReason participantReason = checkParticipant(p);
        if (null != participantReason)
        {
            reject(MessageType.REPLACE, participantReason, pIndex, newClOrdId, c.orderId(), c.sessionId());
            return;
        }
        final Order o = findOrder(p, c.orderId(), c.origClOrdId());
        if (null == o)
        {
            reject(MessageType.REPLACE, RejectReason.UNKNOWN_ORDER, pIndex, newClOrdId, c.orderId(), c.sessionId());
            return;
        }
        final RejectReason reason = checkReplace(c, o);
        if (null != reason)
        {
            // CHOICE (as the matcher): the reject echoes the command's orderId, not the order found.
            reject(MessageType.REPLACE, reason, pIndex, newClOrdId, c.orderId(), c.sessionId());
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

    private RejectReason checkReplace(final ReplaceCommand c, final Order o)
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

    private void onMassCancel(final MassCancelCommand c)
    {
        final Participant p = participantsById.get(c.participantId());
        final int pIndex = null == p ? -1 : p.index;
        // CHOICE (as the matcher): a suspended participant may still mass cancel.
        final RejectReason reason = c.clOrdIdLength() == 0 ? RejectReason.INVALID_CLORDID :
            null == p ? RejectReason.UNKNOWN_PARTICIPANT : null;
        if (null != reason)
        {
            reject(MessageType.MASS_CANCEL, reason, pIndex, c.clOrdId(), 0, c.sessionId());
            return;
        }
        Product prod = null;
        if (c.productIdLength() > 0)
        {
            prod = productsById.get(c.productId());
            if (null == prod)
            {
                reject(MessageType.MASS_CANCEL, RejectReason.UNKNOWN_PRODUCT, pIndex, c.clOrdId(), 0, c.sessionId());
                return;
            }
        }
        final byte side = c.side();
        if (side != -1 && side != Side.BUY && side != Side.SELL)
        {
            reject(MessageType.MASS_CANCEL, RejectReason.INVALID_SIDE, pIndex, c.clOrdId(), 0, c.sessionId());
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

    private void onEndOfDay(final EndOfDayCommand c)
    {
        final RejectReason actorReason = checkActor(c.actor(), false);
        if (null != actorReason)
        {
            // the acting participant's index, -1 when it is not registered (RejectedEvent: "-1 when unknown")
            reject(MessageType.END_OF_DAY, actorReason, participantIndex(c.actor()), "", 0, c.sessionId());
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
            o.cumNotionalFen, o.sessionId);
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
