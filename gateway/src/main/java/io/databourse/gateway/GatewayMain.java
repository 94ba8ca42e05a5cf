package io.databourse.gateway;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import io.databourse.journal.idle.IdleStrategies;

/**
 * Runs a gateway on its own:
 * <pre>
 * java $JVM_FLAGS -cp ... io.databourse.gateway.GatewayMain --port 9880 --sessions sessions.ini \
 *     [--host 127.0.0.1] [--store-dir DIR] [--aeron-dir DIR | --embedded-driver DIR] \
 *     [--command-channel aeron:udp?endpoint=127.0.0.1:40123] [--event-channel aeron:udp?endpoint=127.0.0.1:40124] \
 *     [--journal DIR] [--tls-cert CHAIN.pem --tls-key KEY.pem]
 * </pre>
 * --journal names the exchange's journal directory when this machine can read it: the gateway then
 * rebuilds its views (book, order states, products) from it at start and fills any gap in the event
 * stream from it; without it they start empty.
 * Without --aeron-dir or --embedded-driver only certification sessions can be configured;
 * --embedded-driver starts a media driver of the gateway's own (one shared thread, backoff idle) in
 * DIR, for a gateway process talking to a matcher in another process over aeron:udp. Prints "listening on PORT"
 * once accepting; stops on SIGTERM/SIGINT.
 */
public final class GatewayMain
{
    /** The flags a gateway process needs (Agrona and Chronicle Queue), valid on JDK 17 and later. */
    public static final String JVM_FLAGS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED " +
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED " +
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED -Dchronicle.analytics.disable=true";

    private GatewayMain()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        // Chronicle Queue (the session stores) reports usage over the internet unless told not to.
        if (null == System.getProperty("chronicle.analytics.disable"))
        {
            System.setProperty("chronicle.analytics.disable", "true");
        }
        if (!Object.class.getModule().isOpen("sun.nio.ch", GatewayMain.class.getModule()))
        {
            // Without it Chronicle fails deep inside its first file mapping; say what is missing instead.
            System.err.println("GatewayMain needs the JVM flags of Chronicle Queue (session stores): " + JVM_FLAGS);
            System.exit(2);
        }
        final ExchangeLinkContext link = new ExchangeLinkContext();
        final GatewayContext ctx = new GatewayContext().exchangeLink(link)
            .sessionLog(line -> System.out.println(java.time.Instant.now() + " " + line));
        String embeddedDriverDir = null;
        String tlsCert = null;
        String tlsKey = null;
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            if (i + 1 >= args.length)
            {
                usage("missing value for " + arg);
            }
            final String value = args[++i];
            switch (arg)
            {
                case "--port": ctx.port(Integer.parseInt(value)); break;
                case "--host": ctx.bindHost(value); break;
                case "--sessions": ctx.sessionsFile(Path.of(value)); break;
                case "--store-dir": ctx.sequenceStoreDir(new File(value)); break;
                case "--aeron-dir": link.aeronDirectoryName(value); break;
                case "--embedded-driver": embeddedDriverDir = value; break;
                case "--command-channel": link.commandChannel(value); break;
                case "--event-channel": link.eventChannel(value); break;
                case "--journal": link.journalDir(Path.of(value)); break;
                case "--tls-cert": tlsCert = value; break;
                case "--tls-key": tlsKey = value; break;
                default: usage("unknown option " + arg);
            }
        }
        if (null == ctx.sessionsFile())
        {
            usage("--sessions is required");
        }
        if ((null == tlsCert) != (null == tlsKey))
        {
            usage("--tls-cert and --tls-key go together");
        }
        if (null != tlsCert)
        {
            ctx.tls(io.databourse.edge.ServerTls.fromPem(new File(tlsCert), new File(tlsKey)));
        }
        final MediaDriver driver = null == embeddedDriverDir ? null : MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(embeddedDriverDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(IdleStrategies.driverConfigured())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        if (null != driver)
        {
            link.aeronDirectoryName(driver.aeronDirectoryName());
        }
        final FixGateway gateway;
        try
        {
            gateway = FixGateway.launch(ctx);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.close(driver);
            throw ex;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            gateway.close();
            CloseHelper.close(driver);
            System.out.println("gateway stopped: " + gateway.counters());
            stopped.countDown();
        }, "gateway-shutdown"));
        System.out.println("listening on " + gateway.port() + (gateway.isEpoll() ? " (epoll)" : " (nio)"));
        System.out.flush();
        stopped.await();
    }

    private static void usage(final String problem)
    {
        System.err.println(problem);
        System.err.println("usage: GatewayMain --port N --sessions FILE [--host H] [--store-dir DIR] [--aeron-dir DIR | --embedded-driver DIR]"
            + " [--command-channel CH] [--event-channel CH] [--journal DIR] [--tls-cert PEM --tls-key PEM]");
        System.exit(2);
    }
}
