package io.databourse.gateway.trading;

import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.AsciiFields;
import org.agrona.DirectBuffer;

/**
 * A session's question about one of its participant's orders, answered from the {@link OrderView}
 * on the event thread (the view's only thread) and handed back to the session's thread in order
 * with the session's execution reports. Pooled by the asking application: it travels session
 * thread → event thread → session thread, owned by one thread at a time.
 */
final class OrderQuery
{
    /** OrderStatusRequest: answered with ExecutionReport 150=I. */
    static final int STATUS = 1;
    /** A cancel or replace the gateway refuses itself: OrderCancelReject with the order's OrdStatus. */
    static final int CANCEL_REJECT = 2;
    /** OrderMassStatusRequest: one ExecutionReport 150=I per live order of the participant (or none). */
    static final int MASS_STATUS = 3;
    /** Live orders one OrderMassStatusRequest is answered with at most (oldest first). */
    static final int MASS_STATUS_ORDERS_MAX = 1_000;

    // Asked (session thread).
    TradingApplication application;
    int kind;
    long number;
    SessionHandle askedOn;
    String participantId;
    long orderId;
    /** STATUS: the ClOrdID asked for; CANCEL_REJECT: the request's own ClOrdID. */
    final AsciiId clOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
    /** CANCEL_REJECT: the order the request named. */
    final AsciiId origClOrdId = new AsciiId(AsciiFields.CLORDID_LENGTH);
    final AsciiId symbol = new AsciiId(AsciiFields.PRODUCT_ID_LENGTH);
    char fixSide;
    boolean isReplace;
    int cxlRejReason;
    String text;
    /** MASS_STATUS: MassStatusReqID (584), MassStatusReqType (585), the product asked about or -1 for all. */
    String massStatusReqId;
    int massStatusReqType;
    int product;

    // Answered (event thread): a copy of the order as the view holds it, when found.
    boolean found;
    final OrderView.Order order = new OrderView.Order();
    /**
     * MASS_STATUS: copies of the live orders (the first {@link #liveCopied}), and how many are live
     * in all (-1: not known, the views could not be asked).
     */
    final java.util.ArrayList<OrderView.Order> liveOrders = new java.util.ArrayList<>();
    int liveCopied;
    int liveInAll;

    void clear()
    {
        askedOn = null;
        participantId = null;
        orderId = 0;
        clOrdId.clear();
        origClOrdId.clear();
        symbol.clear();
        fixSide = 0;
        isReplace = false;
        cxlRejReason = 0;
        text = null;
        massStatusReqId = null;
        massStatusReqType = 0;
        product = -1;
        found = false;
        liveCopied = 0;
        liveInAll = 0;
    }

    /** Sets a field from a message's value, or leaves it empty when absent or too long. */
    static void copy(final AsciiId into, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!into.set(buffer, offset, length))
        {
            into.clear();
        }
    }

    /** Answers from the view (event thread): finds the order by id, else by the ClOrdID the kind names. */
    void answer(final OrderView view)
    {
        final int participant = view.participantIndex(participantId);
        if (MASS_STATUS == kind)
        {
            liveInAll = participant < 0 ? 0 : view.copyLiveOrders(participant, product, liveOrders, MASS_STATUS_ORDERS_MAX);
            liveCopied = Math.min(liveInAll, MASS_STATUS_ORDERS_MAX);
            return;
        }
        OrderView.Order known = null;
        if (participant >= 0)
        {
            if (orderId > 0)
            {
                known = view.byOrderId(participant, orderId);
            }
            final AsciiId byId = STATUS == kind ? clOrdId : origClOrdId;
            if (null == known && !byId.isEmpty())
            {
                known = view.byClOrdId(participant, byId);
            }
        }
        found = null != known;
        if (found)
        {
            known.copyTo(order);
        }
    }
}
