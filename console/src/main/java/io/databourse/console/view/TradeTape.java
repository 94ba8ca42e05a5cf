package io.databourse.console.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.TradeEventDecoder;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * The fills as the matcher printed them: the last {@code historyMax} per participant, and per
 * product the last price, volume, value (hence the VWAP) and the last {@code pricePointsMax}
 * prices for the chart. Fees are the matcher's, taken from the events. A fill a participant's
 * list still holds also keeps its settlement certificate once the certificate stage has issued it
 * ({@link CertificateFollower}).
 */
public final class TradeTape
{
    /** One fill. */
    public record Trade(
        long tradeId, long seq, long timeNs, int product, long priceFen, long qty, int buyer, int seller,
        byte aggressorSide, long buyOrderId, long sellOrderId, String buyClOrdId, String sellClOrdId,
        long buyFeeFen, long sellFeeFen)
    {
    }

    /** A fill's certificate as the certificate stage issued it: its place in the chain, id and SHA-256 hash. */
    public record Certificate(long index, String id, String hash)
    {
    }

    /** A fill some participant's list holds: how many lists, and its certificate once issued. */
    private static final class Held
    {
        final Trade trade;
        int lists;
        Certificate certificate;

        Held(final Trade trade)
        {
            this.trade = trade;
        }
    }

    /** Per product figures. */
    public static final class ProductStats
    {
        public long lastPriceFen;
        public long volumeQty;
        public long valueFen;
        public long trades;
        public long lastTradeNs;
        final ArrayDeque<Trade> recent = new ArrayDeque<>();

        /** Volume-weighted average price, 0 before the first trade (floored to the fen). */
        public long vwapFen()
        {
            return 0 == volumeQty ? 0 : valueFen / volumeQty;
        }
    }

    private final int historyMax;
    private final int pricePointsMax;
    private final Int2ObjectHashMap<ArrayDeque<Trade>> byParticipant = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<ProductStats> byProduct = new Int2ObjectHashMap<>();
    private final Long2ObjectHashMap<Held> held = new Long2ObjectHashMap<>();

    public TradeTape(final int historyMax, final int pricePointsMax)
    {
        this.historyMax = historyMax;
        this.pricePointsMax = pricePointsMax;
    }

    Trade onTrade(final TradeEventDecoder t, final long seq, final long timeNs)
    {
        final Trade trade = new Trade(t.tradeId(), seq, timeNs, t.product(), t.priceFen(), t.qty(), t.buyer(), t.seller(),
            t.aggressorSide(), t.buyOrderId(), t.sellOrderId(), t.buyClOrdId(), t.sellClOrdId(), t.buyFeeFen(),
            t.sellFeeFen());
        hold(trade, byParticipant.computeIfAbsent(trade.buyer(), k -> new ArrayDeque<>()));
        if (trade.seller() != trade.buyer())
        {
            hold(trade, byParticipant.computeIfAbsent(trade.seller(), k -> new ArrayDeque<>()));
        }
        final ProductStats stats = byProduct.computeIfAbsent(trade.product(), k -> new ProductStats());
        stats.lastPriceFen = trade.priceFen();
        stats.volumeQty = Math.addExact(stats.volumeQty, trade.qty());
        stats.valueFen = Math.addExact(stats.valueFen, Math.multiplyExact(trade.priceFen(), trade.qty()));
        stats.trades++;
        stats.lastTradeNs = timeNs;
        remember(stats.recent, trade, pricePointsMax);
        return trade;
    }

    /** Adds the fill to a participant's list; the fill the list drops keeps its certificate only while another list holds it. */
    private void hold(final Trade trade, final ArrayDeque<Trade> list)
    {
        final Trade dropped = remember(list, trade, historyMax);
        if (null != dropped)
        {
            final Held h = held.get(dropped.tradeId());
            assert null != h && h.lists > 0 : "a listed fill is held";
            if (--h.lists == 0)
            {
                held.remove(dropped.tradeId());
            }
        }
        Held h = held.get(trade.tradeId());
        if (null == h)
        {
            h = new Held(trade);
            held.put(trade.tradeId(), h);
        }
        h.lists++;
    }

    /** Returns the fill dropped to make room, or null. */
    private static Trade remember(final ArrayDeque<Trade> deque, final Trade trade, final int max)
    {
        final Trade dropped = deque.size() == max ? deque.removeFirst() : null;
        deque.addLast(trade);
        return dropped;
    }

    /** Attaches a fill's certificate; returns the fill, or null when no participant's list holds it any more. */
    Trade certify(final long tradeId, final Certificate certificate)
    {
        final Held h = held.get(tradeId);
        if (null == h)
        {
            return null;
        }
        assert null == h.certificate || h.certificate.equals(certificate) : "one certificate a fill";
        h.certificate = certificate;
        return h.trade;
    }

    /** The certificate of a fill a participant's list holds, or null while the stage has not issued it. */
    public Certificate certificate(final long tradeId)
    {
        final Held h = held.get(tradeId);
        return null == h ? null : h.certificate;
    }

    /** A participant's last fills, newest first. */
    public List<Trade> tradesOf(final int participant)
    {
        final ArrayDeque<Trade> deque = byParticipant.get(participant);
        final List<Trade> list = new ArrayList<>();
        if (null != deque)
        {
            deque.descendingIterator().forEachRemaining(list::add);
        }
        return list;
    }

    /** A product's last fills, oldest first (the chart's order). */
    public List<Trade> tradesOfProduct(final int product)
    {
        final ProductStats stats = byProduct.get(product);
        return null == stats ? List.of() : new ArrayList<>(stats.recent);
    }

    /** The product's figures, or null before its first trade. */
    public ProductStats stats(final int product)
    {
        return byProduct.get(product);
    }

    /** A fill by id among those remembered, or null. */
    public Trade trade(final long tradeId)
    {
        for (final ProductStats s : byProduct.values())
        {
            for (final Trade t : s.recent)
            {
                if (t.tradeId() == tradeId)
                {
                    return t;
                }
            }
        }
        return null;
    }
}
