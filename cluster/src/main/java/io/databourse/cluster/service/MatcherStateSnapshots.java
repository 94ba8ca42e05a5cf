package io.databourse.cluster.service;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;

/**
 * How the matcher's state goes into a cluster snapshot and comes back out: the one seam between
 * the clustered service and the matcher's snapshot format, a byte stream either way. The service
 * writes its own header first (seq, time, the journal position, the client links) and refuses by
 * name a snapshot written in another {@link #format()}.
 */
interface MatcherStateSnapshots
{
    /** The format's name, written into every snapshot. */
    String format();

    /** Writes the matcher's whole state (after its {@code lastSeq()}). */
    void write(Matcher matcher, WritableByteChannel out) throws IOException;

    /**
     * Returns a matcher in the state written by {@link #write} after {@code seq}, and leaves the
     * node's journal positioned after {@code seq} ({@code journalIndex}: the excerpt that held it
     * when the snapshot was taken).
     */
    Matcher restore(MatcherContext ctx, ReadableByteChannel in, long seq, long journalIndex, NodeJournal journal)
        throws IOException;
}
