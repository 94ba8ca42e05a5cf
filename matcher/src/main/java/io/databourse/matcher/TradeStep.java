package io.databourse.matcher;

import static io.databourse.matcher.Matcher.DAY_NS;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.money.BasisPoints;
import io.databourse.journal.schema.Codes.Rights;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Entitlements;
import io.databourse.matcher.risk.Positions;

/**
 * The one trade step, for continuous matching and the call auction's uncross alike: a fill of two
 * orders at a price moves the buyer's reservation, cash and fees, the seller's units, the exporter's
 * cross-border records and the buyer's entitlements, and writes the trade event that carries every
 * amount it decided (docs/matching-rules.md).
 */
final class TradeStep
{
    private final MatcherState state;
    private final Participants participants;
    private final OrderStore orders;
    private final Positions positions;
    private final Entitlements entitlements;
    private final CrossBorderQuotas crossBorder;
    private final EventLog events;
    private final int[] makerFeeBps;

    // the amounts the step decided for the fill being applied (scratch: not state)
    private long fillValueFen;
    private long buyFeeFen;
    private long sellFeeFen;
    private long buyReleasedFen;
    private long buyStillReservedFen;
    private long fillRecords;
    private int fillRecordsYear;

    TradeStep(final MatcherState state)
    {
        this.state = state;
        participants = state.participants;
        orders = state.orders;
        positions = state.positions;
        entitlements = state.entitlements;
        crossBorder = state.crossBorder;
        events = state.events;
        makerFeeBps = state.makerFeeBps;
    }

    /**
     * A call auction's trade: the same step as any trade, with no aggressor (nobody took liquidity, so both
     * sides pay the maker fee). The caller takes the quantity off the orders' levels.
     */
    void auctionTrade(
        final Product product, final int buyOrder, final int sellOrder, final long buyReservePrice, final long price,
        final long qty)
    {
        assert price <= buyReservePrice : Violations.uncrossAboveReservation(price, buyReservePrice);
        final int kind = product.kind;
        fill(product, buyOrder, sellOrder, Side.NONE, Math.min(makerFeeBps[kind], orders.feeBps(buyOrder)),
            makerFeeBps[kind], buyReservePrice, price, qty, orders.sessionId(buyOrder));
    }

    /**
     * The one trade step (docs/matching-rules.md), in the order the rule reads: the fill's amounts are
     * decided; the buyer's reservation for the filled quantity is released and it pays value plus fee;
     * the seller's units leave and its proceeds less fee arrive; the exchange earns both fees; the units
     * reach the buyer; both orders fill at the price; the exporter's cross-border records count; the trade
     * event carries every amount decided; the buyer is granted its entitlement.
     */
    void fill(
        final Product product, final int buyOrder, final int sellOrder, final byte aggressorSide, final int buyBps,
        final int sellBps, final long buyReservePrice, final long price, final long qty, final int eventSessionId)
    {
        final int buyer = orders.participant(buyOrder);
        final int seller = orders.participant(sellOrder);
        assert qty > 0 && qty <= orders.leavesQty(buyOrder) && qty <= orders.leavesQty(sellOrder);
        assert participants.stpKey(buyer) != participants.stpKey(seller) : Violations.selfTrade(buyer, seller);
        final long buyerCashBefore = cashOf(buyer);
        final long sellerCashBefore = cashOf(seller);
        final long feeIncomeBefore = state.feeIncomeFen;

        decideAmounts(buyOrder, buyBps, sellBps, buyReservePrice, price, qty);
        buyerPays(buyer);
        final int sellerPosition = sellerDelivers(sellOrder, seller, qty);
        exchangeEarnsFees();
        // cash is conserved per fill: what the buyer pays, the seller and the exchange receive
        assert cashOf(buyer) == buyerCashBefore - (fillValueFen + buyFeeFen) &&
            cashOf(seller) == sellerCashBefore + fillValueFen - sellFeeFen &&
            state.feeIncomeFen == feeIncomeBefore + buyFeeFen + sellFeeFen :
            Violations.cashNotConserved(buyer, seller, fillValueFen, buyFeeFen, sellFeeFen);
        final int buyerPosition = buyerReceives(product, buyOrder, buyer, qty);
        ordersFill(product, buyOrder, sellOrder, price, qty);
        countCrossBorderRecords(product, buyOrder, qty);
        tradeEvent(product, buyOrder, sellOrder, buyer, seller, aggressorSide, price, qty, eventSessionId);
        if (product.meteredUnitsPerLot() > 0 && !product.isCompute())
        {
            grantEntitlement(product, buyer, seller, buyerPosition, sellerPosition, qty / product.lotQty,
                state.nextTradeId - 1, orders.purpose(buyOrder), orders.sessionId(buyOrder), orders.sessionId(sellOrder));
        }
    }

    /**
     * The fill's value and fees (each rounded down, fees never round up), and the buy's reservation: what
     * stays reserved for its remaining quantity at its reservation price and rate, and what the fill
     * releases.
     */
    private void decideAmounts(
        final int buyOrder, final int buyBps, final int sellBps, final long buyReservePrice, final long price,
        final long qty)
    {
        final long value = price * qty;
        final long buyLeavesBefore = orders.leavesQty(buyOrder);
        final int reservedBps = orders.feeBps(buyOrder);
        fillValueFen = value;
        buyFeeFen = BasisPoints.floorShareFen(value, buyBps);
        sellFeeFen = BasisPoints.floorShareFen(value, sellBps);
        buyStillReservedFen = reserveFen(buyReservePrice, buyLeavesBefore - qty, reservedBps);
        buyReleasedFen = reserveFen(buyReservePrice, buyLeavesBefore, reservedBps) - buyStillReservedFen;
        assert buyReleasedFen >= 0 && buyStillReservedFen >= 0 :
            Violations.reservationNegative(buyReleasedFen, buyStillReservedFen);
        // the fill's price is at most the reservation's and its rate at most the reserved one, so the
        // reservation released always covers the payment: a buyer never pays out of unreserved cash
        assert price <= buyReservePrice && buyBps <= reservedBps && buyReleasedFen >= value + buyFeeFen :
            Violations.fillNotCovered(qty, price, value + buyFeeFen, buyReleasedFen);
        assert buyFeeFen <= value && sellFeeFen <= value : Violations.feeAboveValue(value, buyFeeFen, sellFeeFen);
    }

    /** The buyer's reservation for the filled quantity is released; it pays the value plus its fee. */
    private void buyerPays(final int buyer)
    {
        participants.release(buyer, buyReleasedFen);
        participants.debit(buyer, fillValueFen + buyFeeFen);
        assert participants.cashReservedFen(buyer) >= 0 && participants.cashAvailableFen(buyer) >= 0;
    }

    /** The seller's units leave its position; its proceeds less its fee arrive. Returns its position. */
    private int sellerDelivers(final int sellOrder, final int seller, final long qty)
    {
        final int sellerPosition = orders.position(sellOrder);
        positions.deliver(sellerPosition, qty);
        participants.credit(seller, fillValueFen - sellFeeFen);
        return sellerPosition;
    }

    private void exchangeEarnsFees()
    {
        state.feeIncomeFen += buyFeeFen + sellFeeFen;
    }

    /**
     * The units reach the buyer's position: bought always; sellable again (owned) only with the operate
     * right, or for compute when the buyer is a broker. Returns its position.
     */
    private int buyerReceives(final Product product, final int buyOrder, final int buyer, final long qty)
    {
        final int buyerPosition = orders.position(buyOrder);
        positions.addBought(buyerPosition, qty);
        if (product.isCompute() ? participants.hasRole(buyer, Role.COMPUTE_BROKER) : product.grants(Rights.OPERATE))
        {
            positions.addOwned(buyerPosition, qty);
        }
        return buyerPosition;
    }

    /** Both orders fill {@code qty} at the price, which becomes the product's reference price. */
    private void ordersFill(final Product product, final int buyOrder, final int sellOrder, final long price, final long qty)
    {
        orders.fill(buyOrder, qty, price);
        orders.fill(sellOrder, qty, price);
        assert orders.leavesQty(buyOrder) >= 0 && orders.leavesQty(sellOrder) >= 0;
        product.referencePrice(price);
    }

    /**
     * A cross-border buy of personal information: the fill's records count for the exporter in the
     * command's calendar year, which the trade event carries (settlement files them under it).
     */
    private void countCrossBorderRecords(final Product product, final int buyOrder, final long qty)
    {
        fillRecords = orders.crossBorder(buyOrder) ? recordsOf(product, qty / product.lotQty) : 0;
        fillRecordsYear = 0;
        if (fillRecords > 0)
        {
            fillRecordsYear = CrossBorderQuotas.yearOf(state.timeNs);
            assert fillRecordsYear > 0 && fillRecordsYear <= 0xFFFE :
                Violations.crossBorderYearOutOfRange(fillRecordsYear);
            crossBorder.consume(product.owner, fillRecords, fillRecordsYear);
        }
    }

    /** The trade event: both orders' state after the fill and every amount the step decided. */
    private void tradeEvent(
        final Product product, final int buyOrder, final int sellOrder, final int buyer, final int seller,
        final byte aggressorSide, final long price, final long qty, final int eventSessionId)
    {
        final TradeEventWriter e = events.trade(eventSessionId);
        e.tradeId(state.nextTradeId++)
            .product(product.index)
            .aggressorSide(aggressorSide)
            .priceFen(price)
            .qty(qty)
            .buyOrderId(orders.orderId(buyOrder))
            .sellOrderId(orders.orderId(sellOrder))
            .buyer(buyer)
            .seller(seller)
            .buyLeavesQty(orders.leavesQty(buyOrder))
            .sellLeavesQty(orders.leavesQty(sellOrder))
            .buyCumQty(orders.cumQty(buyOrder))
            .sellCumQty(orders.cumQty(sellOrder))
            .buyCumNotionalFen(orders.cumNotionalFen(buyOrder))
            .sellCumNotionalFen(orders.cumNotionalFen(sellOrder))
            .buyOrderQty(orders.orderQty(buyOrder))
            .sellOrderQty(orders.orderQty(sellOrder))
            .buySessionId(orders.sessionId(buyOrder))
            .sellSessionId(orders.sessionId(sellOrder))
            .buyFeeFen(buyFeeFen)
            .sellFeeFen(sellFeeFen)
            .buyReservedFen(buyStillReservedFen);
        if (fillRecords > 0)
        {
            e.crossBorderRecords(fillRecords).crossBorderYear(fillRecordsYear);
        }
        orders.putClOrdId(buyOrder, events.buffer(), e.buyClOrdIdOffset());
        orders.putClOrdId(sellOrder, events.buffer(), e.sellClOrdIdOffset());
        events.commitTrade();
    }

    /** Total cash of a participant, available and reserved (asserts). */
    private long cashOf(final int p)
    {
        return participants.cashAvailableFen(p) + participants.cashReservedFen(p);
    }

    /**
     * The entitlement a fill of {@code lots} lots grants its buyer, with an event per grant. The owner
     * selling grants a fresh one (expiring termDays after the trade); a reseller hands on what is left
     * of its own, earliest-expiring first, each piece keeping its expiry (hole 2 of issue 15: never a
     * fresh quota or term). Algorithm seats ride on the first event. A resale journals what it took
     * from the reseller (an entitlement_drawn event per expiry and purpose), each expiry's pieces before
     * the entitlement_granted event that hands them on.
     */
    private void grantEntitlement(
        final Product product, final int buyer, final int seller, final int buyerPosition, final int sellerPosition,
        final long lots, final long tradeId, final byte purpose, final int buyerSession, final int sellerSession)
    {
        final long units = lots * product.meteredUnitsPerLot();
        final long seats = lots * product.seatsPerLot;
        if (seller == product.owner)
        {
            final long expiry = product.termDays == 0 ? Entitlements.NEVER : state.timeNs + product.termDays * DAY_NS;
            entitlements.grant(buyerPosition, units, expiry, purpose);
            events.entitlement(buyerSession, buyer, product.index, tradeId, units, expiry, seats, -1, product.rights,
                purpose);
            return;
        }
        final long handedOn = entitlements.draw(sellerPosition, units, state.timeNs, Entitlements.ANY_PURPOSE);
        assert handedOn <= units : Violations.handedOnMore(handedOn, units);
        int i = 0;
        boolean first = true;
        while (i < entitlements.pieceCount())
        {
            final long expiry = entitlements.pieceExpiryNs(i);
            long expiryUnits = 0;
            for (; i < entitlements.pieceCount() && entitlements.pieceExpiryNs(i) == expiry; i++)
            {
                expiryUnits += entitlements.pieceUnits(i);
                events.entitlementDrawn(sellerSession, seller, product.index, tradeId, entitlements.pieceUnits(i), expiry,
                    entitlements.piecePurpose(i));
            }
            entitlements.grant(buyerPosition, expiryUnits, expiry, purpose);
            events.entitlement(buyerSession, buyer, product.index, tradeId, expiryUnits, expiry,
                first ? seats : 0, seller, product.rights, purpose);
            first = false;
        }
    }
}
