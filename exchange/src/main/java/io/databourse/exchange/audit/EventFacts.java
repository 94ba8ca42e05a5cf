package io.databourse.exchange.audit;

import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.sbe.EntitlementDrawnEventDecoder;
import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.PledgeEventDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;

import org.agrona.DirectBuffer;

/**
 * Whom and what an event is about, by participant and product index, read from the event itself:
 * the filters of the audit commands. An event type not listed here is about nobody in particular
 * (the end of a day, a fee schedule).
 */
final class EventFacts
{
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final ReferenceDataEventDecoder referenceData = new ReferenceDataEventDecoder();
    private final ProductStatusEventDecoder productStatus = new ProductStatusEventDecoder();
    private final CashEventDecoder cash = new CashEventDecoder();
    private final InventoryEventDecoder inventory = new InventoryEventDecoder();
    private final MassCancelledEventDecoder massCancelled = new MassCancelledEventDecoder();
    private final UsageEventDecoder usage = new UsageEventDecoder();
    private final EntitlementDrawnEventDecoder drawn = new EntitlementDrawnEventDecoder();
    private final PledgeEventDecoder pledge = new PledgeEventDecoder();

    /** Whether participant {@code p} acts in the event, owns what it is about, or is its counterparty. */
    boolean involves(final int type, final DirectBuffer buffer, final int offset, final int p)
    {
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_REPLACED:
            case MessageType.ORDER_EXPIRED:
                Codecs.wrap(order, buffer, offset);
                return order.participant() == p;
            case MessageType.TRADE:
                Codecs.wrap(trade, buffer, offset);
                return trade.buyer() == p || trade.seller() == p;
            case MessageType.REJECTED:
                Codecs.wrap(rejected, buffer, offset);
                return rejected.participant() == p;
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
            case MessageType.PRODUCT_REGISTERED:
            case MessageType.CAPACITY_REGISTERED:
                Codecs.wrap(referenceData, buffer, offset);
                return referenceData.participant() == p;
            case MessageType.PRODUCT_STATUS_CHANGED:
                Codecs.wrap(productStatus, buffer, offset);
                return productStatus.actor() == p;
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
                Codecs.wrap(cash, buffer, offset);
                return cash.participant() == p;
            case MessageType.INVENTORY_ADDED:
                Codecs.wrap(inventory, buffer, offset);
                return inventory.participant() == p;
            case MessageType.MASS_CANCELLED:
                Codecs.wrap(massCancelled, buffer, offset);
                return massCancelled.participant() == p;
            case MessageType.USAGE_RECORDED:
                Codecs.wrap(usage, buffer, offset);
                return usage.participant() == p || usage.reporter() == p;
            case MessageType.ENTITLEMENT_DRAWN:
                Codecs.wrap(drawn, buffer, offset);
                return drawn.participant() == p;
            case MessageType.PLEDGE_REGISTERED:
            case MessageType.PLEDGE_RELEASED:
                Codecs.wrap(pledge, buffer, offset);
                return pledge.participant() == p || pledge.lender() == p;
            default:
                return false;
        }
    }

    /** The product the event is about, or -1. */
    int product(final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_REPLACED:
            case MessageType.ORDER_EXPIRED:
                Codecs.wrap(order, buffer, offset);
                return order.product();
            case MessageType.TRADE:
                Codecs.wrap(trade, buffer, offset);
                return trade.product();
            case MessageType.PRODUCT_REGISTERED:
            case MessageType.CAPACITY_REGISTERED:
            case MessageType.PRODUCT_SNAPSHOT:
                Codecs.wrap(referenceData, buffer, offset);
                return referenceData.product();
            case MessageType.PRODUCT_STATUS_CHANGED:
                Codecs.wrap(productStatus, buffer, offset);
                return productStatus.product();
            case MessageType.INVENTORY_ADDED:
                Codecs.wrap(inventory, buffer, offset);
                return inventory.product();
            case MessageType.MASS_CANCELLED:
                Codecs.wrap(massCancelled, buffer, offset);
                return massCancelled.product();
            case MessageType.USAGE_RECORDED:
                Codecs.wrap(usage, buffer, offset);
                return usage.product();
            case MessageType.ENTITLEMENT_DRAWN:
                Codecs.wrap(drawn, buffer, offset);
                return drawn.product();
            case MessageType.PLEDGE_REGISTERED:
            case MessageType.PLEDGE_RELEASED:
                Codecs.wrap(pledge, buffer, offset);
                return pledge.product();
            default:
                return -1;
        }
    }

    OrderEventDecoder order(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(order, buffer, offset);
        return order;
    }

    TradeEventDecoder trade(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(trade, buffer, offset);
        return trade;
    }

    RejectedEventDecoder rejected(final DirectBuffer buffer, final int offset)
    {
        return Codecs.wrap(rejected, buffer, offset);
    }
}
