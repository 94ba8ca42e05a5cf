package io.databourse.gateway.session;

/**
 * A session's limit on application messages a second (SessionConfig.throttleMessagesPerS), counted
 * in fixed one-second windows: the message over the limit is answered with a BusinessMessageReject
 * and goes no further. Single-threaded: the connection's thread.
 */
final class MessageThrottle
{
    private long windowStartMs;
    private int countInWindow;

    /** Counts one message at nowMs; true when it is over limitPerS (which is above 0). */
    boolean isOver(final int limitPerS, final long nowMs)
    {
        assert limitPerS > 0 : limitPerS;
        if (nowMs - windowStartMs >= 1000)
        {
            windowStartMs = nowMs;
            countInWindow = 0;
        }
        return ++countInWindow > limitPerS;
    }
}
