package io.databourse.gateway.trading;

import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.Flyweight;
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

    // Asked (session thread).
    TradingApplication application;
    int kind;
    long number;
    SessionHandle askedOn;
    String participantId;
    long orderId;
    /** STATUS: the ClOrdID asked for; CANCEL_REJECT: the request's own ClOrdID. */
    final AsciiId clOrdId = new AsciiId(Flyweight.CLORDID_LENGTH);
    /** CANCEL_REJECT: the order the request named. */
    final AsciiId origClOrdId = new AsciiId(Flyweight.CLORDID_LENGTH);
    final AsciiId symbol = new AsciiId(Flyweight.PRODUCT_ID_LENGTH);
    char fixSide;
    boolean isReplace;
    int cxlRejReason;
    String text;

    // Answered (event thread): a copy of the order as the view holds it, when found.
    boolean found;
    final OrderView.Order order = new OrderView.Order();

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
        found = false;
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
