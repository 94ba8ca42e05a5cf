package io.databourse.gateway.exchange;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.aeron.Publication;
import io.databourse.gateway.GatewayContext;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.schema.CancelCommand;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.Flyweight;
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
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * A trading session's application: NewOrderSingle, OrderCancelRequest, OrderCancelReplaceRequest,
 * OrderMassCancelRequest become matcher commands on the exchange link (always for the
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
    private static final int BOOK_LEVEL = 10_001;
    private static final int SNAPSHOT_BEGIN = 10_002;
    private static final int SNAPSHOT_LEVEL = 10_003;
    private static final int SNAPSHOT_END = 10_004;
    private static final int SNAPSHOT_LEVELS_MAX = 4_096;
    private static final int MARKET_DATA_SUBSCRIPTIONS_MAX = 64;
    private static final int SECURITY_LIST_FRAGMENT = 40;
    /** Inbox record: seq i64, eventIndex i32, pad i32, timeNs i64, then the event. */
    private static final int INBOX_HEADER = 24;
    private static final int PENDING_MAX = 10_000;
    private static final int BUSINESS_REJECT_OTHER = 0;
    private static final int BUSINESS_REJECT_UNSUPPORTED_MESSAGE_TYPE = 3;

    private final SessionConfig config;
    private final int sessionId;
    private final ExchangeLink link;
    private final ProductDirectory products;
    private final MarketDataSource marketData;
    private final io.databourse.gateway.GatewayCounters counters;
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
    /** By hash of ClOrdID; entries are checked against the full ClOrdID. */
    private final Long2ObjectHashMap<Request> pending = new Long2ObjectHashMap<>();
    private final ArrayDeque<Request> freeRequests = new ArrayDeque<>();
    private final Long2ObjectHashMap<OrderState> orders = new Long2ObjectHashMap<>();
    /** By hash of the order's current ClOrdID; entries are checked against the full ClOrdID. */
    private final Long2ObjectHashMap<OrderState> ordersByClOrdId = new Long2ObjectHashMap<>();
    private final ArrayDeque<OrderState> freeOrders = new ArrayDeque<>();
    private final List<MarketDataSubscription> marketDataSubscriptions = new ArrayList<>();
    private final byte[] snapshotSides = new byte[SNAPSHOT_LEVELS_MAX];
    private final long[] snapshotPrices = new long[SNAPSHOT_LEVELS_MAX];
    private final long[] snapshotQtys = new long[SNAPSHOT_LEVELS_MAX];
    private int snapshotCount;
    private long localExecId;
    /** Makes gateway-made ExecIDs unique across restarts too. */
    private final long localIdEpochS = System.currentTimeMillis() / 1000;

    /** What the gateway remembers of a request until the matcher answers it; pooled. */
    static final class Request
    {
        char kind;
        final AsciiId clOrdId = new AsciiId(Flyweight.CLORDID_LENGTH);
        final AsciiId origClOrdId = new AsciiId(Flyweight.CLORDID_LENGTH);
        final AsciiId symbol = new AsciiId(Flyweight.PRODUCT_ID_LENGTH);
        char fixSide;
        long orderQty;
        long priceFen;
        char fixOrdType;
        char massCancelType;
    }

    /** A live order as last reported, for OrderStatusRequest and symbols; pooled. */
    static final class OrderState
    {
        long orderId;
        final AsciiId clOrdId = new AsciiId(Flyweight.CLORDID_LENGTH);
        final AsciiId symbol = new AsciiId(Flyweight.PRODUCT_ID_LENGTH);
        char fixSide;
        char fixOrdType;
        long orderQty;
        long priceFen;
        long cumQty;
        long leavesQty;
        long cumNotionalFen;
        char ordStatus;
    }

    /** Serves book snapshots on the event thread, in order with level updates. */
    public interface MarketDataSource
    {
        boolean requestSnapshot(ExchangeApplication application, int product);

        /** The price indexes (symbols {@code IDX.*}), or null when this gateway publishes none. */
        default IndexMarketData indexes()
        {
            return null;
        }
    }

    /** One MarketDataRequest for one symbol. */
    static final class MarketDataSubscription
    {
        String mdReqId;
        String symbol;
        int product;
        int depth;
        boolean streaming;
        boolean awaitingSnapshot;
        final Long2LongHashMap[] levels = {new Long2LongHashMap(0), new Long2LongHashMap(0)};
    }

    public ExchangeApplication(
        final SessionConfig config,
        final ExchangeLink link,
        final ProductDirectory products,
        final MarketDataSource marketData,
        final GatewayContext ctx)
    {
        this.marketData = marketData;
        this.counters = ctx.counters();
        this.config = config;
        this.sessionId = config.sessionId();
        this.link = link;
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

    /** A reject for this session with the refused command appended (event thread). */
    public void onRejected(
        final DirectBuffer buffer, final int offset, final int length, final DirectBuffer commandBuffer,
        final int commandOffset, final int commandLength, final long seq, final int eventIndex, final long timeNs)
    {
        final int index = inbox.tryClaim(MessageType.REJECTED, INBOX_HEADER + length + commandLength);
        if (index <= 0)
        {
            inboxOverflowed = true;
        }
        else
        {
            final MutableDirectBuffer b = inbox.buffer();
            b.putLong(index, seq);
            b.putInt(index + 8, eventIndex);
            b.putLong(index + 16, timeNs);
            b.putBytes(index + INBOX_HEADER, buffer, offset, length);
            b.putBytes(index + INBOX_HEADER + length, commandBuffer, commandOffset, commandLength);
            inbox.commit(index);
        }
        final SessionHandle h = handle;
        if (null != h && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
        }
    }

    /** Every trade, for market data (event thread); queued only if this session subscribed. */
    public void onPublicTrade(final DirectBuffer buffer, final int offset, final int length, final long timeNs)
    {
        if (marketDataSubscribed)
        {
            enqueue(PUBLIC_TRADE, buffer, offset, length, 0, 0, timeNs);
        }
    }

    /** A book level changed (event thread); queued only if this session has market data subscriptions. */
    public void onBookLevel(final int product, final byte side, final long priceFen, final long qty)
    {
        if (marketDataSubscribed)
        {
            enqueueLevel(BOOK_LEVEL, product, side, priceFen, qty);
        }
    }

    /** Snapshot delivery (event thread), in order with the level updates that follow it. */
    public void onSnapshotBegin(final int product)
    {
        enqueueLevel(SNAPSHOT_BEGIN, product, (byte)0, 0, 0);
    }

    public void onSnapshotLevel(final byte side, final long priceFen, final long qty)
    {
        enqueueLevel(SNAPSHOT_LEVEL, 0, side, priceFen, qty);
    }

    public void onSnapshotEnd(final int product)
    {
        enqueueLevel(SNAPSHOT_END, product, (byte)0, 0, 0);
    }

    private void enqueueLevel(final int type, final int product, final byte side, final long priceFen, final long qty)
    {
        final int index = inbox.tryClaim(type, 24);
        if (index <= 0)
        {
            inboxOverflowed = true;
        }
        else
        {
            final MutableDirectBuffer b = inbox.buffer();
            b.putInt(index, product);
            b.putByte(index + 4, side);
            b.putLong(index + 8, priceFen);
            b.putLong(index + 16, qty);
            inbox.commit(index);
        }
        final SessionHandle h = handle;
        if (null != h && drainScheduled.compareAndSet(false, true))
        {
            h.execute(drainTask);
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
        final SessionHandle h = handle;
        if (null != h && !h.onSessionThread())
        {
            // Scheduled for a connection that has since been replaced: move to the current one's thread.
            h.execute(drainTask);
            return;
        }
        drainScheduled.set(false);
        if (null == h)
        {
            return;
        }
        if (inboxOverflowed)
        {
            inboxOverflowed = false;
            counters.eventQueueOverflows.incrementAndGet();
            h.logout("Gateway event queue overflow: reconnect and request order status");
        }
        h.beginBatch();
        try
        {
            inbox.read(inboxHandler, 1024);
        }
        finally
        {
            h.endBatch();
        }
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
        marketDataSubscriptions.clear();
        marketDataSubscribed = false;
        if (null != marketData.indexes())
        {
            marketData.indexes().remove(session);
        }
        for (final Request r : pending.values())
        {
            freeRequests.add(r);
        }
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
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        final char fixSide = (char)m.charValue(FixTags.SIDE);
        final char fixOrdType = (char)m.charValue(FixTags.ORD_TYPE);
        if (!accountAllowed(m))
        {
            rejectOrder(session, m, 99, "Account is not the participant of this session");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > Flyweight.CLORDID_LENGTH ||
            m.valueLengthAt(symbolIndex) > Flyweight.PRODUCT_ID_LENGTH)
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
        final byte purpose = purposeOf(m);
        if (purpose < 0)
        {
            rejectOrder(session, m, 99, PURPOSE_TEXT);
            return;
        }
        final Request r = newRequest(m, clOrdIdIndex);
        if (null == r)
        {
            rejectOrder(session, m, 99, "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        newOrder.wrapForEncode(commandBuffer, 0, sessionId);
        newOrder.participantId(config.participant());
        newOrder.productId(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        newOrder.clOrdId(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        newOrder.side(side).ordType(ordType).tif(tif).postOnly(execInstContains(m, '6'))
            .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(priceFen).qty(qty).purpose(purpose);
        if (!offer(newOrder.length()))
        {
            releasePending(r);
            rejectOrder(session, m, 99, "Exchange busy (back-pressure): order not accepted, retry later");
            return;
        }
        r.kind = 'D';
        r.symbol.set(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        r.fixSide = fixSide;
        r.orderQty = qty;
        r.priceFen = priceFen;
        r.fixOrdType = fixOrdType;
    }

    private static final String PURPOSE_TEXT = "ComplianceID (376) must name a purpose: " +
        String.join(", ", java.util.Arrays.copyOfRange(Codes.Purpose.NAMES, 1, Codes.Purpose.NAMES.length));

    /**
     * The purpose an order declares, from ComplianceID (376): a {@link Codes.Purpose} name; none when
     * the tag is absent; -1 when it names no purpose. Compared byte by byte: no String per order.
     */
    private static byte purposeOf(final FixMessage m)
    {
        final int i = m.indexOf(FixTags.COMPLIANCE_ID);
        if (i < 0)
        {
            return Codes.Purpose.NONE;
        }
        for (int code = Codes.Purpose.NONE + 1; code < Codes.Purpose.NAMES.length; code++)
        {
            if (m.valueEquals(i, Codes.Purpose.NAMES[code]))
            {
                return (byte)code;
            }
        }
        return -1;
    }

    private static boolean execInstContains(final FixMessage m, final char c)
    {
        final int i = m.indexOf(FixTags.EXEC_INST);
        if (i < 0)
        {
            return false;
        }
        for (int at = m.valueOffsetAt(i), end = at + m.valueLengthAt(i); at < end; at++)
        {
            if (m.buffer().getByte(at) == c)
            {
                return true;
            }
        }
        return false;
    }

    /** A pooled request registered under the message's ClOrdID; null when that id is pending or too many are. */
    private Request newRequest(final FixMessage m, final int clOrdIdIndex)
    {
        if (pending.size() >= PENDING_MAX)
        {
            return null;
        }
        final long key = AsciiId.hash(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        if (pending.containsKey(key))
        {
            return null;
        }
        Request r = freeRequests.poll();
        if (null == r)
        {
            r = new Request();
        }
        r.clOrdId.set(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        r.origClOrdId.clear();
        r.symbol.clear();
        r.fixSide = 0;
        r.orderQty = 0;
        r.priceFen = 0;
        r.fixOrdType = 0;
        r.massCancelType = 0;
        pending.put(key, r);
        return r;
    }

    private void releasePending(final Request r)
    {
        pending.remove(r.clOrdId.hash());
        freeRequests.add(r);
    }

    /** The pending request with this ClOrdID, removed from the pending set (release it after use), or null. */
    private Request takePending(final DirectBuffer buffer, final int offset, final int length)
    {
        final long key = AsciiId.hash(buffer, offset, length);
        final Request r = pending.get(key);
        if (null == r || !r.clOrdId.equalTo(buffer, offset, length))
        {
            return null;
        }
        pending.remove(key);
        return r;
    }

    private OrderState orderByClOrdId(final DirectBuffer buffer, final int offset, final int length)
    {
        final OrderState order = ordersByClOrdId.get(AsciiId.hash(buffer, offset, length));
        return null != order && order.clOrdId.equalTo(buffer, offset, length) ? order : null;
    }

    private OrderState orderByClOrdId(final AsciiId clOrdId)
    {
        final OrderState order = ordersByClOrdId.get(clOrdId.hash());
        return null != order && order.clOrdId.equalTo(clOrdId) ? order : null;
    }

    private void onCancelOrReplace(final SessionHandle session, final FixMessage m, final boolean isReplace)
    {
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final int origIndex = m.indexOf(FixTags.ORIG_CL_ORD_ID);
        final long orderId = m.has(FixTags.ORDER_ID) ? m.longValue(FixTags.ORDER_ID) : 0;
        if (!accountAllowed(m))
        {
            cancelReject(session, m, orderId, isReplace, 99, "Account is not the participant of this session");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > Flyweight.CLORDID_LENGTH ||
            m.valueLengthAt(origIndex) > Flyweight.CLORDID_LENGTH || orderId < 0)
        {
            cancelReject(session, m, 0, isReplace, 99, "ClOrdID/OrigClOrdID too long or OrderID not a number");
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
                cancelReject(session, m, orderId, true, 99,
                    "OrderQty must be a positive whole number and Price have at most 2 decimals");
                return;
            }
        }
        final Request r = newRequest(m, clOrdIdIndex);
        if (null == r)
        {
            cancelReject(session, m, orderId, isReplace, 99,
                "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        if (isReplace)
        {
            replace.wrapForEncode(commandBuffer, 0, sessionId);
            replace.participantId(config.participant());
            replace.clOrdId(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
            replace.origClOrdId(m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
            replace.orderId(orderId).priceFen(priceFen).qty(qty);
            length = replace.length();
        }
        else
        {
            cancel.wrapForEncode(commandBuffer, 0, sessionId);
            cancel.participantId(config.participant());
            cancel.clOrdId(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
            cancel.origClOrdId(m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
            cancel.orderId(orderId);
            length = cancel.length();
        }
        if (!offer(length))
        {
            releasePending(r);
            cancelReject(session, m, orderId, isReplace, 99, "Exchange busy (back-pressure): request not accepted, retry later");
            return;
        }
        r.kind = isReplace ? 'G' : 'F';
        r.origClOrdId.set(m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        if (symbolIndex >= 0)
        {
            r.symbol.set(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        }
        r.fixSide = (char)m.charValue(FixTags.SIDE);
        r.orderQty = qty;
        r.priceFen = priceFen;
    }

    private void onMassCancelRequest(final SessionHandle session, final FixMessage m)
    {
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        final char type = (char)m.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE);
        final int symbolIndex = m.indexOf(FixTags.SYMBOL);
        if (type != '1' && type != '7')
        {
            massCancelReportFor(session, m, type, "MassCancelRequestType must be 1 (security) or 7 (all)");
            return;
        }
        if (type == '1' && (symbolIndex < 0 || m.valueLengthAt(symbolIndex) > Flyweight.PRODUCT_ID_LENGTH))
        {
            massCancelReportFor(session, m, type, "Symbol (at most 32 characters) required for type 1");
            return;
        }
        if (m.valueLengthAt(clOrdIdIndex) > Flyweight.CLORDID_LENGTH)
        {
            massCancelReportFor(session, m, type, "ClOrdID must be at most 24 characters");
            return;
        }
        final Request r = newRequest(m, clOrdIdIndex);
        if (null == r)
        {
            massCancelReportFor(session, m, type, "ClOrdID already awaiting the exchange, or too many requests awaiting it");
            return;
        }
        massCancel.wrapForEncode(commandBuffer, 0, sessionId);
        massCancel.participantId(config.participant());
        if (type == '1')
        {
            massCancel.productId(m.buffer(), m.valueOffsetAt(symbolIndex), m.valueLengthAt(symbolIndex));
        }
        massCancel.clOrdId(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
        massCancel.side(m.has(FixTags.SIDE) ? toSide((char)m.charValue(FixTags.SIDE)) : -1);
        if (!offer(massCancel.length()))
        {
            releasePending(r);
            massCancelReportFor(session, m, type, "Exchange busy (back-pressure): request not accepted");
            return;
        }
        r.kind = 'q';
        r.massCancelType = type;
    }

    private void onOrderStatusRequest(final SessionHandle session, final FixMessage m)
    {
        final long orderId = m.has(FixTags.ORDER_ID) ? m.longValue(FixTags.ORDER_ID) : 0;
        OrderState order = orderId > 0 ? orders.get(orderId) : null;
        final int clOrdIdIndex = m.indexOf(FixTags.CL_ORD_ID);
        if (null == order && clOrdIdIndex >= 0)
        {
            order = orderByClOrdId(m.buffer(), m.valueOffsetAt(clOrdIdIndex), m.valueLengthAt(clOrdIdIndex));
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
            e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
                .string(FixTags.TEXT, "Unknown order (not live for this session)");
        }
        else
        {
            e.longValue(FixTags.ORDER_ID, order.orderId);
            order.clOrdId.put(e, FixTags.CL_ORD_ID);
            localExecId(e);
            e.charValue(FixTags.EXEC_TYPE, 'I').charValue(FixTags.ORD_STATUS, order.ordStatus);
            order.symbol.put(e, FixTags.SYMBOL);
            e.charValue(FixTags.SIDE, order.fixSide)
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
        final long responseId = ++localExecId;
        // Fragments of at most SECURITY_LIST_FRAGMENT products keep every message far below the size limit.
        int at = 0;
        int sent = 0;
        do
        {
            final int inThis = Math.min(SECURITY_LIST_FRAGMENT, count - sent);
            final FixEncoder e = session.begin("y");
            copy(e, m, FixTags.SECURITY_REQ_ID);
            e.tag(FixTags.SECURITY_RESPONSE_ID).append("SL-").append(responseId).endField();
            e.charValue(FixTags.SECURITY_REQUEST_RESULT, count > 0 ? '0' : '2');
            e.longValue(FixTags.TOT_NO_RELATED_SYM, count);
            e.charValue(FixTags.LAST_FRAGMENT, sent + inThis >= count ? 'Y' : 'N');
            e.longValue(FixTags.NO_RELATED_SYM, inThis);
            int written = 0;
            for (; at < all.length && written < inThis; at++)
            {
                final ProductDirectory.Product p = all[at];
                if (null == p || (null != symbol && !p.productId.equals(symbol)))
                {
                    continue;
                }
                writeProduct(e, p);
                written++;
            }
            sent += written;
            session.send();
            if (written == 0)
            {
                break;
            }
        }
        while (sent < count);
    }

    private static void writeProduct(final FixEncoder e, final ProductDirectory.Product p)
    {
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

    private static String twoDigits(final long v)
    {
        return v < 10 ? "0" + v : Long.toString(v);
    }

    private void onMarketDataRequest(final SessionHandle session, final FixMessage m)
    {
        final String mdReqId = m.stringValue(FixTags.MD_REQ_ID);
        final char requestType = (char)m.charValue(FixTags.SUBSCRIPTION_REQUEST_TYPE);
        final IndexMarketData indexes = marketData.indexes();
        if (requestType == '2')
        {
            marketDataSubscriptions.removeIf(sub -> sub.mdReqId.equals(mdReqId));
            marketDataSubscribed = !marketDataSubscriptions.isEmpty();
            if (null != indexes)
            {
                indexes.unsubscribe(session, mdReqId);
            }
            return;
        }
        if (requestType != '0' && requestType != '1')
        {
            marketDataReject(session, mdReqId, '4', "SubscriptionRequestType must be 0, 1 or 2");
            return;
        }
        final long depth = m.has(FixTags.MARKET_DEPTH) ? m.longValue(FixTags.MARKET_DEPTH) : 0;
        final int count = m.fieldCount();
        for (int i = 0; i < count; i++)
        {
            if (m.tagAt(i) != FixTags.SYMBOL)
            {
                continue;
            }
            final String symbol = m.buffer().getStringWithoutLengthAscii(m.valueOffsetAt(i), m.valueLengthAt(i));
            if (null != indexes && IndexMarketData.isIndexSymbol(symbol))
            {
                final String refusal = indexes.request(session, mdReqId, symbol, requestType == '1');
                if (null != refusal)
                {
                    marketDataReject(session, mdReqId, refusal.charAt(0), refusal.substring(1));
                }
                continue;
            }
            final ProductDirectory.Product product = products.byId(symbol);
            if (null == product)
            {
                marketDataReject(session, mdReqId, '0', "Unknown symbol " + symbol);
                continue;
            }
            if (marketDataSubscriptions.size() >= MARKET_DATA_SUBSCRIPTIONS_MAX)
            {
                marketDataReject(session, mdReqId, '2', "Too many market data subscriptions on this session");
                continue;
            }
            final MarketDataSubscription sub = new MarketDataSubscription();
            sub.mdReqId = mdReqId;
            sub.symbol = symbol;
            sub.product = product.index;
            sub.depth = (int)Math.max(0, Math.min(depth, SNAPSHOT_LEVELS_MAX));
            sub.streaming = requestType == '1';
            sub.awaitingSnapshot = true;
            marketDataSubscriptions.add(sub);
            // Updates flow from now on; the snapshot (served after them) tells where to start.
            marketDataSubscribed = true;
            if (!marketData.requestSnapshot(this, product.index))
            {
                marketDataSubscriptions.remove(sub);
                marketDataSubscribed = !marketDataSubscriptions.isEmpty();
                marketDataReject(session, mdReqId, '2', "Market data busy, retry later");
            }
        }
    }

    private void marketDataReject(final SessionHandle session, final String mdReqId, final char reason, final String text)
    {
        final FixEncoder e = session.begin("Y");
        e.string(FixTags.MD_REQ_ID, mdReqId).charValue(FixTags.MD_REQ_REJ_REASON, reason).string(FixTags.TEXT, text);
        session.send();
    }

    private void onSnapshotEnd(final SessionHandle session, final int product)
    {
        for (int s = 0; s < marketDataSubscriptions.size(); s++)
        {
            final MarketDataSubscription sub = marketDataSubscriptions.get(s);
            if (sub.product != product || !sub.awaitingSnapshot)
            {
                continue;
            }
            sub.awaitingSnapshot = false;
            sub.levels[0].clear();
            sub.levels[1].clear();
            int bids = 0;
            int offers = 0;
            for (int i = 0; i < snapshotCount; i++)
            {
                sub.levels[snapshotSides[i]].put(snapshotPrices[i], snapshotQtys[i]);
                if (snapshotSides[i] == Codes.Side.BUY)
                {
                    bids++;
                }
                else
                {
                    offers++;
                }
            }
            final int shownBids = sub.depth == 0 ? bids : Math.min(bids, sub.depth);
            final int shownOffers = sub.depth == 0 ? offers : Math.min(offers, sub.depth);
            final long lastPx = products.lastTradePriceFen(product);
            final FixEncoder e = session.begin("W");
            e.string(FixTags.MD_REQ_ID, sub.mdReqId).string(FixTags.SYMBOL, sub.symbol)
                .longValue(FixTags.NO_MD_ENTRIES, shownBids + shownOffers + (lastPx > 0 ? 1 : 0));
            int shown = 0;
            byte side = -1;
            for (int i = 0; i < snapshotCount; i++)
            {
                if (snapshotSides[i] != side)
                {
                    side = snapshotSides[i];
                    shown = 0;
                }
                if (sub.depth != 0 && shown >= sub.depth)
                {
                    continue;
                }
                shown++;
                e.charValue(FixTags.MD_ENTRY_TYPE, side == Codes.Side.BUY ? '0' : '1')
                    .decimal(FixTags.MD_ENTRY_PX, snapshotPrices[i], 2).longValue(FixTags.MD_ENTRY_SIZE, snapshotQtys[i]);
            }
            if (lastPx > 0)
            {
                e.charValue(FixTags.MD_ENTRY_TYPE, '2').decimal(FixTags.MD_ENTRY_PX, lastPx, 2)
                    .longValue(FixTags.MD_ENTRY_SIZE, products.lastTradeQty(product));
            }
            session.send();
            if (!sub.streaming)
            {
                marketDataSubscriptions.remove(s--);
            }
        }
        marketDataSubscribed = !marketDataSubscriptions.isEmpty();
    }

    private void onBookLevelForSession(
        final SessionHandle session, final int product, final byte side, final long priceFen, final long qty)
    {
        for (int s = 0; s < marketDataSubscriptions.size(); s++)
        {
            final MarketDataSubscription sub = marketDataSubscriptions.get(s);
            if (sub.product != product || sub.awaitingSnapshot || !sub.streaming || side < 0 || side > 1)
            {
                continue;
            }
            final Long2LongHashMap levels = sub.levels[side];
            final char action = qty == 0 ? '2' : levels.containsKey(priceFen) ? '1' : '0';
            if (qty == 0)
            {
                levels.remove(priceFen);
            }
            else
            {
                levels.put(priceFen, qty);
            }
            final FixEncoder e = session.begin("X");
            e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                .charValue(FixTags.MD_UPDATE_ACTION, action).charValue(FixTags.MD_ENTRY_TYPE, side == Codes.Side.BUY ? '0' : '1')
                .string(FixTags.SYMBOL, sub.symbol).decimal(FixTags.MD_ENTRY_PX, priceFen, 2);
            if (qty > 0)
            {
                e.longValue(FixTags.MD_ENTRY_SIZE, qty);
            }
            session.send();
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
        switch (type)
        {
            case BOOK_LEVEL:
                onBookLevelForSession(session, buffer.getInt(index), buffer.getByte(index + 4), buffer.getLong(index + 8),
                    buffer.getLong(index + 16));
                return;
            case SNAPSHOT_BEGIN:
                snapshotCount = 0;
                return;
            case SNAPSHOT_LEVEL:
                if (snapshotCount < SNAPSHOT_LEVELS_MAX)
                {
                    snapshotSides[snapshotCount] = buffer.getByte(index + 4);
                    snapshotPrices[snapshotCount] = buffer.getLong(index + 8);
                    snapshotQtys[snapshotCount] = buffer.getLong(index + 16);
                    snapshotCount++;
                }
                return;
            case SNAPSHOT_END:
                onSnapshotEnd(session, buffer.getInt(index));
                return;
            default:
                break;
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
            {
                rejectedEvent.wrap(buffer, offset);
                final int eventLength = Flyweight.lengthAt(buffer, offset);
                final int commandOffset = offset + eventLength;
                final boolean hasCommand = commandOffset + Flyweight.HEADER_LENGTH <= index + length &&
                    commandOffset + Flyweight.lengthAt(buffer, commandOffset) <= index + length;
                onRejected(session, seq, eventIndex, timeNs, buffer, hasCommand ? commandOffset : -1);
                break;
            }
            case MessageType.MASS_CANCELLED:
                massCancelledEvent.wrap(buffer, offset);
                onMassCancelled(session);
                break;
            case PUBLIC_TRADE:
                tradeEvent.wrap(buffer, offset);
                onPublicTradeForSession(session);
                break;
            default:
                break;
        }
    }

    private void putSymbol(final FixEncoder e, final int productIndex, final AsciiId fallback)
    {
        final ProductDirectory.Product p = products.byIndex(productIndex);
        if (null != p)
        {
            e.string(FixTags.SYMBOL, p.productId);
        }
        else if (null != fallback && !fallback.isEmpty())
        {
            fallback.put(e, FixTags.SYMBOL);
        }
        else
        {
            e.tag(FixTags.SYMBOL).append("#").append(productIndex).endField();
        }
    }

    private OrderState newOrderState(final long orderId)
    {
        OrderState order = freeOrders.poll();
        if (null == order)
        {
            order = new OrderState();
        }
        order.orderId = orderId;
        order.clOrdId.clear();
        order.symbol.clear();
        return order;
    }

    private void forget(final OrderState order)
    {
        orders.remove(order.orderId);
        final long key = order.clOrdId.hash();
        if (ordersByClOrdId.get(key) == order)
        {
            ordersByClOrdId.remove(key);
        }
        freeOrders.add(order);
    }

    private void onOrderEvent(final SessionHandle session, final int type, final long seq, final int eventIndex, final long timeNs)
    {
        final DirectBuffer eventBuffer = orderEvent.buffer();
        final int clOrdIdOffset = orderEvent.clOrdIdOffset();
        final int clOrdIdLength = orderEvent.clOrdIdLength();
        final Request request = takePending(eventBuffer, clOrdIdOffset, clOrdIdLength);
        OrderState order = orders.get(orderEvent.orderId());
        if (null == order)
        {
            order = newOrderState(orderEvent.orderId());
            final ProductDirectory.Product product = products.byIndex(orderEvent.product());
            if (null != product)
            {
                order.symbol.set(product.productId);
            }
            else if (null != request)
            {
                order.symbol.set(request.symbol);
            }
            order.fixSide = orderEvent.side() == Codes.Side.BUY ? '1' : '2';
            order.fixOrdType = orderEvent.ordType() == Codes.OrdType.MARKET ? '1' : '2';
            orders.put(order.orderId, order);
        }
        if (null != request)
        {
            freeRequests.add(request);
        }
        final long oldKey = order.clOrdId.hash();
        if (ordersByClOrdId.get(oldKey) == order)
        {
            ordersByClOrdId.remove(oldKey);
        }
        order.clOrdId.set(eventBuffer, clOrdIdOffset, clOrdIdLength);
        ordersByClOrdId.put(order.clOrdId.hash(), order);
        order.orderQty = orderEvent.orderQty();
        order.priceFen = orderEvent.priceFen();
        order.cumQty = orderEvent.cumQty();
        order.cumNotionalFen = orderEvent.cumNotionalFen();
        final char execType;
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
                execType = '0';
                order.ordStatus = order.cumQty > 0 ? '1' : '0';
                order.leavesQty = orderEvent.leavesQty();
                break;
            case MessageType.ORDER_REPLACED:
                execType = '5';
                order.leavesQty = orderEvent.leavesQty();
                order.ordStatus = order.leavesQty == 0 ? '2' : order.cumQty > 0 ? '1' : '0';
                break;
            case MessageType.ORDER_EXPIRED:
                execType = 'C';
                order.ordStatus = 'C';
                order.leavesQty = 0;
                break;
            default:
                execType = '4';
                order.ordStatus = '4';
                order.leavesQty = 0;
                break;
        }

        final FixEncoder e = session.begin("8");
        e.longValue(FixTags.ORDER_ID, order.orderId).bytes(FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
        if (orderEvent.origClOrdIdLength() > 0)
        {
            e.bytes(FixTags.ORIG_CL_ORD_ID, eventBuffer, orderEvent.origClOrdIdOffset(), orderEvent.origClOrdIdLength());
        }
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).endField();
        e.charValue(FixTags.EXEC_TYPE, execType).charValue(FixTags.ORD_STATUS, order.ordStatus)
            .string(FixTags.ACCOUNT, config.participant());
        putSymbol(e, orderEvent.product(), order.symbol);
        e.charValue(FixTags.SIDE, order.fixSide)
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
        if (order.leavesQty == 0)
        {
            forget(order);
        }
    }

    private void onFill(final SessionHandle session, final boolean buy, final long seq, final int eventIndex, final long timeNs)
    {
        final long orderId = buy ? tradeEvent.buyOrderId() : tradeEvent.sellOrderId();
        final long leaves = buy ? tradeEvent.buyLeavesQty() : tradeEvent.sellLeavesQty();
        final long cum = buy ? tradeEvent.buyCumQty() : tradeEvent.sellCumQty();
        final long notional = buy ? tradeEvent.buyCumNotionalFen() : tradeEvent.sellCumNotionalFen();
        final long orderQty = buy ? tradeEvent.buyOrderQty() : tradeEvent.sellOrderQty();
        final char ordStatus = leaves == 0 ? '2' : '1';
        final OrderState order = orders.get(orderId);
        if (null != order)
        {
            order.cumQty = cum;
            order.leavesQty = leaves;
            order.cumNotionalFen = notional;
            order.ordStatus = ordStatus;
        }
        final DirectBuffer eventBuffer = tradeEvent.buffer();
        final int clOrdIdOffset = tradeEvent.offset() + (buy ? TradeEvent.BUY_CL_ORD_ID_OFFSET : TradeEvent.SELL_CL_ORD_ID_OFFSET);
        final FixEncoder e = session.begin("8");
        e.longValue(FixTags.ORDER_ID, orderId)
            .bytes(FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, asciiLength(eventBuffer, clOrdIdOffset, Flyweight.CLORDID_LENGTH));
        e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).append(buy ? "-B" : "-S").endField();
        e.charValue(FixTags.EXEC_TYPE, 'F').charValue(FixTags.ORD_STATUS, ordStatus)
            .string(FixTags.ACCOUNT, config.participant());
        putSymbol(e, tradeEvent.product(), null == order ? null : order.symbol);
        e.charValue(FixTags.SIDE, buy ? '1' : '2')
            .longValue(FixTags.ORDER_QTY, orderQty)
            .decimal(FixTags.LAST_PX, tradeEvent.priceFen(), 2).longValue(FixTags.LAST_QTY, tradeEvent.qty())
            .longValue(FixTags.LEAVES_QTY, leaves).longValue(FixTags.CUM_QTY, cum);
        avgPx(e, notional, cum);
        e.decimal(FixTags.COMMISSION, buy ? tradeEvent.buyFeeFen() : tradeEvent.sellFeeFen(), 2)
            .charValue(FixTags.COMM_TYPE, '3');
        e.timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
        session.send();
        if (null != order && leaves == 0)
        {
            forget(order);
        }
    }

    private void onRejected(final SessionHandle session, final long seq, final int eventIndex, final long timeNs,
        final DirectBuffer commandBuffer, final int commandOffset)
    {
        final int refusedType = commandOffset < 0 ? 0 : Flyweight.typeAt(commandBuffer, commandOffset);
        // The reject's ClOrdID, else the refused command's (the same field at offset 56 or 24 by type).
        DirectBuffer eventBuffer = rejectedEvent.buffer();
        int clOrdIdOffset = rejectedEvent.clOrdIdOffset();
        int clOrdIdLength = rejectedEvent.clOrdIdLength();
        if (clOrdIdLength == 0 && commandOffset >= 0)
        {
            final int fieldOffset = commandClOrdIdOffset(refusedType);
            if (fieldOffset > 0)
            {
                eventBuffer = commandBuffer;
                clOrdIdOffset = commandOffset + fieldOffset;
                clOrdIdLength = asciiLength(commandBuffer, clOrdIdOffset, Flyweight.CLORDID_LENGTH);
            }
        }
        final Request request = takePending(eventBuffer, clOrdIdOffset, clOrdIdLength);
        try
        {
            final RejectReason reason = RejectReason.ofCode(rejectedEvent.reason());
            final int commandType = rejectedEvent.commandType();
            if (MessageType.CANCEL == commandType || MessageType.REPLACE == commandType)
            {
                final FixEncoder e = session.begin("9");
                putOrderId(e, rejectedEvent.orderId());
                putIdOrNone(e, FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
                final OrderState order = null == request ? null : orderByClOrdId(request.origClOrdId);
                if ((null == request || request.origClOrdId.isEmpty()) && MessageType.CANCEL == refusedType)
                {
                    cancel.wrap(commandBuffer, commandOffset);
                    e.bytes(FixTags.ORIG_CL_ORD_ID, commandBuffer, cancel.origClOrdIdOffset(), cancel.origClOrdIdLength());
                }
                else if ((null == request || request.origClOrdId.isEmpty()) && MessageType.REPLACE == refusedType)
                {
                    replace.wrap(commandBuffer, commandOffset);
                    e.bytes(FixTags.ORIG_CL_ORD_ID, commandBuffer, replace.origClOrdIdOffset(), replace.origClOrdIdLength());
                }
                else if (null == request || request.origClOrdId.isEmpty())
                {
                    e.string(FixTags.ORIG_CL_ORD_ID, "NONE");
                }
                else
                {
                    request.origClOrdId.put(e, FixTags.ORIG_CL_ORD_ID);
                }
                e.charValue(FixTags.ORD_STATUS, null == order ? '8' : order.ordStatus)
                    .string(FixTags.ACCOUNT, config.participant())
                    .charValue(FixTags.CXL_REJ_RESPONSE_TO, MessageType.CANCEL == commandType ? '1' : '2')
                    .longValue(FixTags.CXL_REJ_REASON, RejectReason.UNKNOWN_ORDER == reason ? 1 :
                        RejectReason.DUPLICATE_CLORDID == reason ? 6 : 99);
                reasonText(e, reason);
                session.send();
                return;
            }
            if (MessageType.MASS_CANCEL == commandType)
            {
                final FixEncoder e = session.begin("r");
                putIdOrNone(e, FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
                putIdOrNone(e, FixTags.ORDER_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
                e.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, null == request ? '7' : request.massCancelType)
                    .charValue(FixTags.MASS_CANCEL_RESPONSE, '0')
                    .longValue(FixTags.TOTAL_AFFECTED_ORDERS, 0)
                    .longValue(FixTags.MASS_CANCEL_REJECT_REASON, 99);
                reasonText(e, reason);
                session.send();
                return;
            }
            final FixEncoder e = session.begin("8");
            putOrderId(e, rejectedEvent.orderId());
            putIdOrNone(e, FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
            // A matcher reject is a journaled event like any other: its ExecID names the record and event.
            e.tag(FixTags.EXEC_ID).append(seq).append('-').append(eventIndex).endField();
            e.charValue(FixTags.EXEC_TYPE, '8').charValue(FixTags.ORD_STATUS, '8')
                .longValue(FixTags.ORD_REJ_REASON, ordRejReason(reason))
                .string(FixTags.ACCOUNT, config.participant());
            if (MessageType.NEW_ORDER == refusedType)
            {
                // The refused command itself: right even when the gateway has forgotten the request.
                newOrder.wrap(commandBuffer, commandOffset);
                e.bytes(FixTags.SYMBOL, commandBuffer, newOrder.productIdOffset(), newOrder.productIdLength())
                    .charValue(FixTags.SIDE, newOrder.side() == Codes.Side.SELL ? '2' : '1')
                    .longValue(FixTags.ORDER_QTY, newOrder.qty());
            }
            else
            {
                if (null == request || request.symbol.isEmpty())
                {
                    e.string(FixTags.SYMBOL, "NONE");
                }
                else
                {
                    request.symbol.put(e, FixTags.SYMBOL);
                }
                e.charValue(FixTags.SIDE, null == request || request.fixSide == 0 ? '1' : request.fixSide);
                if (null != request && request.orderQty > 0)
                {
                    e.longValue(FixTags.ORDER_QTY, request.orderQty);
                }
            }
            e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
                .timestampMs(FixTags.TRANSACT_TIME, timeNs / 1_000_000);
            reasonText(e, reason);
            session.send();
        }
        finally
        {
            if (null != request)
            {
                freeRequests.add(request);
            }
        }
    }

    private static int commandClOrdIdOffset(final int commandType)
    {
        switch (commandType)
        {
            case MessageType.NEW_ORDER: return NewOrderCommand.CL_ORD_ID_OFFSET;
            case MessageType.CANCEL: return CancelCommand.CL_ORD_ID_OFFSET;
            case MessageType.REPLACE: return ReplaceCommand.CL_ORD_ID_OFFSET;
            case MessageType.MASS_CANCEL: return MassCancelCommand.CL_ORD_ID_OFFSET;
            default: return -1;
        }
    }

    /** FIX forbids empty values: an id the exchange did not give is sent as NONE. */
    private static void putIdOrNone(
        final FixEncoder e, final int tag, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > 0)
        {
            e.bytes(tag, buffer, offset, length);
        }
        else
        {
            e.string(tag, "NONE");
        }
    }

    private void reasonText(final FixEncoder e, final RejectReason reason)
    {
        e.tag(FixTags.TEXT);
        if (null == reason)
        {
            e.append("REJECTED_").append(rejectedEvent.reason()).append(": rejected by the exchange");
        }
        else
        {
            e.append(reason.name()).append(": ").append(reason.text());
        }
        e.endField();
    }

    private static void putOrderId(final FixEncoder e, final long orderId)
    {
        if (orderId > 0)
        {
            e.longValue(FixTags.ORDER_ID, orderId);
        }
        else
        {
            e.string(FixTags.ORDER_ID, "NONE");
        }
    }

    private void onMassCancelled(final SessionHandle session)
    {
        final DirectBuffer eventBuffer = massCancelledEvent.buffer();
        final int clOrdIdOffset = massCancelledEvent.offset() + MassCancelledEvent.CL_ORD_ID_OFFSET;
        final int clOrdIdLength = asciiLength(eventBuffer, clOrdIdOffset, Flyweight.CLORDID_LENGTH);
        final Request request = takePending(eventBuffer, clOrdIdOffset, clOrdIdLength);
        final char type = null == request ? (massCancelledEvent.product() < 0 ? '7' : '1') : request.massCancelType;
        if (null != request)
        {
            freeRequests.add(request);
        }
        final FixEncoder e = session.begin("r");
        putIdOrNone(e, FixTags.CL_ORD_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
        putIdOrNone(e, FixTags.ORDER_ID, eventBuffer, clOrdIdOffset, clOrdIdLength);
        e.charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, type)
            .charValue(FixTags.MASS_CANCEL_RESPONSE, type)
            .longValue(FixTags.TOTAL_AFFECTED_ORDERS, massCancelledEvent.cancelledCount());
        session.send();
    }

    private void onPublicTradeForSession(final SessionHandle session)
    {
        final int product = tradeEvent.product();
        for (int s = 0; s < marketDataSubscriptions.size(); s++)
        {
            final MarketDataSubscription sub = marketDataSubscriptions.get(s);
            if (sub.product != product || sub.awaitingSnapshot || !sub.streaming)
            {
                continue;
            }
            final FixEncoder e = session.begin("X");
            e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                .charValue(FixTags.MD_UPDATE_ACTION, '0').charValue(FixTags.MD_ENTRY_TYPE, '2')
                .string(FixTags.SYMBOL, sub.symbol)
                .decimal(FixTags.MD_ENTRY_PX, tradeEvent.priceFen(), 2).longValue(FixTags.MD_ENTRY_SIZE, tradeEvent.qty());
            session.send();
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean offer(final int length)
    {
        for (int attempt = 0; attempt < offerAttemptsMax; attempt++)
        {
            final long result = link.offer(commandBuffer, 0, length);
            if (result > 0)
            {
                counters.commandsSent.incrementAndGet();
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            Thread.onSpinWait();
        }
        counters.commandsBackPressured.incrementAndGet();
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
        e.longValue(FixTags.LEAVES_QTY, 0).longValue(FixTags.CUM_QTY, 0).decimal(FixTags.AVG_PX, 0, 4)
            .string(FixTags.TEXT, text);
        session.send();
    }

    private void cancelReject(
        final SessionHandle session, final FixMessage m, final long orderId, final boolean isReplace, final int reason,
        final String text)
    {
        final FixEncoder e = session.begin("9");
        putOrderId(e, orderId);
        copy(e, m, FixTags.CL_ORD_ID);
        copy(e, m, FixTags.ORIG_CL_ORD_ID);
        final int origIndex = m.indexOf(FixTags.ORIG_CL_ORD_ID);
        final OrderState order = origIndex < 0 ? null :
            orderByClOrdId(m.buffer(), m.valueOffsetAt(origIndex), m.valueLengthAt(origIndex));
        e.charValue(FixTags.ORD_STATUS, null == order ? '8' : order.ordStatus)
            .charValue(FixTags.CXL_REJ_RESPONSE_TO, isReplace ? '2' : '1')
            .longValue(FixTags.CXL_REJ_REASON, reason)
            .string(FixTags.TEXT, text);
        session.send();
    }

    /** A refused OrderMassCancelRequest, answered by the gateway itself. */
    private void massCancelReportFor(final SessionHandle session, final FixMessage m, final char requestType, final String text)
    {
        final FixEncoder e = session.begin("r");
        copy(e, m, FixTags.CL_ORD_ID);
        e.string(FixTags.ORDER_ID, "NONE")
            .charValue(FixTags.MASS_CANCEL_REQUEST_TYPE, requestType == '1' ? '1' : '7')
            .charValue(FixTags.MASS_CANCEL_RESPONSE, '0')
            .longValue(FixTags.TOTAL_AFFECTED_ORDERS, 0)
            .longValue(FixTags.MASS_CANCEL_REJECT_REASON, 99)
            .string(FixTags.TEXT, text);
        session.send();
    }

    private void localExecId(final FixEncoder e)
    {
        e.tag(FixTags.EXEC_ID).append("G").append(sessionId).append('-').append(localIdEpochS).append('-')
            .append(++localExecId).endField();
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
