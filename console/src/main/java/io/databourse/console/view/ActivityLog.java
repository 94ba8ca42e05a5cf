package io.databourse.console.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.UsageEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Per participant, the last {@code historyMax} refusals (with the matcher's named reason) and
 * usage draws, so that a participant sees why a command was refused and what its usage was.
 */
public final class ActivityLog
{
    /** A refused command. */
    public record Refusal(long seq, long timeNs, String command, String reason, String text, String clOrdId,
        long orderId, int sessionId)
    {
    }

    /** A usage draw (the matcher's remaining units after it). */
    public record Usage(long seq, long timeNs, int product, String usageId, int reporter, long units, long remainingUnits)
    {
    }

    private final int historyMax;
    private final Int2ObjectHashMap<ArrayDeque<Refusal>> refusals = new Int2ObjectHashMap<>();
    private final Int2ObjectHashMap<ArrayDeque<Usage>> usage = new Int2ObjectHashMap<>();
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final UsageEventDecoder usageEvent = new UsageEventDecoder();

    public ActivityLog(final int historyMax)
    {
        this.historyMax = historyMax;
    }

    /** Records a REJECTED event; returns the participant it names (-1 when none) and its reason code. */
    Refusal onRejected(final org.agrona.DirectBuffer buffer, final int offset, final long seq, final long timeNs)
    {
        final RejectedEventDecoder e = rejected;
        Codecs.wrap(e, buffer, offset);
        final RejectReason reason = RejectReason.ofCode(e.reason());
        final Refusal r = new Refusal(seq, timeNs, MessageType.nameOf(e.commandType()),
            null == reason ? "unknown(" + e.reason() + ")" : reason.name(), null == reason ? "" : reason.text(),
            e.clOrdId(), e.orderId(), e.header().sessionId());
        if (e.participant() >= 0)
        {
            remember(refusals.computeIfAbsent(e.participant(), k -> new ArrayDeque<>()), r);
        }
        return r;
    }

    int onUsage(final org.agrona.DirectBuffer buffer, final int offset, final long seq, final long timeNs)
    {
        final UsageEventDecoder e = usageEvent;
        Codecs.wrap(e, buffer, offset);
        remember(usage.computeIfAbsent(e.participant(), k -> new ArrayDeque<>()),
            new Usage(seq, timeNs, e.product(), e.usageId(), e.reporter(), e.units(), e.remainingUnits()));
        return e.participant();
    }

    private <T> void remember(final ArrayDeque<T> deque, final T item)
    {
        if (deque.size() == historyMax)
        {
            deque.removeFirst();
        }
        deque.addLast(item);
    }

    /** Newest first. */
    public List<Refusal> refusalsOf(final int participant)
    {
        return newestFirst(refusals.get(participant));
    }

    /** Newest first. */
    public List<Usage> usageOf(final int participant)
    {
        return newestFirst(usage.get(participant));
    }

    private static <T> List<T> newestFirst(final ArrayDeque<T> deque)
    {
        final List<T> list = new ArrayList<>();
        if (null != deque)
        {
            deque.descendingIterator().forEachRemaining(list::add);
        }
        return list;
    }
}
