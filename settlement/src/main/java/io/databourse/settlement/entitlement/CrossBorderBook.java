package io.databourse.settlement.entitlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import io.databourse.journal.sbe.ComplianceEventDecoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * Personal-information records sent abroad, per exporter (the product's owner) and calendar year,
 * posted from what each fill carries: its records ({@code TradeEventDecoder.crossBorderRecords}) under
 * the year whose quota the matcher counted them in ({@code crossBorderYear}). Settlement re-derives
 * neither which fill counts nor its year from the trade's time, so the two can never drift. Filings
 * and approvals are recorded as their events say. Iterated in key order (exporter, year, product):
 * outputs never depend on hash order.
 */
public final class CrossBorderBook
{
    /** Marks this book's snapshot format. */
    static final int SNAPSHOT_FORMAT = 0x58424431; // "XBD1"
    private static final long YEAR_SHIFT = 1L << 20;
    private static final long EXPORTER_SHIFT = 1L << 36;

    private final ReferenceData ref;
    /** exporter * 2^36 + year * 2^20 + product -> records. */
    private final TreeMap<Long, Long> records = new TreeMap<>();
    private final TreeMap<Integer, Long> filedNs = new TreeMap<>();
    private final TreeMap<Integer, Long> approvedNs = new TreeMap<>();
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final ComplianceEventDecoder compliance = new ComplianceEventDecoder();

    public CrossBorderBook(final ReferenceData ref)
    {
        this.ref = ref;
    }

    public void onEvent(final long timeNs, final int type, final DirectBuffer buffer, final int offset)
    {
        switch (type)
        {
            case MessageType.TRADE:
                Codecs.wrap(trade, buffer, offset);
                onTrade();
                break;
            case MessageType.CROSS_BORDER_FILED:
                Codecs.wrap(compliance, buffer, offset);
                filedNs.putIfAbsent(ref.checkParticipant(compliance.participant()), timeNs);
                break;
            case MessageType.CROSS_BORDER_APPROVED:
                Codecs.wrap(compliance, buffer, offset);
                approvedNs.putIfAbsent(ref.checkProduct(compliance.product()), timeNs);
                break;
            default:
                break;
        }
    }

    /** Files the trade's records under its exporter and the year the matcher counted them in. */
    private void onTrade()
    {
        final long sent = trade.crossBorderRecords();
        final int year = trade.crossBorderYear();
        // the matcher names a year exactly when the fill counted records: one without the other is a broken journal
        if ((sent > 0) != (year > 0) || sent < 0)
        {
            throw new IllegalStateException("trade " + trade.tradeId() + " carries " + sent +
                " cross-border records in year " + year + ": a fill counting records names the year it counts them in," +
                " and only such a fill names one");
        }
        if (0 == sent)
        {
            return;
        }
        final int product = ref.checkProduct(trade.product());
        final int exporter = ref.owner(product);
        if (exporter < 0)
        {
            throw new IllegalStateException("trade " + trade.tradeId() + " sent records abroad from " +
                ref.productId(product) + ", which has no owner");
        }
        records.merge(key(exporter, year, product), sent, Math::addExact);
    }

    private static long key(final int exporter, final int year, final int product)
    {
        assert year > 0 && year * YEAR_SHIFT < EXPORTER_SHIFT && product >= 0 && product < YEAR_SHIFT;
        return exporter * EXPORTER_SHIFT + year * YEAR_SHIFT + product;
    }

    /** One exporter's records in one year, with the products they came from. */
    public record Year(int exporter, int year, long records, Map<Integer, Long> byProduct)
    {
    }

    /** Every (exporter, year) with records, in order. */
    public java.util.List<Year> years()
    {
        final java.util.List<Year> out = new java.util.ArrayList<>();
        int exporter = -1;
        int year = -1;
        long total = 0;
        TreeMap<Integer, Long> byProduct = null;
        for (final Map.Entry<Long, Long> e : records.entrySet())
        {
            final int x = (int)(e.getKey() / EXPORTER_SHIFT);
            final int y = (int)((e.getKey() % EXPORTER_SHIFT) / YEAR_SHIFT);
            if (null == byProduct || x != exporter || y != year)
            {
                if (null != byProduct)
                {
                    out.add(new Year(exporter, year, total, byProduct));
                }
                exporter = x;
                year = y;
                total = 0;
                byProduct = new TreeMap<>();
            }
            byProduct.put((int)(e.getKey() % YEAR_SHIFT), e.getValue());
            total = Math.addExact(total, e.getValue());
        }
        if (null != byProduct)
        {
            out.add(new Year(exporter, year, total, byProduct));
        }
        return out;
    }

    /** When the exporter's standard contract was filed (epoch ns), or null. */
    public Long filedNs(final int exporter)
    {
        return filedNs.get(exporter);
    }

    /** When the product's export was approved (epoch ns), or null. */
    public Long approvedNs(final int product)
    {
        return approvedNs.get(product);
    }

    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        out.writeInt(records.size());
        for (final Map.Entry<Long, Long> e : records.entrySet())
        {
            out.writeLong(e.getKey());
            out.writeLong(e.getValue());
        }
        writeTimes(out, filedNs);
        writeTimes(out, approvedNs);
    }

    private static void writeTimes(final DataOutput out, final TreeMap<Integer, Long> times) throws IOException
    {
        out.writeInt(times.size());
        for (final Map.Entry<Integer, Long> e : times.entrySet())
        {
            out.writeInt(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("cross-border checkpoint of another format (" + Integer.toHexString(format) + ")");
        }
        records.clear();
        final int n = in.readInt();
        for (int i = 0; i < n; i++)
        {
            records.put(in.readLong(), in.readLong());
        }
        readTimes(in, filedNs);
        readTimes(in, approvedNs);
    }

    private static void readTimes(final DataInput in, final TreeMap<Integer, Long> times) throws IOException
    {
        times.clear();
        final int n = in.readInt();
        for (int i = 0; i < n; i++)
        {
            times.put(in.readInt(), in.readLong());
        }
    }
}
