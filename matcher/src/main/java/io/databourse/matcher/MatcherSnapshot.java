package io.databourse.matcher;

import io.databourse.journal.schema.Codes.OrdType;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.matcher.auction.AuctionState;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.Positions;
import io.databourse.matcher.snapshot.CorruptSnapshotException;
import io.databourse.matcher.snapshot.SnapshotReader;
import io.databourse.matcher.snapshot.SnapshotWriter;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A matcher's whole state as one canonical byte stream, and the <b>state hash</b>: the SHA-256 of
 * that stream. Canonical means that two matchers in the same state write the same bytes whatever
 * their history: everything is written in an order the state itself defines (participants and
 * products by index, books level by level in price order and orders in time priority, owners' orders
 * in entry order, maps by sorted key), never in slot, pool or hash-table order, and nothing is
 * written that is not state (free lists, kept-empty levels, caches). This is the one definition of
 * the state hash; snapshots, recovery, {@code audit verify} and the tests all use it.
 * <p>Sections, in order: header; participant index and participants; product index and products;
 * positions and entitlements; books (each product's bids then asks, levels from the worst price to the
 * best so that a restore appends every level at the top, each level's orders in time priority; then the
 * market orders waiting in its call auction, buys then sells in arrival order); each
 * participant's orders in entry order (as ordinals into the books); the matcher's own fields and its
 * handlers'; end. Each store writes and reads its own fields ({@code writeSnapshot} / {@code
 * readSnapshot} next to them): a new field is one edit there.
 * <p>The stream goes wherever its {@link SnapshotWriter.Sink} sends it (a file: {@code SnapshotFile};
 * a buffer; an Aeron Cluster snapshot publication). A snapshot is taken between two commands: no
 * order is mid-match, so every live order rests on a book (or waits in its product's call auction).
 */
public final class MatcherSnapshot
{
    public static final int MAGIC = 0x3153_4244; // "DBS1"
    /**
     * Bumped whenever the stream changes; a stream of another version is refused by name. 2: the data
     * market's rules (owners, reviews, groups, grants' purposes, cross-border records). 3: call auctions
     * (a product's phase, end time and indicative price; an auction's market orders after its book).
     */
    public static final int FORMAT_VERSION = 3;

    private static final int HEADER = 0x4844_5231;
    private static final int PARTICIPANTS = 0x5041_5231;
    private static final int PRODUCTS = 0x5052_4431;
    private static final int POSITIONS = 0x504F_5331;
    private static final int BOOKS = 0x424F_4B31;
    private static final int OWNERS = 0x4F57_4E31;
    private static final int MATCHER = 0x4D41_5431;
    private static final int END = 0x454E_4431;

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[OrderStore.CLORDID_LONGS * 8]);
    /** Ordinal of each live order in the books section, by slot: how owner lists name their orders. */
    private int[] ordinalBySlot = new int[0];

    /** Writes the matcher's state to {@code out} and finishes it; returns the state hash. */
    public byte[] write(final Matcher m, final SnapshotWriter out)
    {
        out.section(HEADER).putInt(MAGIC).putInt(FORMAT_VERSION);

        out.section(PARTICIPANTS);
        m.state.participantIndex.writeSnapshot(out);
        m.state.participants.writeSnapshot(out);
        m.state.groupIndex.writeSnapshot(out);

        out.section(PRODUCTS);
        m.state.productIndex.writeSnapshot(out);
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            m.state.products[i].writeSnapshot(out);
        }

        out.section(POSITIONS);
        m.state.positions.writeSnapshot(out);
        m.state.entitlements.writeSnapshot(out, m.state.positions.count());

        out.section(BOOKS);
        writeBooks(m, out);

        out.section(OWNERS);
        for (int p = 0; p < m.state.participants.count(); p++)
        {
            int n = 0;
            for (int o = m.state.participants.ordersHead(p); o != OrderStore.NULL; o = m.state.orders.ownerNext(o))
            {
                n++;
            }
            out.putVarLong(n);
            for (int o = m.state.participants.ordersHead(p); o != OrderStore.NULL; o = m.state.orders.ownerNext(o))
            {
                out.putVarLong(ordinalBySlot[o]);
            }
        }

        out.section(MATCHER);
        m.writeSnapshot(out);
        out.section(END);
        return out.finish();
    }

    private void writeBooks(final Matcher m, final SnapshotWriter out)
    {
        if (ordinalBySlot.length < m.state.orders.capacity())
        {
            ordinalBySlot = new int[m.state.orders.capacity()];
        }
        final OrderStore orders = m.state.orders;
        final LevelStore levels = m.state.levels;
        out.putVarLong(orders.liveCount());
        int ordinal = 0;
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            final Product product = m.state.products[i];
            for (final BookSide side : new BookSide[]{product.bids, product.asks})
            {
                int nonEmpty = 0;
                for (int depth = 0; depth < side.size(); depth++)
                {
                    nonEmpty += levels.count(side.levelAt(depth)) > 0 ? 1 : 0;
                }
                out.putVarLong(nonEmpty);
                for (int depth = side.size() - 1; depth >= 0; depth--)
                {
                    final int level = side.levelAt(depth);
                    if (levels.count(level) == 0)
                    {
                        continue; // kept in place for reuse: not state
                    }
                    out.putSignedVarLong(levels.priceFen(level)).putVarLong(levels.count(level));
                    for (int o = levels.head(level); o != OrderStore.NULL; o = orders.levelNext(o))
                    {
                        orders.writeOrder(o, out, scratch);
                        ordinalBySlot[o] = ordinal++;
                    }
                }
            }
            final AuctionState auction = product.auction;
            out.putVarLong(auction.marketBuyCount());
            for (int k = 0; k < auction.marketBuyCount(); k++)
            {
                final int o = auction.marketBuy(k);
                orders.writeOrder(o, out, scratch);
                out.putSignedVarLong(auction.marketBuyReserveFen(k));
                ordinalBySlot[o] = ordinal++;
            }
            out.putVarLong(auction.marketSellCount());
            for (int k = 0; k < auction.marketSellCount(); k++)
            {
                final int o = auction.marketSell(k);
                orders.writeOrder(o, out, scratch);
                ordinalBySlot[o] = ordinal++;
            }
        }
        if (ordinal != orders.liveCount())
        {
            throw new IllegalStateException(orders.liveCount() + " live orders but " + ordinal + " on the books");
        }
    }

    /** The state hash of a matcher, between two commands. */
    public byte[] hash(final Matcher m)
    {
        return write(m, new SnapshotWriter(SnapshotWriter.HASH_ONLY));
    }

    /**
     * A new matcher holding the state {@code in} carries, read to its end. The caller compares
     * {@link SnapshotReader#finish()}'s hash with the one it was given before trusting the matcher.
     *
     * @throws CorruptSnapshotException when the stream is not a whole, well-formed state, or does not
     *                                  fit the limits of {@code ctx}
     */
    public static Matcher read(final MatcherContext ctx, final SnapshotReader in)
    {
        try
        {
            return readState(ctx, in);
        }
        catch (final CorruptSnapshotException | java.io.UncheckedIOException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            // a value the checks let through that a store could not take: still a bad snapshot, by name
            throw new CorruptSnapshotException("unreadable at byte " + in.position() + ": " + ex, ex);
        }
    }

    private static Matcher readState(final MatcherContext ctx, final SnapshotReader in)
    {
        in.section(HEADER, "header");
        final int magic = in.getInt();
        final int version = in.getInt();
        if (magic != MAGIC || version != FORMAT_VERSION)
        {
            throw new CorruptSnapshotException("not a matcher snapshot of format " + FORMAT_VERSION + " (magic " +
                Integer.toHexString(magic) + ", format " + version + ")");
        }
        final Matcher m = new Matcher(ctx);

        in.section(PARTICIPANTS, "participants");
        m.state.participantIndex.readSnapshot(in);
        m.state.participants.readSnapshot(in);
        m.state.groupIndex.readSnapshot(in);
        if (m.state.participants.count() != m.state.participantIndex.size())
        {
            throw new CorruptSnapshotException(m.state.participants.count() + " participants for " +
                m.state.participantIndex.size() + " ids");
        }

        in.section(PRODUCTS, "products");
        m.state.productIndex.readSnapshot(in);
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            m.state.products[i] = Product.readSnapshot(in, i, ctx.bookLevelsInitial());
        }

        in.section(POSITIONS, "positions");
        m.state.positions.readSnapshot(in, m.state.participants.count(), m.state.productIndex.size());
        m.state.entitlements.readSnapshot(in, m.state.positions.count());

        in.section(BOOKS, "books");
        final int[] slotByOrdinal = readBooks(m, in);

        in.section(OWNERS, "owners");
        final boolean[] linked = new boolean[slotByOrdinal.length];
        int linkedCount = 0;
        for (int p = 0; p < m.state.participants.count(); p++)
        {
            final int n = in.getCount("orders of a participant", slotByOrdinal.length);
            for (int i = 0; i < n; i++)
            {
                final int ordinal = in.getCount("order ordinal", slotByOrdinal.length - 1);
                final int slot = slotByOrdinal[ordinal];
                if (linked[ordinal] || m.state.orders.participant(slot) != p)
                {
                    throw new CorruptSnapshotException("order " + m.state.orders.orderId(slot) + " listed under participant " + p);
                }
                linked[ordinal] = true;
                linkedCount++;
                m.state.participants.linkOrder(p, slot, m.state.orders);
            }
        }
        if (linkedCount != slotByOrdinal.length)
        {
            throw new CorruptSnapshotException(slotByOrdinal.length - linkedCount + " resting orders have no owner");
        }

        in.section(MATCHER, "matcher");
        m.readSnapshot(in);
        in.section(END, "end");
        if (!m.isCashConserved())
        {
            throw new CorruptSnapshotException("the cash it holds does not add up to deposits less withdrawals and fees");
        }
        return m;
    }

    /** The market orders waiting in a product's call auction, one side, in arrival order. */
    private static int readMarketOrders(
        final Matcher m, final SnapshotReader in, final Product product, final byte sideCode, final int live,
        final int firstOrdinal, final int[] slotByOrdinal, final UnsafeBuffer scratch)
    {
        final OrderStore orders = m.state.orders;
        final int count = in.getCount("market orders in an auction", live - firstOrdinal);
        if (count > 0 && !product.inAuction)
        {
            throw new CorruptSnapshotException(product.id + " holds market orders outside a call auction");
        }
        int ordinal = firstOrdinal;
        for (int k = 0; k < count; k++)
        {
            final int productIndex = product.index;
            final int slot = orders.readOrder(in, productIndex, p -> m.state.positions.find(p, productIndex),
                m.state.participants.count(), scratch);
            if (orders.side(slot) != sideCode || orders.ordType(slot) != OrdType.MARKET || orders.priceFen(slot) != 0 ||
                orders.position(slot) == Positions.NULL || orders.leavesQty(slot) <= 0)
            {
                throw new CorruptSnapshotException("order " + orders.orderId(slot) + " is not a market order of " +
                    product.id + "'s auction");
            }
            if (sideCode == Side.BUY)
            {
                product.auction.queueMarketBuy(slot, in.getSignedVarLong("market buy reservation", 1,
                    Matcher.PRICE_MAX_FEN), orders.leavesQty(slot));
            }
            else
            {
                product.auction.queueMarketSell(slot, orders.leavesQty(slot));
            }
            slotByOrdinal[ordinal++] = slot;
        }
        return ordinal;
    }

    private static int[] readBooks(final Matcher m, final SnapshotReader in)
    {
        final OrderStore orders = m.state.orders;
        final LevelStore levels = m.state.levels;
        final Positions positions = m.state.positions;
        final UnsafeBuffer scratch = new UnsafeBuffer(new byte[OrderStore.CLORDID_LONGS * 8]);
        final int live = in.getCount("resting orders", orders.capacity());
        final int[] slotByOrdinal = new int[live];
        int ordinal = 0;
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            final Product product = m.state.products[i];
            for (final byte sideCode : new byte[]{Side.BUY, Side.SELL})
            {
                final BookSide side = product.side(sideCode);
                final int levelCount = in.getCount("levels", live);
                long previous = 0;
                for (int l = 0; l < levelCount; l++)
                {
                    final long price = in.getSignedVarLong("level price", 1, Matcher.PRICE_MAX_FEN);
                    if (l > 0 && !side.isBetter(price, previous))
                    {
                        throw new CorruptSnapshotException(product.id + " levels out of order at " + price);
                    }
                    previous = price;
                    final int count = in.getCount("orders on a level", live - ordinal);
                    if (count == 0 || levels.isFull())
                    {
                        throw new CorruptSnapshotException(count == 0 ? "an empty level in " + product.id :
                            "more price levels than the " + m.state.ctx.levelsMax() + " this matcher holds");
                    }
                    final int level = side.findOrAdd(price, levels);
                    for (int k = 0; k < count; k++)
                    {
                        final int productIndex = product.index;
                        final int slot = orders.readOrder(in, productIndex, p -> positions.find(p, productIndex),
                            m.state.participants.count(), scratch);
                        if (orders.side(slot) != sideCode || orders.priceFen(slot) != price ||
                            orders.position(slot) == Positions.NULL || orders.leavesQty(slot) <= 0)
                        {
                            throw new CorruptSnapshotException("order " + orders.orderId(slot) + " does not belong on " +
                                product.id + " " + (sideCode == Side.BUY ? "bid " : "ask ") + price);
                        }
                        levels.append(level, slot, orders, orders.leavesQty(slot));
                        slotByOrdinal[ordinal++] = slot;
                    }
                }
                assert side.isSorted();
            }
            ordinal = readMarketOrders(m, in, product, Side.BUY, live, ordinal, slotByOrdinal, scratch);
            ordinal = readMarketOrders(m, in, product, Side.SELL, live, ordinal, slotByOrdinal, scratch);
        }
        if (ordinal != live)
        {
            throw new CorruptSnapshotException(live + " resting orders announced, " + ordinal + " on the books");
        }
        return slotByOrdinal;
    }
}
