package io.databourse.settlement.compute;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementStage;
import io.databourse.settlement.ref.ReferenceData;
import org.agrona.DirectBuffer;

/**
 * Runs a {@link ComputeSchedule} over the journal; the batch run writes the schedule and hand-offs.
 * Live, it also publishes at the end of each batch that moved slots an immutable list of who holds
 * which node-hours ({@link #allocationsOf}), for readers on other threads (the web console).
 */
public final class ComputeSchedulerStage implements SettlementStage
{
    public static final String NAME = "compute";

    /** Consecutive hours {@code [startNs, endNs)} of one provider's node that a buyer holds. */
    public record Allocation(String product, String node, String provider, long startNs, long endNs)
    {
    }

    private final ReferenceData ref;
    private final ComputeSchedule schedule;
    private final JournalRecord.EventHandler eventHandler = this::onEvent;
    /** Participant id -> its allocations, republished (copy on write) when slots changed hands. */
    private volatile Map<String, List<Allocation>> allocations = Map.of();
    private boolean slotsMoved;
    /** The record whose events are being posted: named by any refusal. */
    private long seq;

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
        publish();
    }

    @Override
    public void onRecord(final JournalRecord record)
    {
        seq = record.seq();
        record.forEachEvent(eventHandler);
    }

    private void onEvent(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        ref.onEvent(type, buffer, offset);
        schedule.onEvent(seq, type, buffer, offset);
        if (MessageType.TRADE == type || MessageType.CAPACITY_REGISTERED == type)
        {
            slotsMoved = true;
        }
    }

    @Override
    public void onBatchApplied()
    {
        if (slotsMoved)
        {
            publish();
        }
    }

    /** The node-hours a participant holds of providers' nodes, by product, node and time. Safe from any thread. */
    public List<Allocation> allocationsOf(final String participant)
    {
        return allocations.getOrDefault(participant, List.of());
    }

    private void publish()
    {
        final Map<String, List<Allocation>> byHolder = new HashMap<>();
        for (int i = 0; i < ref.productCount(); i++)
        {
            final ComputeSchedule.Window w = schedule.window(i);
            if (null == w)
            {
                continue;
            }
            for (int k = 0; k < w.nodeCount(); k++)
            {
                int h = 0;
                while (h < w.hours())
                {
                    final int owner = w.owner(k, h);
                    int end = h + 1;
                    while (end < w.hours() && w.owner(k, end) == owner)
                    {
                        end++;
                    }
                    if (owner != w.provider(k))
                    {
                        byHolder.computeIfAbsent(ref.participantId(owner), id -> new ArrayList<>()).add(new Allocation(
                            ref.productId(i), w.node(k), ref.participantId(w.provider(k)),
                            w.startNs() + h * ComputeSchedule.HOUR_NS, w.startNs() + end * ComputeSchedule.HOUR_NS));
                    }
                    h = end;
                }
            }
        }
        final Map<String, List<Allocation>> published = new HashMap<>();
        byHolder.forEach((id, list) -> published.put(id, List.copyOf(list)));
        allocations = Map.copyOf(published);
        slotsMoved = false;
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
