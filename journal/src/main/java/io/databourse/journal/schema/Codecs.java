package io.databourse.journal.schema;

import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.RecordHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;
import org.agrona.sbe.MessageEncoderFlyweight;

import java.nio.ByteOrder;

/**
 * Wraps the codecs SBE generates from the message schema ({@code databourse-messages.xml}) over a
 * message as the journal holds it: at the message's first byte, its 8-byte record header
 * (length, type, sessionId) first, no SBE message header. Both checks a message's fixed part lies
 * in the buffer once, when wrapped, as the generated codecs then address it directly.
 */
public final class Codecs
{
    /** The message schema's version: the layout of every message in this build (see {@code ExcerptCodec}). */
    public static final int SCHEMA_VERSION = io.databourse.journal.sbe.MessageHeaderDecoder.SCHEMA_VERSION;
    /** The message schema's id. */
    public static final int SCHEMA_ID = io.databourse.journal.sbe.MessageHeaderDecoder.SCHEMA_ID;

    private static final ByteOrder ORDER = RecordHeaderEncoder.BYTE_ORDER;

    private Codecs()
    {
    }

    /**
     * Wraps a decoder over the message at {@code offset}; returns the decoder, so that a caller reads
     * fields straight on (no cast).
     *
     * @throws IndexOutOfBoundsException when the buffer does not hold the message's fixed part at {@code offset}
     */
    public static <D extends MessageDecoderFlyweight> D wrap(final D decoder, final DirectBuffer buffer, final int offset)
    {
        final int blockLength = decoder.sbeBlockLength();
        checkBounds(decoder, buffer, offset, blockLength);
        decoder.wrap(buffer, offset, blockLength, SCHEMA_VERSION);
        return decoder;
    }

    /**
     * Wraps an encoder at {@code offset} and writes a fresh header with {@code type}, the message's
     * fixed length and {@code sessionId}, zeroing the rest of the fixed part (unset fields and padding
     * are zero, so the same values always give the same bytes). An expandable buffer grows to fit.
     *
     * @throws IndexOutOfBoundsException when a fixed-size buffer does not hold the message's fixed part
     */
    public static <E extends MessageEncoderFlyweight> E encode(
        final E encoder, final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
    {
        final int blockLength = encoder.sbeBlockLength();
        if (offset >= 0 && (long)offset + blockLength > buffer.capacity() && offset <= Integer.MAX_VALUE - blockLength)
        {
            buffer.checkLimit(offset + blockLength); // an expandable buffer grows; others throw
        }
        checkBounds(encoder, buffer, offset, blockLength);
        buffer.setMemory(offset, blockLength, (byte)0);
        encoder.wrap(buffer, offset);
        buffer.putShort(offset + RecordHeader.LENGTH_OFFSET, (short)blockLength, ORDER);
        buffer.putShort(offset + RecordHeader.TYPE_OFFSET, (short)type, ORDER);
        buffer.putInt(offset + RecordHeader.SESSION_ID_OFFSET, sessionId, ORDER);
        return encoder;
    }

    /** {@link #encode} with the message's first type (its SBE template id), for a message that only one type uses. */
    public static <E extends MessageEncoderFlyweight> E encode(
        final E encoder, final MutableDirectBuffer buffer, final int offset, final int sessionId)
    {
        return encode(encoder, buffer, offset, sessionId, encoder.sbeTemplateId());
    }

    /** A flag as the schema's {@code Bool} (one byte, 0 or 1). */
    public static Bool bool(final boolean value)
    {
        return value ? Bool.TRUE : Bool.FALSE;
    }

    private static void checkBounds(final Object codec, final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || (long)offset + length > buffer.capacity())
        {
            throw new IndexOutOfBoundsException(codec.getClass().getSimpleName() + " of " + length + " bytes at " +
                offset + " does not fit a buffer of " + buffer.capacity());
        }
    }
}
