package io.databourse.matcher.reference;

import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.CashEventDecoder;
import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.DayEndedEventDecoder;
import io.databourse.journal.sbe.EntitlementDrawnEventDecoder;
import io.databourse.journal.sbe.EntitlementEventDecoder;
import io.databourse.journal.sbe.FeeScheduleEventDecoder;
import io.databourse.journal.sbe.InventoryEventDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;

import org.agrona.DirectBuffer;

/** Decodes events laid back to back (each with the {@link RecordHeader}) into {@link Ev} values. */
public final class EventDecoder
{
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final CashEventDecoder cash = new CashEventDecoder();
    private final ReferenceDataEventDecoder refData = new ReferenceDataEventDecoder();
    private final InventoryEventDecoder inventory = new InventoryEventDecoder();
    private final MassCancelledEventDecoder massCancelled = new MassCancelledEventDecoder();
    private final DayEndedEventDecoder dayEnded = new DayEndedEventDecoder();
    private final FeeScheduleEventDecoder feesSet = new FeeScheduleEventDecoder();
    private final ProductStatusEventDecoder productStatus = new ProductStatusEventDecoder();
    private final ComplianceEventDecoder compliance = new ComplianceEventDecoder();
    private final EntitlementEventDecoder entitlement = new EntitlementEventDecoder();
    private final UsageEventDecoder usage = new UsageEventDecoder();
    private final EntitlementDrawnEventDecoder drawn = new EntitlementDrawnEventDecoder();

    public List<Ev> decode(final DirectBuffer buffer, final int offset, final int length, final int count)
    {
        final List<Ev> events = new ArrayList<>(count);
        int at = offset;
        final int end = offset + length;
        while (at < end)
        {
            final int eventLength = RecordHeader.lengthAt(buffer, at);
            if (eventLength < RecordHeader.ENCODED_LENGTH || at + eventLength > end)
            {
                throw new IllegalStateException("bad event length " + eventLength + " at " + (at - offset) +
                    " of " + length);
            }
            events.add(decodeOne(buffer, at, eventLength));
            at += eventLength;
        }
        if (events.size() != count)
        {
            throw new IllegalStateException("eventCount " + count + " but decoded " + events.size() + ": " + events);
        }
        return events;
    }

    public Ev decodeOne(final DirectBuffer buffer, final int at, final int eventLength)
    {
        final int type = RecordHeader.typeAt(buffer, at);
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
            {
                final OrderEventDecoder e = Codecs.wrap(order, buffer, at);
                return new Ev.Order(type, e.orderId(), e.participant(), e.product(), e.clOrdId(), e.origClOrdId(),
                    e.side(), e.ordType(), e.tif(), e.postOnly() == Bool.TRUE, e.stp(), e.reason(), e.priorityKept() == Bool.TRUE,
                    e.priceFen(), e.orderQty(), e.leavesQty(), e.cumQty(), e.cumNotionalFen(), e.header().sessionId(), e.purpose(),
                    e.reservedFen());
            }
            case MessageType.TRADE:
            {
                final TradeEventDecoder e = Codecs.wrap(trade, buffer, at);
                return new Ev.Trade(e.tradeId(), e.product(), e.aggressorSide(), e.priceFen(), e.qty(),
                    e.buyOrderId(), e.sellOrderId(), e.buyer(), e.seller(), e.buyClOrdId(), e.sellClOrdId(),
                    e.buyLeavesQty(), e.sellLeavesQty(), e.buyCumQty(), e.sellCumQty(),
                    e.buyCumNotionalFen(), e.sellCumNotionalFen(), e.buyOrderQty(), e.sellOrderQty(),
                    e.buySessionId(), e.sellSessionId(), e.buyFeeFen(), e.sellFeeFen(), e.crossBorderRecords(),
                    e.crossBorderYear(), e.buyReservedFen());
            }
            case MessageType.REJECTED:
            {
                final RejectedEventDecoder e = rejected;
                Codecs.wrap(e, buffer, at);
                return new Ev.Rejected(e.commandType(), e.reason(), e.participant(), e.clOrdId(), e.orderId(),
                    e.header().sessionId(), e.productId());
            }
            case MessageType.CASH_DEPOSITED:
            case MessageType.CASH_WITHDRAWN:
            {
                final CashEventDecoder e = cash;
                Codecs.wrap(e, buffer, at);
                return new Ev.Cash(type, e.participant(), e.amountFen(), e.availableFen(), e.reservedFen());
            }
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
            case MessageType.PRODUCT_REGISTERED:
            case MessageType.CAPACITY_REGISTERED:
            {
                final ReferenceDataEventDecoder e = refData;
                Codecs.wrap(e, buffer, at);
                return new Ev.RefData(type, e.participant(), e.product(), e.qty(), e.availableQty(), e.owner(),
                    e.reviewer());
            }
            case MessageType.INVENTORY_ADDED:
            {
                final InventoryEventDecoder e = inventory;
                Codecs.wrap(e, buffer, at);
                return new Ev.Inventory(e.participant(), e.product(), e.qty(), e.availableQty());
            }
            case MessageType.MASS_CANCELLED:
            {
                final MassCancelledEventDecoder e = massCancelled;
                Codecs.wrap(e, buffer, at);
                return new Ev.MassCancelled(e.participant(), e.product(), e.cancelledCount(), e.side(), e.clOrdId());
            }
            case MessageType.DAY_ENDED:
            {
                final DayEndedEventDecoder e = Codecs.wrap(dayEnded, buffer, at);
                return new Ev.DayEnded(e.expiredCount());
            }
            case MessageType.FEES_SET:
            {
                final FeeScheduleEventDecoder e = Codecs.wrap(feesSet, buffer, at);
                return new Ev.FeesSet(e.kind(), e.makerBps(), e.takerBps());
            }
            case MessageType.PRODUCT_STATUS_CHANGED:
            {
                final ProductStatusEventDecoder e = productStatus;
                Codecs.wrap(e, buffer, at);
                return new Ev.ProductStatus(e.product(), e.fromStatus(), e.toStatus(), e.actor(), e.note());
            }
            case MessageType.PRODUCT_REVIEWED:
            case MessageType.PRODUCT_SPONSORED:
            case MessageType.CROSS_BORDER_FILED:
            case MessageType.CROSS_BORDER_APPROVED:
            {
                final ComplianceEventDecoder e = compliance;
                Codecs.wrap(e, buffer, at);
                return new Ev.Compliance(type, e.product(), e.participant(), e.actor(), e.decision(), e.grade(),
                    e.personalInfo() == Bool.TRUE, e.fromStatus(), e.toStatus(), e.requestId(), e.note());
            }
            case MessageType.ENTITLEMENT_GRANTED:
            {
                final EntitlementEventDecoder e = entitlement;
                Codecs.wrap(e, buffer, at);
                return new Ev.Entitlement(e.participant(), e.product(), e.tradeId(), e.units(), e.expiryNs(), e.seats(),
                    e.fromParticipant(), e.rights(), e.purpose(), e.header().sessionId());
            }
            case MessageType.ENTITLEMENT_DRAWN:
            {
                final EntitlementDrawnEventDecoder e = Codecs.wrap(drawn, buffer, at);
                return new Ev.Drawn(e.participant(), e.product(), e.tradeId(), e.units(), e.expiryNs(), e.purpose(),
                    e.header().sessionId());
            }
            case MessageType.USAGE_RECORDED:
            {
                final UsageEventDecoder e = usage;
                Codecs.wrap(e, buffer, at);
                return new Ev.Usage(e.participant(), e.product(), e.reporter(), e.units(), e.remainingUnits(),
                    e.usageId(), e.purpose());
            }
            default:
                return new Ev.Other(type, eventLength);
        }
    }
}
