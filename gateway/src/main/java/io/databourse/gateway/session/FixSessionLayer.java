package io.databourse.gateway.session;

import io.databourse.edge.LogonGuard;
import io.databourse.gateway.fix.FixDictionary;
import io.databourse.gateway.fix.FixEncoder;
import io.databourse.gateway.fix.FixFramer;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.FixValidator;
import io.databourse.gateway.fix.SessionRejectReason;
import io.databourse.gateway.fix.UtcTime;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The FIX 4.4 session protocol for one connection: logon and authentication, sequence numbers,
 * heartbeats and test requests, resend requests (answered with PossDup copies and gap fills),
 * sequence resets, session-level validation and rejects, logout. Business messages go to the
 * session's {@link io.databourse.gateway.app.Application}. The semantics follow QuickFIX/J's
 * Session, so that its acceptance suite passes unchanged. Single-threaded: every method runs on
 * the connection's thread.
 */
public final class FixSessionLayer implements SessionHandle
{
    private static final int AWAITING_LOGON = 0;
    private static final int ACTIVE = 1;
    private static final int LOGOUT_SENT = 2;
    private static final int CLOSED = 3;

    private static final int MSG_LOGON = 'A';
    private static final int MSG_HEARTBEAT = '0';
    private static final int MSG_TEST_REQUEST = '1';
    private static final int MSG_RESEND_REQUEST = '2';
    private static final int MSG_REJECT = '3';
    private static final int MSG_SEQUENCE_RESET = '4';
    private static final int MSG_LOGOUT = '5';

    private static final byte[] BEGIN_STRING_44 = "FIX.4.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final String TEST_REQ_ID = "TEST";

    private final SessionLayerContext ctx;
    private final FixConnection connection;
    private final EpochClock clock;
    private final FixMessage inbound;
    private final FixMessage resent;
    private final FixValidator validator;
    private final FixEncoder encoder;
    private final Int2ObjectHashMap<byte[]> queued = new Int2ObjectHashMap<>();
    private final UnsafeBuffer queuedView = new UnsafeBuffer(new byte[0]);
    private final StringBuilder text = new StringBuilder(128);

    private FixSession session;
    private SessionConfig config;
    private int state = AWAITING_LOGON;
    private long connectedMs;
    private long lastReceivedMs;
    private long lastSentMs;
    private long logoutSentMs;
    private long heartbeatIntervalMs;
    private int testRequestCounter;
    private int resendBegin;
    private int resendEnd;
    private long throttleWindowStartMs;
    private int throttleCount;
    private boolean sendingApplicationMessage;
    private boolean applicationLoggedOn;
    private long garbledCount;
    private long queuedBytes;
    /** Why the logon being processed was refused (cold path: logs only). */
    private String refusal;
    /** The Logon whose password is being checked, to be processed again with the verdict. */
    private byte[] logonAwaitingVerdict;
    private boolean verifyingPassword;
    private static final int VERDICT_NONE = 0;
    private static final int VERDICT_PASSED = 1;
    private static final int VERDICT_FAILED = 2;
    private static final int VERDICT_THROTTLED = 3;
    private int verdict = VERDICT_NONE;
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
        this.resent = new FixMessage(ctx.fieldsMax());
        this.validator = new FixValidator(ctx.dictionary(), ctx.fieldsMax());
        this.encoder = new FixEncoder(ctx.messageLengthMax());
        this.connectedMs = clock.time();
        this.lastReceivedMs = connectedMs;
        this.lastSentMs = connectedMs;
    }

    // ------------------------------------------------------------------ transport events

    /** A complete frame with a good checksum. */
    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        process(buffer, offset, length, false);
        drainQueue();
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
            sendLogout(text);
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
                if (!verifyingPassword && nowMs - connectedMs >= ctx.logonTimeoutMs())
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
                if (heartbeatIntervalMs > 0)
                {
                    final long sinceReceivedMs = nowMs - lastReceivedMs;
                    if (sinceReceivedMs >= heartbeatIntervalMs * 12 / 5)
                    {
                        ctx.counters().heartbeatTimeouts.incrementAndGet();
                        sendLogout("Heartbeat timeout");
                        close();
                    }
                    else if (sinceReceivedMs >= heartbeatIntervalMs * 3 * (testRequestCounter + 1) / 2)
                    {
                        beginAdmin("1").string(FixTags.TEST_REQ_ID, TEST_REQ_ID);
                        commit(false);
                        testRequestCounter++;
                    }
                    else if (nowMs - lastSentMs >= heartbeatIntervalMs && testRequestCounter == 0)
                    {
                        beginAdmin("0");
                        commit(false);
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
        queued.clear();
        queuedBytes = 0;
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
        return verifyingPassword;
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
        encoder.begin(msgType);
        header(session.store().nextSenderSeqNum());
        sendingApplicationMessage = true;
        return encoder;
    }

    @Override
    public FixEncoder begin(final DirectBuffer msgType, final int offset, final int length)
    {
        encoder.begin(msgType, offset, length);
        header(session.store().nextSenderSeqNum());
        sendingApplicationMessage = true;
        return encoder;
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
        commit(true);
        connection.flush();
    }

    @Override
    public void sendBusinessReject(final FixMessage refMessage, final int businessRejectReason, final CharSequence reason)
    {
        final FixEncoder e = begin("j");
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

    private void drainQueue()
    {
        while (!queued.isEmpty() && (ACTIVE == state))
        {
            final byte[] next = queued.remove(session.store().nextTargetSeqNum());
            if (null == next)
            {
                return;
            }
            queuedBytes -= next.length;
            queuedView.wrap(next);
            process(queuedView, 0, next.length, true);
        }
    }

    private void process(final DirectBuffer buffer, final int offset, final int length, final boolean fromQueue)
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
        if (!fromQueue)
        {
            lastReceivedMs = clock.time();
        }
        final int msgType = inbound.msgTypeKey();
        if (!isBeginString44())
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
            if (MSG_LOGOUT == msgType)
            {
                close();
            }
            return;
        }

        final long seqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        if (!inbound.has(FixTags.MSG_SEQ_NUM))
        {
            logoutAndWait("Received message without MsgSeqNum");
            return;
        }
        if (SessionRejectReason.NONE != validation)
        {
            sendReject(validation, validator.refTagId());
            return;
        }
        if (seqNum < 0 || seqNum > Integer.MAX_VALUE)
        {
            logoutAndWait("MsgSeqNum out of range");
            return;
        }
        final int seq = (int)seqNum;
        switch (msgType)
        {
            case MSG_HEARTBEAT:
            case MSG_REJECT:
                if (verify(seq, true, true))
                {
                    incrementTarget();
                }
                break;

            case MSG_TEST_REQUEST:
                if (verify(seq, true, true))
                {
                    final int i = inbound.indexOf(FixTags.TEST_REQ_ID);
                    final FixEncoder e = beginAdmin("0");
                    if (i >= 0)
                    {
                        e.field(inbound, i);
                    }
                    commit(false);
                    incrementTarget();
                }
                break;

            case MSG_RESEND_REQUEST:
                onResendRequest(seq, fromQueue);
                break;

            case MSG_SEQUENCE_RESET:
                onSequenceReset();
                break;

            case MSG_LOGOUT:
                onLogout();
                break;

            case MSG_LOGON:
                onLogonWhileLoggedOn(seq, fromQueue);
                break;

            default:
                if (verify(seq, true, true))
                {
                    if (throttled())
                    {
                        sendBusinessReject(inbound, 0, "Throttle limit exceeded");
                    }
                    else
                    {
                        session.application().onMessage(
                            this, inbound, msgType, validator.bodyStart(), validator.trailerStart());
                    }
                    incrementTarget();
                }
                break;
        }
    }

    private void onFirstMessage(final int msgType, final int validation)
    {
        refusal = null;
        acceptLogon(msgType, validation);
        if (verifyingPassword)
        {
            return; // decided when the verdict is in
        }
        if (ACTIVE == state)
        {
            ctx.counters().logonsAccepted.incrementAndGet();
            ctx.sessionLog().accept("logon " + config + " from " + connection.remoteAddress());
        }
        else
        {
            ctx.counters().logonsRefused.incrementAndGet();
            ctx.sessionLog().accept("logon refused from " + connection.remoteAddress() + ": " + refusal);
        }
    }

    private void acceptLogon(final int msgType, final int validation)
    {
        if (MSG_LOGON != msgType)
        {
            refusal = "first message is not a Logon";
            close();
            return;
        }
        final FixSession candidate = ctx.registry().lookup(
            inbound.stringValue(FixTags.TARGET_COMP_ID), inbound.stringValue(FixTags.SENDER_COMP_ID));
        if (null == candidate)
        {
            refusal = "no session for SenderCompID " + inbound.stringValue(FixTags.SENDER_COMP_ID) + " TargetCompID " +
                inbound.stringValue(FixTags.TARGET_COMP_ID);
            close();
            return;
        }
        final SessionConfig candidateConfig = candidate.config();
        if (!checkCredentials(candidate))
        {
            return;
        }
        if (!candidate.tryAcquire(this))
        {
            refusal = "already logged on: " + candidateConfig;
            close();
            return;
        }
        session = candidate;
        config = candidateConfig;
        final boolean resetRequested = inbound.isChar(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        if (config.resetOnLogon() || resetRequested)
        {
            session.reset();
        }
        final long heartbeatS = inbound.longValue(FixTags.HEART_BT_INT);
        if (SessionRejectReason.NONE != validation)
        {
            text.setLength(0);
            text.append("Invalid Logon message: ").append(SessionRejectReason.text(validation))
                .append(", field=").append(validator.refTagId());
            refusal = String.valueOf(text);
            logoutAndWait(text);
            return;
        }
        if (heartbeatS < 0)
        {
            refusal = String.valueOf("HeartBtInt must not be negative");
            logoutAndWait("HeartBtInt must not be negative");
            return;
        }
        if (heartbeatS > config.heartbeatIntervalMaxS())
        {
            text.setLength(0);
            text.append("HeartBtInt must not exceed ").append(config.heartbeatIntervalMaxS());
            refusal = String.valueOf(text);
            logoutAndWait(text);
            return;
        }
        if (!isSendingTimeAccurate())
        {
            refusal = String.valueOf("Invalid Logon message: SendingTime accuracy problem, field=52");
            logoutAndWait("Invalid Logon message: SendingTime accuracy problem, field=52");
            return;
        }
        final long seqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        if (seqNum < 0 || seqNum > Integer.MAX_VALUE)
        {
            refusal = String.valueOf("MsgSeqNum out of range");
            logoutAndWait("MsgSeqNum out of range");
            return;
        }
        final int seq = (int)seqNum;
        final int expected = session.store().nextTargetSeqNum();
        if (seq < expected)
        {
            tooLowText(expected, seq);
            refusal = String.valueOf(text);
            logoutAndWait(text);
            return;
        }
        state = ACTIVE;
        heartbeatIntervalMs = heartbeatS * 1000;
        testRequestCounter = 0;
        sendLogon(heartbeatS, resetRequested);
        applicationLoggedOn = true;
        session.application().onLogon(this);
        if (seq > expected)
        {
            targetTooHigh(seq);
        }
        else
        {
            incrementTarget();
        }
    }

    /**
     * Username and password, behind failed-logon backoff and lockout. The password is checked off
     * this thread (PBKDF2 is slow): the first call starts the check and returns false with the
     * session layer {@link #isVerifyingPassword() verifying}; the verdict processes the Logon again,
     * and this call then answers from it. False when the logon is refused (and answered) or waits.
     */
    private boolean checkCredentials(final FixSession candidate)
    {
        final SessionConfig config = candidate.config();
        final String account = config.targetCompId();
        final String address = connection.remoteHost();
        final long nowMs = clock.time();
        final int given = verdict;
        verdict = VERDICT_NONE;
        if (VERDICT_NONE == given || VERDICT_THROTTLED == given)
        {
            final long waitMs = Math.max(VERDICT_THROTTLED == given ? 1_000 : 0, ctx.logonGuard().waitMs(account, address, nowMs));
            if (waitMs > 0)
            {
                // Refused before the password is looked at: a guesser learns nothing and costs no hashing.
                final String why = (ctx.logonGuard().isLocked(account, address, nowMs) ? "locked out" : "backing off") +
                    " after failed logons, retry in " + (waitMs + 999) / 1000 + " s";
                refusal = why + " (" + config + ")";
                ctx.counters().logonsThrottled.incrementAndGet();
                ctx.refusals().refuse("FIX logon as " + account, address, why, nowMs);
                refuseLogon(candidate, "Too many failed logons: retry in " + (waitMs + 999) / 1000 + " s");
                return false;
            }
        }
        final String password = inbound.stringValue(FixTags.PASSWORD);
        boolean ok = null == config.username() || config.username().equals(inbound.stringValue(FixTags.USERNAME));
        if (ok && config.hasPassword())
        {
            if (VERDICT_NONE != given)
            {
                ok = VERDICT_PASSED == given;
            }
            else if (null == password)
            {
                ok = false;
            }
            else
            {
                return startPasswordCheck(candidate, password);
            }
        }
        if (!ok)
        {
            // No claim on the session: a failed logon must not disturb the real counterparty.
            if (VERDICT_FAILED != given)
            {
                ctx.logonGuard().onFailure(account, address, nowMs); // a wrong username: counted here, not by a check
            }
            refusal = "invalid username or password for " + config;
            refuseLogon(candidate, "Invalid username or password");
            return false;
        }
        if (VERDICT_PASSED != given)
        {
            ctx.logonGuard().onSuccess(account);
        }
        return true;
    }

    private boolean startPasswordCheck(final FixSession candidate, final String password)
    {
        final String account = candidate.config().targetCompId();
        final String address = connection.remoteHost();
        final io.databourse.edge.PasswordHash hash = candidate.config().passwordHash();
        logonAwaitingVerdict = new byte[frameLength];
        frameBuffer.getBytes(frameOffset, logonAwaitingVerdict);
        verifyingPassword = true;
        connection.pauseReading();
        // The guard is asked again, and the outcome counted, on the verifier's thread just before the
        // slow check: guesses queued together stop being checked once the account or address must wait.
        if (!ctx.passwordVerifier().check(() -> ctx.logonGuard().checkPassword(account, address,
            () -> hash.matches(password), clock::time), connection::execute, this::onVerdict))
        {
            verifyingPassword = false;
            logonAwaitingVerdict = null;
            refusal = "password checks queue full";
            ctx.refusals().refuse("FIX logon", connection.remoteAddress(), "too many logons being checked at once");
            refuseLogon(candidate, "Logon busy: retry in a moment");
        }
        return false;
    }

    /** The password check's verdict, on this connection's thread: the Logon is processed again with it. */
    private void onVerdict(final LogonGuard.Verdict checked)
    {
        final byte[] logon = logonAwaitingVerdict;
        logonAwaitingVerdict = null;
        verifyingPassword = false;
        if (CLOSED == state || null == logon)
        {
            return; // the logon deadline passed, or the peer left, meanwhile
        }
        verdict = LogonGuard.Verdict.PASSED == checked ? VERDICT_PASSED :
            LogonGuard.Verdict.FAILED == checked ? VERDICT_FAILED : VERDICT_THROTTLED;
        queuedView.wrap(logon);
        process(queuedView, 0, logon.length, false);
        verdict = VERDICT_NONE;
        drainQueue();
        connection.flush();
        if (CLOSED != state)
        {
            connection.resumeReading();
        }
    }

    private void refuseLogon(final FixSession candidate, final CharSequence reason)
    {
        final SessionConfig c = candidate.config();
        encoder.begin("5");
        encoder.longValue(FixTags.MSG_SEQ_NUM, candidate.store().nextSenderSeqNum())
            .string(FixTags.SENDER_COMP_ID, c.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, c.targetCompId())
            .string(FixTags.TEXT, reason)
            .finish();
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        ctx.counters().messagesOut.incrementAndGet();
        close();
    }

    private void onLogonWhileLoggedOn(final int seq, final boolean fromQueue)
    {
        if (fromQueue)
        {
            // The logon that opened the gap: its number is consumed now.
            incrementTarget();
            return;
        }
        if (inbound.isChar(FixTags.RESET_SEQ_NUM_FLAG, 'Y'))
        {
            session.reset();
            resendBegin = 0;
            resendEnd = 0;
            queued.clear();
            queuedBytes = 0;
            final long heartbeatS = Math.max(0, Math.min(inbound.longValue(FixTags.HEART_BT_INT), config.heartbeatIntervalMaxS()));
            heartbeatIntervalMs = heartbeatS * 1000;
            sendLogon(heartbeatS, true);
            session.store().nextTargetSeqNum(seq + 1);
            return;
        }
        if (verify(seq, true, true))
        {
            incrementTarget();
        }
    }

    private void onResendRequest(final int seq, final boolean fromQueue)
    {
        ctx.counters().resendRequests.incrementAndGet();
        if (!verify(seq, false, false))
        {
            return;
        }
        final int expected = session.store().nextTargetSeqNum();
        if (!fromQueue)
        {
            final long begin = inbound.longValue(FixTags.BEGIN_SEQ_NO);
            final long end = inbound.longValue(FixTags.END_SEQ_NO);
            resend(begin, end);
        }
        if (seq == expected)
        {
            incrementTarget();
        }
        else if (seq > expected)
        {
            targetTooHigh(seq);
        }
    }

    private void onSequenceReset()
    {
        final boolean gapFill = inbound.isChar(FixTags.GAP_FILL_FLAG, 'Y');
        final int seq = (int)inbound.longValue(FixTags.MSG_SEQ_NUM);
        if (!verify(seq, gapFill, gapFill))
        {
            return;
        }
        final long newSeq = inbound.longValue(FixTags.NEW_SEQ_NO);
        final int expected = session.store().nextTargetSeqNum();
        if (newSeq > expected && newSeq <= Integer.MAX_VALUE)
        {
            session.store().nextTargetSeqNum((int)newSeq);
            if (resendBegin > 0 && newSeq > resendEnd)
            {
                resendBegin = 0;
                resendEnd = 0;
            }
        }
        else if (newSeq < expected)
        {
            sendReject(SessionRejectReason.VALUE_IS_INCORRECT, FixTags.NEW_SEQ_NO);
        }
    }

    private void onLogout()
    {
        if (!verify((int)inbound.longValue(FixTags.MSG_SEQ_NUM), false, false))
        {
            return;
        }
        sendLogout(null);
        incrementTarget();
        if (config.resetOnLogout())
        {
            session.reset();
        }
        close();
    }

    /** Session-level checks of an in-session message; false when it must not be processed further. */
    private boolean verify(final int seq, final boolean checkTooHigh, final boolean checkTooLow)
    {
        if (!isSendingTimeAccurate())
        {
            sendReject(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.SENDING_TIME);
            logoutAndWait("SendingTime accuracy problem, field=52");
            return false;
        }
        if (!inbound.valueEquals(inbound.indexOf(FixTags.SENDER_COMP_ID), config.targetCompId()) ||
            !inbound.valueEquals(inbound.indexOf(FixTags.TARGET_COMP_ID), config.senderCompId()))
        {
            sendReject(SessionRejectReason.COMPID_PROBLEM, 0);
            logoutAndWait("CompID problem");
            return false;
        }
        final int expected = session.store().nextTargetSeqNum();
        if (checkTooHigh && seq > expected)
        {
            targetTooHigh(seq);
            return false;
        }
        if (checkTooLow && seq < expected)
        {
            targetTooLow(seq, expected);
            return false;
        }
        if ((checkTooHigh || checkTooLow) && resendBegin > 0 && seq >= resendEnd)
        {
            resendBegin = 0;
            resendEnd = 0;
        }
        testRequestCounter = 0;
        return true;
    }

    private void targetTooHigh(final int seq)
    {
        if (!queued.containsKey(seq))
        {
            if (queued.size() >= ctx.queuedMessagesMax() || queuedBytes + inbound.length() > ctx.queuedBytesMax())
            {
                logoutAndWait("Too many messages received out of sequence");
                return;
            }
            final byte[] copy = new byte[inbound.length()];
            inbound.buffer().getBytes(inbound.offset(), copy);
            queued.put(seq, copy);
            queuedBytes += copy.length;
        }
        if (resendBegin > 0 && seq >= resendBegin)
        {
            return;
        }
        final int expected = session.store().nextTargetSeqNum();
        beginAdmin("2").longValue(FixTags.BEGIN_SEQ_NO, expected).longValue(FixTags.END_SEQ_NO, 0);
        commit(false);
        resendBegin = expected;
        resendEnd = seq - 1;
    }

    private void targetTooLow(final int seq, final int expected)
    {
        if (!inbound.isChar(FixTags.POSS_DUP_FLAG, 'Y'))
        {
            tooLowText(expected, seq);
            logoutAndWait(text);
            return;
        }
        if (inbound.isChar(FixTags.MSG_TYPE, (char)MSG_SEQUENCE_RESET))
        {
            return;
        }
        final int origIndex = inbound.indexOf(FixTags.ORIG_SENDING_TIME);
        if (origIndex < 0)
        {
            sendReject(SessionRejectReason.REQUIRED_TAG_MISSING, FixTags.ORIG_SENDING_TIME);
            return;
        }
        final int sendingIndex = inbound.indexOf(FixTags.SENDING_TIME);
        final long origMs = UtcTime.parseTimestamp(
            inbound.buffer(), inbound.valueOffsetAt(origIndex), inbound.valueLengthAt(origIndex));
        final long sendingMs = UtcTime.parseTimestamp(
            inbound.buffer(), inbound.valueOffsetAt(sendingIndex), inbound.valueLengthAt(sendingIndex));
        if (origMs > sendingMs)
        {
            sendReject(SessionRejectReason.SENDING_TIME_ACCURACY_PROBLEM, FixTags.ORIG_SENDING_TIME);
            logoutAndWait("SendingTime accuracy problem, field=122");
        }
        // Otherwise a duplicate already processed: ignored.
    }

    private void tooLowText(final int expected, final int received)
    {
        text.setLength(0);
        text.append("MsgSeqNum too low, expecting ").append(expected).append(" but received ").append(received);
    }

    private boolean isSendingTimeAccurate()
    {
        final int i = inbound.indexOf(FixTags.SENDING_TIME);
        if (i < 0)
        {
            return false;
        }
        final long sendingMs = UtcTime.parseTimestamp(inbound.buffer(), inbound.valueOffsetAt(i), inbound.valueLengthAt(i));
        return sendingMs != UtcTime.INVALID && Math.abs(clock.time() - sendingMs) <= ctx.sendingTimeWindowMs();
    }

    private boolean isBeginString44()
    {
        final int length = inbound.valueLengthAt(0);
        if (length != BEGIN_STRING_44.length)
        {
            return false;
        }
        final int offset = inbound.valueOffsetAt(0);
        for (int i = 0; i < length; i++)
        {
            if (inbound.buffer().getByte(offset + i) != BEGIN_STRING_44[i])
            {
                return false;
            }
        }
        return true;
    }

    private boolean throttled()
    {
        final int limit = config.throttleMessagesPerS();
        if (limit <= 0)
        {
            return false;
        }
        final long nowMs = clock.time();
        if (nowMs - throttleWindowStartMs >= 1000)
        {
            throttleWindowStartMs = nowMs;
            throttleCount = 0;
        }
        return ++throttleCount > limit;
    }

    private void incrementTarget()
    {
        final SessionStore store = session.store();
        store.nextTargetSeqNum(store.nextTargetSeqNum() + 1);
    }

    // ------------------------------------------------------------------ outbound

    private void header(final int seq)
    {
        encoder.longValue(FixTags.MSG_SEQ_NUM, seq)
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, config.targetCompId());
    }

    private FixEncoder beginAdmin(final CharSequence msgType)
    {
        encoder.begin(msgType);
        header(session.store().nextSenderSeqNum());
        return encoder;
    }

    /** Finishes the message in the encoder, assigns its sequence number, keeps it if resendable, writes it. */
    private void commit(final boolean application)
    {
        encoder.finish();
        final SessionStore store = session.store();
        final int seq = store.nextSenderSeqNum();
        // Persisted before it is written to the socket: a message the peer may have seen is never reused.
        if (application)
        {
            store.onApplicationSent(seq, encoder.buffer(), encoder.offset(), encoder.length());
        }
        else
        {
            store.onAdminSent(seq);
        }
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        ctx.counters().messagesOut.incrementAndGet();
        lastSentMs = clock.time();
    }

    private void sendLogon(final long heartbeatS, final boolean reset)
    {
        final FixEncoder e = beginAdmin("A")
            .longValue(FixTags.ENCRYPT_METHOD, 0)
            .longValue(FixTags.HEART_BT_INT, heartbeatS);
        if (reset)
        {
            e.charValue(FixTags.RESET_SEQ_NUM_FLAG, 'Y');
        }
        commit(false);
    }

    private void sendLogout(final CharSequence reason)
    {
        final FixEncoder e = beginAdmin("5");
        if (null != reason)
        {
            e.string(FixTags.TEXT, reason);
        }
        commit(false);
    }

    /** Sends Logout and waits (up to the logout timeout) for the counterparty's Logout before closing. */
    private void logoutAndWait(final CharSequence reason)
    {
        sendLogout(reason);
        connection.flush();
        state = LOGOUT_SENT;
        logoutSentMs = clock.time();
    }

    private void sendReject(final int reason, final int refTagId)
    {
        ctx.counters().sessionRejects.incrementAndGet();
        final FixEncoder e = beginAdmin("3");
        reverseRoute(e);
        final long refSeqNum = inbound.longValue(FixTags.MSG_SEQ_NUM);
        e.longValue(FixTags.REF_SEQ_NUM, refSeqNum == Long.MIN_VALUE ? 0 : refSeqNum);
        if (SessionRejectReason.COMPID_PROBLEM != reason)
        {
            e.longValue(FixTags.REF_TAG_ID, refTagId);
        }
        final int typeIndex = inbound.indexOf(FixTags.MSG_TYPE);
        if (typeIndex >= 0 && inbound.valueLengthAt(typeIndex) > 0)
        {
            e.bytes(FixTags.REF_MSG_TYPE, inbound.buffer(), inbound.valueOffsetAt(typeIndex), inbound.valueLengthAt(typeIndex));
        }
        e.longValue(FixTags.SESSION_REJECT_REASON, reason);
        e.tag(FixTags.TEXT);
        if (SessionRejectReason.REPEATING_GROUP_FIELDS_OUT_OF_ORDER == reason && validator.groupCounterTag() != 0)
        {
            e.append("The group ").append(validator.groupCounterTag())
                .append(" must set the delimiter field ").append(validator.groupDelimiterTag());
        }
        else
        {
            e.append(SessionRejectReason.text(reason));
            if (SessionRejectReason.INCORRECT_DATA_FORMAT_FOR_VALUE == reason)
            {
                e.append(", field=").append(refTagId);
            }
        }
        e.endField();
        commit(false);

        final int msgType = inbound.msgTypeKey();
        if (MSG_LOGON != msgType && MSG_SEQUENCE_RESET != msgType && refSeqNum == session.store().nextTargetSeqNum())
        {
            incrementTarget();
        }
    }

    /** Routing fields of the inbound message, mirrored: OnBehalfOf* becomes DeliverTo* and back. */
    private void reverseRoute(final FixEncoder e)
    {
        mirror(e, FixTags.ON_BEHALF_OF_COMP_ID, FixTags.DELIVER_TO_COMP_ID);
        mirror(e, FixTags.DELIVER_TO_COMP_ID, FixTags.ON_BEHALF_OF_COMP_ID);
        mirror(e, FixTags.ON_BEHALF_OF_SUB_ID, FixTags.DELIVER_TO_SUB_ID);
        mirror(e, FixTags.DELIVER_TO_SUB_ID, FixTags.ON_BEHALF_OF_SUB_ID);
        mirror(e, FixTags.ON_BEHALF_OF_LOCATION_ID, FixTags.DELIVER_TO_LOCATION_ID);
        mirror(e, FixTags.DELIVER_TO_LOCATION_ID, FixTags.ON_BEHALF_OF_LOCATION_ID);
    }

    private void mirror(final FixEncoder e, final int from, final int to)
    {
        final int i = inbound.indexOf(from);
        if (i >= 0 && inbound.valueLengthAt(i) > 0)
        {
            e.bytes(to, inbound.buffer(), inbound.valueOffsetAt(i), inbound.valueLengthAt(i));
        }
    }

    /** Answers a ResendRequest: stored application messages as PossDup copies, the rest as gap fills. */
    private void resend(final long requestedBegin, final long requestedEnd)
    {
        final int lastSent = session.store().nextSenderSeqNum() - 1;
        if (requestedBegin < 1 || requestedBegin > lastSent)
        {
            return;
        }
        final int begin = (int)requestedBegin;
        final int end = requestedEnd <= 0 || requestedEnd > lastSent ? lastSent : (int)requestedEnd;
        final SessionStore store = session.store();
        // Nothing older than the store's window can be resent: one gap fill covers it.
        final int firstRetained = Math.max(begin, lastSent - store.resendWindow() + 1);
        int gapStart = firstRetained > begin ? begin : -1;
        for (int seq = firstRetained; seq <= end; seq++)
        {
            final int length = store.load(seq);
            if (length == 0)
            {
                if (gapStart < 0)
                {
                    gapStart = seq;
                }
                continue;
            }
            if (gapStart >= 0)
            {
                sendGapFill(gapStart, seq);
                gapStart = -1;
            }
            resendStored(seq, store.resendBuffer(), length);
        }
        if (gapStart >= 0)
        {
            sendGapFill(gapStart, end + 1);
        }
    }

    private void sendGapFill(final int seq, final int newSeq)
    {
        final long nowMs = clock.time();
        encoder.begin("4")
            .longValue(FixTags.MSG_SEQ_NUM, seq)
            .charValue(FixTags.POSS_DUP_FLAG, 'Y')
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, nowMs)
            .string(FixTags.TARGET_COMP_ID, config.targetCompId())
            .timestampMs(FixTags.ORIG_SENDING_TIME, nowMs)
            .longValue(FixTags.NEW_SEQ_NO, newSeq)
            .charValue(FixTags.GAP_FILL_FLAG, 'Y')
            .finish();
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        ctx.counters().messagesOut.incrementAndGet();
        lastSentMs = nowMs;
    }

    private void resendStored(final int seq, final DirectBuffer stored, final int length)
    {
        if (resent.parse(stored, 0, length) != FixMessage.OK)
        {
            sendGapFill(seq, seq + 1);
            return;
        }
        final int typeIndex = resent.indexOf(FixTags.MSG_TYPE);
        final int sendingIndex = resent.indexOf(FixTags.SENDING_TIME);
        encoder.begin(stored, resent.valueOffsetAt(typeIndex), resent.valueLengthAt(typeIndex))
            .longValue(FixTags.MSG_SEQ_NUM, seq)
            .charValue(FixTags.POSS_DUP_FLAG, 'Y')
            .string(FixTags.SENDER_COMP_ID, config.senderCompId())
            .timestampMs(FixTags.SENDING_TIME, clock.time())
            .string(FixTags.TARGET_COMP_ID, config.targetCompId())
            .bytes(FixTags.ORIG_SENDING_TIME, stored, resent.valueOffsetAt(sendingIndex), resent.valueLengthAt(sendingIndex));
        final int last = resent.fieldCount() - 1;
        for (int i = 3; i < last; i++)
        {
            switch (resent.tagAt(i))
            {
                case FixTags.MSG_SEQ_NUM:
                case FixTags.POSS_DUP_FLAG:
                case FixTags.SENDER_COMP_ID:
                case FixTags.SENDING_TIME:
                case FixTags.TARGET_COMP_ID:
                case FixTags.ORIG_SENDING_TIME:
                    break;
                default:
                    encoder.field(resent, i);
                    break;
            }
        }
        encoder.finish();
        connection.write(encoder.buffer(), encoder.offset(), encoder.length());
        ctx.counters().messagesOut.incrementAndGet();
        lastSentMs = clock.time();
    }

    private void close()
    {
        if (CLOSED != state)
        {
            connection.close();
            onDisconnect();
        }
    }

    /** Dictionary in use, for applications that need field types. */
    public FixDictionary dictionary()
    {
        return ctx.dictionary();
    }
}
