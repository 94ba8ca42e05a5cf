package io.databourse.settlement.subsidy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import io.databourse.settlement.surveillance.AlertFollower;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertStore;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.TradeEvidence;
import org.agrona.DirectBuffer;

/**
 * Purchase subsidy (seed item 7) over the journal: books every buy fill's value (price x qty, fees
 * excluded) to the buyer's calendar year, as qualifying or excluded ({@link SubsidyBook}); the
 * subsidy itself is decided from those amounts by the {@link SubsidyRules} when reported. Paid from a
 * government fund: it never touches the trading ledger.
 * <p>Flagged trades never count. The stage runs after surveillance (the pipeline gates it on that
 * stage's sequence), so when it applies record N every alert raised up to N is in surveillance's
 * queue; it reads them in order ({@code alertsApplied} is in its snapshot) and moves each
 * qualifying purchase an alert flags ({@link AlertType#flagsTrades()}, the buyer among those the
 * alert implicates) to the flagged bucket. The alerts decide; this stage only posts them.
 */
public final class SubsidyStage implements SettlementStage
{
    public static final String NAME = "subsidies";
    /** Marks this stage's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x53554233; // "SUB3"

    private final ReferenceData ref;
    private final SubsidyBook book;
    private final ZoneId zone;
    private final ExcludedTrades excluded;
    private AlertFollower alerts;
    private final Consumer<Alert> flagsApplier = this::applyFlags;
    private long flaggedTrades;
    /** Alerts applied as the snapshot said (kept when no queue is followed). */
    private long alertsAppliedRead;
    private final TradeEventDecoder trade = new TradeEventDecoder();
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private long timeNs;
    private long yearStartNs = Long.MAX_VALUE;
    private long yearEndNs = Long.MIN_VALUE;
    private int year;

    public SubsidyStage(final SettlementContext ctx)
    {
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        this.book = new SubsidyBook(ctx.subsidyRules());
        this.zone = ctx.subsidyZone();
        this.excluded = new ExcludedTrades(ctx.surveillance().intValue(SurveillanceSetting.RECENT_TRADES_MAX));
    }

    /**
     * Where flags come from: surveillance's alert queue, open once that stage is (null: nothing is
     * flagged). The pipeline sets it, and runs this stage after that one.
     */
    public SubsidyStage flagsFrom(final Supplier<AlertStore> alerts)
    {
        this.alerts = new AlertFollower(alerts, NAME);
        this.alerts.applied(alertsAppliedRead);
        return this;
    }

    /** Trades whose qualifying purchase was flagged so far. */
    public long flaggedTrades()
    {
        return flaggedTrades;
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

    public SubsidyBook book()
    {
        return book;
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
        if (null != alerts)
        {
            alerts.applyUpTo(record.seq(), flagsApplier);
        }
    }

    private void applyFlags(final Alert alert)
    {
        if (!alert.type().flagsTrades())
        {
            return;
        }
        for (final TradeEvidence t : alert.trades())
        {
            if (alert.involves(t.buyer()) &&
                SubsidyBook.QUALIFYING == excluded.bucketOf(t.tradeId(), SubsidyBook.QUALIFYING))
            {
                final int buyer = ref.participantIndex(t.buyer());
                if (buyer < 0)
                {
                    throw new IllegalStateException("alert " + alert.id() + " names unknown buyer " + t.buyer());
                }
                book.flag(buyer, yearOf(t.timeNs()), t.valueFen());
                excluded.put(t.tradeId(), SubsidyBook.FLAGGED);
                flaggedTrades++;
            }
        }
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        if (MessageType.TRADE == type)
        {
            Codecs.wrap(trade, buffer, offset);
            final int buyer = ref.checkParticipant(trade.buyer());
            final int seller = ref.checkParticipant(trade.seller());
            final int product = ref.checkProduct(trade.product());
            final int bucket = book.purchase(buyer, seller, groupOf(buyer), groupOf(seller), ref.kind(product),
                yearOf(timeNs), Math.multiplyExact(trade.priceFen(), trade.qty()));
            if (SubsidyBook.QUALIFYING != bucket)
            {
                excluded.put(trade.tradeId(), bucket);
            }
        }
    }

    /** A participant's group (beneficial owner) as of the record being applied (its participant events); null: none. */
    private String groupOf(final int participant)
    {
        assert participant >= 0;
        return ref.group(participant);
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

    /** Rows per participant (index order) and year (ascending), decided and explained. */
    public List<SubsidyRow> rows()
    {
        return book.rows(ref::participantId, ref::localTaxpayer);
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void checkInvariants()
    {
        book.checkInvariants();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        out.writeInt(SNAPSHOT_FORMAT);
        ref.writeSnapshot(out);
        book.writeSnapshot(out);
        excluded.writeSnapshot(out);
        out.writeLong(null == alerts ? alertsAppliedRead : alerts.applied());
        out.writeLong(flaggedTrades);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        final int format = in.readInt();
        if (SNAPSHOT_FORMAT != format)
        {
            throw new IOException("subsidy checkpoint of another format (" + Integer.toHexString(format) +
                "): delete the settlement state directory and settle the journal again");
        }
        ref.readSnapshot(in);
        book.readSnapshot(in);
        excluded.readSnapshot(in);
        alertsAppliedRead = in.readLong();
        if (null != alerts)
        {
            alerts.applied(alertsAppliedRead);
        }
        flaggedTrades = in.readLong();
    }

    @Override
    public void close()
    {
        if (null != alerts)
        {
            alerts.close();
        }
    }
}
