package io.databourse.console.command;

import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.ProductStatusCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageEncoderFlyweight;

/**
 * Encodes the console's commands with the journal schema's flyweights and offers them to the
 * matcher, exactly as a FIX session's application does: the console decides nothing the matcher
 * decides (prices, funds, roles are all the matcher's checks, answered by a journaled reject). It
 * checks only that each field fits its wire form, and names what does not. Every command names
 * the logged-in participant: as the trading party, or as the acting participant ({@code actor})
 * of an admin command, never the empty actor of the exchange operator. Confined to the HTTP loop.
 */
public final class CommandPublisher
{
    private static final int BUFFER_BYTES = 1024;

    private final CommandSink sink;
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[BUFFER_BYTES]);
    private final NewOrderCommandEncoder newOrder = new NewOrderCommandEncoder();
    private final CancelCommandEncoder cancel = new CancelCommandEncoder();
    private final ReplaceCommandEncoder replace = new ReplaceCommandEncoder();
    private final ParticipantCommandEncoder participant = new ParticipantCommandEncoder();
    private final ProductStatusCommandEncoder productStatus = new ProductStatusCommandEncoder();

    public CommandPublisher(final CommandSink sink)
    {
        this.sink = sink;
    }

    /** A field that does not fit its wire form: nothing was sent. */
    public static final class InvalidFieldException extends IllegalArgumentException
    {
        private static final long serialVersionUID = 1L;

        InvalidFieldException(final String field, final String why)
        {
            super(field + ": " + why);
        }
    }

    public CommandSink.Outcome newOrder(
        final int sessionId, final String participantId, final String productId, final String clOrdId, final byte side,
        final byte ordType, final byte tif, final long priceFen, final long qty, final byte purpose)
    {
        final NewOrderCommandEncoder c = Codecs.encode(newOrder, buffer, 0, sessionId);
        final int at = c.offset();
        id("participant", at + NewOrderCommandEncoder.participantIdEncodingOffset(),
            NewOrderCommandEncoder.participantIdLength(), participantId);
        id("product", at + NewOrderCommandEncoder.productIdEncodingOffset(),
            NewOrderCommandEncoder.productIdLength(), productId);
        id("clOrdId", at + NewOrderCommandEncoder.clOrdIdEncodingOffset(),
            NewOrderCommandEncoder.clOrdIdLength(), clOrdId);
        c.side(side).ordType(ordType).tif(tif).postOnly(Bool.FALSE).stp(Codes.SelfTradePrevention.CANCEL_NEWEST)
            .priceFen(priceFen).qty(qty).purpose(purpose);
        return send(c);
    }

    public CommandSink.Outcome cancel(
        final int sessionId, final String participantId, final String clOrdId, final String origClOrdId, final long orderId)
    {
        final CancelCommandEncoder c = Codecs.encode(cancel, buffer, 0, sessionId);
        orderRequest(c.offset(), CancelCommandEncoder.participantIdEncodingOffset(), participantId,
            CancelCommandEncoder.clOrdIdEncodingOffset(), clOrdId,
            CancelCommandEncoder.origClOrdIdEncodingOffset(), origClOrdId);
        c.orderId(orderId);
        return send(c);
    }

    public CommandSink.Outcome replace(
        final int sessionId, final String participantId, final String clOrdId, final String origClOrdId,
        final long orderId, final long priceFen, final long qty)
    {
        final ReplaceCommandEncoder c = Codecs.encode(replace, buffer, 0, sessionId);
        orderRequest(c.offset(), ReplaceCommandEncoder.participantIdEncodingOffset(), participantId,
            ReplaceCommandEncoder.clOrdIdEncodingOffset(), clOrdId,
            ReplaceCommandEncoder.origClOrdIdEncodingOffset(), origClOrdId);
        c.orderId(orderId).priceFen(priceFen).qty(qty);
        return send(c);
    }

    /**
     * Re-sends a participant's defining command (from the journal) with a new status (suspended, or
     * admitted again), the acting regulator as actor and its note ("" for none): every other field
     * stays as the matcher last accepted it.
     */
    public CommandSink.Outcome participantStatus(
        final int sessionId, final String actorId, final DirectBuffer definingCommand, final int length, final byte status,
        final String note)
    {
        if (length < ParticipantCommandEncoder.BLOCK_LENGTH || length > BUFFER_BYTES)
        {
            throw new InvalidFieldException("participant", "defining command of " + length + " bytes");
        }
        assert Codes.ParticipantStatus.SUSPENDED == status || Codes.ParticipantStatus.ADMITTED == status : status;
        buffer.putBytes(0, definingCommand, 0, length);
        final ParticipantCommandEncoder c = participant.wrap(buffer, 0); // in place: the other fields stay
        final int at = c.offset();
        buffer.putInt(at + RecordHeader.SESSION_ID_OFFSET, sessionId);
        c.status(status);
        actor(AsciiFields.putId(buffer, at + ParticipantCommandEncoder.actorEncodingOffset(),
            ParticipantCommandEncoder.actorLength(), actorId), actorId);
        note(AsciiFields.putText(buffer, at + ParticipantCommandEncoder.noteEncodingOffset(),
            ParticipantCommandEncoder.noteLength(), note)); // replaces the defining command's own note
        return send(c);
    }

    /**
     * A product's status by the acting regulator, with a note ("" for none): suspended halts it;
     * listed resumes a suspended one (which the matcher opens with a call auction).
     */
    public CommandSink.Outcome productStatus(final int sessionId, final String actorId, final String productId,
        final byte status, final String note)
    {
        assert Codes.ProductStatus.SUSPENDED == status || Codes.ProductStatus.LISTED == status : status;
        final ProductStatusCommandEncoder c = Codecs.encode(productStatus, buffer, 0, sessionId);
        final int at = c.offset();
        id("product", at + ProductStatusCommandEncoder.productIdEncodingOffset(),
            ProductStatusCommandEncoder.productIdLength(), productId);
        c.status(status);
        actor(AsciiFields.putId(buffer, at + ProductStatusCommandEncoder.actorEncodingOffset(),
            ProductStatusCommandEncoder.actorLength(), actorId), actorId);
        note(AsciiFields.putText(buffer, at + ProductStatusCommandEncoder.noteEncodingOffset(),
            ProductStatusCommandEncoder.noteLength(), note));
        return send(c);
    }

    private static void note(final boolean fits)
    {
        if (!fits)
        {
            throw new InvalidFieldException("note", "at most " + AsciiFields.NOTE_LENGTH + " printable ASCII characters");
        }
    }

    private static void actor(final boolean fits, final String actorId)
    {
        // An empty actor is the exchange operator: the console never acts as the operator.
        if (null == actorId || actorId.isEmpty() || !fits)
        {
            throw new InvalidFieldException("actor", "must be the logged-in participant's id");
        }
    }

    /** What a cancel and a replace both name, at their fields' offsets in the message at {@code at}. */
    private void orderRequest(
        final int at, final int participantIdOffset, final String participantId, final int clOrdIdOffset,
        final String clOrdId, final int origClOrdIdOffset, final String origClOrdId)
    {
        id("participant", at + participantIdOffset, AsciiFields.PARTICIPANT_ID_LENGTH, participantId);
        id("clOrdId", at + clOrdIdOffset, AsciiFields.CLORDID_LENGTH, clOrdId);
        id("origClOrdId", at + origClOrdIdOffset, AsciiFields.CLORDID_LENGTH, origClOrdId);
    }

    /** Writes a client-given id into the command being encoded, or names the field it does not fit. */
    private void id(final String field, final int at, final int width, final String value)
    {
        id(field, AsciiFields.putId(buffer, at, width, value));
    }

    private static void id(final String field, final boolean fits)
    {
        if (!fits)
        {
            throw new InvalidFieldException(field, "must be printable ASCII without spaces and fit its field");
        }
    }

    private CommandSink.Outcome send(final MessageEncoderFlyweight c)
    {
        final int sessionId = c.buffer().getInt(c.offset() + RecordHeader.SESSION_ID_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN);
        assert sessionId >= io.databourse.console.auth.SessionStore.COMMAND_SESSION_ID_BASE :
            "a console command carries a console session id";
        return sink.offer(buffer, 0, RecordHeader.lengthAt(c.buffer(), c.offset()));
    }
}
