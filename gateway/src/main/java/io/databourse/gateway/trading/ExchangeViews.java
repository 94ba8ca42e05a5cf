package io.databourse.gateway.trading;

import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.CancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelledEventDecoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductStatusEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * What the gateway knows of the exchange, kept from the matcher's journal records: the products
 * ({@link ProductDirectory}), the book's price levels ({@link BookTracker}) and the orders of the
 * participants it serves ({@link OrderView}). Each record is applied once, in seq order, and its
 * events handed to the sessions they are for. History replayed at start reaches a session only
 * from after the last event its store says its client was sent a report of ({@link EventPosition}):
 * reports the stop kept from it go out at its next logon, and none twice.
 * Sessions ask for book snapshots and order states through queues answered here, so that an answer
 * reaches a session in order with its execution reports.
 * <p>Confined to the gateway's event thread, but for the request queues and the product directory.
 */
public final class ExchangeViews
{
    private static final int REQUEST_QUEUE_CAPACITY = 4_096;

    /** A session's request for a product's book, served on the event thread so it is consistent with updates. */
    private static final class SnapshotRequest
    {
        final TradingApplication application;
        final int product;

        SnapshotRequest(final TradingApplication application, final int product)
        {
            this.application = application;
            this.product = product;
        }
    }

    private final GatewayContext ctx;
    private final ProductDirectory products;
    private final OrderView orders;
    private final BookTracker book = new BookTracker(this::onLevel);
    private final Int2ObjectHashMap<TradingApplication> applications = new Int2ObjectHashMap<>();
    private final ManyToOneConcurrentArrayQueue<SnapshotRequest> snapshotRequests =
        new ManyToOneConcurrentArrayQueue<>(REQUEST_QUEUE_CAPACITY);
    private final ManyToOneConcurrentArrayQueue<OrderQuery> orderQueries =
        new ManyToOneConcurrentArrayQueue<>(REQUEST_QUEUE_CAPACITY);
    private final JournalRecord record = new JournalRecord();
    private final ReferenceDataEventDecoder referenceData = new ReferenceDataEventDecoder();
    private final ParticipantCommandDecoder participant = new ParticipantCommandDecoder();
    private final ProductStatusEventDecoder productStatus = new ProductStatusEventDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final AuctionEventDecoder auction = new AuctionEventDecoder();
    private final OrderEventDecoder order = new OrderEventDecoder();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final MassCancelledEventDecoder massCancelled = new MassCancelledEventDecoder();
    private final CancelCommandDecoder cancel = new CancelCommandDecoder();
    private final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private TradingApplication snapshotTarget;
    private final BookTracker.LevelConsumer snapshotLevel =
        (side, priceFen, qty) -> snapshotTarget.onSnapshotLevel(side, priceFen, qty);
    private boolean delivering;
    private JournalRecord applying;
    private int eventIndex;

    public ExchangeViews(final GatewayContext ctx)
    {
        this.ctx = ctx;
        this.products = new ProductDirectory(ctx.exchangeLink().productsMax());
        final Int2ObjectHashMap<String> sessionParticipants = new Int2ObjectHashMap<>();
        for (final SessionConfig session : ctx.sessions())
        {
            if (!session.isCertification())
            {
                sessionParticipants.put(session.sessionId(), session.participant());
            }
        }
        this.orders = new OrderView(sessionParticipants, ctx.exchangeLink().doneOrdersMax());
    }

    /** The application of an exchange session: its events are delivered to it. */
    public void serve(final TradingApplication application)
    {
        applications.put(application.config().sessionId(), application);
    }

    public ProductDirectory products()
    {
        return products;
    }

    OrderView orders()
    {
        return orders;
    }

    /** Live orders placed through a session, as of the last record applied. */
    public int liveOrdersOfSession(final int sessionId)
    {
        return orders.liveOrdersOfSession(sessionId);
    }

    /** A flyweight for reading egress messages (event thread). */
    public JournalRecord record()
    {
        return record;
    }

    /** From now on applied records are the present: their events reach the sessions. */
    public void startDelivering()
    {
        delivering = true;
    }

    /**
     * Applies a record (or the next chunk of one, {@code newRecord} false: event indexes go on) to
     * the views and hands its events to their sessions (while replaying history, only those a
     * session has not been sent).
     */
    public void apply(final JournalRecord record, final boolean newRecord)
    {
        if (newRecord)
        {
            eventIndex = 0;
        }
        this.applying = record;
        try
        {
            record.forEachEvent(eventHandler);
        }
        catch (final IllegalStateException ex)
        {
            // A corrupt record must not stop the event thread; the rest of the stream is still good.
            ctx.errorHandler().onError(ex);
        }
        book.endRecord();
        applying = null;
    }

    /** Queues a book snapshot for a session; false when too many are queued. */
    boolean requestSnapshot(final TradingApplication application, final int product)
    {
        return snapshotRequests.offer(new SnapshotRequest(application, product));
    }

    /** Queues a question about an order; false when too many are queued. */
    boolean requestOrderQuery(final OrderQuery query)
    {
        return orderQueries.offer(query);
    }

    /** Serves queued snapshots and order questions (event thread); returns how many. */
    public int answerRequests()
    {
        int work = 0;
        SnapshotRequest request;
        while (null != (request = snapshotRequests.poll()))
        {
            snapshotTarget = request.application;
            snapshotTarget.onSnapshotBegin(request.product);
            book.snapshot(request.product, 0, snapshotLevel);
            snapshotTarget.onSnapshotEnd(request.product);
            snapshotTarget = null;
            work++;
        }
        OrderQuery query;
        while (null != (query = orderQueries.poll()))
        {
            query.answer(orders);
            query.application.onOrderQueryAnswered(query);
            work++;
        }
        return work;
    }

    /** For logs: what the views hold. */
    public String describe()
    {
        int productCount = 0;
        for (final Object p : products.snapshot())
        {
            productCount += null == p ? 0 : 1;
        }
        return productCount + " products, " + orders.liveOrders() + " live and " + orders.doneOrders() +
            " done orders of the participants served";
    }

    private void onLevel(final int product, final byte side, final long priceFen, final long qty)
    {
        if (delivering)
        {
            for (final TradingApplication application : applications.values())
            {
                application.onBookLevel(product, side, priceFen, qty);
            }
        }
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = eventIndex++;
        final JournalRecord record = applying;
        switch (type)
        {
            case MessageType.PARTICIPANT_REGISTERED:
            case MessageType.PARTICIPANT_UPDATED:
                Codecs.wrap(referenceData, buffer, offset);
                Codecs.wrap(participant, buffer, ReferenceDataTail.commandOffset(referenceData));
                orders.onParticipantRegistered(referenceData.participant(), participant.participantId());
                break;

            case MessageType.PRODUCT_REGISTERED:
                Codecs.wrap(referenceData, buffer, offset);
                products.onRegistered(referenceData.product(), buffer, offset + ReferenceDataEventDecoder.BLOCK_LENGTH);
                break;

            case MessageType.PRODUCT_SNAPSHOT:
                Codecs.wrap(referenceData, buffer, offset);
                products.onSnapshot(referenceData.product(), buffer, ReferenceDataTail.commandOffset(referenceData),
                    referenceData.availableQty(), referenceData.qty());
                break;

            case MessageType.PRODUCT_STATUS_CHANGED:
                Codecs.wrap(productStatus, buffer, offset);
                products.onStatusChanged(productStatus.product(), productStatus.toStatus());
                break;

            case MessageType.AUCTION_STARTED:
            case MessageType.AUCTION_INDICATIVE:
            case MessageType.AUCTION_UNCROSSED:
                Codecs.wrap(auction, buffer, offset);
                products.onAuction(auction.product(), type != MessageType.AUCTION_UNCROSSED,
                    type == MessageType.AUCTION_INDICATIVE ? auction.priceFen() : 0, auction.volume());
                if (delivering)
                {
                    for (final TradingApplication application : applications.values())
                    {
                        application.onPublicAuction(buffer, offset, length, record.timeNs());
                    }
                }
                break;

            case MessageType.TRADE:
            {
                Codecs.wrap(trade, buffer, offset);
                book.onTrade(trade.buyOrderId(), trade.sellOrderId(), trade.qty());
                orders.onTrade(trade, record.timeNs());
                products.onTrade(trade.product(), trade.priceFen(), trade.qty());
                final int buySession = trade.buySessionId();
                final int sellSession = trade.sellSessionId();
                deliver(buySession, type, buffer, offset, length, index, 0);
                if (sellSession != buySession)
                {
                    deliver(sellSession, type, buffer, offset, length, index, 1);
                }
                if (delivering)
                {
                    for (final TradingApplication application : applications.values())
                    {
                        application.onPublicTrade(buffer, offset, length, record.timeNs());
                    }
                }
                break;
            }

            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
                Codecs.wrap(order, buffer, offset);
                if (MessageType.ORDER_ACCEPTED == type)
                {
                    book.onAccepted(order.orderId(), order.product(), order.side(), order.ordType(), order.priceFen(),
                        order.leavesQty());
                }
                else if (MessageType.ORDER_REPLACED == type)
                {
                    book.onReplaced(order.orderId(), order.product(), order.side(), order.ordType(), order.priceFen(),
                        order.leavesQty());
                }
                else
                {
                    book.onDone(order.orderId());
                }
                orders.onOrderEvent(type, order, record.timeNs());
                deliver(order.header().sessionId(), type, buffer, offset, length, index, 0);
                break;

            case MessageType.REJECTED:
                onRejected(buffer, offset, length, index);
                break;

            case MessageType.MASS_CANCELLED:
                onMassCancelled(buffer, offset, length, index);
                break;

            default:
                break;
        }
    }

    /** The session's application, if the event at (index, side) of the record being applied is news to it. */
    private TradingApplication recipient(final int sessionId, final int index, final int side)
    {
        final TradingApplication application = applications.get(sessionId);
        if (null == application || delivering)
        {
            return application;
        }
        // History: only what follows the session's last report. A session whose store holds none (new,
        // or never sent one) is not sent history: there is no telling what its client knows.
        final long reportedThrough = application.reportedThrough();
        return reportedThrough > 0 && EventPosition.of(applying.seq(), index, side) > reportedThrough ? application : null;
    }

    private void deliver(
        final int sessionId, final int type, final DirectBuffer buffer, final int offset, final int length, final int index,
        final int side)
    {
        final TradingApplication application = recipient(sessionId, index, side);
        if (null != application)
        {
            application.onEvent(type, buffer, offset, length, applying.seq(), index, applying.timeNs());
        }
    }

    /**
     * The refused command travels with the reject: it names the symbol, side and quantity even when
     * the gateway has no memory of the request (restart, another gateway). A refused cancel or
     * replace also carries the order's OrdStatus as the view has it.
     */
    private void onRejected(final DirectBuffer buffer, final int offset, final int length, final int index)
    {
        final TradingApplication application = recipient(buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET), index, 0);
        if (null == application)
        {
            return;
        }
        final JournalRecord record = applying;
        Codecs.wrap(rejected, buffer, offset);
        char ordStatus = OrdStatus.REJECTED;
        final int commandType = rejected.commandType();
        if ((MessageType.CANCEL == commandType || MessageType.REPLACE == commandType) && rejected.participant() >= 0)
        {
            OrderView.Order known = rejected.orderId() > 0 ? orders.byOrderId(rejected.participant(), rejected.orderId()) : null;
            if (null == known && record.commandLength() >= RecordHeader.ENCODED_LENGTH &&
                RecordHeader.typeAt(record.buffer(), record.commandOffset()) == commandType)
            {
                if (MessageType.CANCEL == commandType && record.commandLength() >= CancelCommandDecoder.BLOCK_LENGTH)
                {
                    known = byClOrdId(rejected.participant(), record.buffer(),
                        Codecs.wrap(cancel, record.buffer(), record.commandOffset()).offset() +
                        CancelCommandDecoder.origClOrdIdEncodingOffset(), CancelCommandDecoder.origClOrdIdLength());
                }
                else if (MessageType.REPLACE == commandType && record.commandLength() >= ReplaceCommandDecoder.BLOCK_LENGTH)
                {
                    known = byClOrdId(rejected.participant(), record.buffer(),
                        Codecs.wrap(replace, record.buffer(), record.commandOffset()).offset() +
                        ReplaceCommandDecoder.origClOrdIdEncodingOffset(), ReplaceCommandDecoder.origClOrdIdLength());
                }
            }
            if (null != known)
            {
                ordStatus = known.ordStatus;
            }
        }
        application.onRejected(buffer, offset, length, record.buffer(), record.commandOffset(), record.commandLength(),
            record.seq(), index, record.timeNs(), ordStatus);
    }

    /** The order a refused request named by its id field at {@code at} ({@code width} bytes, zero-padded). */
    private OrderView.Order byClOrdId(final int participant, final DirectBuffer buffer, final int at, final int width)
    {
        return orders.byClOrdId(participant, buffer, at, AsciiFields.length(buffer, at, width));
    }

    private void onMassCancelled(final DirectBuffer buffer, final int offset, final int length, final int index)
    {
        final int sessionId = buffer.getInt(offset + RecordHeader.SESSION_ID_OFFSET);
        if (CancelOnDisconnect.OPERATOR_SESSION_ID == sessionId)
        {
            if (!delivering)
            {
                return;
            }
            // The gateway's own cancel-on-disconnect: no client asked, so no client is told; the log is.
            Codecs.wrap(massCancelled, buffer, offset);
            ctx.sessionLog().accept("cancel-on-disconnect " + massCancelled.clOrdId() + " done at seq " + applying.seq() +
                ": " + massCancelled.cancelledCount() + " orders cancelled");
            return;
        }
        deliver(sessionId, MessageType.MASS_CANCELLED, buffer, offset, length, index, 0);
    }
}
