package io.databourse.matcher.sim;

import java.time.Instant;

import io.databourse.journal.json.CommandFormatException;
import io.databourse.journal.json.EventJsonWriter;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.Sequencer;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The batch front door: JSON command lines in, JSON event lines out, through the very same
 * sequencer, matcher and journal as the live engine. A malformed line yields an {@code error}
 * line naming it and the run goes on; it never reaches the matcher, so it takes no sequence number.
 */
public final class Simulator
{
    private final JsonCommandParser parser = new JsonCommandParser();
    private final EventJsonWriter writer = new EventJsonWriter();
    private final ExpandableArrayBuffer command = new ExpandableArrayBuffer(4096);
    private final JournalRecord view = new JournalRecord();
    private final Sequencer sequencer;
    private final EpochNanoClock clock;
    private StringBuilder out;
    /** A line has given a "time": untimed lines then take the previous command's time. */
    private boolean simulatedTime;

    /**
     * @param journal where the records go (null: not journaled)
     * @param clock   time for lines without a "time" field
     */
    public Simulator(final MatcherContext ctx, final JournalWriter journal, final EpochNanoClock clock)
    {
        this(new Matcher(ctx), journal, clock);
    }

    /** Runs on a given (fresh or recovered) matcher. */
    public Simulator(final Matcher matcher, final JournalWriter journal, final EpochNanoClock clock)
    {
        this.clock = clock;
        this.sequencer = new Sequencer(matcher, journal, this::onRecord);
    }

    /** Runs one line (1-based number for errors) and appends the output lines. Blank lines and # comments are skipped. */
    public void line(final int lineNumber, final String line, final StringBuilder out)
    {
        final String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#"))
        {
            return;
        }
        final int length;
        try
        {
            length = parser.parse(trimmed, command);
        }
        catch (final CommandFormatException ex)
        {
            error(lineNumber, ex.getMessage(), out);
            return;
        }
        if (parser.hasTime() && parser.timeNs() < sequencer.lastTimeNs())
        {
            // time never goes backwards: a command placed "before" one already run would be judged
            // against a clock that has moved on (a compute window already open, a term already started)
            error(lineNumber, "\"time\": " + Instant.ofEpochSecond(0, parser.timeNs()) +
                " is earlier than the previous command's " + Instant.ofEpochSecond(0, sequencer.lastTimeNs()) +
                "; time never goes backwards", out);
            return;
        }
        this.out = out;
        if (parser.hasTime())
        {
            sequencer.sequence(parser.timeNs(), command, 0, length);
            simulatedTime = true;
        }
        else if (simulatedTime)
        {
            // once a line has set the time, the simulation keeps its own clock: an untimed line happens
            // when the previous one did, not at the wall clock's now (which later timed lines could not follow)
            sequencer.sequence(sequencer.lastTimeNs(), command, 0, length);
        }
        else
        {
            sequencer.sequenceNow(clock.nanoTime(), command, 0, length);
        }
        // a batch of one: each line's events print before the next line runs
        sequencer.flush();
        this.out = null;
    }

    private static void error(final int lineNumber, final String message, final StringBuilder out)
    {
        out.append("{\"type\":\"error\",\"line\":").append(lineNumber).append(",\"error\":");
        EventJsonWriter.appendQuoted(out, "line " + lineNumber + ": " + message);
        out.append("}\n");
    }

    private void onRecord(final DirectBuffer buffer, final int offset, final int length)
    {
        writer.write(view.wrap(buffer, offset), out);
    }

    public long lastSeq()
    {
        return sequencer.lastSeq();
    }
}
