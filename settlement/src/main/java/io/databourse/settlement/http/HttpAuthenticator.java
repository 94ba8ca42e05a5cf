package io.databourse.settlement.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import org.agrona.concurrent.EpochClock;

/**
 * Who a request comes from: a participant and its password (HTTP Basic, or a console's login
 * form) checked against the {@link Credentials}, behind failed-logon backoff and lockout per
 * participant and per address ({@link LogonGuard}). The slow PBKDF2 check runs on the
 * {@link PasswordVerifier}'s thread, never the event loop; a success is remembered for
 * {@code rememberMs} as an HMAC of the password under a key that lives only in this process, so a
 * client sending its credentials with every request costs one slow check per period, not one per
 * request. Shared by every HTTP endpoint of a process; thread-safe.
 */
public final class HttpAuthenticator
{
    /** How a check ended. */
    public enum Outcome
    {
        /** The password is the participant's: {@link Result#principal()} says who. */
        AUTHENTICATED,
        /** Wrong participant or password (counted toward backoff and lockout). */
        DENIED,
        /** Refused unchecked: the participant or the address is backing off or locked out. */
        THROTTLED,
        /** Refused unchecked: too many checks are waiting; retry in a moment. */
        BUSY
    }

    /** The verdict; retryAfterS for THROTTLED and BUSY. */
    public record Result(Outcome outcome, Credentials.Principal principal, long retryAfterS)
    {
    }

    private record Remembered(byte[] mac, Credentials.Principal principal, long untilMs)
    {
    }

    private static final int REMEMBERED_MAX = 100_000;

    private final Credentials credentials;
    private final PasswordVerifier verifier;
    private final LogonGuard guard;
    private final RefusalLog refusals;
    private final EpochClock clock;
    private final long rememberMs;
    private final byte[] macKey = new byte[32];
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    public HttpAuthenticator(
        final Credentials credentials,
        final PasswordVerifier verifier,
        final LogonGuard guard,
        final RefusalLog refusals,
        final EpochClock clock,
        final long rememberMs)
    {
        this.credentials = credentials;
        this.verifier = verifier;
        this.guard = guard;
        this.refusals = refusals;
        this.clock = clock;
        this.rememberMs = rememberMs;
        new SecureRandom().nextBytes(macKey);
    }

    /**
     * Checks a participant's password for a request from {@code address}; {@code then} gets the
     * verdict, at once when it needs no slow check, else later on {@code resumeOn} (the caller's
     * event loop).
     */
    public void authenticate(
        final String participant, final String password, final String address, final Executor resumeOn,
        final Consumer<Result> then)
    {
        final long nowMs = clock.time();
        if (null == participant || null == password || password.length() > Credentials.PASSWORD_MAX_LENGTH)
        {
            then.accept(new Result(Outcome.DENIED, null, 0));
            return;
        }
        final byte[] mac = mac(participant, password);
        final Remembered known = remembered.get(participant);
        if (null != known && known.untilMs() > nowMs && MessageDigest.isEqual(known.mac(), mac))
        {
            then.accept(new Result(Outcome.AUTHENTICATED, known.principal(), 0));
            return;
        }
        final long waitMs = guard.waitMs(participant, address, nowMs);
        if (waitMs > 0)
        {
            refusals.refuse("HTTP login as " + participant, address,
                (guard.isLocked(participant, address, nowMs) ? "locked out" : "backing off") + " after failed logins", nowMs);
            then.accept(new Result(Outcome.THROTTLED, null, (waitMs + 999) / 1000));
            return;
        }
        // The guard is asked again, and the outcome counted, on the verifier's thread right before the slow
        // check: guesses queued together stop being checked once the participant or address must wait.
        final Credentials.Principal[] found = new Credentials.Principal[1];
        final boolean queued = verifier.check(() -> guard.checkPassword(participant, address, () ->
        {
            found[0] = credentials.verify(participant, password);
            return null != found[0];
        }, clock::time), resumeOn, verdict ->
        {
            final long doneMs = clock.time();
            if (LogonGuard.Verdict.THROTTLED == verdict)
            {
                refusals.refuse("HTTP login as " + participant, address, "backing off after failed logins", doneMs);
                then.accept(new Result(Outcome.THROTTLED, null, Math.max(1, (guard.waitMs(participant, address, doneMs) + 999) / 1000)));
                return;
            }
            if (LogonGuard.Verdict.FAILED == verdict)
            {
                refusals.refuse("HTTP login as " + participant, address, "wrong participant or password", doneMs);
                then.accept(new Result(Outcome.DENIED, null, 0));
                return;
            }
            final Credentials.Principal principal = found[0];
            if (remembered.size() >= REMEMBERED_MAX)
            {
                remembered.clear();
            }
            remembered.put(participant, new Remembered(mac, principal, doneMs + rememberMs));
            then.accept(new Result(Outcome.AUTHENTICATED, principal, 0));
        });
        if (!queued)
        {
            refusals.refuse("HTTP login as " + participant, address, "too many password checks waiting", nowMs);
            then.accept(new Result(Outcome.BUSY, null, 1));
        }
    }

    /** Forgets a participant's remembered success (a console's logout, say). */
    public void forget(final String participant)
    {
        remembered.remove(participant);
    }

    private byte[] mac(final String participant, final String password)
    {
        try
        {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(macKey, "HmacSHA256"));
            mac.update(participant.getBytes(StandardCharsets.UTF_8));
            mac.update((byte)0);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", ex);
        }
    }

    /**
     * The participant and password of an {@code Authorization: Basic} header value, or null when
     * it is not one (the password may contain ':', the participant may not).
     */
    public static String[] basicCredentials(final String authorization)
    {
        if (null == authorization || authorization.length() < 7 ||
            !authorization.regionMatches(true, 0, "Basic ", 0, 6))
        {
            return null;
        }
        final String decoded;
        try
        {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
        final int colon = decoded.indexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
