package io.databourse.gateway.trading;

import java.util.concurrent.atomic.AtomicBoolean;

import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A trading session's application, and only the routing of it: each FIX message to the part whose
 * job it is ({@link OrderEntry} for D, F, G, q; {@link OrderQuestions} for H and AF;
 * {@link SecurityList} for x; {@link MarketData} for V), and each record of the session's
 * {@link SessionInbox} to {@link ExecutionReports}, {@link MarketData} or {@link OrderQuestions}.
 * The event thread calls the {@code on...} methods below, which only queue; everything else runs on
 * the session's thread. Cancel-on-disconnect, at disconnect and at start, is decided here.
 */
public final class TradingApplication implements Application
{
    private final SessionConfig config;
    private final CancelOnDisconnect cancelOnDisconnect;
    private final GatewayCounters counters;
    /** Set at start when the session was trading as the exchange stopped; cleared by whoever sends the cancel. */
    private final AtomicBoolean cancelAtStartPending = new AtomicBoolean();
    private final SessionInbox inbox;
    private final PendingRequests pending = new PendingRequests();
    private final OrderQuestions questions;
    private final OrderEntry orderEntry;
    private final ExecutionReports reports;
    private final MarketData marketData;
    private final SecurityList securityList;
    private final TradeEventDecoder publicTrade = new TradeEventDecoder();
    private final AuctionEventDecoder publicAuction = new AuctionEventDecoder();
    /** The last event its client was sent a report of, as the session's store tells at start. */
    private long reportedThrough;

    public TradingApplication(
        final SessionConfig config,
        final ExchangeLink commands,
        final ProductDirectory products,
        final ExchangeViews views,
        final IndexMarketData indexes,
        final CancelOnDisconnect cancelOnDisconnect,
        final GatewayContext ctx)
    {
        this.config = config;
        this.cancelOnDisconnect = cancelOnDisconnect;
        this.counters = ctx.counters();
        this.inbox = new SessionInbox(ctx.exchangeLink().sessionEventQueueCapacity(), counters, this::onInboxRecord);
        final LocalExecIds localExecIds = new LocalExecIds(config.sessionId());
        this.questions = new OrderQuestions(this, config, views, products, localExecIds);
        this.orderEntry = new OrderEntry(config, new CommandPublisher(commands::offer, counters, ctx.exchangeLink().offerAttemptsMax()), pending,
            questions, localExecIds, doneClOrdIdsOf(views, config));
        this.reports = new ExecutionReports(config, products, pending);
        this.marketData = new MarketData(products, product -> views.requestSnapshot(this, product), indexes);
        this.securityList = new SecurityList(products, localExecIds);
    }

    /** The done ClOrdIDs of the session's participant: the views follow every exchange session's participant. */
    private static DoneClOrdIds doneClOrdIdsOf(final ExchangeViews views, final SessionConfig config)
    {
        final DoneClOrdIds ids = views.orders().doneClOrdIds(config.participant());
        if (null == ids)
        {
            throw new IllegalStateException("the views do not follow participant " + config.participant() +
                " of session " + config.sessionId());
        }
        return ids;
    }

    public SessionConfig config()
    {
        return config;
    }

    /** At start: the session's store says its client was sent reports of events up to this position. */
    public void reportedThrough(final long position)
    {
        reportedThrough = position;
    }

    long reportedThrough()
    {
        return reportedThrough;
    }

    // ------------------------------------------------------------------ event thread: queue only

    /**
     * The session was trading when the exchange stopped (its placed orders are still live): its
     * participant's orders are to be cancelled, as its disconnect would have done, before it can
     * trade again (start, before any connection).
     */
    public void cancelAtStart(final int liveOrders)
    {
        assert config.cancelOnDisconnect();
        counters.cancelOnDisconnectsAtStart.incrementAndGet();
        cancelAtStartPending.set(true);
    }

    /** Sends the cancel marked at start, if still to be sent (event thread, publication connected); 1 when sent. */
    public int sendCancelAtStart()
    {
        if (cancelAtStartPending.compareAndSet(true, false))
        {
            if (cancelOnDisconnect.send(config, "still trading when the exchange stopped"))
            {
                return 1;
            }
            cancelAtStartPending.set(true);
        }
        return 0;
    }

    /** An event for this session. */
    public void onEvent(
        final int type, final DirectBuffer buffer, final int offset, final int length, final long seq, final int eventIndex,
        final long timeNs)
    {
        inbox.event(type, buffer, offset, length, seq, eventIndex, timeNs);
    }

    /**
     * A reject for this session with the refused command appended; ordStatus is the refused
     * cancel's or replace's order's, as the views have it.
     */
    public void onRejected(
        final DirectBuffer buffer, final int offset, final int length, final DirectBuffer commandBuffer,
        final int commandOffset, final int commandLength, final long seq, final int eventIndex, final long timeNs,
        final char ordStatus)
    {
        inbox.rejected(buffer, offset, length, commandBuffer, commandOffset, commandLength, seq, eventIndex, timeNs, ordStatus);
    }

    /** Every trade, for market data; queued only if this session subscribed. */
    public void onPublicTrade(final DirectBuffer buffer, final int offset, final int length, final long timeNs)
    {
        if (marketData.wanted())
        {
            inbox.event(SessionInbox.PUBLIC_TRADE, buffer, offset, length, 0, 0, timeNs);
        }
    }

    /** A call auction's step, for market data; queued only if this session subscribed. */
    public void onPublicAuction(final DirectBuffer buffer, final int offset, final int length, final long timeNs)
    {
        if (marketData.wanted())
        {
            inbox.event(SessionInbox.PUBLIC_AUCTION, buffer, offset, length, 0, 0, timeNs);
        }
    }

    /** A book level changed; queued only if this session has market data subscriptions. */
    public void onBookLevel(final int product, final byte side, final long priceFen, final long qty)
    {
        if (marketData.wanted())
        {
            inbox.level(SessionInbox.BOOK_LEVEL, product, side, priceFen, qty);
        }
    }

    /** Snapshot delivery, in order with the level updates that follow it. */
    public void onSnapshotBegin(final int product)
    {
        inbox.level(SessionInbox.SNAPSHOT_BEGIN, product, (byte)0, 0, 0);
    }

    public void onSnapshotLevel(final byte side, final long priceFen, final long qty)
    {
        inbox.level(SessionInbox.SNAPSHOT_LEVEL, 0, side, priceFen, qty);
    }

    public void onSnapshotEnd(final int product)
    {
        inbox.level(SessionInbox.SNAPSHOT_END, product, (byte)0, 0, 0);
    }

    /** The views answered an order question: it goes to the session in order with its reports. */
    void onOrderQueryAnswered(final OrderQuery query)
    {
        questions.onAnswered(query);
        inbox.queryAnswered(query.number);
    }

    // ------------------------------------------------------------------ session thread

    @Override
    public void onLogon(final SessionHandle session)
    {
        if (cancelAtStartPending.compareAndSet(true, false) &&
            !cancelOnDisconnect.send(config, "still trading when the exchange stopped; sent at logon"))
        {
            // Its orders from before the restart must go before it trades again: not now, so not yet.
            cancelAtStartPending.set(true);
            inbox.attach(session);
            session.logout("Exchange not reachable: orders from before the restart are not cancelled yet, log on again");
            return;
        }
        inbox.attach(session);
    }

    @Override
    public void onDisconnect(final SessionHandle session)
    {
        inbox.detach();
        if (config.cancelOnDisconnect())
        {
            // Every live order of the participant, whichever session placed it: the session's owner asked for this.
            cancelOnDisconnect.send(config, "logout or connection loss");
        }
        marketData.clear(session);
        pending.clear();
    }

    @Override
    public void onMessage(
        final SessionHandle session, final FixMessage message, final int msgTypeKey, final int bodyStart, final int trailerStart)
    {
        switch (msgTypeKey)
        {
            case FixCodes.MsgType.NEW_ORDER_SINGLE -> orderEntry.newOrderSingle(session, message);
            case FixCodes.MsgType.ORDER_CANCEL_REQUEST -> orderEntry.cancelOrReplace(session, message, false);
            case FixCodes.MsgType.ORDER_CANCEL_REPLACE_REQUEST -> orderEntry.cancelOrReplace(session, message, true);
            case FixCodes.MsgType.ORDER_MASS_CANCEL_REQUEST -> orderEntry.massCancel(session, message);
            case FixCodes.MsgType.ORDER_STATUS_REQUEST -> questions.status(session, message);
            case FixCodes.MsgType.SECURITY_LIST_REQUEST -> securityList.request(session, message);
            case FixCodes.MsgType.ORDER_MASS_STATUS_REQUEST -> questions.massStatus(session, message);
            case FixCodes.MsgType.MARKET_DATA_REQUEST -> marketData.request(session, message);
            default -> session.sendBusinessReject(message, FixCodes.BusinessReject.UNSUPPORTED_MESSAGE_TYPE,
                "Unsupported Message Type");
        }
    }

    /** A record of the session's inbox (session thread, in the order the event thread queued them). */
    private void onInboxRecord(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SessionHandle session = inbox.handle();
        if (null == session || !session.isLoggedOn())
        {
            return;
        }
        switch (type)
        {
            case SessionInbox.BOOK_LEVEL -> marketData.onBookLevel(session, buffer.getInt(index), buffer.getByte(index + 4),
                buffer.getLong(index + 8), buffer.getLong(index + 16));
            case SessionInbox.SNAPSHOT_BEGIN -> marketData.onSnapshotBegin();
            case SessionInbox.SNAPSHOT_LEVEL -> marketData.onSnapshotLevel(buffer.getByte(index + 4),
                buffer.getLong(index + 8), buffer.getLong(index + 16));
            case SessionInbox.SNAPSHOT_END -> marketData.onSnapshotEnd(session, buffer.getInt(index));
            case SessionInbox.ORDER_QUERY_ANSWERED -> questions.deliver(session, buffer.getLong(index));
            case SessionInbox.PUBLIC_AUCTION ->
            {
                Codecs.wrap(publicAuction, buffer, index + SessionInbox.EVENT_HEADER);
                marketData.onAuction(session, publicAuction);
            }
            case SessionInbox.PUBLIC_TRADE ->
            {
                Codecs.wrap(publicTrade, buffer, index + SessionInbox.EVENT_HEADER);
                marketData.onPublicTrade(session, publicTrade);
            }
            default -> reports.onEvent(session, type, buffer, index + SessionInbox.EVENT_HEADER, index + length,
                buffer.getLong(index + SessionInbox.SEQ_OFFSET), buffer.getInt(index + SessionInbox.EVENT_INDEX_OFFSET),
                buffer.getLong(index + SessionInbox.TIME_NS_OFFSET),
                (char)buffer.getInt(index + SessionInbox.ORD_STATUS_OFFSET));
        }
    }
}
