package io.databourse.matcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import io.databourse.matcher.reference.CommandGenerator;
import io.databourse.matcher.reference.ReferenceExchange;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A snapshot plus the commands after it gives the matcher that replaying every command from the start
 * gives: the same state hash, the same exhaustive state ({@link StateDump}, by reflection, independent
 * of the snapshot code) and the same events, byte for byte, for every command that follows. On random
 * command sequences from the reference model's {@link CommandGenerator}, cut at random places, with
 * roomy and with tight order and level capacities.
 * <p>{@code -Ddatabourse.snapshot.sequences=N} (default 24) and {@code -Ddatabourse.snapshot.commands=N}
 * (default 600) size the run; a failure names the seed and the cut.
 */
class SnapshotReplayTest
{
    private static final int SEQUENCES = Integer.getInteger("databourse.snapshot.sequences", 24);
    private static final int COMMANDS = Integer.getInteger("databourse.snapshot.commands", 600);

    private static MatcherContext context(final int ordersMax, final int levelsMax)
    {
        return new MatcherContext()
            .participantsMax(CommandGenerator.PARTICIPANTS_MAX)
            .productsMax(CommandGenerator.PRODUCTS_MAX)
            .ordersMax(ordersMax)
            .levelsMax(levelsMax)
            .conclude();
    }

    /** A seeded sequence: the generator picks live orders from the reference model, which runs alongside. */
    static List<CommandGenerator.Command> sequence(final long seed, final int commands, final int ordersMax, final int levelsMax)
    {
        final CommandGenerator generator = new CommandGenerator(seed);
        final ReferenceExchange model = new ReferenceExchange(
            CommandGenerator.PARTICIPANTS_MAX, CommandGenerator.PRODUCTS_MAX, ordersMax, levelsMax);
        final List<CommandGenerator.Command> all = new ArrayList<>(generator.setup());
        for (final CommandGenerator.Command c : all)
        {
            model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
        }
        for (int i = 0; i < commands; i++)
        {
            final CommandGenerator.Command c = generator.next(model);
            model.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
            all.add(c);
        }
        return all;
    }

    private static byte[] apply(final Matcher m, final CommandGenerator.Command c)
    {
        m.apply(c.seq(), c.timeNs(), new UnsafeBuffer(c.bytes()), 0, c.bytes().length);
        final byte[] events = new byte[m.eventsLength()];
        m.eventBuffer().getBytes(0, events);
        return events;
    }

    /** The snapshot of a matcher, in memory. */
    static byte[] snapshot(final Matcher m, final byte[][] hash)
    {
        final ExpandableArrayBuffer bytes = new ExpandableArrayBuffer(1 << 16);
        final int[] length = {0};
        hash[0] = new MatcherSnapshot().write(m, new SnapshotWriter((buffer, offset, n) ->
        {
            bytes.putBytes(length[0], buffer, offset, n);
            length[0] += n;
        }));
        return Arrays.copyOf(bytes.byteArray(), length[0]);
    }

    static Matcher restore(final MatcherContext ctx, final byte[] snapshot, final byte[] expectedHash)
    {
        final SnapshotReader in = SnapshotReader.of(new UnsafeBuffer(snapshot), 0, snapshot.length);
        final Matcher m = MatcherSnapshot.read(ctx, in);
        assertArrayEquals(expectedHash, in.finish(), "the hash of the bytes read is the hash written");
        return m;
    }

    @Test
    void snapshotPlusTailEqualsReplayFromTheStart()
    {
        run(CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX, SEQUENCES);
    }

    /** Full order and level stores: the capacity refusals after a restore must be the ones replay makes. */
    @Test
    void snapshotPlusTailEqualsReplayWhenOrderAndLevelCapacitiesAreTight()
    {
        run(16, 14, Math.max(1, SEQUENCES / 2));
    }

    private static void run(final int ordersMax, final int levelsMax, final int sequences)
    {
        long restoredOrders = 0;
        for (long seed = 1; seed <= sequences; seed++)
        {
            final List<CommandGenerator.Command> commands = sequence(seed, COMMANDS, ordersMax, levelsMax);
            final Random random = new Random(seed * 31);
            // three cuts: during setup, somewhere in trading, and near the end
            final int[] cuts = {random.nextInt(10) + 1, 20 + random.nextInt(commands.size() - 40),
                commands.size() - 1 - random.nextInt(10)};
            for (final int cut : cuts)
            {
                restoredOrders += check(seed, cut, commands, context(ordersMax, levelsMax));
            }
        }
        assertTrue(restoredOrders > sequences, "snapshots held resting orders: " + restoredOrders);
    }

    /** Replays to {@code cut}, snapshots, restores, and runs the rest on both; returns orders restored. */
    private static int check(
        final long seed, final int cut, final List<CommandGenerator.Command> commands, final MatcherContext ctx)
    {
        final String where = "seed " + seed + " cut after command " + cut + " (" + commands.get(cut - 1) + ")";
        final Matcher replayed = new Matcher(ctx);
        for (int i = 0; i < cut; i++)
        {
            apply(replayed, commands.get(i));
        }
        final byte[][] hash = new byte[1][];
        final byte[] snapshot = snapshot(replayed, hash);
        final Matcher restored = restore(ctx, snapshot, hash[0]);
        assertEquals(null, StateDump.firstDifference(StateDump.of(replayed), StateDump.of(restored)), where);
        assertArrayEquals(hash[0], new MatcherSnapshot().hash(restored), where + ": the restored state's hash");

        for (int i = cut; i < commands.size(); i++)
        {
            final byte[] expected = apply(replayed, commands.get(i));
            final byte[] actual = apply(restored, commands.get(i));
            if (!Arrays.equals(expected, actual))
            {
                fail(where + ": events differ at command " + i + " " + commands.get(i));
            }
        }
        assertEquals(null, StateDump.firstDifference(StateDump.of(replayed), StateDump.of(restored)), where + ", at the end");
        assertEquals(HexFormat.of().formatHex(new MatcherSnapshot().hash(replayed)),
            HexFormat.of().formatHex(new MatcherSnapshot().hash(restored)), where + ", at the end");
        return restored.liveOrderCount() + (int)Math.signum(snapshot.length);
    }

    @Test
    void twoMatchersInTheSameStateHaveTheSameHashAndADifferentStateAnother()
    {
        final List<CommandGenerator.Command> commands = sequence(7, 300, CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final MatcherContext ctx = context(CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final Matcher a = new Matcher(ctx);
        final Matcher b = new Matcher(ctx);
        for (int i = 0; i < commands.size() - 1; i++)
        {
            apply(a, commands.get(i));
            apply(b, commands.get(i));
        }
        assertArrayEquals(new MatcherSnapshot().hash(a), new MatcherSnapshot().hash(b));
        final byte[] before = new MatcherSnapshot().hash(a);
        apply(a, commands.get(commands.size() - 1));
        assertTrue(!Arrays.equals(before, new MatcherSnapshot().hash(a)), "the last command's seq at least changes it");
    }

    @Test
    void aTruncatedOrAlteredSnapshotIsRefusedByName()
    {
        final List<CommandGenerator.Command> commands = sequence(3, 400, CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final MatcherContext ctx = context(CommandGenerator.ORDERS_MAX, CommandGenerator.LEVELS_MAX);
        final Matcher m = new Matcher(ctx);
        commands.forEach(c -> apply(m, c));
        final byte[][] hash = new byte[1][];
        final byte[] snapshot = snapshot(m, hash);

        final byte[] truncated = Arrays.copyOf(snapshot, snapshot.length / 2);
        final CorruptSnapshotException cut = assertThrows(CorruptSnapshotException.class,
            () -> MatcherSnapshot.read(ctx, SnapshotReader.of(new UnsafeBuffer(truncated), 0, truncated.length)));
        assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());

        // every single flipped byte is caught: by the reader's checks, or else by the hash
        int byHash = 0;
        for (int at = 0; at < snapshot.length; at += 1 + snapshot.length / 97)
        {
            final byte[] altered = snapshot.clone();
            altered[at] ^= 0x20;
            try
            {
                final SnapshotReader in = SnapshotReader.of(new UnsafeBuffer(altered), 0, altered.length);
                MatcherSnapshot.read(ctx, in);
                final byte[] read = in.finish();
                assertTrue(!Arrays.equals(hash[0], read), "byte " + at + " flipped and not detected");
                byHash++;
            }
            catch (final CorruptSnapshotException expected)
            {
                // named by the reader
            }
        }
        assertTrue(byHash > 0, "some alterations read as a state: only the hash tells them");
    }
}
