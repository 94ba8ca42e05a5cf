package io.databourse.gateway.trading;

import java.util.ArrayDeque;

import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;

/**
 * A session's questions about its participant's orders, asked of the {@link ExchangeViews} (whose
 * order view only the event thread reads) and answered on the session's thread in order with its
 * reports: OrderStatusRequest (ExecutionReport 150=I), OrderMassStatusRequest (150=I for each
 * live order) and the cancels and replaces the gateway refuses itself (OrderCancelReject, with
 * the order's OrdStatus). Questions are pooled; at most
 * {@link #IN_FLIGHT_MAX} are out at once, beyond which a status request is refused and a cancel
 * reject goes out without the order's state.
 */
final class OrderQuestions
{
    static final int IN_FLIGHT_MAX = 256;

    private final TradingApplication application;
    private final SessionConfig config;
    private final ExchangeViews views;
    private final ProductDirectory products;
    private final LocalExecIds localExecIds;
    private final OneToOneConcurrentArrayQueue<OrderQuery> answers = new OneToOneConcurrentArrayQueue<>(IN_FLIGHT_MAX);
    private final ArrayDeque<OrderQuery> free = new ArrayDeque<>();
    private int inFlight;
    private long number;

    OrderQuestions(
        final TradingApplication application,
        final SessionConfig config,
        final ExchangeViews views,
        final ProductDirectory products,
        final LocalExecIds localExecIds)
    {
        this.application = application;
        this.config = config;
        this.views = views;
        this.products = products;
        this.localExecIds = localExecIds;
    }

    /** OrderStatusRequest (session thread). */
    void status(final SessionHandle session, final FixMessage m)
    {
        final OrderQuery query = newQuery(session, OrderQuery.STATUS);
        if (null == query)
        {
            session.sendBusinessReject(m, FixCodes.BusinessReject.OTHER, "Gateway busy: order status not available now, retry");
            return;
        }
        query.orderId = m.has(FixTags.ORDER_ID) ? Math.max(0, m.longValue(FixTags.ORDER_ID)) : 0;
        copyInto(query.clOrdId, m, FixTags.CL_ORD_ID);
        copyInto(query.symbol, m, FixTags.SYMBOL);
        query.fixSide = (char)Math.max(0, m.charValue(FixTags.SIDE));
        ask(session, query);
    }

    /**
     * OrderMassStatusRequest (35=AF, session thread): the participant's live orders, all (585=7)
     * or of one security (585=1), each as an ExecutionReport 150=I carrying MassStatusReqID (584),
     * TotNumReports (911) and, on the last, LastRptRequested (912=Y); with no live order, one
     * report saying so. Answered from the views, in order with the session's reports, like 35=H.
     */
    void massStatus(final SessionHandle session, final FixMessage m)
    {
        final String reqId = m.stringValue(FixTags.MASS_STATUS_REQ_ID);
        final long type = m.has(FixTags.MASS_STATUS_REQ_TYPE) ? m.longValue(FixTags.MASS_STATUS_REQ_TYPE) : -1;
        if (type != FixCodes.MassStatus.ALL_ORDERS && type != FixCodes.MassStatus.BY_SECURITY)
        {
            session.sendBusinessReject(m, FixCodes.BusinessReject.OTHER,
                "MassStatusReqType must be 1 (security) or 7 (all orders)");
            return;
        }
        int product = -1;
        if (type == FixCodes.MassStatus.BY_SECURITY)
        {
            final ProductDirectory.Product p = m.has(FixTags.SYMBOL) ? products.byId(m.stringValue(FixTags.SYMBOL)) : null;
            if (null == p)
            {
                session.sendBusinessReject(m, FixCodes.BusinessReject.OTHER,
                    "MassStatusReqType 1 needs the Symbol of a listed product");
                return;
            }
            product = p.index;
        }
        final OrderQuery query = newQuery(session, OrderQuery.MASS_STATUS);
        if (null == query)
        {
            session.sendBusinessReject(m, FixCodes.BusinessReject.OTHER, "Gateway busy: order status not available now, retry");
            return;
        }
        query.massStatusReqId = reqId;
        query.massStatusReqType = (int)type;
        query.product = product;
        ask(session, query);
    }

    /** A cancel or replace refused by the gateway (session thread). */
    void cancelReject(
        final SessionHandle session, final FixMessage m, final long orderId, final boolean isReplace, final int reason,
        final String text)
    {
        OrderQuery query = newQuery(session, OrderQuery.CANCEL_REJECT);
        final boolean asking = null != query;
        if (!asking)
        {
            query = new OrderQuery();
            query.clear();
            query.kind = OrderQuery.CANCEL_REJECT;
        }
        query.orderId = orderId;
        copyInto(query.clOrdId, m, FixTags.CL_ORD_ID);
        copyInto(query.origClOrdId, m, FixTags.ORIG_CL_ORD_ID);
        query.isReplace = isReplace;
        query.cxlRejReason = reason;
        query.text = text;
        if (asking)
        {
            ask(session, query);
        }
        else
        {
            // Too many questions out: answer now, without the order's state.
            answer(session, query);
        }
    }

    /** The views answered (event thread): the answer waits for the session's thread. */
    void onAnswered(final OrderQuery query)
    {
        final boolean queued = answers.offer(query);
        assert queued : "more order questions in flight than a session may ask";
    }

    /** The answer to question {@code upTo} is due (session thread, in order with the session's reports). */
    void deliver(final SessionHandle session, final long upTo)
    {
        OrderQuery query;
        while (null != (query = answers.poll()))
        {
            inFlight--;
            // Asked on an earlier connection of this session: that client is gone, and so is its question.
            if (query.askedOn == session && query.number == upTo)
            {
                answer(session, query);
            }
            free.add(query);
            if (query.number >= upTo)
            {
                return;
            }
        }
    }

    private OrderQuery newQuery(final SessionHandle session, final int kind)
    {
        if (inFlight >= IN_FLIGHT_MAX)
        {
            return null;
        }
        OrderQuery query = free.poll();
        if (null == query)
        {
            query = new OrderQuery();
        }
        query.clear();
        query.application = application;
        query.kind = kind;
        query.askedOn = session;
        query.participantId = config.participant();
        return query;
    }

    private void ask(final SessionHandle session, final OrderQuery query)
    {
        query.number = ++number;
        if (views.requestOrderQuery(query))
        {
            inFlight++;
            return;
        }
        // The views' queue is full: answer now, without the order's state.
        query.found = false;
        query.liveInAll = -1;
        answer(session, query);
        free.add(query);
    }

    private static void copyInto(final AsciiId into, final FixMessage m, final int tag)
    {
        final int i = m.indexOf(tag);
        if (i >= 0)
        {
            OrderQuery.copy(into, m.buffer(), m.valueOffsetAt(i), m.valueLengthAt(i));
        }
    }

    private void answer(final SessionHandle session, final OrderQuery query)
    {
        switch (query.kind)
        {
            case OrderQuery.STATUS -> status(session, query);
            case OrderQuery.MASS_STATUS -> massStatus(session, query);
            default -> cancelReject(session, query);
        }
    }

    private void massStatus(final SessionHandle session, final OrderQuery query)
    {
        if (0 == query.liveCopied)
        {
            final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
            e.string(FixTags.ORDER_ID, FixCodes.NONE);
            localExecIds.put(e);
            // Side is required of every ExecutionReport: no order, so the report's is nominal.
            e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.ORDER_STATUS).charValue(FixTags.ORD_STATUS, OrdStatus.REJECTED)
                .charValue(FixTags.SIDE, FixCodes.fixSide(io.databourse.journal.schema.Codes.Side.BUY))
                .longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
                .string(FixTags.ACCOUNT, config.participant())
                .string(FixTags.MASS_STATUS_REQ_ID, query.massStatusReqId)
                .longValue(FixTags.TOT_NUM_REPORTS, 0).charValue(FixTags.LAST_RPT_REQUESTED, 'Y')
                .string(FixTags.TEXT, query.liveInAll < 0 ? "Gateway busy: order status not available now, retry" :
                    "No open orders");
            session.send();
            return;
        }
        for (int i = 0; i < query.liveCopied; i++)
        {
            final OrderView.Order order = query.liveOrders.get(i);
            final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
            orderFields(e, order, null);
            e.string(FixTags.ACCOUNT, config.participant())
                .string(FixTags.MASS_STATUS_REQ_ID, query.massStatusReqId)
                .longValue(FixTags.TOT_NUM_REPORTS, query.liveCopied);
            if (i == query.liveCopied - 1)
            {
                e.charValue(FixTags.LAST_RPT_REQUESTED, 'Y');
                if (query.liveInAll > query.liveCopied)
                {
                    e.tag(FixTags.TEXT).append("The oldest ").append(query.liveCopied).append(" of ")
                        .append(query.liveInAll).append(" open orders: ask by Symbol (585=1) for the others").endField();
                }
            }
            session.send();
        }
    }

    /** OrderID to AvgPx of an order as the view has it, for a 150=I report. */
    private void orderFields(final FixEncoder e, final OrderView.Order order, final AsciiId symbolAsked)
    {
        e.longValue(FixTags.ORDER_ID, order.orderId);
        order.clOrdId.put(e, FixTags.CL_ORD_ID);
        localExecIds.put(e);
        e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.ORDER_STATUS).charValue(FixTags.ORD_STATUS, order.ordStatus);
        ReportFields.putSymbol(e, products, order.product, symbolAsked);
        e.charValue(FixTags.SIDE, FixCodes.fixSide(order.side))
            .longValue(FixTags.ORDER_QTY, order.orderQty)
            .charValue(FixTags.ORD_TYPE, FixCodes.fixOrdType(order.ordType));
        if (order.priceFen > 0)
        {
            e.decimal(FixTags.PRICE, order.priceFen, 2);
        }
        e.charValue(FixTags.TIME_IN_FORCE, FixCodes.fixTif(order.tif))
            .longValue(FixTags.LEAVES_QTY, order.leavesQty).longValue(FixTags.CUM_QTY, order.cumQty);
        ReportFields.avgPx(e, order.cumNotionalFen, order.cumQty);
    }

    private void status(final SessionHandle session, final OrderQuery query)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.EXECUTION_REPORT);
        if (!query.found)
        {
            e.string(FixTags.ORDER_ID, FixCodes.NONE);
            if (!query.clOrdId.isEmpty())
            {
                query.clOrdId.put(e, FixTags.CL_ORD_ID);
            }
            localExecIds.put(e);
            e.charValue(FixTags.EXEC_TYPE, FixCodes.ExecType.ORDER_STATUS).charValue(FixTags.ORD_STATUS, OrdStatus.REJECTED);
            if (!query.symbol.isEmpty())
            {
                query.symbol.put(e, FixTags.SYMBOL);
            }
            if (query.fixSide > 0)
            {
                e.charValue(FixTags.SIDE, query.fixSide);
            }
            e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
                .string(FixTags.TEXT, "Unknown order: not an order of this participant, or done before the " +
                "gateway's most recent done orders it keeps");
        }
        else
        {
            orderFields(e, query.order, query.symbol);
        }
        e.string(FixTags.ACCOUNT, config.participant());
        session.send();
    }

    private void cancelReject(final SessionHandle session, final OrderQuery query)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.ORDER_CANCEL_REJECT);
        ReportFields.putOrderId(e, query.found ? query.order.orderId : query.orderId);
        ReportFields.putOrNone(e, FixTags.CL_ORD_ID, query.clOrdId);
        ReportFields.putOrNone(e, FixTags.ORIG_CL_ORD_ID, query.origClOrdId);
        e.charValue(FixTags.ORD_STATUS, query.found ? query.order.ordStatus : OrdStatus.REJECTED)
            .charValue(FixTags.CXL_REJ_RESPONSE_TO,
                query.isReplace ? FixCodes.CxlRej.RESPONSE_TO_REPLACE : FixCodes.CxlRej.RESPONSE_TO_CANCEL)
            .longValue(FixTags.CXL_REJ_REASON, query.cxlRejReason)
            .string(FixTags.TEXT, query.text);
        session.send();
    }
}
