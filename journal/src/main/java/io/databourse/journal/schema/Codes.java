package io.databourse.journal.schema;

/**
 * Small enumerations of the schema, encoded as single bytes. Each has a stable wire value and a
 * lower-case name used by the JSON front door; values never change once released because the
 * journal is the source of truth and old journals must replay.
 */
public final class Codes
{
    private Codes()
    {
    }

    /** Looks a name up in a table of names indexed by code; -1 when absent. */
    public static int codeOf(final String[] names, final String name)
    {
        if (null == name)
        {
            return -1;
        }
        for (int i = 0; i < names.length; i++)
        {
            if (null != names[i] && names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /** The name of a code, or "unknown(code)". */
    public static String nameOf(final String[] names, final int code)
    {
        return code >= 0 && code < names.length && null != names[code] ? names[code] : "unknown(" + code + ")";
    }

    public static final class Side
    {
        public static final byte BUY = 0;
        public static final byte SELL = 1;
        /** No side: a mass cancel of both sides; the aggressor of a call auction's trade (nobody took liquidity). */
        public static final byte NONE = -1;
        public static final String[] NAMES = {"buy", "sell"};

        private Side()
        {
        }
    }

    public static final class OrdType
    {
        public static final byte LIMIT = 0;
        public static final byte MARKET = 1;
        public static final String[] NAMES = {"limit", "market"};

        private OrdType()
        {
        }
    }

    public static final class TimeInForce
    {
        public static final byte DAY = 0;
        public static final byte GTC = 1;
        public static final byte IOC = 2;
        public static final byte FOK = 3;
        public static final String[] NAMES = {"day", "gtc", "ioc", "fok"};

        private TimeInForce()
        {
        }
    }

    /** What happens when an order would trade with another order of the same participant. */
    public static final class SelfTradePrevention
    {
        /** Cancel the incoming (aggressing) order's remainder; the resting order keeps its place. */
        public static final byte CANCEL_NEWEST = 0;
        /** Cancel the resting order and keep matching the incoming one. */
        public static final byte CANCEL_OLDEST = 1;
        /** Cancel both. */
        public static final byte CANCEL_BOTH = 2;
        public static final String[] NAMES = {"cancel_newest", "cancel_oldest", "cancel_both"};

        private SelfTradePrevention()
        {
        }
    }

    public static final class ProductKind
    {
        public static final byte DATA = 0;
        public static final byte COMPUTE = 1;
        public static final byte ALGORITHM = 2;
        public static final String[] NAMES = {"data", "compute", "algorithm"};

        private ProductKind()
        {
        }
    }

    /** Data classification grades, ordered: a buyer qualified for a grade may buy it and every lower one. */
    public static final class Grade
    {
        public static final byte GENERAL = 0;
        public static final byte IMPORTANT = 1;
        /** Core data never trades. */
        public static final byte CORE = 2;
        public static final String[] NAMES = {"general", "important", "core"};

        private Grade()
        {
        }
    }

    public static final class Jurisdiction
    {
        public static final byte DOMESTIC = 0;
        public static final byte CROSS_BORDER = 1;
        public static final String[] NAMES = {"domestic", "cross_border"};

        private Jurisdiction()
        {
        }
    }

    public static final class ParticipantStatus
    {
        public static final byte ADMITTED = 0;
        public static final byte SUSPENDED = 1;
        public static final String[] NAMES = {"admitted", "suspended"};

        private ParticipantStatus()
        {
        }
    }

    /**
     * The rights a product grants its buyers, as a bit set: {@code hold} (keep a copy: delivery by
     * download), {@code process_use} (process it: usage reports), {@code operate} (sell what was bought).
     */
    public static final class Rights
    {
        public static final byte NONE = 0;
        public static final byte HOLD = 1;
        public static final byte PROCESS_USE = 1 << 1;
        public static final byte OPERATE = 1 << 2;
        /** Name of bit i. */
        public static final String[] NAMES = {"hold", "process_use", "operate"};
        public static final byte ALL = HOLD | PROCESS_USE | OPERATE;

        private Rights()
        {
        }

        /** The bit of a name, 0 when unknown. */
        public static byte bitOf(final String name)
        {
            final int i = codeOf(NAMES, name);
            return i < 0 ? 0 : (byte)(1 << i);
        }

        public static boolean has(final byte set, final byte right)
        {
            return (set & right) != 0;
        }
    }

    public static final class DeliveryMode
    {
        public static final byte NONE = 0;
        public static final byte DOWNLOAD = 1;
        public static final byte API = 2;
        public static final byte SANDBOX_ONLY = 3;
        public static final String[] NAMES = {"none", "download", "api", "sandbox_only"};

        private DeliveryMode()
        {
        }
    }

    /**
     * Product lifecycle: registered -> (review) compliance_reviewed -> listed <-> suspended -> delisted;
     * a rejecting review moves a product to rejected, for good.
     */
    public static final class ProductStatus
    {
        public static final byte REGISTERED = 0;
        public static final byte COMPLIANCE_REVIEWED = 1;
        public static final byte LISTED = 2;
        public static final byte SUSPENDED = 3;
        public static final byte DELISTED = 4;
        /** A compliance officer rejected it: final. */
        public static final byte REJECTED = 5;
        public static final String[] NAMES = {
            "registered", "compliance_reviewed", "listed", "suspended", "delisted", "rejected"};

        private ProductStatus()
        {
        }
    }

    /** Participant roles, as bits of a mask. */
    public static final class Role
    {
        public static final int DATA_SUPPLIER = 1;
        public static final int BUYER = 1 << 1;
        public static final int DATA_BROKER = 1 << 2;
        public static final int DATA_SPONSOR = 1 << 3;
        public static final int DATA_CUSTODIAN = 1 << 4;
        public static final int COMPUTE_PROVIDER = 1 << 5;
        public static final int COMPUTE_BROKER = 1 << 6;
        public static final int RISK_OFFICER = 1 << 7;
        public static final int REGULATOR = 1 << 8;
        public static final int ADMIN = 1 << 9;
        /** Reviews products before listing; never its own. */
        public static final int COMPLIANCE_OFFICER = 1 << 10;
        /** A bank or other financial institution: the only one a pledge's lender may be. */
        public static final int LENDER = 1 << 11;
        /** Name of bit i. */
        public static final String[] NAMES = {
            "data_supplier", "buyer", "data_broker", "data_sponsor", "data_custodian", "compute_provider",
            "compute_broker", "risk_officer", "regulator", "admin", "compliance_officer", "lender"};

        private Role()
        {
        }

        /** The role bit of a name, 0 when unknown. */
        public static int bitOf(final String name)
        {
            final int i = codeOf(NAMES, name);
            return i < 0 ? 0 : 1 << i;
        }

        public static boolean has(final int mask, final int role)
        {
            return (mask & role) != 0;
        }
    }

    /** A compliance officer's decision on a product. */
    public static final class ReviewDecision
    {
        public static final byte APPROVE = 0;
        public static final byte REJECT = 1;
        public static final String[] NAMES = {"approve", "reject"};

        private ReviewDecision()
        {
        }
    }

    /**
     * The uses a buyer may declare for data (docs/matching-rules.md, Purposes): a product declares a
     * set ({@code purposes}, bit {@code code - 1}), a buy order carries one code, the entitlement
     * records it and usage must match it. 0 is none; codes never change once released.
     */
    public static final class Purpose
    {
        public static final byte NONE = 0;
        public static final byte TRAFFIC_PLANNING = 1;
        public static final byte CREDIT_ASSESSMENT = 2;
        public static final byte RISK_CONTROL = 3;
        public static final byte MEDICAL_RESEARCH = 4;
        public static final byte ACADEMIC_RESEARCH = 5;
        public static final byte MARKETING_ANALYTICS = 6;
        public static final byte MODEL_TRAINING = 7;
        public static final byte PUBLIC_SERVICE = 8;
        public static final byte INSURANCE_PRICING = 9;
        public static final byte SUPPLY_CHAIN = 10;
        public static final String[] NAMES = {
            "none", "traffic_planning", "credit_assessment", "risk_control", "medical_research", "academic_research",
            "marketing_analytics", "model_training", "public_service", "insurance_pricing", "supply_chain"};

        private Purpose()
        {
        }

        /** The bit of a purpose code in a product's set; 0 for none. */
        public static int bitOf(final byte code)
        {
            return code <= NONE || code >= NAMES.length ? 0 : 1 << (code - 1);
        }
    }

    /** How an algorithm product is deployed to its licensee. */
    public static final class Deployment
    {
        public static final byte NONE = 0;
        public static final byte ON_PREMISE = 1;
        public static final byte SANDBOX = 2;
        public static final byte API = 3;
        public static final String[] NAMES = {"none", "on_premise", "sandbox", "api"};

        private Deployment()
        {
        }
    }

    /** Why an order left the book without trading fully. */
    public static final class CancelReason
    {
        public static final byte USER = 0;
        public static final byte IOC_REMAINDER = 1;
        public static final byte FOK_UNFILLED = 2;
        public static final byte MARKET_REMAINDER = 3;
        public static final byte SELF_TRADE_PREVENTED = 4;
        public static final byte MASS_CANCEL = 5;
        public static final byte END_OF_DAY = 6;
        public static final byte DELIVERY_WINDOW_STARTED = 7;
        public static final byte REPLACED_TO_FILLED = 8;
        public static final byte PRODUCT_HALTED = 9;
        public static final byte PARTICIPANT_SUSPENDED = 10;
        /** The participant's qualification, jurisdiction or roles, or the product's grade, changed: it no longer passes the gates. */
        public static final byte PARTICIPANT_REQUALIFIED = 11;
        public static final String[] NAMES = {
            "user", "ioc_remainder", "fok_unfilled", "market_remainder", "self_trade_prevented", "mass_cancel",
            "end_of_day", "delivery_window_started", "replaced_to_filled", "product_halted", "participant_suspended",
            "participant_requalified"};

        private CancelReason()
        {
        }
    }

    /** Whether a product opens with a call auction when listed or resumed (docs/matching-rules.md, Call auctions). */
    public static final class OpeningAuction
    {
        /** Data and algorithm products listed after review or resumed: yes; compute, and operator loads: no. */
        public static final byte DEFAULT = 0;
        public static final byte ON = 1;
        public static final byte OFF = 2;

        private OpeningAuction()
        {
        }
    }

    /** What an {@link AuctionCommand} asks for. */
    public static final class AuctionAction
    {
        public static final byte START = 1;
        public static final byte END = 2;
        public static final String[] NAMES = {null, "start", "end"};

        private AuctionAction()
        {
        }
    }

    /** Why a call auction started, or how it ended ({@link AuctionEvent#cause()}). */
    public static final class AuctionCause
    {
        /** Started: the product was listed. */
        public static final byte LISTING = 0;
        /** Started: a suspended product was resumed. */
        public static final byte RESUME = 1;
        /** Started or ended by an admin's command. */
        public static final byte ADMIN = 2;
        /** Ended: the first command stamped at or after its end time. */
        public static final byte END_TIME = 3;
        /** Ended without an uncross: the product was suspended, delisted or its delivery window opened. */
        public static final byte HALTED = 4;
        public static final String[] NAMES = {"listing", "resume", "admin", "end_time", "halted"};

        private AuctionCause()
        {
        }
    }
}
