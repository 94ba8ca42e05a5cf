package io.databourse.edge;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

/**
 * Bounds the connections a listener holds: in all, and from any one address, so that one client
 * (or one attacker) cannot take every slot. A connection beyond either bound is closed on accept,
 * and the refusal logged with the address. Counted until the connection closes. Thread-safe:
 * connections are admitted on whichever event loop accepts them.
 */
public final class ConnectionLimiter
{
    private final String what;
    private final int connectionsMax;
    private final int perAddressMax;
    private final RefusalLog log;
    private final AtomicInteger connections = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> byAddress = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    /**
     * @param what          what the connections are for, in log lines ("FIX connection", "HTTP connection")
     * @param connectionsMax connections at most
     * @param perAddressMax  connections at most from one address
     */
    public ConnectionLimiter(final String what, final int connectionsMax, final int perAddressMax, final RefusalLog log)
    {
        if (connectionsMax < 1 || perAddressMax < 1)
        {
            throw new IllegalArgumentException("connection limits must be >= 1: " + connectionsMax + ", " + perAddressMax);
        }
        this.what = what;
        this.connectionsMax = connectionsMax;
        this.perAddressMax = perAddressMax;
        this.log = log;
    }

    /** Admits a new connection, counted until it closes, or closes it and logs why; true when admitted. */
    public boolean admit(final Channel channel)
    {
        final String address = hostOf(channel.remoteAddress());
        if (connections.incrementAndGet() > connectionsMax)
        {
            connections.decrementAndGet();
            refuse(channel, address, "the limit of " + connectionsMax + " connections is reached");
            return false;
        }
        final AtomicInteger fromAddress = byAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (fromAddress.incrementAndGet() > perAddressMax)
        {
            release(address, fromAddress);
            connections.decrementAndGet();
            refuse(channel, address, "the limit of " + perAddressMax + " connections from one address is reached");
            return false;
        }
        channel.closeFuture().addListener(future ->
        {
            release(address, fromAddress);
            connections.decrementAndGet();
        });
        return true;
    }

    private void release(final String address, final AtomicInteger fromAddress)
    {
        if (fromAddress.decrementAndGet() == 0)
        {
            byAddress.remove(address, fromAddress);
            // A connection admitted between the decrement and the removal counted on the removed counter;
            // it is released against it too, so the map never keeps a stale entry for long.
        }
    }

    private void refuse(final Channel channel, final String address, final String why)
    {
        refused.incrementAndGet();
        channel.close();
        log.refuse(what, address, why);
    }

    public int connections()
    {
        return connections.get();
    }

    public int connectionsFrom(final String address)
    {
        final AtomicInteger n = byAddress.get(address);
        return null == n ? 0 : n.get();
    }

    public int refused()
    {
        return refused.get();
    }

    /** The host part of a socket address ("127.0.0.1"), or its text when it has none. */
    public static String hostOf(final SocketAddress address)
    {
        if (address instanceof InetSocketAddress)
        {
            final InetSocketAddress inet = (InetSocketAddress)address;
            return null == inet.getAddress() ? inet.getHostString() : inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
