package io.databourse.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.aeron.Aeron;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.schema.ExchangeStreams;
import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Application;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.ScreenLogFactory;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.ClOrdID;
import quickfix.field.ExecType;
import quickfix.field.LastPx;
import quickfix.field.MsgType;
import quickfix.field.OrdStatus;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Password;
import quickfix.field.Price;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.field.Username;
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
    private SocketInitiator initiator;

    /** Collects what QuickFIX/J hands to the application; anything it refused never arrives here. */
    static final class Collector implements Application
    {
        final String compId;
        final String password;
        final CountDownLatch loggedOn = new CountDownLatch(1);
        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final BlockingQueue<Message> rejectsSent = new LinkedBlockingQueue<>();

        Collector(final String compId, final String password)
        {
            this.compId = compId;
            this.password = password;
        }

        public void onCreate(final SessionID sessionId)
        {
        }

        public void onLogon(final SessionID sessionId)
        {
            loggedOn.countDown();
        }

        public void onLogout(final SessionID sessionId)
        {
        }

        public void toAdmin(final Message message, final SessionID sessionId)
        {
            try
            {
                final String type = message.getHeader().getString(MsgType.FIELD);
                if (MsgType.LOGON.equals(type))
                {
                    message.setField(new Username(compId));
                    message.setField(new Password(password));
                }
                else if (MsgType.REJECT.equals(type))
                {
                    rejectsSent.add(message);
                }
            }
            catch (final FieldNotFound ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        public void fromAdmin(final Message message, final SessionID sessionId)
        {
        }

        public void toApp(final Message message, final SessionID sessionId)
        {
        }

        public void fromApp(final Message message, final SessionID sessionId)
        {
            received.add(message);
        }

        Message next(final String msgType) throws Exception
        {
            final long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline)
            {
                final Message m = received.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
                if (null == m)
                {
                    break;
                }
                if (msgType.equals(m.getHeader().getString(MsgType.FIELD)))
                {
                    return m;
                }
            }
            throw new AssertionError(compId + ": no 35=" + msgType + " within 10 s; rejects sent: " + rejectsSent);
        }
    }

    @AfterEach
    void stop() throws Exception
    {
        if (null != initiator)
        {
            initiator.stop(true);
        }
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

        final String settings = String.join("\n",
            "[default]",
            "ConnectionType=initiator",
            "BeginString=FIX.4.4",
            "TargetCompID=DBX",
            "SocketConnectHost=127.0.0.1",
            "SocketConnectPort=" + gateway.port(),
            "HeartBtInt=30",
            "ReconnectInterval=1",
            "StartTime=00:00:00",
            "EndTime=00:00:00",
            "NonStopSession=Y",
            "ResetOnLogon=Y",
            "UseDataDictionary=Y",
            "[session]",
            "SenderCompID=ALICE",
            "[session]",
            "SenderCompID=BOB",
            "");
        final Collector alice = new Collector("ALICE", ExchangeGatewayTest.ALICE_PASSWORD);
        final Collector bob = new Collector("BOB", ExchangeGatewayTest.BOB_PASSWORD);
        final SessionID aliceId = new SessionID("FIX.4.4", "ALICE", "DBX");
        final SessionID bobId = new SessionID("FIX.4.4", "BOB", "DBX");
        final Application router = new Router(alice, bob);
        initiator = new SocketInitiator(router, new MemoryStoreFactory(),
            new SessionSettings(new ByteArrayInputStream(settings.getBytes(StandardCharsets.US_ASCII))),
            new ScreenLogFactory(false, false, false), new DefaultMessageFactory());
        initiator.start();
        assertTrue(alice.loggedOn.await(10, TimeUnit.SECONDS), "alice logon");
        assertTrue(bob.loggedOn.await(10, TimeUnit.SECONDS), "bob logon");

        final SecurityListRequest listRequest = new SecurityListRequest(
            new SecurityReqID("s1"), new SecurityListRequestType(SecurityListRequestType.ALL_SECURITIES));
        Session.sendToTarget(listRequest, aliceId);
        final Message list = alice.next(MsgType.SECURITY_LIST);
        assertEquals(1, list.getGroupCount(146));
        assertEquals("DATA-1", list.getGroup(1, 146).getString(Symbol.FIELD));

        final NewOrderSingle buy = new NewOrderSingle(new ClOrdID("a1"), new Side(Side.BUY), new TransactTime(LocalDateTime.now()),
            new OrdType(OrdType.LIMIT));
        buy.set(new Symbol("DATA-1"));
        buy.set(new OrderQty(10));
        buy.set(new Price(12.00));
        Session.sendToTarget(buy, aliceId);
        final Message aliceNew = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.NEW, aliceNew.getChar(ExecType.FIELD));

        final OrderCancelReplaceRequest amend = new OrderCancelReplaceRequest(new OrigClOrdID("a1"), new ClOrdID("a1r"),
            new Side(Side.BUY), new TransactTime(LocalDateTime.now()), new OrdType(OrdType.LIMIT));
        amend.set(new Symbol("DATA-1"));
        amend.set(new OrderQty(10));
        amend.set(new Price(12.34));
        Session.sendToTarget(amend, aliceId);
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
        Session.sendToTarget(sell, bobId);
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
        Session.sendToTarget(rest, aliceId);
        assertEquals(ExecType.NEW, alice.next(MsgType.EXECUTION_REPORT).getChar(ExecType.FIELD));
        final OrderCancelRequest cancel = new OrderCancelRequest(new OrigClOrdID("a2"), new ClOrdID("c2"), new Side(Side.BUY),
            new TransactTime(LocalDateTime.now()));
        cancel.set(new Symbol("DATA-1"));
        Session.sendToTarget(cancel, aliceId);
        final Message cancelled = alice.next(MsgType.EXECUTION_REPORT);
        assertEquals(ExecType.CANCELED, cancelled.getChar(ExecType.FIELD));

        final OrderCancelRequest unknown = new OrderCancelRequest(new OrigClOrdID("zz"), new ClOrdID("c3"), new Side(Side.BUY),
            new TransactTime(LocalDateTime.now()));
        unknown.set(new Symbol("DATA-1"));
        Session.sendToTarget(unknown, aliceId);
        assertNotNull(alice.next(MsgType.ORDER_CANCEL_REJECT));

        assertTrue(alice.rejectsSent.isEmpty(), "QuickFIX/J rejected gateway messages: " + alice.rejectsSent);
        assertTrue(bob.rejectsSent.isEmpty(), "QuickFIX/J rejected gateway messages: " + bob.rejectsSent);
    }

    /** One QuickFIX/J Application dispatching to the collector of each session. */
    static final class Router implements Application
    {
        private final Collector alice;
        private final Collector bob;

        Router(final Collector alice, final Collector bob)
        {
            this.alice = alice;
            this.bob = bob;
        }

        private Collector of(final SessionID id)
        {
            return id.getSenderCompID().equals("ALICE") ? alice : bob;
        }

        public void onCreate(final SessionID id)
        {
        }

        public void onLogon(final SessionID id)
        {
            of(id).onLogon(id);
        }

        public void onLogout(final SessionID id)
        {
        }

        public void toAdmin(final Message m, final SessionID id)
        {
            of(id).toAdmin(m, id);
        }

        public void fromAdmin(final Message m, final SessionID id)
        {
        }

        public void toApp(final Message m, final SessionID id)
        {
        }

        public void fromApp(final Message m, final SessionID id)
        {
            of(id).fromApp(m, id);
        }
    }
}
