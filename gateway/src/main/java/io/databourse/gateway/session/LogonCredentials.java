package io.databourse.gateway.session;

import java.util.function.Consumer;

import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordHash;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;

/**
 * Whether a Logon may have the session it names: its Username, its Password (salted PBKDF2,
 * checked off the connection's thread by the PasswordVerifier), behind failed-logon backoff and
 * lockout per account and per address (LogonGuard). A password check is slow: the first call keeps
 * the Logon, stops the connection reading and answers {@link #CHECKING}; the verdict arrives on the
 * connection's thread ({@link #takeWaitingLogon}, {@link #verdict}), the session layer processes the
 * same Logon again, and this time the call answers from the verdict. Single-threaded but for the
 * check itself.
 */
final class LogonCredentials
{
    /** The Logon may have the session. */
    static final int ACCEPTED = 0;
    /** Refused: answer {@link #refusalText()} and close; {@link #refusal()} says why, for the log. */
    static final int REFUSED = 1;
    /** The password is being checked: the verdict will process the Logon again. */
    static final int CHECKING = 2;

    private static final int VERDICT_NONE = 0;
    private static final int VERDICT_PASSED = 1;
    private static final int VERDICT_FAILED = 2;
    private static final int VERDICT_THROTTLED = 3;

    private final SessionLayerContext ctx;
    private final FixConnection connection;
    private final EpochClock clock;
    private final Consumer<LogonGuard.Verdict> onVerdict;
    private int verdict = VERDICT_NONE;
    /** The Logon whose password is being checked, kept to be processed again with the verdict. */
    private byte[] waitingLogon;
    private boolean checking;
    private String refusal;
    private String refusalText;

    /** onVerdict runs on the connection's thread when a password check is done. */
    LogonCredentials(
        final SessionLayerContext ctx,
        final FixConnection connection,
        final EpochClock clock,
        final Consumer<LogonGuard.Verdict> onVerdict)
    {
        this.ctx = ctx;
        this.connection = connection;
        this.clock = clock;
        this.onVerdict = onVerdict;
    }

    /**
     * Checks the Logon (parsed in logon, its bytes at frame) against the candidate session's
     * credentials: {@link #ACCEPTED}, {@link #REFUSED} or {@link #CHECKING}. No claim is made on the
     * session: a failed logon must not disturb its real counterparty.
     */
    int check(final FixSession candidate, final FixMessage logon, final DirectBuffer frame, final int offset, final int length)
    {
        final SessionConfig config = candidate.config();
        final String account = config.targetCompId();
        final String address = connection.remoteHost();
        final long nowMs = clock.time();
        final int given = verdict;
        verdict = VERDICT_NONE;
        if (VERDICT_NONE == given || VERDICT_THROTTLED == given)
        {
            final long waitMs = Math.max(VERDICT_THROTTLED == given ? 1_000 : 0, ctx.logonGuard().waitMs(account, address, nowMs));
            if (waitMs > 0)
            {
                // Refused before the password is looked at: a guesser learns nothing and costs no hashing.
                final String why = (ctx.logonGuard().isLocked(account, address, nowMs) ? "locked out" : "backing off") +
                    " after failed logons, retry in " + (waitMs + 999) / 1000 + " s";
                ctx.counters().logonsThrottled.incrementAndGet();
                ctx.refusals().refuse("FIX logon as " + account, address, why, nowMs);
                return refuse(why + " (" + config + ")", "Too many failed logons: retry in " + (waitMs + 999) / 1000 + " s");
            }
        }
        final String password = logon.stringValue(FixTags.PASSWORD);
        boolean ok = null == config.username() || config.username().equals(logon.stringValue(FixTags.USERNAME));
        if (ok && config.hasPassword())
        {
            if (VERDICT_NONE != given)
            {
                ok = VERDICT_PASSED == given;
            }
            else if (null == password)
            {
                ok = false;
            }
            else
            {
                return startCheck(candidate, password, frame, offset, length);
            }
        }
        if (!ok)
        {
            if (VERDICT_FAILED != given)
            {
                ctx.logonGuard().onFailure(account, address, nowMs); // a wrong username: counted here, not by a check
            }
            return refuse("invalid username or password for " + config, "Invalid username or password");
        }
        if (VERDICT_PASSED != given)
        {
            ctx.logonGuard().onSuccess(account);
        }
        return ACCEPTED;
    }

    private int startCheck(
        final FixSession candidate, final String password, final DirectBuffer frame, final int offset, final int length)
    {
        final String account = candidate.config().targetCompId();
        final String address = connection.remoteHost();
        final PasswordHash hash = candidate.config().passwordHash();
        waitingLogon = new byte[length];
        frame.getBytes(offset, waitingLogon);
        checking = true;
        connection.pauseReading();
        // The guard is asked again, and the outcome counted, on the verifier's thread just before the
        // slow check: guesses queued together stop being checked once the account or address must wait.
        if (!ctx.passwordVerifier().check(() -> ctx.logonGuard().checkPassword(account, address,
            () -> hash.matches(password), clock::time), connection::execute, onVerdict))
        {
            checking = false;
            waitingLogon = null;
            ctx.refusals().refuse("FIX logon", connection.remoteAddress(), "too many logons being checked at once");
            return refuse("password checks queue full", "Logon busy: retry in a moment");
        }
        return CHECKING;
    }

    private int refuse(final String why, final String text)
    {
        refusal = why;
        refusalText = text;
        return REFUSED;
    }

    /** True while a password is checked off the connection's thread: the frames after the Logon wait. */
    boolean isChecking()
    {
        return checking;
    }

    /** The check is over: the Logon it kept (null if none), no longer kept. */
    byte[] takeWaitingLogon()
    {
        final byte[] logon = waitingLogon;
        waitingLogon = null;
        checking = false;
        return logon;
    }

    /** The verdict the next {@link #check} answers from (it is used once). */
    void verdict(final LogonGuard.Verdict checked)
    {
        verdict = LogonGuard.Verdict.PASSED == checked ? VERDICT_PASSED :
            LogonGuard.Verdict.FAILED == checked ? VERDICT_FAILED : VERDICT_THROTTLED;
    }

    /** Forgets a verdict no check used. */
    void clearVerdict()
    {
        verdict = VERDICT_NONE;
    }

    /** Why the last refused Logon was refused (for the session log; cold path). */
    String refusal()
    {
        return refusal;
    }

    /** What the last refused Logon's Logout tells the client. */
    String refusalText()
    {
        return refusalText;
    }
}
