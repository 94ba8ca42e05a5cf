package io.databourse.index;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ProductCommand;
import io.databourse.journal.schema.ReferenceDataEvent;
import io.databourse.journal.schema.TradeEvent;
import org.agrona.DirectBuffer;

/**
 * The price-index methodology of docs/indexes.md as a deterministic state machine over journal
 * records: compute indexes (a VWAP per hardware and region over a rolling window), data-category
 * indexes (kind x grade, chain-linked once per trading day), each product's daily bar and each
 * product's mark (what pledges are valued at). Its only inputs are the records' events and time
 * stamps, so every consumer that applies the same journal publishes the same values: settlement's
 * index stage, the gateway's index market data and the {@code indexes} command all run this class.
 * <p>Steady state allocates nothing: primitive arrays sized at start, the window's ring grows only
 * when the window holds more entries than ever before. Closing a trading day allocates a little
 * (calendar and the category links), once a day.
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

    private static final int SNAPSHOT_FORMAT = 0x49445831; // "IDX1"
    private static final long NS_PER_S = 1_000_000_000L;

    private final IndexRules rules;
    private final int productsMax;
    private final int indexesMax;
    private final TradeWindow window;
    private IndexListener listener;

    // products, by the matcher's index
    private int productCount;
    private final String[] productId;
    private final byte[] kind;
    private final byte[] grade;
    private final long[] referenceFen;
    private final int[] indexOf;
    private final long[] markFen;
    private final byte[] markBasis;
    private final long[] markAsOfNs;
    private final long[] dayValue;
    private final long[] dayQty;
    private final int[] dayTrades;
    private final long[] dayOpen;
    private final long[] dayHigh;
    private final long[] dayLow;
    private final long[] dayClose;
    private final long[] previousVwap;
    private final long[] previousDay;
    private final long[] auctionFen;
    private final int[] tradedToday;
    private int tradedTodayCount;

    // indexes, in the order their first product registered
    private int indexCount;
    private final String[] indexId;
    private final byte[] family;
    private final String[] hardware;
    private final String[] region;
    private final byte[] categoryKind;
    private final byte[] categoryGrade;
    private final long[] value;
    private final byte[] status;
    private final long[] asOfNs;
    private final long[] closeQty;
    private final int[] closeTrades;
    private final int[] closeConstituents;

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

    private final CategoryLink link = new CategoryLink();
    private final long[] pendingLevel;
    private final ReferenceDataEvent refEvent = new ReferenceDataEvent();
    private final ProductCommand productCommand = new ProductCommand();
    private final TradeEvent trade = new TradeEvent();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private final TradeWindow.ExpiryListener expiryListener = this::onExpired;

    public IndexBook(final IndexRules rules, final int productsMax)
    {
        this.rules = rules;
        this.productsMax = productsMax;
        // every compute product may open its own (hardware, region); plus the data categories
        this.indexesMax = productsMax + 4;
        window = new TradeWindow(rules.bucketNs(), rules.windowBuckets(), productsMax, indexesMax);
        productId = new String[productsMax];
        kind = new byte[productsMax];
        grade = new byte[productsMax];
        referenceFen = new long[productsMax];
        indexOf = new int[productsMax];
        Arrays.fill(indexOf, -1);
        markFen = new long[productsMax];
        markBasis = new byte[productsMax];
        markAsOfNs = new long[productsMax];
        dayValue = new long[productsMax];
        dayQty = new long[productsMax];
        dayTrades = new int[productsMax];
        dayOpen = new long[productsMax];
        dayHigh = new long[productsMax];
        dayLow = new long[productsMax];
        dayClose = new long[productsMax];
        previousVwap = new long[productsMax];
        previousDay = new long[productsMax];
        auctionFen = new long[productsMax];
        tradedToday = new int[productsMax];
        productDirty = new boolean[productsMax];
        dirtyProducts = new int[productsMax];

        indexId = new String[indexesMax];
        family = new byte[indexesMax];
        hardware = new String[indexesMax];
        region = new String[indexesMax];
        categoryKind = new byte[indexesMax];
        categoryGrade = new byte[indexesMax];
        value = new long[indexesMax];
        status = new byte[indexesMax];
        asOfNs = new long[indexesMax];
        closeQty = new long[indexesMax];
        closeTrades = new int[indexesMax];
        closeConstituents = new int[indexesMax];
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
        publishChanges();
    }

    /**
     * An auction of {@code product} uncrossed at {@code priceFen} in the record being applied: its
     * mark takes that price unless its window VWAP is current (docs/indexes.md, marks).
     */
    public void onAuctionUncrossed(final int product, final long priceFen)
    {
        if (product >= 0 && product < productCount && priceFen > 0)
        {
            auctionFen[product] = priceFen;
            dirtyProduct(product);
        }
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        switch (type)
        {
            case MessageType.PRODUCT_REGISTERED:
                refEvent.wrap(buffer, offset);
                productCommand.wrap(buffer, refEvent.commandOffset());
                registerProduct(refEvent.product());
                break;
            case MessageType.TRADE:
                trade.wrap(buffer, offset);
                onTrade(trade.product(), trade.priceFen(), trade.qty());
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
        grade[p] = productCommand.grade();
        referenceFen[p] = productCommand.referencePriceFen();
        productCount = Math.max(productCount, p + 1);
        final int i = Codes.ProductKind.COMPUTE == kind[p] ?
            computeIndex(productCommand.hardware(), productCommand.region()) :
            Codes.Grade.CORE == grade[p] ? -1 : categoryIndex(kind[p], grade[p]);
        indexOf[p] = i;
        window.productIndex(p, Codes.ProductKind.COMPUTE == kind[p] ? i : -1);
        if (BASIS_NONE == markBasis[p] && referenceFen[p] > 0)
        {
            markFen[p] = referenceFen[p];
            markBasis[p] = BASIS_REFERENCE;
            markAsOfNs[p] = timeNs;
            if (null != listener)
            {
                listener.onMark(this, p);
            }
        }
    }

    private int computeIndex(final String hw, final String rg)
    {
        for (int i = 0; i < indexCount; i++)
        {
            if (FAMILY_COMPUTE == family[i] && hw.equals(hardware[i]) && rg.equals(region[i]))
            {
                return i;
            }
        }
        final int i = newIndex("IDX." + hw + "." + rg, FAMILY_COMPUTE);
        hardware[i] = hw;
        region[i] = rg;
        return i;
    }

    private int categoryIndex(final byte k, final byte g)
    {
        for (int i = 0; i < indexCount; i++)
        {
            if (FAMILY_DATA == family[i] && categoryKind[i] == k && categoryGrade[i] == g)
            {
                return i;
            }
        }
        final int i = newIndex(
            "IDX." + Codes.nameOf(Codes.ProductKind.NAMES, k).toUpperCase(java.util.Locale.ROOT) + "." +
            Codes.nameOf(Codes.Grade.NAMES, g).toUpperCase(java.util.Locale.ROOT), FAMILY_DATA);
        categoryKind[i] = k;
        categoryGrade[i] = g;
        return i;
    }

    private int newIndex(final String id, final byte indexFamily)
    {
        if (indexCount == indexesMax)
        {
            throw new IllegalStateException("more than " + indexesMax + " indexes");
        }
        final int i = indexCount++;
        indexId[i] = id;
        family[i] = indexFamily;
        return i;
    }

    private void onTrade(final int p, final long priceFen, final long qty)
    {
        if (p < 0 || p >= productCount || null == productId[p])
        {
            throw new IllegalStateException("trade in unknown product index " + p);
        }
        window.add(timeNs, p, priceFen, qty);
        if (0 == dayTrades[p])
        {
            tradedToday[tradedTodayCount++] = p;
            dayOpen[p] = priceFen;
            dayHigh[p] = priceFen;
            dayLow[p] = priceFen;
        }
        dayValue[p] = Math.addExact(dayValue[p], Math.multiplyExact(priceFen, qty));
        dayQty[p] = Math.addExact(dayQty[p], qty);
        dayTrades[p]++;
        dayHigh[p] = Math.max(dayHigh[p], priceFen);
        dayLow[p] = Math.min(dayLow[p], priceFen);
        dayClose[p] = priceFen;
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
            evaluateComputeIndex(i);
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
            evaluateMark(p);
            auctionFen[p] = 0;
        }
        dirtyProductCount = 0;
    }

    /** Live: the window VWAP, with at least minTrades trades; else the last live value, stale. */
    private void evaluateComputeIndex(final int i)
    {
        final byte newStatus;
        final long newValue;
        if (window.indexTrades(i) >= rules.minTrades())
        {
            newStatus = STATUS_LIVE;
            newValue = window.indexValue(i) / window.indexQty(i);
        }
        else
        {
            newStatus = STATUS_NONE == status[i] ? STATUS_NONE : STATUS_STALE;
            newValue = value[i];
        }
        if (newStatus != status[i] || newValue != value[i])
        {
            status[i] = newStatus;
            value[i] = newValue;
            asOfNs[i] = timeNs;
            if (null != listener)
            {
                listener.onIndex(this, i);
            }
        }
    }

    /**
     * The window VWAP when the window holds at least markMinTrades trades; else an auction's price
     * when one uncrossed in this record; else the last mark, carried (a VWAP no longer current).
     */
    private void evaluateMark(final int p)
    {
        final long newMark;
        final byte newBasis;
        if (window.productTrades(p) >= rules.markMinTrades())
        {
            newMark = window.productValue(p) / window.productQty(p);
            newBasis = BASIS_VWAP;
        }
        else if (auctionFen[p] > 0)
        {
            newMark = auctionFen[p];
            newBasis = BASIS_AUCTION;
        }
        else
        {
            newMark = markFen[p];
            newBasis = BASIS_VWAP == markBasis[p] ? BASIS_CARRIED : markBasis[p];
        }
        if (newMark != markFen[p] || newBasis != markBasis[p])
        {
            markFen[p] = newMark;
            markBasis[p] = newBasis;
            markAsOfNs[p] = timeNs;
            if (null != listener)
            {
                listener.onMark(this, p);
            }
        }
    }

    /**
     * The first record of a new trading day closes the one before: its data-category links, then
     * each traded product's bar, in product order. Days without records close nothing.
     */
    private void rollDay()
    {
        if (tradedTodayCount > 0)
        {
            Arrays.sort(tradedToday, 0, tradedTodayCount);
            for (int i = 0; i < indexCount; i++)
            {
                pendingLevel[i] = FAMILY_DATA == family[i] ? closeLevel(i) : 0;
            }
            barDay = day;
            for (int k = 0; k < tradedTodayCount; k++)
            {
                final int p = tradedToday[k];
                if (null != listener)
                {
                    listener.onDailyBar(this, p);
                }
                previousVwap[p] = dayValue[p] / dayQty[p];
                previousDay[p] = day;
                dayValue[p] = 0;
                dayQty[p] = 0;
                dayTrades[p] = 0;
                dayOpen[p] = 0;
                dayHigh[p] = 0;
                dayLow[p] = 0;
                dayClose[p] = 0;
            }
            tradedTodayCount = 0;
            for (int i = 0; i < indexCount; i++)
            {
                if (FAMILY_DATA == family[i] && pendingLevel[i] > 0 &&
                    (pendingLevel[i] != value[i] || STATUS_LIVE != status[i]))
                {
                    value[i] = pendingLevel[i];
                    status[i] = STATUS_LIVE;
                    asOfNs[i] = timeNs;
                    if (null != listener)
                    {
                        listener.onIndex(this, i);
                    }
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
     * The level category {@code i} closes the day at, from the products that traded today (and
     * closes, 0 when it has never traded: no level yet). The first day anything traded, the base.
     */
    private long closeLevel(final int i)
    {
        link.reset();
        long qty = 0;
        int trades = 0;
        boolean tradedAny = false;
        for (int k = 0; k < tradedTodayCount; k++)
        {
            final int p = tradedToday[k];
            if (indexOf[p] != i)
            {
                continue;
            }
            tradedAny = true;
            if (previousVwap[p] > 0)
            {
                link.add(dayValue[p], dayValue[p] / dayQty[p], previousVwap[p]);
                qty += dayQty[p];
                trades += dayTrades[p];
            }
        }
        if (STATUS_NONE == status[i])
        {
            if (!tradedAny)
            {
                return 0;
            }
            closeConstituents[i] = 0;
            closeQty[i] = 0;
            closeTrades[i] = 0;
            return IndexRules.BASE_LEVEL;
        }
        if (link.constituents() > 0)
        {
            closeConstituents[i] = link.constituents();
            closeQty[i] = qty;
            closeTrades[i] = trades;
        }
        return link.level(value[i]);
    }

    /**
     * What category {@code i} would close at if the day ended now (0 before its first close; then the
     * last close when nothing comparable traded today). For views; publishes nothing.
     */
    public long indicativeLevel(final int i)
    {
        if (FAMILY_DATA != family[i])
        {
            return value[i];
        }
        link.reset();
        for (int k = 0; k < tradedTodayCount; k++)
        {
            final int p = tradedToday[k];
            if (indexOf[p] == i && previousVwap[p] > 0)
            {
                link.add(dayValue[p], dayValue[p] / dayQty[p], previousVwap[p]);
            }
        }
        if (STATUS_NONE == status[i])
        {
            return 0;
        }
        return link.level(value[i]);
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
        return indexCount;
    }

    public String indexId(final int i)
    {
        return indexId[i];
    }

    /** Index number of an id, -1 when none (linear: control plane only). */
    public int indexNumber(final String id)
    {
        for (int i = 0; i < indexCount; i++)
        {
            if (indexId[i].equals(id))
            {
                return i;
            }
        }
        return -1;
    }

    public byte family(final int i)
    {
        return family[i];
    }

    /** Fen per node-hour (compute) or hundredths of a point (data); the last live value when stale. */
    public long value(final int i)
    {
        return value[i];
    }

    public byte status(final int i)
    {
        return status[i];
    }

    /** Time of the record that last changed the value or status. */
    public long asOfNs(final int i)
    {
        return asOfNs[i];
    }

    /** Compute: quantity in the window now. Data: the constituents' quantity on the last linked day. */
    public long indexQty(final int i)
    {
        return FAMILY_COMPUTE == family[i] ? window.indexQty(i) : closeQty[i];
    }

    /** Compute: trades in the window now. Data: the constituents' trades on the last linked day. */
    public int indexTrades(final int i)
    {
        return FAMILY_COMPUTE == family[i] ? window.indexTrades(i) : closeTrades[i];
    }

    /** Compute: products with trades in the window now. Data: products in the last link. */
    public int constituents(final int i)
    {
        return FAMILY_COMPUTE == family[i] ? window.indexProducts(i) : closeConstituents[i];
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

    /** Product index of an id, -1 when unknown (linear: control plane only). */
    public int productNumber(final String id)
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

    /** The index a product's trades count towards, -1 when none (core grade). */
    public int indexOf(final int p)
    {
        return indexOf[p];
    }

    public long markFen(final int p)
    {
        return markFen[p];
    }

    public byte markBasis(final int p)
    {
        return markBasis[p];
    }

    public long markAsOfNs(final int p)
    {
        return markAsOfNs[p];
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
        return dayValue[p];
    }

    public long dayQty(final int p)
    {
        return dayQty[p];
    }

    public int dayTrades(final int p)
    {
        return dayTrades[p];
    }

    public long dayOpenFen(final int p)
    {
        return dayOpen[p];
    }

    public long dayHighFen(final int p)
    {
        return dayHigh[p];
    }

    public long dayLowFen(final int p)
    {
        return dayLow[p];
    }

    public long dayCloseFen(final int p)
    {
        return dayClose[p];
    }

    /** The day's VWAP, rounded down; 0 without trades. */
    public long dayVwapFen(final int p)
    {
        return 0 == dayQty[p] ? 0 : dayValue[p] / dayQty[p];
    }

    /** VWAP of the product's last trading day before the current one (0: none). */
    public long previousVwapFen(final int p)
    {
        return previousVwap[p];
    }

    /** Epoch day of that previous trading day. */
    public long previousDay(final int p)
    {
        return previousDay[p];
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
        out.writeInt(indexCount);
        for (int i = 0; i < indexCount; i++)
        {
            out.writeUTF(indexId[i]);
            out.writeByte(family[i]);
            out.writeUTF(null == hardware[i] ? "" : hardware[i]);
            out.writeUTF(null == region[i] ? "" : region[i]);
            out.writeByte(categoryKind[i]);
            out.writeByte(categoryGrade[i]);
            out.writeLong(value[i]);
            out.writeByte(status[i]);
            out.writeLong(asOfNs[i]);
            out.writeLong(closeQty[i]);
            out.writeInt(closeTrades[i]);
            out.writeInt(closeConstituents[i]);
        }
        out.writeInt(productCount);
        for (int p = 0; p < productCount; p++)
        {
            out.writeBoolean(null != productId[p]);
            if (null == productId[p])
            {
                continue;
            }
            out.writeUTF(productId[p]);
            out.writeByte(kind[p]);
            out.writeByte(grade[p]);
            out.writeLong(referenceFen[p]);
            out.writeInt(indexOf[p]);
            out.writeLong(markFen[p]);
            out.writeByte(markBasis[p]);
            out.writeLong(markAsOfNs[p]);
            out.writeLong(dayValue[p]);
            out.writeLong(dayQty[p]);
            out.writeInt(dayTrades[p]);
            out.writeLong(dayOpen[p]);
            out.writeLong(dayHigh[p]);
            out.writeLong(dayLow[p]);
            out.writeLong(dayClose[p]);
            out.writeLong(previousVwap[p]);
            out.writeLong(previousDay[p]);
        }
        out.writeInt(tradedTodayCount);
        for (int k = 0; k < tradedTodayCount; k++)
        {
            out.writeInt(tradedToday[k]);
        }
        window.writeSnapshot(out);
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
        indexCount = checkedCount(in.readInt(), indexesMax, "indexes");
        for (int i = 0; i < indexCount; i++)
        {
            indexId[i] = in.readUTF();
            family[i] = in.readByte();
            final String hw = in.readUTF();
            final String rg = in.readUTF();
            hardware[i] = FAMILY_COMPUTE == family[i] ? hw : null;
            region[i] = FAMILY_COMPUTE == family[i] ? rg : null;
            categoryKind[i] = in.readByte();
            categoryGrade[i] = in.readByte();
            value[i] = in.readLong();
            status[i] = in.readByte();
            asOfNs[i] = in.readLong();
            closeQty[i] = in.readLong();
            closeTrades[i] = in.readInt();
            closeConstituents[i] = in.readInt();
        }
        productCount = checkedCount(in.readInt(), productsMax, "products");
        Arrays.fill(productId, null);
        Arrays.fill(indexOf, -1);
        for (int p = 0; p < productCount; p++)
        {
            if (!in.readBoolean())
            {
                window.productIndex(p, -1);
                continue;
            }
            productId[p] = in.readUTF();
            kind[p] = in.readByte();
            grade[p] = in.readByte();
            referenceFen[p] = in.readLong();
            indexOf[p] = in.readInt();
            if (indexOf[p] < -1 || indexOf[p] >= indexCount)
            {
                throw new IOException("product " + productId[p] + " names index " + indexOf[p]);
            }
            window.productIndex(p, Codes.ProductKind.COMPUTE == kind[p] ? indexOf[p] : -1);
            markFen[p] = in.readLong();
            markBasis[p] = in.readByte();
            markAsOfNs[p] = in.readLong();
            dayValue[p] = in.readLong();
            dayQty[p] = in.readLong();
            dayTrades[p] = in.readInt();
            dayOpen[p] = in.readLong();
            dayHigh[p] = in.readLong();
            dayLow[p] = in.readLong();
            dayClose[p] = in.readLong();
            previousVwap[p] = in.readLong();
            previousDay[p] = in.readLong();
        }
        tradedTodayCount = checkedCount(in.readInt(), productsMax, "products traded today");
        for (int k = 0; k < tradedTodayCount; k++)
        {
            tradedToday[k] = in.readInt();
        }
        window.readSnapshot(in);
    }

    private static int checkedCount(final int n, final int max, final String what)
    {
        if (n < 0 || n > max)
        {
            throw new IllegalStateException("snapshot holds " + n + " " + what + ", limit " + max);
        }
        return n;
    }
}
