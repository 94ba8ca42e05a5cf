package io.databourse.gateway.trading;

import io.databourse.journal.schema.MessageType;

/**
 * FIX OrdStatus (39) of an order after one of the matcher's events: the one place the gateway maps
 * the matcher's order state to FIX, for execution reports and for order status answers alike.
 */
final class OrdStatus
{
    static final char NEW = '0';
    static final char PARTIALLY_FILLED = '1';
    static final char FILLED = '2';
    static final char CANCELED = '4';
    static final char REJECTED = '8';
    static final char EXPIRED = 'C';

    private OrdStatus()
    {
    }

    /** After an order event (accepted, replaced, cancelled, expired) that left it with these quantities. */
    static char afterOrderEvent(final int eventType, final long leavesQty, final long cumQty)
    {
        switch (eventType)
        {
            case MessageType.ORDER_ACCEPTED:
                return cumQty > 0 ? PARTIALLY_FILLED : NEW;
            case MessageType.ORDER_REPLACED:
                return leavesQty == 0 ? FILLED : cumQty > 0 ? PARTIALLY_FILLED : NEW;
            case MessageType.ORDER_EXPIRED:
                return EXPIRED;
            case MessageType.ORDER_CANCELLED:
                return CANCELED;
            default:
                throw new IllegalArgumentException("not an order event: " + eventType);
        }
    }

    /** After a fill that left leavesQty open. */
    static char afterFill(final long leavesQty)
    {
        assert leavesQty >= 0 : leavesQty;
        return leavesQty == 0 ? FILLED : PARTIALLY_FILLED;
    }

    /** True when no further event can change the order. */
    static boolean isDone(final char ordStatus)
    {
        return ordStatus == FILLED || ordStatus == CANCELED || ordStatus == EXPIRED || ordStatus == REJECTED;
    }
}
