package io.databourse.cluster.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.databourse.cluster.ReferenceData;
import io.databourse.cluster.TestCluster;
import io.databourse.journal.json.JsonCommandParser;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.MatcherView;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster snapshot's matcher state is the matcher's one snapshot format: the member's snapshot file
 * (owner-only, readable by SnapshotStore like the single-process exchange's) goes into the stream
 * byte for byte, and comes back as a matcher with the same state hash; a damaged stream or one of
 * another seq is refused by name and leaves no file behind.
 */
class MatcherStateSnapshotsTest
{
    @TempDir
    Path dir;

    private static Matcher trading() throws Exception
    {
        final Matcher matcher = new Matcher(TestCluster.smallMatcher());
        final JsonCommandParser parser = new JsonCommandParser();
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer();
        final List<String> lines = new ArrayList<>(ReferenceData.demoLines());
        for (int n = 0; n < 20; n++)
        {
            lines.addAll(ReferenceData.crossingPair(n));
        }
        // orders left resting on the book: the state is more than cash and holdings
        lines.add("{\"type\":\"new\",\"participant\":\"TW\",\"clOrdId\":\"rest-1\",\"product\":\"DATA.TRAFFIC.API\"," +
            "\"side\":\"sell\",\"ordType\":\"limit\",\"tif\":\"gtc\",\"price\":\"13.50\",\"qty\":4}");
        lines.add("{\"type\":\"new\",\"participant\":\"P1\",\"clOrdId\":\"rest-2\",\"product\":\"DATA.TRAFFIC.API\"," +
            "\"side\":\"buy\",\"ordType\":\"limit\",\"tif\":\"gtc\",\"price\":\"11.00\",\"qty\":3}");
        long seq = 0;
        for (final String line : lines)
        {
            final int length = parser.parse(line, command);
            seq++;
            matcher.apply(seq, 1_000_000L * seq, command, 0, length);
        }
        return matcher;
    }

    private static byte[] written(final MatcherStateSnapshots snapshots, final Matcher matcher) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        snapshots.write(matcher, 42, Channels.newChannel(bytes));
        return bytes.toByteArray();
    }

    private static List<String> restingClOrdIds(final Matcher matcher)
    {
        final List<String> ids = new ArrayList<>();
        new MatcherView(matcher).books(new MatcherView.BookVisitor()
        {
            @Override
            public void product(final String id, final String kind, final String status, final long referencePriceFen,
                final long bandLowerFen, final long bandUpperFen, final boolean hasBand)
            {
            }

            @Override
            public void level(final String side, final long priceFen, final long openQty, final int orders)
            {
            }

            @Override
            public void order(final MatcherView.Order order)
            {
                ids.add(order.clOrdId());
            }
        });
        ids.sort(null);
        return ids;
    }

    @Test
    void theStateGoesOutAsTheMembersSnapshotFileAndComesBackWithTheSameStateHash() throws Exception
    {
        final Matcher matcher = trading();
        final MatcherStateSnapshots snapshots = new MatcherStateSnapshots(dir.resolve("snapshots"), 2);
        final byte[] stream = written(snapshots, matcher);

        final Path file = dir.resolve("snapshots").resolve(SnapshotStore.fileName(matcher.lastSeq()));
        assertArrayEquals(Files.readAllBytes(file), stream, "the cluster's stream is the member's snapshot file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        final SnapshotStore.Info info = SnapshotStore.verify(file);
        assertEquals(MatcherSnapshot.FORMAT_VERSION, info.format());
        assertEquals(42, info.journalIndex());
        assertArrayEquals(new MatcherSnapshot().hash(matcher), info.stateHash());

        final MatcherStateSnapshots.Loaded loaded = new MatcherStateSnapshots(dir.resolve("elsewhere"), 2)
            .read(TestCluster.smallMatcher(), Channels.newChannel(new ByteArrayInputStream(stream)),
                matcher.lastSeq(), matcher.lastTimeNs());
        assertArrayEquals(new MatcherSnapshot().hash(matcher), new MatcherSnapshot().hash(loaded.matcher()));
        assertEquals(List.of("rest-1", "rest-2"), restingClOrdIds(matcher), "the state holds resting orders");
        assertEquals(restingClOrdIds(matcher), restingClOrdIds(loaded.matcher()));
        assertEquals(matcher.lastSeq(), loaded.matcher().lastSeq());
        assertEquals(info.stateHashHex(), loaded.info().stateHashHex());
        try (Stream<Path> left = Files.list(dir.resolve("elsewhere")))
        {
            assertEquals(0, left.count(), "the spooled copy is removed once read");
        }
    }

    @Test
    void aDamagedStreamOrOneOfAnotherSeqIsRefusedByNameAndLeavesNothingBehind() throws Exception
    {
        final Matcher matcher = trading();
        final byte[] stream = written(new MatcherStateSnapshots(dir.resolve("snapshots"), 2), matcher);
        final MatcherStateSnapshots loader = new MatcherStateSnapshots(dir.resolve("loading"), 2);

        final byte[] damaged = stream.clone();
        damaged[damaged.length / 2] ^= 0x10;
        final CorruptSnapshotException altered = assertThrows(CorruptSnapshotException.class, () -> loader.read(
            TestCluster.smallMatcher(), Channels.newChannel(new ByteArrayInputStream(damaged)), matcher.lastSeq(),
            matcher.lastTimeNs()));
        assertTrue(altered.getMessage().contains("does not hash to the hash stored with it"), altered.getMessage());

        final CorruptSnapshotException otherSeq = assertThrows(CorruptSnapshotException.class, () -> loader.read(
            TestCluster.smallMatcher(), Channels.newChannel(new ByteArrayInputStream(stream)), matcher.lastSeq() + 1,
            matcher.lastTimeNs()));
        assertTrue(otherSeq.getMessage().contains("its header says seq " + (matcher.lastSeq() + 1)), otherSeq.getMessage());

        final byte[] truncated = java.util.Arrays.copyOf(stream, stream.length - 100);
        assertThrows(CorruptSnapshotException.class, () -> loader.read(TestCluster.smallMatcher(),
            Channels.newChannel(new ByteArrayInputStream(truncated)), matcher.lastSeq(), matcher.lastTimeNs()));
        try (Stream<Path> left = Files.list(dir.resolve("loading")))
        {
            assertFalse(left.findAny().isPresent(), "no spooled file left behind");
        }
    }
}
