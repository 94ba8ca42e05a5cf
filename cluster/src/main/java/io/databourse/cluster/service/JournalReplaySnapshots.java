package io.databourse.cluster.service;

import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;

/**
 * A snapshot that holds no matcher state of its own but the seq it covers: restoring replays the
 * node's own journal up to that seq (every event checked), which every node has, since it writes
 * each record before a snapshot can cover it. Correct and small, but a restart costs a replay of
 * the whole journal; it stands in until the matcher writes its state to a stream (issue 17's
 * per-store snapshots), which {@link MatcherStateSnapshots} then carries unchanged.
 */
final class JournalReplaySnapshots implements MatcherStateSnapshots
{
    static final String FORMAT = "journal-replay/1";

    @Override
    public String format()
    {
        return FORMAT;
    }

    @Override
    public void write(final Matcher matcher, final WritableByteChannel out)
    {
        // the state is the node's journal up to the snapshot's seq, which the header names
    }

    @Override
    public Matcher restore(
        final MatcherContext ctx, final ReadableByteChannel in, final long seq, final long journalIndex,
        final NodeJournal journal)
    {
        final Matcher matcher = new Matcher(ctx);
        journal.replayInto(matcher, seq);
        return matcher;
    }
}
