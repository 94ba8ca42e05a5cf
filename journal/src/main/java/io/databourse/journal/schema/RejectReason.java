package io.databourse.journal.schema;

/**
 * Every way the exchange can refuse a command. A refused command leaves the state unchanged and
 * produces exactly one {@code REJECTED} event carrying one of these codes. Codes are grouped by
 * the stage that refuses, in the manner of exchange-core's result codes: 1xx command shape,
 * 2xx participant gate, 3xx product gate, 4xx price/quantity, 5xx risk (cash, inventory,
 * capacity), 6xx order lifecycle, 7xx reference data. Wire codes are stable: never renumber.
 */
public enum RejectReason
{
    MALFORMED_COMMAND(100, "the command could not be decoded"),
    UNKNOWN_COMMAND(101, "the command type is not known to this matcher"),
    INVALID_SIDE(102, "side must be buy or sell"),
    INVALID_ORD_TYPE(103, "order type must be limit or market"),
    INVALID_TIF(104, "time in force must be day, gtc, ioc or fok"),
    INVALID_CLORDID(105, "clOrdId (or request id) must be 1 to 24 printable ASCII characters without spaces"),
    POST_ONLY_NOT_LIMIT(106, "post-only applies to resting limit orders only (not market, IOC or FOK)"),
    INVALID_STP(107, "unknown self-trade prevention mode"),

    UNKNOWN_PARTICIPANT(200, "participant is not registered"),
    PARTICIPANT_SUSPENDED(201, "participant is suspended"),
    ROLE_NOT_PERMITTED(202, "participant does not hold a role permitted to do this"),
    QUALIFICATION_TOO_LOW(203, "buyer's qualification grade does not cover the product's classification grade"),
    CROSS_BORDER_NOT_ALLOWED(204, "product may not be bought by a cross-border participant"),
    NOT_AUTHORIZED(205, "the acting participant is not authorised for this operation"),
    NOT_OWNER(206, "only the product's owner holds its primary units; they are issued by the owner or the operator"),
    CONFLICT_OF_INTEREST(207, "a product's owner may not review it"),
    PURPOSE_REQUIRED(208, "the product declares the uses it may be bought for: a buy order names one (purpose)"),
    PURPOSE_NOT_ALLOWED(209, "the purpose is not one the product declares (sell orders and products declaring none take no purpose)"),
    CROSS_BORDER_APPROVAL_REQUIRED(210, "the cross-border purchase would pass a threshold of the exporter's yearly personal-information records (or is of important data) without the filing or approval it needs"),

    UNKNOWN_PRODUCT(300, "product is not registered"),
    PRODUCT_NOT_LISTED(301, "product is not listed for trading"),
    CORE_DATA_NOT_TRADABLE(302, "core-grade data never trades"),
    DELIVERY_WINDOW_STARTED(303, "the compute delivery window has started; the product no longer trades"),
    WRONG_PRODUCT_KIND(304, "operation does not apply to this kind of product"),
    NOT_ALLOWED_IN_AUCTION(305, "the product is in a call auction: IOC, FOK and post-only orders are refused (nothing trades before the uncross) and a market order can be cancelled, not replaced"),
    AUCTION_NOT_RUNNING(306, "the product is not in a call auction"),

    INVALID_PRICE(400, "price must be positive for a limit order and absent for a market order"),
    PRICE_NOT_ON_TICK(401, "price is not a multiple of the product's tick size"),
    PRICE_OUTSIDE_BAND(402, "price is outside the product's price band"),
    INVALID_QUANTITY(403, "quantity must be positive and within the exchange's maximum"),
    QTY_NOT_LOT_MULTIPLE(404, "quantity is not a multiple of the product's lot size"),
    MARKET_ORDER_NOT_PROTECTED(405, "market orders need a price band on the product to bound the buyer's reservation"),
    OVERFLOW(406, "price x quantity exceeds the exchange's numeric limits"),
    POST_ONLY_WOULD_CROSS(407, "post-only order would trade on arrival"),
    INVALID_AMOUNT(408, "amount must be positive and within the exchange's maximum"),

    INSUFFICIENT_FUNDS(500, "available cash does not cover the reservation"),
    INSUFFICIENT_INVENTORY(501, "sellable inventory does not cover the order"),
    INSUFFICIENT_CAPACITY(502, "unsold registered compute capacity for this window does not cover the order"),
    NODE_ALREADY_REGISTERED(503, "node is already registered for an overlapping delivery window"),
    POSITION_PLEDGED(504, "units are pledged and cannot be sold until released"),

    UNKNOWN_ORDER(600, "no live order with that id for this participant"),
    DUPLICATE_CLORDID(601, "clOrdId is already used by a live order of this participant"),
    ORDER_CAPACITY_EXCEEDED(602, "the exchange's order capacity is full"),
    REPLACE_NOT_ALLOWED(603, "replace would not change the order or changes a field that cannot change"),
    BOOK_CAPACITY_EXCEEDED(604, "the book's price-level capacity is full"),

    DUPLICATE_ID(700, "an entity with this id is already registered"),
    INVALID_DEFINITION(701, "product definition is invalid"),
    INVALID_STATUS_TRANSITION(702, "product status cannot move from its current status to the requested one"),
    SPONSOR_REQUIRED(703, "a data product is listed only after the data sponsor it names has confirmed it"),
    CAPACITY_LIMIT(704, "a configured limit of the exchange (participants, products, nodes) is reached"),
    INVALID_WINDOW(705, "compute delivery window must be hour-aligned with start before end"),
    INVALID_FEE(706, "fee rates must be between 0 and 10000 basis points"),
    COMPLIANCE_REVIEW_REQUIRED(707, "a product is listed only after a compliance officer's review (an operator load names it in reviewedBy)"),
    ALREADY_RECORDED(708, "this confirmation, approval or filing is already recorded"),
    OWNER_REQUIRED(709, "a data or algorithm product needs an owner: the data supplier registering it, or one the operator names"),
    INVALID_AUCTION(710, "auction action must be start or end, and an end time (endsAt) later than now or none"),

    NO_ENTITLEMENT(800, "participant was never granted an entitlement to this product"),
    USAGE_EXCEEDS_QUOTA(801, "usage exceeds the units remaining on the participant's unexpired entitlements"),
    ENTITLEMENT_EXPIRED(802, "every entitlement the participant was granted to this product has expired"),
    UNKNOWN_PLEDGE(803, "no active pledge with that id"),
    PLEDGE_EXCEEDS_HOLDINGS(804, "pledge exceeds the participant's unpledged, unreserved units of the product"),
    SANDBOX_ONLY(805, "sandbox-only data is used only through the sandbox (channel sandbox_only), and the sandbox serves only sandbox-only data"),
    RIGHTS_NOT_GRANTED(806, "the product does not grant the right this needs: process_use to process, hold to download, operate to sell what was bought"),
    ENTITLEMENT_USED_UP(807, "the licences' entitlement is used up or expired: a resale hands on what is left, and nothing is"),
    PURPOSE_MISMATCH(808, "the report's purpose is not one the participant's unexpired entitlements were bought for");

    private static final RejectReason[] BY_CODE = new RejectReason[1000];

    static
    {
        for (final RejectReason r : values())
        {
            BY_CODE[r.code] = r;
        }
    }

    private final short code;
    private final String text;

    RejectReason(final int code, final String text)
    {
        this.code = (short)code;
        this.text = text;
    }

    public short code()
    {
        return code;
    }

    public String text()
    {
        return text;
    }

    /** The reason of a wire code, or null. */
    public static RejectReason ofCode(final int code)
    {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
