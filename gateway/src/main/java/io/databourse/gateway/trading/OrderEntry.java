package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.MassCancelCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RejectReason;
import org.agrona.MutableDirectBuffer;

/**
 * Order entry: NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest and
 * OrderMassCancelRequest checked field by field and encoded as the matcher's commands, always for
 * the session's own participant, then offered to the matcher ({@link CommandPublisher}). What the
 * gateway can tell is wrong without the matcher (a field out of range, an Account not the
 * session's, a ClOrdID already awaiting an answer, Aeron not taking the command) it refuses
 * itself, with a report naming the reason; everything else is the matcher's to decide. A new
 * order's or a replace's ClOrdID that a done order of the participant has (as far as the views
 * still hold done orders, {@link DoneClOrdIds}) is refused here too: the matcher refuses only a
 * live order's, and a resubmitted order must not execute twice. Session thread only; allocates
 * nothing per message.
 */
final class OrderEntry
{
    private final SessionConfig config;
    private final int sessionId;
    private final CommandPublisher publisher;
    private final PendingRequests pending;
    private final OrderQuestions questions;
    private final LocalExecIds localExecIds;
    private final DoneClOrdIds doneClOrdIds;
    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
    private final CancelCommandEncoder cancel = new CancelCommandEncoder();
    private final ReplaceCommandEncoder replace = new ReplaceCommandEncoder();
    private final MassCancelCommandEncoder massCancel = new MassCancelCommandEncoder();

    OrderEntry(
        final SessionConfig config,
        final CommandPublisher publisher,
        final PendingRequests pending,
        final OrderQuestions questions,
        final LocalExecIds localExecIds,
        final DoneClOrdIds doneClOrdIds)
    {
        this.config = config;
        this.sessionId = config.sessionId();
        this.publisher = publisher;
        this.pending = pending;
        this.questions = questions;
        this.localExecIds = localExecIds;
        this.doneClOrdIds = doneClOrdIds;
    }

    /** NewOrderSingle (35=D). */
    void newOrderSingle(final SessionHandle session, final FixMessage m)
    {
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        final char fixSide = (char)m.charValue(FixTags.SIDE);
        final char fixOrdType = (char)m.charValue(FixTags.ORD_TYPE);
        if (!accountAllowed(m))
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.OTHER, "Account is not the participant of this session");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > AsciiFields.CLORDID_LENGTH ||
            m.valueLengthAt(symbolIndex) > AsciiFields.PRODUCT_ID_LENGTH)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.OTHER, "ClOrdID must be at most 24 and Symbol at most 32 characters");
            return;
        }
        final byte side = FixCodes.side(fixSide);
        if (side < 0)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC, "Side must be 1 (buy) or 2 (sell)");
            return;
        }
        final byte ordType = FixCodes.ordType(fixOrdType);
        if (ordType < 0)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                "OrdType must be 1 (market) or 2 (limit)");
            return;
        }
        final long qty = fixedPoint(m, FixTags.ORDER_QTY, 0);
        if (qty <= 0)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.INCORRECT_QUANTITY, "OrderQty must be a positive whole number of units");
            return;
        }
        long priceFen = 0;
        if (ordType == Codes.OrdType.LIMIT)
        {
            priceFen = fixedPoint(m, FixTags.PRICE, 2);
            if (priceFen == FixMessage.TOO_PRECISE)
            {
                // Finer than a fen is off every product's tick: the matcher's reason, which it cannot see.
                rejectOrder(session, m, FixCodes.ordRejReason(RejectReason.PRICE_NOT_ON_TICK),
                    FixCodes.reasonText(RejectReason.PRICE_NOT_ON_TICK));
                return;
            }
            if (priceFen <= 0)
            {
                rejectOrder(session, m, FixCodes.OrdRejReason.OTHER, "Price is required for a limit order: a positive decimal");
                return;
            }
        }
        final byte tif = FixCodes.tif((char)m.charValue(FixTags.TIME_IN_FORCE));
        if (tif < 0)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.UNSUPPORTED_ORDER_CHARACTERISTIC,
                "TimeInForce must be 0 (day), 1 (GTC), 3 (IOC) or 4 (FOK)");
            return;
        }
        final byte purpose = purposeOf(m);
        if (purpose < 0)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.OTHER, PURPOSE_TEXT);
            return;
        }
        if (isDoneClOrdId(m, clOrdIdIndex))
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.DUPLICATE_ORDER, DUPLICATE_DONE_TEXT);
            return;
        }
        final PendingRequests.Request r = pending.register(m, clOrdIdIndex);
        if (null == r)
        {
            rejectOrder(session, m, FixCodes.OrdRejReason.OTHER,
                "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        final MutableDirectBuffer out = publisher.buffer();
        Codecs.encode(newOrder, out, 0, sessionId).participantId(config.participant());
        AsciiFields.putId(out, NewOrderCommandEncoder.productIdEncodingOffset(), NewOrderCommandEncoder.productIdLength(),
            m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        AsciiFields.putId(out, NewOrderCommandEncoder.clOrdIdEncodingOffset(), NewOrderCommandEncoder.clOrdIdLength(),
            m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        newOrder.side(side).ordType(ordType).tif(tif)
            .postOnly(Codecs.bool(execInstContains(m, FixCodes.EXEC_INST_PARTICIPATE_DONT_INITIATE)))
            .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(priceFen).qty(qty).purpose(purpose);
        if (!publisher.offer(newOrder.encodedLength()))
        {
            pending.cancel(r);
            rejectOrder(session, m, FixCodes.OrdRejReason.OTHER, "Exchange busy (back-pressure): order not accepted, retry later");
            return;
        }
        r.kind = 'D';
        r.symbol.set(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        r.fixSide = fixSide;
        r.orderQty = qty;
        r.priceFen = priceFen;
        r.fixOrdType = fixOrdType;
    }

    /** OrderCancelRequest (35=F) or OrderCancelReplaceRequest (35=G). */
    void cancelOrReplace(final SessionHandle session, final FixMessage m, final boolean isReplace)
    {
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final int origIndex = m.indexOf(FixTags.ORIG_CL_ORD_ID);
        final long orderId = m.has(FixTags.ORDER_ID) ? m.longValue(FixTags.ORDER_ID) : 0;
        if (!accountAllowed(m))
        {
            questions.cancelReject(session, m, orderId, isReplace, FixCodes.CxlRej.OTHER,
                "Account is not the participant of this session");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > AsciiFields.CLORDID_LENGTH ||
            m.valueLengthAt(origIndex) > AsciiFields.CLORDID_LENGTH || orderId < 0)
        {
            questions.cancelReject(session, m, 0, isReplace, FixCodes.CxlRej.OTHER,
                "ClOrdID/OrigClOrdID too long or OrderID not a number");
            return;
        }
        long qty = 0;
        long priceFen = 0;
        if (isReplace)
        {
            qty = fixedPoint(m, FixTags.ORDER_QTY, 0);
            priceFen = m.has(FixTags.PRICE) ? fixedPoint(m, FixTags.PRICE, 2) : 0;
            if (priceFen == FixMessage.TOO_PRECISE)
            {
                questions.cancelReject(session, m, orderId, true, FixCodes.CxlRej.OTHER,
                    FixCodes.reasonText(RejectReason.PRICE_NOT_ON_TICK));
                return;
            }
            if (qty <= 0 || priceFen < 0)
            {
                questions.cancelReject(session, m, orderId, true, FixCodes.CxlRej.OTHER,
                    "OrderQty must be a positive whole number and Price have at most 2 decimals");
                return;
            }
        }
        if (isReplace && isDoneClOrdId(m, clOrdIdIndex))
        {
            questions.cancelReject(session, m, orderId, true, FixCodes.CxlRej.DUPLICATE_CLORDID, DUPLICATE_DONE_TEXT);
            return;
        }
        final PendingRequests.Request r = pending.register(m, clOrdIdIndex);
        if (null == r)
        {
            questions.cancelReject(session, m, orderId, isReplace, FixCodes.CxlRej.OTHER,
                "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        final int length;
        if (isReplace)
        {
            final MutableDirectBuffer out = publisher.buffer();
            Codecs.encode(replace, out, 0, sessionId).participantId(config.participant())
                .orderId(orderId).priceFen(priceFen).qty(qty);
            AsciiFields.putId(out, ReplaceCommandEncoder.clOrdIdEncodingOffset(), ReplaceCommandEncoder.clOrdIdLength(),
                m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
            AsciiFields.putId(out, ReplaceCommandEncoder.origClOrdIdEncodingOffset(), ReplaceCommandEncoder.origClOrdIdLength(),
                m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
            length = replace.encodedLength();
        }
        else
        {
            final MutableDirectBuffer out = publisher.buffer();
            Codecs.encode(cancel, out, 0, sessionId).participantId(config.participant()).orderId(orderId);
            AsciiFields.putId(out, CancelCommandEncoder.clOrdIdEncodingOffset(), CancelCommandEncoder.clOrdIdLength(),
                m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
            AsciiFields.putId(out, CancelCommandEncoder.origClOrdIdEncodingOffset(), CancelCommandEncoder.origClOrdIdLength(),
                m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
            length = cancel.encodedLength();
        }
        if (!publisher.offer(length))
        {
            pending.cancel(r);
            questions.cancelReject(session, m, orderId, isReplace, FixCodes.CxlRej.OTHER,
                "Exchange busy (back-pressure): request not accepted, retry later");
            return;
        }
        r.kind = isReplace ? 'G' : 'F';
        r.origClOrdId.set(m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        if (symbolIndex >= 0)
        {
            r.symbol.set(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        }
        r.fixSide = (char)m.charValue(FixTags.SIDE);
        r.orderQty = qty;
        r.priceFen = priceFen;
    }

    /** OrderMassCancelRequest (35=q): by security (1) or all orders (7). */
    void massCancel(final SessionHandle session, final FixMessage m)
    {
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final char type = (char)m.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE);
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        if (type != FixCodes.MassCancel.BY_SECURITY && type != FixCodes.MassCancel.ALL_ORDERS)
        {
            massCancelRefused(session, m, type, "MassCancelRequestType must be 1 (security) or 7 (all)");
            return;
        }
        if (type == FixCodes.MassCancel.BY_SECURITY &&
            (symbolIndex < 0 || m.valueLengthAt(symbolIndex) > AsciiFields.PRODUCT_ID_LENGTH))
        {
            massCancelRefused(session, m, type, "Symbol (at most 32 characters) required for type 1");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > AsciiFields.CLORDID_LENGTH)
        {
            massCancelRefused(session, m, type, "ClOrdID must be at most 24 characters");
            return;
        }
        final PendingRequests.Request r = pending.register(m, clOrdIdIndex);
        if (null == r)
        {
            massCancelRefused(session, m, type, "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        Codecs.encode(massCancel, publisher.buffer(), 0, sessionId);
        massCancel.participantId(config.participant());
        if (type == FixCodes.MassCancel.BY_SECURITY)
        {
            AsciiFields.putId(massCancel.buffer(), massCancel.offset() + MassCancelCommandEncoder.productIdEncodingOffset(),
                MassCancelCommandEncoder.productIdLength(), m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        }
        AsciiFields.putId(massCancel.buffer(), massCancel.offset() + MassCancelCommandEncoder.clOrdIdEncodingOffset(),
            MassCancelCommandEncoder.clOrdIdLength(), m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        massCancel.side(m.has(FixTags.SIDE) ? FixCodes.side((char)m.charValue(FixTags.SIDE)) : -1);
        if (!publisher.offer(massCancel.encodedLength()))
        {
            pending.cancel(r);
            massCancelRefused(session, m, type, "Exchange busy (back-pressure): request not accepted");
            return;
        }
        r.kind = 'q';
        r.massCancelType = type;
    }

    /** True when the message's ClOrdID (11) is one of a done order of the participant the views still hold. */
    private boolean isDoneClOrdId(final FixMessage m, final int clOrdIdIndex)
    {
        return clOrdIdIndex >= 0 &&
            doneClOrdIds.contains(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
    }

    private static final String DUPLICATE_DONE_TEXT =
        "Duplicate order: ClOrdID is that of a done (filled, cancelled or expired) order; use a new ClOrdID";

    private boolean accountAllowed(final FixMessage message)
    {
        final int i = message.indexOf(FixTags.ACCOUNT);
        return i < 0 || message.valueEquals(i, config.participant());
    }

    /** A NewOrderSingle refused by the gateway: ExecutionReport 150=8 echoing the request. */
    private void rejectOrder(final SessionHandle session, final FixMessage m, final int ordRejReason, final String text)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
        e.string(FixTags.ORDER_ID, FixCodes.NONE);
        ReportFields.copy(e, m, FixTags.CL_ORD_ID);
        localExecIds.put(e);
        e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.REJECTED).charValue(FixTags.ORD_STATUS, OrdStatus.REJECTED)
            .longValue(FixTags.ORD_REJ_REASON, ordRejReason);
        ReportFields.copy(e, m, FixTags.ACCOUNT);
        ReportFields.copy(e, m, FixTags.SYMBOL);
        ReportFields.copy(e, m, FixTags.SIDE);
        ReportFields.copy(e, m, FixTags.ORDER_QTY);
        e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
            .string(FixTags.TEXT, text);
        session.send();
    }

    /** A refused OrderMassCancelRequest, answered by the gateway itself. */
    private static void massCancelRefused(final SessionHandle session, final FixMessage m, final char requestType, final String text)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.ORDER_MASS_CANCEL_REPORT);
        ReportFields.copy(e, m, FixTags.CL_ORD_ID);
        e.string(FixTags.ORDER_ID, FixCodes.NONE)
            .charValue(FixTags.MASS_CANCEL_REQUEST_TYPE,
                requestType == FixCodes.MassCancel.BY_SECURITY ? FixCodes.MassCancel.BY_SECURITY : FixCodes.MassCancel.ALL_ORDERS)
            .charValue(FixTags.MASS_CANCEL_RESPONSE, FixCodes.MassCancel.RESPONSE_REJECTED)
            .longValue(FixTags.TOTAL_AFFECTED_ORDERS, 0)
            .longValue(FixTags.MASS_CANCEL_REJECT_REASON, FixCodes.MassCancel.REJECT_OTHER)
            .string(FixTags.TEXT, text);
        session.send();
    }

    private static final String PURPOSE_TEXT = "ComplianceID (376) must name a purpose: " +
        String.join(", ", java.util.Arrays.copyOfRange(Codes.Purpose.NAMES, 1, Codes.Purpose.NAMES.length));

    /**
     * The purpose an order declares, from ComplianceID (376): a {@link Codes.Purpose} name; none when
     * the tag is absent; -1 when it names no purpose. Compared byte by byte: no String per order.
     */
    private static byte purposeOf(final FixMessage m)
    {
        final int i = m.indexOf(FixTags.COMPLIANCE_ID);
        if (i < 0)
        {
            return Codes.Purpose.NONE;
        }
        for (int code = Codes.Purpose.NONE + 1; code < Codes.Purpose.NAMES.length; code++)
        {
            if (m.valueEquals(i, Codes.Purpose.NAMES[code]))
            {
                return (byte)code;
            }
        }
        return -1;
    }

    private static boolean execInstContains(final FixMessage m, final char c)
    {
        final int i = m.indexOf(FixTags.EXEC_INST);
        if (i < 0)
        {
            return false;
        }
        for (int at = m.valueOffsetAt(i), end = at + m.valueLengthAt(i); at < end; at++)
        {
            if (m.buffer().getByte(at) == c)
            {
                return true;
            }
        }
        return false;
    }

    private static long fixedPoint(final FixMessage m, final int tag, final int scale)
    {
        final int i = m.indexOf(tag);
        return i < 0 ? Long.MIN_VALUE : FixMessage.parseFixedPoint(m.buffer(), m.valueOffsetAt(i), m.valueLengthAt(i), scale);
    }
}
