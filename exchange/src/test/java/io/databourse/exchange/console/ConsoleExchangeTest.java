package io.databourse.exchange.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console as a gateway of the real exchange (embedded: media driver, matcher, journal,
 * settlement, console) through its JSON API: a console order reaches the matcher over Aeron and
 * comes back through the journal as a live order, a cancel finishes it, a second participant's
 * order trades against a resting one and both see the fill, a refusal shows the matcher's named
 * reason, a regulator's halt suspends the product, and after a restart every view is rebuilt
 * from the journal.
 */
class ConsoleExchangeTest
{
    static final String TRAFFIC = "DATA.TRAFFIC.API";
    /** The demo's reviewed dataset, of which P1 bought two licences for traffic planning. */
    static final String ROADS = "DATA.ROADS.HIST";
    static final String P1 = "demo-p1-b023bf6878644a3e5f";
    static final String P2 = "demo-p2-5cc6f5df413895eb44";
    static final String RISK1 = "demo-risk1-86815c7505c7e155db";
    static final String REG1 = "demo-reg1-590c427ce28c956e6c";

    @TempDir
    Path dataDir;

    private EmbeddedExchange exchange;

    @BeforeEach
    void start()
    {
        exchange = launch();
    }

    private EmbeddedExchange launch()
    {
        return EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir("/dev/shm/databourse-console-" + ProcessHandle.current().pid())
            .fixEnabled(false)
            .positionsHttpPort(0));
    }

    @AfterEach
    void stop()
    {
        CloseHelper.close(exchange);
    }

    private ConsoleClient client(final String participant, final String password)
    {
        return new ConsoleClient(exchange.httpPort()).logIn(participant, password);
    }

    @Test
    void anOrderRestsIsReplacedAndCancelledAndASecondParticipantTradesAgainstTheNext()
    {
        final ConsoleClient p1 = client("P1", P1);
        final ConsoleClient p2 = client("P2", P2);
        final JsonNode catalogue = p1.await("/api/catalogue", c -> null != ConsoleClient.find(c.get("products"), "id", TRAFFIC),
            "the demo products are listed");
        final JsonNode listing = ConsoleClient.find(catalogue.get("products"), "id", TRAFFIC);
        assertEquals("listed", listing.get("status").asText());
        assertEquals("P2", listing.get("owner").asText(), "the data supplier owning it");
        assertEquals("COMP1", listing.get("reviewedBy").asText(), "the compliance officer who reviewed it");
        assertEquals(0, listing.get("purposes").size(), "the demo product declares no purposes");

        final String resting = p1.command("/api/orders",
            "{\"product\":\"" + TRAFFIC + "\",\"side\":\"buy\",\"ordType\":\"limit\",\"tif\":\"gtc\",\"price\":\"11.00\",\"qty\":5}");
        final JsonNode live = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("live"), "clOrdId", resting), "the order rests");
        final JsonNode order = ConsoleClient.find(live.get("live"), "clOrdId", resting);
        assertEquals("11.00", order.get("price").asText());
        assertEquals(5, order.get("leavesQty").asInt());
        assertEquals("console", order.get("channel").asText());
        p1.await("/api/catalogue", c -> "11.00".equals(ConsoleClient.find(c.get("products"), "id", TRAFFIC)
            .get("bestBid").asText()), "the catalogue's depth shows the bid");

        final String replaced = p1.command("/api/orders/replace",
            "{\"clOrdId\":\"" + resting + "\",\"price\":\"11.20\",\"qty\":6}");
        final JsonNode afterReplace = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("live"), "clOrdId", replaced), "the replace applies");
        final JsonNode amended = ConsoleClient.find(afterReplace.get("live"), "clOrdId", replaced);
        assertEquals("11.20", amended.get("price").asText());
        assertEquals(6, amended.get("qty").asInt());
        assertEquals(order.get("orderId").asLong(), amended.get("orderId").asLong(), "the same order, amended");

        p1.command("/api/orders/cancel", "{\"clOrdId\":\"" + replaced + "\"}");
        final JsonNode cancelled = p1.await("/api/participants/P1/orders",
            o -> o.get("live").isEmpty() && !o.get("done").isEmpty(), "the cancel finishes the order");
        assertEquals("cancelled", cancelled.get("done").get(0).get("state").asText());
        assertEquals("user", cancelled.get("done").get(0).get("reason").asText());
        assertEquals(replaced, cancelled.get("done").get(0).get("clOrdId").asText(), "the order keeps its own clOrdId");

        final String bid = p1.command("/api/orders",
            "{\"product\":\"" + TRAFFIC + "\",\"side\":\"buy\",\"price\":\"12.00\",\"qty\":4}");
        p1.await("/api/participants/P1/orders", o -> null != ConsoleClient.find(o.get("live"), "clOrdId", bid), "rests");
        p2.command("/api/orders", "{\"product\":\"" + TRAFFIC + "\",\"side\":\"sell\",\"tif\":\"ioc\",\"price\":\"12.00\",\"qty\":4}");
        // in the demo set-up P1 bought two DATA.ROADS.HIST licences from P2, and P2 sold TW its 1,000
        // traffic licences (only the owner is issued units): newest first
        final JsonNode buyerTrades = p1.await("/api/participants/P1/trades", t -> 2 == t.get("trades").size(), "P1 sees the fill");
        final JsonNode sellerTrades = p2.await("/api/participants/P2/trades", t -> 3 == t.get("trades").size(), "P2 sees it");
        final JsonNode fill = buyerTrades.get("trades").get(0);
        assertEquals("buy", fill.get("side").asText());
        assertEquals("12.00", fill.get("price").asText());
        assertEquals(4, fill.get("qty").asInt());
        assertEquals("sell", sellerTrades.get("trades").get(0).get("side").asText());
        assertEquals(fill.get("tradeId").asLong(), sellerTrades.get("trades").get(0).get("tradeId").asLong());
        final JsonNode certified = p1.await("/api/participants/P1/trades",
            t -> t.get("trades").get(0).get("certified").asBoolean(), "the certificate stage certifies the fill")
            .get("trades").get(0);
        // the certificate the stage wrote for this fill, shown as written: id, place in the chain, hash
        final JsonNode issued = ConsoleClient.find(certificatesIssued(), "tradeId", fill.get("tradeId").asText());
        assertNotNull(issued, "the stage's certificates.jsonl holds the fill's certificate");
        assertEquals(issued.get("certificateId").asText(), certified.get("certificateId").asText());
        assertEquals(issued.get("index").asLong(), certified.get("certificateIndex").asLong());
        assertEquals(issued.get("hash").asText(), certified.get("certificateHash").asText());
        assertTrue(certified.get("certificateHash").asText().matches("[0-9a-f]{64}"));
        assertEquals(certified.get("certificateHash").asText(), p2.await("/api/participants/P2/trades",
            t -> t.get("trades").get(0).get("certified").asBoolean(), "the seller sees the same certificate")
            .get("trades").get(0).get("certificateHash").asText());
        final JsonNode position = p1.await("/api/participants/P1/position",
            p -> !p.get("position").isNull() && p.get("position").get("holdings").size() == 2, "P1 holds the units");
        assertEquals(4, ConsoleClient.find(position.get("position").get("holdings"), "product", TRAFFIC).get("qty").asInt());
        assertEquals(2, ConsoleClient.find(position.get("position").get("holdings"), "product", ROADS).get("qty").asInt(),
            "the demo's two DATA.ROADS.HIST licences");
        final JsonNode entitlement = ConsoleClient.find(p1.await("/api/participants/P1/position",
            p -> null != ConsoleClient.find(p.get("entitlements"), "product", TRAFFIC),
            "the fill grants P1 an entitlement").get("entitlements"), "product", TRAFFIC);
        assertEquals(4000, entitlement.get("remaining").asInt(), "4 lots x 1000 usage units");
        assertTrue(entitlement.get("nextExpiry").asText().matches("\\d{4}-\\d{2}-\\d{2}T.*Z"),
            "a 365-day term expires: " + entitlement);

        final ConsoleClient risk = client("RISK1", RISK1);
        final JsonNode riskView = risk.await("/api/risk", r -> "12.00".equals(ConsoleClient.find(r.get("products"), "product",
            TRAFFIC).get("lastPrice").asText()), "the risk view has the last price");
        final JsonNode traffic = ConsoleClient.find(riskView.get("products"), "product", TRAFFIC);
        assertEquals("TW", traffic.get("topHolder").asText(), "TW holds 1000 of the 1500 units");
        assertEquals("66.66", traffic.get("topHolderPercent").asText());
        assertNotNull(ConsoleClient.find(riskView.get("positions"), "participant", "P2"));
    }

    @Test
    void aRefusedOrderShowsTheMatchersReasonAndChangesNothing()
    {
        final ConsoleClient p1 = client("P1", P1);
        final String refused = p1.command("/api/orders",
            "{\"product\":\"" + TRAFFIC + "\",\"side\":\"buy\",\"price\":\"99.00\",\"qty\":1}");
        final JsonNode orders = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("refusals"), "clOrdId", refused), "the refusal is shown");
        assertEquals("PRICE_OUTSIDE_BAND", ConsoleClient.find(orders.get("refusals"), "clOrdId", refused).get("reason").asText());
        assertTrue(orders.get("live").isEmpty());
    }

    @Test
    void aRegulatorHaltsAProductThroughTheMatcher()
    {
        final ConsoleClient reg = client("REG1", REG1);
        reg.command("/api/regulator/halt", "{\"product\":\"ALGO.FRAUD.MODEL\",\"alertId\":\"A-1\"}");
        final JsonNode view = reg.await("/api/regulator", r -> "suspended".equals(
            ConsoleClient.find(r.get("products"), "product", "ALGO.FRAUD.MODEL").get("status").asText()), "halted");
        final JsonNode halt = ConsoleClient.find(view.get("actions"), "target", "ALGO.FRAUD.MODEL");
        assertEquals("REG1", halt.get("actor").asText());
        assertEquals("product suspended", halt.get("action").asText());
        assertEquals("ALGO.FRAUD.MODEL", halt.get("target").asText());
        assertEquals("applied", halt.get("outcome").asText());
        final ConsoleClient p1 = client("P1", P1);
        final String refused = p1.command("/api/orders",
            "{\"product\":\"ALGO.FRAUD.MODEL\",\"side\":\"buy\",\"price\":\"5000.00\",\"qty\":1}");
        final JsonNode orders = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("refusals"), "clOrdId", refused), "refused");
        assertEquals("PRODUCT_NOT_LISTED", ConsoleClient.find(orders.get("refusals"), "clOrdId", refused).get("reason").asText());

        // Resumed by the regulator: listed again (the demo loads it listed, so its opening-auction
        // setting is off and it reopens into continuous trading), and P1's order is taken.
        reg.command("/api/regulator/resume", "{\"product\":\"ALGO.FRAUD.MODEL\"}");
        reg.await("/api/regulator", r -> "listed".equals(
            ConsoleClient.find(r.get("products"), "product", "ALGO.FRAUD.MODEL").get("status").asText()), "resumed");
        final String taken = p1.command("/api/orders",
            "{\"product\":\"ALGO.FRAUD.MODEL\",\"side\":\"buy\",\"price\":\"5000.00\",\"qty\":1}");
        final JsonNode after = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("live"), "clOrdId", taken) ||
                null != ConsoleClient.find(o.get("refusals"), "clOrdId", taken), "answered");
        assertEquals(null, ConsoleClient.find(after.get("refusals"), "clOrdId", taken), "not refused after the resume");
    }

    @Test
    void aRegulatorsSuspensionReachesTheMatcherAndItsOutcomeIsListed()
    {
        final ConsoleClient reg = client("REG1", REG1);
        reg.command("/api/regulator/suspend", "{\"participant\":\"P2\",\"alertId\":\"A-2\"}");
        // the demo data's own actions (ADMIN listing DATA.ROADS.HIST) are listed too: this one is P2's
        final JsonNode view = reg.await("/api/regulator", r -> null != ConsoleClient.find(r.get("actions"), "target", "P2"),
            "the action is journaled");
        final JsonNode action = ConsoleClient.find(view.get("actions"), "target", "P2");
        assertEquals("REG1", action.get("actor").asText(), "the regulator acts as itself, never as the operator");
        assertEquals("participant suspended", action.get("action").asText());
        assertEquals("P2", action.get("target").asText());
        // whatever the matcher's rules let a regulator do, its decision and the participant's status agree
        final String status = ConsoleClient.find(view.get("participants"), "participant", "P2").get("status").asText();
        if ("applied".equals(action.get("outcome").asText()))
        {
            assertEquals("suspended", status);
            // and reinstated by the regulator: admitted again
            reg.command("/api/regulator/reinstate", "{\"participant\":\"P2\"}");
            reg.await("/api/regulator", r -> "admitted".equals(
                ConsoleClient.find(r.get("participants"), "participant", "P2").get("status").asText()), "reinstated");
        }
        else
        {
            assertEquals("NOT_AUTHORIZED", action.get("outcome").asText());
            assertEquals("admitted", status, "a refused command changes nothing");
        }
    }

    @Test
    void everyViewIsRebuiltFromTheJournalAfterARestart()
    {
        final ConsoleClient p1 = client("P1", P1);
        final String resting = p1.command("/api/orders",
            "{\"product\":\"" + TRAFFIC + "\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"10.50\",\"qty\":3}");
        final JsonNode before = p1.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("live"), "clOrdId", resting), "rests");
        exchange.close();
        exchange = launch();
        final ConsoleClient again = client("P1", P1);
        final JsonNode after = again.await("/api/participants/P1/orders",
            o -> null != ConsoleClient.find(o.get("live"), "clOrdId", resting), "the live order is back after a restart");
        assertEquals(before.get("live"), after.get("live"));
        final String next = again.command("/api/orders",
            "{\"product\":\"" + TRAFFIC + "\",\"side\":\"buy\",\"tif\":\"gtc\",\"price\":\"10.40\",\"qty\":1}");
        assertTrue(next.compareTo(resting) > 0 || next.length() > resting.length(), "clOrdIds keep growing: " + next);
    }

    /** The certificate stage's output as written (one JSON line a fill), as an array. */
    private JsonNode certificatesIssued()
    {
        try
        {
            final com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            final com.fasterxml.jackson.databind.node.ArrayNode lines = mapper.createArrayNode();
            for (final String line : java.nio.file.Files.readAllLines(dataDir.resolve("settlement").resolve("certificates.jsonl")))
            {
                lines.add(mapper.readTree(line));
            }
            return lines;
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
