package io.databourse.matcher;

import static io.databourse.matcher.Matcher.DAY_NS;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.money.BasisPoints;
import io.databourse.journal.schema.Codes.Rights;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.TradeEvent;
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

    /** The one trade step: cash, fees, units, records, the trade event, entitlements. */
    void fill(
        final Product product, final int buyOrder, final int sellOrder, final byte aggressorSide, final int buyBps,
        final int sellBps, final long buyReservePrice, final long price, final long qty, final int eventSessionId)
    {
        final int buyer = orders.participant(buyOrder);
        final int seller = orders.participant(sellOrder);
        final long value = price * qty;
        final long buyFee = BasisPoints.floorShareFen(value, buyBps);
        final long sellFee = BasisPoints.floorShareFen(value, sellBps);

        // buyer: release the reservation of the filled quantity, pay value + fee
        final long buyLeavesBefore = orders.leavesQty(buyOrder);
        final int reservedBps = orders.feeBps(buyOrder);
        final long buyStillReserved = reserveFen(buyReservePrice, buyLeavesBefore - qty, reservedBps);
        final long released = reserveFen(buyReservePrice, buyLeavesBefore, reservedBps) - buyStillReserved;
        assert released >= 0 && buyStillReserved >= 0 : Violations.reservationNegative(released, buyStillReserved);
        // the fill's price is at most the reservation's and its rate at most the reserved one, so the
        // reservation released always covers the payment: a buyer never pays out of unreserved cash
        assert price <= buyReservePrice && buyBps <= reservedBps && released >= value + buyFee :
            Violations.fillNotCovered(qty, price, value + buyFee, released);
        assert buyFee <= value && sellFee <= value : Violations.feeAboveValue(value, buyFee, sellFee);
        participants.release(buyer, released);
        participants.debit(buyer, value + buyFee);
        // seller: units leave, proceeds less fee arrive
        final int sellerPosition = orders.position(sellOrder);
        positions.deliver(sellerPosition, qty);
        participants.credit(seller, value - sellFee);
        state.feeIncomeFen += buyFee + sellFee;
        // units reach the buyer: sellable again only with the operate right (compute: for brokers)
        final int buyerPosition = orders.position(buyOrder);
        positions.addBought(buyerPosition, qty);
        if (product.isCompute() ? participants.hasRole(buyer, Role.COMPUTE_BROKER) : product.grants(Rights.OPERATE))
        {
            positions.addOwned(buyerPosition, qty);
        }

        orders.fill(buyOrder, qty, price);
        orders.fill(sellOrder, qty, price);
        product.referencePrice(price);

        // a cross-border buy of personal information: the fill's records count for the exporter this year
        final long records = orders.crossBorder(buyOrder) ? recordsOf(product, qty / product.lotQty) : 0;
        if (records > 0)
        {
            crossBorder.consume(product.owner, records, CrossBorderQuotas.yearOf(state.timeNs));
        }

        final TradeEvent e = events.trade(eventSessionId);
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
            .buyFeeFen(buyFee)
            .sellFeeFen(sellFee)
            .buyReservedFen(buyStillReserved);
        if (records > 0)
        {
            e.crossBorderRecords(records);
        }
        orders.putClOrdId(buyOrder, events.buffer(), e.buyClOrdIdOffset());
        orders.putClOrdId(sellOrder, events.buffer(), e.sellClOrdIdOffset());
        events.commitTrade();
        final long meteredUnits = product.meteredUnitsPerLot();
        if (meteredUnits > 0 && !product.isCompute())
        {
            grantEntitlement(product, buyer, seller, buyerPosition, sellerPosition, qty / product.lotQty,
                state.nextTradeId - 1, orders.purpose(buyOrder), orders.sessionId(buyOrder), orders.sessionId(sellOrder));
        }
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
