package io.databourse.gateway.link;

import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Image;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

/**
 * The link to a matcher in one process (the embedded exchange, or one reached over aeron:udp): one
 * command publication shared by every session (Aeron's concurrent publication is thread-safe) and
 * one subscription to the matcher's records ({@link io.databourse.journal.schema.ExchangeStreams}).
 * A new image of the event stream (a matcher that started, or restarted, behind this gateway)
 * starts a new {@link #eventStreamEpoch()}.
 */
public final class AeronStreamsLink implements ExchangeLink
{
    private final Aeron aeron;
    private final boolean ownsAeron;
    private final Publication publication;
    private final Subscription subscription;
    private final FragmentHandler assembler = new FragmentAssembler(this::onFragment);
    /** Images of the event stream seen so far; written on the Aeron client's thread. */
    private final AtomicLong eventImagesSeen = new AtomicLong();
    private RecordsHandler handler;

    /**
     * @param aeron     the client to add the publication and subscription with
     * @param ownsAeron whether {@link #close()} closes the client too
     */
    public AeronStreamsLink(
        final Aeron aeron,
        final boolean ownsAeron,
        final String commandChannel,
        final int commandStreamId,
        final String eventChannel,
        final int eventStreamId)
    {
        this.aeron = aeron;
        this.ownsAeron = ownsAeron;
        this.publication = aeron.addPublication(commandChannel, commandStreamId);
        this.subscription = aeron.addSubscription(eventChannel, eventStreamId, this::onEventImageAvailable, image -> { });
    }

    private void onEventImageAvailable(final Image image)
    {
        eventImagesSeen.incrementAndGet();
    }

    @Override
    public long offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return publication.offer(buffer, offset, length);
    }

    @Override
    public int poll(final RecordsHandler handler, final int limit)
    {
        this.handler = handler;
        return subscription.poll(assembler, limit);
    }

    private void onFragment(final DirectBuffer buffer, final int offset, final int length, final io.aeron.logbuffer.Header header)
    {
        handler.onRecords(buffer, offset, length);
    }

    /** Counting images (rather than Subscription.isConnected(), true before the image handler runs) moves once per image. */
    @Override
    public boolean isConnected()
    {
        return publication.isConnected();
    }

    @Override
    public long eventStreamEpoch()
    {
        return eventImagesSeen.get();
    }

    @Override
    public void close()
    {
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
