package io.databourse.cluster.node;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The members of a cluster and the ports each listens on, derived from one base port a member:
 * <pre>
 *   base + 0  ingress (clients: the gateways' links)
 *   base + 1  consensus (the members among themselves)
 *   base + 2  log (the leader's replicated log)
 *   base + 3  catch-up (a follower replaying what it missed)
 *   base + 4  archive control (replication of the log and snapshots between members)
 * </pre>
 * Written as {@code host:basePort} per member, comma-separated, member ids in order from 0:
 * {@code 127.0.0.1:20000,127.0.0.1:20010,127.0.0.1:20020}.
 */
public final class ClusterMembers
{
    public static final int INGRESS_OFFSET = 0;
    public static final int CONSENSUS_OFFSET = 1;
    public static final int LOG_OFFSET = 2;
    public static final int CATCHUP_OFFSET = 3;
    public static final int ARCHIVE_CONTROL_OFFSET = 4;
    /** Ports taken by a member from its base port. */
    public static final int PORTS_PER_MEMBER = 5;
    /** Base ports of members started together on one host are this far apart. */
    public static final int PORT_STRIDE = 10;
    /** The largest cluster this launcher sets up (Raft needs a majority: 3 or 5 are the useful sizes). */
    public static final int MEMBERS_MAX = 9;

    private final String[] hosts;
    private final int[] basePorts;

    private ClusterMembers(final String[] hosts, final int[] basePorts)
    {
        this.hosts = hosts;
        this.basePorts = basePorts;
    }

    /** Members on one host with base ports {@code basePort}, {@code basePort + 10}, ... */
    public static ClusterMembers onHost(final String host, final int basePort, final int count)
    {
        if (count < 1 || count > MEMBERS_MAX)
        {
            throw new IllegalArgumentException("a cluster of " + count + " members: 1 to " + MEMBERS_MAX);
        }
        final String[] hosts = new String[count];
        final int[] ports = new int[count];
        for (int i = 0; i < count; i++)
        {
            hosts[i] = host;
            ports[i] = basePort + i * PORT_STRIDE;
        }
        checkPorts(ports);
        return new ClusterMembers(hosts, ports);
    }

    /**
     * Members on 127.0.0.1 whose every port is free now (UDP, checked by binding each), from a random
     * base below the kernel's ephemeral range (so that no socket bound to port 0 meanwhile, such as a
     * client's egress, takes one of them): for tests and benchmarks that start clusters of their own
     * beside others on one host.
     */
    public static ClusterMembers onFreeLoopbackPorts(final int count)
    {
        final int span = count * PORT_STRIDE;
        final int below = Math.max(12_000, ephemeralPortsStart());
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final int base = ThreadLocalRandom.current().nextInt(10_000, below - span);
            if (allFree(base, span))
            {
                return onHost("127.0.0.1", base, count);
            }
        }
        throw new IllegalStateException("no free range of " + span + " UDP ports on 127.0.0.1");
    }

    /** The first port the kernel hands out for port 0 (Linux), or 32768 where it cannot be read. */
    private static int ephemeralPortsStart()
    {
        try
        {
            final String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        }
        catch (final IOException | RuntimeException ex)
        {
            return 32_768;
        }
    }

    private static boolean allFree(final int base, final int span)
    {
        for (int port = base; port < base + span; port++)
        {
            try (java.net.DatagramSocket socket = new DatagramSocket(port))
            {
                assert socket.getLocalPort() == port;
            }
            catch (final IOException ex)
            {
                return false;
            }
        }
        return true;
    }

    /** Parses {@code host:basePort,host:basePort,...}; member i is the i-th entry. */
    public static ClusterMembers parse(final String members)
    {
        final List<String> entries = new ArrayList<>();
        for (final String entry : members.split(","))
        {
            if (!entry.isBlank())
            {
                entries.add(entry.trim());
            }
        }
        if (entries.isEmpty() || entries.size() > MEMBERS_MAX)
        {
            throw new IllegalArgumentException("members \"" + members + "\": 1 to " + MEMBERS_MAX + " entries host:basePort");
        }
        final String[] hosts = new String[entries.size()];
        final int[] ports = new int[entries.size()];
        for (int i = 0; i < hosts.length; i++)
        {
            final String entry = entries.get(i);
            final int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1)
            {
                throw new IllegalArgumentException("member " + i + " \"" + entry + "\" is not host:basePort");
            }
            hosts[i] = entry.substring(0, colon);
            try
            {
                ports[i] = Integer.parseInt(entry.substring(colon + 1));
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException("member " + i + " \"" + entry + "\": the port is not a number");
            }
        }
        checkPorts(ports);
        return new ClusterMembers(hosts, ports);
    }

    private static void checkPorts(final int[] basePorts)
    {
        for (final int port : basePorts)
        {
            if (port < 1 || port + PORTS_PER_MEMBER - 1 > 65535)
            {
                throw new IllegalArgumentException("base port " + port + ": 1 to " + (65535 - PORTS_PER_MEMBER + 1));
            }
        }
    }

    public int count()
    {
        return hosts.length;
    }

    public String host(final int memberId)
    {
        return hosts[memberId];
    }

    public int port(final int memberId, final int offset)
    {
        return basePorts[memberId] + offset;
    }

    /** Aeron Cluster's form: {@code id,ingress,consensus,log,catchup,archive|...}. */
    public String consensusModuleMembers()
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < count(); i++)
        {
            if (i > 0)
            {
                b.append('|');
            }
            b.append(i);
            for (final int offset : new int[] {INGRESS_OFFSET, CONSENSUS_OFFSET, LOG_OFFSET, CATCHUP_OFFSET,
                ARCHIVE_CONTROL_OFFSET})
            {
                b.append(',').append(endpoint(i, offset));
            }
        }
        return b.toString();
    }

    /** What a client connects to: {@code 0=host:port,1=host:port,...}. */
    public String ingressEndpoints()
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < count(); i++)
        {
            if (i > 0)
            {
                b.append(',');
            }
            b.append(i).append('=').append(endpoint(i, INGRESS_OFFSET));
        }
        return b.toString();
    }

    public String endpoint(final int memberId, final int offset)
    {
        return hosts[memberId] + ':' + port(memberId, offset);
    }

    /** The members as parsed: {@code host:basePort,...}. */
    @Override
    public String toString()
    {
        final StringBuilder b = new StringBuilder();
        for (int i = 0; i < count(); i++)
        {
            if (i > 0)
            {
                b.append(',');
            }
            b.append(hosts[i]).append(':').append(basePorts[i]);
        }
        return b.toString();
    }
}
