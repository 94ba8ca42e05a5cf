package io.databourse.matcher;

import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.IdleStrategy;

/**
 * The matcher's thread: polls commands from the Aeron ingress subscription, sequences, matches and
 * journals each one ({@link Sequencer}), and publishes the journaled records on the egress
 * publication for gateways, packed several to a message. Reads the clock once per duty cycle
 * (Aeron style); the matcher itself never sees it, only the stamped time.
 * <p>Egress never drops silently: while the publication is back-pressured the agent retries with
 * its idle strategy (the journal already holds the record, so a gateway that fell behind can also
 * catch up from it). With no gateway connected there is nobody to tell, and the journal is the
 * record. A record larger than an Aeron message is split into several messages, each with the
 * record's header and a run of whole events.
 */
public final class MatcherAgent implements Agent
{
    private static final int FRAGMENT_LIMIT = 256;

    private final io.databourse.journal.queue.JournalWriter journal;
    private final Subscription commands;
    private final Publication events;
    private final EpochNanoClock clock;
    private final IdleStrategy backPressureIdle;
    private final Sequencer sequencer;
    private final FragmentHandler assembler;
    private final RecordChunker chunker = new RecordChunker();
    private final RecordChunker.ChunkConsumer chunkPublisher = (buffer, offset, length, last) -> offer(buffer, offset, length);
    private long nowNs;
    private long messagesDroppedNotConnected;

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
        this.sequencer = Sequencer.batching(matcher, journal, this::publishBatch);
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
            return work;
        }
        // idle: take the page fault of the journal's next page now, not in the next command's append
        return null != journal && journal.touchAhead() ? 1 : 0;
    }

    private void onCommand(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        sequencer.sequenceNow(nowNs, buffer, offset, length);
    }

    public Sequencer sequencer()
    {
        return sequencer;
    }

    public long messagesDroppedNotConnected()
    {
        return messagesDroppedNotConnected;
    }

    /**
     * Publishes a journaled batch in as few messages as possible: consecutive whole records while
     * they fit one unfragmented payload (one offer, no reassembly at the gateway, instead of one
     * offer per record); a record bigger than that goes alone, in chunks if it exceeds a message.
     */
    private void publishBatch(final DirectBuffer buffer, final int offset, final int length)
    {
        final int maxPayload = events.maxPayloadLength();
        final int end = offset + length;
        int at = offset;
        while (at < end)
        {
            int runEnd = at + JournalRecord.lengthAt(buffer, at);
            while (runEnd < end)
            {
                final int next = JournalRecord.lengthAt(buffer, runEnd);
                if (runEnd - at + next > maxPayload)
                {
                    break;
                }
                runEnd += next;
            }
            if (runEnd - at <= events.maxMessageLength())
            {
                offer(buffer, at, runEnd - at);
            }
            else
            {
                publishInChunks(buffer, at);
            }
            at = runEnd;
        }
    }

    private void publishInChunks(final DirectBuffer buffer, final int offset)
    {
        chunker.split(buffer, offset, events.maxMessageLength(), chunkPublisher);
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
                messagesDroppedNotConnected++;
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
