package io.databourse.exchange.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.databourse.exchange.EmbeddedExchange;
import io.databourse.exchange.ExchangeConfig;
import io.databourse.gateway.FixGateway;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.MsgType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.SecurityListRequest;

/**
 * The first "done means", through the real thing: the embedded exchange (media driver,
 * journal, the matcher recovered and bootstrapped with the demo reference data, the FIX gateway over
 * aeron:ipc) and unmodified QuickFIX/J initiators logging on as the demo participants P1 and P2.
 * The gateway starts after the reference data is loaded, so every product it lists was learnt from
 * the matcher's answer to its product list request.
 */
class QuickFixJExchangeTest
{
    /** DATA.TRAFFIC.API: tick 0.01, lot 1, band 20 % around 12.00; fees maker 5 bps, taker 10 bps. */
    static final String TRAFFIC = "DATA.TRAFFIC.API";
    static final String EXEC_ID = "[0-9]+-[0-9]+(-[BS])?";

    @TempDir
    Path dataDir;

    private EmbeddedExchange exchange;
    private QuickFixJClient p1;
    private QuickFixJClient p2;
    private final Set<String> execIds = new HashSet<>();

    @BeforeEach
    void start() throws Exception
    {
        exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir("/dev/shm/databourse-fixtest-" + ProcessHandle.current().pid())
            .fixEnabled(true)
            .fixPort(0));
        awaitProducts(exchange.gateway(), 5);
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(p1, p2, exchange);
    }

    /**
     * The demo exchange with FIX on an ephemeral port and the positions/console HTTP port too, its
     * Aeron directory named for the test and this process; returns once the gateway knows the demo's
     * five products.
     */
    static EmbeddedExchange launchDemoWithHttp(final java.nio.file.Path dataDir, final String name) throws Exception
    {
        final EmbeddedExchange exchange = EmbeddedExchange.launch(new ExchangeConfig()
            .dataDir(dataDir)
            .aeronDir("/dev/shm/databourse-" + name + "-" + ProcessHandle.current().pid())
            .fixEnabled(true)
            .fixPort(0)
            .positionsHttpPort(0));
        awaitProducts(exchange.gateway(), 5);
        return exchange;
    }

    static void awaitProducts(final FixGateway gateway, final int count) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + QuickFixJClient.WAIT_MS;
        while (gateway.knownProductCount() < count && System.currentTimeMillis() < deadline)
        {
            Thread.sleep(1);
        }
        assertEquals(count, gateway.knownProductCount(), "products the gateway learnt from the matcher");
    }

    private QuickFixJClient logOn(final String compId, final String password) throws Exception
    {
        final QuickFixJClient client = new QuickFixJClient(exchange.gateway().port(), compId, password).start();
        assertTrue(client.awaitLogon(), compId + " logon");
        return client;
    }

    static NewOrderSingle limit(final String clOrdId, final char side, final String symbol, final long qty, final double price)
    {
        final NewOrderSingle order = new NewOrderSingle(new ClOrdID(clOrdId), new Side(side),
            new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        order.set(new Symbol(symbol));
        order.set(new OrderQty(qty));
        order.set(new Price(price));
        return order;
    }

    private static OrderCancelRequest cancel(final String clOrdId, final String origClOrdId, final char side)
    {
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID(origClOrdId), new ClOrdID(clOrdId),
            new Side(side), new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol(TRAFFIC));
        return cancel;
    }

    private static OrderCancelReplaceRequest amend(
        final String clOrdId, final String origClOrdId, final char side, final long qty, final double price)
    {
        final OrderCancelReplaceRequest amend = new OrderCancelReplaceRequest(new OrigClOrdID(origClOrdId),
            new ClOrdID(clOrdId), new Side(side), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        amend.set(new Symbol(TRAFFIC));
        amend.set(new OrderQty(qty));
        amend.set(new Price(price));
        return amend;
    }

    /**
     * The next ExecutionReport, checked field by field (raw strings: the gateway's decimals are part of the
     * dialect), and its ExecID unique across the test.
     */
    private Message report(final QuickFixJClient client, final char execType, final char ordStatus, final String clOrdId,
        final long cumQty, final long leavesQty, final String avgPx) throws Exception
    {
        final Message m = client.next(MsgType.EXECUTION_REPORT);
        assertEquals(String.valueOf(execType), m.getString(150), m.toString());
        assertEquals(String.valueOf(ordStatus), m.getString(39), m.toString());
        assertEquals(clOrdId, m.getString(11), m.toString());
        assertEquals(cumQty, m.getInt(14), m.toString());
        assertEquals(leavesQty, m.getInt(151), m.toString());
        assertEquals(avgPx, m.getString(6), m.toString());
        assertTrue(m.getString(17).matches(EXEC_ID), m.toString());
        assertTrue(execIds.add(m.getString(17)), "ExecID reused: " + m);
        assertEquals(client.compId, m.getString(1), m.toString());
        return m;
    }

    @Test
    void twoQuickFixJSessionsListPlaceAmendCancelAndTradeThroughTheRealMatcher() throws Exception
    {
        p1 = logOn("P1", "p1-demo");
        p2 = logOn("P2", "p2-demo");

        // Every demo product, with kind, grade, tick, lot and status.
        p1.send(new SecurityListRequest(new SecurityReqID("all"),
            new SecurityListRequestType(SecurityListRequestType.ALL_SECURITIES)));
        final Message list = p1.next(MsgType.SECURITY_LIST);
        assertEquals("0", list.getString(560), list.toString());
        final Map<String, String> descriptions = new HashMap<>();
        for (int i = 1; i <= list.getGroupCount(146); i++)
        {
            final Group product = list.getGroup(i, 146);
            descriptions.put(product.getString(55), product.getString(762) + " | " + product.getString(107) + " | " +
                product.getString(561));
        }
        assertEquals(5, descriptions.size(), descriptions.toString());
        assertEquals("data | kind=data grade=general tick=0.01 lot=1 status=listed | 1", descriptions.get(TRAFFIC));
        // the demo's reviewed dataset: registered unlisted, listed once reviewed (grade general) and sponsored
        assertEquals("data | kind=data grade=general tick=0.01 lot=1 status=listed | 1",
            descriptions.get("DATA.ROADS.HIST"));
        assertEquals("data | kind=data grade=important tick=0.10 lot=10 status=listed | 10",
            descriptions.get("DATA.MEDICAL.SANDBOX"));
        assertEquals("algorithm | kind=algorithm grade=general tick=1.00 lot=1 status=listed | 1",
            descriptions.get("ALGO.FRAUD.MODEL"));
        assertEquals("compute | kind=compute grade=general tick=0.01 lot=1 status=listed " +
            "windowStartMs=1798761600000 windowEndMs=1798776000000 | 1",
            descriptions.get("COMPUTE.H100.GY1.2027-01-01T00"));

        // P1 bids 10 @ 12.00, then amends to 12.10.
        p1.send(limit("a1", Side.BUY, TRAFFIC, 10, 12.00));
        final Message a1New = report(p1, '0', '0', "a1", 0, 10, "0.0000");
        final String orderId = a1New.getString(37);
        assertEquals(TRAFFIC, a1New.getString(55));
        assertEquals("12.00", a1New.getString(44));
        p1.send(amend("a1r", "a1", Side.BUY, 10, 12.10));
        final Message replaced = report(p1, '5', '0', "a1r", 0, 10, "0.0000");
        assertEquals("a1", replaced.getString(41));
        assertEquals(orderId, replaced.getString(37));
        assertEquals("12.10", replaced.getString(44));

        // P2 sells 4 at 12.00: trades at the resting price 12.10. P2 is the taker (10 bps), P1 the maker (5 bps).
        p2.send(limit("b1", Side.SELL, TRAFFIC, 4, 12.00));
        final Message b1New = report(p2, '0', '0', "b1", 0, 4, "0.0000");
        assertNotEquals(orderId, b1New.getString(37));
        final Message b1Fill = report(p2, 'F', '2', "b1", 4, 0, "12.1000");
        assertEquals("12.10", b1Fill.getString(31));
        assertEquals(4, b1Fill.getInt(32));
        assertEquals("0.04", b1Fill.getString(12));
        assertTrue(b1Fill.getString(17).endsWith("-S"), b1Fill.toString());
        final Message a1Partial = report(p1, 'F', '1', "a1r", 4, 6, "12.1000");
        assertEquals(orderId, a1Partial.getString(37));
        assertEquals("12.10", a1Partial.getString(31));
        assertEquals(4, a1Partial.getInt(32));
        assertEquals("0.02", a1Partial.getString(12));
        assertTrue(a1Partial.getString(17).endsWith("-B"), a1Partial.toString());

        // Amend the partly filled order (total 10 stays, price 12.20), then P2 fills the rest.
        p1.send(amend("a1r2", "a1r", Side.BUY, 10, 12.20));
        report(p1, '5', '1', "a1r2", 4, 6, "12.1000");
        p2.send(limit("b2", Side.SELL, TRAFFIC, 6, 12.00));
        report(p2, '0', '0', "b2", 0, 6, "0.0000");
        final Message b2Fill = report(p2, 'F', '2', "b2", 6, 0, "12.2000");
        assertEquals("12.20", b2Fill.getString(31));
        final Message a1Filled = report(p1, 'F', '2', "a1r2", 10, 0, "12.1600");
        assertEquals("12.20", a1Filled.getString(31));
        assertEquals(6, a1Filled.getInt(32));

        // A resting offer, cancelled by its owner.
        p2.send(limit("b3", Side.SELL, TRAFFIC, 5, 13.00));
        report(p2, '0', '0', "b3", 0, 5, "0.0000");
        p2.send(cancel("b3c", "b3", Side.SELL));
        final Message b3Cancelled = report(p2, '4', '4', "b3c", 0, 0, "0.0000");
        assertEquals("b3", b3Cancelled.getString(41));

        // P2 cannot cancel P1's order: the matcher finds orders by (participant, ClOrdID).
        p1.send(limit("a2", Side.BUY, TRAFFIC, 3, 11.00));
        report(p1, '0', '0', "a2", 0, 3, "0.0000");
        p2.send(cancel("steal", "a2", Side.BUY));
        final Message refused = p2.next(MsgType.ORDER_CANCEL_REJECT);
        assertEquals("steal", refused.getString(11));
        assertEquals("1", refused.getString(102), refused.toString());
        assertTrue(refused.getString(58).startsWith("UNKNOWN_ORDER: "), refused.toString());
        p1.send(cancel("a2c", "a2", Side.BUY));
        report(p1, '4', '4', "a2c", 0, 0, "0.0000");

        // Matcher rejects reach the client as ExecType=8 with the reason in words.
        p1.send(limit("a3", Side.BUY, TRAFFIC, 1, 20.00));
        final Message outsideBand = report(p1, '8', '8', "a3", 0, 0, "0.0000");
        assertTrue(outsideBand.getString(58).startsWith("PRICE_OUTSIDE_BAND: "), outsideBand.toString());
        assertEquals(TRAFFIC, outsideBand.getString(55));
        // P2 holds 50 000.00 in cash: 20 x 5000.00 cannot be reserved.
        p2.send(limit("b4", Side.BUY, "ALGO.FRAUD.MODEL", 20, 5000.00));
        final Message noFunds = report(p2, '8', '8', "b4", 0, 0, "0.0000");
        assertEquals("3", noFunds.getString(103), noFunds.toString());
        assertTrue(noFunds.getString(58).startsWith("INSUFFICIENT_FUNDS: "), noFunds.toString());
        assertTrue(noFunds.getString(58).length() > "INSUFFICIENT_FUNDS: ".length() + 10, noFunds.toString());

        assertTrue(p1.rejectsSent.isEmpty(), "QuickFIX/J refused gateway messages: " + p1.rejectsSent);
        assertTrue(p2.rejectsSent.isEmpty(), "QuickFIX/J refused gateway messages: " + p2.rejectsSent);
    }

    @Test
    void wrongPasswordGetsALogoutAndNoSession() throws Exception
    {
        final long refusedBefore = exchange.gateway().counters().logonsRefused.get();
        try (QuickFixJClient intruder = new QuickFixJClient(exchange.gateway().port(), "P3", "not-the-password").start())
        {
            final String logout = intruder.nextIncomingContaining("|35=5|");
            assertNotNull(logout, "no Logout for a wrong password");
            assertTrue(logout.contains("|58=Invalid username or password|"), logout);
            assertFalse(intruder.loggedOn.getCount() == 0, "logged on with a wrong password");
            // Counted just after the Logout is written, so possibly after the client has read it.
            final long deadline = System.currentTimeMillis() + QuickFixJClient.WAIT_MS;
            while (exchange.gateway().counters().logonsRefused.get() == refusedBefore &&
                System.currentTimeMillis() < deadline)
            {
                Thread.sleep(1);
            }
            assertTrue(exchange.gateway().counters().logonsRefused.get() > refusedBefore, "refusal not counted");
        }
        // The refused attempt took nothing from the real P3: it logs on.
        try (QuickFixJClient p3 = logOn("P3", "p3-demo"))
        {
            assertEquals(0, p3.loggedOn.getCount());
        }
    }
}
