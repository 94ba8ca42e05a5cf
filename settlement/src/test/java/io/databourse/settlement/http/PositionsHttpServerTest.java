package io.databourse.settlement.http;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.position.PositionView;
import io.databourse.testsupport.JournalFixture;
import io.databourse.testsupport.TrustingTls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The positions endpoint over a real socket, serving a live pipeline that tails a journal the test
 * appends to (JournalFixture, as the matcher would write it). Every status code, own vs others, the
 * roles that see everything, and that responses follow the journal. No timing is asserted: waits
 * are bounded polls, the rate limiter runs on a manual clock.
 */
class PositionsHttpServerTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** participant:password, as HTTP Basic sends them. */
    private static final String P1_TOKEN = "P1:p1-secret-token";
    private static final String P2_TOKEN = "P2:p2-secret-token";
    private static final String RISK_TOKEN = "RISK1:risk-secret-token";
    private static final String REG_TOKEN = "REG1:reg-secret-token";
    /** Claims risk_officer in the credentials file, but the journal registers it as a plain buyer. */
    private static final String ROGUE_TOKEN = "ROGUE:rogue-secret-token";
    /** A valid credential of a participant the journal has not registered (yet). */
    private static final String GHOST_TOKEN = "GHOST:ghost-secret-token";

    @TempDir
    Path dir;

    private JournalFixture journal;
    private SettlementPipeline pipeline;
    private PositionsHttpServer server;
    private final AtomicLong clockNs = new AtomicLong(1_000_000_000L);
    private final AtomicReference<Throwable> handlerError = new AtomicReference<>();
    private boolean pipelineFails;
    private final java.util.List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
    private int p1;
    private int p2;
    private int data;

    @BeforeEach
    void setUp() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        // The pipeline starts before the matcher has written anything: it waits, then tails.
        pipeline = new SettlementPipeline(new SettlementContext().journalDir(journalDir).stateDir(dir.resolve("state"))
            .fsync(false).ringSize(64).participantsMax(64).productsMax(64).entitlementsMax(1000).nodeHoursMax(1000)
            .batch(false).conclude()).start();
        journal = new JournalFixture(journalDir);
        p1 = journal.participant("P1");
        p2 = journal.participant("P2");
        journal.participant("RISK1", Codes.Role.RISK_OFFICER, false);
        journal.participant("REG1", Codes.Role.REGULATOR, false);
        journal.participant("ROGUE", Codes.Role.BUYER, false);
        data = journal.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
        journal.inventory(p2, data, 100);
        journal.deposit(p1, 1_000_000, 1_000_000, 0);
        awaitApplied();
    }

    @AfterEach
    void tearDown()
    {
        // The order the launcher uses: stop serving, then stop the pipeline, then the journal.
        if (null != server)
        {
            server.close();
        }
        try
        {
            pipeline.close();
        }
        catch (final IllegalStateException ex)
        {
            if (!pipelineFails)
            {
                throw ex;
            }
        }
        journal.close();
        assertEquals(null, handlerError.get(), "unexpected error in the HTTP handler");
    }

    /** A line of the credentials file, with a fast hash (the files' take 600,000 iterations). */
    private static String line(final String token, final String role)
    {
        final String[] parts = token.split(":", 2);
        return parts[0] + " " + role + " " + io.databourse.edge.PasswordHash.hash(parts[1], 1_000) + "\n";
    }

    private static String credentialsText()
    {
        return "# test credentials\n" + line(P1_TOKEN, "participant") + line(P2_TOKEN, "participant") +
            line(RISK_TOKEN, "risk_officer") + line(REG_TOKEN, "regulator") + line(ROGUE_TOKEN, "risk_officer") +
            line(GHOST_TOKEN, "participant");
    }

    private PositionsHttpContext context() throws IOException
    {
        final Credentials credentials = Credentials.parseForTests(
            new ByteArrayInputStream(credentialsText().getBytes(StandardCharsets.UTF_8)), "test");
        return new PositionsHttpContext().bindHost("127.0.0.1").port(0).pipeline(pipeline).credentials(credentials)
            .requestsPerSecond(1_000_000).requestBurst(1_000_000).nanoClock(clockNs::get)
            .errorHandler(handlerError::set).log(log::add);
    }

    private void start(final PositionsHttpContext ctx)
    {
        server = PositionsHttpServer.launch(ctx);
    }

    /** Bounded wait for the positions stage to reach the journal's last record. */
    private void awaitApplied() throws IOException
    {
        final long seq = journal.seq();
        for (int i = 0; i < 20_000; i++)
        {
            final PositionView v = pipeline.positions().view("P1");
            if (null != v && v.seq() >= seq && pipeline.positions().views().size() >= 5)
            {
                return;
            }
            if (null != pipeline.failure())
            {
                throw new IllegalStateException(pipeline.failure());
            }
            try
            {
                Thread.sleep(1);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException(ex);
            }
        }
        fail("positions never reached seq " + seq);
    }

    @Test
    void indexesAreMarketDataForAnyAuthenticatedCaller() throws Exception
    {
        start(context());
        assertEquals(401, get("/indexes", null).status);
        assertEquals(405, send("POST /indexes HTTP/1.1\r\nHost: t\r\nAuthorization: " + basic(P1_TOKEN) +
            "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").status);
        journal.cross(p2, p1, data, 1_000, 1);
        journal.cross(p2, p1, data, 1_100, 1);
        journal.cross(p2, p1, data, 1_300, 2);
        awaitApplied();
        JsonNode product = null;
        for (int i = 0; i < 5_000; i++) // the view is republished at most every 100 ms: bounded wait
        {
            final Response r = get("/indexes", GHOST_TOKEN);
            assertEquals(200, r.status);
            assertEquals("no-store", r.headers.get("cache-control"));
            product = r.json().get("products").get(0);
            if ("vwap".equals(product.get("basis").asText()))
            {
                break;
            }
            Thread.sleep(1);
        }
        assertEquals("DATA1", product.get("product").asText());
        assertEquals("vwap", product.get("basis").asText());
        assertEquals("11.75", product.get("mark").asText(), "(1000 + 1100 + 1300 x 2) / 4 = 1175");
        assertEquals("IDX.DATA.GENERAL", get("/indexes", P1_TOKEN).json().get("indexes").get(0).get("index").asText());
    }

    @Test
    void healthNeedsNoToken() throws IOException
    {
        start(context());
        final Response r = get("/health", null);
        assertEquals(200, r.status);
        assertEquals("ok", r.json().get("status").asText());
        assertEquals("no-store", r.headers.get("cache-control"));
    }

    @Test
    void missingMalformedOrWrongCredentialsAre401() throws IOException
    {
        start(context());
        assertEquals(401, get("/positions", null).status);
        assertEquals(401, get("/positions/P1", null).status);
        assertEquals(401, get("/positions", "not-a-pair").status);
        assertEquals(401, get("/positions", P1_TOKEN + "x").status);
        assertEquals(401, get("/positions", "P2:" + P1_TOKEN.split(":")[1]).status, "P1's password is not P2's");
        assertEquals(401, send("GET /positions HTTP/1.1\r\nHost: t\r\nAuthorization: Basic %%%" +
            "\r\nConnection: close\r\n\r\n").status);
        // A bearer token is not a credential any more.
        final Response bearer = send("GET /positions HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + P1_TOKEN +
            "\r\nConnection: close\r\n\r\n");
        assertEquals(401, bearer.status);
        assertTrue(bearer.headers.get("www-authenticate").startsWith("Basic"));
        assertEquals("unauthorized", bearer.json().get("error").asText());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused HTTP login as P1 from 127.0.0.1: wrong participant")),
            log.toString());
    }

    @Test
    void failedLoginsBackOffPerParticipantAndAddressWhileOthersAreServed() throws IOException
    {
        start(context().logonGuard(new io.databourse.edge.LogonGuard.Settings(2, 60_000, 60_000, 5, 600_000, 100)));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(401, get("/positions", "P1:guess" + i).status);
        }
        final Response throttled = get("/positions", P1_TOKEN);
        assertEquals(429, throttled.status, "the right password too, while backing off");
        assertEquals("too many failed logins", throttled.json().get("error").asText());
        assertTrue(Long.parseLong(throttled.headers.get("retry-after")) > 0);
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused HTTP login as P1 from 127.0.0.1: backing off")),
            log.toString());
    }

    @Test
    void participantSeesOnlyItsOwnPositions() throws IOException
    {
        start(context());
        final Response all = get("/positions", P1_TOKEN);
        assertEquals(200, all.status);
        assertEquals(1, all.json().size());
        assertEquals("P1", all.json().get(0).get("participant").asText());
        assertEquals("10000.00", all.json().get(0).get("cash").asText());

        final Response own = get("/positions/P1", P1_TOKEN);
        assertEquals(200, own.status);
        assertEquals("P1", own.json().get("participant").asText());

        assertEquals(403, get("/positions/P2", P1_TOKEN).status);
        assertEquals(403, get("/positions/RISK1", P1_TOKEN).status);
        // Unknown or not, another participant's data is 403: no oracle of who is registered.
        assertEquals(403, get("/positions/NOBODY", P1_TOKEN).status);

        final Response p2Own = get("/positions", P2_TOKEN);
        assertEquals(1, p2Own.json().size());
        assertEquals("P2", p2Own.json().get(0).get("participant").asText());
        assertEquals(100, p2Own.json().get(0).get("holdings").get(0).get("qty").asLong());
        assertEquals(403, get("/positions/P1", P2_TOKEN).status);
    }

    @Test
    void riskOfficerAndRegulatorSeeEveryone() throws IOException
    {
        start(context());
        for (final String token : new String[]{RISK_TOKEN, REG_TOKEN})
        {
            final Response all = get("/positions", token);
            assertEquals(200, all.status);
            assertEquals(5, all.json().size());
            assertEquals("P1", all.json().get(0).get("participant").asText());
            assertEquals("P2", all.json().get(1).get("participant").asText());

            final Response other = get("/positions/P2", token);
            assertEquals(200, other.status);
            assertEquals("P2", other.json().get("participant").asText());
            assertEquals(404, get("/positions/NOBODY", token).status);
            assertEquals("unknown participant", get("/positions/NOBODY", token).json().get("error").asText());
        }
    }

    @Test
    void aRoleInTheCredentialsFileAloneDoesNotGrantEveryone() throws IOException
    {
        start(context());
        // ROGUE's credential claims risk_officer; the journal says buyer: it sees only its own.
        final Response all = get("/positions", ROGUE_TOKEN);
        assertEquals(200, all.status);
        assertEquals(1, all.json().size());
        assertEquals("ROGUE", all.json().get(0).get("participant").asText());
        assertEquals(403, get("/positions/P1", ROGUE_TOKEN).status);
    }

    @Test
    void aParticipantTheJournalDoesNotKnowHasNoPosition() throws IOException
    {
        start(context());
        final Response all = get("/positions", GHOST_TOKEN);
        assertEquals(200, all.status);
        assertEquals(0, all.json().size());
        assertEquals(404, get("/positions/GHOST", GHOST_TOKEN).status);
        assertEquals(403, get("/positions/P1", GHOST_TOKEN).status);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() throws IOException
    {
        start(context());
        assertEquals(404, get("/", RISK_TOKEN).status);
        assertEquals(404, get("/positions/P1/extra", RISK_TOKEN).status);
        assertEquals(404, get("/balances", RISK_TOKEN).status);
        assertEquals(400, get("/positions/%zz", RISK_TOKEN).status);
        assertEquals(200, get("/positions/P%31", RISK_TOKEN).status);
        final Response post = send("POST /positions HTTP/1.1\r\nHost: t\r\nAuthorization: " + basic(P1_TOKEN) +
            "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(405, post.status);
        assertEquals("GET", post.headers.get("allow"));
        assertEquals(405, send("DELETE /positions/P1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n").status);
        assertEquals(405, send("PUT /health HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .status);
    }

    @Test
    void oversizeRequestIs413() throws IOException
    {
        start(context().requestMaxBytes(1024));
        final String pad = "a".repeat(2000);
        final Response bigHeader = send("GET /positions HTTP/1.1\r\nHost: t\r\nX-Pad: " + pad +
            "\r\nAuthorization: " + basic(P1_TOKEN) + "\r\n\r\n");
        assertEquals(413, bigHeader.status);
        final Response bigLine = send("GET /positions/" + pad + " HTTP/1.1\r\nHost: t\r\n\r\n");
        assertEquals(413, bigLine.status);
        final Response bigBody = send("GET /positions HTTP/1.1\r\nHost: t\r\nAuthorization: " + basic(P1_TOKEN) +
            "\r\nContent-Length: 5000\r\n\r\n");
        assertEquals(413, bigBody.status);
        assertEquals("request too large", bigBody.json().get("error").asText());
        final Response bigChunked = send("GET /positions HTTP/1.1\r\nHost: t\r\nAuthorization: " + basic(P1_TOKEN) +
            "\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + pad + "\r\n0\r\n\r\n");
        assertEquals(413, bigChunked.status);
        // Under the bound it is served.
        assertEquals(200, get("/positions", P1_TOKEN).status);
    }

    @Test
    void overRateIs429UntilTheBucketRefills() throws IOException
    {
        start(context().requestsPerSecond(1).requestBurst(3));
        for (int i = 0; i < 3; i++)
        {
            assertEquals(200, get("/positions", P1_TOKEN).status);
        }
        final Response limited = get("/positions", P1_TOKEN);
        assertEquals(429, limited.status);
        assertEquals("1", limited.headers.get("retry-after"));
        // Counted before authentication: guessing tokens is slowed the same way.
        assertEquals(429, get("/positions", "guess").status);
        assertEquals(429, get("/health", null).status);

        clockNs.addAndGet(1_000_000_000L);
        assertEquals(200, get("/positions", P1_TOKEN).status);
        assertEquals(429, get("/positions", P1_TOKEN).status);
    }

    @Test
    void responsesFollowTheJournalBeingTailed() throws IOException
    {
        start(context());
        final JsonNode before = get("/positions/P1", P1_TOKEN).json();
        assertEquals("10000.00", before.get("cash").asText());
        assertEquals(0, before.get("holdings").size());

        journal.cross(p2, p1, data, 250, 4);
        awaitApplied();

        final JsonNode after = get("/positions/P1", P1_TOKEN).json();
        assertTrue(after.get("seq").asLong() > before.get("seq").asLong());
        assertEquals(journal.seq(), after.get("seq").asLong());
        assertEquals(4, after.get("holdings").get(0).get("qty").asLong());
        assertEquals("DATA1", after.get("holdings").get(0).get("product").asText());
        final long feeFen = journal.fee(Codes.ProductKind.DATA, 1000, true);
        assertEquals(1_000_000 - 1000 - feeFen, new BigDecimal(after.get("cash").asText()).movePointRight(2)
            .longValueExact());

        final JsonNode seller = get("/positions/P2", RISK_TOKEN).json();
        assertEquals(96, seller.get("holdings").get(0).get("qty").asLong());
    }

    @Test
    void healthReportsAFailedPipeline() throws IOException
    {
        start(context());
        assertEquals(200, get("/health", null).status);
        // A trade the seller cannot deliver fails the ledger stage (and so the pipeline).
        pipelineFails = true;
        journal.cross(p1, p2, data, 100, 1);
        for (int i = 0; i < 20_000 && null == pipeline.failure(); i++)
        {
            sleepMs(1);
        }
        assertNotNull(pipeline.failure());
        final Response r = get("/health", null);
        assertEquals(503, r.status);
        assertEquals("failed", r.json().get("status").asText());
    }

    @Test
    void connectionsBeyondTheLimitAreClosedOnAccept() throws IOException
    {
        start(context().connectionsMax(2));
        try (Socket a = new Socket("127.0.0.1", server.port()); Socket b = new Socket("127.0.0.1", server.port()))
        {
            // Each of the first two is served (and stays open: keep-alive).
            assertEquals(200, exchangeKeepAlive(a, "/health").status);
            assertEquals(200, exchangeKeepAlive(b, "/health").status);
            try (Socket c = new Socket("127.0.0.1", server.port()))
            {
                c.setSoTimeout(10_000);
                c.getOutputStream().write(
                    "GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, readOrEof(c.getInputStream()));
            }
            catch (final IOException reset)
            {
                // closed on accept: the write or the read may see a reset instead of an orderly EOF
            }
        }
        // Once those are closed, new connections are served again (bounded wait for the close).
        for (int i = 0; i < 10_000 && server.connectionCount() > 0; i++)
        {
            sleepMs(1);
        }
        assertEquals(200, get("/health", null).status);
    }

    @Test
    void aClientTricklingItsHeadersIsCutAtTheRequestDeadlineWhileOthersAreServed() throws Exception
    {
        start(context().requestTimeoutMs(1_000));
        try (Socket slow = new Socket("127.0.0.1", server.port()))
        {
            slow.setSoTimeout(10_000);
            final OutputStream out = slow.getOutputStream();
            out.write("GET /positions HTTP/1.1\r\nHost: t\r\n".getBytes(StandardCharsets.US_ASCII));
            // Never idle, never done: a header byte at a time.
            for (int i = 0; i < 5 && !slow.isInputShutdown(); i++)
            {
                out.write('X');
                out.flush();
                assertEquals(200, get("/positions", P1_TOKEN).status, "others are served meanwhile");
                sleepMs(300);
            }
            final ByteArrayOutputStream answer = new ByteArrayOutputStream();
            slow.getInputStream().transferTo(answer);
            assertTrue(answer.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 408"), answer.toString());
        }
        catch (final java.net.SocketException reset)
        {
            // closed while a trickled byte was in flight: cut all the same
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused HTTP request from 127.0.0.1: no whole request within 1000 ms")),
            log.toString());
    }

    @Test
    void connectionsFromOneAddressAreBoundedWhileOthersAreServed() throws Exception
    {
        start(context().connectionsPerAddressMax(2));
        final java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        final java.net.InetAddress attacker = java.net.InetAddress.getByName("127.0.0.5");
        try (Socket a = new Socket(loopback, server.port(), attacker, 0);
            Socket b = new Socket(loopback, server.port(), attacker, 0);
            Socket c = new Socket(loopback, server.port(), attacker, 0))
        {
            assertEquals(200, exchangeKeepAlive(a, "/health").status);
            assertEquals(200, exchangeKeepAlive(b, "/health").status);
            c.setSoTimeout(10_000);
            try
            {
                c.getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals(-1, readOrEof(c.getInputStream()));
            }
            catch (final IOException reset)
            {
                // closed on accept
            }
            assertEquals(200, get("/positions", P1_TOKEN).status);
        }
        assertTrue(log.stream().anyMatch(l -> l.startsWith("refused HTTP connection from 127.0.0.5: the limit of 2")),
            log.toString());
    }

    @Test
    void overTlsTheApiAnswersAndAPlainClientIsClosed() throws Exception
    {
        final Path tls = dir.resolve("tls");
        start(context().tls(io.databourse.edge.ServerTls.demo(tls)));
        final javax.net.ssl.SSLSocketFactory factory = TrustingTls.trusting(tls.resolve(io.databourse.edge.ServerTls.DEMO_CERTIFICATE))
            .getSocketFactory();
        try (Socket s = factory.createSocket("127.0.0.1", server.port()))
        {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /positions HTTP/1.1\r\nHost: t\r\nAuthorization: " + basic(P1_TOKEN) +
                "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            final Response r = parse(all.toString(StandardCharsets.UTF_8));
            assertEquals(200, r.status);
            assertEquals("P1", r.json().get(0).get("participant").asText());
        }
        try (Socket plain = new Socket("127.0.0.1", server.port()))
        {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            plain.getInputStream().transferTo(all);
            assertFalse(all.toString(StandardCharsets.US_ASCII).contains("200"), all.toString());
        }
        catch (final java.net.SocketException reset)
        {
            // closed
        }
        for (int i = 0; i < 5_000 && log.stream().noneMatch(l -> l.contains("not TLS")); i++)
        {
            sleepMs(1);
        }
        assertTrue(log.stream().anyMatch(l -> l.equals("refused HTTP connection from 127.0.0.1: not TLS on a TLS port")),
            log.toString());
    }

    @Test
    void demoCredentialsAuthenticateTheDocumentedPasswords() throws IOException
    {
        final Credentials demo = Credentials.demo();
        assertEquals(4, demo.size());
        assertEquals(new Credentials.Principal("P1", Credentials.Role.PARTICIPANT),
            demo.verify("P1", "demo-p1-b023bf6878644a3e5f"));
        assertEquals(new Credentials.Principal("P2", Credentials.Role.PARTICIPANT),
            demo.verify("P2", "demo-p2-5cc6f5df413895eb44"));
        assertEquals(new Credentials.Principal("RISK1", Credentials.Role.RISK_OFFICER),
            demo.verify("RISK1", "demo-risk1-86815c7505c7e155db"));
        assertEquals(new Credentials.Principal("REG1", Credentials.Role.REGULATOR),
            demo.verify("REG1", "demo-reg1-590c427ce28c956e6c"));
        assertEquals(null, demo.verify("P1", "demo-p1-b023bf6878644a3e5e"));
        assertEquals(null, demo.verify("P2", "demo-p1-b023bf6878644a3e5f"));
        assertEquals(null, demo.verify("NOBODY", "demo-p1-b023bf6878644a3e5f"));
        assertEquals(null, demo.verify("P1", ""));
        assertEquals(null, demo.verify("P1", "x".repeat(Credentials.PASSWORD_MAX_LENGTH + 1)));
        assertEquals(4, Credentials.load("classpath:/demo/positions-credentials.txt").size());
        assertEquals(4, Credentials.load(
            Path.of("src/main/resources/demo/positions-credentials.txt").toAbsolutePath().toString()).size());
    }

    @Test
    void credentialsFromASystemPropertyLocation() throws IOException
    {
        System.setProperty(
            PositionsHttpContext.CREDENTIALS_FILE_PROP_NAME, "classpath:/demo/positions-credentials.txt");
        try
        {
            final PositionsHttpContext ctx = new PositionsHttpContext().pipeline(pipeline).port(0).conclude();
            assertEquals(4, ctx.credentials().size());
        }
        finally
        {
            System.clearProperty(PositionsHttpContext.CREDENTIALS_FILE_PROP_NAME);
        }
    }

    @Test
    void credentialsFileRefusesPlainPasswordsUnsaltedOrWeakHashesAndUnknownRoles()
    {
        final String hash = io.databourse.edge.PasswordHash.hash("t", io.databourse.edge.PasswordHash.ITERATIONS_MIN);
        refused("P1 participant plain-password-here\n", "expected pbkdf2-sha256");
        refused("P1 participant e3b98a4da31a127d4bde6e43033f66ba274cab0eb7eb1c70ec41402bf6273dd8\n", "unsalted SHA-256");
        refused("P1 participant " + io.databourse.edge.PasswordHash.hash("t", 1_000) + "\n", "iterations must be");
        refused("P1 trader " + hash + "\n", "unknown role");
        refused("P1 participant\n", "expected PARTICIPANT ROLE PASSWORD_HASH");
    }

    private static void refused(final String text, final String why)
    {
        try
        {
            Credentials.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t");
            fail("accepted: " + text);
        }
        catch (final IOException expected)
        {
            assertTrue(expected.getMessage().startsWith("t:1: ") && expected.getMessage().contains(why),
                expected.getMessage());
        }
    }

    // ---- a minimal HTTP/1.1 client: full control of the bytes sent ----

    private static final class Response
    {
        int status;
        final Map<String, String> headers = new HashMap<>();
        String body;

        JsonNode json() throws IOException
        {
            return MAPPER.readTree(body);
        }
    }

    private Response get(final String path, final String token) throws IOException
    {
        return send("GET " + path + " HTTP/1.1\r\nHost: t\r\n" +
            (null == token ? "" : "Authorization: " + basic(token) + "\r\n") + "Connection: close\r\n\r\n");
    }

    private static String basic(final String participantAndPassword)
    {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(participantAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends raw request bytes and reads until the server closes. */
    private Response send(final String request) throws IOException
    {
        try (Socket s = new Socket("127.0.0.1", server.port()))
        {
            s.setSoTimeout(10_000);
            final OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            final ByteArrayOutputStream all = new ByteArrayOutputStream();
            s.getInputStream().transferTo(all);
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    /** One request on a kept-alive connection; reads exactly one response by its Content-Length. */
    private static Response exchangeKeepAlive(final Socket s, final String path) throws IOException
    {
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        final InputStream in = s.getInputStream();
        final StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n"))
        {
            final int b = in.read();
            if (b < 0)
            {
                throw new IOException("closed mid-response");
            }
            head.append((char)b);
        }
        final Response r = parse(head.toString());
        final byte[] body = in.readNBytes(Integer.parseInt(r.headers.get("content-length")));
        r.body = new String(body, StandardCharsets.UTF_8);
        return r;
    }

    private static Response parse(final String raw)
    {
        final Response r = new Response();
        final int headEnd = raw.indexOf("\r\n\r\n");
        final String[] lines = raw.substring(0, headEnd < 0 ? raw.length() : headEnd).split("\r\n");
        r.status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++)
        {
            final int colon = lines[i].indexOf(':');
            r.headers.put(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        r.body = headEnd < 0 ? "" : raw.substring(headEnd + 4);
        return r;
    }

    private static int readOrEof(final InputStream in) throws IOException
    {
        return in.read();
    }

    private static void sleepMs(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
