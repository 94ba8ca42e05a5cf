package io.databourse.matcher.reference;

import io.databourse.matcher.Matcher;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A matcher and the reference model side by side after the generator's standard setup, for
 * hand-written scenarios: {@link #check} applies one command to both and fails on any difference.
 */
final class DifferentialPair
{
    final Matcher matcher = MatcherDifferentialTest.newMatcher();
    final ReferenceExchange model = new ReferenceExchange(
        CommandGenerator.PARTICIPANTS_MAX, CommandGenerator.PRODUCTS_MAX, CommandGenerator.ORDERS_MAX);
    final CommandGenerator gen = new CommandGenerator(1);
    private final EventDecoder decoder = new EventDecoder();

    DifferentialPair()
    {
        for (final CommandGenerator.Command c : gen.setup())
        {
            check(c);
        }
    }

    /** Applies the command to both; returns the (equal) events. */
    List<Ev> check(final CommandGenerator.Command c)
    {
        matcher.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
        final List<Ev> actual = decoder.decode(matcher.eventBuffer(), 0, matcher.eventsLength(), matcher.eventCount());
        final List<Ev> expected = model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
        if (!expected.equals(actual))
        {
            fail("command " + c + "\n" + MatcherDifferentialTest.diff(expected, actual));
        }
        final String state = MatcherDifferentialTest.compareState(matcher, model);
        if (null != state)
        {
            fail("command " + c + ": " + state);
        }
        return actual;
    }
}
