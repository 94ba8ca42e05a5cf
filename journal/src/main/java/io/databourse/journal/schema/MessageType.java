package io.databourse.journal.schema;

/** Wire type codes of commands (1..99) and events (101..199). Stable: never renumber. */
public final class MessageType
{
    private MessageType()
    {
    }

    // commands
    public static final int PARTICIPANT = 1;
    public static final int PRODUCT = 2;
    public static final int PRODUCT_STATUS = 3;
    public static final int DEPOSIT = 4;
    public static final int WITHDRAW = 5;
    public static final int INVENTORY = 6;
    public static final int CAPACITY = 7;
    public static final int NEW_ORDER = 8;
    public static final int CANCEL = 9;
    public static final int REPLACE = 10;
    public static final int MASS_CANCEL = 11;
    public static final int END_OF_DAY = 12;
    public static final int FEE_SCHEDULE = 13;
    public static final int USAGE = 14;
    public static final int PLEDGE = 15;
    public static final int RELEASE = 16;
    /** A gateway (re)joining asks for the current product list; answered with PRODUCT_SNAPSHOT events. */
    public static final int PRODUCT_LIST_REQUEST = 17;
    /** A compliance officer approves or rejects a product ({@link ReviewCommand}). */
    public static final int REVIEW = 18;
    /** A data product's sponsor confirms it ({@link ApprovalCommand}). */
    public static final int SPONSOR = 19;
    /** A regulator records an exporter's filed standard contract for cross-border transfers. */
    public static final int CROSS_BORDER_FILING = 20;
    /** A regulator approves a product's cross-border export beyond the filing thresholds ({@link ApprovalCommand}). */
    public static final int CROSS_BORDER_APPROVAL = 21;
    /** An admin starts or ends a product's call auction ({@link AuctionCommand}). */
    public static final int AUCTION = 22;

    // events
    public static final int ORDER_ACCEPTED = 101;
    public static final int REJECTED = 102;
    public static final int TRADE = 103;
    public static final int ORDER_CANCELLED = 104;
    public static final int ORDER_REPLACED = 105;
    public static final int ORDER_EXPIRED = 106;
    public static final int PARTICIPANT_REGISTERED = 107;
    public static final int PARTICIPANT_UPDATED = 108;
    public static final int PRODUCT_REGISTERED = 109;
    public static final int PRODUCT_STATUS_CHANGED = 110;
    public static final int CASH_DEPOSITED = 111;
    public static final int CASH_WITHDRAWN = 112;
    public static final int INVENTORY_ADDED = 113;
    public static final int CAPACITY_REGISTERED = 114;
    public static final int MASS_CANCELLED = 115;
    public static final int DAY_ENDED = 116;
    public static final int FEES_SET = 117;
    public static final int USAGE_RECORDED = 118;
    public static final int PLEDGE_REGISTERED = 119;
    public static final int PLEDGE_RELEASED = 120;
    /**
     * A product as it is now, for a late-joining gateway: a reference-data event ({@link ReferenceDataTail}) embedding the
     * defining ProductCommand, with qty = current reference (last trade) price in fen and
     * availableQty = current {@link Codes.ProductStatus}. Consumers that build state from
     * PRODUCT_REGISTERED ignore it.
     */
    public static final int PRODUCT_SNAPSHOT = 121;
    /** {@link ComplianceEvent}: a review decided, the product's grade and status after it. */
    public static final int PRODUCT_REVIEWED = 122;
    /** {@link ComplianceEvent}: a data product's sponsor confirmed it. */
    public static final int PRODUCT_SPONSORED = 123;
    /** {@link ComplianceEvent}: an exporter's standard contract is filed. */
    public static final int CROSS_BORDER_FILED = 124;
    /** {@link ComplianceEvent}: a product's cross-border export is approved. */
    public static final int CROSS_BORDER_APPROVED = 125;
    /** The schema's EntitlementEvent: a buyer's entitlement granted by a fill, as the matcher recorded it. */
    public static final int ENTITLEMENT_GRANTED = 126;
    /** {@link AuctionEvent}: a product's call auction started; it collects orders and trades nothing. */
    public static final int AUCTION_STARTED = 127;
    /** {@link AuctionEvent}: the auction's indicative uncrossing price and volume changed. */
    public static final int AUCTION_INDICATIVE = 128;
    /** {@link AuctionEvent}: the auction ended and uncrossed at one price; its trades follow. */
    public static final int AUCTION_UNCROSSED = 129;
    /**
     * Units a usage report or a resale took from a holder's entitlements of one expiry and purpose, as
     * the matcher chose them: settlement posts these, it does not choose.
     */
    public static final int ENTITLEMENT_DRAWN = 130;

    /** Lower-case name used by the JSON front door ("new", "trade", ...). */
    public static String nameOf(final int type)
    {
        switch (type)
        {
            case PARTICIPANT: return "participant";
            case PRODUCT: return "product";
            case PRODUCT_STATUS: return "product_status";
            case DEPOSIT: return "deposit";
            case WITHDRAW: return "withdraw";
            case INVENTORY: return "inventory";
            case CAPACITY: return "capacity";
            case NEW_ORDER: return "new";
            case CANCEL: return "cancel";
            case REPLACE: return "replace";
            case MASS_CANCEL: return "mass_cancel";
            case END_OF_DAY: return "end_of_day";
            case FEE_SCHEDULE: return "fee_schedule";
            case USAGE: return "usage";
            case PLEDGE: return "pledge";
            case RELEASE: return "release";
            case PRODUCT_LIST_REQUEST: return "product_list_request";
            case REVIEW: return "review";
            case SPONSOR: return "sponsor";
            case CROSS_BORDER_FILING: return "cross_border_filing";
            case CROSS_BORDER_APPROVAL: return "cross_border_approval";
            case AUCTION: return "auction";
            case ORDER_ACCEPTED: return "accepted";
            case REJECTED: return "rejected";
            case TRADE: return "trade";
            case ORDER_CANCELLED: return "cancelled";
            case ORDER_REPLACED: return "replaced";
            case ORDER_EXPIRED: return "expired";
            case PARTICIPANT_REGISTERED: return "participant_registered";
            case PARTICIPANT_UPDATED: return "participant_updated";
            case PRODUCT_REGISTERED: return "product_registered";
            case PRODUCT_STATUS_CHANGED: return "product_status_changed";
            case CASH_DEPOSITED: return "deposited";
            case CASH_WITHDRAWN: return "withdrawn";
            case INVENTORY_ADDED: return "inventory_added";
            case CAPACITY_REGISTERED: return "capacity_registered";
            case MASS_CANCELLED: return "mass_cancelled";
            case DAY_ENDED: return "day_ended";
            case FEES_SET: return "fees_set";
            case USAGE_RECORDED: return "usage_recorded";
            case PLEDGE_REGISTERED: return "pledge_registered";
            case PLEDGE_RELEASED: return "pledge_released";
            case PRODUCT_SNAPSHOT: return "product_snapshot";
            case PRODUCT_REVIEWED: return "product_reviewed";
            case PRODUCT_SPONSORED: return "product_sponsored";
            case CROSS_BORDER_FILED: return "cross_border_filed";
            case CROSS_BORDER_APPROVED: return "cross_border_approved";
            case ENTITLEMENT_GRANTED: return "entitlement_granted";
            case AUCTION_STARTED: return "auction_started";
            case AUCTION_INDICATIVE: return "auction_indicative";
            case AUCTION_UNCROSSED: return "auction_uncrossed";
            case ENTITLEMENT_DRAWN: return "entitlement_drawn";
            default: return "unknown(" + type + ")";
        }
    }

    public static boolean isCommand(final int type)
    {
        return type >= PARTICIPANT && type <= AUCTION;
    }
}
