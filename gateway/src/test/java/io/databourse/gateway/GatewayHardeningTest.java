package io.databourse.gateway;

import static io.databourse.gateway.TestFixClient.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLSocket;

import io.databourse.edge.LogonGuard;
import io.databourse.edge.ServerTls;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.testsupport.TrustingTls;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FIX acceptor against lock-ups and brute force: failed-logon backoff and lockout per account
 * and per address (refused before any password check, logged with the address), connections per
 * address, the logon deadline, and TLS (a TLS client trades; a plain one is closed with one log line).
 * Certification-profile sessions with passwords: no matcher needed.
 */
class GatewayHardeningTest
{
    @TempDir
    Path tempDir;

    private FixGateway gateway;
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop()
    {
        CloseHelper.close(gateway);
    }

    private static List<SessionConfig> sessions()
    {
        return List.of(
            new SessionConfig().sessionId(1).senderCompId("DBX").targetCompId("ALICE").profile("certification")
                .passwordHash(ExchangeGatewayTest.testHash("alice-secret")).resetOnLogon(true).conclude(),
            new SessionConfig().sessionId(2).senderCompId("DBX").targetCompId("BOB").profile("certification")
                .passwordHash(ExchangeGatewayTest.testHash("bob-secret")).resetOnLogon(true).conclude());
    }

    private GatewayContext context()
    {
        return new GatewayContext().port(0).sessions(sessions())
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums"))
            .sessionLog(log::add)
            .logonGuard(new LogonGuard.Settings(2, 60_000, 60_000, 4, 600_000, 100));
    }

    private static String logonAnswer(final TestFixClient client, final String compId, final String password) throws Exception
    {
        client.logon("553=" + compId + "|554=" + password + "|");
        final String answer = client.receive(10_000);
        return null == answer ? "closed" : answer;
    }

    @Test
    void repeatedWrongPasswordsBackOffPerAccountAndPerAddressBeforeAnyCheck() throws Exception
    {
        gateway = FixGateway.launch(context());
        final String attacker = "127.0.0.2";
        for (int i = 0; i < 3; i++)
        {
            try (TestFixClient guess = new TestFixClient(gateway.port(), "ALICE", "DBX", attacker))
            {
                assertEquals("Invalid username or password", field(logonAnswer(guess, "ALICE", "guess" + i), 58));
            }
        }
        // Two failures are free, the third starts the backoff: the next attempts are refused without a
        // look at the password (the right one included).
        for (int i = 0; i < 3; i++)
        {
            try (TestFixClient guess = new TestFixClient(gateway.port(), "ALICE", "DBX", attacker))
            {
                final String answer = logonAnswer(guess, "ALICE", "alice-secret");
                assertTrue(field(answer, 58).startsWith("Too many failed logons: retry in"), answer);
            }
        }
        // From the same address, another account backs off too ...
        try (TestFixClient bob = new TestFixClient(gateway.port(), "BOB", "DBX", attacker))
        {
            assertTrue(field(logonAnswer(bob, "BOB", "bob-secret"), 58).startsWith("Too many failed logons"));
        }
        // ... and from elsewhere the account does, while another account is served.
        try (TestFixClient alice = new TestFixClient(gateway.port(), "ALICE", "DBX", "127.0.0.3"))
        {
            assertTrue(field(logonAnswer(alice, "ALICE", "alice-secret"), 58).startsWith("Too many failed logons"));
        }
        try (TestFixClient bob = new TestFixClient(gateway.port(), "BOB", "DBX", "127.0.0.3"))
        {
            assertEquals("A", field(logonAnswer(bob, "BOB", "bob-secret"), 35));
        }
        assertTrue(gateway.counters().logonsThrottled.get() >= 5, gateway.counters().toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused FIX logon as ALICE from 127.0.0.2: backing off")),
            log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("logon refused from /127.0.0.2:") &&
            l.contains("invalid username or password")), log.toString());
    }

    @Test
    void connectionsPerAddressAreBoundedAndIdleOnesCutAtTheLogonDeadline() throws Exception
    {
        gateway = FixGateway.launch(context().connectionsPerAddressMax(2).logonTimeoutMs(2_000));
        try (TestFixClient idle1 = new TestFixClient(gateway.port(), "X", "DBX", "127.0.0.4");
            TestFixClient idle2 = new TestFixClient(gateway.port(), "X", "DBX", "127.0.0.4");
            TestFixClient third = new TestFixClient(gateway.port(), "X", "DBX", "127.0.0.4"))
        {
            assertTrue(third.awaitClose(5_000), "a third connection from one address is closed on accept");
            // Another address is served meanwhile.
            try (TestFixClient bob = new TestFixClient(gateway.port(), "BOB", "DBX"))
            {
                final String answer = logonAnswer(bob, "BOB", "bob-secret");
                assertEquals("A", field(answer, 35), answer + " " + log);
            }
            // No Logon within the deadline: both idle connections are cut, and the slots come back.
            assertTrue(idle1.awaitClose(10_000));
            assertTrue(idle2.awaitClose(5_000));
        }
        try (TestFixClient again = new TestFixClient(gateway.port(), "BOB", "DBX", "127.0.0.4"))
        {
            assertEquals("A", field(logonAnswer(again, "BOB", "bob-secret"), 35), log.toString());
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused FIX connection from 127.0.0.4: the limit of 2")),
            log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("no logon within 2000 ms from /127.0.0.4")), log.toString());
    }

    @Test
    void overTlsAClientLogsOnAndAPlainOneIsClosed() throws Exception
    {
        final Path tlsDir = tempDir.resolve("tls");
        gateway = FixGateway.launch(context().tls(ServerTls.demo(tlsDir)));
        try (SSLSocket socket = (SSLSocket)TrustingTls.trusting(tlsDir.resolve(ServerTls.DEMO_CERTIFICATE))
            .getSocketFactory().createSocket("127.0.0.1", gateway.port());
            TestFixClient alice = new TestFixClient(socket, "ALICE", "DBX"))
        {
            socket.startHandshake();
            assertEquals("A", field(logonAnswer(alice, "ALICE", "alice-secret"), 35));
            alice.send("D", "11=t1|55=X|54=1|38=1|40=1|60=" + TestFixClient.now() + "|");
            assertEquals("t1", field(alice.expect("D"), 11), "the certification echo answers over TLS");
        }
        try (TestFixClient plain = new TestFixClient(gateway.port(), "BOB", "DBX"))
        {
            assertEquals("closed", logonAnswer(plain, "BOB", "bob-secret"));
        }
        final long deadline = System.currentTimeMillis() + 5_000;
        while (log.stream().noneMatch(l -> l.contains("not TLS")) && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(10);
        }
        assertTrue(log.stream().anyMatch(l -> l.equals("refused FIX connection from 127.0.0.1: not TLS on a TLS port")),
            log.toString());
        assertFalse(log.stream().anyMatch(l -> l.contains("Exception\n")), "no stack trace");
    }
}
