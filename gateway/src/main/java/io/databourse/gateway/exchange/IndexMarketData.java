package io.databourse.gateway.exchange;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;

import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.session.SessionHandle;
import io.databourse.index.IndexBook;
import io.databourse.index.IndexListener;
import io.databourse.index.IndexRules;
import io.databourse.journal.schema.JournalRecord;

/**
 * Price indexes as FIX market data (docs/indexes.md, docs/fix.md): symbols {@code IDX.*} answer a
 * MarketDataRequest with a snapshot (W) holding one Index Value entry (269=3) and, when subscribed,
 * an incremental refresh (X) each time the index's value or status changes. The values come from the
 * same {@link IndexBook} the settlement index stage runs, applied here to the records of the event
 * stream on the event thread, so they are the values settlement publishes, provided this gateway saw
 * the journal from its first record: an index over part of the history would be wrong, so until then
 * (a gateway that joined a running exchange) every index request is refused, never answered wrongly.
 * <p>Threads: the event thread applies records and writes each index's latest value under a seqlock
 * (no allocation); a session's thread reads them to answer its own requests, and is asked (one task
 * at a time) to send its subscriptions' updates, latest value only (a slow session skips
 * intermediate values rather than queueing them).
 */
public final class IndexMarketData implements IndexListener
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

    private final IndexBook book;
    private volatile String[] ids = new String[0];
    private volatile AtomicLongArray quotes = new AtomicLongArray(FIELDS * 16);
    private volatile boolean complete;
    private boolean sawRecord;
    private long lastSeq;
    private boolean changed;
    private final CopyOnWriteArrayList<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public IndexMarketData(final IndexRules rules, final int productsMax)
    {
        book = new IndexBook(rules, productsMax).listener(this);
    }

    public static boolean isIndexSymbol(final String symbol)
    {
        return symbol.startsWith(SYMBOL_PREFIX);
    }

    // ------------------------------------------------------------------ event thread

    /**
     * One record of the event stream, in seq order (the chunks of a record split for the transport
     * share its seq). A first record other than seq 1, or a gap, means this gateway did not see the
     * whole journal: its indexes stay unavailable.
     */
    public void onRecord(final JournalRecord record)
    {
        final long seq = record.seq();
        if (!sawRecord)
        {
            sawRecord = true;
            complete = 1 == seq;
        }
        else if (seq != lastSeq && seq != lastSeq + 1)
        {
            complete = false;
        }
        lastSeq = seq;
        book.apply(record);
        if (book.indexCount() > ids.length)
        {
            publishIds(); // an index whose first product registered: known before it has a value
        }
        if (changed)
        {
            changed = false;
            for (final Subscriber s : subscribers)
            {
                s.schedule();
            }
        }
    }

    @Override
    public void onIndex(final IndexBook book, final int index)
    {
        if (index >= ids.length)
        {
            publishIds();
        }
        final AtomicLongArray q = quotes;
        final int at = index * FIELDS;
        final long version = q.get(at + VERSION);
        q.set(at + VERSION, version + 1); // odd: being written
        q.set(at + VALUE, book.value(index));
        q.set(at + STATUS, book.status(index));
        q.set(at + QTY, book.indexQty(index));
        q.set(at + VERSION, version + 2);
        changed = true;
    }

    /** A new index (its first product registered, or its first value): ids and quote slots grow. */
    private void publishIds()
    {
        final int n = book.indexCount();
        if (quotes.length() < n * FIELDS)
        {
            final AtomicLongArray grown = new AtomicLongArray(Math.max(n, quotes.length() / FIELDS * 2) * FIELDS);
            for (int k = 0; k < quotes.length(); k++)
            {
                grown.set(k, quotes.get(k));
            }
            quotes = grown;
        }
        final String[] newIds = Arrays.copyOf(ids, n);
        for (int i = ids.length; i < n; i++)
        {
            newIds[i] = book.indexId(i);
        }
        ids = newIds;
    }

    /** Whether this gateway has seen the whole journal (its index values are the published ones). */
    public boolean complete()
    {
        return complete;
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
        if (!complete)
        {
            return "2Index " + symbol + " unavailable: this gateway has not seen the journal from its start";
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
        final boolean hasValue = IndexBook.STATUS_NONE != quote[STATUS];
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
            .string(FixTags.TEXT, IndexBook.STATUS_NAMES[(int)quote[STATUS]]);
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
                final char action = IndexBook.STATUS_NONE == sub.status ? '0' : '1';
                sub.version = quote[VERSION];
                sub.status = quote[STATUS];
                final FixEncoder e = session.begin("X");
                e.string(FixTags.MD_REQ_ID, sub.mdReqId).longValue(FixTags.NO_MD_ENTRIES, 1)
                    .charValue(FixTags.MD_UPDATE_ACTION, action).charValue(FixTags.MD_ENTRY_TYPE, '3')
                    .string(FixTags.SYMBOL, sub.symbol).decimal(FixTags.MD_ENTRY_PX, quote[VALUE], 2)
                    .longValue(FixTags.MD_ENTRY_SIZE, quote[QTY])
                    .string(FixTags.TEXT, IndexBook.STATUS_NAMES[(int)quote[STATUS]]);
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
