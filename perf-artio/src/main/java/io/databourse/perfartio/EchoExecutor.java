package io.databourse.perfartio;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The trivial executor behind Aeron IPC: answers each new-order command as DataBourse's matcher
 * answers one that finds nothing to match, without any matching: a record holding the command and
 * an "accepted" event, followed, for an order that may not rest (IOC, FOK, market), by its
 * "cancelled" event. It reads the clock once a duty cycle and numbers the records, as the sequencer
 * does. The same answer as perf's echo executor in front of our gateway.
 * <p>Back-pressure: a command whose answer cannot be claimed is left in the stream and retried on
 * the next duty cycle ({@code ABORT}); nothing is dropped.
 */
final class EchoExecutor implements Agent, ControlledFragmentHandler
{
    private static final int FRAGMENT_LIMIT = 64;

    private final Subscription commands;
    private final Publication answers;
    private final EpochNanoClock clock;
    private final BufferClaim claim = new BufferClaim();
    private long nowNs;
    private long seq;
    private long commandsRefused;

    EchoExecutor(final Subscription commands, final Publication answers, final EpochNanoClock clock)
    {
        this.commands = commands;
        this.answers = answers;
        this.clock = clock;
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        return commands.controlledPoll(this, FRAGMENT_LIMIT);
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        if (length < PeerProtocol.COMMAND_LENGTH ||
            buffer.getShort(offset + PeerProtocol.TYPE_OFFSET) != PeerProtocol.NEW_ORDER_TYPE)
        {
            commandsRefused++;
            return Action.CONTINUE;
        }
        final boolean rests = PeerProtocol.rests(buffer.getByte(offset + PeerProtocol.TIF_OFFSET),
            buffer.getByte(offset + PeerProtocol.ORD_TYPE_OFFSET));
        final int answerLength = rests ? PeerProtocol.RESTING_ANSWER_LENGTH : PeerProtocol.CANCELLED_ANSWER_LENGTH;
        if (answers.tryClaim(answerLength, claim) < 0)
        {
            return Action.ABORT;
        }
        final MutableDirectBuffer out = claim.buffer();
        final int at = claim.offset();
        final long qty = buffer.getLong(offset + PeerProtocol.QTY_OFFSET);
        assert qty > 0 : "order entry sends positive quantities only";
        seq++;
        out.putLong(at + PeerProtocol.RECORD_SEQ_OFFSET, seq);
        out.putLong(at + PeerProtocol.RECORD_TIME_NS_OFFSET, nowNs);
        out.putInt(at + PeerProtocol.RECORD_COMMAND_LENGTH_OFFSET, PeerProtocol.COMMAND_LENGTH);
        out.putInt(at + PeerProtocol.RECORD_EVENT_LENGTH_OFFSET, answerLength - PeerProtocol.RECORD_EVENT_OFFSET);
        out.putInt(at + PeerProtocol.RECORD_EVENT_COUNT_OFFSET, rests ? 1 : 2);
        out.putInt(at + PeerProtocol.RECORD_EVENT_COUNT_OFFSET + 4, 0);
        out.putBytes(at + PeerProtocol.RECORD_COMMAND_OFFSET, buffer, offset, PeerProtocol.COMMAND_LENGTH);
        final int session = buffer.getInt(offset + PeerProtocol.SESSION_OFFSET);
        putEvent(out, at + PeerProtocol.RECORD_EVENT_OFFSET, PeerProtocol.ORDER_ACCEPTED_TYPE, session, qty);
        if (!rests)
        {
            // leavesQty: what was open before the cancel, as the matcher reports it
            putEvent(out, at + PeerProtocol.RECORD_EVENT_OFFSET + PeerProtocol.EVENT_LENGTH,
                PeerProtocol.ORDER_CANCELLED_TYPE, session, qty);
        }
        claim.commit();
        return Action.CONTINUE;
    }

    private void putEvent(final MutableDirectBuffer out, final int event, final short type, final int session,
        final long qty)
    {
        out.setMemory(event, PeerProtocol.EVENT_LENGTH, (byte)0);
        out.putShort(event + PeerProtocol.LENGTH_OFFSET, (short)PeerProtocol.EVENT_LENGTH);
        out.putShort(event + PeerProtocol.TYPE_OFFSET, type);
        out.putInt(event + PeerProtocol.SESSION_OFFSET, session);
        out.putLong(event + PeerProtocol.EVENT_ORDER_ID_OFFSET, seq);
        out.putLong(event + PeerProtocol.EVENT_ORDER_QTY_OFFSET, qty);
        out.putLong(event + PeerProtocol.EVENT_LEAVES_QTY_OFFSET, qty);
    }

    /** Records answered so far (the last seq). */
    long answered()
    {
        return seq;
    }

    /** Fragments that were not a new-order command. */
    long commandsRefused()
    {
        return commandsRefused;
    }

    @Override
    public String roleName()
    {
        return "echo-executor";
    }
}
