package io.databourse.journal.schema;

import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The tail of a reference-data event: after the schema's {@code ReferenceDataEvent} block, a verbatim
 * copy of the command that defined it (a participant, product or capacity command, header
 * included), so that any reader of the journal names participants and products from the journal
 * alone. The event's header length (and its encoder's {@code encodedLength()}) covers block and command.
 */
public final class ReferenceDataTail
{
    private ReferenceDataTail()
    {
    }

    /**
     * Encodes a reference-data event of {@code type} at {@code offset} for the defining command at
     * {@code commandOffset} (its header gives its length and session), indexes -1 until set.
     */
    public static ReferenceDataEventEncoder encode(
        final ReferenceDataEventEncoder event, final MutableDirectBuffer buffer, final int offset, final int type,
        final DirectBuffer command, final int commandOffset)
    {
        final int commandLength = RecordHeader.lengthAt(command, commandOffset);
        final int sessionId = command.getInt(commandOffset + RecordHeader.SESSION_ID_OFFSET, ReferenceDataEventEncoder.BYTE_ORDER);
        final int length = ReferenceDataEventEncoder.BLOCK_LENGTH + commandLength;
        assert length <= 0xFFFF : "a message's length is a u16: " + length;
        buffer.checkLimit(offset + length); // an expandable buffer grows; others throw
        Codecs.encode(event, buffer, offset, sessionId, type);
        event.participant(-1).product(-1).owner(-1).reviewer(-1);
        buffer.putBytes(offset + ReferenceDataEventEncoder.BLOCK_LENGTH, command, commandOffset, commandLength);
        event.header().length(length);
        event.limit(offset + length); // encodedLength() covers the command too
        return event;
    }

    /** Offset in the event's buffer of the embedded command, to wrap its codec. */
    public static int commandOffset(final ReferenceDataEventDecoder event)
    {
        return event.offset() + ReferenceDataEventDecoder.BLOCK_LENGTH;
    }
}
