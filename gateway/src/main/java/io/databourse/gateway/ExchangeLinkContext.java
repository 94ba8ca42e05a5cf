package io.databourse.gateway;

import java.nio.file.Path;
import java.util.function.Function;

import io.aeron.Aeron;
import io.databourse.gateway.link.ExchangeLink;
import io.databourse.journal.schema.ExchangeStreams;

/**
 * The exchange side of a {@link FixGateway} (what {@link ExchangeBridge} is built from): how the
 * gateway reaches the matcher (the single-process exchange's Aeron streams, or a link of another
 * kind such as a cluster client), how commands are offered, and the views kept from the matcher's
 * records (journal to rebuild them from, their bounds). Without one the gateway runs certification
 * sessions only. Aeron-style: fluent setters; {@link GatewayContext#conclude()} concludes it.
 */
public final class ExchangeLinkContext
{
    private Aeron aeron;
    private String aeronDirectoryName;
    private Function<ExchangeLinkContext, ExchangeLink> linkFactory;
    private String commandChannel = ExchangeStreams.IPC_CHANNEL;
    private int commandStreamId = ExchangeStreams.COMMAND_STREAM_ID;
    private String eventChannel = ExchangeStreams.IPC_CHANNEL;
    private int eventStreamId = ExchangeStreams.EVENT_STREAM_ID;
    private int offerAttemptsMax = 3;
    private int sessionEventQueueCapacity = 1024 * 1024;
    private int productsMax = 4_096;
    private Path journalDir;
    private int doneOrdersMax = 100_000;
    private boolean concluded;

    /** Whether the matcher can be reached: through an Aeron client, or a link of another kind. */
    public boolean canReachMatcher()
    {
        return null != aeron || null != aeronDirectoryName || null != linkFactory;
    }

    /** Checks ranges; called once, by the gateway's context. */
    ExchangeLinkContext conclude()
    {
        if (concluded)
        {
            throw new IllegalStateException("ExchangeLinkContext already concluded");
        }
        concluded = true;
        GatewayContext.requireAtLeast("offerAttemptsMax", offerAttemptsMax, 1);
        GatewayContext.requireAtLeast("doneOrdersMax", doneOrdersMax, 0);
        return this;
    }

    /** An Aeron client owned by the caller (the embedded launcher); not closed by the gateway. */
    public Aeron aeron()
    {
        return aeron;
    }

    public ExchangeLinkContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    /** Media driver directory to connect a client of the gateway's own to, when no Aeron is given. */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    public ExchangeLinkContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /** Makes the gateway's link to the matcher; null (default) for the matcher's Aeron command and event streams. */
    public Function<ExchangeLinkContext, ExchangeLink> linkFactory()
    {
        return linkFactory;
    }

    /**
     * How the gateway reaches the matcher when it is not by the single-process exchange's Aeron
     * streams, e.g. as a client of a replicated matcher (the cluster module); called once, at launch.
     */
    public ExchangeLinkContext linkFactory(final Function<ExchangeLinkContext, ExchangeLink> linkFactory)
    {
        this.linkFactory = linkFactory;
        return this;
    }

    public String commandChannel()
    {
        return commandChannel;
    }

    public ExchangeLinkContext commandChannel(final String commandChannel)
    {
        this.commandChannel = commandChannel;
        return this;
    }

    public int commandStreamId()
    {
        return commandStreamId;
    }

    public ExchangeLinkContext commandStreamId(final int commandStreamId)
    {
        this.commandStreamId = commandStreamId;
        return this;
    }

    public String eventChannel()
    {
        return eventChannel;
    }

    public ExchangeLinkContext eventChannel(final String eventChannel)
    {
        this.eventChannel = eventChannel;
        return this;
    }

    public int eventStreamId()
    {
        return eventStreamId;
    }

    public ExchangeLinkContext eventStreamId(final int eventStreamId)
    {
        this.eventStreamId = eventStreamId;
        return this;
    }

    /** Offers of a command to a back-pressured publication before the order is rejected. */
    public int offerAttemptsMax()
    {
        return offerAttemptsMax;
    }

    public ExchangeLinkContext offerAttemptsMax(final int offerAttemptsMax)
    {
        this.offerAttemptsMax = offerAttemptsMax;
        return this;
    }

    /** Bytes of matcher events queued per session between the event poller and the session's thread. */
    public int sessionEventQueueCapacity()
    {
        return sessionEventQueueCapacity;
    }

    public ExchangeLinkContext sessionEventQueueCapacity(final int sessionEventQueueCapacity)
    {
        this.sessionEventQueueCapacity = sessionEventQueueCapacity;
        return this;
    }

    /** Products the gateway's views know at most. */
    public int productsMax()
    {
        return productsMax;
    }

    public ExchangeLinkContext productsMax(final int productsMax)
    {
        this.productsMax = productsMax;
        return this;
    }

    /**
     * The exchange's journal directory, read (never written) to rebuild the gateway's views at
     * start and to fill gaps in the event stream; null for a gateway that cannot read it (another
     * machine), whose views then start empty.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    public ExchangeLinkContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /**
     * Done (filled, cancelled, expired) orders the gateway keeps for OrderStatusRequest, on top of
     * every live one; beyond it the oldest are forgotten and a status request for them is answered
     * "unknown order". About 200 bytes each.
     */
    public int doneOrdersMax()
    {
        return doneOrdersMax;
    }

    public ExchangeLinkContext doneOrdersMax(final int doneOrdersMax)
    {
        this.doneOrdersMax = doneOrdersMax;
        return this;
    }
}
