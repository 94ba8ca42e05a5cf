package io.databourse.gateway.session;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.agrona.collections.Int2ObjectHashMap;

/** The configured sessions, by CompID pair (for logon) and by session id (for routing events). */
public final class SessionRegistry implements AutoCloseable
{
    private final Map<String, FixSession> byCompIds = new HashMap<>();
    private final Int2ObjectHashMap<FixSession> byId = new Int2ObjectHashMap<>();

    public void add(final FixSession session)
    {
        final SessionConfig config = session.config();
        if (null != byCompIds.putIfAbsent(key(config.senderCompId(), config.targetCompId()), session) ||
            null != byId.putIfAbsent(config.sessionId(), session))
        {
            throw new IllegalArgumentException("duplicate session " + config);
        }
    }

    /** The session a counterparty logs on to: ours = their TargetCompID, theirs = their SenderCompID. */
    public FixSession lookup(final String ourCompId, final String theirCompId)
    {
        return null == ourCompId || null == theirCompId ? null : byCompIds.get(key(ourCompId, theirCompId));
    }

    public FixSession byId(final int sessionId)
    {
        return byId.get(sessionId);
    }

    public Collection<FixSession> sessions()
    {
        return byCompIds.values();
    }

    private static String key(final String ours, final String theirs)
    {
        return ours + '\u0001' + theirs;
    }

    @Override
    public void close()
    {
        for (final FixSession session : byCompIds.values())
        {
            session.close();
        }
    }
}
