package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixCodes.SessionMsgType;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.FixValidator;
import io.databourse.gateway.fix.SessionRejectReason;
import org.agrona.concurrent.EpochClock;

/**
 * What each message of a logged-on session does (Artio's Session.onXxx handlers): the session
 * checks (SendingTime, CompIDs, MsgSeqNum, through {@link InboundSequence}), then by type: a
 * Heartbeat or Reject only consumes its number, a TestRequest is answered, a ResendRequest is
 * answered by the {@link Resender}, a SequenceReset moves the expected number, a Logout is answered
 * and closes, a Logon resets the numbers when it asks to; any other type goes to the application,
 * behind the session's throttle. Every number is consumed exactly once. Single-threaded: the
 * connection's thread.
 */
final class InSessionMessages
{
    private final FixSessionLayer layer;
    private final SessionLayerContext ctx;
    private final EpochClock clock;
    private final FixMessage inbound;
    private final FixValidator validator;
    private final SessionSender sender;
    private final InboundSequence sequence;
    private final HeartbeatSchedule heartbeats;
    private final MessageThrottle throttle = new MessageThrottle();
    private final StringBuilder text = new StringBuilder(128);
    private FixSession session;
    private SessionConfig config;

    InSessionMessages(
        final FixSessionLayer layer,
        final SessionLayerContext ctx,
        final EpochClock clock,
        final FixMessage inbound,
        final FixValidator validator,
        final SessionSender sender,
        final InboundSequence sequence,
        final HeartbeatSchedule heartbeats)
    {
        this.layer = layer;
        this.ctx = ctx;
        this.clock = clock;
        this.inbound = inbound;
        this.validator = validator;
        this.sender = sender;
        this.sequence = sequence;
        this.heartbeats = heartbeats;
    }

    /** The session logged on as. */
    void bind(final FixSession session)
    {
        this.session = session;
        this.config = session.config();
    }

    /** The accepted Logon's number (not below the expected one): consumed, or a gap asked for. */
    void onLogonAccepted(final int seq)
    {
        final int expected = session.store().nextTargetSeqNum();
        assert seq >= expected : seq + " < " + expected;
        if (seq > expected)
        {
            onTooHigh(seq, expected);
        }
        else
        {
            incrementTarget();
        }
    }

    /** A message of the logged-on session that parsed and passed the header checks (validation: the dictionary's verdict). */
    void onMessage(final int msgType, final int validation, final boolean held)
    {
    final long seqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        if (!inbound.has(FixTags.MSG_SEQ_NUM))
        {
            layer.logoutAndWait("Received message without MsgSeqNum");
            return;
        }
        if (SessionRejectReason.NONE != validation)
        {
            sendReject(validation, validator.refTagId());
            return;
        }
        if (seqNum < 0 || seqNum > Integer.MAX_VALUE)
        {
            layer.logoutAndWait("MsgSeqNum out of range");
            return;
        }
        dispatch(msgType, (int)seqNum, held);
    }

    /** An in-session message that parsed and validated, by type. */
    private void dispatch(final int msgType, final int seq, final boolean held)
    {
        switch (msgType)
        {
            case SessionMsgType.HEARTBEAT:
            case SessionMsgType.REJECT:
                if (verify(seq, true, true))
                {
                    incrementTarget();
                }
                break;

            case SessionMsgType.TEST_REQUEST:
                if (verify(seq, true, true))
                {
                    sender.heartbeat(inbound);
                    incrementTarget();
                }
                break;

            case SessionMsgType.RESEND_REQUEST:
                onResendRequest(seq, held);
                break;

            case SessionMsgType.SEQUENCE_RESET:
                onSequenceReset();
                break;

            case SessionMsgType.LOGOUT:
                onLogout();
                break;

            case SessionMsgType.LOGON:
                onLogonWhileLoggedOn(seq, held);
                break;

            default:
                if (verify(seq, true, true))
                {
                    final int limit = config.throttleMessagesPerS();
                    if (limit > 0 && throttle.isOver(limit, clock.time()))
                    {
                        layer.sendBusinessReject(inbound, 0, "Throttle limit exceeded");
                    }
                    else
                    {
                        session.application().onMessage(
                            layer, inbound, msgType, validator.bodyStart(), validator.trailerStart());
                    }
                    incrementTarget();
                }
                break;
        }
    }

    private void onLogonWhileLoggedOn(final int seq, final boolean held)
    {
        if (held)
        {
            // The logon that opened the gap: its number is consumed now.
            incrementTarget();
            return;
        }
        if (inbound.isChar(FixTags.RESET_SEQ_NUM_FLAG, 'Y'))
        {
            session.reset();
            sequence.clear();
            final long heartbeatS = Math.max(0, Math.min(inbound.longValue(FixTags.HEART_BT_INT), config.heartbeatIntervalMaxS()));
            heartbeats.intervalS(heartbeatS);
            sender.logon(heartbeatS, true);
            session.store().nextTargetSeqNum(seq + 1);
            return;
        }
        if (verify(seq, true, true))
        {
            incrementTarget();
        }
    }

    // ------------------------------------------------------------------ admin messages in session

    private void onResendRequest(final int seq, final boolean held)
    {
        ctx.counters().resendRequests.incrementAndGet();
        if (!verify(seq, false, false))
        {
            return;
        }
        final int expected = session.store().nextTargetSeqNum();
        if (!held)
        {
            Resender.answer(session.store(), sender,
                inbound.longValue(FixTags.BEGIN_SEQ_NO), inbound.longValue(FixTags.END_SEQ_NO));
        }
        if (seq == expected)
        {
            incrementTarget();
        }
        else if (seq > expected)
        {
            onTooHigh(seq, expected);
        }
    }

    private void onSequenceReset()
    {
        final boolean gapFill = inbound.isChar(FixTags.GAP_FILL_FLAG, 'Y');
        final int seq = (int)inbound.longValue(FixTags.MSG_SEQ_NUM);
        if (!verify(seq, gapFill, gapFill))
        {
            return;
        }
        final long newSeq = inbound.longValue(FixTags.NEW_SEQ_NO);
        final int expected = session.store().nextTargetSeqNum();
        if (newSeq > expected && newSeq <= Integer.MAX_VALUE)
        {
            session.store().nextTargetSeqNum((int)newSeq);
            sequence.onSequenceReset(newSeq);
        }
        else if (newSeq < expected)
        {
            sendReject(SessionRejectReason.VALUE_IS_INCORRECT, FixTags.NEW_SEQ_NO);
        }
    }

    private void onLogout()
    {
        if (!verify((int)inbound.longValue(FixTags.MSG_SEQ_NUM), false, false))
        {
            return;
        }
        sender.logout(null);
        incrementTarget();
        if (config.resetOnLogout())
        {
            session.reset();
        }
        layer.close();
    }

    // ------------------------------------------------------------------ session-level checks

    /** Session-level checks of an in-session message; false when it must not be processed further. */
    private boolean verify(final int seq, final boolean checkTooHigh, final boolean checkTooLow)
    {
        if (!SessionChecks.isSendingTimeAccurate(inbound, clock.time(), ctx.sendingTimeWindowMs()))
        {
            sendReject(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.SENDING_TIME);
            layer.logoutAndWait("SendingTime accuracy problem, field=52");
            return false;
        }
        if (!SessionChecks.isCompIdCorrect(inbound, config))
        {
            sendReject(SessionRejectReason.COMPID_PROBLEM, 0);
            layer.logoutAndWait("CompID problem");
            return false;
        }
        final int expected = session.store().nextTargetSeqNum();
        if (checkTooHigh && seq > expected)
        {
            onTooHigh(seq, expected);
            return false;
        }
        if (checkTooLow && seq < expected)
        {
            onTooLow(seq, expected);
            return false;
        }
        if (checkTooHigh || checkTooLow)
        {
            sequence.onInSequence(seq);
        }
        heartbeats.onVerified();
        return true;
    }

    private void onTooHigh(final int seq, final int expected)
    {
        switch (sequence.onTooHigh(inbound, seq, expected))
        {
            case InboundSequence.HOLD_LIMIT:
                layer.logoutAndWait("Too many messages received out of sequence");
                break;

            case InboundSequence.ASK_RESEND:
                sender.resendRequest(sequence.resendBegin(), 0);
                break;

            default:
                break;
        }
    }

    private void onTooLow(final int seq, final int expected)
    {
        switch (InboundSequence.onTooLow(inbound))
        {
            case InboundSequence.TOO_LOW:
                layer.logoutAndWait(SessionChecks.tooLowText(text, expected, seq));
                break;

            case InboundSequence.NO_ORIG_SENDING_TIME:
                sendReject(SessionRejectReason.REQUIRED_TAG_MISSING, FixTags.ORIG_SENDING_TIME);
                break;

            case InboundSequence.ORIG_SENDING_TIME_LATE:
                sendReject(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.ORIG_SENDING_TIME);
                layer.logoutAndWait("SendingTime accuracy problem, field=122");
                break;

            default:
                break; // a duplicate already processed: ignored
        }
    }

    private void incrementTarget()
    {
        final SessionStore store = session.store();
        store.nextTargetSeqNum(store.nextTargetSeqNum() + 1);
    }

    /** Reject (3) of the inbound message; its number is consumed unless it is a Logon or SequenceReset. */
    private void sendReject(final int reason, final int refTagId)
    {
        sender.reject(inbound, reason, refTagId, validator);
        final long refSeqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        final int msgType = inbound.msgTypeKey();
        if (SessionMsgType.LOGON != msgType && SessionMsgType.SEQUENCE_RESET != msgType && refSeqNum == session.store().nextTargetSeqNum())
        {
            incrementTarget();
        }
    }
}
