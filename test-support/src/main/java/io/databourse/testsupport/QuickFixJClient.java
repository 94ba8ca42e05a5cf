package io.databourse.testsupport;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import quickfix.Application;
import quickfix.ConfigError;
import quickfix.DefaultMessageFactory;
import quickfix.FieldNotFound;
import quickfix.Log;
import quickfix.MemoryStoreFactory;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.SessionNotFound;
import quickfix.SessionSettings;
import quickfix.SocketInitiator;
import quickfix.field.MsgType;
import quickfix.field.Password;
import quickfix.field.Username;

/**
 * One unmodified QuickFIX/J 2.3.2 initiator session (its own SocketInitiator, validating every
 * message it receives against its FIX 4.4 dictionary) logging on with Username/Password, and what it
 * received: application messages in order, the raw admin traffic, and any session Reject it sent
 * (which would mean the gateway sent something QuickFIX/J refuses). The gateway's and the
 * exchange's tests trade through it.
 */
public final class QuickFixJClient implements Application, AutoCloseable
{
    public static final long WAIT_MS = 10_000;
    /** Logons wait longer: each password is a PBKDF2 check, queued one after another. */
    public static final long LOGON_WAIT_MS = 60_000;
    /** The exchange's CompID, as {@code bin/databourse run} configures it. */
    public static final String EXCHANGE_COMP_ID = "DATABOURSE";

    public final String compId;
    public final SessionID sessionId;
    public final CountDownLatch loggedOn = new CountDownLatch(1);
    public final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    public final List<Message> rejectsSent = new CopyOnWriteArrayList<>();
    /** Every message the engine read off the socket, raw (SOH as '|'): admin messages included. */
    public final BlockingQueue<String> incoming = new LinkedBlockingQueue<>();
    private final String password;
    private final SocketInitiator initiator;

    /** Every application message received, as it arrived, for campaigns that keep their own record. */
    public volatile java.util.function.Consumer<Message> listener = m -> { };

    public QuickFixJClient(final int port, final String compId, final String password) throws ConfigError
    {
        this(port, compId, password, EXCHANGE_COMP_ID);
    }

    public QuickFixJClient(final int port, final String compId, final String password, final String targetCompId)
        throws ConfigError
    {
        this.compId = compId;
        this.password = password;
        this.sessionId = new SessionID("FIX.4.4", compId, targetCompId);
        final String settings = String.join("\n",
            "[default]",
            "ConnectionType=initiator",
            "BeginString=FIX.4.4",
            "TargetCompID=" + targetCompId,
            "SocketConnectHost=127.0.0.1",
            "SocketConnectPort=" + port,
            "HeartBtInt=30",
            // A logon's PBKDF2 check takes seconds on a loaded 2-core machine: wait for the answer.
            "LogonTimeout=60",
            "ReconnectInterval=30",
            "StartTime=00:00:00",
            "EndTime=00:00:00",
            "NonStopSession=Y",
            "ResetOnLogon=Y",
            "UseDataDictionary=Y",
            "[session]",
            "SenderCompID=" + compId,
            "");
        initiator = new SocketInitiator(this, new MemoryStoreFactory(),
            new SessionSettings(new ByteArrayInputStream(settings.getBytes(StandardCharsets.US_ASCII))),
            id -> new CapturingLog(), new DefaultMessageFactory());
    }

    public QuickFixJClient start() throws ConfigError
    {
        initiator.start();
        return this;
    }

    public boolean awaitLogon() throws InterruptedException
    {
        return loggedOn.await(LOGON_WAIT_MS, TimeUnit.MILLISECONDS);
    }

    public void send(final Message message) throws SessionNotFound
    {
        if (!Session.sendToTarget(message, sessionId))
        {
            throw new IllegalStateException(compId + ": QuickFIX/J did not send " + message);
        }
    }

    /** The next application message of that type (others of the way are skipped), or an AssertionError. */
    public Message next(final String msgType) throws Exception
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
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
        throw new AssertionError(compId + ": no 35=" + msgType + " within " + WAIT_MS + " ms; rejects sent: " + rejectsSent);
    }

    /** The next raw incoming message containing {@code part}, or null if none arrives in time. */
    public String nextIncomingContaining(final String part) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < deadline)
        {
            final String m = incoming.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (null == m)
            {
                return null;
            }
            if (m.contains(part))
            {
                return m;
            }
        }
        return null;
    }

    @Override
    public void onCreate(final SessionID id)
    {
    }

    @Override
    public void onLogon(final SessionID id)
    {
        loggedOn.countDown();
    }

    @Override
    public void onLogout(final SessionID id)
    {
    }

    @Override
    public void toAdmin(final Message message, final SessionID id)
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

    @Override
    public void fromAdmin(final Message message, final SessionID id)
    {
    }

    @Override
    public void toApp(final Message message, final SessionID id)
    {
    }

    @Override
    public void fromApp(final Message message, final SessionID id)
    {
        listener.accept(message);
        received.add(message);
    }

    @Override
    public void close()
    {
        initiator.stop(true);
    }

    private final class CapturingLog implements Log
    {
        @Override
        public void clear()
        {
        }

        @Override
        public void onIncoming(final String message)
        {
            incoming.add(message.replace('\u0001', '|'));
        }

        @Override
        public void onOutgoing(final String message)
        {
        }

        @Override
        public void onEvent(final String text)
        {
        }

        @Override
        public void onErrorEvent(final String text)
        {
        }
    }
}
