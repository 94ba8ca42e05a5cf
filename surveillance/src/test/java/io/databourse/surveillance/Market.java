package io.databourse.surveillance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.InventoryEventEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.sbe.RejectedEventEncoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;

import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * A scripted market for the detector tests: each call makes the journal records the matcher would
 * (reference data, orders entered, trades, cancels, refusals), stamped with a clock the script
 * moves, and hands each record to a sink (an engine, a stage, a journal writer). Prices in fen.
 */
final class Market
{
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final byte BUY = Codes.Side.BUY;
    static final byte SELL = Codes.Side.SELL;

    private final Consumer<JournalRecord> sink;
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(new byte[1 << 16]);
    private final UnsafeBuffer command = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[1 << 15]);
    private final JournalRecord record = new JournalRecord();
    private final Long2ObjectHashMap<long[]> liveOrders = new Long2ObjectHashMap<>();
    private final List<String> productIds = new ArrayList<>();
    private int eventsLength;
    private int eventCount;
    private long seq;
    private long timeNs = T0.getEpochSecond() * 1_000_000_000L;
    private int participants;
    private long orderId;
    private long tradeId;

    Market(final Consumer<JournalRecord> sink)
    {
        this.sink = sink;
    }

    long seq()
    {
        return seq;
    }

    long timeNs()
    {
        return timeNs;
    }

    Market after(final Duration d)
    {
        timeNs += d.toNanos();
        return this;
    }

    Market at(final Instant t)
    {
        final long ns = t.getEpochSecond() * 1_000_000_000L + t.getNano();
        if (ns < timeNs)
        {
            throw new IllegalArgumentException("the script's clock never goes back");
        }
        timeNs = ns;
        return this;
    }

    private void append(final MessageEncoderFlyweight cmd)
    {
        seq++;
        JournalRecord.encode(recordBuffer, 0, seq, timeNs, cmd.buffer(), cmd.offset(), RecordHeader.lengthAt(cmd.buffer(), cmd.offset()), events, 0,
            eventsLength, eventCount);
        eventsLength = 0;
        eventCount = 0;
        sink.accept(record.wrap(recordBuffer, 0));
    }

    private int event(final int length)
    {
        final int at = eventsLength;
        eventsLength += length;
        eventCount++;
        return at;
    }

    int participant(final String id)
    {
        return participant(id, "");
    }

    /** A participant registered in a group (beneficial owner; "" for none), as the matcher's event says. */
    int participant(final String id, final String group)
    {
        final int index = participants++;
        participantEvent(MessageType.PARTICIPANT_REGISTERED, index, id, group);
        return index;
    }

    /** The matcher's update of a participant's group ("" leaves it). */
    void regroup(final int index, final String id, final String group)
    {
        participantEvent(MessageType.PARTICIPANT_UPDATED, index, id, group);
    }

    private void participantEvent(final int type, final int index, final String id, final String group)
    {
        final ParticipantCommandEncoder c = new ParticipantCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.participantId(id);
        c.group(group);
        c.roles(Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER);
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, eventsLength, type, c.buffer(), c.offset());
        e.participant(index);
        event(e.encodedLength());
        append(c);
    }

    /** A listed data product with a reference price. */
    int product(final String id, final long referencePriceFen)
    {
        return product(id, Codes.ProductKind.DATA, referencePriceFen, 0);
    }

    int computeProduct(final String id, final long referencePriceFen, final Instant windowStart)
    {
        return product(id, Codes.ProductKind.COMPUTE, referencePriceFen,
            windowStart.getEpochSecond() * 1_000_000_000L);
    }

    private int product(final String id, final byte kind, final long referencePriceFen, final long windowStartNs)
    {
        final ProductCommandEncoder c = new ProductCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.productId(id);
        c.kind(kind);
        c.status(Codes.ProductStatus.LISTED);
        c.tickFen(1);
        c.lotQty(1);
        c.bandBps(-1);
        c.referencePriceFen(referencePriceFen);
        c.windowStartNs(windowStartNs);
        c.windowEndNs(0 == windowStartNs ? 0 : windowStartNs + 3_600_000_000_000L);
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, eventsLength, MessageType.PRODUCT_REGISTERED, c.buffer(), c.offset());
        final int index = productIds.size();
        productIds.add(id);
        e.product(index);
        event(e.encodedLength());
        append(c);
        return index;
    }

    /** Units issued to a participant: inventory (or, for a compute product, node-hours). */
    void issue(final int participant, final int product, final long units)
    {
        final InventoryCommandEncoder c = new InventoryCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        final InventoryEventEncoder e = new InventoryEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.participant(participant);
        e.product(product);
        e.qty(units);
        event(e.encodedLength());
        append(c);
    }

    /** An order that rests on the book; returns its order id. */
    long rest(final int participant, final int product, final byte side, final long priceFen, final long qty)
    {
        final long id = accepted(participant, product, side, priceFen, qty);
        append(newOrderCommand(product));
        return id;
    }

    private long accepted(final int participant, final int product, final byte side, final long priceFen,
        final long qty)
    {
        final long id = ++orderId;
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, MessageType.ORDER_ACCEPTED);
        e.orderId(id).participant(participant).product(product).side(side).priceFen(priceFen).orderQty(qty)
            .leavesQty(qty);
        event(e.encodedLength());
        liveOrders.put(id, new long[]{participant, product, side, priceFen, qty});
        return id;
    }

    /** The seller's order rests, then the buyer's order takes it: the buyer is the aggressor. Returns the trade id. */
    long trade(final int seller, final int buyer, final int product, final long priceFen, final long qty)
    {
        final long sellId = rest(seller, product, SELL, priceFen, qty);
        final long buyId = accepted(buyer, product, BUY, priceFen, qty);
        final long id = tradeEvent(product, BUY, priceFen, qty, buyer, seller, buyId, sellId);
        append(newOrderCommand(product));
        liveOrders.remove(sellId);
        liveOrders.remove(buyId);
        return id;
    }

    /** The buyer's order rests, then the seller's order takes it: the seller is the aggressor. */
    long tradeSellerAggressor(final int seller, final int buyer, final int product, final long priceFen,
        final long qty)
    {
        final long buyId = rest(buyer, product, BUY, priceFen, qty);
        final long sellId = accepted(seller, product, SELL, priceFen, qty);
        final long id = tradeEvent(product, SELL, priceFen, qty, buyer, seller, buyId, sellId);
        append(newOrderCommand(product));
        liveOrders.remove(sellId);
        liveOrders.remove(buyId);
        return id;
    }

    /** Both orders rest in a call auction, then its uncross fills them: no aggressor (Side.NONE). */
    long tradeInUncross(final int seller, final int buyer, final int product, final long priceFen, final long qty)
    {
        final long sellId = rest(seller, product, SELL, priceFen, qty);
        final long buyId = rest(buyer, product, BUY, priceFen, qty);
        final long id = tradeEvent(product, Codes.Side.NONE, priceFen, qty, buyer, seller, buyId, sellId);
        append(newOrderCommand(product));
        liveOrders.remove(sellId);
        liveOrders.remove(buyId);
        return id;
    }

    private long tradeEvent(final int product, final byte aggressor, final long priceFen, final long qty,
        final int buyer, final int seller, final long buyId, final long sellId)
    {
        final TradeEventEncoder t = Codecs.encode(new TradeEventEncoder(), events, eventsLength, 0);
        final long id = ++tradeId;
        t.tradeId(id).product(product).aggressorSide(aggressor).priceFen(priceFen).qty(qty).buyOrderId(buyId)
            .sellOrderId(sellId).buyer(buyer).seller(seller);
        event(t.encodedLength());
        return id;
    }

    /** The owner cancels one of its resting orders. */
    void cancel(final long id)
    {
        cancelled(id, Codes.CancelReason.USER);
        append(newOrderCommand((int)liveOrders.get(id)[1]));
        liveOrders.remove(id);
    }

    /** The owner cancels all its resting orders in one command. */
    void massCancel(final int participant)
    {
        final List<Long> ids = new ArrayList<>();
        liveOrders.forEach((id, o) ->
        {
            if (o[0] == participant)
            {
                ids.add(id);
            }
        });
        ids.sort(Long::compare);
        for (final long id : ids)
        {
            cancelled(id, Codes.CancelReason.MASS_CANCEL);
            liveOrders.remove(id);
        }
        append(newOrderCommand(0));
    }

    private void cancelled(final long id, final byte reason)
    {
        final long[] o = liveOrders.get(id);
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, eventsLength, 0, MessageType.ORDER_CANCELLED);
        e.orderId(id).participant((int)o[0]).product((int)o[1]).side((byte)o[2]).priceFen(o[3]).orderQty(o[4])
            .leavesQty(o[4]).reason(reason);
        event(e.encodedLength());
    }

    /** A new order refused for {@code reason}. */
    void refused(final int participant, final String productId, final RejectReason reason, final String clOrdId)
    {
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 0);
        c.productId(productId);
        // as a client may send: an id too long for its field is left empty (the matcher refuses it by name)
        AsciiFields.putId(command, NewOrderCommandEncoder.clOrdIdEncodingOffset(), NewOrderCommandEncoder.clOrdIdLength(),
            clOrdId);
        final RejectedEventEncoder e = new RejectedEventEncoder();
        Codecs.encode(e, events, eventsLength, 0);
        e.commandType(MessageType.NEW_ORDER).reason(reason.code()).participant(participant);
        AsciiFields.putId(events, e.offset() + RejectedEventEncoder.clOrdIdEncodingOffset(), RejectedEventEncoder.clOrdIdLength(),
            clOrdId);
        event(e.encodedLength());
        append(c);
    }

    private NewOrderCommandEncoder newOrderCommand(final int product)
    {
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 0);
        if (product < productIds.size())
        {
            c.productId(productIds.get(product));
        }
        return c;
    }
}
