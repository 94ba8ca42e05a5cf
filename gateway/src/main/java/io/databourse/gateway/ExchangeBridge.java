package io.databourse.gateway;

import io.aeron.Aeron;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.exchange.BookTracker;
import io.databourse.gateway.exchange.ExchangeApplication;
import io.databourse.gateway.exchange.IndexMarketData;
import io.databourse.gateway.exchange.ProductDirectory;
import io.databourse.gateway.link.AeronStreamsLink;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionRegistry;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.OrderEvent;
import io.databourse.journal.schema.ProductStatusEvent;
import io.databourse.journal.schema.ReferenceDataEvent;
import io.databourse.journal.schema.TradeEvent;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The gateway's side of its {@link ExchangeLink} to the matcher: commands go out on the link from
 * every exchange session; the link's records are polled as the duty of one of
 * the gateway's Netty I/O threads (the "event thread": {@code netty.DutyCycleSelectStrategy} runs
 * {@link #doWork()} on every turn of its loop), which keeps the product directory and hands each
 * event to the application of the session it belongs to (OrderEvent/RejectedEvent header sessionId,
 * both sessions of a trade). A session served by that I/O thread (every session with the default
 * single I/O thread) gets its execution reports written by the thread that polled their events.
 * <p>Products registered before this gateway subscribed never reach it as PRODUCT_REGISTERED (the
 * launcher loads its reference data before it starts the gateway; a matcher may restart behind a
 * running gateway), so whenever the link starts a new event stream epoch (a new matcher image, a
 * cluster link's first connection) or reconnects, the agent sends one PRODUCT_LIST_REQUEST and the
 * directory learns every product from the PRODUCT_SNAPSHOT events that answer it.
 */
final class ExchangeBridge implements AutoCloseable, Agent, ExchangeApplication.MarketDataSource
{
    /** A session's request for a product's book, served on the event thread so it is consistent with updates. */
    private static final class SnapshotRequest
    {
        final ExchangeApplication application;
        final int product;

        SnapshotRequest(final ExchangeApplication application, final int product)
        {
            this.application = application;
            this.product = product;
        }
    }

    private static final int FRAGMENT_LIMIT = 64;
    /** Commands from the gateway itself rather than a FIX session carry session id 0 (the operator's). */
    static final int BRIDGE_SESSION_ID = 0;

    private final GatewayContext ctx;
    private final ExchangeLink link;
    private final ProductDirectory products;
    private final Int2ObjectHashMap<ExchangeApplication> applications = new Int2ObjectHashMap<>();
    private final JournalRecord record = new JournalRecord();
    private final ReferenceDataEvent referenceData = new ReferenceDataEvent();
    private final ProductStatusEvent productStatus = new ProductStatusEvent();
    private final TradeEvent trade = new TradeEvent();
    private final OrderEvent order = new OrderEvent();
    private final BookTracker book = new BookTracker(this::onLevel);
    private final IndexMarketData indexes;
    private final ManyToOneConcurrentArrayQueue<SnapshotRequest> snapshotRequests = new ManyToOneConcurrentArrayQueue<>(1024);
    private ExchangeApplication snapshotTarget;
    private final BookTracker.LevelConsumer snapshotLevel =
        (side, priceFen, qty) -> snapshotTarget.onSnapshotLevel(side, priceFen, qty);
    private final ExchangeLink.RecordsHandler recordsHandler = this::onMessage;
    private final JournalRecord.RecordHandler recordHandler = this::onRecord;
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private final UnsafeBuffer productListRequest = new UnsafeBuffer(new byte[Flyweight.HEADER_LENGTH]);
    /** The link's event stream epoch when the product list was last asked for; 0 = to be asked. */
    private long productListAskedAtEpoch;
    private int eventIndex;
    private long lastSeq = Long.MIN_VALUE;

    ExchangeBridge(final GatewayContext ctx, final SessionRegistry registry)
    {
        this.ctx = ctx;
        this.link = null != ctx.exchangeLinkFactory() ? ctx.exchangeLinkFactory().apply(ctx) : aeronStreamsLink(ctx);
        this.products = new ProductDirectory(ctx.productsMax());
        this.indexes = new IndexMarketData();
        // The request is a bare header: the matcher needs nothing else to list its products.
        productListRequest.putShort(Flyweight.LENGTH_OFFSET, (short)Flyweight.HEADER_LENGTH);
        productListRequest.putShort(Flyweight.TYPE_OFFSET, (short)MessageType.PRODUCT_LIST_REQUEST);
        productListRequest.putInt(Flyweight.SESSION_ID_OFFSET, BRIDGE_SESSION_ID);
    }

    /** The single-process exchange's link: the matcher's command and event streams. */
    private static ExchangeLink aeronStreamsLink(final GatewayContext ctx)
    {
        final boolean ownsAeron = null == ctx.aeron();
        final Aeron aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())) : ctx.aeron();
        return new AeronStreamsLink(
            aeron, ownsAeron, ctx.commandChannel(), ctx.commandStreamId(), ctx.eventChannel(), ctx.eventStreamId());
    }

    Application newApplication(final SessionConfig config)
    {
        final ExchangeApplication application = new ExchangeApplication(config, link, products, this, ctx);
        applications.put(config.sessionId(), application);
        return application;
    }

    ProductDirectory products()
    {
        return products;
    }

    @Override
    public int doWork()
    {
        int work = requestProductList();
        work += link.poll(recordsHandler, FRAGMENT_LIMIT);
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
        return work;
    }

    /**
     * Sends the product list request once both directions are connected: asked before this
     * gateway receives the event stream, the answer could be published before it joins and be
     * missed. It is asked once per event stream epoch (a new matcher image, a cluster link's first
     * connection). A disconnected link (matcher gone) asks again on reconnection; a failed offer
     * retries on the next duty cycle.
     */
    private int requestProductList()
    {
        if (!link.isConnected())
        {
            productListAskedAtEpoch = 0;
            return 0;
        }
        final long epoch = link.eventStreamEpoch();
        if (0 == epoch || productListAskedAtEpoch == epoch)
        {
            return 0;
        }
        if (link.offer(productListRequest, 0, Flyweight.HEADER_LENGTH) < 0)
        {
            return 0;
        }
        productListAskedAtEpoch = epoch;
        ctx.counters().productListRequests.incrementAndGet();
        return 1;
    }

    @Override
    public boolean requestSnapshot(final ExchangeApplication application, final int product)
    {
        return snapshotRequests.offer(new SnapshotRequest(application, product));
    }

    private void onLevel(final int product, final byte side, final long priceFen, final long qty)
    {
        for (final ExchangeApplication application : applications.values())
        {
            application.onBookLevel(product, side, priceFen, qty);
        }
    }

    @Override
    public String roleName()
    {
        return "gateway-events";
    }

    /** One message from the link: one or more whole records back to back. */
    private void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            record.forEachRecord(buffer, offset, length, recordHandler);
        }
        catch (final IllegalStateException ex)
        {
            // A malformed message must not stop the event thread; the records before it were delivered.
            ctx.errorHandler().onError(ex);
        }
    }

    private void onRecord(final JournalRecord record)
    {
        // The matcher splits a record too big for one Aeron message into chunks with the same seq:
        // event indexes (hence ExecIDs) continue across them.
        final long seq = record.seq();
        if (seq != lastSeq)
        {
            lastSeq = seq;
            eventIndex = 0;
        }
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
    }

    @Override
    public IndexMarketData indexes()
    {
        return indexes;
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = eventIndex++;
        switch (type)
        {
            case MessageType.PRODUCT_REGISTERED:
                referenceData.wrap(buffer, offset);
                products.onRegistered(referenceData.product(), buffer, offset + ReferenceDataEvent.COMMAND_OFFSET);
                break;

            case MessageType.PRODUCT_SNAPSHOT:
                referenceData.wrap(buffer, offset);
                products.onSnapshot(referenceData.product(), buffer, referenceData.commandOffset(),
                    referenceData.availableQty(), referenceData.qty());
                break;

            case MessageType.PRODUCT_STATUS_CHANGED:
                productStatus.wrap(buffer, offset);
                products.onStatusChanged(productStatus.product(), productStatus.toStatus());
                break;

            case MessageType.TRADE:
            {
                trade.wrap(buffer, offset);
                book.onTrade(trade.buyOrderId(), trade.sellOrderId(), trade.qty());
                final int buySession = trade.buySessionId();
                final int sellSession = trade.sellSessionId();
                deliver(buySession, type, buffer, offset, length, index);
                if (sellSession != buySession)
                {
                    deliver(sellSession, type, buffer, offset, length, index);
                }
                products.onTrade(trade.product(), trade.priceFen(), trade.qty());
                for (final ExchangeApplication application : applications.values())
                {
                    application.onPublicTrade(buffer, offset, length, record.timeNs());
                }
                break;
            }

            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
                order.wrap(buffer, offset);
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
                deliver(order.sessionId(), type, buffer, offset, length, index);
                break;

            case MessageType.REJECTED:
            {
                // The refused command travels with the reject: it names the symbol, side and quantity even
                // when the gateway has no memory of the request (restart, another gateway).
                final ExchangeApplication application = applications.get(buffer.getInt(offset + Flyweight.SESSION_ID_OFFSET));
                if (null != application)
                {
                    application.onRejected(buffer, offset, length, record.buffer(), record.commandOffset(),
                        record.commandLength(), record.seq(), index, record.timeNs());
                }
                break;
            }

            case MessageType.MASS_CANCELLED:
                deliver(buffer.getInt(offset + Flyweight.SESSION_ID_OFFSET), type, buffer, offset, length, index);
                break;

            default:
                break;
        }
    }

    private void deliver(
        final int sessionId, final int type, final DirectBuffer buffer, final int offset, final int length, final int index)
    {
        final ExchangeApplication application = applications.get(sessionId);
        if (null != application)
        {
            application.onEvent(type, buffer, offset, length, record.seq(), index, record.timeNs());
        }
    }

    @Override
    public void onClose()
    {
    }

    @Override
    public void close()
    {
        link.close();
    }
}
