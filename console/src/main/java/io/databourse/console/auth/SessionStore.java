package io.databourse.console.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import io.databourse.settlement.http.Credentials;
import org.agrona.concurrent.NanoClock;

/**
 * Server-side sessions behind an opaque cookie. Bounded: at most {@code sessionsMax}; when full,
 * expired sessions are dropped first and, if none has expired, the login is refused (never grow).
 * A session ends after {@code idleTimeoutNs} without a request or {@code lifetimeNs} after login,
 * whichever comes first, or at logout. Confined to the HTTP event loop (no locks), except
 * {@link #find} which the live push also calls on that same loop.
 */
public final class SessionStore
{
    /**
     * First Aeron session id of the console's commands. FIX sessions use the ids of the sessions
     * file (small positive numbers); the console's are {@code BASE + k}, so the journal tells a
     * console command from a FIX one by its session id alone.
     */
    public static final int COMMAND_SESSION_ID_BASE = 0x4000_0000;
    /** How many console session ids there are before they wrap (far more than sessions live at once). */
    public static final int COMMAND_SESSION_ID_RANGE = 1 << 20;
    private static final int TOKEN_BYTES = 32;

    private final NanoClock clock;
    private final int sessionsMax;
    private final long idleTimeoutNs;
    private final long lifetimeNs;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, ConsoleSession> sessions = new HashMap<>();
    private int nextCommandSession;

    public SessionStore(final NanoClock clock, final int sessionsMax, final long idleTimeoutNs, final long lifetimeNs)
    {
        if (sessionsMax < 1 || idleTimeoutNs <= 0 || lifetimeNs <= 0)
        {
            throw new IllegalArgumentException("sessionsMax, idle timeout and lifetime must be positive");
        }
        this.clock = clock;
        this.sessionsMax = sessionsMax;
        this.idleTimeoutNs = idleTimeoutNs;
        this.lifetimeNs = lifetimeNs;
    }

    /** A new session for an authenticated principal, or null when the store is full of live sessions. */
    public ConsoleSession create(final Credentials.Principal principal)
    {
        final long nowNs = clock.nanoTime();
        if (sessions.size() >= sessionsMax && 0 == dropExpired(nowNs))
        {
            return null;
        }
        final int commandSessionId = COMMAND_SESSION_ID_BASE + nextCommandSession;
        nextCommandSession = (nextCommandSession + 1) % COMMAND_SESSION_ID_RANGE;
        String id;
        do
        {
            id = randomToken();
        }
        while (sessions.containsKey(id));
        final ConsoleSession session = new ConsoleSession(id, principal, randomToken(), commandSessionId, nowNs);
        sessions.put(id, session);
        assert sessions.size() <= sessionsMax;
        return session;
    }

    /** The live session of a cookie value, touched; null when unknown or expired (and then forgotten). */
    public ConsoleSession find(final String id)
    {
        if (null == id || id.isEmpty())
        {
            return null;
        }
        final ConsoleSession session = sessions.get(id);
        if (null == session)
        {
            return null;
        }
        final long nowNs = clock.nanoTime();
        if (expired(session, nowNs))
        {
            sessions.remove(id);
            return null;
        }
        session.touch(nowNs);
        return session;
    }

    /** Whether a session found earlier is still live (the live push checks before each message). */
    public boolean isLive(final ConsoleSession session)
    {
        return sessions.get(session.id()) == session && !expired(session, clock.nanoTime());
    }

    public void remove(final ConsoleSession session)
    {
        sessions.remove(session.id(), session);
    }

    public int size()
    {
        return sessions.size();
    }

    private boolean expired(final ConsoleSession session, final long nowNs)
    {
        return nowNs - session.lastSeenNs() >= idleTimeoutNs || nowNs - session.createdNs() >= lifetimeNs;
    }

    private int dropExpired(final long nowNs)
    {
        int dropped = 0;
        for (final Iterator<ConsoleSession> it = sessions.values().iterator(); it.hasNext(); )
        {
            if (expired(it.next(), nowNs))
            {
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    private String randomToken()
    {
        final byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Constant-time comparison of a presented token with the expected one (CSRF). */
    public static boolean tokensEqual(final String expected, final String presented)
    {
        if (null == expected || null == presented)
        {
            return false;
        }
        return MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
