package io.databourse.exchange.fix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalReader;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;

/**
 * What a replay of the journal says of orders and books, written apart from the gateway's views
 * (the test's own reading of the events), to compare what clients are told with: each order's
 * FIX status, cumulative and open quantity; each book's levels.
 */
final class JournalModel
{
    /** One order as the journal left it. */
    static final class Order
    {
        long orderId;
        String participant;
        int product;
        byte side;
        byte ordType;
        long priceFen;
        long leavesQty;
        long cumQty;
        char ordStatus;
    }

    private final Map<Integer, String> participants = new HashMap<>();
    private final Map<String, Integer> products = new HashMap<>();
    private final Map<Long, Order> orders = new HashMap<>();
    /** participant → ClOrdID placed with → order. */
    private final Map<String, Map<String, Order>> byClOrdId = new HashMap<>();
    private long lastSeq;

    static JournalModel read(final Path journalDir)
    {
        final JournalModel model = new JournalModel();
        try (Journal journal = Journal.openReadOnly(journalDir); JournalReader reader = journal.reader())
        {
            final ReferenceDataEventDecoder reference = new ReferenceDataEventDecoder();
            final ParticipantCommandDecoder participant = new ParticipantCommandDecoder();
            final ProductCommandDecoder product = new ProductCommandDecoder();
            final OrderEventDecoder order = new OrderEventDecoder();
            final TradeEventDecoder trade = new TradeEventDecoder();
            while (reader.read((index, record) ->
            {
                model.lastSeq = record.seq();
                record.forEachEvent((type, buffer, offset, length) ->
                {
                    switch (type)
                    {
                        case MessageType.PARTICIPANT_REGISTERED:
                            Codecs.wrap(reference, buffer, offset);
                            Codecs.wrap(participant, buffer, ReferenceDataTail.commandOffset(reference));
                            model.participants.put(reference.participant(), participant.participantId());
                            break;
                        case MessageType.PRODUCT_REGISTERED:
                            Codecs.wrap(reference, buffer, offset);
                            Codecs.wrap(product, buffer, ReferenceDataTail.commandOffset(reference));
                            model.products.put(product.productId(), reference.product());
                            break;
                        case MessageType.ORDER_ACCEPTED:
                        case MessageType.ORDER_REPLACED:
                        case MessageType.ORDER_CANCELLED:
                        case MessageType.ORDER_EXPIRED:
                            Codecs.wrap(order, buffer, offset);
                            model.onOrder(type, order);
                            break;
                        case MessageType.TRADE:
                            Codecs.wrap(trade, buffer, offset);
                            model.onFill(trade.buyOrderId(), trade.buyLeavesQty(), trade.buyCumQty());
                            model.onFill(trade.sellOrderId(), trade.sellLeavesQty(), trade.sellCumQty());
                            break;
                        default:
                            break;
                    }
                });
            }))
            {
                // every record
            }
        }
        return model;
    }

    private void onOrder(final int type, final OrderEventDecoder event)
    {
        Order o = orders.get(event.orderId());
        if (null == o)
        {
            o = new Order();
            o.orderId = event.orderId();
            o.participant = participants.get(event.participant());
            o.product = event.product();
            o.side = event.side();
            o.ordType = event.ordType();
            orders.put(o.orderId, o);
            byClOrdId.computeIfAbsent(o.participant, p -> new LinkedHashMap<>()).put(event.clOrdId(), o);
        }
        o.priceFen = event.priceFen();
        o.cumQty = event.cumQty();
        switch (type)
        {
            case MessageType.ORDER_ACCEPTED:
                o.leavesQty = event.leavesQty();
                o.ordStatus = o.cumQty > 0 ? '1' : '0';
                break;
            case MessageType.ORDER_REPLACED:
                o.leavesQty = event.leavesQty();
                o.ordStatus = o.leavesQty == 0 ? '2' : o.cumQty > 0 ? '1' : '0';
                break;
            case MessageType.ORDER_CANCELLED:
                o.leavesQty = 0;
                o.ordStatus = '4';
                break;
            default:
                o.leavesQty = 0;
                o.ordStatus = 'C';
                break;
        }
    }

    private void onFill(final long orderId, final long leavesQty, final long cumQty)
    {
        final Order o = orders.get(orderId);
        if (null != o)
        {
            o.leavesQty = leavesQty;
            o.cumQty = cumQty;
            o.ordStatus = leavesQty == 0 ? '2' : '1';
        }
    }

    long lastSeq()
    {
        return lastSeq;
    }

    boolean has(final String participant, final String clOrdId)
    {
        return null != order(participant, clOrdId);
    }

    Order order(final String participant, final String clOrdId)
    {
        final Map<String, Order> own = byClOrdId.get(participant);
        return null == own ? null : own.get(clOrdId);
    }

    /** The ClOrdIDs the participant's orders were placed with, in journal order. */
    List<String> clOrdIds(final String participant)
    {
        final Map<String, Order> own = byClOrdId.get(participant);
        return null == own ? List.of() : new ArrayList<>(own.keySet());
    }

    /** "bid FEN" / "offer FEN" → quantity, for the live limit orders of a product. */
    TreeMap<String, Long> levels(final String productId)
    {
        final Integer product = products.get(productId);
        final TreeMap<String, Long> levels = new TreeMap<>();
        for (final Order o : orders.values())
        {
            if (null != product && o.product == product && o.leavesQty > 0 && o.ordType == Codes.OrdType.LIMIT &&
                (o.ordStatus == '0' || o.ordStatus == '1'))
            {
                levels.merge((o.side == Codes.Side.BUY ? "bid " : "offer ") + o.priceFen, o.leavesQty, Long::sum);
            }
        }
        return levels;
    }
}
