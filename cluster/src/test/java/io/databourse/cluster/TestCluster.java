package io.databourse.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.aeron.cluster.service.Cluster;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.node.ClusterNode;
import io.databourse.cluster.node.ClusterNodeContext;
import io.databourse.matcher.MatcherContext;

/** Members of a cluster in this JVM, on free loopback ports, each with its own media driver and directory. */
public final class TestCluster implements AutoCloseable
{
    private final Path dir;
    private final ClusterMembers members;
    private final ClusterNode[] nodes;
    private final byte[] secret = new byte[32];

    public TestCluster(final Path dir, final int count)
    {
        this.dir = dir;
        this.members = ClusterMembers.onFreeLoopbackPorts(count);
        this.nodes = new ClusterNode[count];
        new java.security.SecureRandom().nextBytes(secret);
    }

    /** The secret clients present to these members. */
    public byte[] secret()
    {
        return secret.clone();
    }

    /** Small matcher limits: three matchers share a test JVM. */
    public static MatcherContext smallMatcher()
    {
        return new MatcherContext().ordersMax(1 << 14).levelsMax(1 << 12).participantsMax(256).productsMax(256).conclude();
    }

    public ClusterMembers members()
    {
        return members;
    }

    public Path nodeDir(final int i)
    {
        return dir.resolve("node-" + i);
    }

    public ClusterNode start(final int i)
    {
        nodes[i] = ClusterNode.launch(new ClusterNodeContext()
            .memberId(i)
            .members(members)
            .nodeDir(nodeDir(i))
            .aeronDir("/dev/shm/databourse-test-node" + i + "-" + members.port(0, 0) + "-" + ProcessHandle.current().pid())
            .matcherContext(smallMatcher())
            .clientSecret(secret)
            .log(line -> System.out.println(java.time.Instant.now() + " " + line)));
        return nodes[i];
    }

    public void startAll()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            start(i);
        }
    }

    public ClusterNode node(final int i)
    {
        return nodes[i];
    }

    public void stop(final int i)
    {
        if (null != nodes[i])
        {
            nodes[i].close();
            nodes[i] = null;
        }
    }

    /** The member that leads, once one does (waiting up to the timeout). */
    public int awaitLeader(final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline)
        {
            for (int i = 0; i < nodes.length; i++)
            {
                if (null != nodes[i] && Cluster.Role.LEADER == nodes[i].role())
                {
                    return i;
                }
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        throw new AssertionError("no leader within " + timeout);
    }

    /** Waits until every running member has applied {@code seq}. */
    public void awaitApplied(final long seq, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < nodes.length; i++)
        {
            while (null != nodes[i] && nodes[i].service().appliedSeq() < seq)
            {
                if (System.nanoTime() > deadline)
                {
                    throw new AssertionError("node " + i + " applied seq " + nodes[i].service().appliedSeq() + ", not " +
                        seq + ", within " + timeout);
                }
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
    }

    @Override
    public void close()
    {
        for (int i = 0; i < nodes.length; i++)
        {
            stop(i);
        }
    }
}
