package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * The 8-byte header every command and event starts with (the schema's {@code RecordHeader}
 * composite; the generated {@code RecordHeaderDecoder} reads it inside a codec):
 * <pre>
 *   0  length    u16  total bytes of the message, header included
 *   2  type      u16  {@link MessageType}
 *   4  sessionId i32  the gateway session the command came from / the event is for (0 = operator)
 * </pre>
 * Little-endian. Here for code that walks messages back to back (a record's events, a batch of
 * commands) before it knows which codec to wrap.
 */
public final class RecordHeader
{
    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int SESSION_ID_OFFSET = 4;
    /** Bytes of the header: a message's fields start here. */
    public static final int ENCODED_LENGTH = 8;

    private RecordHeader()
    {
    }

    /** The type of the message at {@code offset}. */
    public static int typeAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + TYPE_OFFSET) & 0xFFFF;
    }

    /** The length, header included, of the message at {@code offset}. */
    public static int lengthAt(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + LENGTH_OFFSET) & 0xFFFF;
    }
}
