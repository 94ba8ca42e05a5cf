package io.databourse.matcher.reference;

import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Differential property test, in the manner of exchange-core's OrderBookDirectImplTest: for many
 * seeds, a generated command sequence is fed to the real {@link Matcher} and to the
 * {@link ReferenceExchange} and their events must be equal command by command. After every command
 * the model's internal invariants and the event-derived conservation checks ({@link EventLedger})
 * must hold on both outputs.
 *
 * <p>Defaults: 200 sequences x 300 commands from seed 1. Properties:
 * {@code -Ddatabourse.diff.seed=N} first seed, {@code -Ddatabourse.diff.sequences=N},
 * {@code -Ddatabourse.diff.commands=N}. A failure prints the seed and the command index; rerun it
 * alone with {@code -Ddatabourse.diff.seed=<seed> -Ddatabourse.diff.sequences=1}.
 */
class MatcherDifferentialTest
{
    static final long FIRST_SEED = Long.getLong("databourse.diff.seed", 1L);
    static final int SEQUENCES = Integer.getInteger("databourse.diff.sequences", 200);
    static final int COMMANDS = Integer.getInteger("databourse.diff.commands", 300);
    private static final int HISTORY_SHOWN = 25;

    @Test
    void matcherAgreesWithReferenceModelOnRandomSequences()
    {
        long trades = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + SEQUENCES; seed++)
        {
            trades += runSequence(seed, COMMANDS);
        }
        System.out.println("differential: " + SEQUENCES + " sequences x " + COMMANDS + " commands from seed " +
            FIRST_SEED + ", " + trades + " trades compared");
    }

    /**
     * Small order and price-level capacities, so that ORDER_CAPACITY_EXCEEDED and
     * BOOK_CAPACITY_EXCEEDED (and the freeing of slots and levels) are exercised too.
     */
    @Test
    void matcherAgreesWithReferenceModelWhenOrderAndLevelCapacitiesAreSmall()
    {
        long trades = 0;
        final TreeMap<String, Integer> coverage = new TreeMap<>();
        for (long seed = FIRST_SEED; seed < FIRST_SEED + Math.max(1, SEQUENCES / 4); seed++)
        {
            trades += runSequence(seed, COMMANDS, false, SMALL_ORDERS_MAX, SMALL_LEVELS_MAX, coverage);
        }
        System.out.println("differential (small capacities): " + trades + " trades compared, " + coverage);
        if (SEQUENCES >= 40 && SMALL_ORDERS_MAX == 16 && SMALL_LEVELS_MAX == 14) // the default capacities reach both
        {
            assertTrue(coverage.containsKey("rejected:ORDER_CAPACITY_EXCEEDED"), coverage::toString);
            assertTrue(coverage.containsKey("rejected:BOOK_CAPACITY_EXCEEDED"), coverage::toString);
        }
    }

    static final int SMALL_ORDERS_MAX = Integer.getInteger("databourse.diff.small.orders", 16);
    static final int SMALL_LEVELS_MAX = Integer.getInteger("databourse.diff.small.levels", 14);

    static Matcher newMatcher()
    {
        return newMatcher(CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
    }

    static Matcher newMatcher(final int ordersMax, final int levelsMax)
    {
        return new Matcher(new MatcherContext()
            .participantsMax(CommandGenerator.PARTICIPANTS_MAX)
            .productsMax(CommandGenerator.PRODUCTS_MAX)
            .ordersMax(ordersMax)
            .levelsMax(levelsMax)
            .conclude());
    }

    /** Runs one seeded sequence; returns the number of trades compared. */
    static long runSequence(final long seed, final int commands)
    {
        return runSequence(seed, commands, false);
    }

    /** As above; {@code knownDisagreements}: also generate the inputs of {@link KnownDisagreementsTest}. */
    static long runSequence(final long seed, final int commands, final boolean knownDisagreements)
    {
        return runSequence(
            seed, commands, knownDisagreements, CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX, null);
    }

    /** As above with the matcher's and the model's capacities; {@code coverage} (may be null) counts event kinds. */
    static long runSequence(
        final long seed, final int commands, final boolean knownDisagreements, final int ordersMax, final int levelsMax,
        final Map<String, Integer> coverage)
    {
        final Matcher matcher = newMatcher(ordersMax, levelsMax);
        final ReferenceExchange model = new ReferenceExchange(
            CommandGenerator.PARTICIPANTS_MAX, CommandGenerator.PRODUCTS_MAX, ordersMax, levelsMax);
        final CommandGenerator generator = new CommandGenerator(seed, knownDisagreements);
        final EventDecoder decoder = new EventDecoder();
        final EventLedger matcherLedger = new EventLedger();
        final ArrayDeque<String> history = new ArrayDeque<>();
        final List<CommandGenerator.Command> setup = generator.setup();
        final int total = setup.size() + commands;

        for (int i = 0; i < total; i++)
        {
            final CommandGenerator.Command c = i < setup.size() ? setup.get(i) : generator.next(model);
            final UnsafeBuffer buffer = new UnsafeBuffer(c.bytes());

            List<Ev> actual;
            try
            {
                matcher.apply(c.seq(), c.timeNs(), buffer, 0, c.bytes().length);
                actual = decoder.decode(matcher.eventBuffer(), 0, matcher.eventsLength(), matcher.eventCount());
            }
            catch (final RuntimeException | Error ex)
            {
                throw new AssertionError(header(seed, i, c) + "matcher threw " + ex + "\n" + tail(history), ex);
            }
            final List<Ev> expected = model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);

            if (!expected.equals(actual))
            {
                fail(header(seed, i, c) + diff(expected, actual) + tail(history));
            }
            final String invariant = model.checkInvariants();
            if (null != invariant)
            {
                fail(header(seed, i, c) + "model invariant: " + invariant + "\n" + tail(history));
            }
            final String state = compareState(matcher, model);
            if (null != state)
            {
                fail(header(seed, i, c) + "state after the command: " + state + "\n" + tail(history));
            }
            final String conservation = matcherLedger.apply(actual);
            if (null != conservation)
            {
                fail(header(seed, i, c) + "conservation: " + conservation + "\n" + tail(history));
            }
            if (null != coverage)
            {
                for (final Ev ev : actual)
                {
                    coverage.merge(ReferenceExchangeTest.coverageKey(ev), 1, Integer::sum);
                }
            }
            history.addLast(c + "\n      -> " + actual);
            if (history.size() > HISTORY_SHOWN)
            {
                history.removeFirst();
            }
        }
        return matcherLedger.tradeCount();
    }

    /**
     * The matcher's read-only views against the model after every command: cash available and
     * reserved per participant, sellable units per participant and product, live orders, fee
     * income, and the matcher's own cash conservation check.
     */
    static String compareState(final Matcher matcher, final ReferenceExchange model)
    {
        if (!MatcherViews.AVAILABLE)
        {
            return null;
        }
        if (!MatcherViews.isCashConserved(matcher))
        {
            return "matcher.isCashConserved() is false";
        }
        if (MatcherViews.liveOrderCount(matcher) != model.liveOrderCount())
        {
            return "live orders: matcher " + MatcherViews.liveOrderCount(matcher) + ", model " + model.liveOrderCount();
        }
        if (MatcherViews.feeIncomeFen(matcher) != model.feesFen())
        {
            return "fee income: matcher " + MatcherViews.feeIncomeFen(matcher) + ", model " + model.feesFen();
        }
        for (final String p : model.participantIds())
        {
            final long available = MatcherViews.cashAvailableFen(matcher, p);
            final long reserved = MatcherViews.cashReservedFen(matcher, p);
            if (available != model.availableFen(p) || reserved != model.reservedFen(p))
            {
                return p + " cash available/reserved: matcher " + available + "/" + reserved + ", model " +
                    model.availableFen(p) + "/" + model.reservedFen(p);
            }
            for (final String q : model.productIds())
            {
                final long sellable = MatcherViews.sellableQty(matcher, p, q);
                if (sellable != model.sellableQty(p, q))
                {
                    return p + " sellable " + q + ": matcher " + sellable + ", model " + model.sellableQty(p, q);
                }
            }
        }
        return null;
    }

    private static String header(final long seed, final int index, final CommandGenerator.Command c)
    {
        return "\nseed " + seed + ", command index " + index + " (rerun: -Ddatabourse.diff.seed=" + seed +
            " -Ddatabourse.diff.sequences=1)\ncommand " + c + "\n";
    }

    static String diff(final List<Ev> expected, final List<Ev> actual)
    {
        final StringBuilder sb = new StringBuilder();
        final int n = Math.max(expected.size(), actual.size());
        int first = -1;
        for (int i = 0; i < n && first < 0; i++)
        {
            if (i >= expected.size() || i >= actual.size() || !expected.get(i).equals(actual.get(i)))
            {
                first = i;
            }
        }
        sb.append("events differ (first at ").append(first).append(")\n  expected (model):\n");
        for (int i = 0; i < expected.size(); i++)
        {
            sb.append(i == first ? "  > " : "    ").append(expected.get(i)).append('\n');
        }
        sb.append("  actual (matcher):\n");
        for (int i = 0; i < actual.size(); i++)
        {
            sb.append(i == first ? "  > " : "    ").append(actual.get(i)).append('\n');
        }
        return sb.toString();
    }

    private static String tail(final ArrayDeque<String> history)
    {
        final List<String> lines = new ArrayList<>(history);
        return "previous " + lines.size() + " commands:\n  " + String.join("\n  ", lines) + "\n";
    }
}
