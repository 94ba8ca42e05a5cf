package io.databourse.gateway.session;

import io.databourse.gateway.fix.FixDictionary;
import org.agrona.concurrent.EpochClock;

/** What every connection's session layer shares: sessions, dictionary, clock and limits. */
public final class SessionLayerContext
{
    private SessionRegistry registry;
    private FixDictionary dictionary;
    private EpochClock epochClock;
    private long logonTimeoutMs = 5_000;
    private long logoutTimeoutMs = 2_000;
    private long sendingTimeWindowMs = 120_000;
    private int fieldsMax = 1_024;
    private int messageLengthMax = 16 * 1024;
    private int queuedMessagesMax = 1_024;
    private int queuedBytesMax = 1024 * 1024;
    private java.util.function.Consumer<String> sessionLog = (line) -> {};
    private io.databourse.gateway.GatewayCounters counters = new io.databourse.gateway.GatewayCounters();
    private io.databourse.edge.PasswordVerifier passwordVerifier;
    private io.databourse.edge.LogonGuard logonGuard = new io.databourse.edge.LogonGuard();
    private io.databourse.edge.RefusalLog refusals = new io.databourse.edge.RefusalLog(line -> {});

    /** Checks logon passwords off the I/O threads; required when a session has a password. */
    public io.databourse.edge.PasswordVerifier passwordVerifier()
    {
        return passwordVerifier;
    }

    public SessionLayerContext passwordVerifier(final io.databourse.edge.PasswordVerifier passwordVerifier)
    {
        this.passwordVerifier = passwordVerifier;
        return this;
    }

    /** Failed-logon backoff and lockout per account (the counterparty's CompID) and per address. */
    public io.databourse.edge.LogonGuard logonGuard()
    {
        return logonGuard;
    }

    public SessionLayerContext logonGuard(final io.databourse.edge.LogonGuard logonGuard)
    {
        this.logonGuard = logonGuard;
        return this;
    }

    /** Where refused connections and logons are written, with the address, without flooding. */
    public io.databourse.edge.RefusalLog refusals()
    {
        return refusals;
    }

    public SessionLayerContext refusals(final io.databourse.edge.RefusalLog refusals)
    {
        this.refusals = refusals;
        return this;
    }

    public SessionRegistry registry()
    {
        return registry;
    }

    public SessionLayerContext registry(final SessionRegistry registry)
    {
        this.registry = registry;
        return this;
    }

    public io.databourse.gateway.GatewayCounters counters()
    {
        return counters;
    }

    public SessionLayerContext counters(final io.databourse.gateway.GatewayCounters counters)
    {
        this.counters = counters;
        return this;
    }

    /** Logons, refusals (with the reason) and logouts, one line each; cold paths only. */
    public java.util.function.Consumer<String> sessionLog()
    {
        return sessionLog;
    }

    public SessionLayerContext sessionLog(final java.util.function.Consumer<String> sessionLog)
    {
        this.sessionLog = sessionLog;
        return this;
    }

    public FixDictionary dictionary()
    {
        return dictionary;
    }

    public SessionLayerContext dictionary(final FixDictionary dictionary)
    {
        this.dictionary = dictionary;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    public SessionLayerContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    public long logonTimeoutMs()
    {
        return logonTimeoutMs;
    }

    public SessionLayerContext logonTimeoutMs(final long logonTimeoutMs)
    {
        this.logonTimeoutMs = logonTimeoutMs;
        return this;
    }

    public long logoutTimeoutMs()
    {
        return logoutTimeoutMs;
    }

    public SessionLayerContext logoutTimeoutMs(final long logoutTimeoutMs)
    {
        this.logoutTimeoutMs = logoutTimeoutMs;
        return this;
    }

    public long sendingTimeWindowMs()
    {
        return sendingTimeWindowMs;
    }

    public SessionLayerContext sendingTimeWindowMs(final long sendingTimeWindowMs)
    {
        this.sendingTimeWindowMs = sendingTimeWindowMs;
        return this;
    }

    public int fieldsMax()
    {
        return fieldsMax;
    }

    public SessionLayerContext fieldsMax(final int fieldsMax)
    {
        this.fieldsMax = fieldsMax;
        return this;
    }

    /** Largest BodyLength accepted; a larger one closes the connection. */
    public int messageLengthMax()
    {
        return messageLengthMax;
    }

    public SessionLayerContext messageLengthMax(final int messageLengthMax)
    {
        this.messageLengthMax = messageLengthMax;
        return this;
    }

    /** Messages held while waiting for a resend to fill a gap; more logs the session out. */
    public int queuedMessagesMax()
    {
        return queuedMessagesMax;
    }

    public SessionLayerContext queuedMessagesMax(final int queuedMessagesMax)
    {
        this.queuedMessagesMax = queuedMessagesMax;
        return this;
    }

    /** Bytes of such messages held at most per connection. */
    public int queuedBytesMax()
    {
        return queuedBytesMax;
    }

    public SessionLayerContext queuedBytesMax(final int queuedBytesMax)
    {
        this.queuedBytesMax = queuedBytesMax;
        return this;
    }
}
