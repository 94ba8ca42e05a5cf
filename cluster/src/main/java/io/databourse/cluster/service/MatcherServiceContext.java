package io.databourse.cluster.service;

import java.nio.file.Path;
import java.util.function.Consumer;

import io.databourse.matcher.MatcherContext;

/** Configuration of a {@link MatcherClusteredService}; {@link #conclude()} fills defaults and checks ranges once. */
public final class MatcherServiceContext
{
    /** Records a catch-up can reach: 16 MiB and 64k records by default, seconds of full-rate trading. */
    public static final int RECENT_RECORDS_BYTES_DEFAULT = 16 << 20;
    public static final int RECENT_RECORDS_MAX_DEFAULT = 1 << 16;
    public static final int LINKS_MAX_DEFAULT = 64;
    public static final int SNAPSHOTS_RETAINED_DEFAULT = 3;

    private int memberId;
    private Path journalDir;
    private Path snapshotDir;
    private int snapshotsRetained = SNAPSHOTS_RETAINED_DEFAULT;
    private MatcherContext matcherContext;
    private int recentRecordsBytes = RECENT_RECORDS_BYTES_DEFAULT;
    private int recentRecordsMax = RECENT_RECORDS_MAX_DEFAULT;
    private int linksMax = LINKS_MAX_DEFAULT;
    private Consumer<String> log;
    private boolean concluded;

    MatcherServiceContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        concluded = true;
        if (null == journalDir)
        {
            throw new IllegalArgumentException("journalDir must be set");
        }
        if (null == snapshotDir)
        {
            snapshotDir = journalDir.toAbsolutePath().resolveSibling("snapshots");
        }
        if (snapshotsRetained < 1)
        {
            throw new IllegalArgumentException("snapshotsRetained must be at least 1: " + snapshotsRetained);
        }
        if (null == matcherContext)
        {
            matcherContext = new MatcherContext().conclude();
        }
        if (null == log)
        {
            log = line -> { };
        }
        return this;
    }

    public int memberId()
    {
        return memberId;
    }

    /** The member this service runs on, for its log lines and counter label. */
    public MatcherServiceContext memberId(final int memberId)
    {
        this.memberId = memberId;
        return this;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    /** The node's own journal directory. */
    public MatcherServiceContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    public Path snapshotDir()
    {
        return snapshotDir;
    }

    /** Where the member writes its snapshot files (default: {@code snapshots} beside the journal). */
    public MatcherServiceContext snapshotDir(final Path snapshotDir)
    {
        this.snapshotDir = snapshotDir;
        return this;
    }

    public int snapshotsRetained()
    {
        return snapshotsRetained;
    }

    /** How many of the newest snapshot files the member keeps. */
    public MatcherServiceContext snapshotsRetained(final int snapshotsRetained)
    {
        this.snapshotsRetained = snapshotsRetained;
        return this;
    }

    public MatcherContext matcherContext()
    {
        return matcherContext;
    }

    /** The matcher's limits, concluded: the same on every node, or the nodes would not compute the same events. */
    public MatcherServiceContext matcherContext(final MatcherContext matcherContext)
    {
        this.matcherContext = matcherContext;
        return this;
    }

    public int recentRecordsBytes()
    {
        return recentRecordsBytes;
    }

    /** Bytes of the latest records kept in memory for client catch-ups, a power of two. */
    public MatcherServiceContext recentRecordsBytes(final int bytes)
    {
        this.recentRecordsBytes = bytes;
        return this;
    }

    public int recentRecordsMax()
    {
        return recentRecordsMax;
    }

    /** How many of the latest records are kept at most, a power of two. */
    public MatcherServiceContext recentRecordsMax(final int records)
    {
        this.recentRecordsMax = records;
        return this;
    }

    public int linksMax()
    {
        return linksMax;
    }

    /** Client links remembered (their last sequenced command); the least recently heard is forgotten beyond. */
    public MatcherServiceContext linksMax(final int linksMax)
    {
        this.linksMax = linksMax;
        return this;
    }

    public Consumer<String> log()
    {
        return log;
    }

    /** Where the service reports its start, snapshots and role changes (one line each). */
    public MatcherServiceContext log(final Consumer<String> log)
    {
        this.log = log;
        return this;
    }
}
