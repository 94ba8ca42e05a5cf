package io.databourse.cluster.service;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

import io.databourse.journal.files.OwnerOnly;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotStore;

/**
 * The matcher's state in a cluster snapshot, in the matcher's one snapshot format: a member writes
 * its state into its own snapshot directory exactly as the single-process exchange does ({@link
 * SnapshotStore}: {@link MatcherSnapshot}'s canonical stream between a header and a trailer holding
 * its SHA-256, the state hash), then the file's bytes go, unchanged, into the cluster's snapshot
 * after the service's header. Loading spools them back into a temporary file of that directory,
 * verifies it as any snapshot file is verified (header, length, hash) and reads it with {@link
 * MatcherSnapshot#read}. No second format: a member's directory ({@code journal/}, {@code
 * snapshots/}) is read by {@code audit verify} and {@code audit state} like a data directory.
 * <p>Every member takes its snapshot at the same log position, so every member's snapshot of a seq
 * has the same state hash (tested). Taking one writes and forces a file on the service's thread:
 * the cluster waits for its snapshot anyway, and about a second of CPU a million resting orders
 * (docs/perf.md) is what a snapshot costs in any case.
 */
final class MatcherStateSnapshots
{
    /** The name the service's header gives this format: a snapshot file, of this stream version. */
    static final String FORMAT = "databourse-snapshot-file/" + MatcherSnapshot.FORMAT_VERSION;
    private static final String SPOOL_SUFFIX = ".loading.tmp";

    private final SnapshotStore store;
    private final MatcherSnapshot states = new MatcherSnapshot();
    private final ByteBuffer copy = ByteBuffer.allocate(SnapshotChannels.CHUNK_LENGTH);

    /**
     * @param directory the member's snapshot directory (created owner-only when first written)
     * @param retain    how many of its newest snapshot files to keep
     */
    MatcherStateSnapshots(final Path directory, final int retain)
    {
        this.store = new SnapshotStore(directory, retain);
    }

    Path directory()
    {
        return store.directory();
    }

    /**
     * Writes the matcher's state (between two commands) to a snapshot file of the member's, then
     * that file's bytes to {@code out}; returns what the file says of itself.
     *
     * @param journalIndex the member's journal excerpt holding the matcher's last record
     */
    SnapshotStore.Info write(final Matcher matcher, final long journalIndex, final WritableByteChannel out)
        throws IOException
    {
        final SnapshotStore.Info info = store.write(MatcherSnapshot.FORMAT_VERSION, matcher.lastSeq(),
            matcher.lastTimeNs(), journalIndex, stream -> states.write(matcher, stream));
        try (FileChannel file = FileChannel.open(info.file(), StandardOpenOption.READ))
        {
            long sent = 0;
            while (sent < info.fileLength())
            {
                if (file.read(copy.clear()) < 0)
                {
                    throw new IOException(info.file() + " ended at byte " + sent + " of " + info.fileLength() +
                        " while it was sent");
                }
                copy.flip();
                sent += copy.remaining();
                while (copy.hasRemaining())
                {
                    out.write(copy);
                }
            }
        }
        return info;
    }

    /**
     * A matcher in the state the rest of {@code in} holds (a snapshot file's bytes), which must be the
     * state after {@code seq} at {@code timeNs}.
     *
     * @throws CorruptSnapshotException naming what does not check out: the file's header, length or
     *                                  hash, its stream version, or a seq or time other than the header's
     */
    Loaded read(final MatcherContext ctx, final ReadableByteChannel in, final long seq, final long timeNs)
        throws IOException
    {
        OwnerOnly.createDirectories(store.directory());
        // a name the store's next write clears away if a crash leaves it here
        final Path spool = store.directory().resolve(SnapshotStore.fileName(seq).replace(SnapshotStore.SUFFIX, SPOOL_SUFFIX));
        try
        {
            try (FileChannel file = FileChannel.open(spool, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.fileAttributes()))
            {
                while (in.read(copy.clear()) >= 0)
                {
                    copy.flip();
                    while (copy.hasRemaining())
                    {
                        file.write(copy);
                    }
                }
            }
            final SnapshotStore.Info info = SnapshotStore.verify(spool);
            if (info.format() != MatcherSnapshot.FORMAT_VERSION)
            {
                throw new CorruptSnapshotException("the cluster snapshot's state is of format " + info.format() +
                    ", this member reads " + MatcherSnapshot.FORMAT_VERSION);
            }
            if (info.seq() != seq || info.timeNs() != timeNs)
            {
                throw new CorruptSnapshotException("the cluster snapshot's state is of seq " + info.seq() + " at " +
                    info.timeNs() + ", its header says seq " + seq + " at " + timeNs);
            }
            final Matcher matcher = SnapshotStore.read(info, stream -> MatcherSnapshot.read(ctx, stream));
            if (matcher.lastSeq() != seq || matcher.lastTimeNs() != timeNs)
            {
                throw new CorruptSnapshotException("the cluster snapshot restored the matcher to seq " +
                    matcher.lastSeq() + " at " + matcher.lastTimeNs() + ", not seq " + seq + " at " + timeNs);
            }
            return new Loaded(matcher, info);
        }
        finally
        {
            Files.deleteIfExists(spool);
        }
    }

    /** A matcher restored from a cluster snapshot, and what its snapshot file said of itself. */
    record Loaded(Matcher matcher, SnapshotStore.Info info)
    {
    }
}
