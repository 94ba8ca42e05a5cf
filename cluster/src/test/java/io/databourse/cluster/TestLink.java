package io.databourse.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import io.aeron.driver.MediaDriver;
import io.databourse.cluster.client.ClusterClientDriver;
import io.databourse.cluster.client.ClusterLink;
import io.databourse.cluster.client.ClusterLinkContext;
import io.databourse.cluster.node.ClusterMembers;
import io.databourse.cluster.protocol.ClusterProtocol;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.schema.JournalRecord;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;

/** A cluster link with a media driver of its own, driven from the test's thread; keeps a copy of each record. */
public final class TestLink implements AutoCloseable
{
    private final MediaDriver driver;
    private final ClusterLink link;
    private final List<byte[]> records = new ArrayList<>();
    private final JsonCommandParser parser = new JsonCommandParser();
    private final ExpandableArrayBuffer command = new ExpandableArrayBuffer(1024);
    private final JournalRecord view = new JournalRecord();
    private final JournalRecord.RecordHandler copy = record ->
    {
        final byte[] bytes = new byte[record.length()];
        record.buffer().getBytes(record.commandOffset() - JournalRecord.HEADER_LENGTH, bytes);
        records.add(bytes);
    };
    private final ClusterLink.RecordsHandler handler = (buffer, offset, length) -> view.forEachRecord(buffer, offset, length, copy);

    public TestLink(final TestCluster cluster, final String name)
    {
        this(cluster.members(), cluster.secret(), name);
    }

    public TestLink(final ClusterMembers members, final byte[] secret, final String name)
    {
        this(members, secret, name, ClusterProtocol.EGRESS_TERM_LENGTH);
    }

    public TestLink(final ClusterMembers members, final byte[] secret, final String name, final int egressTermLength)
    {
        driver = ClusterClientDriver.launch(
            "/dev/shm/databourse-test-" + name + "-" + members.port(0, 0) + "-" + ProcessHandle.current().pid());
        link = new ClusterLink(new ClusterLinkContext()
            .aeronDirectoryName(driver.aeronDirectoryName())
            .ingressEndpoints(members.ingressEndpoints())
            .secret(secret)
            .egressTermLength(egressTermLength)
            .log(line -> System.out.println(java.time.Instant.now() + " [" + name + "] " + line)));
    }

    public ClusterLink link()
    {
        return link;
    }

    public int poll()
    {
        return link.poll(handler, 64);
    }

    /** Polls until the condition holds; fails after the timeout. */
    public void pollUntil(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            if (0 == poll())
            {
                Thread.onSpinWait();
                Thread.yield();
            }
        }
    }

    /** Sends a JSON command line, polling until the link takes it. */
    public void send(final String json, final Duration timeout)
    {
        final int length;
        try
        {
            length = parser.parse(json, command);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException(json, ex);
        }
        pollUntil(() -> link.offer(command, 0, length) > 0, timeout, "the link takes " + json);
    }

    /** Records delivered so far, copies. */
    public List<byte[]> records()
    {
        return records;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(link, driver);
    }
}
