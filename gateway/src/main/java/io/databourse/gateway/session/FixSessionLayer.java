package io.databourse.gateway.session;

import io.databourse.edge.LogonGuard;
import io.databourse.gateway.fix.FixCodes;
import io.databourse.gateway.fix.FixCodes.SessionMsgType;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.FixValidator;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The FIX 4.4 session protocol for one connection (Artio's Session): what the transport and the
 * application see of it, and its state machine (awaiting logon, active, logout sent, closed). Each
 * frame is parsed and validated here, then goes by state to its part, one job each:
 * {@link LogonAcceptor} with {@link LogonCredentials} (the logon phase: who may have which session),
 * {@link InSessionMessages} (each message of the active session, by type), {@link InboundSequence}
 * (what an unexpected MsgSeqNum calls for, held messages, the resend asked for), {@link Resender}
 * (answering a ResendRequest), {@link HeartbeatSchedule} (heartbeats, test requests, timeouts),
 * {@link SessionChecks} (BeginString, SendingTime, CompIDs) and {@link SessionSender} (the header,
 * sender numbers and every admin message). The semantics follow QuickFIX/J's Session, so that its
 * acceptance suite passes unchanged. Single-threaded: every method runs on the connection's thread.
 */
public final class FixSessionLayer implements SessionHandle
{
    private static final int AWAITING_LOGON = 0;
    private static final int ACTIVE = 1;
    private static final int LOGOUT_SENT = 2;
    private static final int CLOSED = 3;

    private static final String TEST_REQ_ID = "TEST";

    private final SessionLayerContext ctx;
    private final FixConnection connection;
    private final EpochClock clock;
    private final FixMessage inbound;
    private final FixValidator validator;
    private final SessionSender sender;
    private final InboundSequence sequence;
    private final HeartbeatSchedule heartbeats;
    private final LogonCredentials credentials;
    private final LogonAcceptor logons;
    private final InSessionMessages messages;
    private final UnsafeBuffer heldView = new UnsafeBuffer(new byte[0]);
    private final StringBuilder text = new StringBuilder(128);

    private FixSession session;
    private SessionConfig config;
    private int state = AWAITING_LOGON;
    private final long connectedMs;
    private long logoutSentMs;
    private boolean sendingApplicationMessage;
    private boolean applicationLoggedOn;
    private long garbledCount;
    /** The frame being processed, for keeping a Logon while its password is checked. */
    private DirectBuffer frameBuffer;
    private int frameOffset;
    private int frameLength;

    public FixSessionLayer(final SessionLayerContext ctx, final FixConnection connection)
    {
        this.ctx = ctx;
        this.connection = connection;
        this.clock = ctx.epochClock();
        this.inbound = new FixMessage(ctx.fieldsMax());
        this.validator = new FixValidator(ctx.dictionary(), ctx.fieldsMax());
        this.connectedMs = clock.time();
        this.sender = new SessionSender(connection, clock, ctx.counters(), ctx.messageLengthMax(), ctx.fieldsMax(), connectedMs);
        this.sequence = new InboundSequence(ctx.queuedMessagesMax(), ctx.queuedBytesMax());
        this.heartbeats = new HeartbeatSchedule(connectedMs);
        this.credentials = new LogonCredentials(ctx, connection, clock, this::onPasswordVerdict);
        this.logons = new LogonAcceptor(ctx, clock, credentials, this);
        this.messages = new InSessionMessages(this, ctx, clock, inbound, validator, sender, sequence, heartbeats);
    }

    // ------------------------------------------------------------------ transport events

    /** A complete frame with a good checksum. */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        process(buffer, offset, length, false);
        processHeld();
        connection.flush();
    }

    /** Bytes that are not a FIX message (framing problem or bad checksum): ignored once logged on. */
    public void onGarbled(final int framerStatus)
    {
        garbledCount++;
        ctx.counters().garbledMessages.incrementAndGet();
        if (AWAITING_LOGON == state)
        {
            // An unauthenticated peer sending garbage gets no second chance.
            close();
        }
    }

    /** BodyLength above the limit: the stream cannot be trusted any more. */
    public void onOversize(final int bodyLength)
    {
        ctx.counters().oversizeDisconnects.incrementAndGet();
        if (ACTIVE == state)
        {
            text.setLength(0);
            text.append("Message too large: BodyLength ").append(bodyLength).append(" > ").append(ctx.messageLengthMax());
            sender.logout(text);
        }
        close();
    }

    /** Called periodically (every few hundred ms) on the connection's thread. */
    public void onTimer()
    {
        final long nowMs = clock.time();
        switch (state)
        {
            case AWAITING_LOGON:
                // The deadline is the client's to meet: once its Logon is in, the time the password check
                // waits in the verifier's queue (seconds when many logons come at once) is not held against it.
                if (!credentials.isChecking() && nowMs - connectedMs >= ctx.logonTimeoutMs())
                {
                    ctx.counters().logonsRefused.incrementAndGet();
                    ctx.sessionLog().accept("no logon within " + ctx.logonTimeoutMs() + " ms from " + connection.remoteAddress());
                    close();
                }
                break;

            case LOGOUT_SENT:
                if (nowMs - logoutSentMs >= ctx.logoutTimeoutMs())
                {
                    close();
                }
                break;

            case ACTIVE:
                if (heartbeats.isOn())
                {
                    switch (heartbeats.due(nowMs, sender.lastSentMs()))
                    {
                        case HeartbeatSchedule.TIMEOUT:
                            ctx.counters().heartbeatTimeouts.incrementAndGet();
                            sender.logout("Heartbeat timeout");
                            close();
                            break;

                        case HeartbeatSchedule.TEST_REQUEST:
                            sender.testRequest(TEST_REQ_ID);
                            break;

                        case HeartbeatSchedule.HEARTBEAT:
                            sender.heartbeat();
                            break;

                        default:
                            break;
                    }
                    connection.flush();
                }
                break;

            default:
                break;
        }
    }

    /** The connection closed, by either side. */
    public void onDisconnect()
    {
        if (CLOSED == state)
        {
            return;
        }
        final boolean wasLoggedOn = applicationLoggedOn;
        applicationLoggedOn = false;
        if (wasLoggedOn)
        {
            ctx.sessionLog().accept("logout " + config + " from " + connection.remoteAddress());
        }
        state = CLOSED;
        sequence.clear();
        if (null != session && session.isOwnedBy(this))
        {
            if (wasLoggedOn)
            {
                session.application().onDisconnect(this);
            }
            if (config.resetOnDisconnect())
            {
                session.reset();
            }
            session.release(this);
        }
    }

    public boolean isClosed()
    {
        return CLOSED == state;
    }

    /** True while a Logon's password is checked off this thread: the frames after it wait. */
    public boolean isVerifyingPassword()
    {
        return credentials.isChecking();
    }

    public long garbledCount()
    {
        return garbledCount;
    }

    // ------------------------------------------------------------------ SessionHandle

    @Override
    public SessionConfig config()
    {
        return config;
    }

    @Override
    public boolean isLoggedOn()
    {
        return ACTIVE == state;
    }

    @Override
    public FixEncoder begin(final CharSequence msgType)
    {
        final FixEncoder e = sender.begin(msgType);
        sendingApplicationMessage = true;
        return e;
    }

    @Override
    public FixEncoder begin(final DirectBuffer msgType, final int offset, final int length)
    {
        final FixEncoder e = sender.begin(msgType, offset, length);
        sendingApplicationMessage = true;
        return e;
    }

    @Override
    public void send()
    {
        if (!sendingApplicationMessage)
        {
            throw new IllegalStateException("send() without begin()");
        }
        sendingApplicationMessage = false;
        if (ACTIVE != state)
        {
            return;
        }
        sender.commitApplication();
        connection.flush();
    }

    @Override
    public void sendBusinessReject(final FixMessage refMessage, final int businessRejectReason, final CharSequence reason)
    {
        final FixEncoder e = begin(FixCodes.MsgType.BUSINESS_MESSAGE_REJECT);
        final long refSeqNum = refMessage.longValue(FixTags.MSG_SEQ_NUM);
        e.longValue(FixTags.REF_SEQ_NUM, refSeqNum == Long.MIN_VALUE ? 0 : refSeqNum);
        final int typeIndex = refMessage.indexOf(FixTags.MSG_TYPE);
        if (typeIndex >= 0)
        {
            e.bytes(FixTags.REF_MSG_TYPE, refMessage.buffer(), refMessage.valueOffsetAt(typeIndex),
                refMessage.valueLengthAt(typeIndex));
        }
        e.longValue(FixTags.BUSINESS_REJECT_REASON, businessRejectReason);
        if (null != reason)
        {
            e.string(FixTags.TEXT, reason);
        }
        send();
    }

    @Override
    public void beginBatch()
    {
        connection.beginBatch();
    }

    @Override
    public void endBatch()
    {
        connection.endBatch();
    }

    @Override
    public boolean onSessionThread()
    {
        return connection.inThread();
    }

    @Override
    public void execute(final Runnable task)
    {
        connection.execute(task);
    }

    @Override
    public void logout(final CharSequence reason)
    {
        if (ACTIVE == state)
        {
            logoutAndWait(reason);
        }
    }

    // ------------------------------------------------------------------ inbound processing

    /** The held messages that are now due, in order, until one is missing. */
    private void processHeld()
    {
        while (sequence.isHolding() && (ACTIVE == state))
        {
            final byte[] next = sequence.takeHeld(session.store().nextTargetSeqNum());
            if (null == next)
            {
                return;
            }
            heldView.wrap(next);
            process(heldView, 0, next.length, true);
        }
    }

    private void process(final DirectBuffer buffer, final int offset, final int length, final boolean held)
    {
        frameBuffer = buffer;
        frameOffset = offset;
        frameLength = length;
        if (CLOSED == state || inbound.parse(buffer, offset, length) != FixMessage.OK)
        {
            garbledCount++;
            ctx.counters().garbledMessages.incrementAndGet();
            return;
        }
        ctx.counters().messagesIn.incrementAndGet();
        final int validation = validator.validate(inbound);
        if (FixValidator.GARBLED == validation)
        {
            onGarbled(FixFramer.GARBLED);
            return;
        }
        if (!held)
        {
            heartbeats.onReceived(clock.time());
        }
        final int msgType = inbound.msgTypeKey();
        if (!SessionChecks.isBeginString44(inbound))
        {
            if (AWAITING_LOGON == state)
            {
                close();
            }
            else if (ACTIVE == state)
            {
                logoutAndWait("Incorrect BeginString");
            }
            return;
        }
        if (AWAITING_LOGON == state)
        {
            onFirstMessage(msgType, validation);
            return;
        }
        if (LOGOUT_SENT == state)
        {
            if (SessionMsgType.LOGOUT == msgType)
            {
                close();
            }
            return;
        }
        messages.onMessage(msgType, validation, held);
    }

    // ------------------------------------------------------------------ logon

    private void onFirstMessage(final int msgType, final int validation)
    {
        final int decision = logons.accept(
            inbound, msgType, validation, validator.refTagId(), frameBuffer, frameOffset, frameLength);
        switch (decision)
        {
            case LogonAcceptor.CHECKING:
                return; // decided when the verdict is in

            case LogonAcceptor.REFUSE:
                sender.refuseLogon(logons.candidate(), logons.refusalText());
                close();
                break;

            case LogonAcceptor.LOGOUT:
                bind(logons.session());
                logoutAndWait(logons.refusalText());
                break;

            case LogonAcceptor.ACCEPTED:
                bind(logons.session());
                activate();
                break;

            default:
                close();
                break;
        }
        if (ACTIVE == state)
        {
            ctx.counters().logonsAccepted.incrementAndGet();
            ctx.sessionLog().accept("logon " + config + " from " + connection.remoteAddress());
        }
        else
        {
            ctx.counters().logonsRefused.incrementAndGet();
            ctx.sessionLog().accept("logon refused from " + connection.remoteAddress() + ": " + logons.refusal());
        }
    }

    private void bind(final FixSession claimed)
    {
        session = claimed;
        config = claimed.config();
        sender.bind(claimed);
        messages.bind(claimed);
    }

    /** The Logon is accepted: answered, the application told, its number consumed or a gap asked for. */
    private void activate()
    {
        final int seq = (int)inbound.longValue(FixTags.MSG_SEQ_NUM);
        final long heartbeatS = inbound.longValue(FixTags.HEART_BT_INT);
        state = ACTIVE;
        heartbeats.intervalS(heartbeatS);
        heartbeats.onVerified();
        sender.logon(heartbeatS, logons.resetRequested());
        applicationLoggedOn = true;
        session.application().onLogon(this);
        messages.onLogonAccepted(seq);
    }

    /** The password check's verdict, on this connection's thread: the Logon is processed again with it. */
    private void onPasswordVerdict(final LogonGuard.Verdict checked)
    {
        final byte[] logon = credentials.takeWaitingLogon();
        if (CLOSED == state || null == logon)
        {
            return; // the logon deadline passed, or the peer left, meanwhile
        }
        credentials.verdict(checked);
        heldView.wrap(logon);
        process(heldView, 0, logon.length, false);
        credentials.clearVerdict();
        processHeld();
        connection.flush();
        if (CLOSED != state)
        {
            connection.resumeReading();
        }
    }

    // ------------------------------------------------------------------ outbound, closing

    /** Sends Logout and waits (up to the logout timeout) for the counterparty's Logout before closing. */
    void logoutAndWait(final CharSequence reason)
    {
        sender.logout(reason);
        connection.flush();
        state = LOGOUT_SENT;
        logoutSentMs = clock.time();
    }

    /** Closes the connection (once); the session is released. */
    void close()
    {
        if (CLOSED != state)
        {
            connection.close();
            onDisconnect();
        }
    }
}
