package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.ExchangeStreams;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway that was not listening when the matcher registered its products (the launcher loads
 * reference data first; a matcher can restart behind a running gateway) learns them from the
 * PRODUCT_SNAPSHOT events answering the product list request it sends on every connection.
 */
class ProductListTest
{
    private static final long WAIT_MS = 10_000;

    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron aeron;
    private FakeMatcher matcher;
    private FixGateway gateway;

    @BeforeEach
    void startDriver()
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/databourse-gw-products-" + ProcessHandle.current().pid())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
    }

    @AfterEach
    void stop() throws Exception
    {
        CloseHelper.close(gateway);
        if (null != matcher)
        {
            matcher.close();
        }
        CloseHelper.closeAll(aeron, driver);
    }

    private FakeMatcher newMatcher()
    {
        return new FakeMatcher(aeron, ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID,
            ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID);
    }

    private void startGateway()
    {
        gateway = FixGateway.launch(new GatewayContext()
            .port(0)
            .ioThreads(1)
            .sessions(ExchangeGatewayTest.sessions())
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums"))
            .exchangeLink(new ExchangeLinkContext().aeron(aeron))
            .ioLingerPolls(0));
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    private static String securityList(final TestFixClient client, final String reqId) throws Exception
    {
        client.send("x", "320=" + reqId + "|559=4|");
        final String list = client.expect("y");
        assertNotNull(list);
        return list;
    }

    @Test
    void gatewayStartedAfterTheRegistrationListsTheProductWithItsCurrentStatus() throws Exception
    {
        matcher = newMatcher();
        // Suspended since its registration (whose embedded command still says listed): the status must
        // come from the snapshot event, not from the defining command.
        matcher.productStatus = Codes.ProductStatus.SUSPENDED;
        matcher.startWithoutAnnouncing();
        startGateway();

        await(() -> gateway.knownProductCount() == 1, "product learnt from the snapshot");
        assertEquals(1, matcher.productListRequests.get());
        assertEquals(1, gateway.counters().productListRequests.get());
        assertTrue(matcher.commandsSeen.isEmpty(), matcher.commandsSeen.toString());

        try (TestFixClient alice = new TestFixClient(gateway.port(), "ALICE", "DBX"))
        {
            alice.logon("553=ALICE|554=" + ExchangeGatewayTest.ALICE_PASSWORD + "|");
            alice.expect("A");
            final String list = securityList(alice, "late");
            assertEquals("DATA-1", field(list, 55), list);
            assertEquals("data", field(list, 762), list);
            assertTrue(field(list, 107).contains("tick=0.01 lot=1 status=suspended"), list);
            assertEquals("suspended", field(list, 58), list);
        }
    }

    @Test
    void asksAgainWhenTheMatcherComesBack() throws Exception
    {
        startGateway();
        matcher = newMatcher();
        matcher.startWithoutAnnouncing();
        await(() -> gateway.knownProductCount() == 1, "product learnt from the first matcher");
        assertEquals(1, matcher.productListRequests.get());

        try (TestFixClient alice = new TestFixClient(gateway.port(), "ALICE", "DBX"))
        {
            alice.logon("553=ALICE|554=" + ExchangeGatewayTest.ALICE_PASSWORD + "|");
            alice.expect("A");
            assertTrue(field(securityList(alice, "before"), 107).contains("status=listed"));

            // The matcher goes away and a new one, in which the product has been suspended meanwhile, comes up.
            matcher.close();
            matcher = newMatcher();
            matcher.productStatus = Codes.ProductStatus.SUSPENDED;
            matcher.startWithoutAnnouncing();
            final FakeMatcher second = matcher;
            // Asked at least once (twice when the command path reconnects before the new event image shows up).
            await(() -> second.productListRequests.get() >= 1, "the gateway asks the new matcher");
            assertTrue(gateway.counters().productListRequests.get() >= 2, gateway.counters().toString());

            String list = securityList(alice, "after-0");
            for (int i = 1; !field(list, 107).contains("status=suspended") && i < 1_000; i++)
            {
                Thread.sleep(5);
                list = securityList(alice, "after-" + i);
            }
            assertTrue(field(list, 107).contains("status=suspended"), list);
            assertEquals("DATA-1", field(list, 55), list);
        }
    }
}
