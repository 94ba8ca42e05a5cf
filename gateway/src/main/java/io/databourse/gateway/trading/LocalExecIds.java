package io.databourse.gateway.trading;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixTags;

/**
 * ExecIDs of reports the gateway makes itself (status answers, its own rejects):
 * {@code G<session>-<start epoch s>-<n>}, unique across restarts by the start time, and never
 * mistaken for a matcher event's ({@code <seq>-<index>}). Session thread only.
 */
final class LocalExecIds
{
    private final int sessionId;
    private final long startEpochS = System.currentTimeMillis() / 1000;
    private long count;

    LocalExecIds(final int sessionId)
    {
        this.sessionId = sessionId;
    }

    void put(final FixEncoder e)
    {
        e.tag(FixTags.EXEC_ID).append("G").append(sessionId).append('-').append(startEpochS).append('-')
            .append(next()).endField();
    }

    /** The next number of this gateway's life for the session (also names SecurityList responses). */
    long next()
    {
        return ++count;
    }
}
