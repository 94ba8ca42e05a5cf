package io.databourse.gateway.trading;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

import io.aeron.Publication;
import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.MassCancelCommandDecoder;
import io.databourse.journal.sbe.MassCancelCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The mass cancel a cancel-on-disconnect session's participant gets when the session goes away:
 * at logout or connection loss, and at the gateway's start for a session that was trading when the
 * exchange stopped. It is a command to the matcher like any other, so it is journaled.
 * <p>It is sent as the operator's (session id {@link #OPERATOR_SESSION_ID}): its MASS_CANCELLED
 * report is for no client, since no client asked (the cancelled orders' own reports still reach
 * their sessions). Its ClOrdID never repeats across restarts: {@code COD<journal seq>-<n>}, base 36,
 * where the seq is the last the gateway has applied (at start, the journal's end, which is past the
 * seq of every earlier mass cancel of this kind) and n counts within this gateway's life.
 * <p>Called from session threads and the event thread: one at a time.
 */
public final class CancelOnDisconnect
{
    /** Commands the gateway sends on its own behalf carry the operator's session id. */
    public static final int OPERATOR_SESSION_ID = 0;
    /** The ClOrdID prefix of these mass cancels. */
    public static final String CLORDID_PREFIX = "COD";

    private final ExchangeLink link;
    private final LongSupplier lastAppliedSeq;
    private final int offerAttemptsMax;
    private final GatewayCounters counters;
    private final Consumer<String> log;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MassCancelCommandDecoder.BLOCK_LENGTH]);
    private final MassCancelCommandEncoder command = new MassCancelCommandEncoder();
    private long sent;

    public CancelOnDisconnect(
        final ExchangeLink link,
        final LongSupplier lastAppliedSeq,
        final int offerAttemptsMax,
        final GatewayCounters counters,
        final Consumer<String> log)
    {
        this.link = link;
        this.lastAppliedSeq = lastAppliedSeq;
        this.offerAttemptsMax = offerAttemptsMax;
        this.counters = counters;
        this.log = log;
    }

    /** Offers the mass cancel of every live order of the session's participant; false when the link would not take it. */
    public synchronized boolean send(final SessionConfig config, final String why)
    {
        assert config.cancelOnDisconnect() : config;
        final String clOrdId = nextClOrdId();
        Codecs.encode(command, buffer, 0, OPERATOR_SESSION_ID);
        command.participantId(config.participant());
        command.productId((CharSequence)null);
        command.clOrdId(clOrdId);
        command.side((byte)-1);
        for (int attempt = 0; attempt < offerAttemptsMax; attempt++)
        {
            final long result = link.offer(buffer, 0, command.encodedLength());
            if (result > 0)
            {
                sent++;
                counters.commandsSent.incrementAndGet();
                counters.cancelOnDisconnects.incrementAndGet();
                log.accept("cancel-on-disconnect " + clOrdId + " for " + config + " (participant " +
                    config.participant() + "): " + why);
                return true;
            }
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
            {
                break;
            }
            Thread.onSpinWait();
        }
        counters.commandsBackPressured.incrementAndGet();
        log.accept("cancel-on-disconnect for " + config + " could not be sent (" + why + "): exchange not reachable");
        return false;
    }

    private String nextClOrdId()
    {
        final String id = CLORDID_PREFIX + Long.toString(lastAppliedSeq.getAsLong(), 36) + "-" + Long.toString(sent + 1, 36);
        assert id.length() <= AsciiFields.CLORDID_LENGTH : id;
        return id;
    }

    /** True for a ClOrdID this class makes. */
    public static boolean isCancelOnDisconnectId(final String clOrdId)
    {
        return clOrdId.startsWith(CLORDID_PREFIX);
    }
}
