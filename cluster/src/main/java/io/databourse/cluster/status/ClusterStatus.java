package io.databourse.cluster.status;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.aeron.AeronCounters;
import io.aeron.CncFileDescriptor;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.ElectionState;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusterNodeControlProperties;
import io.databourse.cluster.service.MatcherClusteredService;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.CountersReader;

/**
 * What each member of a cluster on this host is doing, read from outside its process as AeronStat
 * and Aeron's ClusterTool do: the member's cluster mark file names its process and media driver
 * directory, and the driver's counters hold the member's role, leadership term, commit position,
 * election state and the seq its matcher has applied. A member whose process is gone is shown as
 * down. Reads only; never touches a running member.
 */
public final class ClusterStatus
{
    private static final Pattern NODE_DIR = Pattern.compile("node-(\\d+)");
    private static final long NONE = Long.MIN_VALUE;

    /** One member as seen now. */
    public record Member(
        int memberId,
        Path dir,
        long pid,
        boolean running,
        String role,
        long leadershipTermId,
        long commitPosition,
        long appliedSeq,
        String electionState,
        String moduleState)
    {
        boolean isLeader()
        {
            return running && Cluster.Role.LEADER.name().equals(role);
        }
    }

    private ClusterStatus()
    {
    }

    /** Every member directory ({@code node-<id>}) under the data directory, by member id. */
    public static List<Member> read(final Path dataDir)
    {
        final List<Member> members = new ArrayList<>();
        if (!Files.isDirectory(dataDir))
        {
            return members;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(dataDir, "node-*"))
        {
            for (final Path dir : dirs)
            {
                final Matcher m = NODE_DIR.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir))
                {
                    members.add(readMember(Integer.parseInt(m.group(1)), dir));
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + dataDir, ex);
        }
        members.sort(Comparator.comparingInt(Member::memberId));
        return members;
    }

    private static Member readMember(final int memberId, final Path dir)
    {
        final File clusterDir = dir.resolve("cluster").toFile();
        if (!new File(clusterDir, ClusterMarkFile.FILENAME).exists())
        {
            return new Member(memberId, dir, -1, false, "never started", NONE, NONE, NONE, "", "");
        }
        final long pid;
        final String aeronDir;
        try (ClusterMarkFile markFile = new ClusterMarkFile(
            clusterDir, ClusterMarkFile.FILENAME, SystemEpochClock.INSTANCE, 0, line -> { }))
        {
            pid = markFile.decoder().pid();
            final ClusterNodeControlProperties properties = markFile.loadControlProperties();
            aeronDir = null == properties ? null : properties.aeronDirectoryName;
        }
        catch (final RuntimeException ex)
        {
            return new Member(memberId, dir, -1, false, "unreadable mark file (" + ex.getMessage() + ")",
                NONE, NONE, NONE, "", "");
        }
        final boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        final File cnc = null == aeronDir ? null : new File(aeronDir, CncFileDescriptor.CNC_FILE);
        if (!alive || null == cnc || !cnc.exists())
        {
            return new Member(memberId, dir, pid, false, "down", NONE, NONE, NONE, "", "");
        }
        return readCounters(memberId, dir, pid, cnc);
    }

    private static Member readCounters(final int memberId, final Path dir, final long pid, final File cnc)
    {
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(cnc, "cnc");
        try
        {
            final DirectBuffer metaData = CncFileDescriptor.createMetaDataBuffer(mapped);
            CncFileDescriptor.checkVersion(metaData.getInt(CncFileDescriptor.cncVersionOffset(0)));
            final CountersReader counters = new CountersReader(
                CncFileDescriptor.createCountersMetaDataBuffer(mapped, metaData),
                CncFileDescriptor.createCountersValuesBuffer(mapped, metaData),
                StandardCharsets.US_ASCII);
            final long[] values = {NONE, NONE, NONE, NONE, NONE, NONE};
            counters.forEach((value, counterId, label) ->
            {
                final int type = counters.getCounterTypeId(counterId);
                final int slot = slotOf(type);
                if (slot >= 0)
                {
                    values[slot] = value;
                }
            });
            return new Member(memberId, dir, pid, true,
                NONE == values[0] ? "starting" : String.valueOf(Cluster.Role.get(values[0])),
                values[1], values[2], values[3],
                NONE == values[4] ? "" : String.valueOf(ElectionState.get(values[4])),
                NONE == values[5] ? "" : String.valueOf(ConsensusModule.State.get(values[5])));
        }
        catch (final RuntimeException ex)
        {
            // a driver that stopped between the liveness check and the read
            return new Member(memberId, dir, pid, false, "down (" + ex.getMessage() + ")", NONE, NONE, NONE, "", "");
        }
        finally
        {
            IoUtil.unmap(mapped);
        }
    }

    private static int slotOf(final int counterType)
    {
        switch (counterType)
        {
            case AeronCounters.CLUSTER_NODE_ROLE_TYPE_ID: return 0;
            case AeronCounters.CLUSTER_LEADERSHIP_TERM_ID_TYPE_ID: return 1;
            case AeronCounters.CLUSTER_COMMIT_POSITION_TYPE_ID: return 2;
            case MatcherClusteredService.SEQ_COUNTER_TYPE_ID: return 3;
            case AeronCounters.CLUSTER_ELECTION_STATE_TYPE_ID: return 4;
            case AeronCounters.CLUSTER_CONSENSUS_MODULE_STATE_TYPE_ID: return 5;
            default: return -1;
        }
    }

    /** The member leading in the highest term any running member reports, or -1 (no leader: an election, or too few members). */
    public static int leader(final List<Member> members)
    {
        int leader = -1;
        long term = Long.MIN_VALUE;
        for (final Member member : members)
        {
            if (member.isLeader() && member.leadershipTermId() > term)
            {
                leader = member.memberId();
                term = member.leadershipTermId();
            }
        }
        return leader;
    }

    /** A table, one line a member, then the leader. */
    public static String format(final List<Member> members)
    {
        final StringBuilder b = new StringBuilder();
        b.append(String.format("%-6s %-8s %-10s %6s %16s %12s %-20s%n",
            "member", "pid", "role", "term", "commit position", "seq", "election"));
        for (final Member m : members)
        {
            b.append(String.format("%-6d %-8s %-10s %6s %16s %12s %-20s%n",
                m.memberId(), m.pid() > 0 ? String.valueOf(m.pid()) : "-", m.role(), number(m.leadershipTermId()),
                number(m.commitPosition()), number(m.appliedSeq()),
                !m.running() ? "" : "CLOSED".equals(m.electionState()) ? "none" : m.electionState()));
        }
        final int leader = leader(members);
        b.append(members.isEmpty() ? "no member directories (node-<id>) here" :
            leader >= 0 ? "leader: member " + leader : "leader: none (an election is under way, or a majority is down)");
        return b.toString();
    }

    private static String number(final long value)
    {
        return NONE == value ? "-" : String.valueOf(value);
    }
}
