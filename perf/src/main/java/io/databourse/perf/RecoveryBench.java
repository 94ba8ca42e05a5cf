package io.databourse.perf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.databourse.exchange.ExchangeMain;
import io.databourse.journal.queue.Journal;
import io.databourse.journal.queue.JournalWriter;
import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.CashCommandEncoder;
import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.matcher.JournalRecovery;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import io.databourse.matcher.MatcherSnapshot;
import io.databourse.matcher.Sequencer;
import io.databourse.matcher.snapshot.SnapshotStore;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Recovery, replay and snapshot figures (issue 17):
 * <ol>
 * <li>a journal of {@code commands} trading commands (1,000 accounts on 10 products, orders around a
 *     mid price that often cross, cancels and replaces of recent orders: exchange-core's kind of mix),
 *     written through the real sequencer, matcher and journal, 64 records an excerpt, with a snapshot
 *     taken {@code tail} commands before the end;</li>
 * <li>recovery from the journal's start, and from that snapshot plus the tail (the exchange's start-up
 *     path, {@link JournalRecovery#recover});</li>
 * <li>{@code bin/databourse audit verify} of the same data directory, in process;</li>
 * <li>a book of {@code resting} resting orders: the snapshot's size per resting order, the time to
 *     write one (header, state, trailer, fsync, rename) and to load one.</li>
 * </ol>
 * Lines start with {@code RECOVERY}; docs/perf.md has the figures and the command.
 */
public final class RecoveryBench
{
    private static final int ACCOUNTS = 1_000;
    private static final int PRODUCTS = 10;
    private static final long MID_FEN = 10_000;
    private static final int BATCH = 64;
    private static final long T0_NS = 1_800_000_000_000_000_000L;
    private static final long STEP_NS = 1_000;

    private RecoveryBench()
    {
    }

    public record Result(
        long commands, long records, long journalBytes, double journalSeconds,
        double fullRecoverySeconds, long events,
        long tail, double snapshotRecoverySeconds, long tailSnapshotBytes,
        double verifySeconds,
        long restingOrders, long restingSnapshotBytes, double restingWriteSeconds, double restingLoadSeconds)
    {
        double replayRecordsPerSecond()
        {
            return records / fullRecoverySeconds;
        }

        double replayEventsPerSecond()
        {
            return events / fullRecoverySeconds;
        }

        double verifyRecordsPerSecond()
        {
            return records / verifySeconds;
        }

        double verifyEventsPerSecond()
        {
            return events / verifySeconds;
        }

        double bytesPerRestingOrder()
        {
            return restingSnapshotBytes / (double)restingOrders;
        }
    }

    public static Result run(final Path scratch, final long commands, final long tail, final int resting) throws IOException
    {
        if (tail <= 0 || tail >= commands)
        {
            throw new IllegalArgumentException("tail " + tail + " must be within the " + commands + " commands");
        }
        final Path data = scratch.resolve("recovery-data");
        org.agrona.IoUtil.delete(data.toFile(), true);
        final MatcherContext ctx = new MatcherContext().conclude();

        final long[] events = {0};
        final long startJournal = System.nanoTime();
        final byte[] liveHash = journal(data, commands, tail, ctx, events);
        final double journalSeconds = (System.nanoTime() - startJournal) / 1e9;
        final long journalBytes = size(data.resolve("journal"));
        System.out.printf(Locale.ROOT, "RECOVERY journal commands=%d (after a set-up of %d) events=%d bytes=%d " +
            "seconds=%.2f (%.2fM cmd/s written)%n", commands, new Commands(0).setupCount(), events[0], journalBytes,
            journalSeconds, commands / journalSeconds / 1e6);

        final SnapshotStore store = new SnapshotStore(data.resolve("snapshots"), 3);
        final double full;
        final double fromSnapshot;
        final long records;
        try (Journal journal = Journal.openReadOnly(data.resolve("journal")))
        {
            long start = System.nanoTime();
            long cpu = cpuNs();
            final JournalRecovery.Recovered all = JournalRecovery.recover(journal, null, ctx, System.out::println);
            full = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (cpuNs() - cpu) / 1e9;
            records = all.recordsReplayed();
            check(Arrays.equals(liveHash, new MatcherSnapshot().hash(all.matcher())), "full replay's state");
            System.out.printf(Locale.ROOT, "RECOVERY from_start records=%d seconds=%.2f records_per_s=%.0f events_per_s=%.0f " +
                "cpu_seconds=%.2f records_per_cpu_s=%.0f events_per_cpu_s=%.0f%n", all.recordsReplayed(), full,
                all.recordsReplayed() / full, events[0] / full, cpuSeconds, all.recordsReplayed() / cpuSeconds,
                events[0] / cpuSeconds);

            start = System.nanoTime();
            cpu = cpuNs();
            final JournalRecovery.Recovered fast = JournalRecovery.recover(journal, store, ctx, System.out::println);
            fromSnapshot = (System.nanoTime() - start) / 1e9;
            cpuSeconds = (cpuNs() - cpu) / 1e9;
            check(null != fast.snapshot() && fast.recordsReplayed() == tail, fast.describe());
            check(Arrays.equals(liveHash, new MatcherSnapshot().hash(fast.matcher())), "snapshot + tail's state");
            System.out.printf(Locale.ROOT, "RECOVERY from_snapshot tail=%d snapshot_bytes=%d seconds=%.3f cpu_seconds=%.3f (%s)%n",
                tail, fast.snapshot().fileLength(), fromSnapshot, cpuSeconds, fast.describe());
        }
        final long tailSnapshotBytes = store.files().isEmpty() ? 0 : Files.size(store.files().get(0));

        final ByteArrayOutputStream verifyOut = new ByteArrayOutputStream();
        final long startVerify = System.nanoTime();
        final long verifyCpu = cpuNs();
        final int status = ExchangeMain.execute(new PrintStream(verifyOut, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), "audit", "verify", data.toString());
        final double verifySeconds = (System.nanoTime() - startVerify) / 1e9;
        final double verifyCpuSeconds = (cpuNs() - verifyCpu) / 1e9;
        check(status == 0, verifyOut.toString(StandardCharsets.UTF_8));
        System.out.printf(Locale.ROOT, "RECOVERY audit_verify seconds=%.2f records_per_s=%.0f events_per_s=%.0f " +
            "cpu_seconds=%.2f events_per_cpu_s=%.0f: %s%n", verifySeconds, records / verifySeconds, events[0] / verifySeconds,
            verifyCpuSeconds, events[0] / verifyCpuSeconds,
            verifyOut.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""));
        org.agrona.IoUtil.delete(data.toFile(), true);

        final double[] restingTimes = new double[3];
        final long restingBytes = restingBook(scratch.resolve("resting-snapshots"), resting, restingTimes);
        System.out.printf(Locale.ROOT, "RECOVERY resting_orders=%d snapshot_bytes=%d bytes_per_order=%.1f write_seconds=%.3f " +
            "write_cpu_seconds=%.3f load_seconds=%.3f%n", resting, restingBytes, restingBytes / (double)resting,
            restingTimes[0], restingTimes[2], restingTimes[1]);
        return new Result(commands, records, journalBytes, journalSeconds, full, events[0], tail, fromSnapshot, tailSnapshotBytes,
            verifySeconds, resting, restingBytes, restingTimes[0], restingTimes[1]);
    }

    /** Journals the stream into DATA/journal, with a snapshot into DATA/snapshots {@code tail} commands before the end. */
    private static byte[] journal(
        final Path data, final long commands, final long tail, final MatcherContext ctx, final long[] events)
    {
        final Matcher live = new Matcher(ctx);
        final Commands stream = new Commands(7);
        final SnapshotStore store = new SnapshotStore(data.resolve("snapshots"), 3);
        try (Journal journal = Journal.open(data.resolve("journal")); JournalWriter writer = journal.writer())
        {
            final Sequencer sequencer = Sequencer.batching(live, writer, (buffer, offset, length) ->
            {
            });
            long time = T0_NS;
            for (int i = 0; i < stream.setupCount(); i++)
            {
                sequencer.sequence(time += STEP_NS, stream.buffer, 0, stream.setup(i));
                events[0] += live.eventCount();
            }
            sequencer.flush();
            final long snapshotAt = stream.setupCount() + commands - tail;
            for (long i = 0; i < commands; i++)
            {
                sequencer.sequence(time += STEP_NS, stream.buffer, 0, stream.next());
                events[0] += live.eventCount();
                if (live.lastSeq() == snapshotAt)
                {
                    sequencer.flush();
                    store.write(MatcherSnapshot.FORMAT_VERSION, live.lastSeq(), live.lastTimeNs(), writer.lastIndex(),
                        out -> new MatcherSnapshot().write(live, out));
                }
                else if (i % BATCH == BATCH - 1)
                {
                    sequencer.flush();
                }
            }
            sequencer.flush();
        }
        return new MatcherSnapshot().hash(live);
    }

    /** A book of {@code resting} orders that do not cross; returns the snapshot's bytes; times: write, load. */
    private static long restingBook(final Path dir, final int resting, final double[] times)
    {
        org.agrona.IoUtil.delete(dir.toFile(), true);
        final MatcherContext ctx = new MatcherContext()
            .ordersMax(resting + 1024)
            .levelsMax(PRODUCTS * 2 * 10_000 + 1024)
            .conclude();
        final Matcher m = new Matcher(ctx);
        final Commands stream = new Commands(11);
        long time = T0_NS;
        long seq = 0;
        for (int i = 0; i < stream.setupCount(); i++)
        {
            m.apply(++seq, time += STEP_NS, stream.buffer, 0, stream.setup(i));
        }
        final SplittableRandom random = new SplittableRandom(13);
        for (int i = 0; i < resting; i++)
        {
            final boolean buy = (i & 1) == 0;
            // at most 10,000 prices a side of each product (200,000 levels in all), never crossing
            final long price = buy ? MID_FEN * 10 - 1 - random.nextInt(10_000) : MID_FEN * 10 + 1 + random.nextInt(10_000);
            m.apply(++seq, time += STEP_NS, stream.buffer, 0,
                stream.newOrder(1 + random.nextInt(ACCOUNTS), 1 + random.nextInt(PRODUCTS), buy, price, Codes.TimeInForce.GTC));
        }
        check(m.liveOrderCount() == resting, "resting " + m.liveOrderCount() + " of " + resting);
        final SnapshotStore store = new SnapshotStore(dir, 1);
        final long start = System.nanoTime();
        final long cpu = cpuNs();
        final SnapshotStore.Info info = store.write(MatcherSnapshot.FORMAT_VERSION, m.lastSeq(), m.lastTimeNs(), 0,
            out -> new MatcherSnapshot().write(m, out));
        times[0] = (System.nanoTime() - start) / 1e9;
        times[2] = (cpuNs() - cpu) / 1e9;
        final long loadStart = System.nanoTime();
        final SnapshotStore.Info verified = SnapshotStore.verify(info.file());
        final Matcher loaded = SnapshotStore.read(verified, in -> MatcherSnapshot.read(ctx, in));
        times[1] = (System.nanoTime() - loadStart) / 1e9;
        check(loaded.liveOrderCount() == resting, "loaded " + loaded.liveOrderCount());
        org.agrona.IoUtil.delete(dir.toFile(), true);
        return info.fileLength();
    }

    /** CPU time of the calling thread: on a shared machine, what a phase cost, whatever else ran. */
    private static long cpuNs()
    {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long size(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(f ->
            {
                try
                {
                    return Files.size(f);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
    }

    private static void check(final boolean ok, final String what)
    {
        if (!ok)
        {
            throw new IllegalStateException("recovery bench: " + what);
        }
    }

    /**
     * The command stream: setup (participants that buy and sell, listed data products, cash and
     * inventory for all), then trading. Orders near the mid often cross; cancels and replaces name
     * recent orders, which may have traded away (then they are refused, as in real flow).
     */
    static final class Commands
    {
        private static final int RECENT = 4_096;
        private static final String COMPLIANCE = "COMPLIANCE";
        private static final String SPONSOR = "SPONSOR";
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[4096]);
        private final ParticipantCommandEncoder participant = new ParticipantCommandEncoder();
        private final ProductCommandEncoder product = new ProductCommandEncoder();
        private final CashCommandEncoder cash = new CashCommandEncoder();
        private final InventoryCommandEncoder inventory = new InventoryCommandEncoder();
        private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
        private final CancelCommandEncoder cancel = new CancelCommandEncoder();
        private final ReplaceCommandEncoder replace = new ReplaceCommandEncoder();
        private final SplittableRandom random;
        private final StringBuilder id = new StringBuilder(24);
        private final int[] recentAccount = new int[RECENT];
        private final long[] recentOrder = new long[RECENT];
        private final int[] recentVersion = new int[RECENT];
        private final long[] recentPrice = new long[RECENT];
        private long orders;

        Commands(final long seed)
        {
            random = new SplittableRandom(seed);
        }

        int setupCount()
        {
            return ACCOUNTS + 2 + PRODUCTS + ACCOUNTS + PRODUCTS;
        }

        /** Setup command {@code i} into {@link #buffer}; returns its length. */
        int setup(final int i)
        {
            if (i < ACCOUNTS)
            {
                Codecs.encode(participant, buffer, 0, 0);
                participant.participantId(account(i + 1));
                participant.roles(Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER).qualification(Codes.Grade.GENERAL)
                    .jurisdiction(Codes.Jurisdiction.DOMESTIC).status(Codes.ParticipantStatus.ADMITTED);
                return participant.encodedLength();
            }
            if (i < ACCOUNTS + 2)
            {
                // the compliance officer who reviewed the listed products and the sponsor who confirmed them
                Codecs.encode(participant, buffer, 0, 0);
                participant.participantId(i == ACCOUNTS ? COMPLIANCE : SPONSOR);
                participant.roles(i == ACCOUNTS ? Codes.Role.COMPLIANCE_OFFICER : Codes.Role.DATA_SPONSOR)
                    .status(Codes.ParticipantStatus.ADMITTED);
                return participant.encodedLength();
            }
            if (i < ACCOUNTS + 2 + PRODUCTS)
            {
                final int q = i - ACCOUNTS - 2 + 1;
                Codecs.encode(product, buffer, 0, 0);
                product.productId("DATA-" + q);
                product.owner(account(ownerOf(q)));
                product.sponsor(SPONSOR);
                product.reviewedBy(COMPLIANCE);
                product.kind(Codes.ProductKind.DATA).grade(Codes.Grade.GENERAL).rights(Codes.Rights.PROCESS_USE)
                    .delivery(Codes.DeliveryMode.API).status(Codes.ProductStatus.LISTED).tickFen(1).lotQty(1).bandBps(-1);
                return product.encodedLength();
            }
            if (i < ACCOUNTS * 2 + 2 + PRODUCTS)
            {
                Codecs.encode(cash, buffer, 0, 0, MessageType.DEPOSIT);
                cash.participantId(account(i - ACCOUNTS - 2 - PRODUCTS + 1));
                cash.amountFen(1_000_000_000_000_000L);
                return cash.encodedLength();
            }
            // primary units go to each product's owner only (docs/matching-rules.md, Ownership)
            final int q = i - ACCOUNTS * 2 - 2 - PRODUCTS + 1;
            Codecs.encode(inventory, buffer, 0, 0);
            inventory.participantId(account(ownerOf(q)));
            inventory.productId("DATA-" + q);
            inventory.qty(1_000_000_000_000L);
            return inventory.encodedLength();
        }

        /** The account owning product {@code q}: the only one holding units to sell. */
        private static int ownerOf(final int q)
        {
            return (q - 1) % ACCOUNTS + 1;
        }

        private static String account(final int a)
        {
            return "A" + a;
        }

        /** The next trading command into {@link #buffer}; returns its length. */
        int next()
        {
            final int dice = random.nextInt(100);
            if (dice < 50 || orders < RECENT)
            {
                final boolean buy = random.nextBoolean();
                final long price = MID_FEN + (buy ? 10 : -10) - random.nextInt(41) * (buy ? 1 : -1) + random.nextInt(3) - 1;
                return newOrder(1 + random.nextInt(ACCOUNTS), 1 + random.nextInt(PRODUCTS), buy, price,
                    dice < 5 ? Codes.TimeInForce.IOC : Codes.TimeInForce.GTC);
            }
            final int r = random.nextInt(RECENT);
            if (dice < 80)
            {
                Codecs.encode(cancel, buffer, 0, recentAccount[r]);
                cancel.participantId(account(recentAccount[r]));
                cancel.clOrdId(clOrdId(recentOrder[r], recentVersion[r]).append('x'));
                cancel.origClOrdId(clOrdId(recentOrder[r], recentVersion[r]));
                return cancel.encodedLength();
            }
            Codecs.encode(replace, buffer, 0, recentAccount[r]);
            replace.participantId(account(recentAccount[r]));
            replace.origClOrdId(clOrdId(recentOrder[r], recentVersion[r]));
            recentVersion[r]++;
            replace.clOrdId(clOrdId(recentOrder[r], recentVersion[r]));
            recentPrice[r] += random.nextInt(7) - 3;
            replace.priceFen(Math.max(1, recentPrice[r])).qty(1 + random.nextInt(100));
            return replace.encodedLength();
        }

        /** A new order; a sell is always the product's owner's, the only one holding units to sell. */
        int newOrder(final int buyer, final int productNumber, final boolean buy, final long price, final byte tif)
        {
            final int account = buy ? buyer : ownerOf(productNumber);
            final long order = ++orders;
            final int slot = (int)(order % RECENT);
            recentAccount[slot] = account;
            recentOrder[slot] = order;
            recentVersion[slot] = 0;
            recentPrice[slot] = price;
            Codecs.encode(newOrder, buffer, 0, account);
            newOrder.participantId(account(account));
            newOrder.productId("DATA-" + productNumber);
            newOrder.clOrdId(clOrdId(order, 0));
            newOrder.side(buy ? Codes.Side.BUY : Codes.Side.SELL).ordType(Codes.OrdType.LIMIT).tif(tif)
                .stp(Codes.SelfTradePrevention.CANCEL_NEWEST).priceFen(Math.max(1, price)).qty(1 + random.nextInt(100));
            return newOrder.encodedLength();
        }

        private StringBuilder clOrdId(final long order, final int version)
        {
            id.setLength(0);
            id.append(order);
            if (version > 0)
            {
                id.append('.').append(version);
            }
            return id;
        }
    }
}
