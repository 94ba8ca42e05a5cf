package io.databourse.settlement.http;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.agrona.concurrent.NanoClock;

/**
 * Requests per second per client address, as a generic cell rate algorithm (GCRA, a token bucket
 * kept as one "theoretical arrival time" per client): at most {@code burst} requests at once, then
 * one every {@code 1 / rate} seconds. Counted per address rather than per connection, so
 * reconnecting does not reset it, and before authentication, so it also slows token guessing.
 * <p>Bounded: at most {@code clientsMax} addresses are tracked. When full, addresses whose bucket
 * has refilled are forgotten (indistinguishable from a new client, so nothing is lost); if none has,
 * the new client is refused (fail closed). Not thread-safe: confined to the server's one event loop.
 * <p>Public for the web console, which serves on the same port and limits its own requests alike.
 */
public final class ClientRateLimiter
{
    private static final long NS_PER_S = 1_000_000_000L;

    private final NanoClock clock;
    private final long intervalNs;
    private final long burstToleranceNs;
    private final int clientsMax;
    /** Client -> theoretical arrival time of its next request (ns). */
    private final Map<InetAddress, long[]> tatNsByClient = new HashMap<>();

    public ClientRateLimiter(final NanoClock clock, final int requestsPerSecond, final int burst, final int clientsMax)
    {
        if (requestsPerSecond < 1 || burst < 1 || clientsMax < 1)
        {
            throw new IllegalArgumentException("rate, burst and clientsMax must be positive");
        }
        this.clock = clock;
        this.intervalNs = NS_PER_S / requestsPerSecond;
        this.burstToleranceNs = (burst - 1) * intervalNs;
        this.clientsMax = clientsMax;
    }

    /**
     * Counts a request of {@code client}: 0 when allowed, otherwise the seconds (at least 1) after
     * which a retry would be.
     */
    public long acquire(final InetAddress client)
    {
        final long nowNs = clock.nanoTime();
        long[] tatNs = tatNsByClient.get(client);
        if (null == tatNs)
        {
            if (tatNsByClient.size() >= clientsMax && 0 == forgetRefilled(nowNs))
            {
                return 1;
            }
            tatNs = new long[]{nowNs};
            tatNsByClient.put(client, tatNs);
        }
        final long startNs = Math.max(tatNs[0], nowNs);
        final long waitNs = startNs - nowNs - burstToleranceNs;
        if (waitNs > 0)
        {
            return Math.max(1, (waitNs + NS_PER_S - 1) / NS_PER_S);
        }
        tatNs[0] = startNs + intervalNs;
        return 0;
    }

    private int forgetRefilled(final long nowNs)
    {
        int removed = 0;
        for (final Iterator<long[]> it = tatNsByClient.values().iterator(); it.hasNext(); )
        {
            if (it.next()[0] - nowNs <= 0)
            {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    int trackedClients()
    {
        return tatNsByClient.size();
    }
}
