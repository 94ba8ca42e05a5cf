package io.databourse.settlement.entitlement;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * Runs the data market's books over the journal: the {@link EntitlementBook} (what buyers may still
 * use) and the {@link CrossBorderBook} (what exporters sent abroad); their state is written out by
 * the batch run.
 */
public final class EntitlementStage implements SettlementStage
{
    public static final String NAME = "entitlements";

    private final ReferenceData ref;
    private final EntitlementBook book;
    private final CrossBorderBook crossBorder;
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    private JournalRecord record;

    public EntitlementStage(final SettlementContext ctx)
    {
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        this.book = new EntitlementBook(ref, ctx.entitlementsMax());
        this.crossBorder = new CrossBorderBook(ref);
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public EntitlementBook book()
    {
        return book;
    }

    public CrossBorderBook crossBorder()
    {
        return crossBorder;
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
        this.record = record;
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        book.onEvent(record, type, buffer, offset);
        crossBorder.onEvent(record.timeNs(), type, buffer, offset);
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
        ref.writeSnapshot(out);
        book.writeSnapshot(out);
        crossBorder.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        ref.readSnapshot(in);
        book.readSnapshot(in);
        crossBorder.readSnapshot(in);
    }

    @Override
    public void close()
    {
    }
}
