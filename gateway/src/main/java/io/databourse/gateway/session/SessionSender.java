package io.databourse.gateway.session;

import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.fix.FixCodes.SessionMsgType;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.FixValidator;
import io.databourse.gateway.fix.SessionRejectReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

/**
 * The session's outbound side (Artio's SessionProxy): the standard header on every message, the
 * sender sequence number assigned and persisted before the bytes reach the socket, and every
 * session-level (admin) message encoded here. Resent copies and gap fills reuse numbers already
 * sent and consume none. Single-threaded: the connection's thread.
 */
final class SessionSender
{
    private final FixConnection connection;
    private final EpochClock clock;
    private final GatewayCounters counters;
    private final FixEncoder encoder;
    /** A stored message parsed again to be resent. */
    private final FixMessage resent;

    private SessionConfig config;
    private SessionStore store;
    private long lastSentMs;

    SessionSender(
        final FixConnection connection,
        final EpochClock clock,
        final GatewayCounters counters,
        final int messageLengthMax,
        final int fieldsMax,
        final long nowMs)
    {
        this.connection = connection;
        this.clock = clock;
        this.counters = counters;
        this.encoder = new FixEncoder(messageLengthMax);
        this.resent = new FixMessage(fieldsMax);
        this.lastSentMs = nowMs;
    }

    /** From the logon on, messages carry this session's CompIDs and numbers. */
    void bind(final FixSession session)
    {
        this.config = session.config();
        this.store = session.store();
    }

    /** When a message was last written (a Heartbeat is due an interval later). */
    long lastSentMs()
    {
        return lastSentMs;
    }

    // ------------------------------------------------------------------ numbered messages

    /** Starts a message with the next sender number in its header; body fields follow, then a commit. */
    FixEncoder begin(final CharSequence msgType)
    {
        encoder.begin(msgType);
        header(store.nextSenderSeqNum());
        return encoder;
    }

    private FixEncoder begin(final char msgType)
    {
        encoder.begin(msgType);
        header(store.nextSenderSeqNum());
        return encoder;
    }

    FixEncoder begin(final DirectBuffer msgType, final int offset, final int length)
    {
        encoder.begin(msgType, offset, length);
        header(store.nextSenderSeqNum());
        return encoder;
    }

    /** Finishes the message begun, keeps it for resend, writes it. */
    void commitApplication()
    {
        commit(true);
    }

    /** Finishes the admin message begun (never resent: a gap fill stands for it), writes it. */
    void commitAdmin()
    {
        commit(false);
    }

    private void header(final int seq)
    {
        encoder.longValue(FixTags.MSG_SEQ_NUM, seq)
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, config.targetCompId());
    }

    private void commit(final boolean application)
    {
        encoder.finish();
        final int seq = store.nextSenderSeqNum();
        // Persisted before it is written to the socket: a message the peer may have seen is never reused.
        if (application)
        {
            store.onApplicationSent(seq, encoder.buffer(), encoder.offset(), encoder.length());
        }
        else
        {
            store.onAdminSent(seq);
        }
        assert store.nextSenderSeqNum() == seq + 1 : "sender number not consumed";
        write();
    }

    private void write()
    {
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        counters.messagesOut.incrementAndGet();
        lastSentMs = clock.time();
    }

    // ------------------------------------------------------------------ admin messages

    void logon(final long heartbeatS, final boolean reset)
    {
        final FixEncoder e = begin(SessionMsgType.LOGON)
            .longValue(FixTags.ENCRYPT_METHOD, 0)
            .longValue(FixTags.HEART_BT_INT, heartbeatS);
        if (reset)
        {
            e.charValue(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        }
        commit(false);
    }

    /** Logout, with a Text when reason is not null. */
    void logout(final CharSequence reason)
    {
        final FixEncoder e = begin(SessionMsgType.LOGOUT);
        if (null != reason)
        {
            e.string(FixTags.TEXT, reason);
        }
        commit(false);
    }

    void heartbeat()
    {
        begin(SessionMsgType.HEARTBEAT);
        commit(false);
    }

    /** The Heartbeat that answers a TestRequest: it echoes the TestReqID. */
    void heartbeat(final FixMessage testRequest)
    {
        final int i = testRequest.indexOf(FixTags.TEST_REQ_ID);
        final FixEncoder e = begin(SessionMsgType.HEARTBEAT);
        if (i >= 0)
        {
            e.field(testRequest, i);
        }
        commit(false);
    }

    void testRequest(final CharSequence testReqId)
    {
        begin(SessionMsgType.TEST_REQUEST).string(FixTags.TEST_REQ_ID, testReqId);
        commit(false);
    }

    /** ResendRequest for begin..end (0: everything after begin). */
    void resendRequest(final int begin, final int end)
    {
        begin(SessionMsgType.RESEND_REQUEST).longValue(FixTags.BEGIN_SEQ_NO, begin).longValue(FixTags.END_SEQ_NO, end);
        commit(false);
    }

    /**
     * Reject (3) of a message: its number, the tag at fault and why, the routing fields mirrored.
     * The session layer decides whether the rejected message's number is consumed.
     */
    void reject(final FixMessage inbound, final int reason, final int refTagId, final FixValidator validator)
    {
        counters.sessionRejects.incrementAndGet();
        final FixEncoder e = begin(SessionMsgType.REJECT);
        reverseRoute(inbound, e);
        final long refSeqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        e.longValue(FixTags.REF_SEQ_NUM, refSeqNum == Long.MIN_VALUE ? 0 : refSeqNum);
        if (SessionRejectReason.COMPID_PROBLEM != reason)
        {
            e.longValue(FixTags.REF_TAG_ID, refTagId);
        }
        final int typeIndex = inbound.indexOf(FixTags.MSG_TYPE);
        if (typeIndex >= 0 && inbound.valueLengthAt(typeIndex) > 0)
        {
            e.bytes(FixTags.REF_MSG_TYPE, inbound.buffer(), inbound.valueOffsetAt(typeIndex), inbound.valueLengthAt(typeIndex));
        }
        e.longValue(FixTags.SESSION_REJECT_REASON, reason);
        e.tag(FixTags.TEXT);
        if (SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER == reason && validator.groupCounterTag() != 0)
        {
            e.append("The group ").append(validator.groupCounterTag())
                .append(" must set the delimiter field ").append(validator.groupDelimiterTag());
        }
        else
        {
            e.append(SessionRejectReason.text(reason));
            if (SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE == reason)
            {
                e.append(", field=").append(refTagId);
            }
        }
        e.endField();
        commit(false);
    }

    /** Routing fields of the inbound message, mirrored: OnBehalfOf* becomes DeliverTo* and back. */
    private static void reverseRoute(final FixMessage inbound, final FixEncoder e)
    {
        mirror(inbound, e, FixTags.ON_BEHALF_OF_COMP_ID, FixTags.DELIVER_TO_COMP_ID);
        mirror(inbound, e, FixTags.DELIVER_TO_COMP_ID, FixTags.ON_BEHALF_OF_COMP_ID);
        mirror(inbound, e, FixTags.ON_BEHALF_OF_SUB_ID, FixTags.DELIVER_TO_SUB_ID);
        mirror(inbound, e, FixTags.DELIVER_TO_SUB_ID, FixTags.ON_BEHALF_OF_SUB_ID);
        mirror(inbound, e, FixTags.ON_BEHALF_OF_LOCATION_ID, FixTags.DELIVER_TO_LOCATION_ID);
        mirror(inbound, e, FixTags.DELIVER_TO_LOCATION_ID, FixTags.ON_BEHALF_OF_LOCATION_ID);
    }

    private static void mirror(final FixMessage inbound, final FixEncoder e, final int from, final int to)
    {
        final int i = inbound.indexOf(from);
        if (i >= 0 && inbound.valueLengthAt(i) > 0)
        {
            e.bytes(to, inbound.buffer(), inbound.valueOffsetAt(i), inbound.valueLengthAt(i));
        }
    }

    /**
     * A Logout to a connection refused at logon, numbered from the session it asked for without
     * consuming the number: the refused peer holds no claim on the session, whose real counterparty
     * may be logged on elsewhere.
     */
    void refuseLogon(final FixSession candidate, final CharSequence reason)
    {
        final SessionConfig c = candidate.config();
        encoder.begin(SessionMsgType.LOGOUT);
        encoder.longValue(FixTags.MSG_SEQ_NUM, candidate.store().nextSenderSeqNum())
            .string(FixTags.SENDER_COMP_ID, c.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, c.targetCompId())
            .string(FixTags.TEXT, reason)
            .finish();
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        counters.messagesOut.incrementAndGet();
    }

    // ------------------------------------------------------------------ resends (numbers already sent)

    /** SequenceReset-GapFill in place of seq..newSeq-1. */
    void gapFill(final int seq, final int newSeq)
    {
        assert newSeq > seq : "an empty gap fill";
        final long nowMs = clock.time();
        encoder.begin(SessionMsgType.SEQUENCE_RESET)
            .longValue(FixTags.MSG_SEQ_NUM, seq)
            .charValue(FixTags.POSS_DUP_FLAG, 'Y')
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, nowMs)
            .string(FixTags.TARGET_COMP_ID, config.targetCompId())
            .timestampMs(FixTags.ORIG_SENDING_TIME, nowMs)
            .longValue(FixTags.NEW_SEQ_NO, newSeq)
            .charValue(FixTags.GAP_FILL_FLAG, 'Y')
            .finish();
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        counters.messagesOut.incrementAndGet();
        lastSentMs = nowMs;
    }

    /**
     * A stored application message sent again: PossDupFlag=Y, a fresh SendingTime, the first one as
     * OrigSendingTime, the body unchanged. A stored message that does not parse is gap-filled.
     */
    void possDupCopy(final int seq, final DirectBuffer stored, final int length)
    {
        if (resent.parse(stored, 0, length) != FixMessage.OK)
        {
            gapFill(seq, seq + 1);
            return;
        }
        final int typeIndex = resent.indexOf(FixTags.MSG_TYPE);
        final int sendingIndex = resent.indexOf(FixTags.SENDING_TIME);
        encoder.begin(stored, resent.valueOffsetAt(typeIndex), resent.valueLengthAt(typeIndex))
            .longValue(FixTags.MSG_SEQ_NUM, seq)
            .charValue(FixTags.POSS_DUP_FLAG, 'Y')
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, config.targetCompId())
            .bytes(FixTags.ORIG_SENDING_TIME, stored, resent.valueOffsetAt(sendingIndex), resent.valueLengthAt(sendingIndex));
        final int last = resent.fieldCount() - 1;
        for (int i = 3; i < last; i++)
        {
            switch (resent.tagAt(i))
            {
                case FixTags.MSG_SEQ_NUM:
                case FixTags.POSS_DUP_FLAG:
                case FixTags.SENDER_COMP_ID:
                case FixTags.SENDING_TIME:
                case FixTags.TARGET_COMP_ID:
                case FixTags.ORIG_SENDING_TIME:
                    break;
                default:
                    encoder.field(resent, i);
                    break;
            }
        }
        encoder.finish();
        write();
    }
}
