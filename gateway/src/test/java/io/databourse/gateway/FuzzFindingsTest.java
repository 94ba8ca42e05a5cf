package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.schema.ExchangeStreams;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the FIX fuzz campaign found that broke the gateway, each kept as a test (docs/reliability.md).
 * <p>Seed 11306678010472, input 107,999 of the TCP campaign: a message whose values filled most of
 * the 16 KiB allowed, answered with a session Reject that echoes its routing fields (or, in the
 * application, a report that echoes its ClOrdID, Symbol and Account), overran the encoder's buffer,
 * which was sized for one message and no more: IndexOutOfBoundsException on the I/O thread, and
 * the connection dropped instead of answered.
 */
class FuzzFindingsTest
{
    private static final int MESSAGE_LENGTH_MAX = 16 * 1024;

    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron aeron;
    private FakeMatcher matcher;
    private FixGateway gateway;

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

    @Test
    void aSessionRejectEchoingNearlyAWholeMessageOfRoutingFieldsIsSent() throws Exception
    {
        gateway = FixGateway.launch(RobustnessTest.context(tempDir.toFile()).messageLengthMax(MESSAGE_LENGTH_MAX));
        try (TestFixClient client = new TestFixClient(gateway.port(), "TW", "ISLD"))
        {
            client.logon("");
            client.expect("A");
            // A Heartbeat that is nearly all routing fields (the Reject mirrors them), and an unknown tag to reject.
            client.send("0", "115=" + "A".repeat(8_150) + "|128=" + "B".repeat(8_150) + "|99999=1|");
            final String reject = client.expect("3");
            assertEquals("0", field(reject, 373), "Invalid tag number");
            assertEquals(8_150, field(reject, 128).length(), "OnBehalfOfCompID is mirrored into DeliverToCompID");
        }
        assertEquals(0, gateway.counters().errors.get());
    }

    @Test
    void anExecutionReportEchoingAnOverlongClOrdIdIsSent() throws Exception
    {
        final String dir = "/dev/shm/databourse-fuzz-findings-" + ProcessHandle.current().pid();
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context().aeronDirectoryName(dir)
            .threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        gateway = FixGateway.launch(new GatewayContext().port(0).sessions(ExchangeGatewayTest.sessions())
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums")).exchangeLink(new ExchangeLinkContext().aeron(aeron))
            .messageLengthMax(MESSAGE_LENGTH_MAX)
            .ioLingerPolls(0));
        matcher = new FakeMatcher(aeron, ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID,
            ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID);
        matcher.start();
        ExchangeGatewayTest.awaitProducts(gateway);
        try (TestFixClient alice = new TestFixClient(gateway.port(), "ALICE", "DBX"))
        {
            alice.logon("553=ALICE|554=" + ExchangeGatewayTest.ALICE_PASSWORD + "|");
            alice.expect("A");
            // Refused by the gateway (ClOrdID over 24), and the report echoes ClOrdID, Account, Symbol, Side and qty.
            alice.send("D", "11=" + "C".repeat(8_130) + "|1=alice|55=" + "S".repeat(8_120) + "|54=1|38=1|40=1|60=" +
                TestFixClient.now() + "|");
            final String report = alice.expect("8");
            assertEquals("8", field(report, 150), report.substring(0, 200));
            assertTrue(field(report, 58).startsWith("ClOrdID must be at most 24"));
            assertEquals(8_130, field(report, 11).length());
        }
        assertEquals(0, gateway.counters().errors.get());
    }
}
