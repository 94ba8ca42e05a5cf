package io.databourse.gateway.exchange;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aeron.Publication;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.CancelCommand;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MassCancelCommand;
import io.databourse.journal.schema.MassCancelledEvent;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.NewOrderCommand;
import io.databourse.journal.schema.OrderEvent;
import io.databourse.journal.schema.RejectReason;
import io.databourse.journal.schema.RejectedEvent;
import io.databourse.journal.schema.ReplaceCommand;
import io.databourse.journal.schema.TradeEvent;
import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A trading session's application: NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest,
 * OrderMassCancelRequest become matcher commands on the Aeron publication (always for the
 * session's own participant); OrderStatusRequest, SecurityListRequest and MarketDataRequest are
 * answered from gateway state. Matcher events arrive on the event thread, are queued in a bounded
 * ring and turned into ExecutionReports, OrderCancelRejects and OrderMassCancelReports on the
 * session's thread. A command Aeron cannot take is rejected to the client with a reason, never
 * dropped.
 */
public final class ExchangeApplication implements Application
{
    private static final int NEW_ORDER_SINGLE = 'D';
    private static final int ORDER_CANCEL_REQUEST = 'F';
    private static final int ORDER_CANCEL_REPLACE_REQUEST = 'G';
    private static final int ORDER_STATUS_REQUEST = 'H';
    private static final int ORDER_MASS_CANCEL_REQUEST = 'q';
    private static final int SECURITY_LIST_REQUEST = 'x';
    private static final int MARKET_DATA_REQUEST = 'V';
    private static final int PUBLIC_TRADE = 10_000;
    /** Inbox record: seq i64, eventIndex i32, pad i32, timeNs i64, then the event. */
    private static final int INBOX_HEADER = 24;
    private static final int PENDING_MAX = 10_000;
    private static final int BUSINESS_REJECT_OTHER = 0;
    private static final int BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE = 3;

    private final SessionConfig config;
    private final int sessionId;
    private final Publication publication;
    private final ProductDirectory products;
    private final int offerAttemptsMax;
    private final OneToOneRingBuffer inbox;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final MessageHandler inboxHandler = this::onInboxEvent;
    private volatile SessionHandle handle;
    private volatile boolean marketDataSubscribed;
    private volatile boolean inboxOverflowed;

    // Session-thread state.
    private final UnsafeBuffer commandBuffer = new UnsafeBuffer(new byte[256]);
    private final NewOrderCommand newOrder = new NewOrderCommand();
    private final CancelCommand cancel = new CancelCommand();
    private final ReplaceCommand replace = new ReplaceCommand();
    private final MassCancelCommand massCancel = new MassCancelCommand();
    private final OrderEvent orderEvent = new OrderEvent();
    private final TradeEvent tradeEvent = new TradeEvent();
    private final RejectedEvent rejectedEvent = new RejectedEvent();
    private final MassCancelledEvent massCancelledEvent = new MassCancelledEvent();
    private final Map<String, Request> pending = new HashMap<>();
    private final Long2ObjectHashMap<OrderState> orders = new Long2ObjectHashMap<>();
    private final Map<String, OrderState> ordersByClOrdId = new HashMap<>();
    private final Map<String, String> marketDataRequests = new HashMap<>();
    private final Set<String> subscribedSymbols = new HashSet<>();
    private long localExecId;

    /** What the gateway remembers of a request until the matcher answers it. */
    static final class Request
    {
        char kind;
        String clOrdId;
        String origClOrdId;
        String symbol;
        char fixSide;
        long orderQty;
        long priceFen;
        char fixOrdType;
        char massCancelType;
    }

    /** A live order as last reported, for OrderStatusRequest and symbols. */
    static final class OrderState
    {
        long orderId;
        String clOrdId;
        String symbol;
        char fixSide;
        char fixOrdType;
        long orderQty;
        long priceFen;
        long cumQty;
        long leavesQty;
        long cumNotionalFen;
        char ordStatus;
    }

    public ExchangeApplication(
        final SessionConfig config, final Publication publication, final ProductDirectory products, final GatewayContext ctx)
    {
        this.config = config;
        this.sessionId = config.sessionId();
        this.publication = publication;
        this.products = products;
        this.offerAttemptsMax = ctx.offerAttemptsMax();
        final int capacity = BitUtil.findNextPositivePowerOfTwo(ctx.sessionEventQueueCapacity());
        this.inbox = new OneToOneRingBuffer(new UnsafeBuffer(
            org.agrona.BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, 64)));
    }

    // ------------------------------------------------------------------ event thread

    /** An event for this session (event thread). */
    public void onEvent(
        final int type, final DirectBuffer buffer, final int offset, final int length, final long seq, final int eventIndex,
        final long timeNs)
    {
        enqueue(type, buffer, offset, length, seq, eventIndex, timeNs);
    }

    /** Every trade, for market data (event thread); queued only if this session subscribed. */
    public void onPublicTrade(final DirectBuffer buffer, final int offset, final int length, final long timeNs)
    {
        if (marketDataSubscribed)
        {
            enqueue(PUBLIC_TRADE, buffer, offset, length, 0, 0, timeNs);
        }
    }

    private void enqueue(
        final int type, final DirectBuffer buffer, final int offset, final int length, final long seq, final int eventIndex,
        final long timeNs)
    {
        final int index = inbox.tryClaim(type, INBOX_HEADER + length);
        if (index <= 0)
        {
            // The session cannot keep up; it is logged out rather than silently missing reports.
            inboxOverflowed = true;
        }
        else
        {
            final MutableDirectBuffer b = inbox.buffer();
            b.putLong(index, seq);
            b.putInt(index + 8, eventIndex);
            b.putLong(index + 16, timeNs);
            b.putBytes(index + INBOX_HEADER, buffer, offset, length);
            inbox.commit(index);
        }
        final SessionHandle h = handle;
        if (null != h && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
        }
    }

    // ------------------------------------------------------------------ session thread

    private void drain()
    {
        drainScheduled.set(false);
        final SessionHandle h = handle;
        if (null == h)
        {
            return;
        }
        if (inboxOverflowed)
        {
            inboxOverflowed = false;
            h.logout("Gateway event queue overflow: reconnect and request order status");
        }
        inbox.read(inboxHandler, 1024);
        if (inbox.size() > 0 && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
        }
    }

    @Override
    public void onLogon(final SessionHandle session)
    {
        handle = session;
        if (inbox.size() > 0 && drainScheduled.compareAndSet(false, true))
        {
            session.execute(drainTask);
        }
    }

    @Override
    public void onDisconnect(final SessionHandle session)
    {
        handle = null;
        if (config.cancelOnDisconnect())
        {
            // Every live order of the participant, whichever session placed it: the session's owner asked for this.
            massCancel.wrapForEncode(commandBuffer, 0, sessionId);
            massCancel.participantId(config.participant());
            massCancel.productId((CharSequence)null);
            massCancel.clOrdId("COD-" + (++localExecId));
            massCancel.side((byte)-1);
            if (!offer(massCancel.length()))
            {
                System.err.println("gateway: cancel-on-disconnect for " + config + " could not be sent (back-pressure)");
            }
        }
        marketDataRequests.clear();
        subscribedSymbols.clear();
        marketDataSubscribed = false;
        pending.clear();
    }

    @Override
    public void onMessage(
        final SessionHandle session, final FixMessage message, final int msgTypeKey, final int bodyStart, final int trailerStart)
    {
        switch (msgTypeKey)
        {
            case NEW_ORDER_SINGLE: onNewOrderSingle(session, message); break;
            case ORDER_CANCEL_REQUEST: onCancelOrReplace(session, message, false); break;
            case ORDER_CANCEL_REPLACE_REQUEST: onCancelOrReplace(session, message, true); break;
            case ORDER_STATUS_REQUEST: onOrderStatusRequest(session, message); break;
            case ORDER_MASS_CANCEL_REQUEST: onMassCancelRequest(session, message); break;
            case SECURITY_LIST_REQUEST: onSecurityListRequest(session, message); break;
            case MARKET_DATA_REQUEST: onMarketDataRequest(session, message); break;
            default:
                session.sendBusinessReject(message, BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE, "Unsupported Message Type");
                break;
        }
    }

    private boolean accountAllowed(final FixMessage message)
    {
        final int i = message.indexOf(FixTags.ACCOUNT);
        return i < 0 || message.valueEquals(i, config.participant());
    }

    private void onNewOrderSingle(final SessionHandle session, final FixMessage m)
    {
        final String clOrdId = m.stringValue(FixTags.CL_ORD_ID);
        final String symbol = m.stringValue(FixTags.SYMBOL);
        final char fixSide = (char)m.charValue(FixTags.SIDE);
        final char fixOrdType = (char)m.charValue(FixTags.ORD_TYPE);
        if (!accountAllowed(m))
        {
            rejectOrder(session, m, 99, "Account is not the participant of this session");
            return;
        }
        if (clOrdId.length() > 24 || symbol.length() > 32)
        {
            rejectOrder(session, m, 99, "ClOrdID must be at most 24 and Symbol at most 32 characters");
            return;
        }
        final byte side = toSide(fixSide);
        if (side < 0)
        {
            rejectOrder(session, m, 11, "Side must be 1 (buy) or 2 (sell)");
            return;
        }
        final byte ordType = fixOrdType == '1' ? Codes.OrdType.MARKET : fixOrdType == '2' ? Codes.OrdType.LIMIT : -1;
        if (ordType < 0)
        {
            rejectOrder(session, m, 11, "OrdType must be 1 (market) or 2 (limit)");
            return;
        }
        final long qty = fixedPoint(m, FixTags.ORDER_QTY, 0);
        if (qty <= 0)
        {
            rejectOrder(session, m, 13, "OrderQty must be a positive whole number of units");
            return;
        }
        long priceFen = 0;
        if (ordType == Codes.OrdType.LIMIT)
        {
            priceFen = fixedPoint(m, FixTags.PRICE, 2);
            if (priceFen <= 0)
            {
                rejectOrder(session, m, 99, "Price is required for a limit order: positive, at most 2 decimals");
                return;
            }
        }
        final byte tif = toTif((char)m.charValue(FixTags.TIME_IN_FORCE));
        if (tif < 0)
        {
            rejectOrder(session, m, 11, "TimeInForce must be 0 (day), 1 (GTC), 3 (IOC) or 4 (FOK)");
            return;
        }
        if (pending.size() >= PENDING_MAX)
        {
            rejectOrder(session, m, 99, "Too many requests awaiting the exchange");
            return;
        }
        final String execInst = m.stringValue(FixTags.EXEC_INST);
        newOrder.wrapForEncode(commandBuffer, 0, sessionId);
        newOrder.participantId(config.participant());
        newOrder.productId(symbol);
        newOrder.clOrdId(clOrdId);
        newOrder.side(side).ordType(ordType).tif(tif).postOnly(null != execInst && execInst.indexOf('6') >= 0)
            .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(priceFen).qty(qty);
        if (!offer(newOrder.length()))
        {
            rejectOrder(session, m, 99, "Exchange busy (back-pressure): order not accepted, retry later");
            return;
        }
        final Request r = new Request();
        r.kind = 'D';
        r.clOrdId = clOrdId;
        r.symbol = symbol;
        r.fixSide = fixSide;
        r.orderQty = qty;
        r.priceFen = priceFen;
        r.fixOrdType = fixOrdType;
        pending.put(clOrdId, r);
    }

    private void onCancelOrReplace(final SessionHandle session, final FixMessage m, final boolean isReplace)
    {
        final String clOrdId = m.stringValue(FixTags.CL_ORD_ID);
        final String origClOrdId = m.stringValue(FixTags.ORIG_CL_ORD_ID);
        final String symbol = m.stringValue(FixTags.SYMBOL);
        final long orderId = m.has(FixTags.ORDER_ID) ? m.longValue(FixTags.ORDER_ID) : 0;
        if (!accountAllowed(m))
        {
            cancelReject(session, clOrdId, origClOrdId, orderId, isReplace, 99, "Account is not the participant of this session");
            return;
        }
        if (clOrdId.length() > 24 || origClOrdId.length() > 24 || orderId < 0)
        {
            cancelReject(session, clOrdId, origClOrdId, 0, isReplace, 99, "ClOrdID/OrigClOrdID too long or OrderID not a number");
            return;
        }
        if (pending.size() >= PENDING_MAX)
        {
            cancelReject(session, clOrdId, origClOrdId, orderId, isReplace, 99, "Too many requests awaiting the exchange");
            return;
        }
        final int length;
        long qty = 0;
        long priceFen = 0;
        if (isReplace)
        {
            qty = fixedPoint(m, FixTags.ORDER_QTY, 0);
            priceFen = m.has(FixTags.PRICE) ? fixedPoint(m, FixTags.PRICE, 2) : 0;
            if (qty <= 0 || priceFen < 0)
            {
                cancelReject(session, clOrdId, origClOrdId, orderId, true, 99,
                    "OrderQty must be a positive whole number and Price have at most 2 decimals");
                return;
            }
            replace.wrapForEncode(commandBuffer, 0, sessionId);
            replace.participantId(config.participant());
            replace.clOrdId(clOrdId);
            replace.origClOrdId(origClOrdId);
            replace.orderId(orderId).priceFen(priceFen).qty(qty);
            length = replace.length();
        }
        else
        {
            cancel.wrapForEncode(commandBuffer, 0, sessionId);
            cancel.participantId(config.participant());
            cancel.clOrdId(clOrdId);
            cancel.origClOrdId(origClOrdId);
            cancel.orderId(orderId);
            length = cancel.length();
        }
        if (!offer(length))
        {
            cancelReject(session, clOrdId, origClOrdId, orderId, isReplace, 99,
                "Exchange busy (back-pressure): request not accepted, retry later");
            return;
        }
        final Request r = new Request();
        r.kind = isReplace ? 'G' : 'F';
        r.clOrdId = clOrdId;
        r.origClOrdId = origClOrdId;
        r.symbol = symbol;
        r.fixSide = (char)m.charValue(FixTags.SIDE);
        r.orderQty = qty;
        r.priceFen = priceFen;
        pending.put(clOrdId, r);
    }

    private void onMassCancelRequest(final SessionHandle session, final FixMessage m)
    {
        final String clOrdId = m.stringValue(FixTags.CL_ORD_ID);
        final char type = (char)m.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE);
        final String symbol = m.stringValue(FixTags.SYMBOL);
        if (type != '1' && type != '7')
        {
            massCancelReport(session, clOrdId, type, '0', 0, "MassCancelRequestType must be 1 (security) or 7 (all)");
            return;
        }
        if (type == '1' && (null == symbol || symbol.length() > 32))
        {
            massCancelReport(session, clOrdId, type, '0', 0, "Symbol (at most 32 characters) required for type 1");
            return;
        }
        massCancel.wrapForEncode(commandBuffer, 0, sessionId);
        massCancel.participantId(config.participant());
        massCancel.productId(type == '1' ? symbol : null);
        massCancel.clOrdId(clOrdId);
        final byte side = m.has(FixTags.SIDE) ? toSide((char)m.charValue(FixTags.SIDE)) : -1;
        massCancel.side(side);
        if (!offer(massCancel.length()))
        {
            massCancelReport(session, clOrdId, type, '0', 0, "Exchange busy (back-pressure): request not accepted");
            return;
        }
        final Request r = new Request();
        r.kind = 'q';
        r.clOrdId = clOrdId;
        r.symbol = symbol;
        r.massCancelType = type;
        pending.put(clOrdId, r);
    }

    private void onOrderStatusRequest(final SessionHandle session, final FixMessage m)
    {
        final long orderId = m.has(FixTags.ORDER_ID) ? m.longValue(FixTags.ORDER_ID) : 0;
        OrderState order = orderId > 0 ? orders.get(orderId) : null;
        if (null == order)
        {
            order = ordersByClOrdId.get(m.stringValue(FixTags.CL_ORD_ID));
        }
        final FixEncoder e = session.begin("8");
        if (null == order)
        {
            e.string(FixTags.ORDER_ID, "NONE");
            copy(e, m, FixTags.CL_ORD_ID);
            localExecId(e);
            e.charValue(FixTags.EXEC_TYPE, 'I').charValue(FixTags.ORD_STATUS, '8');
            copy(e, m, FixTags.SYMBOL);
            copy(e, m, FixTags.SIDE);
            e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).longValue(FixTags.AVG_PX, 0)
                .string(FixTags.TEXT, "Unknown order (not live for this session)");
        }
        else
        {
            e.longValue(FixTags.ORDER_ID, order.orderId).string(FixTags.CL_ORD_ID, order.clOrdId);
            localExecId(e);
            e.charValue(FixTags.EXEC_TYPE, 'I').charValue(FixTags.ORD_STATUS, order.ordStatus)
                .string(FixTags.SYMBOL, order.symbol).charValue(FixTags.SIDE, order.fixSide)
                .longValue(FixTags.ORDER_QTY, order.orderQty).charValue(FixTags.ORD_TYPE, order.fixOrdType);
            if (order.priceFen > 0)
            {
                e.decimal(FixTags.PRICE, order.priceFen, 2);
            }
            e.longValue(FixTags.LEAVES_QTY, order.leavesQty).longValue(FixTags.CUM_QTY, order.cumQty);
            avgPx(e, order.cumNotionalFen, order.cumQty);
        }
        e.string(FixTags.ACCOUNT, config.participant());
        session.send();
    }

    private void onSecurityListRequest(final SessionHandle session, final FixMessage m)
    {
        final String symbol = m.charValue(FixTags.SECURITY_LIST_REQUEST_TYPE) == '0' ? m.stringValue(FixTags.SYMBOL) : null;
        final ProductDirectory.Product[] all = products.snapshot();
        int count = 0;
        for (final ProductDirectory.Product p : all)
        {
            if (null != p && (null == symbol || p.productId.equals(symbol)))
            {
                count++;
            }
        }
        final FixEncoder e = session.begin("y");
        copy(e, m, FixTags.SECURITY_REQ_ID);
        e.tag(FixTags.SECURITY_RESPONSE_ID).append("SL-").append(++localExecId).endField();
        e.charValue(FixTags.SECURITY_REQUEST_RESULT, count > 0 ? '0' : '2');
        e.longValue(FixTags.TOT_NO_RELATED_SYM, count);
        e.longValue(FixTags.NO_RELATED_SYM, count);
        for (final ProductDirectory.Product p : all)
        {
            if (null == p || (null != symbol && !p.productId.equals(symbol)))
            {
                continue;
            }
            if (e.remaining() < 512)
            {
                break;
            }
            e.string(FixTags.SYMBOL, p.productId);
            e.string(FixTags.SECURITY_SUB_TYPE, ProductDirectory.kindName(p.kind));
            e.tag(FixTags.SECURITY_DESC).append("kind=").append(ProductDirectory.kindName(p.kind))
                .append(" grade=").append(Codes.nameOf(Codes.Grade.NAMES, p.grade))
                .append(" tick=").append(p.tickFen / 100).append('.').append(twoDigits(p.tickFen % 100))
                .append(" lot=").append(p.lotQty)
                .append(" status=").append(Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
            if (p.windowEndNs > 0)
            {
                e.append(" windowStartMs=").append(p.windowStartNs / 1_000_000).append(" windowEndMs=")
                    .append(p.windowEndNs / 1_000_000);
            }
            e.endField();
            e.longValue(FixTags.ROUND_LOT, p.lotQty);
            e.string(FixTags.TEXT, Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
        }
        session.send();
    }

    private static String twoDigits(final long v)
    {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private void onMarketDataRequest(final SessionHandle session, final FixMessage m)
    {
        final String mdReqId = m.stringValue(FixTags.MD_REQ_ID);
        final char requestType = (char)m.charValue(FixTags.SUBSCRIPTION_REQUEST_TYPE);
        if (requestType == '2')
        {
            final String symbol = marketDataRequests.remove(mdReqId);
            if (null != symbol)
            {
                subscribedSymbols.remove(symbol);
            }
            marketDataSubscribed = !marketDataRequests.isEmpty();
            return;
        }
        final int count = m.fieldCount();
        for (int i = 0; i < count; i++)
        {
            if (m.tagAt(i) != FixTags.SYMBOL)
            {
                continue;
            }
            final String symbol = m.buffer().getStringWithoutLengthAscii(m.valueOffsetAt(i), m.valueLengthAt(i));
            final ProductDirectory.Product product = products.byId(symbol);
            final FixEncoder e = session.begin("W");
            e.string(FixTags.MD_REQ_ID, mdReqId).string(FixTags.SYMBOL, symbol);
            final long lastPx = null == product ? 0 : products.lastTradePriceFen(product.index);
            if (lastPx > 0)
            {
                e.longValue(FixTags.NO_MD_ENTRIES, 1).charValue(FixTags.MD_ENTRY_TYPE, '2')
                    .decimal(FixTags.MD_ENTRY_PX, lastPx, 2).longValue(FixTags.MD_ENTRY_SIZE, products.lastTradeQty(product.index));
            }
            else
            {
                e.longValue(FixTags.NO_MD_ENTRIES, 0);
            }
            session.send();
            if (requestType == '1' && marketDataRequests.size() < 1024)
            {
                marketDataRequests.put(mdReqId, symbol);
                subscribedSymbols.add(symbol);
                marketDataSubscribed = true;
            }
        }
    }

    // ------------------------------------------------------------------ events → FIX

    private void onInboxEvent(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        final SessionHandle session = handle;
        if (null == session || !session.isLoggedOn())
        {
            return;
        }
        final long seq = buffer.getLong(index);
        final int eventIndex = buffer.getInt(index + 8);
        final long timeNs = buffer.getLong(index + 16);
        final int offset = index + INBOX_HEADER;
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
            case MessageType.ORDER_CANCELLED:
            case MessageType.ORDER_EXPIRED:
            case MessageType.ORDER_REPLACED:
                orderEvent.wrap(buffer, offset);
                onOrderEvent(session, type, seq, eventIndex, timeNs);
                break;
            case MessageType.TRADE:
                tradeEvent.wrap(buffer, offset);
                if (tradeEvent.buySessionId() == sessionId)
                {
                    onFill(session, true, seq, eventIndex, timeNs);
                }
                if (tradeEvent.sellSessionId() == sessionId)
                {
                    onFill(session, false, seq, eventIndex, timeNs);
                }
                break;
            case MessageType.REJECTED:
                rejectedEvent.wrap(buffer, offset);
                onRejected(session, timeNs);
                break;
            case MessageType.MASS_CANCELLED:
                massCancelledEvent.wrap(buffer, offset);
                onMassCancelled(session);
                break;
            case PUBLIC_TRADE:
                tradeEvent.wrap(buffer, offset);
                onPublicTradeForSession(session, timeNs);
                break;
            default:
                break;
        }
    }

    private String symbolOf(final int productIndex, final String fallback)
    {
        final ProductDirectory.Product p = products.byIndex(productIndex);
        return null != p ? p.productId : null != fallback ? fallback : "#" + productIndex;
    }

    private void onOrderEvent(final SessionHandle session, final int type, final long seq, final int eventIndex, final long timeNs)
    {
        final String clOrdId = orderEvent.clOrdId();
        final Request request = pending.remove(clOrdId);
        OrderState order = orders.get(orderEvent.orderId());
        if (null == order)
        {
            order = new OrderState();
            order.orderId = orderEvent.orderId();
            order.symbol = symbolOf(orderEvent.product(), null == request ? null : request.symbol);
            order.fixSide = orderEvent.side() == Codes.Side.BUY ? '1' : '2';
            order.fixOrdType = orderEvent.ordType() == Codes.OrdType.MARKET ? '1' : '2';
        }
        if (null != order.clOrdId)
        {
            ordersByClOrdId.remove(order.clOrdId);
        }
        order.clOrdId = clOrdId;
        order.orderQty = orderEvent.orderQty();
        order.priceFen = orderEvent.priceFen();
        order.cumQty = orderEvent.cumQty();
        order.cumNotionalFen = orderEvent.cumNotionalFen();
        final char execType;
        final boolean done;
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
                execType = '0';
                order.ordStatus = order.cumQty > 0 ? '1' : '0';
                order.leavesQty = orderEvent.leavesQty();
                done = false;
                break;
            case MessageType.ORDER_REPLACED:
                execType = '5';
                order.leavesQty = orderEvent.leavesQty();
                order.ordStatus = order.leavesQty == 0 ? '2' : order.cumQty > 0 ? '1' : '0';
                done = order.leavesQty == 0;
                break;
            case MessageType.ORDER_EXPIRED:
                execType = 'C';
                order.ordStatus = 'C';
                order.leavesQty = 0;
                done = true;
                break;
            default:
                execType = '4';
                order.ordStatus = '4';
                order.leavesQty = 0;
                done = true;
                break;
        }
        if (done)
        {
            orders.remove(order.orderId);
        }
        else
        {
            orders.put(order.orderId, order);
            ordersByClOrdId.put(clOrdId, order);
        }

        final FixEncoder e = session.begin("8");
        e.longValue(FixTags.ORDER_ID, order.orderId)
            .bytes(FixTags.CL_ORD_ID, orderEvent.buffer(), orderEvent.clOrdIdOffset(), orderEvent.clOrdIdLength());
        if (orderEvent.origClOrdIdLength() > 0)
        {
            e.bytes(FixTags.ORIG_CL_ORD_ID, orderEvent.buffer(), orderEvent.origClOrdIdOffset(), orderEvent.origClOrdIdLength());
        }
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).endField();
        e.charValue(FixTags.EXEC_TYPE, execType).charValue(FixTags.ORD_STATUS, order.ordStatus)
            .string(FixTags.ACCOUNT, config.participant())
            .string(FixTags.SYMBOL, order.symbol).charValue(FixTags.SIDE, order.fixSide)
            .longValue(FixTags.ORDER_QTY, order.orderQty).charValue(FixTags.ORD_TYPE, order.fixOrdType);
        if (order.priceFen > 0)
        {
            e.decimal(FixTags.PRICE, order.priceFen, 2);
        }
        e.charValue(FixTags.TIME_IN_FORCE, fixTif(orderEvent.tif()))
            .longValue(FixTags.LEAVES_QTY, order.leavesQty).longValue(FixTags.CUM_QTY, order.cumQty);
        avgPx(e, order.cumNotionalFen, order.cumQty);
        e.timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        if (MessageType.ORDER_CANCELLED == type || MessageType.ORDER_EXPIRED == type)
        {
            e.string(FixTags.TEXT, Codes.nameOf(Codes.CancelReason.NAMES, orderEvent.reason()));
        }
        session.send();
    }

    private void onFill(final SessionHandle session, final boolean buy, final long seq, final int eventIndex, final long timeNs)
    {
        final long orderId = buy ? tradeEvent.buyOrderId() : tradeEvent.sellOrderId();
        final long leaves = buy ? tradeEvent.buyLeavesQty() : tradeEvent.sellLeavesQty();
        final long cum = buy ? tradeEvent.buyCumQty() : tradeEvent.sellCumQty();
        final long notional = buy ? tradeEvent.buyCumNotionalFen() : tradeEvent.sellCumNotionalFen();
        final long orderQty = buy ? tradeEvent.buyOrderQty() : tradeEvent.sellOrderQty();
        final OrderState order = orders.get(orderId);
        final char ordStatus = leaves == 0 ? '2' : '1';
        final String symbol = null != order ? order.symbol : symbolOf(tradeEvent.product(), null);
        if (null != order)
        {
            order.cumQty = cum;
            order.leavesQty = leaves;
            order.cumNotionalFen = notional;
            order.ordStatus = ordStatus;
            if (leaves == 0)
            {
                orders.remove(orderId);
                ordersByClOrdId.remove(order.clOrdId);
            }
        }
        final FixEncoder e = session.begin("8");
        e.longValue(FixTags.ORDER_ID, orderId);
        if (buy)
        {
            e.bytes(FixTags.CL_ORD_ID, tradeEvent.buffer(), tradeEvent.offset() + TradeEvent.BUY_CL_ORD_ID_OFFSET,
                asciiLength(tradeEvent.buffer(), tradeEvent.offset() + TradeEvent.BUY_CL_ORD_ID_OFFSET, 24));
        }
        else
        {
            e.bytes(FixTags.CL_ORD_ID, tradeEvent.buffer(), tradeEvent.offset() + TradeEvent.SELL_CL_ORD_ID_OFFSET,
                asciiLength(tradeEvent.buffer(), tradeEvent.offset() + TradeEvent.SELL_CL_ORD_ID_OFFSET, 24));
        }
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).append(buy ? "-B" : "-S").endField();
        e.charValue(FixTags.EXEC_TYPE, 'F').charValue(FixTags.ORD_STATUS, ordStatus)
            .string(FixTags.ACCOUNT, config.participant())
            .string(FixTags.SYMBOL, symbol).charValue(FixTags.SIDE, buy ? '1' : '2')
            .longValue(FixTags.ORDER_QTY, orderQty)
            .decimal(FixTags.LAST_PX, tradeEvent.priceFen(), 2).longValue(FixTags.LAST_QTY, tradeEvent.qty())
            .longValue(FixTags.LEAVES_QTY, leaves).longValue(FixTags.CUM_QTY, cum);
        avgPx(e, notional, cum);
        e.decimal(12, buy ? tradeEvent.buyFeeFen() : tradeEvent.sellFeeFen(), 2).charValue(13, '3');
        e.timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        session.send();
    }

    private void onRejected(final SessionHandle session, final long timeNs)
    {
        final String clOrdId = rejectedEvent.clOrdId();
        final Request request = pending.remove(clOrdId);
        final RejectReason reason = RejectReason.ofCode(rejectedEvent.reason());
        final String reasonName = null == reason ? "REJECTED_" + rejectedEvent.reason() : reason.name();
        final String reasonText = null == reason ? "rejected by the exchange" : reason.text();
        final int commandType = rejectedEvent.commandType();
        if (MessageType.CANCEL == commandType || MessageType.REPLACE == commandType)
        {
            final FixEncoder e = session.begin("9");
            if (rejectedEvent.orderId() > 0)
            {
                e.longValue(FixTags.ORDER_ID, rejectedEvent.orderId());
            }
            else
            {
                e.string(FixTags.ORDER_ID, "NONE");
            }
            e.string(FixTags.CL_ORD_ID, clOrdId)
                .string(FixTags.ORIG_CL_ORD_ID, null == request || null == request.origClOrdId ? "NONE" : request.origClOrdId);
            final OrderState order = null == request ? null : ordersByClOrdId.get(request.origClOrdId);
            e.charValue(FixTags.ORD_STATUS, null == order ? '8' : order.ordStatus)
                .string(FixTags.ACCOUNT, config.participant())
                .charValue(FixTags.CXL_REJ_RESPONSE_TO, MessageType.CANCEL == commandType ? '1' : '2')
                .longValue(FixTags.CXL_REJ_REASON, RejectReason.UNKNOWN_ORDER == reason ? 1 :
                    RejectReason.DUPLICATE_CLORDID == reason ? 6 : 99);
            e.tag(FixTags.TEXT).append(reasonName).append(": ").append(reasonText).endField();
            session.send();
            return;
        }
        if (MessageType.MASS_CANCEL == commandType)
        {
            massCancelReport(session, clOrdId, null == request ? '7' : request.massCancelType, '0', 0,
                reasonName + ": " + reasonText);
            return;
        }
        final FixEncoder e = session.begin("8");
        e.string(FixTags.ORDER_ID, rejectedEvent.orderId() > 0 ? Long.toString(rejectedEvent.orderId()) : "NONE")
            .string(FixTags.CL_ORD_ID, clOrdId);
        localExecId(e);
        e.charValue(FixTags.EXEC_TYPE, '8').charValue(FixTags.ORD_STATUS, '8')
            .longValue(FixTags.ORD_REJ_REASON, ordRejReason(reason))
            .string(FixTags.ACCOUNT, config.participant())
            .string(FixTags.SYMBOL, null == request || null == request.symbol ? "NONE" : request.symbol)
            .charValue(FixTags.SIDE, null == request || request.fixSide == 0 ? '1' : request.fixSide);
        if (null != request && request.orderQty > 0)
        {
            e.longValue(FixTags.ORDER_QTY, request.orderQty);
        }
        e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).longValue(FixTags.AVG_PX, 0)
            .timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        e.tag(FixTags.TEXT).append(reasonName).append(": ").append(reasonText).endField();
        session.send();
    }

    private void onMassCancelled(final SessionHandle session)
    {
        final String clOrdId = massCancelledEvent.clOrdId();
        final Request request = pending.remove(clOrdId);
        final char type = null == request ? (massCancelledEvent.product() < 0 ? '7' : '1') : request.massCancelType;
        massCancelReport(session, clOrdId, type, type, massCancelledEvent.cancelledCount(), null);
    }

    private void onPublicTradeForSession(final SessionHandle session, final long timeNs)
    {
        final ProductDirectory.Product product = products.byIndex(tradeEvent.product());
        if (null == product || !subscribedSymbols.contains(product.productId))
        {
            return;
        }
        for (final Map.Entry<String, String> request : marketDataRequests.entrySet())
        {
            if (!request.getValue().equals(product.productId))
            {
                continue;
            }
            final FixEncoder e = session.begin("X");
            e.string(FixTags.MD_REQ_ID, request.getKey()).longValue(FixTags.NO_MD_ENTRIES, 1)
                .charValue(FixTags.MD_UPDATE_ACTION, '0').charValue(FixTags.MD_ENTRY_TYPE, '2')
                .string(FixTags.SYMBOL, product.productId)
                .decimal(FixTags.MD_ENTRY_PX, tradeEvent.priceFen(), 2).longValue(FixTags.MD_ENTRY_SIZE, tradeEvent.qty());
            session.send();
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean offer(final int length)
    {
        for (int attempt = 0; attempt < offerAttemptsMax; attempt++)
        {
            final long result = publication.offer(commandBuffer, 0, length);
            if (result > 0)
            {
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                return false;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private void rejectOrder(final SessionHandle session, final FixMessage m, final int ordRejReason, final String text)
    {
        final FixEncoder e = session.begin("8");
        e.string(FixTags.ORDER_ID, "NONE");
        copy(e, m, FixTags.CL_ORD_ID);
        localExecId(e);
        e.charValue(FixTags.EXEC_TYPE, '8').charValue(FixTags.ORD_STATUS, '8')
            .longValue(FixTags.ORD_REJ_REASON, ordRejReason);
        copy(e, m, FixTags.ACCOUNT);
        copy(e, m, FixTags.SYMBOL);
        copy(e, m, FixTags.SIDE);
        copy(e, m, FixTags.ORDER_QTY);
        e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).longValue(FixTags.AVG_PX, 0)
            .string(FixTags.TEXT, text);
        session.send();
    }

    private void cancelReject(
        final SessionHandle session, final String clOrdId, final String origClOrdId, final long orderId, final boolean isReplace,
        final int reason, final String text)
    {
        final FixEncoder e = session.begin("9");
        if (orderId > 0)
        {
            e.longValue(FixTags.ORDER_ID, orderId);
        }
        else
        {
            e.string(FixTags.ORDER_ID, "NONE");
        }
        final OrderState order = ordersByClOrdId.get(origClOrdId);
        e.string(FixTags.CL_ORD_ID, clOrdId).string(FixTags.ORIG_CL_ORD_ID, origClOrdId)
            .charValue(FixTags.ORD_STATUS, null == order ? '8' : order.ordStatus)
            .charValue(FixTags.CXL_REJ_RESPONSE_TO, isReplace ? '2' : '1')
            .longValue(FixTags.CXL_REJ_REASON, reason)
            .string(FixTags.TEXT, text);
        session.send();
    }

    private void massCancelReport(
        final SessionHandle session, final String clOrdId, final char requestType, final char response, final int affected,
        final String text)
    {
        final FixEncoder e = session.begin("r");
        e.string(FixTags.CL_ORD_ID, clOrdId).string(FixTags.ORDER_ID, clOrdId)
            .charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, requestType == 0 ? '7' : requestType)
            .charValue(FixTags.MASS_CANCEL_RESPONSE, response)
            .longValue(FixTags.TOTAL_AFFECTED_ORDERS, affected);
        if (response == '0')
        {
            e.longValue(FixTags.MASS_CANCEL_REJECT_REASON, 99);
        }
        if (null != text)
        {
            e.string(FixTags.TEXT, text);
        }
        session.send();
    }

    private void localExecId(final FixEncoder e)
    {
        e.tag(FixTags.EXEC_ID).append("G").append(sessionId).append('-').append(++localExecId).endField();
    }

    private static void copy(final FixEncoder e, final FixMessage m, final int tag)
    {
        final int i = m.indexOf(tag);
        if (i >= 0)
        {
            e.field(m, i);
        }
    }

    private static void avgPx(final FixEncoder e, final long cumNotionalFen, final long cumQty)
    {
        // Four decimals: fen / unit with two more digits, rounded down.
        e.decimal(FixTags.AVG_PX, cumQty == 0 ? 0 : cumNotionalFen * 100 / cumQty, 4);
    }

    private static long fixedPoint(final FixMessage m, final int tag, final int scale)
    {
        final int i = m.indexOf(tag);
        return i < 0 ? Long.MIN_VALUE : FixMessage.parseFixedPoint(m.buffer(), m.valueOffsetAt(i), m.valueLengthAt(i), scale);
    }

    private static int asciiLength(final DirectBuffer buffer, final int offset, final int max)
    {
        for (int i = 0; i < max; i++)
        {
            if (buffer.getByte(offset + i) == 0)
            {
                return i;
            }
        }
        return max;
    }

    private static byte toSide(final char fixSide)
    {
        return fixSide == '1' ? Codes.Side.BUY : fixSide == '2' ? Codes.Side.SELL : -1;
    }

    private static byte toTif(final char fixTif)
    {
        switch (fixTif)
        {
            case 0:
            case '0': return Codes.TimeInForce.DAY;
            case '1': return Codes.TimeInForce.GTC;
            case '3': return Codes.TimeInForce.IOC;
            case '4': return Codes.TimeInForce.FOK;
            default: return -1;
        }
    }

    private static char fixTif(final byte tif)
    {
        switch (tif)
        {
            case Codes.TimeInForce.GTC: return '1';
            case Codes.TimeInForce.IOC: return '3';
            case Codes.TimeInForce.FOK: return '4';
            default: return '0';
        }
    }

    private static int ordRejReason(final RejectReason reason)
    {
        if (null == reason)
        {
            return 99;
        }
        switch (reason)
        {
            case UNKNOWN_PRODUCT: return 1;
            case PRODUCT_NOT_LISTED:
            case DELIVERY_WINDOW_STARTED: return 2;
            case INSUFFICIENT_FUNDS:
            case INSUFFICIENT_INVENTORY:
            case INSUFFICIENT_CAPACITY:
            case POSITION_PLEDGED: return 3;
            case UNKNOWN_ORDER: return 5;
            case DUPLICATE_CLORDID: return 6;
            case UNKNOWN_PARTICIPANT: return 15;
            case INVALID_QUANTITY:
            case QTY_NOT_LOT_MULTIPLE: return 13;
            case PRICE_NOT_ON_TICK: return 18;
            default: return 99;
        }
    }
}
