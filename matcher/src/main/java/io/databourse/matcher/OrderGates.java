package io.databourse.matcher;

import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import static io.databourse.matcher.Matcher.PRICE_MAX_FEN;
import static io.databourse.matcher.Matcher.QTY_MAX;
import static io.databourse.matcher.Reservations.countsRecords;
import static io.databourse.matcher.Reservations.exceedsValueMax;
import static io.databourse.matcher.Reservations.marketBuyReserveFen;
import static io.databourse.matcher.Reservations.recordsOf;
import static io.databourse.matcher.Reservations.reserveFen;

import io.databourse.journal.schema.Codes.Grade;
import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.ProductKind;
import io.databourse.journal.schema.Codes.ProductStatus;
import io.databourse.journal.schema.Codes.Purpose;
import io.databourse.journal.schema.Codes.Rights;
import io.databourse.journal.schema.Codes.Role;
import io.databourse.journal.schema.Codes.SelfTradePrevention;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.Codes.TimeInForce;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.AsciiKeyIndex;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.CrossBorderQuotas;
import io.databourse.matcher.risk.Entitlements;
import io.databourse.matcher.risk.Positions;
import org.agrona.DirectBuffer;

/**
 * The gates an order passes before anything changes (docs/matching-rules.md): a new order's fields,
 * who may trade what, purposes, price and quantity limits, capacity, post-only, cross-border quotas
 * and the cash or units it reserves; a replace's. Each check returns the named reason of the first
 * gate that fails, or null: all of them run before the first mutation, so a refused command changes
 * nothing. Resting orders are held to the same gates when their participant or product changes
 * ({@link Requalification}).
 */
final class OrderGates
{
    private final MatcherState state;
    private final MatcherContext ctx;
    private final Participants participants;
    private final AsciiKeyIndex productIndex;
    private final Product[] products;
    private final OrderStore orders;
    private final LevelStore levels;
    private final Positions positions;
    private final Entitlements entitlements;
    private final CrossBorderQuotas crossBorder;
    private final int[] makerFeeBps;
    private final int[] takerFeeBps;

    // what checkNewOrder resolved, so that accepting the order does not look it up again
    int checkedProductIndex;
    int checkedSellPosition;

    OrderGates(final MatcherState state)
    {
        this.state = state;
        ctx = state.ctx;
        participants = state.participants;
        productIndex = state.productIndex;
        products = state.products;
        orders = state.orders;
        levels = state.levels;
        positions = state.positions;
        entitlements = state.entitlements;
        crossBorder = state.crossBorder;
        makerFeeBps = state.makerFeeBps;
        takerFeeBps = state.takerFeeBps;
    }

    RejectReason checkNewOrder(final NewOrderCommandDecoder cmd, final int p)
    {
        final int clOrdIdAt = cmd.offset() + NewOrderCommandDecoder.clOrdIdEncodingOffset();
        final byte side = cmd.side();
        final byte ordType = cmd.ordType();
        final byte tif = cmd.tif();
        if (side != Side.BUY && side != Side.SELL)
        {
            return RejectReason.INVALID_SIDE;
        }
        if (ordType != OrdType.LIMIT && ordType != OrdType.MARKET)
        {
            return RejectReason.INVALID_ORD_TYPE;
        }
        if (tif < TimeInForce.DAY || tif > TimeInForce.FOK)
        {
            return RejectReason.INVALID_TIF;
        }
        if (cmd.stp() < SelfTradePrevention.CANCEL_NEWEST || cmd.stp() > SelfTradePrevention.CANCEL_BOTH)
        {
            return RejectReason.INVALID_STP;
        }
        if (!isValidClOrdId(cmd.buffer(), clOrdIdAt))
        {
            return RejectReason.INVALID_CLORDID;
        }
        if (cmd.postOnlyRaw() != 0 && (ordType == OrdType.MARKET || tif == TimeInForce.IOC || tif == TimeInForce.FOK))
        {
            return RejectReason.POST_ONLY_NOT_LIMIT;
        }
        if (p < 0)
        {
            return RejectReason.UNKNOWN_PARTICIPANT;
        }
        if (!participants.isAdmitted(p))
        {
            return RejectReason.PARTICIPANT_SUSPENDED;
        }
        final int productIdx =
            productIndex.get(cmd.buffer(), cmd.offset() + NewOrderCommandDecoder.productIdEncodingOffset());
        checkedProductIndex = productIdx;
        if (productIdx < 0)
        {
            return RejectReason.UNKNOWN_PRODUCT;
        }
        final Product product = products[productIdx];
        final RejectReason tradable = checkTradable(product);
        if (null != tradable)
        {
            return tradable;
        }
        if (product.inAuction && (tif == TimeInForce.IOC || tif == TimeInForce.FOK || cmd.postOnlyRaw() != 0))
        {
            return RejectReason.NOT_ALLOWED_IN_AUCTION;
        }
        final RejectReason eligible = checkEligible(p, product, side);
        if (null != eligible)
        {
            return eligible;
        }
        final byte purpose = cmd.purpose();
        if (purpose != Purpose.NONE || product.purposes != 0)
        {
            final RejectReason purposeReason = checkPurpose(product, side, purpose);
            if (null != purposeReason)
            {
                return purposeReason;
            }
        }
        final long price = cmd.priceFen();
        if (ordType == OrdType.LIMIT)
        {
            final RejectReason priceReason = checkLimitPrice(product, price);
            if (null != priceReason)
            {
                return priceReason;
            }
        }
        else
        {
            if (price != 0)
            {
                return RejectReason.INVALID_PRICE;
            }
            if (side == Side.BUY && !product.hasBand())
            {
                return RejectReason.MARKET_ORDER_NOT_PROTECTED;
            }
        }
        final long qty = cmd.qty();
        final RejectReason qtyReason = checkQty(product, qty);
        if (null != qtyReason)
        {
            return qtyReason;
        }
        final long reservePrice = ordType == OrdType.MARKET ? (side == Side.BUY ? marketBuyReserveFen(product) : 0) : price;
        if (reservePrice > 0 && exceedsValueMax(reservePrice, qty))
        {
            return RejectReason.OVERFLOW;
        }
        if (orders.findByClOrdId(p, cmd.buffer(), clOrdIdAt) != OrderStore.NULL)
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        if (orders.isFull())
        {
            return RejectReason.ORDER_CAPACITY_EXCEEDED;
        }
        if (ordType == OrdType.LIMIT && (tif == TimeInForce.DAY || tif == TimeInForce.GTC) &&
            isLevelStoreFull() && product.side(side).find(price) == LevelStore.NULL)
        {
            return RejectReason.BOOK_CAPACITY_EXCEEDED;
        }
        if (cmd.postOnlyRaw() != 0 && crosses(product, side, price))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        if (side == Side.BUY && participants.isCrossBorder(p) && product.kind == ProductKind.DATA)
        {
            final RejectReason crossBorderReason = checkCrossBorder(product, qty / product.lotQty);
            if (null != crossBorderReason)
            {
                return crossBorderReason;
            }
        }
        return checkReservation(p, product, side, reservePrice, qty);
    }

    /**
     * docs/matching-rules.md, Cross-border quotas: important data needs the product's approval; personal
     * information counts records against the exporter's calendar-year total, reserved ones included:
     * from the filing threshold on it needs the exporter's filing, above the approval threshold the
     * product's approval (which covers the filing's range too).
     */
    RejectReason checkCrossBorder(final Product product, final long addedLots)
    {
        if (product.grade >= Grade.IMPORTANT && !product.crossBorderApproved)
        {
            return RejectReason.CROSS_BORDER_APPROVAL_REQUIRED;
        }
        if (!countsRecords(product))
        {
            return null;
        }
        final long records = recordsOf(product, addedLots);
        if (records < 0)
        {
            return RejectReason.OVERFLOW;
        }
        final long total = crossBorder.total(product.owner, CrossBorderQuotas.yearOf(state.timeNs)) + records;
        if (total < ctx.crossBorderFilingFromRecords() || product.crossBorderApproved)
        {
            return null;
        }
        return total > ctx.crossBorderApprovalAboveRecords() || !crossBorder.isFiled(product.owner) ?
            RejectReason.CROSS_BORDER_APPROVAL_REQUIRED : null;
    }

    /**
     * Full even after every book gives back the empty levels it keeps for reuse: those are invisible
     * state, so capacity means live levels only. Rare (the store is full), so walking all books is fine.
     */
    boolean isLevelStoreFull()
    {
        if (levels.isFull())
        {
            for (int i = 0; i < productIndex.size(); i++)
            {
                products[i].bids.compact(levels);
                products[i].asks.compact(levels);
            }
        }
        return levels.isFull();
    }

    RejectReason checkTradable(final Product product)
    {
        if (product.grade == Grade.CORE)
        {
            return RejectReason.CORE_DATA_NOT_TRADABLE;
        }
        if (product.status != ProductStatus.LISTED)
        {
            return RejectReason.PRODUCT_NOT_LISTED;
        }
        if (product.isCompute() && state.timeNs >= product.windowStartNs)
        {
            return RejectReason.DELIVERY_WINDOW_STARTED;
        }
        return null;
    }

    RejectReason checkEligible(final int p, final Product product, final byte side)
    {
        final int roles = participants.roles(p);
        final boolean compute = product.isCompute();
        // a plain buyer may sell what it bought of a product granting the operate right
        final int permitted = side == Side.BUY ?
            (compute ? Role.BUYER | Role.COMPUTE_BROKER : Role.BUYER | Role.DATA_BROKER) :
            (compute ? Role.COMPUTE_PROVIDER | Role.COMPUTE_BROKER : Role.DATA_SUPPLIER | Role.DATA_BROKER |
                (product.grants(Rights.OPERATE) ? Role.BUYER : 0));
        if ((roles & permitted) == 0)
        {
            return RejectReason.ROLE_NOT_PERMITTED;
        }
        if (side == Side.BUY)
        {
            if (participants.qualification(p) < product.grade)
            {
                return RejectReason.QUALIFICATION_TOO_LOW;
            }
            if (participants.isCrossBorder(p) && !product.crossBorderAllowed)
            {
                return RejectReason.CROSS_BORDER_NOT_ALLOWED;
            }
        }
        return null;
    }

    /**
     * A buy of a product declaring purposes names one of them; nothing else names one (a sell, a
     * product declaring none, compute). Only reached when the order or the product has a purpose.
     */
    private static RejectReason checkPurpose(final Product product, final byte side, final byte purpose)
    {
        if (side == Side.BUY && product.purposes != 0 && purpose == Purpose.NONE)
        {
            return RejectReason.PURPOSE_REQUIRED;
        }
        if (purpose != Purpose.NONE && (side != Side.BUY || (product.purposes & Purpose.bitOf(purpose)) == 0))
        {
            return RejectReason.PURPOSE_NOT_ALLOWED;
        }
        return null;
    }

    private static RejectReason checkLimitPrice(final Product product, final long price)
    {
        if (price <= 0 || price > PRICE_MAX_FEN)
        {
            return RejectReason.INVALID_PRICE;
        }
        if (product.tickFen != 1 && price % product.tickFen != 0)
        {
            return RejectReason.PRICE_NOT_ON_TICK;
        }
        if (product.hasBand() && (price < product.bandLowerFen() || price > product.bandUpperFen()))
        {
            return RejectReason.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    private static RejectReason checkQty(final Product product, final long qty)
    {
        if (qty <= 0 || qty > QTY_MAX)
        {
            return RejectReason.INVALID_QUANTITY;
        }
        if (product.lotQty != 1 && qty % product.lotQty != 0)
        {
            return RejectReason.QTY_NOT_LOT_MULTIPLE;
        }
        return null;
    }

    private RejectReason checkReservation(
        final int p, final Product product, final byte side, final long reservePrice, final long qty)
    {
        if (side == Side.BUY)
        {
            final int feeBps = Math.max(makerFeeBps[product.kind], takerFeeBps[product.kind]);
            return participants.cashAvailableFen(p) < reserveFen(reservePrice, qty, feeBps) ?
                RejectReason.INSUFFICIENT_FUNDS : null;
        }
        final int pos = positions.find(p, product.index);
        checkedSellPosition = pos;
        if (positions.sellable(pos) >= qty)
        {
            // a reseller hands on what is left of its entitlement: a used-up licence has nothing to sell
            return p != product.owner && product.meteredUnitsPerLot() > 0 && !product.isCompute() &&
                entitlements.available(pos, state.timeNs) == 0 ? RejectReason.ENTITLEMENT_USED_UP : null;
        }
        if (positions.unreserved(pos) >= qty)
        {
            return RejectReason.POSITION_PLEDGED;
        }
        if (!product.isCompute() && !product.grants(Rights.OPERATE) && positions.sellable(pos) + positions.bought(pos) >= qty)
        {
            return RejectReason.RIGHTS_NOT_GRANTED; // it bought them, but the product does not let buyers sell
        }
        return product.isCompute() ? RejectReason.INSUFFICIENT_CAPACITY : RejectReason.INSUFFICIENT_INVENTORY;
    }

    static boolean isValidClOrdId(final DirectBuffer buffer, final int offset)
    {
        return AsciiFields.isValidId(buffer, offset, AsciiFields.CLORDID_LENGTH);
    }

    static boolean crosses(final Product product, final byte side, final long price)
    {
        final BookSide opposite = product.opposite(side);
        return !opposite.isEmpty() && (side == Side.BUY ? price >= opposite.bestPrice() : price <= opposite.bestPrice());
    }

    RejectReason checkReplace(final ReplaceCommandDecoder cmd, final int p, final int slot)
    {
        final DirectBuffer b = cmd.buffer();
        if (cmd.priceFen() == orders.priceFen(slot) && cmd.qty() == orders.orderQty(slot))
        {
            return RejectReason.REPLACE_NOT_ALLOWED; // nothing would change but the clOrdId
        }
        final Product product = products[orders.product(slot)];
        final RejectReason tradable = checkTradable(product);
        if (null != tradable)
        {
            return tradable;
        }
        if (orders.ordType(slot) == OrdType.MARKET)
        {
            return RejectReason.NOT_ALLOWED_IN_AUCTION; // only an auction holds a market order: it has no price to change
        }
        final long newPrice = cmd.priceFen();
        final RejectReason priceReason = checkLimitPrice(product, newPrice);
        if (null != priceReason)
        {
            return priceReason;
        }
        final long newQty = cmd.qty();
        final RejectReason qtyReason = checkQty(product, newQty);
        if (null != qtyReason)
        {
            return qtyReason;
        }
        if (exceedsValueMax(newPrice, newQty))
        {
            return RejectReason.OVERFLOW;
        }
        final int existing = orders.findByClOrdId(p, b, cmd.offset() + ReplaceCommandDecoder.clOrdIdEncodingOffset());
        if (existing != OrderStore.NULL && existing != slot)
        {
            return RejectReason.DUPLICATE_CLORDID;
        }
        final long cum = orders.cumQty(slot);
        if (newQty <= cum)
        {
            return null;
        }
        final byte side = orders.side(slot);
        final boolean priceChanges = newPrice != orders.priceFen(slot);
        if (priceChanges && isLevelStoreFull() && product.side(side).find(newPrice) == LevelStore.NULL)
        {
            return RejectReason.BOOK_CAPACITY_EXCEEDED;
        }
        if (orders.postOnly(slot) && priceChanges && crosses(product, side, newPrice))
        {
            return RejectReason.POST_ONLY_WOULD_CROSS;
        }
        final long newLeaves = newQty - cum;
        final long oldLeaves = orders.leavesQty(slot);
        if (side == Side.BUY)
        {
            if (orders.crossBorder(slot) && newLeaves > oldLeaves)
            {
                // more records reserved: the exporter's quota is checked for the increase
                final RejectReason crossBorderReason = checkCrossBorder(product, (newLeaves - oldLeaves) / product.lotQty);
                if (null != crossBorderReason)
                {
                    return crossBorderReason;
                }
            }
            final int bps = orders.feeBps(slot);
            final long extra = reserveFen(newPrice, newLeaves, bps) - reserveFen(orders.priceFen(slot), oldLeaves, bps);
            if (extra > 0 && participants.cashAvailableFen(p) < extra)
            {
                return RejectReason.INSUFFICIENT_FUNDS;
            }
        }
        else if (newLeaves > oldLeaves)
        {
            final int pos = orders.position(slot);
            final long extra = newLeaves - oldLeaves;
            if (positions.sellable(pos) < extra)
            {
                return positions.unreserved(pos) >= extra ? RejectReason.POSITION_PLEDGED :
                    product.isCompute() ? RejectReason.INSUFFICIENT_CAPACITY : RejectReason.INSUFFICIENT_INVENTORY;
            }
        }
        return null;
    }
}
