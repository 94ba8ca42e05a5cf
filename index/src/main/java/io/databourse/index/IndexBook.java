package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.DirectBuffer;

/**
 * The price-index methodology of docs/indexes.md as a deterministic state machine over journal
 * records: compute indexes (a VWAP per hardware and region over a rolling window), data-category
 * indexes (kind x grade, chain-linked once per trading day), each product's daily bar and each
 * product's mark (what pledges are valued at). Its only inputs are the records' events and time
 * stamps, so every consumer that applies the same journal publishes the same values: settlement's
 * index stage, the gateway's index market data and the {@code indexes} command all run this class.
 * <p>Parts: {@link IndexProducts} (what each product counts towards), {@link TradingDay},
 * {@link TradeWindow} (the rolling window), {@link DailyBars}, {@link ProductMarks}, {@link IndexTable},
 * {@link DayClose} (bars and {@link CategoryLink}s at the end of a day), {@link IndexPublication} (what
 * a record changed); this class orders them per record, tells the {@link IndexListener} what changed,
 * and is the read side its listeners and views see. Steady state allocates nothing: primitive arrays
 * sized at start, the window's ring grows only when it holds more entries than ever before. Closing a
 * trading day allocates a little (calendar and the category links), once a day.
 */
public final class IndexBook
{
    public static final byte FAMILY_COMPUTE = 0;
    public static final byte FAMILY_DATA = 1;
    public static final String[] FAMILY_NAMES = {"compute", "data"};

    public static final byte STATUS_NONE = 0;
    public static final byte STATUS_LIVE = 1;
    public static final byte STATUS_STALE = 2;
    public static final String[] STATUS_NAMES = {"none", "live", "stale"};

    public static final byte BASIS_NONE = 0;
    public static final byte BASIS_REFERENCE = 1;
    public static final byte BASIS_VWAP = 2;
    public static final byte BASIS_AUCTION = 3;
    public static final byte BASIS_CARRIED = 4;
    public static final String[] BASIS_NAMES = {"none", "reference", "vwap", "auction", "carried"};

    private static final int SNAPSHOT_FORMAT = 0x49445833; // "IDX3"

    private final IndexRules rules;
    private final IndexProducts products;
    private final TradingDay day;
    private final TradeWindow window;
    private final DailyBars bars;
    private final ProductMarks marks;
    private final IndexTable indexes;
    private final DayClose dayClose;
    private final IndexPublication publication;
    private IndexListener listener;

    private long seq;
    private long timeNs = Long.MIN_VALUE;

    private final ExcludedTrades excluded = new ExcludedTrades();
    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final AuctionEventDecoder auction = new AuctionEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private final TradeWindow.ExpiryListener expiryListener = this::onExpired;

    public IndexBook(final IndexRules rules, final int productsMax)
    {
        this.rules = rules;
        // every compute product may open its own (hardware, region); plus the data categories
        final int indexesMax = productsMax + 4;
        products = new IndexProducts(productsMax);
        day = new TradingDay(rules.zone());
        window = new TradeWindow(rules.bucketNs(), rules.windowBuckets(), productsMax, indexesMax);
        bars = new DailyBars(productsMax);
        marks = new ProductMarks(productsMax);
        indexes = new IndexTable(indexesMax);
        dayClose = new DayClose(bars, indexes, products, day, indexesMax);
        publication = new IndexPublication(rules, window, indexes, marks, productsMax, indexesMax);
    }

    public IndexBook listener(final IndexListener listener)
    {
        this.listener = listener;
        return this;
    }

    public IndexRules rules()
    {
        return rules;
    }

    /** Applies one journal record (in seq order); tells the listener what it published. */
    public void apply(final JournalRecord record)
    {
        applyEvents(record);
        publish();
    }

    /**
     * The first half of {@link #apply}: the record's time and events, nothing published yet, so
     * that trades surveillance flags at this record ({@link #excludeTrade}) never show in a value.
     * Then {@link #publish}.
     */
    public void applyEvents(final JournalRecord record)
    {
        seq = record.seq();
        // The sequencer refuses time going backwards; a journal written before it did may hold such
        // a record: it counts at the time of the record before it, so the window only moves forward.
        timeNs = Math.max(timeNs, record.timeNs());
        if (day.isOverAt(timeNs))
        {
            // the first record of a new trading day closes the one before
            dayClose.close(this, listener, timeNs);
            day.startAt(timeNs);
        }
        window.expire(timeNs, expiryListener);
        record.forEachEvent(eventHandler);
    }

    /** The second half of {@link #apply}: publishes what the record (and any exclusion) changed. */
    public void publish()
    {
        publication.publish(this, listener, timeNs);
        if (excluded.wantsPruning())
        {
            excluded.forgetBefore(Math.min(timeNs - rules.windowNs() - rules.bucketNs(), day.startNs()));
        }
    }

    /**
     * A trade surveillance flagged (docs/indexes.md, constituents) leaves every value it still counts
     * in: the rolling window (compute indexes, marks) while its minute is in it, and its day's bar
     * (and so the category link) while that day is open. Values already published stand; the next
     * publication has the trade out. A trade flagged twice is taken out once. Returns whether it
     * was still counted somewhere.
     */
    public boolean excludeTrade(
        final long tradeId, final String product, final long tradeTimeNs, final long priceFen, final long qty)
    {
        if (!excluded.add(tradeId, tradeTimeNs))
        {
            return false;
        }
        final int p = products.number(product);
        if (p < 0)
        {
            return false;
        }
        boolean counted = false;
        if (window.remove(tradeTimeNs, p, priceFen, qty, timeNs))
        {
            inputsChanged(p);
            counted = true;
        }
        if (day.dayOf(tradeTimeNs) == day.day() && bars.flag(p, priceFen, qty))
        {
            counted = true;
        }
        return counted;
    }

    /**
     * An auction of {@code product} uncrossed at {@code priceFen} in the record being applied: its
     * mark takes that price unless its window VWAP is current (docs/indexes.md, marks).
     */
    public void onAuctionUncrossed(final int product, final long priceFen)
    {
        if (product >= 0 && product < products.count() && priceFen > 0)
        {
            marks.auction(product, priceFen);
            publication.productChanged(product);
        }
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case MessageType.PRODUCT_REGISTERED:
                Codecs.wrap(refEvent, buffer, offset);
                Codecs.wrap(productCommand, buffer, ReferenceDataTail.commandOffset(refEvent));
                registerProduct(refEvent.product());
                break;
            case MessageType.TRADE:
                Codecs.wrap(trade, buffer, offset);
                onTrade(trade.product(), trade.priceFen(), trade.qty());
                break;
            case MessageType.AUCTION_UNCROSSED:
                // the matcher's call auction uncrossed: its one price (before its trades in the record)
                Codecs.wrap(auction, buffer, offset);
                onAuctionUncrossed(auction.product(), auction.priceFen());
                break;
            default:
                break;
        }
    }

    private void registerProduct(final int p)
    {
        products.register(p, productCommand, indexes, window);
        if (marks.reference(p, productCommand.referencePriceFen(), timeNs) && null != listener)
        {
            listener.onMark(this, p);
        }
    }

    private void onTrade(final int p, final long priceFen, final long qty)
    {
        products.checkTraded(p);
        window.add(timeNs, p, priceFen, qty);
        bars.onTrade(p, priceFen, qty);
        inputsChanged(p);
    }

    /** A product's trades in the window changed: its mark, and its compute index if it has one. */
    private void inputsChanged(final int p)
    {
        publication.productChanged(p);
        if (products.isCompute(p))
        {
            publication.indexChanged(products.indexOf(p));
        }
    }

    private void onExpired(final int p, final int index)
    {
        publication.productChanged(p);
        if (index >= 0)
        {
            publication.indexChanged(index);
        }
    }

    /**
     * What data category {@code i} would close at if the day ended now (0 before its first close;
     * then the last close when nothing comparable traded today). For views; publishes nothing.
     */
    public long indicativeLevel(final int i)
    {
        return FAMILY_DATA == indexes.family(i) ? dayClose.indicativeLevel(i) : indexes.value(i);
    }

    // ------------------------------------------------------------------------------------------
    // Read side: what listeners and views read (the book's thread only)
    // ------------------------------------------------------------------------------------------

    /** Seq of the record being (or last) applied. */
    public long seq()
    {
        return seq;
    }

    public long timeNs()
    {
        return timeNs;
    }

    public int indexCount()
    {
        return indexes.count();
    }

    public String indexId(final int i)
    {
        return indexes.id(i);
    }

    /** Index number of an id, -1 when none (linear: control plane only). */
    public int indexNumber(final String id)
    {
        return indexes.number(id);
    }

    public byte family(final int i)
    {
        return indexes.family(i);
    }

    /** Fen per node-hour (compute) or hundredths of a point (data); the last live value when stale. */
    public long value(final int i)
    {
        return indexes.value(i);
    }

    public byte status(final int i)
    {
        return indexes.status(i);
    }

    /** Time of the record that last changed the value or status. */
    public long asOfNs(final int i)
    {
        return indexes.asOfNs(i);
    }

    /** Compute: quantity in the window now. Data: the constituents' quantity on the last linked day. */
    public long indexQty(final int i)
    {
        return FAMILY_COMPUTE == indexes.family(i) ? window.indexQty(i) : indexes.closeQty(i);
    }

    /** Compute: trades in the window now. Data: the constituents' trades on the last linked day. */
    public int indexTrades(final int i)
    {
        return FAMILY_COMPUTE == indexes.family(i) ? window.indexTrades(i) : indexes.closeTrades(i);
    }

    /** Compute: products with trades in the window now. Data: products in the last link. */
    public int constituents(final int i)
    {
        return FAMILY_COMPUTE == indexes.family(i) ? window.indexProducts(i) : indexes.closeConstituents(i);
    }

    public int productCount()
    {
        return products.count();
    }

    /** The product's id, null for an index the journal never registered. */
    public String productId(final int p)
    {
        return products.id(p);
    }

    /** The index a product's trades count towards, -1 when none (core grade). */
    public int indexOf(final int p)
    {
        return products.indexOf(p);
    }

    public long markFen(final int p)
    {
        return marks.mark(p);
    }

    public byte markBasis(final int p)
    {
        return marks.basis(p);
    }

    public long markAsOfNs(final int p)
    {
        return marks.asOfNs(p);
    }

    public int windowTrades(final int p)
    {
        return window.productTrades(p);
    }

    public long windowQty(final int p)
    {
        return window.productQty(p);
    }

    /** VWAP of the product's trades in the window, rounded down; 0 without any. */
    public long windowVwapFen(final int p)
    {
        return 0 == window.productQty(p) ? 0 : window.productValue(p) / window.productQty(p);
    }

    /** Epoch day (in the rules' zone) of the bars being told by {@link IndexListener#onDailyBar}. */
    public long barDay()
    {
        return day.barDay();
    }

    /** Epoch day (in the rules' zone) of the records being applied. */
    public long day()
    {
        return day.day();
    }

    public long dayValueFen(final int p)
    {
        return bars.value(p);
    }

    public long dayQty(final int p)
    {
        return bars.qty(p);
    }

    public int dayTrades(final int p)
    {
        return bars.trades(p);
    }

    public long dayOpenFen(final int p)
    {
        return bars.open(p);
    }

    public long dayHighFen(final int p)
    {
        return bars.high(p);
    }

    public long dayLowFen(final int p)
    {
        return bars.low(p);
    }

    public long dayCloseFen(final int p)
    {
        return bars.close(p);
    }

    /** Today's trades of the product surveillance flagged (left out of value, quantity, trades, VWAP). */
    public int dayFlaggedTrades(final int p)
    {
        return bars.flaggedTrades(p);
    }

    /** The day's VWAP, rounded down; 0 without trades. */
    public long dayVwapFen(final int p)
    {
        return bars.vwap(p);
    }

    /** VWAP of the product's last trading day before the current one (0: none). */
    public long previousVwapFen(final int p)
    {
        return bars.previousVwap(p);
    }

    /** Epoch day of that previous trading day. */
    public long previousDay(final int p)
    {
        return bars.previousDay(p);
    }

    /** Live window entries (bounded by distinct bucket x product pairs, not by trades). */
    public int windowEntries()
    {
        return window.entries();
    }

    // ------------------------------------------------------------------------------------------
    // Snapshot
    // ------------------------------------------------------------------------------------------

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        out.writeLong(seq);
        out.writeLong(timeNs);
        day.writeSnapshot(out);
        indexes.writeSnapshot(out);
        products.writeSnapshot(out);
        marks.writeSnapshot(out, products.count());
        bars.writeSnapshot(out, products.count());
        window.writeSnapshot(out);
        excluded.writeSnapshot(out);
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("index snapshot of another format: 0x" + Integer.toHexString(format));
        }
        seq = in.readLong();
        timeNs = in.readLong();
        day.readSnapshot(in);
        indexes.readSnapshot(in);
        products.readSnapshot(in, indexes, window);
        marks.readSnapshot(in, products.count());
        bars.readSnapshot(in, products.count());
        window.readSnapshot(in);
        excluded.readSnapshot(in);
    }
}
