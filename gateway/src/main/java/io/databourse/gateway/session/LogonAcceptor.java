package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixCodes.SessionMsgType;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.SessionRejectReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

/**
 * The logon phase of a connection: its first message must be a Logon naming a configured session,
 * with credentials that pass ({@link LogonCredentials}), for a session no other connection holds,
 * with good fields (HeartBtInt in range, SendingTime accurate, MsgSeqNum not below the expected).
 * It decides and claims the session; the session layer answers and moves to its next state.
 * Single-threaded: the connection's thread.
 */
final class LogonAcceptor
{
    /** {@link #session()} is claimed and the Logon is good: the session is active. */
    static final int ACCEPTED = 0;
    /** Refused unanswered (not a Logon, no such session, held by another connection): close. */
    static final int CLOSE = 1;
    /** Refused by its credentials: a Logout ({@link #refusalText()}) from {@link #candidate()}, which stays unclaimed; close. */
    static final int REFUSE = 2;
    /** {@link #session()} is claimed but the Logon is invalid: log out with {@link #refusalText()}. */
    static final int LOGOUT = 3;
    /** The password is being checked off the thread: the same Logon will be processed again with the verdict. */
    static final int CHECKING = 4;

    private final SessionLayerContext ctx;
    private final EpochClock clock;
    private final LogonCredentials credentials;
    /** What claims a session: the connection's session layer. */
    private final Object owner;
    private final StringBuilder text = new StringBuilder(128);
    private FixSession candidate;
    private FixSession session;
    private boolean resetRequested;
    private String refusal;
    private CharSequence refusalText;

    LogonAcceptor(final SessionLayerContext ctx, final EpochClock clock, final LogonCredentials credentials, final Object owner)
    {
        this.ctx = ctx;
        this.clock = clock;
        this.credentials = credentials;
        this.owner = owner;
    }

    /**
     * Decides on the connection's first message (parsed in logon, validated with validation, its
     * bytes at frame): {@link #ACCEPTED}, {@link #CLOSE}, {@link #REFUSE}, {@link #LOGOUT} or
     * {@link #CHECKING}.
     */
    int accept(
        final FixMessage logon, final int msgType, final int validation, final int refTagId,
        final DirectBuffer frame, final int offset, final int length)
    {
        candidate = null;
        refusal = null;
        refusalText = null;
        if (SessionMsgType.LOGON != msgType)
        {
            return close("first message is not a Logon");
        }
        candidate = ctx.registry().lookup(logon.stringValue(FixTags.TARGET_COMP_ID), logon.stringValue(FixTags.SENDER_COMP_ID));
        if (null == candidate)
        {
            return close("no session for SenderCompID " + logon.stringValue(FixTags.SENDER_COMP_ID) + " TargetCompID " +
                logon.stringValue(FixTags.TARGET_COMP_ID));
        }
        switch (credentials.check(candidate, logon, frame, offset, length))
        {
            case LogonCredentials.CHECKING:
                return CHECKING;

            case LogonCredentials.REFUSED:
                refusal = credentials.refusal();
                refusalText = credentials.refusalText();
                return REFUSE;

            default:
                break;
        }
        if (!candidate.tryAcquire(owner))
        {
            return close("already logged on: " + candidate.config());
        }
        session = candidate;
        resetRequested = logon.isChar(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        if (session.config().resetOnLogon() || resetRequested)
        {
            session.reset();
        }
        final CharSequence invalid = invalid(logon, validation, refTagId);
        if (null != invalid)
        {
            refusal = String.valueOf(invalid);
            refusalText = invalid;
            return LOGOUT;
        }
        assert session.isOwnedBy(owner);
        return ACCEPTED;
    }

    private int close(final String why)
    {
        refusal = why;
        return CLOSE;
    }

    /** Why the Logon of a claimed session is refused, or null when it is good. */
    private CharSequence invalid(final FixMessage logon, final int validation, final int refTagId)
    {
        final SessionConfig config = session.config();
        final long heartbeatS = logon.longValue(FixTags.HEART_BT_INT);
        text.setLength(0);
        if (SessionRejectReason.NONE != validation)
        {
            return text.append("Invalid Logon message: ").append(SessionRejectReason.text(validation))
                .append(", field=").append(refTagId);
        }
        if (heartbeatS < 0)
        {
            return text.append("HeartBtInt must not be negative");
        }
        if (heartbeatS > config.heartbeatIntervalMaxS())
        {
            return text.append("HeartBtInt must not exceed ").append(config.heartbeatIntervalMaxS());
        }
        if (!SessionChecks.isSendingTimeAccurate(logon, clock.time(), ctx.sendingTimeWindowMs()))
        {
            return text.append("Invalid Logon message: SendingTime accuracy problem, field=52");
        }
        final long seqNum = logon.longValue(FixTags.MSG_SEQ_NUM);
        if (seqNum < 0 || seqNum > Integer.MAX_VALUE)
        {
            return text.append("MsgSeqNum out of range");
        }
        final int expected = session.store().nextTargetSeqNum();
        if (seqNum < expected)
        {
            return SessionChecks.tooLowText(text, expected, (int)seqNum);
        }
        return null;
    }

    /** The session claimed (after {@link #ACCEPTED} or {@link #LOGOUT}). */
    FixSession session()
    {
        return session;
    }

    /** The session a refused Logon named (after {@link #REFUSE}). */
    FixSession candidate()
    {
        return candidate;
    }

    /** The accepted Logon asked for sequence numbers to start again (ResetSeqNumFlag=Y). */
    boolean resetRequested()
    {
        return resetRequested;
    }

    /** Why the Logon was refused, for the session log (cold path). */
    String refusal()
    {
        return refusal;
    }

    /** The text of the Logout that answers a refused Logon. */
    CharSequence refusalText()
    {
        return refusalText;
    }
}
