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

import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.TradeEvent;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * Purchase subsidy (seed item 7) over the journal: books every buy fill's value (price x qty, fees
 * excluded) to the buyer's calendar year, as qualifying or excluded ({@link SubsidyBook}); the
 * subsidy itself is decided from those amounts by the {@link SubsidyRules} when reported. Paid from a
 * government fund: it never touches the trading ledger.
 */
public final class SubsidyStage implements SettlementStage
{
    public static final String NAME = "subsidies";
    /** Marks this stage's snapshot format: a checkpoint of an earlier format is refused by name. */
    static final int SNAPSHOT_FORMAT = 0x53554232; // "SUB2"

    private final ReferenceData ref;
    private final SubsidyBook book;
    private final ZoneId zone;
    private final TradeEvent trade = new TradeEvent();
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
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        if (MessageType.TRADE == type)
        {
            trade.wrap(buffer, offset);
            final int buyer = ref.checkParticipant(trade.buyer());
            final int seller = ref.checkParticipant(trade.seller());
            final int product = ref.checkProduct(trade.product());
            book.purchase(buyer, seller, groupOf(buyer), groupOf(seller), ref.kind(product), yearOf(timeNs),
                Math.multiplyExact(trade.priceFen(), trade.qty()));
        }
    }

    /**
     * A participant's group (beneficial owner) as of the record being applied; null: none. The
     * participant events do not carry a group yet (issue 15 adds {@code group}); until they do, no
     * two participants are linked and only self-trades are excluded as linked purchases are.
     */
    private String groupOf(final int participant)
    {
        assert participant >= 0;
        return null;
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
    }

    @Override
    public void close()
    {
    }
}
