package io.databourse.settlement.compute;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/** Runs a {@link ComputeSchedule} over the journal; the batch run writes the schedule and hand-offs. */
public final class ComputeSchedulerStage implements SettlementStage
{
    public static final String NAME = "compute";

    private final ReferenceData ref;
    private final ComputeSchedule schedule;
    private final JournalRecord.EventHandler eventHandler = this::onEvent;

    public ComputeSchedulerStage(final SettlementContext ctx)
    {
        this.ref = new ReferenceData(ctx.participantsMax(), ctx.productsMax());
        this.schedule = new ComputeSchedule(ref, ctx.nodeHoursMax());
    }

    @Override
    public String name()
    {
        return NAME;
    }

    public ComputeSchedule schedule()
    {
        return schedule;
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
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        schedule.onEvent(type, buffer, offset);
    }

    @Override
    public void flush()
    {
    }

    @Override
    public void checkInvariants()
    {
        schedule.checkInvariants();
    }

    @Override
    public void writeSnapshot(final DataOutput out) throws IOException
    {
        ref.writeSnapshot(out);
        schedule.writeSnapshot(out);
    }

    @Override
    public void readSnapshot(final DataInput in) throws IOException
    {
        ref.readSnapshot(in);
        schedule.readSnapshot(in);
    }

    @Override
    public void close()
    {
    }
}
