package io.databourse.matcher;

import io.databourse.journal.sbe.EntitlementDrawnEventEncoder;
import io.databourse.journal.sbe.EntitlementEventEncoder;
import io.databourse.journal.sbe.RejectedEventEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes.Side;
import io.databourse.journal.schema.IdWords;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import io.databourse.matcher.book.OrderStore;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.util.Arrays;

/**
 * The events of the command being applied, encoded back to back into one reused buffer. The buffer
 * grows only when a command causes more events than any before it; steady state allocates nothing.
 * <p>Room is checked once per event ({@link #end()}), not on every field write as an expandable
 * buffer would: there is always room for one more message of the largest size the header allows.
 */
final class EventLog
{
    /** A message's length is a u16: no event is longer. */
    static final int MAX_EVENT_LENGTH = 0xFFFF;
    private static final int INITIAL_CAPACITY = 1 << 20;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[INITIAL_CAPACITY]);
    private final TradeEventWriter tradeEvent = new TradeEventWriter();
    private final RejectedEventEncoder rejectedEvent = new RejectedEventEncoder();
    private final EntitlementEventEncoder entitlementEvent = new EntitlementEventEncoder();
    private final EntitlementDrawnEventEncoder entitlementDrawnEvent = new EntitlementDrawnEventEncoder();
    private int length;
    private int count;

    void reset()
    {
        length = 0;
        count = 0;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    int count()
    {
        return count;
    }

    /** Counts in the event a generated encoder wrote at {@link #end()} (its header holds its length). */
    void commit(final MessageEncoderFlyweight event)
    {
        assert event.offset() == end() : "an event is committed where it was written";
        length += RecordHeader.lengthAt(event.buffer(), event.offset());
        count++;
    }

    /** Where the next event goes; there are at least {@link #MAX_EVENT_LENGTH} bytes of room from here. */
    int end()
    {
        if (buffer.capacity() - length < MAX_EVENT_LENGTH)
        {
            grow();
        }
        return length;
    }

    private void grow()
    {
        buffer.wrap(Arrays.copyOf(buffer.byteArray(), Math.max(buffer.capacity() * 2, length + MAX_EVENT_LENGTH)));
    }

    void reject(
        final int sessionId, final int commandType, final RejectReason reason, final int participant,
        final DirectBuffer idBuffer, final int idOffset, final long orderId)
    {
        reject(sessionId, commandType, reason, participant, idBuffer, idOffset, orderId, null, 0);
    }

    /**
     * A refusal naming the command's request id (when {@code idBuffer} is not null) and the product it
     * named (when {@code productBuffer} is not null: a refused command says what it was about).
     */
    void reject(
        final int sessionId, final int commandType, final RejectReason reason, final int participant,
        final DirectBuffer idBuffer, final int idOffset, final long orderId,
        final DirectBuffer productBuffer, final int productOffset)
    {
        final RejectedEventEncoder e = rejectedEvent;
        Codecs.encode(e, buffer, end(), sessionId);
        e.commandType(commandType).reason(reason.code()).participant(participant).orderId(orderId);
        if (null != idBuffer)
        {
            buffer.putBytes(e.offset() + RejectedEventEncoder.clOrdIdEncodingOffset(), idBuffer, idOffset, AsciiFields.CLORDID_LENGTH);
        }
        if (null != productBuffer)
        {
            buffer.putBytes(e.offset() + RejectedEventEncoder.productIdEncodingOffset(), productBuffer, productOffset, AsciiFields.PRODUCT_ID_LENGTH);
        }
        commit(e);
    }

    /**
     * An order lifecycle event from the order's current state.
     *
     * @param clOrdIdBuffer where the request's clOrdId sits (null: the order's own)
     * @param origFromOrder whether origClOrdId is the order's own clOrdId (cancel: yes; accept: no)
     * @param reservedFen   a buy's reservation: what it holds after an accept, what a cancel or expiry
     *                      released; 0 for a sell (the order event's {@code reservedFen})
     */
    void order(
        final int type, final OrderStore orders, final int slot, final DirectBuffer clOrdIdBuffer,
        final int clOrdIdOffset, final boolean origFromOrder, final byte reason, final boolean priorityKept,
        final long leavesQty, final long reservedFen)
    {
        final long c0;
        final long c1;
        final long c2;
        if (null == clOrdIdBuffer)
        {
            c0 = orders.clOrdIdWord(slot, 0);
            c1 = orders.clOrdIdWord(slot, 1);
            c2 = orders.clOrdIdWord(slot, 2);
        }
        else
        {
            IdWords.check(clOrdIdBuffer, clOrdIdOffset, AsciiFields.CLORDID_LENGTH);
            c0 = IdWords.word(clOrdIdBuffer, clOrdIdOffset);
            c1 = IdWords.word(clOrdIdBuffer, clOrdIdOffset + 8);
            c2 = IdWords.word(clOrdIdBuffer, clOrdIdOffset + 16);
        }
        if (origFromOrder)
        {
            encode(type, orders, slot, c0, c1, c2, orders.clOrdIdWord(slot, 0), orders.clOrdIdWord(slot, 1),
                orders.clOrdIdWord(slot, 2), reason, priorityKept, leavesQty, reservedFen);
        }
        else
        {
            encode(type, orders, slot, c0, c1, c2, 0, 0, 0, reason, priorityKept, leavesQty, reservedFen);
        }
    }

    /**
     * Replaced: the order already carries its new clOrdId; origClOrdId is the one it had, as the
     * words {@link OrderStore#clOrdIdWord} read before the change; {@code reservedFen} what a buy holds
     * reserved at its new price and quantity.
     */
    void replaced(
        final OrderStore orders, final int slot, final long orig0, final long orig1, final long orig2,
        final boolean priorityKept, final long reservedFen)
    {
        encode(MessageType.ORDER_REPLACED, orders, slot, orders.clOrdIdWord(slot, 0), orders.clOrdIdWord(slot, 1),
            orders.clOrdIdWord(slot, 2), orig0, orig1, orig2, (byte)0, priorityKept, orders.leavesQty(slot),
            reservedFen);
    }

    /**
     * Every field is read from the order before the first byte of the event is written (Java
     * evaluates the arguments first): the event's writes go through Unsafe, after which the compiler
     * must assume any heap field changed and would read the order's fields and their array again.
     */
    private void encode(
        final int type, final OrderStore orders, final int slot, final long c0, final long c1, final long c2,
        final long o0, final long o1, final long o2, final byte reason, final boolean priorityKept, final long leavesQty,
        final long reservedFen)
    {
        assert reservedFen >= 0 && (reservedFen == 0 || orders.side(slot) == Side.BUY) : "reservation " + reservedFen;
        length += OrderEventWriter.encode(buffer, end(), orders.sessionId(slot), type, orders.orderId(slot),
            orders.participant(slot), orders.product(slot), c0, c1, c2, o0, o1, o2,
            OrderEventWriter.flagsWord(orders.side(slot), orders.ordType(slot), orders.tif(slot), orders.postOnly(slot),
                orders.stp(slot), reason, priorityKept, orders.purpose(slot)),
            orders.priceFen(slot), orders.orderQty(slot), leavesQty, orders.cumQty(slot), orders.cumNotionalFen(slot),
            reservedFen);
        count++;
    }

    /** An entitlement granted by a fill (the schema's EntitlementEvent). */
    void entitlement(
        final int sessionId, final int participant, final int product, final long tradeId, final long units,
        final long expiryNs, final long seats, final int fromParticipant, final byte rights, final byte purpose)
    {
        final EntitlementEventEncoder e = entitlementEvent;
        Codecs.encode(e, buffer, end(), sessionId);
        e.participant(participant).product(product).tradeId(tradeId).units(units).expiryNs(expiryNs).seats(seats)
            .fromParticipant(fromParticipant).rights(rights).purpose(purpose);
        commit(e);
    }

    /**
     * Units a usage report or a resale ({@code tradeId} its fill; 0 for usage) took from a holder's
     * entitlements of one expiry and purpose: what settlement posts.
     */
    void entitlementDrawn(
        final int sessionId, final int participant, final int product, final long tradeId, final long units,
        final long expiryNs, final byte purpose)
    {
        assert units > 0 : "a draw of " + units;
        final EntitlementDrawnEventEncoder e = Codecs.encode(entitlementDrawnEvent, buffer, end(), sessionId);
        e.participant(participant).product(product).tradeId(tradeId).units(units).expiryNs(expiryNs).purpose(purpose);
        commit(e);
    }

    /** A trade event at {@link #end()}, its header written; {@link #commitTrade()} once its fields are set. */
    TradeEventWriter trade(final int sessionId)
    {
        return tradeEvent.wrap(buffer, end(), sessionId);
    }

    void commitTrade()
    {
        assert tradeEvent.offset() == length : "a trade is committed where it was written";
        length += TradeEventWriter.BLOCK_LENGTH;
        count++;
    }
}
