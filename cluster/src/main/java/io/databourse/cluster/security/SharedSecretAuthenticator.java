package io.databourse.cluster.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import io.aeron.security.Authenticator;
import io.aeron.security.SessionProxy;
import org.agrona.collections.Long2LongHashMap;

/**
 * Admits a cluster client (a gateway's link) only if its connect request carries the cluster's
 * secret: without it, anyone who could reach a member's ingress port could send commands in any
 * participant's name. Compared in constant time; a client is never challenged. At most
 * {@link #PENDING_MAX} connect requests wait for their response channel at once; beyond that new
 * ones are refused. One instance per consensus module, on its thread.
 */
public final class SharedSecretAuthenticator implements Authenticator
{
    static final int PENDING_MAX = 1_024;
    private static final long ACCEPTED = 1;
    private static final long REFUSED = 2;
    private static final byte[] PRINCIPAL = "gateway".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;
    private final Long2LongHashMap verdicts = new Long2LongHashMap(0);
    private long refused;

    public SharedSecretAuthenticator(final byte[] secret)
    {
        if (secret.length < ClusterSecret.BYTES_MIN)
        {
            throw new IllegalArgumentException("a cluster secret of " + secret.length + " bytes: at least " +
                ClusterSecret.BYTES_MIN);
        }
        this.secret = secret.clone();
    }

    @Override
    public void onConnectRequest(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        final boolean ok = MessageDigest.isEqual(secret, encodedCredentials);
        if (!ok)
        {
            refused++;
        }
        if (verdicts.size() < PENDING_MAX || !ok)
        {
            verdicts.put(sessionId, ok ? ACCEPTED : REFUSED);
        }
    }

    @Override
    public void onChallengeResponse(final long sessionId, final byte[] encodedCredentials, final long nowMs)
    {
        verdicts.put(sessionId, REFUSED);
    }

    @Override
    public void onConnectedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        final long verdict = verdicts.remove(sessionProxy.sessionId());
        if (ACCEPTED == verdict)
        {
            sessionProxy.authenticate(PRINCIPAL);
        }
        else
        {
            sessionProxy.reject();
        }
    }

    @Override
    public void onChallengedSession(final SessionProxy sessionProxy, final long nowMs)
    {
        verdicts.remove(sessionProxy.sessionId());
        sessionProxy.reject();
    }

    /** Connect requests refused for a wrong or missing secret. */
    public long refused()
    {
        return refused;
    }
}
