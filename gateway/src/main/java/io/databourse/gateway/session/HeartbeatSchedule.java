package io.databourse.gateway.session;

/**
 * When a logged-on session sends a Heartbeat or a TestRequest, and when its counterparty is gone
 * (QuickFIX/J's rules, which the acceptance suite expects): a Heartbeat when nothing was sent for an
 * interval; a TestRequest when nothing was received for 1.5 intervals, another after 3, and so on; a
 * heartbeat timeout after 2.4 intervals of silence. Arithmetic on the times handed in, so that it
 * is tested without a clock. Single-threaded: the connection's thread.
 */
final class HeartbeatSchedule
{
    static final int NOTHING = 0;
    static final int HEARTBEAT = 1;
    static final int TEST_REQUEST = 2;
    static final int TIMEOUT = 3;

    private long intervalMs;
    private long lastReceivedMs;
    private int testRequestsUnanswered;

    HeartbeatSchedule(final long nowMs)
    {
        this.lastReceivedMs = nowMs;
    }

    /** HeartBtInt agreed at logon; 0 turns heartbeats off. */
    void intervalS(final long heartbeatS)
    {
        assert heartbeatS >= 0 : heartbeatS;
        intervalMs = heartbeatS * 1000;
    }

    long intervalMs()
    {
        return intervalMs;
    }

    boolean isOn()
    {
        return intervalMs > 0;
    }

    /** Something arrived (a message that parsed): the counterparty is alive. */
    void onReceived(final long nowMs)
    {
        lastReceivedMs = nowMs;
    }

    /** A message passed the session's checks: the test requests sent are answered. */
    void onVerified()
    {
        testRequestsUnanswered = 0;
    }

    int testRequestsUnanswered()
    {
        return testRequestsUnanswered;
    }

    /**
     * What is due now: {@link #TIMEOUT}, {@link #TEST_REQUEST} (counted as sent), {@link #HEARTBEAT}
     * or {@link #NOTHING}.
     */
    int due(final long nowMs, final long lastSentMs)
    {
        if (intervalMs <= 0)
        {
            return NOTHING;
        }
        final long sinceReceivedMs = nowMs - lastReceivedMs;
        if (sinceReceivedMs >= intervalMs * 12 / 5)
        {
            return TIMEOUT;
        }
        if (sinceReceivedMs >= intervalMs * 3 * (testRequestsUnanswered + 1) / 2)
        {
            testRequestsUnanswered++;
            return TEST_REQUEST;
        }
        if (nowMs - lastSentMs >= intervalMs && testRequestsUnanswered == 0)
        {
            return HEARTBEAT;
        }
        return NOTHING;
    }
}
