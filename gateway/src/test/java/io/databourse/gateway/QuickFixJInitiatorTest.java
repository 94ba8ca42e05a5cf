package io.databourse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDateTime;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.schema.ExchangeStreams;
import io.databourse.testsupport.QuickFixJClient;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
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
 * Unmodified QuickFIX/J initiators (validating every message they receive against their own FIX 4.4
 * dictionary) log on, list securities, place, amend, cancel and trade with each other through the
 * Netty gateway and Aeron; the matcher is the test's fake.
 */
class QuickFixJInitiatorTest
{
    @TempDir
    Path tempDir;

    private MediaDriver driver;
    private Aeron aeron;
    private FakeMatcher matcher;
    private FixGateway gateway;
    private QuickFixJClient alice;
    private QuickFixJClient bob;

    @AfterEach
    void stop() throws Exception
    {
        CloseHelper.closeAll(alice, bob);
        CloseHelper.close(gateway);
        if (null != matcher)
        {
            matcher.close();
        }
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void quickFixJSessionsTradeThroughTheGateway() throws Exception
    {
        driver = MediaDriver.launchEmbedded(new MediaDriver.Context()
            .aeronDirectoryName("/dev/shm/databourse-gw-qfj-" + ProcessHandle.current().pid())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(1, 1, 1_000, 1_000_000))
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        gateway = FixGateway.launch(new GatewayContext()
            .port(0)
            .sessions(ExchangeGatewayTest.sessions())
            .sequenceStoreDir(new File(tempDir.toFile(), "seqnums"))
            .exchangeLink(new ExchangeLinkContext().aeron(aeron))
            .ioLingerPolls(0));
        matcher = new FakeMatcher(aeron, ExchangeStreams.IPC_CHANNEL, ExchangeStreams.COMMAND_STREAM_ID,
            ExchangeStreams.IPC_CHANNEL, ExchangeStreams.EVENT_STREAM_ID);
        matcher.start();
        ExchangeGatewayTest.awaitProducts(gateway);

        // one unmodified QuickFIX/J initiator each, validating every message against its FIX 4.4 dictionary
        alice = new QuickFixJClient(gateway.port(), "ALICE", ExchangeGatewayTest.ALICE_PASSWORD, "DBX").start();
        bob = new QuickFixJClient(gateway.port(), "BOB", ExchangeGatewayTest.BOB_PASSWORD, "DBX").start();
        assertTrue(alice.awaitLogon(), "alice logon");
        assertTrue(bob.awaitLogon(), "bob logon");

        final SecurityListRequest listRequest = new SecurityListRequest(
            new SecurityReqID("s1"), new SecurityListRequestType(SecurityListRequestType.ALL_SECURITIES));
        alice.send(listRequest);
        final Message list = alice.next(MsgType.SECURITY_LIST);
        assertEquals(1, list.getGroupCount(146));
        assertEquals("DATA-1", list.getGroup(1, 146).getString(Symbol.FIELD));

        final NewOrderSingle buy = new NewOrderSingle(new ClOrdID("a1"), new Side(Side.BUY), new TransactTime(LocalDateTime.now()),
            new OrdType(OrdType.LIMIT));
        buy.set(new Symbol("DATA-1"));
        buy.set(new OrderQty(10));
        buy.set(new Price(12.00));
        alice.send(buy);
        final Message aliceNew = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.NEW, aliceNew.getChar(ExecType.FIELD));

        final OrderCancelReplaceRequest amend = new OrderCancelReplaceRequest(new OrigClOrdID("a1"), new ClOrdID("a1r"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        amend.set(new Symbol("DATA-1"));
        amend.set(new OrderQty(10));
        amend.set(new Price(12.34));
        alice.send(amend);
        final Message replaced = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.REPLACED, replaced.getChar(ExecType.FIELD));
        assertEquals("a1r", replaced.getString(ClOrdID.FIELD));
        assertEquals("a1", replaced.getString(OrigClOrdID.FIELD));
        assertEquals(12.34, replaced.getDouble(Price.FIELD), 1e-9);

        final NewOrderSingle sell = new NewOrderSingle(new ClOrdID("b1"), new Side(Side.SELL), new TransactTime(LocalDateTime.now()),
            new OrdType(OrdType.LIMIT));
        sell.set(new Symbol("DATA-1"));
        sell.set(new OrderQty(10));
        sell.set(new Price(12.00));
        bob.send(sell);
        assertEquals(ExecType.NEW, bob.next(MsgType.EXECUTION_REPORT).getChar(ExecType.FIELD));
        final Message bobFill = bob.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.TRADE, bobFill.getChar(ExecType.FIELD));
        assertEquals(OrdStatus.FILLED, bobFill.getChar(OrdStatus.FIELD));
        assertEquals(12.34, bobFill.getDouble(LastPx.FIELD), 1e-9);
        final Message aliceFill = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.TRADE, aliceFill.getChar(ExecType.FIELD));
        assertEquals("a1r", aliceFill.getString(ClOrdID.FIELD));

        final NewOrderSingle rest = new NewOrderSingle(new ClOrdID("a2"), new Side(Side.BUY), new TransactTime(LocalDateTime.now()),
            new OrdType(OrdType.LIMIT));
        rest.set(new Symbol("DATA-1"));
        rest.set(new OrderQty(5));
        rest.set(new Price(1.00));
        alice.send(rest);
        assertEquals(ExecType.NEW, alice.next(MsgType.EXECUTION_REPORT).getChar(ExecType.FIELD));
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("a2"), new ClOrdID("c2"), new Side(Side.BUY),
            new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("DATA-1"));
        alice.send(cancel);
        final Message cancelled = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.CANCELED, cancelled.getChar(ExecType.FIELD));

        final OrderCancelRequest unknown = new OrderCancelRequest(new OrigClOrdID("zz"), new ClOrdID("c3"), new Side(Side.BUY),
            new TransactTime(LocalDateTime.now()));
        unknown.set(new Symbol("DATA-1"));
        alice.send(unknown);
        assertNotNull(alice.next(MsgType.ORDER_CANCEL_REJECT));

        assertTrue(alice.rejectsSent.isEmpty(), "QuickFIX/J rejected gateway messages: " + alice.rejectsSent);
        assertTrue(bob.rejectsSent.isEmpty(), "QuickFIX/J rejected gateway messages: " + bob.rejectsSent);
    }
}
