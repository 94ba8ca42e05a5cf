package io.databourse.console.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.console.ConsoleContext;
import io.databourse.console.ConsoleServer;
import io.databourse.console.alerts.AlertFeed;
import io.databourse.console.auth.SessionStore;
import io.databourse.console.command.CommandSink;
import io.databourse.edge.LogonGuard;
import io.databourse.edge.PasswordVerifier;
import io.databourse.edge.RefusalLog;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.ParticipantCommandDecoder;
import io.databourse.journal.sbe.ProductStatusCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementPipeline;
import io.databourse.settlement.http.Credentials;
import io.databourse.settlement.http.HttpAuthenticator;
import io.databourse.settlement.http.PositionsHttpContext;
import io.databourse.settlement.http.PositionsHttpServer;
import io.databourse.testsupport.JournalFixture;
import io.databourse.testsupport.TrustingTls;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over a real socket, against a live pipeline and console follower tailing a journal
 * the test appends to (JournalFixture, as the matcher writes it), with the commands it sends
 * recorded instead of reaching a matcher. Login and cookies, every refusal (401, 403 for another
 * participant's data and for roles, CSRF, origin), commands encoded as the matcher expects them,
 * the positions API on the same port, metrics behind a token, and the live channel. Waits are
 * bounded polls; nothing asserts a duration.
 */
class ConsoleServerTest
{
    static final String P1_TOKEN = "demo-p1-b023bf6878644a3e5f";
    static final String P2_TOKEN = "demo-p2-5cc6f5df413895eb44";
    static final String RISK_TOKEN = "demo-risk1-86815c7505c7e155db";
    static final String REG_TOKEN = "demo-reg1-590c427ce28c956e6c";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private JournalFixture journal;
    private SettlementPipeline pipeline;
    private ConsoleServer console;
    private final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final AtomicReference<java.util.function.LongConsumer> alertListener = new AtomicReference<>();
    /** A surveillance stage's feed as the launcher would adapt it: one wash-trade alert. */
    private final AlertFeed alerts = new AlertFeed()
    {
        final AlertFeed.Alert wash = new AlertFeed.Alert("7", 12, JournalFixture.T0_NS, "wash_trade", "high",
            List.of("P1", "P2"), List.of("DATA1"), "P1 and P2 traded back and forth at no economic change");

        @Override
        public List<Alert> latest(final String type, final String participant, final int limit)
        {
            return (null == type || type.equals(wash.type())) && (null == participant || wash.participants().contains(participant)) ?
                List.of(wash) : List.of();
        }

        @Override
        public Alert byId(final String id)
        {
            return wash.id().equals(id) ? wash : null;
        }

        @Override
        public List<Evidence> timeline(final String id)
        {
            return List.of(new Evidence(10, JournalFixture.T0_NS, "trade", "P2 sold 5 DATA1 to P1 at 12.00"),
                new Evidence(12, JournalFixture.T0_NS, "trade", "P1 sold 5 DATA1 to P2 at 12.00"));
        }

        @Override
        public void listen(final java.util.function.LongConsumer onAlert)
        {
            alertListener.set(onAlert);
        }

        @Override
        public boolean available()
        {
            return true;
        }
    };
    private final AtomicReference<Throwable> error = new AtomicReference<>();
    private final PasswordVerifier verifier = new PasswordVerifier();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private CommandSink sink;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;
    private int p1;
    private int p2;
    private int data;

    @BeforeEach
    void start() throws IOException
    {
        final Path journalDir = dir.resolve("journal");
        pipeline = new SettlementPipeline(new SettlementContext().journalDir(journalDir).stateDir(dir.resolve("state"))
            .fsync(false).ringSize(64).participantsMax(64).productsMax(64).entitlementsMax(1000).nodeHoursMax(1000)
            .batch(false).conclude()).start();
        journal = new JournalFixture(journalDir);
        p1 = journal.participant("P1");
        p2 = journal.participant("P2");
        journal.participant("RISK1", Codes.Role.RISK_OFFICER, false);
        journal.participant("REG1", Codes.Role.REGULATOR, false);
        data = journal.bandedProduct("DATA1", 2000, 1200, 1);
        journal.inventory(p2, data, 100);
        journal.deposit(p1, 1_000_000, 1_000_000, 0);
        final CommandSink sink = (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            sent.add(copy);
            return CommandSink.Outcome.SENT;
        };
        this.sink = sink;
        launch(new ConsoleContext());
        awaitFollowed(journal.seq());
    }

    /**
     * Serves the console with the test's journal, pipeline and sink on {@code ctx} (its other
     * settings as the test sets them). The password checks share one authenticator with the
     * positions API, as the launcher wires them, with a lenient guard: the console's own lockout
     * ({@code LoginThrottle}) is what these tests count (the guard's: edge's LogonGuardTest and
     * exchange's AbuseCampaignTest).
     */
    private void launch(final ConsoleContext ctx) throws IOException
    {
        final Credentials credentials = Credentials.demo();
        final HttpAuthenticator authenticator = new HttpAuthenticator(credentials, verifier,
            new LogonGuard(new LogonGuard.Settings(1_000, 0, 0, 1_001, 0, 1_000)),
            new RefusalLog(refusals::add), SystemEpochClock.INSTANCE, 60_000);
        console = ConsoleServer.launch(ctx.bindHost("127.0.0.1").port(0).journalDir(dir.resolve("journal"))
            .pipeline(pipeline).credentials(credentials).commandSink(sink).alertFeed(alerts)
            .authenticator(authenticator).log(refusals::add)
            .positionsHandler(PositionsHttpServer.handlers(new PositionsHttpContext().pipeline(pipeline)
                .credentials(credentials), authenticator))
            .errorHandler(error::set));
        base = "http://127.0.0.1:" + console.port();
    }

    @AfterEach
    void stop()
    {
        console.close();
        verifier.close();
        pipeline.close();
        journal.close();
        assertEquals(null, error.get(), "unexpected error in the console");
    }

    private void awaitFollowed(final long seq)
    {
        for (int i = 0; i < 10_000 && (console.view().lastSeq() < seq || pipeline.positions().view("P1") == null ||
            pipeline.positions().view("P1").seq() < 0); i++)
        {
            sleep(1);
        }
        assertTrue(console.view().lastSeq() >= seq, "console follower reached seq " + seq);
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** A logged-in browser: its cookie and CSRF token. */
    record Browser(String cookie, String csrf)
    {
    }

    private HttpResponse<String> send(final HttpRequest.Builder request)
    {
        try
        {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private HttpResponse<String> login(final String participant, final String password)
    {
        return send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
            .header("Content-Type", "application/json").header("Origin", base)
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"participant\":\"" + participant + "\",\"password\":\"" + password + "\"}")));
    }

    private Browser logIn(final String participant, final String password)
    {
        final HttpResponse<String> response = login(participant, password);
        assertEquals(200, response.statusCode(), response.body());
        final String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return new Browser(setCookie.substring(0, setCookie.indexOf(';')), json(response).get("csrf").asText());
    }

    private HttpResponse<String> get(final Browser browser, final String path)
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (null != browser)
        {
            b.header("Cookie", browser.cookie());
        }
        return send(b);
    }

    private HttpResponse<String> post(final Browser browser, final String path, final String body, final String csrf,
        final String origin)
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (null != browser)
        {
            b.header("Cookie", browser.cookie());
        }
        if (null != csrf)
        {
            b.header("X-CSRF-Token", csrf);
        }
        if (null != origin)
        {
            b.header("Origin", origin);
        }
        return send(b);
    }

    private HttpResponse<String> post(final Browser browser, final String path, final String body)
    {
        return post(browser, path, body, browser.csrf(), base);
    }

    private static JsonNode json(final HttpResponse<String> response)
    {
        try
        {
            return MAPPER.readTree(response.body());
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(response.body(), ex);
        }
    }

    @Test
    void loginSetsAStrictHttpOnlySessionCookieAndWrongPasswordsAreRefused()
    {
        final HttpResponse<String> ok = login("P1", P1_TOKEN);
        assertEquals(200, ok.statusCode());
        final String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("databourse_session="), cookie);
        assertTrue(cookie.contains("HTTPOnly") || cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertEquals("participant", json(ok).get("role").asText());

        assertEquals(401, login("P1", "wrong").statusCode());
        assertEquals(401, login("P2", P1_TOKEN).statusCode(), "another participant's password");
        assertEquals(400, send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"participant\":\"P1\",\"password\":\"x\",\"admin\":true}")))
            .statusCode(), "unknown fields are refused");
        assertEquals(401, get(null, "/api/catalogue").statusCode(), "no session");
        assertEquals(401, get(new Browser("databourse_session=forged", ""), "/api/catalogue").statusCode());
    }

    @Test
    void repeatedFailedLoginsLockTheAccountEvenForTheRightPassword()
    {
        for (int i = 0; i < ConsoleContext.LOGIN_FAILURES_FREE_DEFAULT; i++)
        {
            assertEquals(401, login("P2", "guess-" + i).statusCode());
        }
        final HttpResponse<String> locked = login("P2", P2_TOKEN);
        assertEquals(429, locked.statusCode());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    void aParticipantCannotOpenAnotherParticipantsDataByApi()
    {
        final Browser p1Browser = logIn("P1", P1_TOKEN);
        assertEquals(200, get(p1Browser, "/api/participants/P1/orders").statusCode());
        assertEquals(200, get(p1Browser, "/api/participants/P1/position").statusCode());
        for (final String what : List.of("orders", "trades", "position"))
        {
            assertEquals(403, get(p1Browser, "/api/participants/P2/" + what).statusCode(), what);
            assertEquals(403, get(p1Browser, "/api/participants/NOBODY/" + what).statusCode(), "no oracle: " + what);
        }
        assertEquals(403, get(p1Browser, "/api/risk").statusCode());
        assertEquals(403, get(p1Browser, "/api/risk/positions.csv").statusCode());
        assertEquals(403, get(p1Browser, "/api/regulator").statusCode());
        assertEquals(403, post(p1Browser, "/api/regulator/suspend", "{\"participant\":\"P2\"}").statusCode());
        assertEquals(403, post(p1Browser, "/api/regulator/resume", "{\"product\":\"DATA1\"}").statusCode());
        assertEquals(403, post(p1Browser, "/api/regulator/reinstate", "{\"participant\":\"P2\"}").statusCode());
        assertTrue(sent.isEmpty(), "nothing was sent for refused requests");

        final Browser risk = logIn("RISK1", RISK_TOKEN);
        assertEquals(200, get(risk, "/api/participants/P2/orders").statusCode());
        assertEquals(404, get(risk, "/api/participants/NOBODY/orders").statusCode());
        assertEquals(403, get(risk, "/api/regulator").statusCode(), "a risk officer is no regulator");
    }

    @Test
    void anOrderBecomesANewOrderCommandNamingTheSessionsParticipant() throws Exception
    {
        final Browser b = logIn("P1", P1_TOKEN);
        final String order = "{\"product\":\"DATA1\",\"side\":\"buy\",\"ordType\":\"limit\",\"tif\":\"gtc\"," +
            "\"price\":\"11.50\",\"qty\":10}";
        assertEquals(403, post(b, "/api/orders", order, null, base).statusCode(), "no CSRF token");
        assertEquals(403, post(b, "/api/orders", order, "forged", base).statusCode(), "wrong CSRF token");
        assertEquals(403, post(b, "/api/orders", order, b.csrf(), "http://evil.example").statusCode(), "cross origin");
        assertTrue(sent.isEmpty());

        final HttpResponse<String> accepted = post(b, "/api/orders", order);
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertEquals(1, sent.size());
        final NewOrderCommandDecoder c = Codecs.wrap(new NewOrderCommandDecoder(), new UnsafeBuffer(sent.get(0)), 0);
        assertEquals(MessageType.NEW_ORDER, c.header().type());
        assertEquals("P1", c.participantId());
        assertEquals("DATA1", c.productId());
        assertEquals(json(accepted).get("clOrdId").asText(), c.clOrdId());
        assertEquals(Codes.Side.BUY, c.side());
        assertEquals(Codes.TimeInForce.GTC, c.tif());
        assertEquals(1150, c.priceFen());
        assertEquals(10, c.qty());
        assertTrue(c.header().sessionId() >= SessionStore.COMMAND_SESSION_ID_BASE, "a console session id");
        assertEquals(Codes.Purpose.NONE, c.purpose(), "no purpose named");

        final HttpResponse<String> market = post(b, "/api/orders",
            "{\"product\":\"DATA1\",\"side\":\"sell\",\"ordType\":\"market\",\"price\":\"1\",\"qty\":1}");
        assertEquals(400, market.statusCode());
        assertTrue(json(market).get("error").asText().contains("price"), market.body());
        assertEquals(400, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"buy\",\"price\":\"1.234\",\"qty\":1}")
            .statusCode(), "three decimals");
        assertEquals(400, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"up\",\"price\":\"1\",\"qty\":1}")
            .statusCode());
        assertEquals(400, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"buy\",\"price\":\"1\",\"qty\":0}")
            .statusCode());
        assertEquals(400, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"buy\",\"price\":\"1\",\"qty\":1," +
            "\"participant\":\"P2\"}").statusCode(), "no field may name another participant");
        assertEquals(400, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"buy\",\"price\":\"1\",\"qty\":1," +
            "\"purpose\":\"fun\"}").statusCode(), "an unknown purpose");
        assertEquals(1, sent.size(), "refused requests send nothing");

        assertEquals(202, post(b, "/api/orders", "{\"product\":\"DATA1\",\"side\":\"buy\",\"price\":\"1\",\"qty\":1," +
            "\"purpose\":\"model_training\"}").statusCode());
        Codecs.wrap(c, new UnsafeBuffer(sent.get(1)), 0);
        assertEquals(Codes.Purpose.MODEL_TRAINING, c.purpose(), "the purpose the buyer declares; the matcher judges it");
    }

    @Test
    void aRegulatorSuspendsAParticipantAndHaltsAProductAsItself()
    {
        final Browser reg = logIn("REG1", REG_TOKEN);
        assertEquals("regulator", json(get(reg, "/api/session")).get("role").asText());
        assertEquals(200, get(reg, "/api/regulator").statusCode());
        assertEquals(202, post(reg, "/api/regulator/suspend", "{\"participant\":\"P2\",\"alertId\":\"A-7\"}").statusCode());
        final ParticipantCommandDecoder suspend = new ParticipantCommandDecoder();
        Codecs.wrap(suspend, new UnsafeBuffer(sent.get(0)), 0);
        assertEquals(MessageType.PARTICIPANT, suspend.header().type());
        assertEquals("P2", suspend.participantId());
        assertEquals(Codes.ParticipantStatus.SUSPENDED, suspend.status());
        assertEquals("REG1", suspend.actor(), "never the empty actor of the operator");
        assertEquals(Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER | Codes.Role.DATA_CUSTODIAN, suspend.roles(),
            "every other field as the journal last defined it");
        assertEquals("alert A-7", suspend.note(), "the alert the suspension answers, in the command's note");

        assertEquals(202, post(reg, "/api/regulator/halt", "{\"product\":\"DATA1\"}").statusCode());
        final ProductStatusCommandDecoder halt = new ProductStatusCommandDecoder();
        Codecs.wrap(halt, new UnsafeBuffer(sent.get(1)), 0);
        assertEquals("DATA1", halt.productId());
        assertEquals(Codes.ProductStatus.SUSPENDED, halt.status());
        assertEquals("REG1", halt.actor());
        assertEquals("", halt.note(), "no alert, no note");
        assertEquals(400, post(reg, "/api/regulator/halt", "{\"product\":\"DATA1\",\"alertId\":\"" + "9".repeat(27) + "\"}")
            .statusCode(), "an alert id the note cannot carry is refused, nothing sent");
        assertEquals(2, sent.size());
        assertEquals(404, post(reg, "/api/regulator/suspend", "{\"participant\":\"NOBODY\"}").statusCode());
        assertTrue(new UnsafeBuffer(sent.get(1)).getInt(RecordHeader.SESSION_ID_OFFSET) >= SessionStore.COMMAND_SESSION_ID_BASE);
    }

    @Test
    void onlyARegulatorReadsTheAlertsFeedAndAnAlertsEvidence()
    {
        final Browser reg = logIn("REG1", REG_TOKEN);
        final JsonNode feed = json(get(reg, "/api/regulator/alerts"));
        assertTrue(feed.get("available").asBoolean());
        assertEquals("7", feed.get("alerts").get(0).get("id").asText());
        assertEquals("wash_trade", feed.get("alerts").get(0).get("type").asText());
        assertEquals(0, json(get(reg, "/api/regulator/alerts?type=spoofing")).get("alerts").size(), "filtered by type");
        assertEquals(1, json(get(reg, "/api/regulator/alerts?participant=P2")).get("alerts").size());
        assertEquals(400, get(reg, "/api/regulator/alerts?limit=lots").statusCode());
        final JsonNode evidence = json(get(reg, "/api/regulator/alerts/7"));
        assertEquals(2, evidence.get("timeline").size());
        assertEquals(12, evidence.get("timeline").get(1).get("seq").asLong());
        assertEquals(404, get(reg, "/api/regulator/alerts/8").statusCode());
        assertEquals(403, get(logIn("P1", P1_TOKEN), "/api/regulator/alerts").statusCode());
        assertEquals(403, get(logIn("RISK1", RISK_TOKEN), "/api/regulator/alerts/7").statusCode());
    }

    @Test
    void riskOfficerSeesEveryPositionAndExportsCsv()
    {
        journal.cross(p2, p1, data, 1200, 3);
        awaitFollowed(journal.seq());
        final Browser risk = logIn("RISK1", RISK_TOKEN);
        JsonNode positions = null;
        for (int i = 0; i < 5000; i++)
        {
            positions = json(get(risk, "/api/risk")).get("positions");
            if (positions.size() >= 2 && positions.get(0).get("holdingsAtMark").asText().equals("36.00"))
            {
                break;
            }
            sleep(1);
        }
        assertNotNull(positions);
        assertEquals("P1", positions.get(0).get("participant").asText());
        assertEquals("36.00", positions.get(0).get("holdingsAtMark").asText(), "3 units at the last price 12.00");
        final HttpResponse<String> csv = get(risk, "/api/risk/positions.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.body().startsWith("participant,status,seq,cash,"), csv.body());
        assertTrue(csv.body().contains("\nP1,admitted,"), csv.body());
    }

    @Test
    void aParticipantSeesWhichNodesItHoldsAndWhenAsItsComputeAllocations()
    {
        final long start = JournalFixture.T0_NS + JournalFixture.DAY_NS;
        final int provider = journal.participant("PROV", Codes.Role.COMPUTE_PROVIDER, false);
        final int gpu = journal.computeProduct("GPU.W1", start, start + 3 * JournalFixture.HOUR_NS);
        journal.capacity(provider, gpu, 3, "n1", "n2");
        journal.cross(provider, p1, gpu, 1_000, 4);
        awaitFollowed(journal.seq());
        final Browser b = logIn("P1", P1_TOKEN);
        JsonNode allocations = null;
        for (int i = 0; i < 5000; i++)
        {
            allocations = json(get(b, "/api/participants/P1/position")).get("computeAllocations");
            if (allocations.size() > 0)
            {
                break;
            }
            sleep(1);
        }
        long hours = 0;
        for (final JsonNode a : allocations)
        {
            assertEquals("GPU.W1", a.get("product").asText());
            assertEquals("PROV", a.get("provider").asText());
            assertTrue(a.get("node").asText().matches("n[12]"), a.toString());
            hours += a.get("nodeHours").asLong();
        }
        assertEquals(4, hours, "the 4 node-hours bought: " + allocations);
    }

    @Test
    void thePositionsApiIsServedOnTheSamePortWithHttpBasic()
    {
        assertEquals(200, get(null, "/health").statusCode());
        assertEquals(401, get(null, "/positions").statusCode());
        final HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(base + "/positions"))
            .header("Authorization", basic("P1", P1_TOKEN)).GET());
        assertEquals(200, own.statusCode());
        assertEquals("P1", json(own).get(0).get("participant").asText());
        assertEquals(403, send(HttpRequest.newBuilder(URI.create(base + "/positions/P2"))
            .header("Authorization", basic("P1", P1_TOKEN)).GET()).statusCode());
        // the price indexes too (docs/indexes.md): any authenticated caller, market data
        assertEquals(401, get(null, "/indexes").statusCode());
        final HttpResponse<String> indexes = send(HttpRequest.newBuilder(URI.create(base + "/indexes"))
            .header("Authorization", basic("P1", P1_TOKEN)).GET());
        assertEquals(200, indexes.statusCode());
        assertTrue(json(indexes).has("products"), indexes.body());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/positions"))
            .header("Authorization", basic("P2", P1_TOKEN)).GET()).statusCode(), "another participant's password");
    }

    private static String basic(final String participant, final String password)
    {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
            (participant + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aRequestThatTricklesInIsCutAtTheDeadlineWithTheAddressLogged() throws Exception
    {
        console.close();
        launch(new ConsoleContext().requestTimeoutMs(200));
        try (java.net.Socket slow = new java.net.Socket("127.0.0.1", console.port()))
        {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /api/session HTTP/1.1\r\nHost: t\r\n".getBytes());
            final String answer = new String(slow.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
        }
        assertTrue(refusals.stream().anyMatch(l -> l.contains("refused HTTP request from 127.0.0.1: no whole request")),
            refusals.toString());
        assertEquals(200, get(null, "/health").statusCode(), "the next client is served");
    }

    @Test
    void connectionsBeyondThePerAddressLimitAreClosedOnAccept() throws Exception
    {
        console.close();
        launch(new ConsoleContext().connectionsPerAddressMax(2));
        final java.net.InetAddress attacker = java.net.InetAddress.getByName("127.0.0.41");
        try (java.net.Socket first = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), console.port(), attacker, 0);
            java.net.Socket second = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), console.port(), attacker, 0);
            java.net.Socket third = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), console.port(), attacker, 0))
        {
            third.setSoTimeout(10_000);
            assertEquals(-1, third.getInputStream().read(), "the third connection from one address is closed");
            assertEquals(200, get(null, "/health").statusCode(), "another address is served");
        }
        assertTrue(refusals.stream().anyMatch(l -> l.contains("refused HTTP connection from 127.0.0.41")), refusals.toString());
    }

    @Test
    void overTlsALoginGetsASecureCookieAndThePositionsApiAnswers() throws Exception
    {
        console.close();
        final Path tls = dir.resolve("tls");
        launch(new ConsoleContext().tls(io.databourse.edge.ServerTls.demo(tls)));
        final HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .sslContext(TrustingTls.trusting(tls.resolve(io.databourse.edge.ServerTls.DEMO_CERTIFICATE))).build();
        // the demo certificate names localhost and 127.0.0.1; a login waits for a PBKDF2 check, slow on a loaded machine
        final String secureBase = "https://localhost:" + console.port();
        final HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(secureBase + "/api/login"))
            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString("{\"participant\":\"P1\",\"password\":\"" + P1_TOKEN + "\"}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"),
            login.headers().firstValue("Set-Cookie").orElseThrow());
        final HttpResponse<String> own = https.send(HttpRequest.newBuilder(URI.create(secureBase + "/positions"))
            .header("Authorization", basic("P1", P1_TOKEN)).timeout(Duration.ofSeconds(60)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode());
        try (java.net.Socket plain = new java.net.Socket("127.0.0.1", console.port()))
        {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write("GET /health HTTP/1.1\r\nHost: t\r\n\r\n".getBytes());
            final String answer = new String(plain.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
            assertFalse(answer.contains("200"), answer);
        }
        catch (final java.net.SocketException reset)
        {
            // closed: what a plain client on a TLS port gets
        }
        for (int i = 0; i < 5_000 && refusals.stream().noneMatch(l -> l.contains("not TLS")); i++)
        {
            sleep(1);
        }
        assertTrue(refusals.stream().anyMatch(l -> l.contains("refused HTTP connection from 127.0.0.1: not TLS on a TLS port")),
            refusals.toString());
    }

    @Test
    void aLiveChannelOutlivesTheRequestDeadline() throws Exception
    {
        console.close();
        launch(new ConsoleContext().requestTimeoutMs(200));
        awaitFollowed(journal.seq());
        final List<String> messages = new CopyOnWriteArrayList<>();
        final WebSocket socket = live(logIn("P1", P1_TOKEN), messages);
        try
        {
            sleep(1_000); // five deadlines: an HTTP connection this quiet would have been cut
            journal.deposit(p1, 1, 1_000_001, 0);
            for (int i = 0; i < 10_000 && messages.stream().noneMatch(m -> m.contains("\"positions\"")); i++)
            {
                sleep(1);
            }
            assertTrue(messages.stream().anyMatch(m -> m.contains("\"positions\"")), messages.toString());
            assertTrue(refusals.stream().noneMatch(l -> l.contains("no whole request")), refusals.toString());
        }
        finally
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    @Test
    void metricsNeedTheTokenAndCountWhatTheJournalHolds()
    {
        assertEquals(401, get(null, "/metrics").statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
            .header("Authorization", "Bearer wrong").GET()).statusCode());
        final HttpResponse<String> metrics = send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
            .header("Authorization", "Bearer demo-metrics-7d1f0c2a9b").GET());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        final String body = metrics.body();
        assertTrue(body.contains("# TYPE databourse_matcher_commands_total counter"), body);
        assertTrue(body.contains("databourse_matcher_commands_total{type=\"participant\"} 4"), body);
        assertTrue(body.contains("databourse_journal_seq " + journal.seq()), body);
        assertTrue(body.contains("databourse_settlement_stage_lag_records{stage=\"ledger\"}"), body);
        assertTrue(body.contains("databourse_matcher_rejects_total{reason=\"INSUFFICIENT_FUNDS\"} 0"), body);
        assertTrue(body.contains("databourse_console_follower_failed 0"), body);
    }

    @Test
    void thePageAndChartJsAreServedWithAStrictContentSecurityPolicy()
    {
        final HttpResponse<String> page = get(null, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>DataBourse console</title>"));
        final String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElseThrow());
        final HttpResponse<String> chart = get(null, StaticResources.CHART_JS_PATH);
        assertEquals(200, chart.statusCode());
        assertTrue(chart.body().contains("Chart"), "Chart.js from its WebJar");
        assertEquals(404, get(null, "/console/../pom.xml").statusCode());
        assertEquals(401, get(null, "/api/nothing").statusCode(), "the API asks for a session before it routes");
        assertEquals(404, get(null, "/nothing").statusCode());
    }

    @Test
    void theLiveChannelTellsAParticipantOfItsOwnFillsAndRefusesOtherOrigins() throws Exception
    {
        final Browser b = logIn("P1", P1_TOKEN);
        final List<String> messages = new CopyOnWriteArrayList<>();
        final WebSocket.Listener listener = new WebSocket.Listener()
        {
            @Override
            public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
            {
                messages.add(data.toString());
                webSocket.request(1);
                return null;
            }
        };
        final WebSocket socket = http.newWebSocketBuilder().header("Cookie", b.cookie()).header("Origin", base)
            .buildAsync(URI.create("ws://127.0.0.1:" + console.port() + "/ws"), listener).get();
        try
        {
            for (int i = 0; i < 5000 && messages.isEmpty(); i++)
            {
                sleep(1);
            }
            assertTrue(messages.get(0).startsWith("{\"type\":\"hello\""), messages.toString());
            journal.cross(p2, p1, data, 1200, 1);
            boolean told = false;
            for (int i = 0; i < 10_000 && !told; i++)
            {
                told = messages.stream().anyMatch(m -> m.contains("\"trades\"")) &&
                    messages.stream().anyMatch(m -> m.contains("\"positions\""));
                sleep(1);
            }
            assertTrue(told, "told of its fill and its positions: " + messages);
        }
        finally
        {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        final Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () ->
            http.newWebSocketBuilder().header("Cookie", b.cookie()).header("Origin", "http://evil.example")
                .buildAsync(URI.create("ws://127.0.0.1:" + console.port() + "/ws"), listener).get());
        assertFalse(refused.getMessage().isEmpty());
        assertEquals(401, get(null, "/ws").statusCode());
    }

    @Test
    void aNewAlertIsPushedToRegulatorsPagesOnly() throws Exception
    {
        final List<String> regulator = new CopyOnWriteArrayList<>();
        final List<String> participant = new CopyOnWriteArrayList<>();
        final WebSocket regSocket = live(logIn("REG1", REG_TOKEN), regulator);
        final WebSocket p1Socket = live(logIn("P1", P1_TOKEN), participant);
        try
        {
            for (int i = 0; i < 5000 && (regulator.isEmpty() || participant.isEmpty()); i++)
            {
                sleep(1);
            }
            alertListener.get().accept(99);
            for (int i = 0; i < 5000 && regulator.stream().noneMatch(m -> m.contains("\"alerts\"")); i++)
            {
                sleep(1);
            }
            assertTrue(regulator.stream().anyMatch(m -> m.contains("\"alerts\"") && m.contains("\"seq\":99")), regulator.toString());
            journal.deposit(p1, 1, 1_000_001, 0); // a later message to P1 proves the alert would have come before it
            for (int i = 0; i < 5000 && participant.size() < 2; i++)
            {
                sleep(1);
            }
            assertTrue(participant.size() >= 2, participant.toString());
            assertTrue(participant.stream().noneMatch(m -> m.contains("\"alerts\"")), participant.toString());
        }
        finally
        {
            regSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
            p1Socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    private WebSocket live(final Browser browser, final List<String> messages) throws Exception
    {
        return http.newWebSocketBuilder().header("Cookie", browser.cookie()).header("Origin", base)
            .buildAsync(URI.create("ws://127.0.0.1:" + console.port() + "/ws"), new WebSocket.Listener()
            {
                @Override
                public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
                {
                    messages.add(data.toString());
                    webSocket.request(1);
                    return null;
                }
            }).get();
    }

    @Test
    void logoutEndsTheSession()
    {
        final Browser b = logIn("P2", P2_TOKEN);
        assertEquals(200, get(b, "/api/session").statusCode());
        assertEquals(200, post(b, "/api/logout", "").statusCode());
        assertEquals(401, get(b, "/api/session").statusCode());
    }
}
