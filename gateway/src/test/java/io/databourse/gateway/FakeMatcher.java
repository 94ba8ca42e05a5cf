package io.databourse.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.sbe.RejectedEventEncoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.ReferenceDataTail;
import io.databourse.journal.schema.RejectReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Stands in for the matcher: reads commands from the command stream and answers each with a
 * hand-built JournalRecord. One product "DATA-1" (index 0); orders rest until a crossing order of
 * the same quantity arrives; an order for product "UNKNOWN" is rejected; cancels find orders by
 * participant and origClOrdId, so one participant cannot cancel another's. A product list request
 * is answered with a PRODUCT_SNAPSHOT of the product in its current {@link #productStatus}.
 */
final class FakeMatcher implements AutoCloseable
{
    static final class Resting
    {
        long orderId;
        String participant;
        String clOrdId;
        int sessionId;
        byte side;
        long priceFen;
        long qty;
    }

    final List<String> commandsSeen = new CopyOnWriteArrayList<>();
    /** Product list requests answered (kept apart from commandsSeen: the gateway sends them by itself). */
    final AtomicInteger productListRequests = new AtomicInteger();
    /** The product's status as of now: what a snapshot reports, unlike the registration's initial status. */
    volatile byte productStatus = Codes.ProductStatus.LISTED;
    static final long REFERENCE_PRICE_FEN = 1234;
    private final Subscription commands;
    private final Publication events;
    private final UnsafeBuffer commandCopy = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer eventsBuffer = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer recordBuffer = new UnsafeBuffer(new byte[8192]);
    private final NewOrderCommandDecoder newOrder = new NewOrderCommandDecoder();
    private final CancelCommandDecoder cancel = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();
    private final OrderEventEncoder orderEvent = new OrderEventEncoder();
    private final TradeEventEncoder tradeEvent = new TradeEventEncoder();
    private final RejectedEventEncoder rejected = new RejectedEventEncoder();
    private final List<Resting> book = new ArrayList<>();
    /** Participant ids by the index the fake gives them, in order of first appearance. */
    private final List<String> participants = new ArrayList<>();
    private final ProductCommandEncoder product = new ProductCommandEncoder();
    private final UnsafeBuffer productBuffer = new UnsafeBuffer(new byte[512]);
    private final ReferenceDataEventEncoder referenceData = new ReferenceDataEventEncoder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long seq;
    private long nextOrderId = 1;
    private int eventsLength;
    private int eventCount;

    FakeMatcher(final Aeron aeron, final String commandChannel, final int commandStreamId, final String eventChannel,
        final int eventStreamId)
    {
        commands = aeron.addSubscription(commandChannel, commandStreamId);
        events = aeron.addPublication(eventChannel, eventStreamId);
        final FragmentHandler handler = this::onCommand;
        thread = new Thread(() ->
        {
            while (running.get())
            {
                if (commands.poll(handler, 10) == 0)
                {
                    try
                    {
                        Thread.sleep(1);
                    }
                    catch (final InterruptedException ex)
                    {
                        return;
                    }
                }
            }
        }, "fake-matcher");
        Codecs.encode(product, productBuffer, 0, 0);
        product.productId("DATA-1");
        product.kind(Codes.ProductKind.DATA).grade(Codes.Grade.GENERAL).status(Codes.ProductStatus.LISTED);
        product.tickFen(1).lotQty(1).referencePriceFen(REFERENCE_PRICE_FEN);
    }

    /** Publishes the product and starts answering. */
    void start()
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        // Both directions connected (over UDP this takes a few status messages) before anyone trades.
        while ((!events.isConnected() || !commands.isConnected()) && System.currentTimeMillis() < deadline)
        {
            Thread.onSpinWait();
        }
        beginRecord();
        ReferenceDataTail.encode(referenceData, eventsBuffer, eventsLength, MessageType.PRODUCT_REGISTERED, product.buffer(), product.offset());
        referenceData.product(0);
        endEvent(referenceData.encodedLength());
        publish(productBuffer, 0, product.encodedLength());
        thread.start();
    }

    /**
     * Starts answering without announcing the product, as a matcher that registered it before the
     * gateway was there (or before a restart of the gateway): only a product list request reveals it.
     */
    void startWithoutAnnouncing()
    {
        thread.start();
    }

    private void beginRecord()
    {
        eventsLength = 0;
        eventCount = 0;
    }

    private void endEvent(final int length)
    {
        eventsLength += length;
        eventCount++;
    }

    /** Publish each event of a record as its own chunk with the record's seq, as the matcher does for big records. */
    volatile boolean splitRecords;

    private void publish(final DirectBuffer command, final int offset, final int length)
    {
        if (splitRecords && eventCount > 1)
        {
            ++seq;
            int at = 0;
            for (int i = 0; i < eventCount; i++)
            {
                final int eventLength = RecordHeader.lengthAt(eventsBuffer, at);
                final int recordLength = JournalRecord.encode(recordBuffer, 0, seq, System.currentTimeMillis() * 1_000_000L,
                    command, offset, length, eventsBuffer, at, eventLength, 1);
                offerRecord(recordLength);
                at += eventLength;
            }
            return;
        }
        final int recordLength = JournalRecord.encode(recordBuffer, 0, ++seq, System.currentTimeMillis() * 1_000_000L,
            command, offset, length, eventsBuffer, 0, eventsLength, eventCount);
        offerRecord(recordLength);
    }

    private void offerRecord(final int recordLength)
    {
        final long deadline = System.currentTimeMillis() + 10_000;
        while (events.offer(recordBuffer, 0, recordLength) < 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("cannot publish events");
            }
            Thread.onSpinWait();
        }
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        commandCopy.putBytes(0, buffer, offset, length);
        final int type = RecordHeader.typeAt(commandCopy, 0);
        beginRecord();
        if (MessageType.NEW_ORDER == type)
        {
            Codecs.wrap(newOrder, commandCopy, 0);
            commandsSeen.add("new " + newOrder.participantId() + " " + newOrder.header().sessionId() + " " + newOrder.clOrdId() +
                (newOrder.purpose() == 0 ? "" : " purpose=" + newOrder.purpose()));
            onNewOrder();
        }
        else if (MessageType.CANCEL == type)
        {
            Codecs.wrap(cancel, commandCopy, 0);
            commandsSeen.add("cancel " + cancel.participantId() + " " + cancel.header().sessionId() + " " + cancel.origClOrdId());
            onCancel();
        }
        else if (MessageType.REPLACE == type)
        {
            Codecs.wrap(replace, commandCopy, 0);
            commandsSeen.add("replace " + replace.participantId() + " " + replace.header().sessionId() + " " + replace.origClOrdId());
            onReplace();
        }
        else if (MessageType.PRODUCT_LIST_REQUEST == type)
        {
            productListRequests.incrementAndGet();
            ReferenceDataTail.encode(referenceData, eventsBuffer, eventsLength, MessageType.PRODUCT_SNAPSHOT, product.buffer(), product.offset());
            referenceData.product(0).qty(REFERENCE_PRICE_FEN).availableQty(productStatus);
            endEvent(referenceData.encodedLength());
        }
        else if (MessageType.MASS_CANCEL == type)
        {
            final MassCancelCommandDecoder massCancel = new MassCancelCommandDecoder();
            Codecs.wrap(massCancel, commandCopy, 0);
            commandsSeen.add("mass_cancel " + massCancel.participantId() + " " + massCancel.header().sessionId() + " " +
                massCancel.clOrdId());
            reject(type, massCancel.header().sessionId(), "", RejectReason.UNKNOWN_COMMAND);
        }
        else
        {
            commandsSeen.add("type " + type);
            reject(type, RecordHeader.typeAt(commandCopy, 0) == 0 ? 0 : commandCopy.getInt(RecordHeader.SESSION_ID_OFFSET),
                "", RejectReason.UNKNOWN_COMMAND);
        }
        publish(commandCopy, 0, length);
    }

    private void onNewOrder()
    {
        if (newOrder.productId().equals("UNKNOWN"))
        {
            reject(MessageType.NEW_ORDER, newOrder.header().sessionId(), newOrder.clOrdId(), RejectReason.UNKNOWN_PRODUCT);
            return;
        }
        final Resting incoming = new Resting();
        incoming.orderId = nextOrderId++;
        incoming.participant = newOrder.participantId();
        incoming.clOrdId = newOrder.clOrdId();
        incoming.sessionId = newOrder.header().sessionId();
        incoming.side = newOrder.side();
        incoming.priceFen = newOrder.priceFen();
        incoming.qty = newOrder.qty();
        orderEvent(MessageType.ORDER_ACCEPTED, incoming, incoming.clOrdId, "", incoming.qty, 0, (byte)0);
        for (final Resting resting : book)
        {
            final boolean crosses = resting.side != incoming.side && resting.qty == incoming.qty &&
                (incoming.side == Codes.Side.BUY ? incoming.priceFen >= resting.priceFen : incoming.priceFen <= resting.priceFen);
            if (crosses)
            {
                book.remove(resting);
                final Resting buy = incoming.side == Codes.Side.BUY ? incoming : resting;
                final Resting sell = incoming.side == Codes.Side.BUY ? resting : incoming;
                Codecs.encode(tradeEvent, eventsBuffer, eventsLength, 0);
                tradeEvent.tradeId(seq).product(0).aggressorSide(incoming.side).priceFen(resting.priceFen).qty(resting.qty)
                    .buyOrderId(buy.orderId).sellOrderId(sell.orderId).buyLeavesQty(0).sellLeavesQty(0)
                    .buyer(participantIndex(buy.participant)).seller(participantIndex(sell.participant))
                    .buyCumQty(buy.qty).sellCumQty(sell.qty).buyCumNotionalFen(resting.priceFen * buy.qty)
                    .sellCumNotionalFen(resting.priceFen * sell.qty).buyOrderQty(buy.qty).sellOrderQty(sell.qty)
                    .buySessionId(buy.sessionId).sellSessionId(sell.sessionId);
                tradeEvent.buyClOrdId(buy.clOrdId);
                tradeEvent.sellClOrdId(sell.clOrdId);
                endEvent(tradeEvent.encodedLength());
                return;
            }
        }
        book.add(incoming);
    }

    private void onCancel()
    {
        for (final Resting resting : book)
        {
            if (resting.participant.equals(cancel.participantId()) && resting.clOrdId.equals(cancel.origClOrdId()))
            {
                book.remove(resting);
                orderEvent(MessageType.ORDER_CANCELLED, resting, cancel.clOrdId(), resting.clOrdId, resting.qty, 0,
                    Codes.CancelReason.USER);
                return;
            }
        }
        reject(MessageType.CANCEL, cancel.header().sessionId(), cancel.clOrdId(), RejectReason.UNKNOWN_ORDER);
    }

    private void onReplace()
    {
        for (final Resting resting : book)
        {
            if (resting.participant.equals(replace.participantId()) && resting.clOrdId.equals(replace.origClOrdId()))
            {
                final String orig = resting.clOrdId;
                resting.clOrdId = replace.clOrdId();
                resting.priceFen = replace.priceFen();
                resting.qty = replace.qty();
                orderEvent(MessageType.ORDER_REPLACED, resting, resting.clOrdId, orig, resting.qty, 0, (byte)0);
                return;
            }
        }
        reject(MessageType.REPLACE, replace.header().sessionId(), replace.clOrdId(), RejectReason.UNKNOWN_ORDER);
    }

    private void orderEvent(final int type, final Resting order, final String clOrdId, final String origClOrdId,
        final long leavesQty, final long cumQty, final byte reason)
    {
        Codecs.encode(orderEvent, eventsBuffer, eventsLength, order.sessionId, type);
        orderEvent.orderId(order.orderId).participant(participantIndex(order.participant)).product(0).side(order.side).ordType(Codes.OrdType.LIMIT)
            .tif(Codes.TimeInForce.DAY).reason(reason).priceFen(order.priceFen).orderQty(order.qty).leavesQty(leavesQty)
            .cumQty(cumQty).cumNotionalFen(0);
        orderEvent.clOrdId(clOrdId);
        orderEvent.origClOrdId(origClOrdId);
        endEvent(orderEvent.encodedLength());
    }

    private int participantIndex(final String participant)
    {
        final int index = participants.indexOf(participant);
        if (index >= 0)
        {
            return index;
        }
        participants.add(participant);
        return participants.size() - 1;
    }

    private void reject(final int commandType, final int sessionId, final String clOrdId, final RejectReason reason)
    {
        Codecs.encode(rejected, eventsBuffer, eventsLength, sessionId);
        rejected.commandType(commandType).reason(reason.code()).participant(-1).orderId(0);
        AsciiFields.putId(eventsBuffer, rejected.offset() + RejectedEventEncoder.clOrdIdEncodingOffset(),
            RejectedEventEncoder.clOrdIdLength(), clOrdId); // one too long is left empty, as the matcher does
        endEvent(rejected.encodedLength());
    }

    @Override
    public void close() throws InterruptedException
    {
        running.set(false);
        thread.join(5_000);
        commands.close();
        events.close();
    }
}
