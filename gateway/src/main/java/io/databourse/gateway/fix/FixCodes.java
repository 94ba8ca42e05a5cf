package io.databourse.gateway.fix;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RejectReason;

/**
 * The FIX 4.4 code values the trading application reads and writes, named, and the one mapping of
 * the matcher's codes (sides, order types, time in force, {@link RejectReason}) to FIX and back.
 * Everything else in the gateway writes these names, never a bare literal.
 */
public final class FixCodes
{
    private FixCodes()
    {
    }

    /** MsgType (35) of the application messages, as the session layer's keys ({@link FixMessage#msgTypeKey}). */
    public static final class MsgType
    {
        public static final int NEW_ORDER_SINGLE = 'D';
        public static final int ORDER_CANCEL_REQUEST = 'F';
        public static final int ORDER_CANCEL_REPLACE_REQUEST = 'G';
        public static final int ORDER_STATUS_REQUEST = 'H';
        public static final int ORDER_MASS_CANCEL_REQUEST = 'q';
        /** "AF" as {@link FixMessage#msgTypeKey(String)} makes it: first character in the low byte. */
        public static final int ORDER_MASS_STATUS_REQUEST = 'A' | 'F' << 8;
        public static final int SECURITY_LIST_REQUEST = 'x';
        public static final int MARKET_DATA_REQUEST = 'V';

        public static final String EXECUTION_REPORT = "8";
        public static final String ORDER_CANCEL_REJECT = "9";
        public static final String ORDER_MASS_CANCEL_REPORT = "r";
        public static final String SECURITY_LIST = "y";
        public static final String MARKET_DATA_SNAPSHOT = "W";
        public static final String MARKET_DATA_INCREMENTAL = "X";
        public static final String MARKET_DATA_REQUEST_REJECT = "Y";
        public static final String SECURITY_STATUS = "f";
        public static final String BUSINESS_MESSAGE_REJECT = "j";

        private MsgType()
        {
        }
    }

    /**
     * MsgType (35) of the session-level (admin) messages. Single characters: the parser's key
     * ({@link FixMessage#msgTypeKey}) is the character itself, and the encoder writes it as it is.
     */
    public static final class SessionMsgType
    {
        public static final char HEARTBEAT = '0';
        public static final char TEST_REQUEST = '1';
        public static final char RESEND_REQUEST = '2';
        public static final char REJECT = '3';
        public static final char SEQUENCE_RESET = '4';
        public static final char LOGOUT = '5';
        public static final char LOGON = 'A';

        private SessionMsgType()
        {
        }
    }

    /** ExecType (150). */
    public static final class ExecType
    {
        public static final char NEW = '0';
        public static final char CANCELED = '4';
        public static final char REPLACED = '5';
        public static final char REJECTED = '8';
        public static final char EXPIRED = 'C';
        public static final char TRADE = 'F';
        public static final char ORDER_STATUS = 'I';

        private ExecType()
        {
        }
    }

    /** OrdRejReason (103). */
    public static final class OrdRejReason
    {
        public static final int UNKNOWN_SYMBOL = 1;
        public static final int EXCHANGE_CLOSED = 2;
        public static final int ORDER_EXCEEDS_LIMIT = 3;
        public static final int UNKNOWN_ORDER = 5;
        public static final int DUPLICATE_ORDER = 6;
        public static final int UNSUPPORTED_ORDER_CHARACTERISTIC = 11;
        public static final int INCORRECT_QUANTITY = 13;
        public static final int UNKNOWN_ACCOUNT = 15;
        public static final int INVALID_PRICE_INCREMENT = 18;
        public static final int OTHER = 99;

        private OrdRejReason()
        {
        }
    }

    /** CxlRejReason (102) and CxlRejResponseTo (434). */
    public static final class CxlRej
    {
        public static final int UNKNOWN_ORDER = 1;
        public static final int DUPLICATE_CLORDID = 6;
        public static final int OTHER = 99;
        public static final char RESPONSE_TO_CANCEL = '1';
        public static final char RESPONSE_TO_REPLACE = '2';

        private CxlRej()
        {
        }
    }

    /** MassCancelRequestType (530), MassCancelResponse (531), MassCancelRejectReason (532). */
    public static final class MassCancel
    {
        public static final char BY_SECURITY = '1';
        public static final char ALL_ORDERS = '7';
        public static final char RESPONSE_REJECTED = '0';
        public static final int REJECT_OTHER = 99;

        private MassCancel()
        {
        }
    }

    /** MassStatusReqType (585). */
    public static final class MassStatus
    {
        public static final int BY_SECURITY = 1;
        public static final int ALL_ORDERS = 7;

        private MassStatus()
        {
        }
    }

    /** BusinessRejectReason (380). */
    public static final class BusinessReject
    {
        public static final int OTHER = 0;
        public static final int UNSUPPORTED_MESSAGE_TYPE = 3;

        private BusinessReject()
        {
        }
    }

    /** Market data: SubscriptionRequestType (263), MDEntryType (269), MDUpdateAction (279), MDReqRejReason (281). */
    public static final class MarketData
    {
        public static final char SNAPSHOT = '0';
        public static final char SNAPSHOT_AND_UPDATES = '1';
        public static final char UNSUBSCRIBE = '2';
        public static final char BID = '0';
        public static final char OFFER = '1';
        public static final char TRADE = '2';
        /** MDEntryType 4, opening price: with OpenCloseSettlFlag (286) 5, a call auction's indicative price. */
        public static final char OPENING_PRICE = '4';
        public static final char THEORETICAL_PRICE = '5';
        /** SecurityTradingStatus (326) in 35=f: a call auction collects orders / continuous trading / halted. */
        public static final int STATUS_PRE_OPEN = 21;
        public static final int STATUS_READY_TO_TRADE = 17;
        public static final int STATUS_TRADING_HALT = 2;
        public static final char UPDATE_NEW = '0';
        public static final char UPDATE_CHANGE = '1';
        public static final char UPDATE_DELETE = '2';
        public static final char REJECT_UNKNOWN_SYMBOL = '0';
        public static final char REJECT_INSUFFICIENT_CAPACITY = '2';
        public static final char REJECT_UNSUPPORTED_SUBSCRIPTION_REQUEST_TYPE = '4';

        private MarketData()
        {
        }
    }

    /** SecurityListRequestType (559) and SecurityRequestResult (560). */
    public static final class SecurityList
    {
        public static final char BY_SYMBOL = '0';
        public static final char VALID_REQUEST = '0';
        public static final char NO_INSTRUMENTS_FOUND = '2';

        private SecurityList()
        {
        }
    }

    /** CommType (13) of the fee: absolute, in the price's currency. */
    public static final char COMM_TYPE_ABSOLUTE = '3';
    /** ExecInst (18) value asking for a post-only order. */
    public static final char EXEC_INST_PARTICIPATE_DONT_INITIATE = '6';
    /** What FIX sends for an id that does not exist (FIX forbids empty values). */
    public static final String NONE = "NONE";

    /** Side (54) of the matcher's side. */
    public static char fixSide(final byte side)
    {
        return side == Codes.Side.SELL ? '2' : '1';
    }

    /** The matcher's side of a FIX Side, or -1. */
    public static byte side(final char fixSide)
    {
        return fixSide == '1' ? Codes.Side.BUY : fixSide == '2' ? Codes.Side.SELL : -1;
    }

    /** OrdType (40) of the matcher's order type. */
    public static char fixOrdType(final byte ordType)
    {
        return ordType == Codes.OrdType.MARKET ? '1' : '2';
    }

    /** The matcher's order type of a FIX OrdType (1 market, 2 limit), or -1. */
    public static byte ordType(final char fixOrdType)
    {
        return fixOrdType == '1' ? Codes.OrdType.MARKET : fixOrdType == '2' ? Codes.OrdType.LIMIT : -1;
    }

    /** TimeInForce (59) of the matcher's. */
    public static char fixTif(final byte tif)
    {
        switch (tif)
        {
            case Codes.TimeInForce.GTC: return '1';
            case Codes.TimeInForce.IOC: return '3';
            case Codes.TimeInForce.FOK: return '4';
            default: return '0';
        }
    }

    /** The matcher's time in force of a FIX TimeInForce (absent: day), or -1. */
    public static byte tif(final char fixTif)
    {
        switch (fixTif)
        {
            case 0:
            case '0': return Codes.TimeInForce.DAY;
            case '1': return Codes.TimeInForce.GTC;
            case '3': return Codes.TimeInForce.IOC;
            case '4': return Codes.TimeInForce.FOK;
            default: return -1;
        }
    }

    /** OrdRejReason (103) of a matcher reject; null (a reason this gateway does not know) is OTHER. */
    public static int ordRejReason(final RejectReason reason)
    {
        if (null == reason)
        {
            return OrdRejReason.OTHER;
        }
        switch (reason)
        {
            case UNKNOWN_PRODUCT: return OrdRejReason.UNKNOWN_SYMBOL;
            case PRODUCT_NOT_LISTED:
            case DELIVERY_WINDOW_STARTED: return OrdRejReason.EXCHANGE_CLOSED;
            case INSUFFICIENT_FUNDS:
            case INSUFFICIENT_INVENTORY:
            case INSUFFICIENT_CAPACITY:
            case POSITION_PLEDGED: return OrdRejReason.ORDER_EXCEEDS_LIMIT;
            case UNKNOWN_ORDER: return OrdRejReason.UNKNOWN_ORDER;
            case DUPLICATE_CLORDID: return OrdRejReason.DUPLICATE_ORDER;
            case UNKNOWN_PARTICIPANT: return OrdRejReason.UNKNOWN_ACCOUNT;
            case INVALID_QUANTITY:
            case QTY_NOT_LOT_MULTIPLE: return OrdRejReason.INCORRECT_QUANTITY;
            case PRICE_NOT_ON_TICK: return OrdRejReason.INVALID_PRICE_INCREMENT;
            default: return OrdRejReason.OTHER;
        }
    }

    /** CxlRejReason (102) of a matcher reject of a cancel or replace. */
    public static int cxlRejReason(final RejectReason reason)
    {
        return RejectReason.UNKNOWN_ORDER == reason ? CxlRej.UNKNOWN_ORDER :
            RejectReason.DUPLICATE_CLORDID == reason ? CxlRej.DUPLICATE_CLORDID : CxlRej.OTHER;
    }

    /** The text of a matcher reject, {@code <REASON>: <explanation>}, also for a refusal the gateway makes on its behalf. */
    public static String reasonText(final RejectReason reason)
    {
        return reason.name() + ": " + reason.text();
    }
}
