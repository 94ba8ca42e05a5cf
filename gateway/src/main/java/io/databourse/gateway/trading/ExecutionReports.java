package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import org.agrona.DirectBuffer;

/**
 * The matcher's events for a session turned into FIX: ExecutionReports (new, replaced, cancelled,
 * expired, fills, rejects), OrderCancelRejects and OrderMassCancelReports. Each report says what
 * the event says (the matcher decided it); the pending request only fills in what a refusal's
 * event does not carry. An event's ExecID names its journal record and event ({@code seq-index},
 * a fill's side appended), so a report is never made twice under two ids. Session thread only;
 * allocates nothing per event.
 */
final class ExecutionReports
{
    private final SessionConfig config;
    private final int sessionId;
    private final ProductDirectory products;
    private final PendingRequests pending;
    private final OrderEventDecoder orderEvent = new OrderEventDecoder();
    private final TradeEventDecoder tradeEvent = new TradeEventDecoder();
    private final RejectedEventDecoder rejectedEvent = new RejectedEventDecoder();
    private final MassCancelledEventDecoder massCancelledEvent = new MassCancelledEventDecoder();
    private final NewOrderCommandDecoder newOrder = new NewOrderCommandDecoder();
    private final CancelCommandDecoder cancel = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();

    ExecutionReports(final SessionConfig config, final ProductDirectory products, final PendingRequests pending)
    {
        this.config = config;
        this.sessionId = config.sessionId();
        this.products = products;
        this.pending = pending;
    }

    /**
     * One of the session's events from its inbox: {@code offset} is the event's, {@code end} the
     * end of the record (a reject's refused command follows the event).
     */
    void onEvent(
        final SessionHandle session, final int type, final DirectBuffer buffer, final int offset, final int end,
        final long seq, final int eventIndex, final long timeNs, final char ordStatus)
    {
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
                Codecs.wrap(orderEvent, buffer, offset);
                onOrderEvent(session, type, seq, eventIndex, timeNs);
                break;
            case MessageType.TRADE:
                Codecs.wrap(tradeEvent, buffer, offset);
                if (tradeEvent.buySessionId() == sessionId)
                {
                    onFill(session, true, seq, eventIndex, timeNs);
                }
                if (tradeEvent.sellSessionId() == sessionId)
                {
                    onFill(session, false, seq, eventIndex, timeNs);
                }
                break;
            case MessageType.REJECTED:
            {
                Codecs.wrap(rejectedEvent, buffer, offset);
                final int commandOffset = offset + RecordHeader.lengthAt(buffer, offset);
                final boolean hasCommand = commandOffset + RecordHeader.ENCODED_LENGTH <= end &&
                    commandOffset + RecordHeader.lengthAt(buffer, commandOffset) <= end;
                onRejected(session, seq, eventIndex, timeNs, buffer, hasCommand ? commandOffset : -1, ordStatus);
                break;
            }
            case MessageType.MASS_CANCELLED:
                Codecs.wrap(massCancelledEvent, buffer, offset);
                onMassCancelled(session);
                break;
            default:
                break;
        }
    }

    private void onOrderEvent(final SessionHandle session, final int type, final long seq, final int eventIndex, final long timeNs)
    {
        final DirectBuffer eventBuffer = orderEvent.buffer();
        final int clOrdIdOffset = orderEvent.offset() + OrderEventDecoder.clOrdIdEncodingOffset();
        final int clOrdIdLength = asciiLength(eventBuffer, clOrdIdOffset, OrderEventDecoder.clOrdIdLength());
        final int origClOrdIdOffset = orderEvent.offset() + OrderEventDecoder.origClOrdIdEncodingOffset();
        final int origClOrdIdLength = asciiLength(eventBuffer, origClOrdIdOffset, OrderEventDecoder.origClOrdIdLength());
        final PendingRequests.Request request = pending.take(eventBuffer, clOrdIdOffset, clOrdIdLength);
        try
        {
            final boolean done = MessageType.ORDER_CANCELLED == type || MessageType.ORDER_EXPIRED == type;
            // A cancel's leavesQty is what was open before it: nothing is open after.
            final long leavesQty = done ? 0 : orderEvent.leavesQty();
            final long cumQty = orderEvent.cumQty();
            final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
            e.longValue(FixTags.ORDER_ID, orderEvent.orderId()).bytes(FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
            if (origClOrdIdLength > 0)
            {
                e.bytes(FixTags.ORIG_CL_ORD_ID, eventBuffer, origClOrdIdOffset, origClOrdIdLength);
            }
            e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).endField();
            e.charValue(FixTags.EXEC_TYPE, execType(type))
                .charValue(FixTags.ORD_STATUS, OrdStatus.afterOrderEvent(type, leavesQty, cumQty))
                .string(FixTags.ACCOUNT, config.participant());
            ReportFields.putSymbol(e, products, orderEvent.product(), null == request ? null : request.symbol);
            e.charValue(FixTags.SIDE, FixCodes.fixSide(orderEvent.side()))
                .longValue(FixTags.ORDER_QTY, orderEvent.orderQty())
                .charValue(FixTags.ORD_TYPE, FixCodes.fixOrdType(orderEvent.ordType()));
            if (orderEvent.priceFen() > 0)
            {
                e.decimal(FixTags.PRICE, orderEvent.priceFen(), 2);
            }
            e.charValue(FixTags.TIME_IN_FORCE, FixCodes.fixTif(orderEvent.tif()))
                .longValue(FixTags.LEAVES_QTY, leavesQty).longValue(FixTags.CUM_QTY, cumQty);
            ReportFields.avgPx(e, orderEvent.cumNotionalFen(), cumQty);
            e.timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
            if (done)
            {
                e.string(FixTags.TEXT, Codes.nameOf(Codes.CancelReason.NAMES, orderEvent.reason()));
            }
            session.send();
        }
        finally
        {
            pending.release(request);
        }
    }

    private static char execType(final int orderEventType)
    {
        switch (orderEventType)
        {
            case MessageType.ORDER_ACCEPTED: return FixCodes.ExecType.NEW;
            case MessageType.ORDER_REPLACED: return FixCodes.ExecType.REPLACED;
            case MessageType.ORDER_EXPIRED: return FixCodes.ExecType.EXPIRED;
            default: return FixCodes.ExecType.CANCELED;
        }
    }

    private void onFill(final SessionHandle session, final boolean buy, final long seq, final int eventIndex, final long timeNs)
    {
        final long orderId = buy ? tradeEvent.buyOrderId() : tradeEvent.sellOrderId();
        final long leaves = buy ? tradeEvent.buyLeavesQty() : tradeEvent.sellLeavesQty();
        final long cum = buy ? tradeEvent.buyCumQty() : tradeEvent.sellCumQty();
        final long notional = buy ? tradeEvent.buyCumNotionalFen() : tradeEvent.sellCumNotionalFen();
        final long orderQty = buy ? tradeEvent.buyOrderQty() : tradeEvent.sellOrderQty();
        final DirectBuffer eventBuffer = tradeEvent.buffer();
        final int clOrdIdOffset = tradeEvent.offset() +
            (buy ? TradeEventDecoder.buyClOrdIdEncodingOffset() : TradeEventDecoder.sellClOrdIdEncodingOffset());
        final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
        e.longValue(FixTags.ORDER_ID, orderId).bytes(FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset,
            asciiLength(eventBuffer, clOrdIdOffset, AsciiFields.CLORDID_LENGTH));
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).append(buy ? "-B" : "-S").endField();
        e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.TRADE).charValue(FixTags.ORD_STATUS, OrdStatus.afterFill(leaves))
            .string(FixTags.ACCOUNT, config.participant());
        ReportFields.putSymbol(e, products, tradeEvent.product(), null);
        e.charValue(FixTags.SIDE, FixCodes.fixSide(buy ? Codes.Side.BUY : Codes.Side.SELL))
            .longValue(FixTags.ORDER_QTY, orderQty)
            .decimal(FixTags.LAST_PX, tradeEvent.priceFen(), 2).longValue(FixTags.LAST_QTY, tradeEvent.qty())
            .longValue(FixTags.LEAVES_QTY, leaves).longValue(FixTags.CUM_QTY, cum);
        ReportFields.avgPx(e, notional, cum);
        e.decimal(FixTags.COMMISSION, buy ? tradeEvent.buyFeeFen() : tradeEvent.sellFeeFen(), 2)
            .charValue(FixTags.COMM_TYPE, FixCodes.COMM_TYPE_ABSOLUTE);
        e.timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        session.send();
    }

    private void onRejected(final SessionHandle session, final long seq, final int eventIndex, final long timeNs,
        final DirectBuffer commandBuffer, final int commandOffset, final char ordStatus)
    {
        final int refusedType = commandOffset < 0 ? 0 : RecordHeader.typeAt(commandBuffer, commandOffset);
        // The reject's ClOrdID, else the refused command's (the same field at offset 56 or 24 by type).
        DirectBuffer idBuffer = rejectedEvent.buffer();
        int clOrdIdOffset = rejectedEvent.offset() + RejectedEventDecoder.clOrdIdEncodingOffset();
        int clOrdIdLength = AsciiFields.length(idBuffer, clOrdIdOffset, RejectedEventDecoder.clOrdIdLength());
        if (clOrdIdLength == 0 && commandOffset >= 0)
        {
            final int fieldOffset = commandClOrdIdOffset(refusedType);
            if (fieldOffset > 0)
            {
                idBuffer = commandBuffer;
                clOrdIdOffset = commandOffset + fieldOffset;
                clOrdIdLength = asciiLength(commandBuffer, clOrdIdOffset, AsciiFields.CLORDID_LENGTH);
            }
        }
        final PendingRequests.Request request = pending.take(idBuffer, clOrdIdOffset, clOrdIdLength);
        try
        {
            final RejectReason reason = RejectReason.ofCode(rejectedEvent.reason());
            final int commandType = rejectedEvent.commandType();
            if (MessageType.CANCEL == commandType || MessageType.REPLACE == commandType)
            {
                cancelRejected(session, request, commandType, refusedType, commandBuffer, commandOffset, idBuffer,
                    clOrdIdOffset, clOrdIdLength, ordStatus, reason);
            }
            else if (MessageType.MASS_CANCEL == commandType)
            {
                final FixEncoder e = session.begin(FixCodes.MsgType.ORDER_MASS_CANCEL_REPORT);
                putIdOrNone(e, FixTags.CL_ORD_ID, idBuffer, clOrdIdOffset, clOrdIdLength);
                putIdOrNone(e, FixTags.ORDER_ID, idBuffer, clOrdIdOffset, clOrdIdLength);
                e.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, null == request ? FixCodes.MassCancel.ALL_ORDERS : request.massCancelType)
                    .charValue(FixTags.MASS_CANCEL_RESPONSE, FixCodes.MassCancel.RESPONSE_REJECTED)
                    .longValue(FixTags.TOTAL_AFFECTED_ORDERS, 0)
                    .longValue(FixTags.MASS_CANCEL_REJECT_REASON, FixCodes.MassCancel.REJECT_OTHER);
                reasonText(e, reason);
                session.send();
            }
            else
            {
                orderRejected(session, request, refusedType, commandBuffer, commandOffset, idBuffer, clOrdIdOffset,
                    clOrdIdLength, seq, eventIndex, timeNs, reason);
            }
        }
        finally
        {
            pending.release(request);
        }
    }

    private void cancelRejected(
        final SessionHandle session, final PendingRequests.Request request, final int commandType, final int refusedType,
        final DirectBuffer commandBuffer, final int commandOffset, final DirectBuffer idBuffer, final int clOrdIdOffset,
        final int clOrdIdLength, final char ordStatus, final RejectReason reason)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.ORDER_CANCEL_REJECT);
        ReportFields.putOrderId(e, rejectedEvent.orderId());
        putIdOrNone(e, FixTags.CL_ORD_ID, idBuffer, clOrdIdOffset, clOrdIdLength);
        final boolean known = null != request && !request.origClOrdId.isEmpty();
        if (known)
        {
            request.origClOrdId.put(e, FixTags.ORIG_CL_ORD_ID);
        }
        else if (MessageType.CANCEL == refusedType)
        {
            final int orig = Codecs.wrap(cancel, commandBuffer, commandOffset).offset() +
                CancelCommandDecoder.origClOrdIdEncodingOffset();
            e.bytes(FixTags.ORIG_CL_ORD_ID, commandBuffer, orig,
                asciiLength(commandBuffer, orig, CancelCommandDecoder.origClOrdIdLength()));
        }
        else if (MessageType.REPLACE == refusedType)
        {
            final int orig = Codecs.wrap(replace, commandBuffer, commandOffset).offset() +
                ReplaceCommandDecoder.origClOrdIdEncodingOffset();
            e.bytes(FixTags.ORIG_CL_ORD_ID, commandBuffer, orig,
                asciiLength(commandBuffer, orig, ReplaceCommandDecoder.origClOrdIdLength()));
        }
        else
        {
            e.string(FixTags.ORIG_CL_ORD_ID, FixCodes.NONE);
        }
        e.charValue(FixTags.ORD_STATUS, ordStatus)
            .string(FixTags.ACCOUNT, config.participant())
            .charValue(FixTags.CXL_REJ_RESPONSE_TO,
                MessageType.CANCEL == commandType ? FixCodes.CxlRej.RESPONSE_TO_CANCEL : FixCodes.CxlRej.RESPONSE_TO_REPLACE)
            .longValue(FixTags.CXL_REJ_REASON, FixCodes.cxlRejReason(reason));
        reasonText(e, reason);
        session.send();
    }

    private void orderRejected(
        final SessionHandle session, final PendingRequests.Request request, final int refusedType,
        final DirectBuffer commandBuffer, final int commandOffset, final DirectBuffer idBuffer, final int clOrdIdOffset,
        final int clOrdIdLength, final long seq, final int eventIndex, final long timeNs, final RejectReason reason)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
        ReportFields.putOrderId(e, rejectedEvent.orderId());
        putIdOrNone(e, FixTags.CL_ORD_ID, idBuffer, clOrdIdOffset, clOrdIdLength);
        // A matcher reject is a journaled event like any other: its ExecID names the record and event.
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).endField();
        e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.REJECTED).charValue(FixTags.ORD_STATUS, OrdStatus.REJECTED)
            .longValue(FixTags.ORD_REJ_REASON, FixCodes.ordRejReason(reason))
            .string(FixTags.ACCOUNT, config.participant());
        if (MessageType.NEW_ORDER == refusedType)
        {
            // The refused command itself: right even when the gateway has forgotten the request.
            final int symbol = Codecs.wrap(newOrder, commandBuffer, commandOffset).offset() +
                NewOrderCommandDecoder.productIdEncodingOffset();
            e.bytes(FixTags.SYMBOL, commandBuffer, symbol,
                asciiLength(commandBuffer, symbol, NewOrderCommandDecoder.productIdLength()))
                .charValue(FixTags.SIDE, FixCodes.fixSide(newOrder.side()))
                .longValue(FixTags.ORDER_QTY, newOrder.qty());
        }
        else
        {
            if (null == request || request.symbol.isEmpty())
            {
                e.string(FixTags.SYMBOL, FixCodes.NONE);
            }
            else
            {
                request.symbol.put(e, FixTags.SYMBOL);
            }
            e.charValue(FixTags.SIDE, null == request || request.fixSide == 0 ? FixCodes.fixSide(Codes.Side.BUY) : request.fixSide);
            if (null != request && request.orderQty > 0)
            {
                e.longValue(FixTags.ORDER_QTY, request.orderQty);
            }
        }
        e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
            .timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        reasonText(e, reason);
        session.send();
    }

    private void onMassCancelled(final SessionHandle session)
    {
        final DirectBuffer eventBuffer = massCancelledEvent.buffer();
        final int clOrdIdOffset = massCancelledEvent.offset() + MassCancelledEventDecoder.clOrdIdEncodingOffset();
        final int clOrdIdLength = asciiLength(eventBuffer, clOrdIdOffset, AsciiFields.CLORDID_LENGTH);
        final PendingRequests.Request request = pending.take(eventBuffer, clOrdIdOffset, clOrdIdLength);
        final char type = null != request ? request.massCancelType :
            massCancelledEvent.product() < 0 ? FixCodes.MassCancel.ALL_ORDERS : FixCodes.MassCancel.BY_SECURITY;
        pending.release(request);
        final FixEncoder e = session.begin(FixCodes.MsgType.ORDER_MASS_CANCEL_REPORT);
        putIdOrNone(e, FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
        putIdOrNone(e, FixTags.ORDER_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
        // MassCancelResponse (531) repeats the request's type when it was done
        e.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, type)
            .charValue(FixTags.MASS_CANCEL_RESPONSE, type)
            .longValue(FixTags.TOTAL_AFFECTED_ORDERS, massCancelledEvent.cancelledCount());
        session.send();
    }

    private void reasonText(final FixEncoder e, final RejectReason reason)
    {
        e.tag(FixTags.TEXT);
        if (null == reason)
        {
            e.append("REJECTED_").append(rejectedEvent.reason()).append(": rejected by the exchange");
        }
        else
        {
            e.append(reason.name()).append(": ").append(reason.text());
        }
        e.endField();
    }

    private static int commandClOrdIdOffset(final int commandType)
    {
        switch (commandType)
        {
            case MessageType.NEW_ORDER: return NewOrderCommandDecoder.clOrdIdEncodingOffset();
            case MessageType.CANCEL: return CancelCommandDecoder.clOrdIdEncodingOffset();
            case MessageType.REPLACE: return ReplaceCommandDecoder.clOrdIdEncodingOffset();
            case MessageType.MASS_CANCEL: return MassCancelCommandDecoder.clOrdIdEncodingOffset();
            default: return -1;
        }
    }

    /** FIX forbids empty values: an id the exchange did not give is sent as NONE. */
    private static void putIdOrNone(
        final FixEncoder e, final int tag, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > 0)
        {
            e.bytes(tag, buffer, offset, length);
        }
        else
        {
            e.string(tag, FixCodes.NONE);
        }
    }

    static int asciiLength(final DirectBuffer buffer, final int offset, final int max)
    {
        for (int i = 0; i < max; i++)
        {
            if (buffer.getByte(offset + i) == 0)
            {
                return i;
            }
        }
        return max;
    }
}
