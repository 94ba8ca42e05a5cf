package io.databourse.testsupport;

import java.nio.file.Path;

import io.databourse.journal.money.BasisPoints;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.AuctionCommandEncoder;
import io.databourse.journal.sbe.AuctionEventEncoder;
import io.databourse.journal.sbe.CapacityCommandEncoder;
import io.databourse.journal.sbe.CashCommandEncoder;
import io.databourse.journal.sbe.CashEventEncoder;
import io.databourse.journal.sbe.EntitlementDrawnEventEncoder;
import io.databourse.journal.sbe.EntitlementEventEncoder;
import io.databourse.journal.sbe.FeeScheduleCommandEncoder;
import io.databourse.journal.sbe.FeeScheduleEventEncoder;
import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.InventoryEventEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.PledgeCommandEncoder;
import io.databourse.journal.sbe.PledgeEventEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.sbe.RejectedEventEncoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.sbe.UsageCommandEncoder;
import io.databourse.journal.sbe.UsageEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.CapacityNodes;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Writes journals the way the matcher would, record by record, with the schema's flyweights: the
 * settlement tests' only source of input. It stands in for the matcher, so it decides the amounts
 * the matcher's events carry: fees (floor bps) and each buy's reservation (value + fee at the
 * larger rate of the kind at acceptance, kept on replaces; a market buy at the price the test names,
 * the band's edge for the matcher). Settlement posts these; it must never compute them itself.
 */
public final class JournalFixture implements AutoCloseable
{
    public static final long T0_NS = 1_772_359_200_000_000_000L; // 2026-03-01T10:00:00Z
    public static final long HOUR_NS = 3_600_000_000_000L;
    public static final long DAY_NS = 24 * HOUR_NS;

    private final Journal journal;
    private final JournalWriter writer;
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[1 << 16]);
    private int eventsLength;
    private int eventCount;
    private long seq;
    private long timeNs = T0_NS;
    private int participants;
    private int products;
    private long tradeId;
    private long orderId;
    private final int[] makerBps = new int[3];
    private final int[] takerBps = new int[3];
    private final byte[] kinds = new byte[1024];
    // enough of the matcher's entitlement rules to write the entitlement_granted events it would
    private final long[] lots = new long[1024];
    private final long[] usagePerLot = new long[1024];
    private final int[] termDays = new int[1024];
    private final byte[] rights = new byte[1024];
    private final int[] owners = new int[1024];
    /** The owner the next product registered names (its event's owner), -1 for none. */
    private int nextProductOwner = -1;
    private final FixtureGrants grants = new FixtureGrants();
    private final FixtureDisagreements disagreements = new FixtureDisagreements();
    private final FixtureBuys buys = new FixtureBuys();

    public JournalFixture(final Path dir)
    {
        journal = Journal.open(dir);
        writer = journal.writer();
    }

    public long seq()
    {
        return seq;
    }

    public JournalFixture time(final long timeNs)
    {
        this.timeNs = timeNs;
        return this;
    }

    public long timeNs()
    {
        return timeNs;
    }

    private void append(final MessageEncoderFlyweight cmd)
    {
        seq++;
        writer.append(seq, timeNs, cmd.buffer(), cmd.offset(), RecordHeader.lengthAt(cmd.buffer(), cmd.offset()),
            events, 0, eventsLength, eventCount);
        eventsLength = 0;
        eventCount = 0;
    }

    private int eventAt(final int length)
    {
        final int at = eventsLength;
        eventsLength += length;
        eventCount++;
        return at;
    }

    public int participant(final String id, final int roles, final boolean localTaxpayer)
    {
        return participant(id, roles, localTaxpayer, null);
    }

    /** A participant of a group (beneficial owner; null for none). */
    public int participant(final String id, final int roles, final boolean localTaxpayer, final String group)
    {
        final ParticipantCommandEncoder c = new ParticipantCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.participantId(id);
        c.roles(roles);
        c.localTaxpayer(Codecs.bool(localTaxpayer));
        c.group(group);
        final int index = participants++;
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, eventsLength, MessageType.PARTICIPANT_REGISTERED, c.buffer(), c.offset());
        e.participant(index);
        eventAt(e.encodedLength());
        append(c);
        return index;
    }

    public int participant(final String id)
    {
        return participant(id, Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER | Codes.Role.DATA_CUSTODIAN, false);
    }

    /** A data/algorithm product. */
    public int product(final String id, final byte kind, final long lotQty, final long usagePerLot, final int termDays,
        final byte delivery)
    {
        return product(id, kind, lotQty, usagePerLot, termDays, delivery, 0, 0);
    }

    public int computeProduct(final String id, final long windowStartNs, final long windowEndNs)
    {
        return product(id, Codes.ProductKind.COMPUTE, 1, 0, 0, Codes.DeliveryMode.NONE, windowStartNs, windowEndNs);
    }

    private int product(final String id, final byte kind, final long lotQty, final long usagePerLot, final int termDays,
        final byte delivery, final long windowStartNs, final long windowEndNs)
    {
        return product(id, kind, lotQty, usagePerLot, termDays, delivery, windowStartNs, windowEndNs, -1, 0, 1);
    }

    /** A data product with a price band around a reference price (for market buys). */
    public int bandedProduct(final String id, final int bandBps, final long referencePriceFen, final long tickFen)
    {
        return product(id, Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API, 0, 0, bandBps, referencePriceFen,
            tickFen);
    }

    private int product(final String id, final byte kind, final long lotQty, final long usagePerLot, final int termDays,
        final byte delivery, final long windowStartNs, final long windowEndNs, final int bandBps,
        final long referencePriceFen, final long tickFen)
    {
        final ProductCommandEncoder c = new ProductCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.productId(id);
        c.kind(kind);
        final byte productRights = Codes.Rights.PROCESS_USE;
        c.rights(productRights);
        c.delivery(delivery);
        c.status(Codes.ProductStatus.LISTED);
        c.tickFen(tickFen);
        c.lotQty(lotQty);
        c.bandBps(bandBps);
        c.referencePriceFen(referencePriceFen);
        c.usagePerLot(usagePerLot);
        c.termDays(termDays);
        c.windowStartNs(windowStartNs);
        c.windowEndNs(windowEndNs);
        final int index = products++;
        kinds[index] = kind;
        lots[index] = lotQty;
        this.usagePerLot[index] = usagePerLot;
        this.termDays[index] = termDays;
        rights[index] = productRights;
        owners[index] = nextProductOwner;
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, eventsLength, MessageType.PRODUCT_REGISTERED, c.buffer(), c.offset());
        e.product(index).owner(nextProductOwner);
        eventAt(e.encodedLength());
        append(c);
        return index;
    }

    /** A data product whose registration names {@code owner} as its owner (the exporter of its records). */
    public int ownedProduct(final String id, final int owner)
    {
        nextProductOwner = owner;
        try
        {
            return product(id, Codes.ProductKind.DATA, 1, 0, 0, Codes.DeliveryMode.API);
        }
        finally
        {
            nextProductOwner = -1;
        }
    }

    public void fees(final byte kind, final int maker, final int taker)
    {
        final FeeScheduleCommandEncoder c = Codecs.encode(new FeeScheduleCommandEncoder(), command, 0, 0);
        eventAt(Codecs.encode(new FeeScheduleEventEncoder(), events, eventsLength, 0)
            .kind(kind).makerBps(maker).takerBps(taker).encodedLength());
        makerBps[kind] = maker;
        takerBps[kind] = taker;
        append(c);
    }

    /** An admin's auction command and the step it caused ({@code MessageType.AUCTION_*}), as the matcher journals it. */
    public void auction(final int product, final int eventType, final long priceFen, final long volume)
    {
        final AuctionCommandEncoder c = new AuctionCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        final AuctionEventEncoder e = new AuctionEventEncoder();
        Codecs.encode(e, events, eventsLength, 0, eventType);
        e.product(product).actor(-1).priceFen(priceFen).volume(volume);
        eventAt(e.encodedLength());
        append(c);
    }

    public void deposit(final int participant, final long amountFen, final long availableAfterFen,
        final long reservedAfterFen)
    {
        cash(MessageType.DEPOSIT, MessageType.CASH_DEPOSITED, participant, amountFen, availableAfterFen,
            reservedAfterFen);
    }

    public void withdraw(final int participant, final long amountFen, final long availableAfterFen,
        final long reservedAfterFen)
    {
        cash(MessageType.WITHDRAW, MessageType.CASH_WITHDRAWN, participant, amountFen, availableAfterFen,
            reservedAfterFen);
    }

    private void cash(final int commandType, final int eventType, final int participant, final long amountFen,
        final long availableAfterFen, final long reservedAfterFen)
    {
        final CashCommandEncoder c = new CashCommandEncoder();
        Codecs.encode(c, command, 0, 0, commandType);
        c.amountFen(amountFen);
        final CashEventEncoder e = new CashEventEncoder();
        Codecs.encode(e, events, eventsLength, 0, eventType);
        e.participant(participant);
        e.amountFen(amountFen);
        e.availableFen(availableAfterFen);
        e.reservedFen(reservedAfterFen);
        eventAt(e.encodedLength());
        append(c);
    }

    /** Primary units: the first participant issued units of a product is its owner here. */
    public void inventory(final int participant, final int product, final long qty)
    {
        if (owners[product] < 0)
        {
            owners[product] = participant;
        }
        final InventoryCommandEncoder c = new InventoryCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        final InventoryEventEncoder e = new InventoryEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.participant(participant);
        e.product(product);
        e.qty(qty);
        eventAt(e.encodedLength());
        append(c);
    }

    public void capacity(final int provider, final int product, final long hours, final String... nodes)
    {
        final CapacityCommandEncoder c = Codecs.encode(new CapacityCommandEncoder(), command, 0, 0);
        for (final String n : nodes)
        {
            CapacityNodes.addNode(c, n);
        }
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, eventsLength, MessageType.CAPACITY_REGISTERED, c.buffer(), c.offset());
        e.participant(provider);
        e.product(product);
        e.qty(hours * nodes.length);
        eventAt(e.encodedLength());
        append(c);
    }

    public long fee(final byte kind, final long valueFen, final boolean taker)
    {
        return BasisPoints.floorShareFen(valueFen, taker ? takerBps[kind] : makerBps[kind]);
    }

    /** What a buy of {@code qty} at {@code priceFen} reserves: value + fee at {@code bps}, rounded down. */
    public static long reservationFen(final long priceFen, final long qty, final int bps)
    {
        return FixtureBuys.reservationFen(priceFen, qty, bps);
    }

    /** What the buy holds reserved now (0 once it is done). */
    public long reservedFen(final long buyOrderId)
    {
        return buys.reservedFen(buyOrderId);
    }

    /**
     * A resting sell (maker) and then an incoming limit buy (taker) that fills it completely, in one
     * record each; returns the trade id.
     */
    public long cross(final int seller, final int buyer, final int product, final long priceFen, final long qty)
    {
        final long sellId = ++orderId;
        newOrder(sellId, seller, product, Codes.Side.SELL, priceFen, qty, false, 0);
        append(newOrderCommand());
        final long buyId = ++orderId;
        newOrder(buyId, buyer, product, Codes.Side.BUY, priceFen, qty, false, priceFen);
        final long id = trade(product, priceFen, qty, buyer, seller, buyId, sellId, 0, 0, Codes.Side.BUY);
        append(newOrderCommand());
        return id;
    }

    /**
     * As {@link #cross}, for a cross-border buy of personal information: the trade carries the records
     * the matcher counted for the exporter and the calendar year it counted them in, as given, whatever
     * the record's time says (settlement must file them under the event's year). Returns the trade id.
     */
    public long crossBorderCross(final int seller, final int buyer, final int product, final long priceFen,
        final long qty, final long records, final int year)
    {
        nextTradeSays(t -> t.crossBorderRecords(records).crossBorderYear(year));
        return cross(seller, buyer, product, priceFen, qty);
    }

    /**
     * Makes the next trade event say what {@code edit} writes over the fixture's own amounts (fees,
     * units, reservations...), as a matcher deciding otherwise would: settlement must post the event.
     */
    public void nextTradeSays(final java.util.function.Consumer<TradeEventEncoder> edit)
    {
        disagreements.nextTradeSays(edit);
    }

    /**
     * Makes the next entitlement an owner grants carry {@code units} expiring at {@code expiryNs},
     * whatever the product's terms give (a matcher deciding otherwise): settlement must post the event.
     */
    public void nextGrantSays(final long units, final long expiryNs)
    {
        disagreements.nextGrantSays(units, expiryNs);
    }

    /** A buy order that rests: accepted event only. Returns its order id. */
    public long restingBuy(final int buyer, final int product, final long priceFen, final long qty)
    {
        final long id = ++orderId;
        newOrder(id, buyer, product, Codes.Side.BUY, priceFen, qty, false, priceFen);
        append(newOrderCommand());
        return id;
    }

    /**
     * A resting buy whose accepted event carries {@code reservedFen}, whatever the rule would give:
     * settlement must post the event's amount, not one of its own.
     */
    public long restingBuyReserving(final int buyer, final int product, final long priceFen, final long qty,
        final long reservedFen)
    {
        final long id = ++orderId;
        newOrder(id, buyer, product, Codes.Side.BUY, priceFen, qty, false, priceFen);
        new OrderEventEncoder().wrap(events, eventsLength - OrderEventEncoder.BLOCK_LENGTH).reservedFen(reservedFen);
        buys.holds(id, reservedFen);
        append(newOrderCommand());
        return id;
    }

    /** An incoming sell that partially fills a resting buy (buyer maker); returns the trade id. */
    public long sellInto(final int seller, final int buyer, final long buyOrderId, final int product,
        final long priceFen, final long qty, final long buyLeavesQty)
    {
        final long sellId = ++orderId;
        newOrder(sellId, seller, product, Codes.Side.SELL, priceFen, qty, false, 0);
        final long id = trade(product, priceFen, qty, buyer, seller, buyOrderId, sellId, buyLeavesQty, 0,
            Codes.Side.SELL);
        append(newOrderCommand());
        return id;
    }

    /**
     * A market buy that takes a resting sell of {@code qty} fully, then has its remainder cancelled;
     * the matcher reserves it at {@code reservePriceFen} (the band's upper edge).
     */
    public long marketBuy(final int buyer, final int seller, final int product, final long restingPriceFen,
        final long qty, final long orderQty, final long reservePriceFen)
    {
        final long sellId = ++orderId;
        newOrder(sellId, seller, product, Codes.Side.SELL, restingPriceFen, qty, false, 0);
        append(newOrderCommand());
        final long buyId = ++orderId;
        newOrder(buyId, buyer, product, Codes.Side.BUY, 0, orderQty, true, reservePriceFen);
        final long id = trade(product, restingPriceFen, qty, buyer, seller, buyId, sellId, orderQty - qty, 0,
            Codes.Side.BUY);
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, MessageType.ORDER_CANCELLED);
        e.orderId(buyId);
        e.participant(buyer);
        e.product(product);
        e.side(Codes.Side.BUY);
        e.ordType(Codes.OrdType.MARKET);
        e.leavesQty(orderQty - qty);
        e.reservedFen(buys.close(buyId));
        eventAt(e.encodedLength());
        append(newOrderCommand());
        return id;
    }

    /**
     * Makes the next resale's first entitlement_granted event hand on {@code units} more than the
     * entitlement_drawn events before it took from the reseller: settlement must refuse it.
     */
    public void nextResaleGrantsMoreThanDrawn(final long units)
    {
        disagreements.nextResaleGrantsMoreThanDrawn(units);
    }

    /**
     * A market buy queued for a call auction (accepted, nothing trades before the uncross), reserved
     * at {@code reservePriceFen} as the matcher would; returns its order id.
     */
    public long queuedMarketBuy(final int buyer, final int product, final long qty, final long reservePriceFen)
    {
        final long id = ++orderId;
        newOrder(id, buyer, product, Codes.Side.BUY, 0, qty, true, reservePriceFen);
        append(newOrderCommand());
        return id;
    }

    /** A replace of a resting buy to a new price and open quantity. */
    public void replaceBuy(final long id, final int buyer, final int product, final long priceFen,
        final long leavesQty)
    {
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, MessageType.ORDER_REPLACED);
        e.orderId(id);
        e.participant(buyer);
        e.product(product);
        e.side(Codes.Side.BUY);
        e.priceFen(priceFen);
        e.leavesQty(leavesQty);
        e.reservedFen(buys.replace(id, priceFen, leavesQty));
        eventAt(e.encodedLength());
        append(newOrderCommand());
    }

    public void cancelBuy(final long id, final int buyer, final int product, final long priceFen, final long leavesQty)
    {
        endBuy(MessageType.ORDER_CANCELLED, id, buyer, product, priceFen, leavesQty);
    }

    /** A Day buy expiring at end of day. */
    public void expireBuy(final long id, final int buyer, final int product, final long priceFen, final long leavesQty)
    {
        endBuy(MessageType.ORDER_EXPIRED, id, buyer, product, priceFen, leavesQty);
    }

    private void endBuy(final int type, final long id, final int buyer, final int product, final long priceFen,
        final long leavesQty)
    {
        endBuy(type, id, buyer, product, priceFen, leavesQty, buys.close(id));
    }

    /** A cancel whose event releases {@code releasedFen}, whatever the order holds (a matcher that disagrees). */
    public void cancelBuyReleasing(final long id, final int buyer, final int product, final long priceFen,
        final long leavesQty, final long releasedFen)
    {
        buys.close(id);
        endBuy(MessageType.ORDER_CANCELLED, id, buyer, product, priceFen, leavesQty, releasedFen);
    }

    private void endBuy(final int type, final long id, final int buyer, final int product, final long priceFen,
        final long leavesQty, final long releasedFen)
    {
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, type);
        e.orderId(id);
        e.participant(buyer);
        e.product(product);
        e.side(Codes.Side.BUY);
        e.priceFen(priceFen);
        e.leavesQty(leavesQty);
        e.reservedFen(releasedFen);
        eventAt(e.encodedLength());
        append(newOrderCommand());
    }

    private void newOrder(final long id, final int participant, final int product, final byte side,
        final long priceFen, final long qty, final boolean market, final long reservePriceFen)
    {
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, MessageType.ORDER_ACCEPTED);
        e.orderId(id);
        e.participant(participant);
        e.product(product);
        e.side(side);
        e.ordType(market ? Codes.OrdType.MARKET : Codes.OrdType.LIMIT);
        e.priceFen(priceFen);
        e.orderQty(qty);
        e.leavesQty(qty);
        if (Codes.Side.BUY == side)
        {
            final int bps = Math.max(makerBps[kinds[product]], takerBps[kinds[product]]);
            e.reservedFen(buys.accept(id, reservePriceFen, qty, bps));
        }
        eventAt(e.encodedLength());
    }

    private long trade(final int product, final long priceFen, final long qty, final int buyer, final int seller,
        final long buyOrderId, final long sellOrderId, final long buyLeaves, final long sellLeaves,
        final byte aggressor)
    {
        final TradeEventEncoder t = Codecs.encode(new TradeEventEncoder(), events, eventsLength, 0);
        final long id = ++tradeId;
        final long valueFen = priceFen * qty;
        final byte kind = kinds[product];
        t.tradeId(id).product(product).aggressorSide(aggressor).priceFen(priceFen).qty(qty)
            .buyOrderId(buyOrderId).sellOrderId(sellOrderId).buyer(buyer).seller(seller)
            .buyLeavesQty(buyLeaves).sellLeavesQty(sellLeaves)
            .buyFeeFen(fee(kind, valueFen, aggressor == Codes.Side.BUY))
            .sellFeeFen(fee(kind, valueFen, aggressor == Codes.Side.SELL));
        if (buys.isOpen(buyOrderId))
        {
            t.buyReservedFen(buys.fill(buyOrderId, buyLeaves)); // the filled quantity's reservation is released
        }
        disagreements.onTrade(t);
        eventAt(t.encodedLength());
        if (kind != Codes.ProductKind.COMPUTE && usagePerLot[product] > 0)
        {
            entitlements(id, product, qty / lots[product] * usagePerLot[product], buyer, seller);
        }
        return id;
    }

    /** As the matcher: the owner grants a fresh entitlement, a reseller hands on what is left of its own. */
    private void entitlements(final long tradeId, final int product, final long units, final int buyer, final int seller)
    {
        if (seller == owners[product])
        {
            final long termsExpiry = termDays[product] <= 0 ? Long.MAX_VALUE : timeNs + termDays[product] * DAY_NS;
            final long[] grant = disagreements.onOwnerGrant(units, termsExpiry);
            grants.grant(buyer, product, grant[0], grant[1]);
            entitlementEvent(tradeId, product, grant[0], grant[1], buyer, -1);
            return;
        }
        for (final long[] piece : grants.draw(seller, product, units, timeNs))
        {
            // what leaves the reseller, then the grant that hands it on (one expiry a piece: no purposes here)
            drawnEvent(seller, product, tradeId, piece[0], piece[1]);
            piece[0] += disagreements.onResaleGrant();
            grants.grant(buyer, product, piece[0], piece[1]);
            entitlementEvent(tradeId, product, piece[0], piece[1], buyer, seller);
        }
    }

    /** An entitlement_drawn event: {@code units} of the holder's entitlements expiring at {@code expiry}. */
    private void drawnEvent(final int participant, final int product, final long tradeId, final long units,
        final long expiry)
    {
        final EntitlementDrawnEventEncoder e = Codecs.encode(new EntitlementDrawnEventEncoder(), events, eventsLength, 0);
        e.participant(participant).product(product).tradeId(tradeId).units(units).expiryNs(expiry);
        eventAt(e.encodedLength());
    }

    private void entitlementEvent(final long tradeId, final int product, final long units, final long expiry,
        final int buyer, final int from)
    {
        final EntitlementEventEncoder e = new EntitlementEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.participant(buyer).product(product).tradeId(tradeId).units(units).expiryNs(expiry).fromParticipant(from)
            .rights(rights[product]);
        eventAt(e.encodedLength());
    }

    private NewOrderCommandEncoder newOrderCommand()
    {
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 0);
        return c;
    }

    public void usage(final String usageId, final int reporter, final int participant, final int product,
        final long units, final long remainingAfter)
    {
        final UsageCommandEncoder c = new UsageCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.usageId(usageId);
        c.units(units);
        for (final long[] piece : grants.draw(participant, product, units, timeNs))
        {
            drawnEvent(participant, product, 0, piece[0], piece[1]);
        }
        usageEvent(usageId, reporter, participant, product, units, remainingAfter);
        append(c);
    }

    /**
     * A usage report whose draws are the given pieces, {units, expiry} each, whatever the rule would
     * choose, and whose event says {@code remainingAfter}: settlement must post the events, not choose.
     */
    public void usageDrawing(final String usageId, final int reporter, final int participant, final int product,
        final long units, final long remainingAfter, final long[]... pieces)
    {
        final UsageCommandEncoder c = new UsageCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.usageId(usageId);
        c.units(units);
        for (final long[] piece : pieces)
        {
            drawnEvent(participant, product, 0, piece[0], piece[1]);
            grants.drawAt(participant, product, piece[0], piece[1]);
        }
        usageEvent(usageId, reporter, participant, product, units, remainingAfter);
        append(c);
    }

    private void usageEvent(final String usageId, final int reporter, final int participant, final int product,
        final long units, final long remainingAfter)
    {
        final UsageEventEncoder e = new UsageEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.participant(participant);
        e.product(product);
        e.reporter(reporter);
        e.units(units);
        e.remainingUnits(remainingAfter);
        e.usageId(usageId);
        eventAt(e.encodedLength());
    }

    public void usageRejected(final String usageId, final String reporter, final String participant,
        final String product, final long units, final int participantIndex, final short reason)
    {
        final UsageCommandEncoder c = new UsageCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.usageId(usageId);
        c.reporter(reporter);
        c.participantId(participant);
        c.productId(product);
        c.units(units);
        final RejectedEventEncoder e = new RejectedEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.commandType(MessageType.USAGE);
        e.reason(reason);
        e.participant(participantIndex);
        AsciiFields.putId(events, e.offset() + RejectedEventEncoder.clOrdIdEncodingOffset(),
            RejectedEventEncoder.clOrdIdLength(), usageId); // one too long is left empty, as the matcher does
        eventAt(e.encodedLength());
        append(c);
    }

    public void pledge(final String id, final int lender, final int participant, final int product, final long qty,
        final int haircutBps, final boolean register)
    {
        final PledgeCommandEncoder c = new PledgeCommandEncoder();
        Codecs.encode(c, command, 0, 0, register ? MessageType.PLEDGE : MessageType.RELEASE);
        c.pledgeId(id);
        final PledgeEventEncoder e = new PledgeEventEncoder();
        Codecs.encode(e, events, eventsLength, 0,
            register ? MessageType.PLEDGE_REGISTERED : MessageType.PLEDGE_RELEASED);
        e.pledgeId(id);
        e.lender(lender);
        e.participant(participant);
        e.product(product);
        e.qty(qty);
        e.haircutBps(haircutBps);
        eventAt(e.encodedLength());
        append(c);
    }

    @Override
    public void close()
    {
        writer.close();
        journal.close();
    }
}
