package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixCodes.SessionMsgType;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.UtcTime;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * The counterparty's sequence numbers: what a MsgSeqNum other than the expected one calls for
 * (hold the message and ask for a resend, drop a duplicate, reject, or log out), the messages held
 * while a gap is resent (bounded), and the resend request outstanding. The expected number itself
 * is the store's (persisted); this keeps what lives as long as the connection. It decides; the
 * session layer sends what the decision calls for. QuickFIX/J's rules, which the acceptance suite
 * checks. Single-threaded: the connection's thread.
 */
final class InboundSequence
{
    /** Too high, held: the resend asked for already covers it. */
    static final int HELD = 1;
    /** Too high, held: ask for a resend from the expected number on ({@link #resendBegin()}, EndSeqNo 0). */
    static final int ASK_RESEND = 2;
    /** Too high, and holding it would pass the limits: log out. */
    static final int HOLD_LIMIT = 3;
    /** Too low without PossDupFlag=Y: log out. */
    static final int TOO_LOW = 4;
    /** Too low, a PossDup copy of a message already processed (or a SequenceReset): ignored. */
    static final int DUPLICATE = 5;
    /** Too low, PossDup without OrigSendingTime: reject (tag 122 missing). */
    static final int NO_ORIG_SENDING_TIME = 6;
    /** Too low, PossDup with an OrigSendingTime after its SendingTime: reject and log out. */
    static final int ORIG_SENDING_TIME_LATE = 7;

    private final int heldMessagesMax;
    private final int heldBytesMax;
    private final Int2ObjectHashMap<byte[]> held = new Int2ObjectHashMap<>();
    private long heldBytes;
    /** The gap asked for, begin..end inclusive; begin 0 when no resend is outstanding. */
    private int resendBegin;
    private int resendEnd;

    InboundSequence(final int heldMessagesMax, final int heldBytesMax)
    {
        assert heldMessagesMax > 0 && heldBytesMax > 0;
        this.heldMessagesMax = heldMessagesMax;
        this.heldBytesMax = heldBytesMax;
    }

    /** A message numbered above the expected one: {@link #HELD}, {@link #ASK_RESEND} or {@link #HOLD_LIMIT}. */
    int onTooHigh(final FixMessage message, final int seq, final int expected)
    {
        assert seq > expected : seq + " <= " + expected;
        if (!held.containsKey(seq))
        {
            if (held.size() >= heldMessagesMax || heldBytes + message.length() > heldBytesMax)
            {
                return HOLD_LIMIT;
            }
            final byte[] copy = new byte[message.length()];
            message.buffer().getBytes(message.offset(), copy);
            held.put(seq, copy);
            heldBytes += copy.length;
        }
        if (resendBegin > 0 && seq >= resendBegin)
        {
            return HELD;
        }
        resendBegin = expected;
        resendEnd = seq - 1;
        return ASK_RESEND;
    }

    /**
     * A message numbered below the expected one (its SendingTime already checked):
     * {@link #TOO_LOW}, {@link #DUPLICATE}, {@link #NO_ORIG_SENDING_TIME} or {@link #ORIG_SENDING_TIME_LATE}.
     */
    static int onTooLow(final FixMessage message)
    {
        if (!message.isChar(FixTags.POSS_DUP_FLAG, 'Y'))
        {
            return TOO_LOW;
        }
        if (message.isChar(FixTags.MSG_TYPE, SessionMsgType.SEQUENCE_RESET))
        {
            return DUPLICATE;
        }
        final int origIndex = message.indexOf(FixTags.ORIG_SENDING_TIME);
        if (origIndex < 0)
        {
            return NO_ORIG_SENDING_TIME;
        }
        final int sendingIndex = message.indexOf(FixTags.SENDING_TIME);
        assert sendingIndex >= 0 : "SendingTime is checked first";
        final long origMs = UtcTime.parseTimestamp(
            message.buffer(), message.valueOffsetAt(origIndex), message.valueLengthAt(origIndex));
        final long sendingMs = UtcTime.parseTimestamp(
            message.buffer(), message.valueOffsetAt(sendingIndex), message.valueLengthAt(sendingIndex));
        return origMs > sendingMs ? ORIG_SENDING_TIME_LATE : DUPLICATE;
    }

    /** A message at the expected number (or one not checked for it): the gap asked for may be filled. */
    void onInSequence(final int seq)
    {
        if (resendBegin > 0 && seq >= resendEnd)
        {
            clearResend();
        }
    }

    /** The expected number moved to newSeq by a SequenceReset. */
    void onSequenceReset(final long newSeq)
    {
        if (resendBegin > 0 && newSeq > resendEnd)
        {
            clearResend();
        }
    }

    /** The held message numbered expected, now due, or null; it is no longer held. */
    byte[] takeHeld(final int expected)
    {
        final byte[] message = held.remove(expected);
        if (null != message)
        {
            heldBytes -= message.length;
        }
        assert heldBytes >= 0 && (!held.isEmpty() || heldBytes == 0) : heldBytes;
        return message;
    }

    boolean isHolding()
    {
        return !held.isEmpty();
    }

    int heldCount()
    {
        return held.size();
    }

    /** Numbers start again (a Logon with ResetSeqNumFlag, a disconnect): nothing held, nothing asked. */
    void clear()
    {
        clearResend();
        held.clear();
        heldBytes = 0;
    }

    boolean isResendOutstanding()
    {
        return resendBegin > 0;
    }

    int resendBegin()
    {
        return resendBegin;
    }

    int resendEnd()
    {
        return resendEnd;
    }

    private void clearResend()
    {
        resendBegin = 0;
        resendEnd = 0;
    }
}
