package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
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
 * <p>Parts: {@link TradeWindow} (the rolling window), {@link DailyBars}, {@link ProductMarks},
 * {@link IndexTable}, {@link CategoryLink}; this class orders them per record and tells the
 * {@link IndexListener} what changed. Steady state allocates nothing: primitive arrays sized at
 * start, the window's ring grows only when it holds more entries than ever before. Closing a trading
 * day allocates a little (calendar and the category links), once a day.
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
    private static final long NS_PER_S = 1_000_000_000L;

    private final IndexRules rules;
    private final int productsMax;
    private final TradeWindow window;
    private final DailyBars bars;
    private final ProductMarks marks;
    private final IndexTable indexes;
    private IndexListener listener;

    // products, by the matcher's index
    private int productCount;
    private final String[] productId;
    private final byte[] kind;
    private final int[] indexOf;

    // the trading day of the records being applied
    private long day = Long.MIN_VALUE;
    private long dayEndNs = Long.MIN_VALUE;
    private long barDay = Long.MIN_VALUE;

    private long seq;
    private long timeNs = Long.MIN_VALUE;
    private final boolean[] productDirty;
    private final int[] dirtyProducts;
    private int dirtyProductCount;
    private final boolean[] indexDirty;
    private final int[] dirtyIndexes;
    private int dirtyIndexCount;

    private final ExcludedTrades excluded = new ExcludedTrades();
    private final CategoryLink link = new CategoryLink();
    private final long[] pendingLevel;
    private final ReferenceDataEventDecoder refEvent = new ReferenceDataEventDecoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final AuctionEventDecoder auction = new AuctionEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private final TradeWindow.ExpiryListener expiryListener = this::onExpired;

    public IndexBook(final IndexRules rules, final int productsMax)
    {
        this.rules = rules;
        this.productsMax = productsMax;
        // every compute product may open its own (hardware, region); plus the data categories
        final int indexesMax = productsMax + 4;
        window = new TradeWindow(rules.bucketNs(), rules.windowBuckets(), productsMax, indexesMax);
        bars = new DailyBars(productsMax);
        marks = new ProductMarks(productsMax);
        indexes = new IndexTable(indexesMax);
        productId = new String[productsMax];
        kind = new byte[productsMax];
        indexOf = new int[productsMax];
        Arrays.fill(indexOf, -1);
        productDirty = new boolean[productsMax];
        dirtyProducts = new int[productsMax];
        indexDirty = new boolean[indexesMax];
        dirtyIndexes = new int[indexesMax];
        pendingLevel = new long[indexesMax];
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
        if (timeNs >= dayEndNs)
        {
            rollDay();
        }
        window.expire(timeNs, expiryListener);
        record.forEachEvent(eventHandler);
    }

    /** The second half of {@link #apply}: publishes what the record (and any exclusion) changed. */
    public void publish()
    {
        publishChanges();
        if (excluded.wantsPruning())
        {
            excluded.forgetBefore(Math.min(timeNs - rules.windowNs() - rules.bucketNs(), dayStartNs()));
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
        final int p = productNumber(product);
        if (p < 0)
        {
            return false;
        }
        boolean counted = false;
        if (window.remove(tradeTimeNs, p, priceFen, qty, timeNs))
        {
            dirtyProduct(p);
            if (Codes.ProductKind.COMPUTE == kind[p])
            {
                dirtyIndex(indexOf[p]);
            }
            counted = true;
        }
        if (dayOf(tradeTimeNs) == day && bars.flag(p, priceFen, qty))
        {
            counted = true;
        }
        return counted;
    }

    private long dayOf(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, NS_PER_S), Math.floorMod(epochNs, NS_PER_S))
            .atZone(rules.zone()).toLocalDate().toEpochDay();
    }

    private long dayStartNs()
    {
        final Instant start = LocalDate.ofEpochDay(day).atStartOfDay(rules.zone()).toInstant();
        return Math.addExact(Math.multiplyExact(start.getEpochSecond(), NS_PER_S), start.getNano());
    }

    /** Product index of an id, -1 when unknown (linear: alerts are rare). */
    private int productNumber(final String id)
    {
        for (int p = 0; p < productCount; p++)
        {
            if (id.equals(productId[p]))
            {
                return p;
            }
        }
        return -1;
    }

    /**
     * An auction of {@code product} uncrossed at {@code priceFen} in the record being applied: its
     * mark takes that price unless its window VWAP is current (docs/indexes.md, marks).
     */
    public void onAuctionUncrossed(final int product, final long priceFen)
    {
        if (product >= 0 && product < productCount && priceFen > 0)
        {
            marks.auction(product, priceFen);
            dirtyProduct(product);
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
        if (p < 0 || p >= productsMax)
        {
            throw new IllegalStateException("product index " + p + " outside 0.." + (productsMax - 1));
        }
        productId[p] = productCommand.productId();
        kind[p] = productCommand.kind();
        final byte grade = productCommand.grade();
        productCount = Math.max(productCount, p + 1);
        final boolean compute = Codes.ProductKind.COMPUTE == kind[p];
        indexOf[p] = compute ? indexes.compute(productCommand.hardware(), productCommand.region()) :
            Codes.Grade.CORE == grade ? -1 : indexes.category(kind[p], grade);
        window.productIndex(p, compute ? indexOf[p] : -1);
        if (marks.reference(p, productCommand.referencePriceFen(), timeNs) && null != listener)
        {
            listener.onMark(this, p);
        }
    }

    private void onTrade(final int p, final long priceFen, final long qty)
    {
        if (p < 0 || p >= productCount || null == productId[p])
        {
            throw new IllegalStateException("trade in unknown product index " + p);
        }
        window.add(timeNs, p, priceFen, qty);
        bars.onTrade(p, priceFen, qty);
        dirtyProduct(p);
        if (Codes.ProductKind.COMPUTE == kind[p])
        {
            dirtyIndex(indexOf[p]);
        }
    }

    private void onExpired(final int p, final int index)
    {
        dirtyProduct(p);
        if (index >= 0)
        {
            dirtyIndex(index);
        }
    }

    private void dirtyProduct(final int p)
    {
        if (!productDirty[p])
        {
            productDirty[p] = true;
            dirtyProducts[dirtyProductCount++] = p;
        }
    }

    private void dirtyIndex(final int i)
    {
        if (!indexDirty[i])
        {
            indexDirty[i] = true;
            dirtyIndexes[dirtyIndexCount++] = i;
        }
    }

    /** Compute indexes then marks whose inputs changed in this record, in ascending order. */
    private void publishChanges()
    {
        if (dirtyIndexCount > 1)
        {
            Arrays.sort(dirtyIndexes, 0, dirtyIndexCount);
        }
        for (int k = 0; k < dirtyIndexCount; k++)
        {
            final int i = dirtyIndexes[k];
            indexDirty[i] = false;
            // live: the window VWAP, with at least minTrades trades; else the last live value, stale
            final boolean live = window.indexTrades(i) >= rules.minTrades();
            final byte status = live ? STATUS_LIVE : STATUS_NONE == indexes.status(i) ? STATUS_NONE : STATUS_STALE;
            final long value = live ? window.indexValue(i) / window.indexQty(i) : indexes.value(i);
            if (indexes.publish(i, value, status, timeNs) && null != listener)
            {
                listener.onIndex(this, i);
            }
        }
        dirtyIndexCount = 0;
        if (dirtyProductCount > 1)
        {
            Arrays.sort(dirtyProducts, 0, dirtyProductCount);
        }
        for (int k = 0; k < dirtyProductCount; k++)
        {
            final int p = dirtyProducts[k];
            productDirty[p] = false;
            if (marks.evaluate(p, window, rules.markMinTrades(), timeNs) && null != listener)
            {
                listener.onMark(this, p);
            }
        }
        dirtyProductCount = 0;
    }

    /**
     * The first record of a new trading day closes the one before: each traded product's bar (in
     * product order), then the data-category links. Days without records close nothing.
     */
    private void rollDay()
    {
        final int traded = bars.tradedCount();
        if (traded > 0)
        {
            bars.sortTraded();
            for (int i = 0; i < indexes.count(); i++)
            {
                pendingLevel[i] = FAMILY_DATA == indexes.family(i) ? link.closeLevel(i, bars, indexes, indexOf) : 0;
            }
            barDay = day;
            for (int k = 0; k < traded; k++)
            {
                final int p = bars.traded(k);
                if (null != listener)
                {
                    listener.onDailyBar(this, p);
                }
                bars.closeProduct(p, day);
            }
            bars.clearTraded();
            for (int i = 0; i < indexes.count(); i++)
            {
                if (pendingLevel[i] > 0 && indexes.publish(i, pendingLevel[i], STATUS_LIVE, timeNs) && null != listener)
                {
                    listener.onIndex(this, i);
                }
            }
        }
        final LocalDate date = Instant.ofEpochSecond(Math.floorDiv(timeNs, NS_PER_S), Math.floorMod(timeNs, NS_PER_S))
            .atZone(rules.zone()).toLocalDate();
        day = date.toEpochDay();
        final Instant end = date.plusDays(1).atStartOfDay(rules.zone()).toInstant();
        dayEndNs = Math.addExact(Math.multiplyExact(end.getEpochSecond(), NS_PER_S), end.getNano());
    }

    /**
     * What data category {@code i} would close at if the day ended now (0 before its first close;
     * then the last close when nothing comparable traded today). For views; publishes nothing.
     */
    public long indicativeLevel(final int i)
    {
        return FAMILY_DATA == indexes.family(i) ? link.indicativeLevel(i, bars, indexes, indexOf) : indexes.value(i);
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
        return productCount;
    }

    /** The product's id, null for an index the journal never registered. */
    public String productId(final int p)
    {
        return productId[p];
    }

    /** The index a product's trades count towards, -1 when none (core grade). */
    public int indexOf(final int p)
    {
        return indexOf[p];
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
        return barDay;
    }

    /** Epoch day (in the rules' zone) of the records being applied. */
    public long day()
    {
        return day;
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
        out.writeLong(day);
        out.writeLong(dayEndNs);
        out.writeLong(barDay);
        indexes.writeSnapshot(out);
        out.writeInt(productCount);
        for (int p = 0; p < productCount; p++)
        {
            out.writeBoolean(null != productId[p]);
            if (null != productId[p])
            {
                out.writeUTF(productId[p]);
                out.writeByte(kind[p]);
                out.writeInt(indexOf[p]);
            }
        }
        marks.writeSnapshot(out, productCount);
        bars.writeSnapshot(out, productCount);
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
        day = in.readLong();
        dayEndNs = in.readLong();
        barDay = in.readLong();
        indexes.readSnapshot(in);
        productCount = in.readInt();
        if (productCount < 0 || productCount > productsMax)
        {
            throw new IOException("snapshot holds " + productCount + " products, limit " + productsMax);
        }
        Arrays.fill(productId, null);
        Arrays.fill(indexOf, -1);
        for (int p = 0; p < productCount; p++)
        {
            if (in.readBoolean())
            {
                productId[p] = in.readUTF();
                kind[p] = in.readByte();
                indexOf[p] = in.readInt();
                if (indexOf[p] < -1 || indexOf[p] >= indexes.count())
                {
                    throw new IOException("product " + productId[p] + " names index " + indexOf[p]);
                }
            }
            window.productIndex(p, null != productId[p] && Codes.ProductKind.COMPUTE == kind[p] ? indexOf[p] : -1);
        }
        marks.readSnapshot(in, productCount);
        bars.readSnapshot(in, productCount);
        window.readSnapshot(in);
        excluded.readSnapshot(in);
    }
}
