package io.databourse.gateway.trading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionHandle;

/**
 * Price indexes as FIX market data (docs/indexes.md, docs/fix.md): symbols {@code IDX.*} answer a
 * MarketDataRequest with a snapshot (W) holding one Index Value entry (269=3) and, when subscribed,
 * an incremental refresh (X) each time the index's value or status changes. The values are the
 * settlement index stage's own ({@link #onIndexValue}, wired by the launcher): the index is decided
 * there, once, with the trades surveillance flagged left out, and this class only publishes it. A
 * gateway with no index stage behind it (one in a process of its own) knows no index symbol.
 * <p>Threads: one thread tells the values (the index stage's) and writes each index's latest value
 * under a seqlock (no allocation but for a new index); a session's thread reads them to answer its
 * own requests, and is asked (one task at a time) to send its subscriptions' updates, latest value
 * only (a slow session skips intermediate values rather than queueing them).
 */
public final class IndexMarketData
{
    public static final String SYMBOL_PREFIX = "IDX.";
    /** Index subscriptions one session may hold. */
    static final int SUBSCRIPTIONS_MAX = 64;
    // quote fields, per index, in an AtomicLongArray: a seqlock version, then the published fields
    private static final int VERSION = 0;
    private static final int VALUE = 1;
    private static final int STATUS = 2;
    private static final int QTY = 3;
    private static final int FIELDS = 4;

    static final String[] STATUS_NAMES = {"none", "live", "stale"};
    private static final long STATUS_NONE = 0;

    private volatile String[] ids = new String[0];
    private volatile AtomicLongArray quotes = new AtomicLongArray(FIELDS * 16);
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public static boolean isIndexSymbol(final String symbol)
    {
        return symbol.startsWith(SYMBOL_PREFIX);
    }

    // ------------------------------------------------------------------ the publishing thread

    /**
     * An index's new value (the index stage's thread): {@code status} {@code none} (no value yet),
     * {@code live} or {@code stale};
     * value in fen per node-hour or hundredths of a point; {@code qty} the volume behind it.
     */
    public void onIndexValue(final String indexId, final long value, final String status, final long qty)
    {
        int index = indexOf(indexId);
        if (index < 0)
        {
            index = add(indexId);
        }
        final AtomicLongArray q = quotes;
        final int at = index * FIELDS;
        final long version = q.get(at + VERSION);
        q.set(at + VERSION, version + 1); // odd: being written
        q.set(at + VALUE, value);
        q.set(at + STATUS, "stale".equals(status) ? 2 : "live".equals(status) ? 1 : STATUS_NONE);
        q.set(at + QTY, qty);
        q.set(at + VERSION, version + 2);
        for (final Subscriber s : subscribers)
        {
            s.schedule();
        }
    }

    /** A new index symbol: ids and quote slots grow (copies published whole). */
    private int add(final String indexId)
    {
        final int n = ids.length + 1;
        if (quotes.length() < n * FIELDS)
        {
            final AtomicLongArray grown = new AtomicLongArray(quotes.length() * 2);
            for (int k = 0; k < quotes.length(); k++)
            {
                grown.set(k, quotes.get(k));
            }
            quotes = grown;
        }
        final String[] newIds = Arrays.copyOf(ids, n);
        newIds[n - 1] = indexId;
        ids = newIds;
        return n - 1;
    }

    /** Index symbols known so far (any thread). */
    public List<String> symbols()
    {
        return List.of(ids);
    }

    // ------------------------------------------------------------------ session threads

    /**
     * A MarketDataRequest for index {@code symbol} on {@code session}'s thread: answers the snapshot
     * (W), and keeps the subscription when {@code streaming}. Returns null, or the text of a
     * MarketDataRequestReject with its reason prefixed (reason char, then the text).
     */
    public String request(final SessionHandle session, final String mdReqId, final String symbol, final boolean streaming)
    {
        final int index = indexOf(symbol);
        if (index < 0)
        {
            return "0Unknown symbol " + symbol;
        }
        final Subscriber subscriber = subscriber(session, streaming);
        if (streaming && subscriber.subscriptions.size() >= SUBSCRIPTIONS_MAX)
        {
            return "2Too many index subscriptions on this session";
        }
        final Subscription sub = new Subscription(mdReqId, symbol, index);
        snapshot(session, sub);
        if (streaming)
        {
            subscriber.subscriptions.add(sub);
        }
        return null;
    }

    /** SubscriptionRequestType 2 (session thread). */
    public void unsubscribe(final SessionHandle session, final String mdReqId)
    {
        for (final Subscriber s : subscribers)
        {
            if (s.session == session)
            {
                s.subscriptions.removeIf(sub -> sub.mdReqId.equals(mdReqId));
            }
        }
    }

    /** The session is gone: its subscriptions end (session thread). */
    public void remove(final SessionHandle session)
    {
        subscribers.removeIf(s -> s.session == session);
    }

    private int indexOf(final String symbol)
    {
        final String[] known = ids;
        for (int i = 0; i < known.length; i++)
        {
            if (known[i].equals(symbol))
            {
                return i;
            }
        }
        return -1;
    }

    private Subscriber subscriber(final SessionHandle session, final boolean create)
    {
        for (final Subscriber s : subscribers)
        {
            if (s.session == session)
            {
                return s;
            }
        }
        final Subscriber s = new Subscriber(session);
        if (create)
        {
            subscribers.add(s);
        }
        return s;
    }

    /** Reads index {@code index}'s quote consistently into {@code into} ({version, value, status, qty}). */
    private void read(final int index, final long[] into)
    {
        while (true)
        {
            final AtomicLongArray q = quotes;
            final int at = index * FIELDS;
            final long before = q.get(at + VERSION);
            if ((before & 1) == 0)
            {
                into[VALUE] = q.get(at + VALUE);
                into[STATUS] = q.get(at + STATUS);
                into[QTY] = q.get(at + QTY);
                if (q.get(at + VERSION) == before && q == quotes)
                {
                    into[VERSION] = before;
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    private void snapshot(final SessionHandle session, final Subscription sub)
    {
        final long[] quote = new long[FIELDS];
        read(sub.index, quote);
        sub.version = quote[VERSION];
        sub.status = quote[STATUS];
        final boolean hasValue = STATUS_NONE != quote[STATUS];
        final FixEncoder e = session.begin("W");
        e.string(FixTags.MD_REQ_ID, sub.mdReqId).string(FixTags.SYMBOL, sub.symbol)
            .longValue(FixTags.NO_MD_ENTRIES, hasValue ? 1 : 0);
        if (hasValue)
        {
            entry(e, quote);
        }
        session.send();
    }

    private static void entry(final FixEncoder e, final long[] quote)
    {
        e.charValue(FixTags.MD_ENTRY_TYPE, '3').decimal(FixTags.MD_ENTRY_PX, quote[VALUE], 2)
            .longValue(FixTags.MD_ENTRY_SIZE, quote[QTY])
            .string(FixTags.TEXT, STATUS_NAMES[(int)quote[STATUS]]);
    }

    /** One session's index subscriptions; its list is only touched on the session's thread. */
    private final class Subscriber implements Runnable
    {
        final SessionHandle session;
        final List<Subscription> subscriptions = new ArrayList<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final long[] quote = new long[FIELDS];

        Subscriber(final SessionHandle session)
        {
            this.session = session;
        }

        /** Event thread: at most one pending update task per session. */
        void schedule()
        {
            if (scheduled.compareAndSet(false, true))
            {
                session.execute(this);
            }
        }

        /** Session thread: an incremental refresh for each subscription whose index moved since last sent. */
        @Override
        public void run()
        {
            scheduled.set(false);
            if (!session.isLoggedOn())
            {
                return;
            }
            for (int k = 0; k < subscriptions.size(); k++)
            {
                final Subscription sub = subscriptions.get(k);
                read(sub.index, quote);
                if (quote[VERSION] == sub.version)
                {
                    continue;
                }
                final char action = STATUS_NONE == sub.status ? '0' : '1';
                sub.version = quote[VERSION];
                sub.status = quote[STATUS];
                final FixEncoder e = session.begin("X");
                e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                    .charValue(FixTags.MD_UPDATE_ACTION, action).charValue(FixTags.MD_ENTRY_TYPE, '3')
                    .string(FixTags.SYMBOL, sub.symbol).decimal(FixTags.MD_ENTRY_PX, quote[VALUE], 2)
                    .longValue(FixTags.MD_ENTRY_SIZE, quote[QTY])
                    .string(FixTags.TEXT, STATUS_NAMES[(int)quote[STATUS]]);
                session.send();
            }
        }
    }

    private static final class Subscription
    {
        final String mdReqId;
        final String symbol;
        final int index;
        long version;
        long status;

        Subscription(final String mdReqId, final String symbol, final int index)
        {
            this.mdReqId = mdReqId;
            this.symbol = symbol;
            this.index = index;
        }
    }
}
