package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.UtcTime;

/**
 * The header checks every message of a session passes before its type is looked at: FIX.4.4 as
 * BeginString, a SendingTime within the window of the gateway's clock, the session's CompIDs seen
 * from the other side. Pure functions of the message, the time and the session.
 */
final class SessionChecks
{
    private static final byte[] BEGIN_STRING_44 = "FIX.4.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private SessionChecks()
    {
    }

    /** BeginString (always the first field of a parsed message) is FIX.4.4. */
    static boolean isBeginString44(final FixMessage message)
    {
        final int length = message.valueLengthAt(0);
        if (length != BEGIN_STRING_44.length)
        {
            return false;
        }
        final int offset = message.valueOffsetAt(0);
        for (int i = 0; i < length; i++)
        {
            if (message.buffer().getByte(offset + i) != BEGIN_STRING_44[i])
            {
                return false;
            }
        }
        return true;
    }

    /** SendingTime is present, parses, and is within windowMs of nowMs either way. */
    static boolean isSendingTimeAccurate(final FixMessage message, final long nowMs, final long windowMs)
    {
        final int i = message.indexOf(FixTags.SENDING_TIME);
        if (i < 0)
        {
            return false;
        }
        final long sendingMs = UtcTime.parseTimestamp(message.buffer(), message.valueOffsetAt(i), message.valueLengthAt(i));
        return sendingMs != UtcTime.INVALID && Math.abs(nowMs - sendingMs) <= windowMs;
    }

    /** The counterparty's SenderCompID is the session's TargetCompID, and the other way round. */
    static boolean isCompIdCorrect(final FixMessage message, final SessionConfig config)
    {
        return message.valueEquals(message.indexOf(FixTags.SENDER_COMP_ID), config.targetCompId()) &&
            message.valueEquals(message.indexOf(FixTags.TARGET_COMP_ID), config.senderCompId());
    }

    /** The Logout text for a MsgSeqNum below the expected one (QuickFIX/J's words). */
    static StringBuilder tooLowText(final StringBuilder text, final int expected, final int received)
    {
        assert received < expected : received + " >= " + expected;
        text.setLength(0);
        return text.append("MsgSeqNum too low, expecting ").append(expected).append(" but received ").append(received);
    }
}
