package io.databourse.gateway.session;

import io.databourse.edge.PasswordHash;

/**
 * One configured FIX session: who the counterparty is, which participant it acts for, how it
 * authenticates and how its sequence numbers behave. Built by {@link SessionsFile}; immutable
 * once {@link #conclude()}d.
 */
public final class SessionConfig
{
    /** Trading through the matcher. */
    public static final String PROFILE_EXCHANGE = "exchange";
    /** Counterparty certification: an echo application, no matcher. */
    public static final String PROFILE_CERTIFICATION = "certification";

    private int sessionId;
    private String senderCompId;
    private String targetCompId;
    private String profile = PROFILE_EXCHANGE;
    private String participant;
    private String username;
    private PasswordHash passwordHash;
    private int heartbeatIntervalMaxS = 300;
    private boolean resetOnLogon;
    private boolean resetOnLogout;
    private boolean resetOnDisconnect;
    private int throttleMessagesPerS;
    private boolean cancelOnDisconnect;
    private boolean concluded;

    /** Checks the fields and fills defaults; refuses a second call. */
    public SessionConfig conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("already concluded");
        }
        concluded = true;
        if (sessionId <= 0)
        {
            throw new IllegalArgumentException("session id must be > 0: " + sessionId);
        }
        requireCompId("senderCompId", senderCompId);
        requireCompId("targetCompId", targetCompId);
        if (!PROFILE_EXCHANGE.equals(profile) && !PROFILE_CERTIFICATION.equals(profile))
        {
            throw new IllegalArgumentException("profile must be exchange or certification: " + profile);
        }
        if (PROFILE_EXCHANGE.equals(profile))
        {
            if (null == participant || participant.isEmpty() || participant.length() > 16)
            {
                throw new IllegalArgumentException("exchange session " + targetCompId + " needs a participant (1..16 chars)");
            }
            if (null == passwordHash)
            {
                throw new IllegalArgumentException("exchange session " + targetCompId +
                    " needs a passwordHash (bin/databourse passwd makes one)");
            }
        }
        if (throttleMessagesPerS < 0)
        {
            throw new IllegalArgumentException("throttleMessagesPerS must be >= 0");
        }
        return this;
    }

    private static void requireCompId(final String name, final String value)
    {
        if (null == value || value.isEmpty() || value.length() > 32)
        {
            throw new IllegalArgumentException(name + " must be 1..32 characters");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E)
            {
                throw new IllegalArgumentException(name + " must be printable ASCII: " + value);
            }
        }
    }

    /** True when a logon must present a password (Password 554) matching {@link #passwordHash()}. */
    public boolean hasPassword()
    {
        return null != passwordHash;
    }

    public boolean isCertification()
    {
        return PROFILE_CERTIFICATION.equals(profile);
    }

    public int sessionId()
    {
        return sessionId;
    }

    public SessionConfig sessionId(final int sessionId)
    {
        this.sessionId = sessionId;
        return this;
    }

    /** Our CompID as the counterparty addresses us (their TargetCompID). */
    public String senderCompId()
    {
        return senderCompId;
    }

    public SessionConfig senderCompId(final String senderCompId)
    {
        this.senderCompId = senderCompId;
        return this;
    }

    /** The counterparty's CompID (their SenderCompID). */
    public String targetCompId()
    {
        return targetCompId;
    }

    public SessionConfig targetCompId(final String targetCompId)
    {
        this.targetCompId = targetCompId;
        return this;
    }

    public String profile()
    {
        return profile;
    }

    public SessionConfig profile(final String profile)
    {
        this.profile = profile;
        return this;
    }

    public String participant()
    {
        return participant;
    }

    public SessionConfig participant(final String participant)
    {
        this.participant = participant;
        return this;
    }

    public String username()
    {
        return username;
    }

    public SessionConfig username(final String username)
    {
        this.username = username;
        return this;
    }

    /** The salted hash of the session's password, null when it has none (certification sessions only). */
    public PasswordHash passwordHash()
    {
        return passwordHash;
    }

    /** A stored {@link PasswordHash} ({@code pbkdf2-sha256$...}); an unsalted or weak one is refused by name. */
    public SessionConfig passwordHash(final String stored)
    {
        this.passwordHash = null == stored || stored.isEmpty() ? null : PasswordHash.parse(stored);
        return this;
    }

    public SessionConfig passwordHash(final PasswordHash hash)
    {
        this.passwordHash = hash;
        return this;
    }

    public int heartbeatIntervalMaxS()
    {
        return heartbeatIntervalMaxS;
    }

    public SessionConfig heartbeatIntervalMaxS(final int heartbeatIntervalMaxS)
    {
        this.heartbeatIntervalMaxS = heartbeatIntervalMaxS;
        return this;
    }

    public boolean resetOnLogon()
    {
        return resetOnLogon;
    }

    public SessionConfig resetOnLogon(final boolean resetOnLogon)
    {
        this.resetOnLogon = resetOnLogon;
        return this;
    }

    public boolean resetOnLogout()
    {
        return resetOnLogout;
    }

    public SessionConfig resetOnLogout(final boolean resetOnLogout)
    {
        this.resetOnLogout = resetOnLogout;
        return this;
    }

    public boolean resetOnDisconnect()
    {
        return resetOnDisconnect;
    }

    public SessionConfig resetOnDisconnect(final boolean resetOnDisconnect)
    {
        this.resetOnDisconnect = resetOnDisconnect;
        return this;
    }

    /** Application messages accepted per second; 0 = unlimited. */
    public int throttleMessagesPerS()
    {
        return throttleMessagesPerS;
    }

    public SessionConfig throttleMessagesPerS(final int throttleMessagesPerS)
    {
        this.throttleMessagesPerS = throttleMessagesPerS;
        return this;
    }

    public boolean cancelOnDisconnect()
    {
        return cancelOnDisconnect;
    }

    public SessionConfig cancelOnDisconnect(final boolean cancelOnDisconnect)
    {
        this.cancelOnDisconnect = cancelOnDisconnect;
        return this;
    }

    public String toString()
    {
        return "session " + sessionId + " " + senderCompId + "<-" + targetCompId + " (" + profile + ")";
    }
}
