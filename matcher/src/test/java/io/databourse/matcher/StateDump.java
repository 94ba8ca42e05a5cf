package io.databourse.matcher;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.databourse.matcher.auction.AuctionState;
import io.databourse.matcher.book.BookSide;
import io.databourse.matcher.book.LevelStore;
import io.databourse.matcher.book.OrderStore;
import io.databourse.matcher.ref.Participants;
import io.databourse.matcher.ref.Product;
import io.databourse.matcher.risk.Entitlements;
import org.agrona.DirectBuffer;

/**
 * An exhaustive, canonical dump of a matcher's state, by reflection, written independently of the
 * snapshot code: two matchers in the same state give the same lines. Every field of every object
 * reachable from the matcher is dumped, except:
 * <ul>
 * <li>the stores whose memory layout depends on history (slots, free lists, pools, hash tables of
 * slots): {@link OrderStore}, {@link LevelStore}, {@link BookSide}, {@link Entitlements} and the
 * order-list links of {@link Participants}, dumped logically instead (books level by level, orders
 * in time priority with every word of their record, owners' lists, grants per position). For those
 * classes every declared field must be classified below: a field added to them fails here until it
 * is, which is the point;</li>
 * <li>fields that are not state, each named below with the reason.</li>
 * </ul>
 * A field added anywhere else is dumped automatically, so a field the snapshot forgets shows up as
 * a difference between a replayed matcher and a restored one.
 */
final class StateDump
{
    /** Fields that are not state: per-command scratch, caches, output buffers. Class.field → why. */
    private static final Map<String, String> NOT_STATE = Map.ofEntries(
        Map.entry("MatcherState.participantBySession", "a guess, checked against the id on every use"),
        Map.entry("OrderGates.checkedProductIndex", "what the command being checked resolved"),
        Map.entry("OrderGates.checkedSellPosition", "what the command being checked resolved"),
        Map.entry("Matching.aggressorReservePriceFen", "the order being matched"),
        Map.entry("Matching.aggressorStopped", "the order being matched"),
        Map.entry("TradeStep.fillValueFen", "the fill being applied"),
        Map.entry("TradeStep.buyFeeFen", "the fill being applied"),
        Map.entry("TradeStep.sellFeeFen", "the fill being applied"),
        Map.entry("TradeStep.buyReleasedFen", "the fill being applied"),
        Map.entry("TradeStep.buyStillReservedFen", "the fill being applied"),
        Map.entry("TradeStep.fillRecords", "the fill being applied"),
        Map.entry("TradeStep.fillRecordsYear", "the fill being applied"),
        Map.entry("MatcherState.sessionId", "the command being applied"),
        Map.entry("Matcher.referenceData", "dumped as ReferenceDataHandler, below"),
        Map.entry("Matcher.postTrade", "dumped as PostTradeHandler, below"),
        Map.entry("AccountsHandler.state", "the matcher's state, dumped first, as state"),
        Map.entry("ComplianceHandler.state", "the matcher's state, dumped first, as state"),
        Map.entry("ReferenceDataHandler.state", "the matcher's state, dumped first, as state"),
        Map.entry("ParticipantRegistration.state", "the matcher's state, dumped first, as state"),
        Map.entry("ProductRegistration.state", "the matcher's state, dumped first, as state"),
        Map.entry("ProductRegistration.checkedOwner", "what the command being checked resolved"),
        Map.entry("ProductRegistration.checkedReviewer", "what the command being checked resolved"),
        Map.entry("ProductStatusChanges.state", "the matcher's state, dumped first, as state"),
        Map.entry("PostTradeHandler.state", "the matcher's state, dumped first, as state"),
        Map.entry("CallAuction.state", "the matcher's state, dumped first, as state"),
        Map.entry("CallAuction.uncrossing", "the last computation's scratch"),
        Map.entry("CallAuction.bidLevels", "the last computation's scratch"),
        Map.entry("CallAuction.askLevels", "the last computation's scratch"),
        Map.entry("CallAuction.selfTrades", "the order being collected"),
        Map.entry("CallAuction.running", "follows from the products' phase (rescheduleEnds)"),
        Map.entry("CallAuction.due", "the end-time walk's scratch"),
        Map.entry("AuctionState.marketBuys", "slots: dumped by order in books()"),
        Map.entry("AuctionState.marketSells", "slots: dumped by order in books()"),
        Map.entry("AuctionState.marketBuyReserveFen", "dumped with the market buys in books()"));

    /** Declared fields of the logically dumped classes: every one must be listed, as dumped or not state. */
    private static final Map<Class<?>, Set<String>> CLASSIFIED = Map.of(
        OrderStore.class, Set.of("capacity", "data", "clOrdIdTable", "clOrdIdMask", "freeHead", "liveCount",
            "foundSlot", "foundIndex", "missParticipant", "missC0", "missC1", "missC2", "missHash"),
        LevelStore.class, Set.of("priceFen", "totalQty", "head", "tail", "count", "freeHead", "liveCount"),
        BookSide.class, Set.of("isBid", "keys", "levels", "size", "emptyLevels", "indexKeys", "indexLevels",
            "indexMask"),
        Entitlements.class, Set.of("units", "expiryNs", "purpose", "next", "freeHead", "used", "head", "tail",
            "latestExpiryNs", "pieceUnits", "pieceExpiryNs", "piecePurpose", "pieceCount"));

    private final List<String> lines = new ArrayList<>();
    private final IdentityHashMap<Object, String> seen = new IdentityHashMap<>();

    private StateDump()
    {
    }

    static List<String> of(final Matcher m)
    {
        checkClassified();
        final StateDump dump = new StateDump();
        dump.object("state", field(m, "state")); // first: every step and handler refers to it
        dump.object("matcher", m);
        dump.object("referenceData", field(m, "referenceData"));
        dump.object("postTrade", field(m, "postTrade"));
        dump.books(m);
        dump.owners(m);
        dump.entitlements(m);
        return dump.lines;
    }

    private static void checkClassified()
    {
        for (final Map.Entry<Class<?>, Set<String>> entry : CLASSIFIED.entrySet())
        {
            for (final Field f : entry.getKey().getDeclaredFields())
            {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic() && !entry.getValue().contains(f.getName()))
                {
                    throw new AssertionError(entry.getKey().getSimpleName() + "." + f.getName() + " is a new field: " +
                        "write it in the snapshot (" + entry.getKey().getSimpleName() + ".writeSnapshot/readSnapshot or " +
                        "MatcherSnapshot) and dump it in StateDump");
                }
            }
        }
    }

    private void line(final String path, final Object value)
    {
        lines.add(path + " = " + value);
    }

    private void object(final String path, final Object o)
    {
        if (null == o)
        {
            line(path, "null");
            return;
        }
        final Class<?> type = o.getClass();
        if (o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character ||
            type.isEnum())
        {
            line(path, o);
            return;
        }
        if (type.isArray())
        {
            array(path, o);
            return;
        }
        if (o instanceof org.agrona.sbe.Flyweight || o instanceof DirectBuffer)
        {
            return; // codecs and their buffers: views, not state
        }
        if (o instanceof EventLog)
        {
            return; // the last command's output, not state
        }
        final String first = seen.put(o, path);
        if (null != first)
        {
            seen.put(o, first);
            line(path, "-> " + first);
            return;
        }
        if (o instanceof Map)
        {
            final TreeMap<String, Object> sorted = new TreeMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>)o).entrySet())
            {
                sorted.put(String.valueOf(e.getKey()), e.getValue());
            }
            line(path + ".size", sorted.size());
            for (final Map.Entry<String, Object> e : sorted.entrySet())
            {
                object(path + "[" + e.getKey() + "]", e.getValue());
            }
            return;
        }
        if (o instanceof Collection)
        {
            int i = 0;
            line(path + ".size", ((Collection<?>)o).size());
            for (final Object element : (Collection<?>)o)
            {
                object(path + "[" + i++ + "]", element);
            }
            return;
        }
        if (CLASSIFIED.containsKey(type))
        {
            logical(path, o);
            return;
        }
        for (final Field f : fields(type))
        {
            final String name = type.getSimpleName() + "." + f.getName();
            if (NOT_STATE.containsKey(name) || (o instanceof Participants &&
                (f.getName().equals("ordersHead") || f.getName().equals("ordersTail"))))
            {
                continue; // Participants' order lists: see owners()
            }
            object(path + "." + f.getName(), get(f, o));
        }
    }

    /** The plain fields of the logically dumped stores (their layouts are dumped through the books). */
    private void logical(final String path, final Object o)
    {
        if (o instanceof OrderStore)
        {
            line(path + ".capacity", ((OrderStore)o).capacity());
            line(path + ".liveCount", ((OrderStore)o).liveCount());
        }
        else if (o instanceof BookSide)
        {
            line(path + ".isBid", field(o, "isBid"));
        }
        // LevelStore: its live count includes the empty levels kept for reuse, not state
        // Entitlements: see entitlements()
    }

    private void array(final String path, final Object array)
    {
        final Class<?> component = array.getClass().getComponentType();
        if (component.isPrimitive())
        {
            final int n = Array.getLength(array);
            final StringBuilder sb = new StringBuilder().append(component.getSimpleName()).append('[').append(n).append("] ");
            for (int i = 0; i < n; i++)
            {
                sb.append(Array.get(array, i)).append(' ');
            }
            line(path, sb);
            return;
        }
        for (int i = 0; i < Array.getLength(array); i++)
        {
            object(path + "[" + i + "]", Array.get(array, i));
        }
    }

    /** Every book, level by level (non-empty ones, best first), every order with every word of its record. */
    private void books(final Matcher m)
    {
        final OrderStore orders = m.state.orders;
        final LevelStore levels = m.state.levels;
        final long[] data = (long[])field(orders, "data");
        final int recordLongs = constant(OrderStore.class, "RECORD_LONGS");
        final int flagsLevel = constant(OrderStore.class, "FLAGS_LEVEL");
        final int levelLinks = constant(OrderStore.class, "LEVEL_PREV_NEXT");
        final int ownerLinks = constant(OrderStore.class, "OWNER_PREV_NEXT");
        for (int i = 0; i < m.state.productIndex.size(); i++)
        {
            final Product product = m.state.products[i];
            for (final BookSide side : new BookSide[]{product.bids, product.asks})
            {
                final String sideName = "book[" + product.id + "]." + (side == product.bids ? "bids" : "asks");
                int shown = 0;
                for (int depth = 0; depth < side.size(); depth++)
                {
                    final int level = side.levelAt(depth);
                    if (levels.count(level) == 0)
                    {
                        continue;
                    }
                    final String levelPath = sideName + "[" + shown++ + "]";
                    line(levelPath, "price " + levels.priceFen(level) + " total " + levels.totalQty(level) +
                        " count " + levels.count(level));
                    int k = 0;
                    for (int o = levels.head(level); o != OrderStore.NULL; o = orders.levelNext(o))
                    {
                        final StringBuilder record = new StringBuilder();
                        for (int w = 0; w < recordLongs; w++)
                        {
                            final long word = data[o * recordLongs + w];
                            if (w == levelLinks || w == ownerLinks)
                            {
                                continue; // slots: the order of the dump gives them
                            }
                            // flags (high half) are state; the level slot (low half) is the level shown above
                            record.append(w == flagsLevel ? (word >> 32) : word).append(' ');
                        }
                        line(levelPath + "[" + k++ + "]", record);
                    }
                }
                line(sideName + ".levels", shown);
            }
            final AuctionState auction = product.auction;
            for (int k = 0; k < auction.marketBuyCount(); k++)
            {
                line("auction[" + product.id + "].marketBuys[" + k + "]", orders.orderId(auction.marketBuy(k)) +
                    " leaves " + orders.leavesQty(auction.marketBuy(k)) + " reserve " + auction.marketBuyReserveFen(k));
            }
            for (int k = 0; k < auction.marketSellCount(); k++)
            {
                line("auction[" + product.id + "].marketSells[" + k + "]", orders.orderId(auction.marketSell(k)) +
                    " leaves " + orders.leavesQty(auction.marketSell(k)));
            }
        }
    }

    /** Each participant's resting orders in entry order, by order id. */
    private void owners(final Matcher m)
    {
        for (int p = 0; p < m.state.participants.count(); p++)
        {
            final StringBuilder ids = new StringBuilder();
            for (int o = m.state.participants.ordersHead(p); o != OrderStore.NULL; o = m.state.orders.ownerNext(o))
            {
                ids.append(m.state.orders.orderId(o)).append(' ');
            }
            line("owner[" + m.state.participants.id(p) + "]", ids);
        }
    }

    /** Each position's latest expiry ever granted and its grants in expiry order (the pieces: scratch of a draw). */
    private void entitlements(final Matcher m)
    {
        final Entitlements entitlements = m.state.entitlements;
        final int[] head = (int[])field(entitlements, "head");
        final int[] next = (int[])field(entitlements, "next");
        final long[] units = (long[])field(entitlements, "units");
        final long[] expiry = (long[])field(entitlements, "expiryNs");
        final byte[] purpose = (byte[])field(entitlements, "purpose");
        final long[] latest = (long[])field(entitlements, "latestExpiryNs");
        for (int p = 0; p < m.state.positions.count(); p++)
        {
            final StringBuilder grants = new StringBuilder().append("latest ").append(p < latest.length ? latest[p] : 0)
                .append(": ");
            for (int g = p < head.length ? head[p] : Entitlements.NULL; g != Entitlements.NULL; g = next[g])
            {
                grants.append(units[g]).append('@').append(expiry[g]).append('/').append(purpose[g]).append(' ');
            }
            line("grants[" + p + "]", grants);
        }
    }

    private static List<Field> fields(final Class<?> type)
    {
        final List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; null != c && c != Object.class; c = c.getSuperclass())
        {
            for (final Field f : c.getDeclaredFields())
            {
                if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic())
                {
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
        }
        fields.sort((a, b) -> a.getName().compareTo(b.getName()));
        return fields;
    }

    private static Object get(final Field f, final Object o)
    {
        try
        {
            return f.get(o);
        }
        catch (final IllegalAccessException ex)
        {
            throw new AssertionError(ex);
        }
    }

    static Object field(final Object o, final String name)
    {
        for (Class<?> c = o.getClass(); null != c; c = c.getSuperclass())
        {
            try
            {
                final Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(o);
            }
            catch (final NoSuchFieldException ex)
            {
                // look in the superclass
            }
            catch (final IllegalAccessException ex)
            {
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError(o.getClass() + " has no field " + name);
    }

    private static int constant(final Class<?> type, final String name)
    {
        try
        {
            final Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f.getInt(null);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /** The first line where two dumps differ, or null when they are the same. */
    static String firstDifference(final List<String> expected, final List<String> actual)
    {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++)
        {
            if (!expected.get(i).equals(actual.get(i)))
            {
                return "line " + i + ":\n  replayed: " + expected.get(i) + "\n  restored: " + actual.get(i);
            }
        }
        return expected.size() == actual.size() ? null :
            "lengths " + expected.size() + " and " + actual.size() + ": " + (expected.size() > actual.size() ?
            "replayed has " + expected.get(actual.size()) : "restored has " + actual.get(expected.size()));
    }
}
