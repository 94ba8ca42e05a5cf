package io.databourse.perf.engine;

import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.perf.workload.Workload;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Map;
import java.util.TreeMap;

/**
 * Our matcher fed from a {@link CommandTape}, on the calling thread. The events of every command
 * are walked (type of each) as the cheapest honest "events out": trades and rejects are counted,
 * which is also the result check.
 */
public final class MatcherDriver
{
    private final Matcher matcher;
    private final CommandTape tape;
    private final RejectedEventDecoder rejected = new RejectedEventDecoder();
    private final int[] rejectsByReason = new int[1024];
    private long seq;
    private long trades;
    private long rejects;
    private long events;
    private long eventBytes;

    public MatcherDriver(final CommandTape tape)
    {
        this(tape, contextFor(tape.workload()));
    }

    public MatcherDriver(final CommandTape tape, final MatcherContext ctx)
    {
        this.tape = tape;
        this.matcher = new Matcher(ctx);
    }

    /** Capacities sized from the workload: the book it must hold plus room for a move's transient. */
    public static MatcherContext contextFor(final Workload w)
    {
        final long restingTarget = w.metaLong("resting_target", 1_000);
        final int ordersMax = (int)Math.min(Integer.MAX_VALUE / 2, restingTarget + restingTarget / 5 + 4_096);
        return new MatcherContext()
            .ordersMax(ordersMax)
            .levelsMax(ordersMax + w.products() * 64)
            .participantsMax(w.accounts() + 16)
            .productsMax(w.products() + 16)
            .conclude();
    }

    public Matcher matcher()
    {
        return matcher;
    }

    /** Reference data, funding and the book fill; fails on any reject. */
    public MatcherDriver prepare()
    {
        applyRange(0, tape.fillEnd());
        if (rejects != 0)
        {
            throw new IllegalStateException("set-up or fill rejected " + rejects + " commands: " + rejectSummary());
        }
        resetCounts();
        return this;
    }

    public void resetCounts()
    {
        trades = 0;
        rejects = 0;
        events = 0;
        eventBytes = 0;
        java.util.Arrays.fill(rejectsByReason, 0);
    }

    /** Applies commands [from, to) of the tape; the hot loop of the throughput figure. */
    public void applyRange(final int from, final int to)
    {
        final UnsafeBuffer buffer = tape.buffer();
        for (int i = from; i < to; i++)
        {
            applyOne(buffer, i);
        }
    }

    /** Applies one command of the tape (the latency loop's unit). */
    public void applyOne(final UnsafeBuffer buffer, final int i)
    {
        final long s = ++seq;
        matcher.apply(s, s, buffer, tape.offset(i), tape.length(i));
        countEvents();
    }

    private void countEvents()
    {
        final DirectBuffer out = matcher.eventBuffer();
        final int end = matcher.eventsLength();
        eventBytes += end;
        int offset = 0;
        while (offset < end)
        {
            final int type = RecordHeader.typeAt(out, offset);
            if (type == MessageType.TRADE)
            {
                trades++;
            }
            else if (type == MessageType.REJECTED)
            {
                rejects++;
                Codecs.wrap(rejected, out, offset);
                rejectsByReason[rejected.reason() & 1023]++;
            }
            offset += RecordHeader.lengthAt(out, offset);
            events++;
        }
    }

    public long trades()
    {
        return trades;
    }

    public long rejects()
    {
        return rejects;
    }

    public long events()
    {
        return events;
    }

    /** Bytes of events the matcher encoded: the output side of its per-command cost. */
    public long eventBytes()
    {
        return eventBytes;
    }

    public String rejectSummary()
    {
        final Map<String, Integer> byName = new TreeMap<>();
        for (int code = 0; code < rejectsByReason.length; code++)
        {
            if (rejectsByReason[code] > 0)
            {
                final RejectReason reason = RejectReason.ofCode(code);
                byName.put(null == reason ? "code" + code : reason.name(), rejectsByReason[code]);
            }
        }
        return byName.toString();
    }
}
