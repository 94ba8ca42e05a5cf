package io.databourse.gateway.trading;

import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import org.agrona.collections.Long2LongHashMap;

/**
 * A session's market data: MarketDataRequest (35=V) answered with a snapshot of the book the views
 * rebuilt from the journal (35=W, with the last trade), then incremental updates (35=X) of levels
 * and trades, or a reject (35=Y). The snapshot is requested of the views on the event thread and
 * arrives through the session's inbox after every update queued before it, so that the updates
 * that follow apply to it. Each subscription keeps its own copy of the levels it has shown, to say
 * whether an update is new, a change or a delete. Session thread, except {@link #wanted()}.
 */
final class MarketData
{
    static final int SNAPSHOT_LEVELS_MAX = 4_096;
    static final int SUBSCRIPTIONS_MAX = 64;

    /** One MarketDataRequest for one symbol. */
    static final class Subscription
    {
        String mdReqId;
        String symbol;
        int product;
        int depth;
        boolean streaming;
        boolean awaitingSnapshot;
        /** An indicative price of the product's call auction is shown (an update of it is a change). */
        boolean indicativeShown;
        final Long2LongHashMap[] levels = {new Long2LongHashMap(0), new Long2LongHashMap(0)};
    }

    /** Asks the views for a product's snapshot (event thread); false when they cannot take the request now. */
    @FunctionalInterface
    interface SnapshotSource
    {
        boolean requestSnapshot(int product);
    }

    private final ProductDirectory products;
    private final SnapshotSource snapshots;
    /** The price indexes (symbols IDX.*), served by a class of their own; null when none are published. */
    private final IndexMarketData indexes;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final byte[] snapshotSides = new byte[SNAPSHOT_LEVELS_MAX];
    private final long[] snapshotPrices = new long[SNAPSHOT_LEVELS_MAX];
    private final long[] snapshotQtys = new long[SNAPSHOT_LEVELS_MAX];
    private int snapshotCount;
    /** Read by the event thread: whether to queue market data for this session at all. */
    private volatile boolean wanted;

    MarketData(final ProductDirectory products, final SnapshotSource snapshots, final IndexMarketData indexes)
    {
        this.products = products;
        this.snapshots = snapshots;
        this.indexes = indexes;
    }

    /** Whether the session has subscriptions (any thread). */
    boolean wanted()
    {
        return wanted;
    }

    /** MarketDataRequest (35=V): subscribe, snapshot only, or unsubscribe. */
    void request(final SessionHandle session, final FixMessage m)
    {
        final String mdReqId = m.stringValue(FixTags.MD_REQ_ID);
        final char requestType = (char)m.charValue(FixTags.SUBSCRIPTION_REQUEST_TYPE);
        if (requestType == FixCodes.MarketData.UNSUBSCRIBE)
        {
            subscriptions.removeIf(sub -> sub.mdReqId.equals(mdReqId));
            wanted = !subscriptions.isEmpty();
            if (null != indexes)
            {
                indexes.unsubscribe(session, mdReqId);
            }
            return;
        }
        if (requestType != FixCodes.MarketData.SNAPSHOT && requestType != FixCodes.MarketData.SNAPSHOT_AND_UPDATES)
        {
            reject(session, mdReqId, FixCodes.MarketData.REJECT_UNSUPPORTED_SUBSCRIPTION_REQUEST_TYPE,
                "SubscriptionRequestType must be 0, 1 or 2");
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
                // the reason code, then the text, when refused
                final String refusal = indexes.request(session, mdReqId, symbol,
                    requestType == FixCodes.MarketData.SNAPSHOT_AND_UPDATES);
                if (null != refusal)
                {
                    reject(session, mdReqId, refusal.charAt(0), refusal.substring(1));
                }
                continue;
            }
            final ProductDirectory.Product product = products.byId(symbol);
            if (null == product)
            {
                reject(session, mdReqId, FixCodes.MarketData.REJECT_UNKNOWN_SYMBOL, "Unknown symbol " + symbol);
                continue;
            }
            if (subscriptions.size() >= SUBSCRIPTIONS_MAX)
            {
                reject(session, mdReqId, FixCodes.MarketData.REJECT_INSUFFICIENT_CAPACITY,
                    "Too many market data subscriptions on this session");
                continue;
            }
            final Subscription sub = new Subscription();
            sub.mdReqId = mdReqId;
            sub.symbol = symbol;
            sub.product = product.index;
            sub.depth = (int)Math.max(0, Math.min(depth, SNAPSHOT_LEVELS_MAX));
            sub.streaming = requestType == FixCodes.MarketData.SNAPSHOT_AND_UPDATES;
            sub.awaitingSnapshot = true;
            subscriptions.add(sub);
            // Updates flow from now on; the snapshot (served after them) tells where to start.
            wanted = true;
            if (!snapshots.requestSnapshot(product.index))
            {
                subscriptions.remove(sub);
                wanted = !subscriptions.isEmpty();
                reject(session, mdReqId, FixCodes.MarketData.REJECT_INSUFFICIENT_CAPACITY, "Market data busy, retry later");
            }
        }
    }

    /** The session's connection is gone: so are its subscriptions. */
    void clear(final SessionHandle session)
    {
        subscriptions.clear();
        wanted = false;
        if (null != indexes)
        {
            indexes.remove(session);
        }
    }

    void onSnapshotBegin()
    {
        snapshotCount = 0;
    }

    void onSnapshotLevel(final byte side, final long priceFen, final long qty)
    {
        if (snapshotCount < SNAPSHOT_LEVELS_MAX)
        {
            snapshotSides[snapshotCount] = side;
            snapshotPrices[snapshotCount] = priceFen;
            snapshotQtys[snapshotCount] = qty;
            snapshotCount++;
        }
    }

    /** The snapshot of a product is complete: each subscription waiting for it gets its 35=W. */
    void onSnapshotEnd(final SessionHandle session, final int product)
    {
        for (int s = 0; s < subscriptions.size(); s++)
        {
            final Subscription sub = subscriptions.get(s);
            if (sub.product != product || !sub.awaitingSnapshot)
            {
                continue;
            }
            sub.awaitingSnapshot = false;
            sendSnapshot(session, sub, product);
            if (!sub.streaming)
            {
                subscriptions.remove(s--);
            }
        }
        wanted = !subscriptions.isEmpty();
    }

    private void sendSnapshot(final SessionHandle session, final Subscription sub, final int product)
    {
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
        final boolean inAuction = products.inAuction(product);
        final long indicativePx = inAuction ? products.indicativePriceFen(product) : 0;
        sub.indicativeShown = indicativePx > 0;
        final FixEncoder e = session.begin(FixCodes.MsgType.MARKET_DATA_SNAPSHOT);
        e.string(FixTags.MD_REQ_ID, sub.mdReqId).string(FixTags.SYMBOL, sub.symbol)
            .longValue(FixTags.NO_MD_ENTRIES, shownBids + shownOffers + (lastPx > 0 ? 1 : 0) + (indicativePx > 0 ? 1 : 0));
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
            e.charValue(FixTags.MD_ENTRY_TYPE, entryType(side))
                .decimal(FixTags.MD_ENTRY_PX, snapshotPrices[i], 2).longValue(FixTags.MD_ENTRY_SIZE, snapshotQtys[i]);
        }
        if (lastPx > 0)
        {
            e.charValue(FixTags.MD_ENTRY_TYPE, FixCodes.MarketData.TRADE).decimal(FixTags.MD_ENTRY_PX, lastPx, 2)
                .longValue(FixTags.MD_ENTRY_SIZE, products.lastTradeQty(product));
        }
        if (indicativePx > 0)
        {
            e.charValue(FixTags.MD_ENTRY_TYPE, FixCodes.MarketData.OPENING_PRICE).decimal(FixTags.MD_ENTRY_PX, indicativePx, 2)
                .longValue(FixTags.MD_ENTRY_SIZE, products.indicativeVolume(product))
                .charValue(FixTags.OPEN_CLOSE_SETTL_FLAG, FixCodes.MarketData.THEORETICAL_PRICE);
        }
        session.send();
        if (inAuction)
        {
            securityStatus(session, sub, FixCodes.MarketData.STATUS_PRE_OPEN);
        }
    }

    /**
     * A call auction's step (docs/fix.md, Call auctions): its start and end as a SecurityStatus (35=f,
     * 326 pre-open, then ready to trade, or halted), its indicative uncrossing price and volume as an
     * incremental opening-price entry flagged theoretical (35=X, 269=4, 286=5), deleted at the end.
     */
    void onAuction(final SessionHandle session, final AuctionEventDecoder event)
    {
        final int product = event.product();
        for (int s = 0; s < subscriptions.size(); s++)
        {
            final Subscription sub = subscriptions.get(s);
            if (sub.product != product || sub.awaitingSnapshot || !sub.streaming)
            {
                continue;
            }
            if (event.header().type() == MessageType.AUCTION_STARTED)
            {
                securityStatus(session, sub, FixCodes.MarketData.STATUS_PRE_OPEN);
                continue;
            }
            final boolean ended = event.header().type() == MessageType.AUCTION_UNCROSSED;
            final long price = ended ? 0 : event.priceFen();
            if (price > 0 || sub.indicativeShown)
            {
                final char action = price == 0 ? FixCodes.MarketData.UPDATE_DELETE :
                    sub.indicativeShown ? FixCodes.MarketData.UPDATE_CHANGE : FixCodes.MarketData.UPDATE_NEW;
                final FixEncoder e = session.begin(FixCodes.MsgType.MARKET_DATA_INCREMENTAL);
                e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                    .charValue(FixTags.MD_UPDATE_ACTION, action)
                    .charValue(FixTags.MD_ENTRY_TYPE, FixCodes.MarketData.OPENING_PRICE)
                    .string(FixTags.SYMBOL, sub.symbol);
                if (price > 0)
                {
                    e.decimal(FixTags.MD_ENTRY_PX, price, 2).longValue(FixTags.MD_ENTRY_SIZE, event.volume());
                }
                e.charValue(FixTags.OPEN_CLOSE_SETTL_FLAG, FixCodes.MarketData.THEORETICAL_PRICE);
                session.send();
                sub.indicativeShown = price > 0;
            }
            if (ended)
            {
                securityStatus(session, sub, event.cause() == Codes.AuctionCause.HALTED ?
                    FixCodes.MarketData.STATUS_TRADING_HALT : FixCodes.MarketData.STATUS_READY_TO_TRADE);
            }
        }
    }

    private static void securityStatus(final SessionHandle session, final Subscription sub, final int status)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.SECURITY_STATUS);
        e.string(FixTags.SYMBOL, sub.symbol).longValue(FixTags.SECURITY_TRADING_STATUS, status);
        session.send();
    }

    /** A level of a product's book changed: an incremental update for each streaming subscription past its snapshot. */
    void onBookLevel(final SessionHandle session, final int product, final byte side, final long priceFen, final long qty)
    {
        for (int s = 0; s < subscriptions.size(); s++)
        {
            final Subscription sub = subscriptions.get(s);
            if (sub.product != product || sub.awaitingSnapshot || !sub.streaming || side < 0 || side > 1)
            {
                continue;
            }
            final Long2LongHashMap levels = sub.levels[side];
            final char action = qty == 0 ? FixCodes.MarketData.UPDATE_DELETE :
                levels.containsKey(priceFen) ? FixCodes.MarketData.UPDATE_CHANGE : FixCodes.MarketData.UPDATE_NEW;
            if (qty == 0)
            {
                levels.remove(priceFen);
            }
            else
            {
                levels.put(priceFen, qty);
            }
            final FixEncoder e = session.begin(FixCodes.MsgType.MARKET_DATA_INCREMENTAL);
            e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                .charValue(FixTags.MD_UPDATE_ACTION, action).charValue(FixTags.MD_ENTRY_TYPE, entryType(side))
                .string(FixTags.SYMBOL, sub.symbol).decimal(FixTags.MD_ENTRY_PX, priceFen, 2);
            if (qty > 0)
            {
                e.longValue(FixTags.MD_ENTRY_SIZE, qty);
            }
            session.send();
        }
    }

    /** A trade: an incremental trade entry for each streaming subscription of its product past its snapshot. */
    void onPublicTrade(final SessionHandle session, final TradeEventDecoder trade)
    {
        final int product = trade.product();
        for (int s = 0; s < subscriptions.size(); s++)
        {
            final Subscription sub = subscriptions.get(s);
            if (sub.product != product || sub.awaitingSnapshot || !sub.streaming)
            {
                continue;
            }
            final FixEncoder e = session.begin(FixCodes.MsgType.MARKET_DATA_INCREMENTAL);
            e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                .charValue(FixTags.MD_UPDATE_ACTION, FixCodes.MarketData.UPDATE_NEW)
                .charValue(FixTags.MD_ENTRY_TYPE, FixCodes.MarketData.TRADE)
                .string(FixTags.SYMBOL, sub.symbol)
                .decimal(FixTags.MD_ENTRY_PX, trade.priceFen(), 2).longValue(FixTags.MD_ENTRY_SIZE, trade.qty());
            session.send();
        }
    }

    private static char entryType(final byte side)
    {
        return side == Codes.Side.BUY ? FixCodes.MarketData.BID : FixCodes.MarketData.OFFER;
    }

    private static void reject(final SessionHandle session, final String mdReqId, final char reason, final String text)
    {
        final FixEncoder e = session.begin(FixCodes.MsgType.MARKET_DATA_REQUEST_REJECT);
        e.string(FixTags.MD_REQ_ID, mdReqId).charValue(FixTags.MD_REQ_REJ_REASON, reason).string(FixTags.TEXT, text);
        session.send();
    }
}
