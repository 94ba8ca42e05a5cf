package io.databourse.settlement.subsidy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.TradeEvent;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * Purchase subsidy (seed item 7): a local-taxpayer participant whose purchases in a calendar year
 * exceed ¥5,000,000 earns 1 % of that year's purchase amount, at most ¥1,000,000 cumulatively over
 * the years. Purchases are settled trade values price x qty bought (fees excluded), self-trades
 * (buyer = seller) excluded. The stage accumulates purchases per participant and year; the
 * subsidy is a pure function of them, computed in year order when reported. The subsidy is paid
 * from a government fund and never touches the trading ledger.
 */
public final class SubsidyStage implements SettlementStage
{
    public static final String NAME = "subsidies";
    /** "exceed": strictly more than ¥5,000,000. */
    public static final long THRESHOLD_FEN = 500_000_000L;
    public static final long CAP_FEN = 100_000_000L;
    public static final int RATE_PERCENT = 1;

    private final ReferenceData ref;
    private final ZoneId zone;
    /** (participant << 16 | year) -> purchases in fen. */
    private final Long2LongHashMap purchasesFen = new Long2LongHashMap(0);
    private final TradeEvent trade = new TradeEvent();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private long timeNs;
    private long yearStartNs = Long.MAX_VALUE;
    private long yearEndNs = Long.MIN_VALUE;
    private int year;

    public SubsidyStage(final SettlementContext ctx)
    {
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        this.zone = ctx.subsidyZone();
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public ReferenceData ref()
    {
        return ref;
    }

    @Override
    public void open(final Path stateDir, final boolean restored)
    {
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        timeNs = record.timeNs();
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        if (MessageType.TRADE == type)
        {
            trade.wrap(buffer, offset);
            final int buyer = ref.checkParticipant(trade.buyer());
            if (buyer != trade.seller())
            {
                final long key = ((long)buyer << 16) | yearOf(timeNs);
                final long valueFen = Math.multiplyExact(trade.priceFen(), trade.qty());
                purchasesFen.put(key, Math.addExact(purchasesFen.get(key), valueFen));
            }
        }
    }

    /** Calendar year of a time in the configured zone; recomputed only when the year changes. */
    private int yearOf(final long epochNs)
    {
        if (epochNs < yearStartNs || epochNs >= yearEndNs)
        {
            final ZonedDateTime t = Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L)).atZone(zone);
            year = t.getYear();
            yearStartNs = LocalDate.of(year, 1, 1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
            yearEndNs = LocalDate.of(year + 1, 1, 1).atStartOfDay(zone).toEpochSecond() * 1_000_000_000L;
        }
        return year;
    }

    /** The subsidy of one year given what earlier years already paid: 1 % (floored to the fen), capped. */
    public static long subsidyFen(final boolean localTaxpayer, final long purchasesFen, final long paidBeforeFen)
    {
        if (!localTaxpayer || purchasesFen <= THRESHOLD_FEN)
        {
            return 0;
        }
        final long earnedFen = purchasesFen / 100 * RATE_PERCENT + (purchasesFen % 100) * RATE_PERCENT / 100;
        return Math.max(0, Math.min(earnedFen, CAP_FEN - paidBeforeFen));
    }

    /** Rows per participant (index order) and year (ascending), with the subsidy computed. */
    public List<Row> rows()
    {
        final List<long[]> keys = new ArrayList<>();
        purchasesFen.forEachLong((key, fen) -> keys.add(new long[]{key, fen}));
        keys.sort((a, b) -> Long.compare(a[0], b[0]));
        final List<Row> rows = new ArrayList<>(keys.size());
        int participant = -1;
        long paidFen = 0;
        for (final long[] kv : keys)
        {
            final int p = (int)(kv[0] >>> 16);
            final int y = (int)(kv[0] & 0xFFFF);
            if (p != participant)
            {
                participant = p;
                paidFen = 0;
            }
            final boolean local = ref.localTaxpayer(p);
            final long subsidy = subsidyFen(local, kv[1], paidFen);
            paidFen += subsidy;
            rows.add(new Row(ref.participantId(p), y, kv[1], subsidy, local, kv[1] > THRESHOLD_FEN));
        }
        return rows;
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void checkInvariants()
    {
        purchasesFen.forEachLong((key, fen) ->
        {
            if (fen < 0)
            {
                throw new IllegalStateException("negative purchases");
            }
        });
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        ref.writeSnapshot(out);
        out.writeInt(purchasesFen.size());
        purchasesFen.forEachLong((key, fen) ->
        {
            try
            {
                out.writeLong(key);
                out.writeLong(fen);
            }
            catch (final IOException ex)
            {
                throw new java.io.UncheckedIOException(ex);
            }
        });
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        ref.readSnapshot(in);
        purchasesFen.clear();
        final int n = in.readInt();
        for (int k = 0; k < n; k++)
        {
            final long key = in.readLong();
            purchasesFen.put(key, in.readLong());
        }
    }

    @Override
    public void close()
    {
    }

    /** One participant-year. */
    public record Row(
        String participant, int year, long purchasesFen, long subsidyFen, boolean localTaxpayer,
        boolean aboveThreshold)
    {
    }
}
