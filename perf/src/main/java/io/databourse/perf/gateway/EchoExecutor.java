package io.databourse.perf.gateway;

import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.logbuffer.BufferClaim;
import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.Header;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The trivial executor behind the gateway for the round-trip bench's case (b), "gateway only": in
 * place of the matcher on the command stream, it answers each new-order command as the matcher
 * answers one that finds nothing to match: a record holding the command and an ORDER_ACCEPTED
 * event (the order as entered, all of it open), followed, for an order that may not rest (IOC, FOK,
 * market), by its ORDER_CANCELLED; and a product list request with a PRODUCT_SNAPSHOT of the one
 * product it knows, so that the gateway accepts orders for it. No checks, no book, no journal: what
 * is left is the gateway, Aeron IPC and the duty cycles. (Were every order left open, the gateway
 * would track hundreds of thousands of them in a few seconds of a bench and measure its own maps'
 * growth: the bench's orders are IOC, as for the full path.) Its Artio counterpart is perf-artio's
 * {@code EchoExecutor}: same shape, same sizes (a 104-byte command in; a record of 256 bytes, or
 * 376 with the cancel, out; one Aeron message per answer).
 * <p>Anything else on the stream is counted and left unanswered. A back-pressured answer leaves
 * its command in the stream for the next duty cycle ({@code ABORT}); nothing is dropped.
 */
final class EchoExecutor implements Agent, ControlledFragmentHandler
{
    private static final int FRAGMENT_LIMIT = 64;
    /** An accepted order that rests: the record's header, the command and one event. */
    static final int RESTING_ANSWER_LENGTH =
        JournalRecord.HEADER_LENGTH + NewOrderCommandDecoder.BLOCK_LENGTH + OrderEventEncoder.BLOCK_LENGTH;
    /** An order that may not rest: accepted, then cancelled. */
    static final int CANCELLED_ANSWER_LENGTH = RESTING_ANSWER_LENGTH + OrderEventEncoder.BLOCK_LENGTH;

    private final Subscription commands;
    private final Publication events;
    private final EpochNanoClock clock;
    private final UnsafeBuffer product;
    private final int productIndex;
    private final BufferClaim claim = new BufferClaim();
    private final NewOrderCommandDecoder newOrder = new NewOrderCommandDecoder();
    private final OrderEventEncoder accepted = new OrderEventEncoder();
    private final ProductCommandDecoder productCommand = new ProductCommandDecoder();
    private final ReferenceDataEventEncoder snapshot = new ReferenceDataEventEncoder();
    private long nowNs;
    private long seq;
    private long ignored;

    /**
     * @param product the one product's defining command (journal schema ProductCommand, header included)
     * @param productIndex its index, as a matcher would have assigned it
     */
    EchoExecutor(final Subscription commands, final Publication events, final EpochNanoClock clock,
        final DirectBuffer product, final int productIndex)
    {
        this.commands = commands;
        this.events = events;
        this.clock = clock;
        this.product = new UnsafeBuffer(new byte[RecordHeader.lengthAt(product, 0)]);
        this.product.putBytes(0, product, 0, this.product.capacity());
        Codecs.wrap(productCommand, this.product, 0);
        if (MessageType.PRODUCT != productCommand.header().type())
        {
            throw new IllegalArgumentException("not a product command: type " + productCommand.header().type());
        }
        this.productIndex = productIndex;
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        return commands.controlledPoll(this, FRAGMENT_LIMIT);
    }

    @Override
    public Action onFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        final int type = RecordHeader.typeAt(buffer, offset);
        if (MessageType.NEW_ORDER == type && length >= NewOrderCommandDecoder.BLOCK_LENGTH)
        {
            return accept(buffer, offset);
        }
        if (MessageType.PRODUCT_LIST_REQUEST == type)
        {
            return listProducts(buffer, offset, length);
        }
        ignored++;
        return Action.CONTINUE;
    }

    private Action accept(final DirectBuffer buffer, final int offset)
    {
        Codecs.wrap(newOrder, buffer, offset);
        final byte cancelReason = cancelReason(newOrder.tif(), newOrder.ordType());
        final boolean rests = cancelReason < 0;
        if (events.tryClaim(rests ? RESTING_ANSWER_LENGTH : CANCELLED_ANSWER_LENGTH, claim) < 0)
        {
            return Action.ABORT;
        }
        final long qty = newOrder.qty();
        assert qty > 0 : "the gateway sends positive quantities only";
        final MutableDirectBuffer out = claim.buffer();
        final int at = claim.offset();
        final int commandLength = NewOrderCommandDecoder.BLOCK_LENGTH;
        seq++;
        writeRecordHeader(out, at, commandLength, (rests ? 1 : 2) * OrderEventEncoder.BLOCK_LENGTH, rests ? 1 : 2);
        out.putBytes(at + JournalRecord.HEADER_LENGTH, buffer, offset, commandLength);
        final int eventAt = at + JournalRecord.HEADER_LENGTH + commandLength;
        orderEvent(out, eventAt, MessageType.ORDER_ACCEPTED, (byte)0, buffer, qty);
        if (!rests)
        {
            // as the matcher's cancel of an unfilled remainder: leavesQty is what was open before it
            orderEvent(out, eventAt + OrderEventEncoder.BLOCK_LENGTH, MessageType.ORDER_CANCELLED, cancelReason, buffer, qty);
        }
        claim.commit();
        return Action.CONTINUE;
    }

    private void orderEvent(
        final MutableDirectBuffer out, final int at, final int type, final byte reason, final DirectBuffer command,
        final long qty)
    {
        Codecs.encode(accepted, out, at, newOrder.header().sessionId(), type)
            .orderId(seq).participant(0).product(productIndex)
            .side(newOrder.side()).ordType(newOrder.ordType()).tif(newOrder.tif()).postOnly(newOrder.postOnly())
            .stp(newOrder.stp()).reason(reason).purpose(newOrder.purpose())
            .priceFen(newOrder.priceFen()).orderQty(qty).leavesQty(qty);
        // the gateway's clOrdId, zero-padded, as the matcher copies it
        out.putBytes(at + OrderEventEncoder.clOrdIdEncodingOffset(), command,
            newOrder.offset() + NewOrderCommandDecoder.clOrdIdEncodingOffset(), OrderEventEncoder.clOrdIdLength());
    }

    /** Why the matcher would cancel what is left of such an order at once, or -1 when it rests. */
    static byte cancelReason(final byte tif, final byte ordType)
    {
        if (Codes.OrdType.MARKET == ordType)
        {
            return Codes.CancelReason.MARKET_REMAINDER;
        }
        if (Codes.TimeInForce.IOC == tif)
        {
            return Codes.CancelReason.IOC_REMAINDER;
        }
        return Codes.TimeInForce.FOK == tif ? Codes.CancelReason.FOK_UNFILLED : -1;
    }

    private Action listProducts(final DirectBuffer buffer, final int offset, final int length)
    {
        final int eventLength = ReferenceDataEventDecoder.BLOCK_LENGTH + product.capacity();
        if (events.tryClaim(JournalRecord.HEADER_LENGTH + length + eventLength, claim) < 0)
        {
            return Action.ABORT;
        }
        final MutableDirectBuffer out = claim.buffer();
        final int at = claim.offset();
        seq++;
        writeRecordHeader(out, at, length, eventLength, 1);
        out.putBytes(at + JournalRecord.HEADER_LENGTH, buffer, offset, length);
        ReferenceDataTail.encode(snapshot, out, at + JournalRecord.HEADER_LENGTH + length, MessageType.PRODUCT_SNAPSHOT, productCommand.buffer(), productCommand.offset())
            .product(productIndex);
        // as the matcher's snapshot: qty carries the reference price, availableQty the status
        snapshot.qty(productCommand.referencePriceFen()).availableQty(productCommand.status());
        assert snapshot.encodedLength() == eventLength : "the snapshot is its header and the product's command";
        claim.commit();
        return Action.CONTINUE;
    }

    private void writeRecordHeader(
        final MutableDirectBuffer out, final int at, final int commandLength, final int eventsLength, final int eventCount)
    {
        out.putLong(at + JournalRecord.SEQ_OFFSET, seq);
        out.putLong(at + JournalRecord.TIME_NS_OFFSET, nowNs);
        out.putInt(at + JournalRecord.COMMAND_LENGTH_OFFSET, commandLength);
        out.putInt(at + JournalRecord.EVENTS_LENGTH_OFFSET, eventsLength);
        out.putInt(at + JournalRecord.EVENT_COUNT_OFFSET, eventCount);
        out.putInt(at + JournalRecord.EVENT_COUNT_OFFSET + 4, 0);
    }

    /** Records published so far. */
    long answered()
    {
        return seq;
    }

    /** Commands neither answered nor listed. */
    long ignored()
    {
        return ignored;
    }

    @Override
    public String roleName()
    {
        return "echo-executor";
    }
}
