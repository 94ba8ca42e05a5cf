package io.databourse.matcher;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;

/**
 * The matcher's thread: polls commands from the Aeron ingress subscription, sequences, matches and
 * journals each one ({@link Sequencer}), and publishes the journaled record on the egress
 * publication for gateways. Reads the clock once per duty cycle (Aeron style); the matcher itself
 * never sees it, only the stamped time.
 * <p>Egress never drops silently: while the publication is back-pressured the agent retries with
 * its idle strategy (the journal already holds the record, so a gateway that fell behind can also
 * catch up from it). With no gateway connected there is nobody to tell, and the journal is the
 * record. A record larger than an Aeron message is split into several messages, each with the
 * record's header and a run of whole events.
 */
public final class MatcherAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final io.databourse.journal.queue.JournalWriter journal;
    private final Subscription commands;
    private final Publication events;
    private final EpochNanoClock clock;
    private final IdleStrategy backPressureIdle;
    private final Sequencer sequencer;
    private final FragmentHandler assembler;
    private final ExpandableArrayBuffer chunk = new ExpandableArrayBuffer(1 << 16);
    private long nowNs;
    private long recordsDroppedNotConnected;

    public MatcherAgent(
        final Matcher matcher,
        final io.databourse.journal.queue.JournalWriter journal,
        final Subscription commands,
        final Publication events,
        final EpochNanoClock clock,
        final IdleStrategy backPressureIdle)
    {
        this.journal = journal;
        this.commands = commands;
        this.events = events;
        this.clock = clock;
        this.backPressureIdle = backPressureIdle;
        this.sequencer = new Sequencer(matcher, journal, this::publish, true);
        this.assembler = new FragmentAssembler(this::onCommand);
    }

    @Override
    public void onStart()
    {
        if (null != journal)
        {
            journal.takeOwnership();
        }
    }

    @Override
    public String roleName()
    {
        return "databourse-matcher";
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        final int work = commands.poll(assembler, FRAGMENT_LIMIT);
        if (work > 0)
        {
            sequencer.flush();
        }
        return work;
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        sequencer.sequenceNow(nowNs, buffer, offset, length);
    }

    public Sequencer sequencer()
    {
        return sequencer;
    }

    public long recordsDroppedNotConnected()
    {
        return recordsDroppedNotConnected;
    }

    private void publish(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= events.maxMessageLength())
        {
            offer(buffer, offset, length);
            return;
        }
        publishInChunks(buffer, offset);
    }

    private final JournalRecord whole = new JournalRecord();

    private void publishInChunks(final DirectBuffer buffer, final int offset)
    {
        whole.wrap(buffer, offset);
        final int prefix = JournalRecord.HEADER_LENGTH + whole.commandLength();
        final int max = events.maxMessageLength();
        int at = whole.eventsOffset();
        final int end = at + whole.eventsLength();
        while (at < end)
        {
            int runEnd = at;
            int count = 0;
            while (runEnd < end && prefix + (runEnd - at) + Flyweight.lengthAt(buffer, runEnd) <= max)
            {
                runEnd += Flyweight.lengthAt(buffer, runEnd);
                count++;
            }
            final int length = JournalRecord.encode(chunk, 0, whole.seq(), whole.timeNs(), buffer,
                whole.commandOffset(), whole.commandLength(), buffer, at, runEnd - at, count);
            offer(chunk, 0, length);
            at = runEnd;
        }
    }

    private void offer(final DirectBuffer buffer, final int offset, final int length)
    {
        backPressureIdle.reset();
        while (true)
        {
            final long result = events.offer(buffer, offset, length);
            if (result > 0)
            {
                return;
            }
            if (result == Publication.NOT_CONNECTED)
            {
                recordsDroppedNotConnected++;
                return;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                throw new IllegalStateException("event publication unusable: " + result);
            }
            backPressureIdle.idle();
        }
    }
}
