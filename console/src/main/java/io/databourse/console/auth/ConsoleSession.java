package io.databourse.console.auth;

import io.databourse.settlement.http.Credentials;

/**
 * One logged-in browser: the principal that logged in, the CSRF token its mutations must carry,
 * and the Aeron session id its commands carry (from the console's own range, so the journal tells
 * console commands from FIX ones). Times are the store's clock, in ns.
 */
public final class ConsoleSession
{
    private final String id;
    private final Credentials.Principal principal;
    private final String csrfToken;
    private final int commandSessionId;
    private final long createdNs;
    private volatile long lastSeenNs;

    ConsoleSession(final String id, final Credentials.Principal principal, final String csrfToken,
        final int commandSessionId, final long nowNs)
    {
        assert commandSessionId >= SessionStore.COMMAND_SESSION_ID_BASE : "console session ids have a range of their own";
        this.id = id;
        this.principal = principal;
        this.csrfToken = csrfToken;
        this.commandSessionId = commandSessionId;
        this.createdNs = nowNs;
        this.lastSeenNs = nowNs;
    }

    /** The cookie value: 256 random bits, never logged. */
    public String id()
    {
        return id;
    }

    public String participant()
    {
        return principal.participant();
    }

    public Credentials.Role credentialRole()
    {
        return principal.role();
    }

    public String csrfToken()
    {
        return csrfToken;
    }

    public int commandSessionId()
    {
        return commandSessionId;
    }

    long createdNs()
    {
        return createdNs;
    }

    long lastSeenNs()
    {
        return lastSeenNs;
    }

    void touch(final long nowNs)
    {
        lastSeenNs = nowNs;
    }
}
