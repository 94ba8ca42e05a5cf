package io.databourse.cluster.client;

import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.security.CredentialsSupplier;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Opens a link's cluster sessions, without blocking the event thread: one asynchronous connect at a
 * time, retried with exponential back-off (100 ms to 2 s) after a failure, and a failure that repeats
 * logged again at most every 10 s. The session authenticates with the link's secret.
 */
final class ClusterConnector
{
    private static final long CONNECT_RETRY_MIN_NS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CONNECT_RETRY_MAX_NS = TimeUnit.SECONDS.toNanos(2);
    /** A failure to connect that repeats is logged again at most this often. */
    private static final long CONNECT_LOG_INTERVAL_NS = TimeUnit.SECONDS.toNanos(10);

    private final ClusterLinkContext ctx;
    private final Aeron aeron;
    private final EgressListener egressListener;
    private final CredentialsSupplier credentials;

    private AeronCluster.AsyncConnect connecting;
    private long connectRetryAtNs;
    private long connectRetryNs = CONNECT_RETRY_MIN_NS;
    private String lastConnectFailure;
    private long lastConnectFailureLoggedNs;

    ClusterConnector(final ClusterLinkContext ctx, final Aeron aeron, final EgressListener egressListener)
    {
        this.ctx = ctx;
        this.aeron = aeron;
        this.egressListener = egressListener;
        final byte[] secret = ctx.secret().clone();
        this.credentials = new CredentialsSupplier()
        {
            @Override
            public byte[] encodedCredentials()
            {
                return secret;
            }

            @Override
            public byte[] onChallenge(final byte[] encodedChallenge)
            {
                return new byte[0];
            }
        };
    }

    /**
     * Starts a connect when none is under way and the back-off allows, and polls it: the new session
     * once open, else null. Throws when the connect fails (then call {@link #onFailure}).
     */
    AeronCluster poll(final long nowNs)
    {
        if (null == connecting)
        {
            if (nowNs < connectRetryAtNs)
            {
                return null;
            }
            connecting = AeronCluster.asyncConnect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel("aeron:udp")
                .ingressEndpoints(ctx.ingressEndpoints())
                .egressChannel("aeron:udp?endpoint=" + ctx.egressHost() + ":0|term-length=" + ctx.egressTermLength())
                .egressListener(egressListener)
                .credentialsSupplier(credentials)
                .messageTimeoutNs(ctx.connectTimeoutNs())
                .idleStrategy(new BackoffIdleStrategy(1, 10, 1_000, 1_000_000)));
        }
        final AeronCluster connected = connecting.poll();
        if (null == connected)
        {
            return null;
        }
        connecting = null;
        connectRetryNs = CONNECT_RETRY_MIN_NS;
        lastConnectFailure = null;
        return connected;
    }

    /** A connect failed: drop it, retry after the back-off, and log the failure unless it is a recent repeat. */
    void onFailure(final long nowNs, final RuntimeException ex)
    {
        CloseHelper.quietClose(connecting);
        connecting = null;
        connectRetryAtNs = nowNs + connectRetryNs;
        connectRetryNs = Math.min(CONNECT_RETRY_MAX_NS, connectRetryNs * 2);
        final String failure = String.valueOf(ex.getMessage());
        if (!failure.equals(lastConnectFailure) || nowNs - lastConnectFailureLoggedNs > CONNECT_LOG_INTERVAL_NS)
        {
            ctx.log().accept("cluster link: no cluster session yet (" + failure + "); retrying");
            lastConnectFailure = failure;
            lastConnectFailureLoggedNs = nowNs;
        }
    }

    /** The session was lost: connect again at the next poll, without back-off. */
    void retryAt(final long nowNs)
    {
        connectRetryAtNs = nowNs;
    }

    /** Abandons a connect under way. */
    void close()
    {
        CloseHelper.quietClose(connecting);
        connecting = null;
    }
}
