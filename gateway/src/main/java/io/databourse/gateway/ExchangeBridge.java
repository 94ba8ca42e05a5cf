package io.databourse.gateway;

import io.aeron.Aeron;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.trading.CancelOnDisconnect;
import io.databourse.gateway.trading.TradingApplication;
import io.databourse.gateway.trading.ExchangeViews;
import io.databourse.gateway.trading.JournalCatchUp;
import io.databourse.gateway.trading.IndexMarketData;
import io.databourse.gateway.trading.ProductDirectory;
import io.databourse.gateway.link.AeronStreamsLink;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The gateway's side of its {@link ExchangeLink} to the matcher: commands go out on the link from
 * every exchange session; the link's records are polled as the duty of one of
 * the gateway's Netty I/O threads (the "event thread": {@code netty.DutyCycleSelectStrategy} runs
 * {@link #doWork()} on every turn of its loop). Each journal record goes to the gateway's views
 * ({@link ExchangeViews}: products, book, orders) and its events to the sessions they are for.
 * <p><b>Restarts.</b> At start the views are rebuilt from the journal (when the gateway can read it,
 * {@link ExchangeLinkContext#journalDir}), without delivering anything: what a client sees after a
 * restart equals what it saw before. After that, every record is applied once, in seq order,
 * whichever way it came: records on the egress stream at or below the last applied seq are skipped;
 * a gap (records published before the gateway joined the stream, or lost by a matcher that died
 * between journaling and publishing) is filled from the journal before the record that showed it.
 * <p>Products registered before this gateway subscribed never reach it as PRODUCT_REGISTERED when it
 * has no journal to read (the launcher loads its reference data before it starts the gateway; a
 * matcher may restart behind a running gateway), so whenever the link starts a new event stream
 * epoch (a new matcher image, a cluster link's first connection) or reconnects, the agent sends one
 * PRODUCT_LIST_REQUEST and the directory learns every product from the PRODUCT_SNAPSHOT events that
 * answer it.
 */
final class ExchangeBridge implements AutoCloseable, Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final GatewayContext ctx;
    private final ExchangeLink link;
    private final ExchangeViews views;
    /** The price indexes' market data (symbols IDX.*), fed by the launcher from settlement's index stage. */
    private final IndexMarketData indexes = new IndexMarketData();
    private final CancelOnDisconnect cancelOnDisconnect;
    private final JournalCatchUp journal;
    private final Int2ObjectHashMap<TradingApplication> applications = new Int2ObjectHashMap<>();
    private final ExchangeLink.RecordsHandler recordsHandler = this::onMessage;
    private final JournalRecord.RecordHandler egressRecordHandler = this::onEgressRecord;
    private final JournalCatchUp.RecordHandler journalRecordHandler = this::onJournalRecord;
    private final UnsafeBuffer productListRequest = new UnsafeBuffer(new byte[RecordHeader.ENCODED_LENGTH]);
    /** The link's event stream epoch when the product list was last asked for; 0 = to be asked. */
    private long productListAskedAtEpoch;
    /** The seq of the last record applied to the views; read by other threads for cancel-on-disconnect ids. */
    private volatile long appliedSeq;
    /** The seq of the egress record being applied chunk by chunk (a big record comes split); -1 when none. */
    private long egressSeq = -1;
    private boolean egressGapLogged;
    private String rebuildSummary = "views not rebuilt yet";

    ExchangeBridge(final GatewayContext ctx)
    {
        this.ctx = ctx;
        // Subscribed (the link's constructor) before the journal is read: whatever is published from
        // now on is seen on one side or the other.
        final ExchangeLinkContext linkCtx = ctx.exchangeLink();
        this.link = null != linkCtx.linkFactory() ? linkCtx.linkFactory().apply(linkCtx) : aeronStreamsLink(linkCtx);
        this.views = new ExchangeViews(ctx);
        this.cancelOnDisconnect = new CancelOnDisconnect(
            link, () -> appliedSeq, linkCtx.offerAttemptsMax(), ctx.counters(), ctx.sessionLog());
        // The request is a bare header: the matcher needs nothing else to list its products.
        productListRequest.putShort(RecordHeader.LENGTH_OFFSET, (short)RecordHeader.ENCODED_LENGTH);
        productListRequest.putShort(RecordHeader.TYPE_OFFSET, (short)MessageType.PRODUCT_LIST_REQUEST);
        productListRequest.putInt(RecordHeader.SESSION_ID_OFFSET, CancelOnDisconnect.OPERATOR_SESSION_ID);
        JournalCatchUp catchUp = null;
        try
        {
            catchUp = null == linkCtx.journalDir() ? null : JournalCatchUp.open(linkCtx.journalDir());
        }
        catch (final RuntimeException ex)
        {
            link.close();
            throw ex;
        }
        this.journal = catchUp;
    }

    /** The single-process exchange's link: the matcher's command and event streams. */
    private static ExchangeLink aeronStreamsLink(final ExchangeLinkContext ctx)
    {
        final boolean ownsAeron = null == ctx.aeron();
        final Aeron aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())) : ctx.aeron();
        return new AeronStreamsLink(
            aeron, ownsAeron, ctx.commandChannel(), ctx.commandStreamId(), ctx.eventChannel(), ctx.eventStreamId());
    }

    Application newApplication(final SessionConfig config)
    {
        final TradingApplication application = new TradingApplication(
            config, link, views.products(), views, indexes, cancelOnDisconnect, ctx);
        applications.put(config.sessionId(), application);
        views.serve(application);
        return application;
    }

    /**
     * Rebuilds the views from the journal, delivering nothing, then marks the cancel-on-disconnect
     * sessions that still have live orders: they were trading when the exchange stopped (or their
     * mass cancel was lost with it), and their participant's orders are cancelled before they can
     * log on again. Called once, after every application is made, before the acceptor takes
     * connections.
     */
    void rebuildViews()
    {
        if (null != journal)
        {
            final long startNs = System.nanoTime();
            final long last = journal.readThrough(Long.MAX_VALUE, journalRecordHandler);
            rebuildSummary = "views rebuilt from the journal through seq " + last + " in " +
                (System.nanoTime() - startNs) / 1_000_000 + " ms: " + views.describe();
        }
        else
        {
            rebuildSummary = "no journal to rebuild the views from: they start empty";
        }
        views.startDelivering();
        for (final TradingApplication application : applications.values())
        {
            final SessionConfig config = application.config();
            final int live = views.liveOrdersOfSession(config.sessionId());
            if (config.cancelOnDisconnect() && live > 0)
            {
                application.cancelAtStart(live);
            }
        }
    }

    /** What the start found in the journal, for the launcher's log. */
    String rebuildSummary()
    {
        return rebuildSummary;
    }

    ProductDirectory products()
    {
        return views.products();
    }

    @Override
    public int doWork()
    {
        int work = requestProductList();
        work += link.poll(recordsHandler, FRAGMENT_LIMIT);
        work += views.answerRequests();
        if (link.isConnected())
        {
            for (final TradingApplication application : applications.values())
            {
                work += application.sendCancelAtStart();
            }
        }
        return work;
    }

    /**
     * Sends the product list request once both directions are connected: asked before this
     * gateway receives the event stream, the answer could be published before it joins and be
     * missed. It is asked once per event stream epoch (a new matcher image, a cluster link's first
     * connection). A disconnected link (matcher gone) asks again on reconnection; a failed offer
     * retries on the next duty cycle.
     */
    private int requestProductList()
    {
        if (!link.isConnected())
        {
            productListAskedAtEpoch = 0;
            return 0;
        }
        final long epoch = link.eventStreamEpoch();
        if (0 == epoch || productListAskedAtEpoch == epoch)
        {
            return 0;
        }
        if (link.offer(productListRequest, 0, RecordHeader.ENCODED_LENGTH) < 0)
        {
            return 0;
        }
        productListAskedAtEpoch = epoch;
        ctx.counters().productListRequests.incrementAndGet();
        return 1;
    }

    IndexMarketData indexes()
    {
        return indexes;
    }

    @Override
    public String roleName()
    {
        return "gateway-events";
    }

    /** One egress message: one or more whole records back to back. */
    private void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        try
        {
            views.record().forEachRecord(buffer, offset, length, egressRecordHandler);
        }
        catch (final IllegalStateException ex)
        {
            // A malformed message must not stop the event thread; the records before it were delivered.
            ctx.errorHandler().onError(ex);
        }
    }

    private void onEgressRecord(final JournalRecord record)
    {
        final long seq = record.seq();
        if (seq == egressSeq)
        {
            // The next chunk of a record too big for one message: its event indexes (hence ExecIDs) continue.
            views.apply(record, false);
            return;
        }
        if (seq <= appliedSeq)
        {
            return; // applied from the journal already
        }
        if (seq > appliedSeq + 1)
        {
            fillGap(seq);
            if (seq <= appliedSeq)
            {
                return;
            }
        }
        egressSeq = seq;
        appliedSeq = seq;
        views.apply(record, true);
    }

    /** Records before seq that egress did not show: from the journal, delivered like egress's own. */
    private void fillGap(final long seq)
    {
        if (null != journal)
        {
            journal.readThrough(seq - 1, journalRecordHandler);
        }
        if (appliedSeq < seq - 1 && !egressGapLogged)
        {
            // Without a journal to read (a gateway on another machine) a gap stays one: say so once.
            egressGapLogged = true;
            ctx.sessionLog().accept("gateway: event stream resumed at seq " + seq + " after " + appliedSeq +
                (null == journal ? "; no journal to fill the gap from (ExchangeLinkContext.journalDir)" :
                "; the journal does not hold the records between"));
        }
        ctx.counters().egressGaps.incrementAndGet();
    }

    private void onJournalRecord(final JournalRecord record)
    {
        if (record.seq() <= appliedSeq)
        {
            return;
        }
        appliedSeq = record.seq();
        egressSeq = -1;
        views.apply(record, true);
    }

    @Override
    public void onClose()
    {
    }

    @Override
    public void close()
    {
        CloseHelper.close(journal);
        link.close();
    }
}
