package io.databourse.surveillance.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;

import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.sbe.UsageCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RejectReason;
import io.databourse.surveillance.SurveillanceSetting;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.alert.RefusalEvidence;
import io.databourse.surveillance.alert.Severity;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Refusals worth a look: {@code refusals.count} refusals of one participant for one watched
 * reason (core data, cross-border, quota: {@code refusal.reasons}) within
 * {@code refusals.window.ms}. The alert carries those refusals; the history starts again after it,
 * and the alert is throttled per participant and reason.
 */
final class RefusalDetector
{
    private final Detection d;
    private final boolean[] watched = new boolean[1000];
    private final int count;
    private final long windowNs;
    /** (participant << 16 | reason code) -> its latest refusals, oldest first, at most {@code count}. */
    private final Long2ObjectHashMap<ArrayDeque<RefusalEvidence>> recent = new Long2ObjectHashMap<>();
    private final NewOrderCommandDecoder newOrder = new NewOrderCommandDecoder();
    private final UsageCommandDecoder usage = new UsageCommandDecoder();

    RefusalDetector(final Detection d)
    {
        this.d = d;
        this.count = d.ctx.intValue(SurveillanceSetting.REFUSALS_COUNT);
        this.windowNs = d.ctx.nanos(SurveillanceSetting.REFUSALS_WINDOW_MS);
        final Set<RejectReason> reasons = d.ctx.refusalReasons();
        for (final RejectReason r : reasons)
        {
            watched[r.code()] = true;
        }
    }

    void onRejected(final RejectedEventDecoder e, final JournalRecord record)
    {
        final int code = e.reason();
        final int participant = e.participant();
        if (code < 0 || code >= watched.length || !watched[code] || participant < 0)
        {
            return;
        }
        final RejectReason reason = RejectReason.ofCode(code);
        final RefusalEvidence evidence = new RefusalEvidence(
            record.seq(), record.timeNs(), d.directory.participantId(participant), MessageType.nameOf(e.commandType()),
            reason.name(), e.clOrdId(), productOf(record));
        final long key = ((long)participant << 16) | code;
        ArrayDeque<RefusalEvidence> history = recent.get(key);
        if (null == history)
        {
            history = new ArrayDeque<>(count);
            recent.put(key, history);
        }
        if (history.size() == count)
        {
            history.removeFirst();
        }
        history.addLast(evidence);
        if (history.size() < count || record.timeNs() - history.peekFirst().timeNs() > windowNs)
        {
            return;
        }
        if (!d.throttle.tryAcquire(AlertType.REFUSALS, participant, code, record.timeNs()))
        {
            return;
        }
        final AlertRaiser.Draft draft = d.raiser.begin(AlertType.REFUSALS, Severity.MEDIUM).participant(participant);
        for (final RefusalEvidence r : history)
        {
            final int p = d.directory.productIndex(r.product());
            if (p >= 0)
            {
                draft.product(p);
            }
            draft.refusal(r);
        }
        draft.raise(d.directory.participantId(participant) + " was refused " + count + " times within " +
            Texts.duration(record.timeNs() - history.peekFirst().timeNs()) + " for " + reason.name() + " (" +
            reason.text() + ")" + (evidence.product().isEmpty() ? "" : ", last on " + evidence.product()) + ".");
        history.clear();
    }

    /** The product id a refused command named, "" when it names none. */
    private String productOf(final JournalRecord record)
    {
        switch (record.commandType())
        {
            case MessageType.NEW_ORDER:
                return Codecs.wrap(newOrder, record.buffer(), record.commandOffset()).productId();
            case MessageType.USAGE:
                Codecs.wrap(usage, record.buffer(), record.commandOffset());
                return usage.productId();
            default:
                return "";
        }
    }

    void writeSnapshot(final DataOutput out) throws IOException
    {
        final long[] keys = new long[recent.size()];
        final int[] at = {0};
        recent.forEach((k, v) -> keys[at[0]++] = k);
        java.util.Arrays.sort(keys);
        out.writeInt(keys.length);
        for (final long k : keys)
        {
            final ArrayDeque<RefusalEvidence> history = recent.get(k);
            out.writeLong(k);
            out.writeInt(history.size());
            for (final RefusalEvidence r : history)
            {
                out.writeLong(r.seq());
                out.writeLong(r.timeNs());
                out.writeUTF(r.participant());
                out.writeUTF(r.command());
                out.writeUTF(r.reason());
                out.writeUTF(r.requestId());
                out.writeUTF(r.product());
            }
        }
    }

    void readSnapshot(final DataInput in) throws IOException
    {
        final int keys = in.readInt();
        if (keys < 0)
        {
            throw new IOException("snapshot holds " + keys + " refusal histories");
        }
        for (int i = 0; i < keys; i++)
        {
            final long k = in.readLong();
            final int n = in.readInt();
            if (n < 0 || n > count)
            {
                throw new IOException("refusal history of " + n + " entries, limit " + count);
            }
            final ArrayDeque<RefusalEvidence> history = new ArrayDeque<>(count);
            for (int j = 0; j < n; j++)
            {
                history.addLast(new RefusalEvidence(in.readLong(), in.readLong(), in.readUTF(), in.readUTF(),
                    in.readUTF(), in.readUTF(), in.readUTF()));
            }
            recent.put(k, history);
        }
    }
}
