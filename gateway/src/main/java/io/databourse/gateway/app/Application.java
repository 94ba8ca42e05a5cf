package io.databourse.gateway.app;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.session.SessionHandle;

/**
 * The business side of a session. The session layer calls it on the session's thread with
 * messages that are in sequence, validated against the dictionary and not admin messages.
 */
public interface Application
{
    void onLogon(SessionHandle session);

    /**
     * A business message. Fields [3, trailerStart) of message are the header after MsgType and the
     * body; bodyStart is the index of the first body field. The message is only valid during the call.
     */
    void onMessage(SessionHandle session, FixMessage message, int msgTypeKey, int bodyStart, int trailerStart);

    /** The session logged out or its connection closed. */
    void onDisconnect(SessionHandle session);
}
