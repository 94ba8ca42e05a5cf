package io.databourse.perfartio;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import uk.co.real_logic.artio.Pressure;
import uk.co.real_logic.artio.builder.ExecutionReportEncoder;
import uk.co.real_logic.artio.decoder.NewOrderSingleDecoder;
import uk.co.real_logic.artio.fields.DecimalFloat;
import uk.co.real_logic.artio.fields.UtcTimestampEncoder;
import uk.co.real_logic.artio.library.FixLibrary;
import uk.co.real_logic.artio.library.OnMessageInfo;
import uk.co.real_logic.artio.library.SessionAcquireHandler;
import uk.co.real_logic.artio.library.SessionAcquiredInfo;
import uk.co.real_logic.artio.library.SessionHandler;
import uk.co.real_logic.artio.messages.DisconnectReason;
import uk.co.real_logic.artio.session.Session;
import uk.co.real_logic.artio.util.MutableAsciiBuffer;

/**
 * The Artio peer's application, on the library's thread, as Artio's samples write one: each turn
 * polls the library (whose session handlers decode a NewOrderSingle into a binary command and put
 * it on the executor's Aeron IPC stream) and the executor's answers (each one encoded into an
 * ExecutionReport and sent on its session). One thread, no hand-over, as DataBourse's gateway I/O
 * thread polls its sockets and the matcher's events.
 * <p>Back-pressure at either end returns {@code ABORT}, so Artio or Aeron delivers the message again.
 */
final class OrderEntry implements Agent, SessionAcquireHandler, ControlledFragmentHandler
{
    private static final int LIBRARY_FRAGMENT_LIMIT = 10;
    private static final int ANSWER_FRAGMENT_LIMIT = 64;
    private static final int PRICE_SCALE = 2;
    /** The Text of a cancel, as our gateway writes it (the name of the matcher's cancel reason). */
    private static final byte[] IOC_REMAINDER = "ioc_remainder".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] FOK_UNFILLED = "fok_unfilled".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] MARKET_REMAINDER = "market_remainder".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private FixLibrary library;
    private final Publication commands;
    private final Subscription answers;
    private final Long2ObjectHashMap<Session> sessions = new Long2ObjectHashMap<>();
    private final MutableAsciiBuffer messageView = new MutableAsciiBuffer();
    private final NewOrderSingleDecoder newOrder = new NewOrderSingleDecoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final BufferClaim claim = new BufferClaim();
    private final UnsafeBuffer orderId = new UnsafeBuffer(new byte[20]);
    private final UnsafeBuffer execId = new UnsafeBuffer(new byte[24]);
    private final UtcTimestampEncoder transactTime = new UtcTimestampEncoder();
    private long transactTimeMs = Long.MIN_VALUE;
    private int transactTimeLength;
    private long ordersIn;
    private long reportsOut;
    private long ordersRefused;
    /** An answer whose first reports went out before a back-pressured one: its seq, and how many went. */
    private long partlySentSeq;
    private int partlySentEvents;

    OrderEntry(final Publication commands, final Subscription answers)
    {
        this.commands = commands;
        this.answers = answers;
    }

    /** The library is connected after this agent is built (its configuration names this as acquire handler). */
    void library(final FixLibrary library)
    {
        this.library = library;
    }

    @Override
    public int doWork()
    {
        return library.poll(LIBRARY_FRAGMENT_LIMIT) + answers.controlledPoll(this, ANSWER_FRAGMENT_LIMIT);
    }

    @Override
    public SessionHandler onSessionAcquired(final Session session, final SessionAcquiredInfo acquiredInfo)
    {
        // The session id travels in the command's 32-bit header field and comes back in the answer.
        if (session.id() > Integer.MAX_VALUE)
        {
            throw new IllegalStateException("session id " + session.id() + " does not fit the command header");
        }
        sessions.put(session.id(), session);
        return new Handler(session);
    }

    /** A NewOrderSingle as a command on the executor's stream; ABORT when the stream is back-pressured. */
    private Action onNewOrder(final DirectBuffer buffer, final int offset, final int length, final Session session)
    {
        messageView.wrap(buffer, offset, length);
        newOrder.reset();
        newOrder.decode(messageView, 0, length);
        final DecimalFloat qty = newOrder.orderQty();
        final DecimalFloat price = newOrder.price();
        if (newOrder.clOrdIDLength() > PeerProtocol.CL_ORD_ID_LENGTH ||
            newOrder.symbolLength() > PeerProtocol.SYMBOL_LENGTH ||
            qty.scale() != 0 || qty.value() <= 0 || price.scale() > PRICE_SCALE || price.value() < 0)
        {
            // Not exercised by the bench (its orders are all valid); counted so a surprise shows.
            ordersRefused++;
            return Action.CONTINUE;
        }
        if (commands.tryClaim(PeerProtocol.COMMAND_LENGTH, claim) < 0)
        {
            return Action.ABORT;
        }
        final MutableDirectBuffer out = claim.buffer();
        final int at = claim.offset();
        out.setMemory(at, PeerProtocol.COMMAND_LENGTH, (byte)0);
        out.putShort(at + PeerProtocol.LENGTH_OFFSET, (short)PeerProtocol.COMMAND_LENGTH);
        out.putShort(at + PeerProtocol.TYPE_OFFSET, PeerProtocol.NEW_ORDER_TYPE);
        out.putInt(at + PeerProtocol.SESSION_OFFSET, (int)session.id());
        putChars(out, at + PeerProtocol.PARTICIPANT_OFFSET, session.compositeKey().remoteCompId());
        putChars(out, at + PeerProtocol.SYMBOL_OFFSET, newOrder.symbol(), newOrder.symbolLength());
        putChars(out, at + PeerProtocol.CL_ORD_ID_OFFSET, newOrder.clOrdID(), newOrder.clOrdIDLength());
        out.putByte(at + PeerProtocol.SIDE_OFFSET, (byte)newOrder.side());
        out.putByte(at + PeerProtocol.ORD_TYPE_OFFSET, (byte)newOrder.ordType());
        out.putByte(at + PeerProtocol.TIF_OFFSET, (byte)(newOrder.hasTimeInForce() ? newOrder.timeInForce() : '0'));
        long priceFen = price.value();
        for (int s = price.scale(); s < PRICE_SCALE; s++)
        {
            priceFen *= 10;
        }
        out.putLong(at + PeerProtocol.PRICE_FEN_OFFSET, newOrder.hasPrice() ? priceFen : 0);
        out.putLong(at + PeerProtocol.QTY_OFFSET, qty.value());
        claim.commit();
        ordersIn++;
        return Action.CONTINUE;
    }

    /**
     * One answer of the executor: the ExecutionReport (new) on the order's session, then, for an
     * order that may not rest, the ExecutionReport (canceled) — the reports DataBourse's gateway sends.
     * When the second is back-pressured after the first went out, the redelivered answer skips the first.
     */
    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        assert length == PeerProtocol.RESTING_ANSWER_LENGTH || length == PeerProtocol.CANCELLED_ANSWER_LENGTH :
            "the executor answers with a record of one or two events";
        final int event = offset + PeerProtocol.RECORD_EVENT_OFFSET;
        final Session session = sessions.get(buffer.getInt(event + PeerProtocol.SESSION_OFFSET));
        if (null == session || !session.isConnected())
        {
            return Action.CONTINUE;
        }
        final long seq = buffer.getLong(offset + PeerProtocol.RECORD_SEQ_OFFSET);
        final int events = buffer.getInt(offset + PeerProtocol.RECORD_EVENT_COUNT_OFFSET);
        for (int i = seq == partlySentSeq ? partlySentEvents : 0; i < events; i++)
        {
            encodeReport(buffer, offset, event + i * PeerProtocol.EVENT_LENGTH, seq, i);
            if (Pressure.isBackPressured(session.trySend(report)))
            {
                partlySentSeq = seq;
                partlySentEvents = i;
                return Action.ABORT;
            }
            reportsOut++;
        }
        partlySentSeq = 0;
        return Action.CONTINUE;
    }

    private void encodeReport(final DirectBuffer buffer, final int offset, final int event, final long seq, final int index)
    {
        final int command = offset + PeerProtocol.RECORD_COMMAND_OFFSET;
        final boolean cancelled = buffer.getShort(event + PeerProtocol.TYPE_OFFSET) == PeerProtocol.ORDER_CANCELLED_TYPE;
        final int orderIdLength = orderId.putLongAscii(0, buffer.getLong(event + PeerProtocol.EVENT_ORDER_ID_OFFSET));
        int execIdLength = execId.putLongAscii(0, seq);
        execId.putByte(execIdLength++, (byte)'-');
        execIdLength += execId.putIntAscii(execIdLength, index);
        report.orderID(orderId, 0, orderIdLength)
            .clOrdID(buffer, command + PeerProtocol.CL_ORD_ID_OFFSET,
                asciiLength(buffer, command + PeerProtocol.CL_ORD_ID_OFFSET, PeerProtocol.CL_ORD_ID_LENGTH))
            .execID(execId, 0, execIdLength)
            .execType(cancelled ? '4' : '0')
            .ordStatus(cancelled ? '4' : '0')
            .account(buffer, command + PeerProtocol.PARTICIPANT_OFFSET,
                asciiLength(buffer, command + PeerProtocol.PARTICIPANT_OFFSET, PeerProtocol.PARTICIPANT_LENGTH))
            .symbol(buffer, command + PeerProtocol.SYMBOL_OFFSET,
                asciiLength(buffer, command + PeerProtocol.SYMBOL_OFFSET, PeerProtocol.SYMBOL_LENGTH))
            .side((char)buffer.getByte(command + PeerProtocol.SIDE_OFFSET))
            .orderQty(buffer.getLong(event + PeerProtocol.EVENT_ORDER_QTY_OFFSET), 0)
            .ordType((char)buffer.getByte(command + PeerProtocol.ORD_TYPE_OFFSET));
        final long priceFen = buffer.getLong(command + PeerProtocol.PRICE_FEN_OFFSET);
        if (priceFen > 0)
        {
            report.price(priceFen, PRICE_SCALE);
        }
        else
        {
            report.resetPrice();
        }
        report.timeInForce((char)buffer.getByte(command + PeerProtocol.TIF_OFFSET))
            .leavesQty(cancelled ? 0 : buffer.getLong(event + PeerProtocol.EVENT_LEAVES_QTY_OFFSET), 0)
            .cumQty(buffer.getLong(event + PeerProtocol.EVENT_CUM_QTY_OFFSET), 0)
            .avgPx(0, 0);
        final long timeMs = buffer.getLong(offset + PeerProtocol.RECORD_TIME_NS_OFFSET) / 1_000_000;
        if (timeMs != transactTimeMs)
        {
            transactTimeMs = timeMs;
            transactTimeLength = transactTime.encode(timeMs);
        }
        report.transactTime(transactTime.buffer(), transactTimeLength);
        if (cancelled)
        {
            report.text(buffer.getByte(command + PeerProtocol.ORD_TYPE_OFFSET) == '1' ? MARKET_REMAINDER :
                buffer.getByte(command + PeerProtocol.TIF_OFFSET) == '4' ? FOK_UNFILLED : IOC_REMAINDER);
        }
        else
        {
            report.resetText();
        }
    }

    private static void putChars(final MutableDirectBuffer out, final int at, final char[] chars, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            out.putByte(at + i, (byte)chars[i]);
        }
    }

    private static void putChars(final MutableDirectBuffer out, final int at, final String chars)
    {
        final int length = Math.min(chars.length(), PeerProtocol.PARTICIPANT_LENGTH);
        for (int i = 0; i < length; i++)
        {
            out.putByte(at + i, (byte)chars.charAt(i));
        }
    }

    private static int asciiLength(final DirectBuffer buffer, final int at, final int capacity)
    {
        int length = 0;
        while (length < capacity && buffer.getByte(at + length) != 0)
        {
            length++;
        }
        return length;
    }

    long ordersIn()
    {
        return ordersIn;
    }

    long reportsOut()
    {
        return reportsOut;
    }

    long ordersRefused()
    {
        return ordersRefused;
    }

    @Override
    public String roleName()
    {
        return "artio-order-entry";
    }

    /** The handler of one session: new orders go to the executor; other business messages are ignored. */
    private final class Handler implements SessionHandler
    {
        private final Session session;

        Handler(final Session session)
        {
            this.session = session;
        }

        @Override
        public Action onMessage(
            final DirectBuffer buffer, final int offset, final int length, final int libraryId, final Session session,
            final int sequenceIndex, final long messageType, final long timestampInNs, final long position,
            final OnMessageInfo messageInfo)
        {
            if (NewOrderSingleDecoder.MESSAGE_TYPE == messageType)
            {
                return onNewOrder(buffer, offset, length, session);
            }
            return Action.CONTINUE;
        }

        @Override
        public void onTimeout(final int libraryId, final Session session)
        {
        }

        @Override
        public void onSlowStatus(final int libraryId, final Session session, final boolean hasBecomeSlow)
        {
        }

        @Override
        public Action onDisconnect(final int libraryId, final Session session, final DisconnectReason reason)
        {
            sessions.remove(this.session.id());
            return Action.CONTINUE;
        }

        @Override
        public void onSessionStart(final Session session)
        {
        }
    }
}
