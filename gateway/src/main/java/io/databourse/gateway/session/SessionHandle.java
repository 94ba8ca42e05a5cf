package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixMessage;
import org.agrona.DirectBuffer;

/**
 * What an application sees of a logged-on session: its configuration and a way to send business
 * messages. The session layer writes the standard header (MsgSeqNum, CompIDs, SendingTime) and
 * keeps sent messages for resends. Only to be used on the session's thread.
 */
public interface SessionHandle
{
    SessionConfig config();

    /** Starts an application message: the encoder holds 35 and the header; add body fields, then {@link #send()}. */
    FixEncoder begin(CharSequence msgType);

    /** As {@link #begin(CharSequence)} with the MsgType copied from a buffer. */
    FixEncoder begin(DirectBuffer msgType, int offset, int length);

    /** Finishes, stores for resend and sends the message started by begin. */
    void send();

    /** Sends BusinessMessageReject (j) referring to an inbound message. */
    void sendBusinessReject(FixMessage refMessage, int businessRejectReason, CharSequence text);

    boolean isLoggedOn();

    /** Defers flushing of what is sent until {@link #endBatch()}. */
    void beginBatch();

    void endBatch();

    /** True when called on the session's thread. */
    boolean onSessionThread();

    /** Runs a task on the session's thread. */
    void execute(Runnable task);

    /** Logs the session out with a reason (e.g. the application cannot keep up). */
    void logout(CharSequence reason);
}
