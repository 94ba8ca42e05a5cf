package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.testsupport.ChildJvm;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway in a process of its own (GatewayMain with its own media driver) and the matcher (the
 * fake, with another media driver) in the test's process, connected by configuration alone over
 * aeron:udp on loopback.
 */
class SeparateProcessTest
{
    @TempDir
    Path tempDir;

    private static int freeUdpPort() throws Exception
    {
        try (DatagramSocket socket = new DatagramSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    @Test
    void gatewayProcessTradesWithAMatcherInAnotherProcessOverUdp() throws Exception
    {
        final String commandChannel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final String eventChannel = "aeron:udp?endpoint=127.0.0.1:" + freeUdpPort();
        final Path sessions = tempDir.resolve("sessions.ini");
        Files.write(sessions, List.of(
            "[session]", "sessionId = 11", "senderCompId = DBX", "targetCompId = ALICE", "participant = alice",
            "passwordHash = " + io.databourse.edge.PasswordHash.hash("pw", io.databourse.edge.PasswordHash.ITERATIONS_MIN), "resetOnLogon = true"));
        final long pid = ProcessHandle.current().pid();
        final Process process = new ProcessBuilder(ChildJvm.command("128m", "io.databourse.gateway.GatewayMain",
            "--port", "0",
            "--sessions", sessions.toString(),
            "--store-dir", tempDir.resolve("seqnums").toString(),
            "--embedded-driver", "/dev/shm/databourse-gw-child-" + pid,
            "--command-channel", commandChannel,
            "--event-channel", eventChannel))
            .redirectErrorStream(true)
            .start();
        try (MediaDriver driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
                .aeronDirectoryName("/dev/shm/databourse-gw-matcher-" + pid)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true));
            Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            final BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            final String line = out.readLine();
            assertNotNull(line, "gateway process printed nothing");
            if (!line.startsWith("listening on "))
            {
                final StringBuilder rest = new StringBuilder(line);
                String more;
                while (null != (more = out.readLine()))
                {
                    rest.append('\n').append(more);
                }
                throw new AssertionError("gateway process failed: " + rest);
            }
            final int port = Integer.parseInt(line.split(" ")[2]);
            final FakeMatcher matcher = new FakeMatcher(aeron, commandChannel, ExchangeStreams.COMMAND_STREAM_ID, eventChannel,
                ExchangeStreams.EVENT_STREAM_ID);
            try
            {
                matcher.start();
                try (TestFixClient alice = new TestFixClient(port, "ALICE", "DBX"))
                {
                    alice.logon("553=ALICE|554=pw|");
                    alice.expect("A");
                    alice.send("D", "11=p1|55=DATA-1|54=1|38=3|40=2|44=2.50|60=" + TestFixClient.now() + "|");
                    final String report = alice.expect("8");
                    assertEquals("0", field(report, 150), report);
                    assertEquals("DATA-1", field(report, 55), report);
                    assertEquals("2.50", field(report, 44), report);
                }
            }
            finally
            {
                matcher.close();
            }
        }
        finally
        {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }
}
