package io.databourse.gateway;

import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.databourse.gateway.app.Application;
import io.databourse.gateway.trading.CancelOnDisconnect;
import io.databourse.gateway.trading.TradingApplication;
import io.databourse.gateway.trading.ExchangeViews;
import io.databourse.gateway.trading.JournalCatchUp;
import io.databourse.gateway.trading.ProductDirectory;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.schema.Flyweight;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The gateway's Aeron side: one command publication shared by every exchange session (Aeron's
 * concurrent publication is thread-safe) and one event subscription, polled as the duty of one of
 * the gateway's Netty I/O threads (the "event thread": {@code netty.DutyCycleSelectStrategy} runs
 * {@link #doWork()} on every turn of its loop). Each journal record goes to the gateway's views
 * ({@link ExchangeViews}: products, book, orders) and its events to the sessions they are for.
 * <p><b>Restarts.</b> At start the views are rebuilt from the journal (when the gateway can read it,
 * {@link GatewayContext#journalDir}), without delivering anything: what a client sees after a
 * restart equals what it saw before. After that, every record is applied once, in seq order,
 * whichever way it came: records on the egress stream at or below the last applied seq are skipped;
 * a gap (records published before the gateway joined the stream, or lost by a matcher that died
 * between journaling and publishing) is filled from the journal before the record that showed it.
 * <p>Products registered before this gateway subscribed never reach it as PRODUCT_REGISTERED when it
 * has no journal to read (the launcher loads its reference data before it starts the gateway; a
 * matcher may restart behind a running gateway), so whenever the matcher's event stream appears (a
 * new image) or the command publication reconnects, the agent sends one PRODUCT_LIST_REQUEST and
 * the directory learns every product from the PRODUCT_SNAPSHOT events that answer it.
 */
final class ExchangeBridge implements AutoCloseable, Agent
{
    private static final int FRAGMENT_LIMIT = 64;

    private final GatewayContext ctx;
    private final boolean ownsAeron;
    private final Aeron aeron;
    private final Publication publication;
    private final Subscription subscription;
    private final ExchangeViews views;
    private final CancelOnDisconnect cancelOnDisconnect;
    private final JournalCatchUp journal;
    private final Int2ObjectHashMap<TradingApplication> applications = new Int2ObjectHashMap<>();
    private final FragmentHandler assembler = new FragmentAssembler(this::onMessage);
    private final JournalRecord.RecordHandler egressRecordHandler = this::onEgressRecord;
    private final JournalCatchUp.RecordHandler journalRecordHandler = this::onJournalRecord;
    private final UnsafeBuffer productListRequest = new UnsafeBuffer(new byte[Flyweight.HEADER_LENGTH]);
    /** Images of the event stream seen so far (a new matcher publication is a new image); Aeron client thread. */
    private final AtomicLong eventImagesSeen = new AtomicLong();
    /** The value of eventImagesSeen when the product list was last asked for; 0 = to be asked (agent thread). */
    private long productListAskedAtImage;
    /** The seq of the last record applied to the views; read by other threads for cancel-on-disconnect ids. */
    private volatile long appliedSeq;
    /** The seq of the egress record being applied chunk by chunk (a big record comes split); -1 when none. */
    private long egressSeq = -1;
    private boolean egressGapLogged;
    private String rebuildSummary = "views not rebuilt yet";

    ExchangeBridge(final GatewayContext ctx)
    {
        this.ctx = ctx;
        this.ownsAeron = null == ctx.aeron();
        this.aeron = ownsAeron ?
            Aeron.connect(new Aeron.Context().aeronDirectoryName(ctx.aeronDirectoryName())) : ctx.aeron();
        this.publication = aeron.addPublication(ctx.commandChannel(), ctx.commandStreamId());
        this.views = new ExchangeViews(ctx);
        this.cancelOnDisconnect = new CancelOnDisconnect(
            publication, () -> appliedSeq, ctx.offerAttemptsMax(), ctx.counters(), ctx.sessionLog());
        // The request is a bare header: the matcher needs nothing else to list its products.
        productListRequest.putShort(Flyweight.LENGTH_OFFSET, (short)Flyweight.HEADER_LENGTH);
        productListRequest.putShort(Flyweight.TYPE_OFFSET, (short)MessageType.PRODUCT_LIST_REQUEST);
        productListRequest.putInt(Flyweight.SESSION_ID_OFFSET, CancelOnDisconnect.OPERATOR_SESSION_ID);
        JournalCatchUp catchUp = null;
        try
        {
            catchUp = null == ctx.journalDir() ? null : JournalCatchUp.open(ctx.journalDir());
            // Subscribed before the journal is read: whatever is published from now on is seen on one side or the other.
            this.subscription = aeron.addSubscription(
                ctx.eventChannel(), ctx.eventStreamId(), this::onEventImageAvailable, image -> { });
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.close(catchUp);
            if (ownsAeron)
            {
                CloseHelper.close(aeron);
            }
            throw ex;
        }
        this.journal = catchUp;
    }

    /** A (new) matcher publishes events: whatever it registered before this moment must be asked for. */
    private void onEventImageAvailable(final Image image)
    {
        eventImagesSeen.incrementAndGet();
    }

    Application newApplication(final SessionConfig config)
    {
        final TradingApplication application = new TradingApplication(
            config, publication, views.products(), views, cancelOnDisconnect, ctx);
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
        work += subscription.poll(assembler, FRAGMENT_LIMIT);
        work += views.answerRequests();
        if (publication.isConnected())
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
     * gateway has an image of the event stream, the answer could be published before it joins and
     * be missed. Counting images (rather than testing Subscription.isConnected(), which turns true
     * before the image handler runs) asks once per image. A disconnected command publication
     * (matcher gone) asks again on reconnection; a failed offer retries on the next duty cycle.
     */
    private int requestProductList()
    {
        if (!publication.isConnected())
        {
            productListAskedAtImage = 0;
            return 0;
        }
        final long images = eventImagesSeen.get();
        if (0 == images || productListAskedAtImage == images)
        {
            return 0;
        }
        if (publication.offer(productListRequest, 0, Flyweight.HEADER_LENGTH) < 0)
        {
            return 0;
        }
        productListAskedAtImage = images;
        ctx.counters().productListRequests.incrementAndGet();
        return 1;
    }

    @Override
    public String roleName()
    {
        return "gateway-events";
    }

    /** One egress message: one or more whole records back to back. */
    private void onMessage(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
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
                (null == journal ? "; no journal to fill the gap from (GatewayContext.journalDir)" :
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
        if (ownsAeron)
        {
            CloseHelper.close(aeron);
        }
        else
        {
            CloseHelper.closeAll(publication, subscription);
        }
    }
}
