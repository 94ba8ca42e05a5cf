package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Deposits or withdraws cash for a participant. Amount in fen.
 * <p>Type {@link MessageType#DEPOSIT}, {@link MessageType#WITHDRAW}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participantId ascii[16]
 *    24 amountFen long
 *    32 requestId ascii[24] - caller's id of the request, echoed in a reject
 * </pre>
 */
public final class CashCommand extends Flyweight
{
    public static final int PARTICIPANT_ID_OFFSET = 8;
    public static final int AMOUNT_FEN_OFFSET = 24;
    public static final int REQUEST_ID_OFFSET = 32;
    public static final int BLOCK_LENGTH = 56;

    private int typeToEncode = MessageType.DEPOSIT;

    /** Wraps for encoding as one of {@link MessageType#DEPOSIT}, {@link MessageType#WITHDRAW}. */
    public CashCommand wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
    {
        typeToEncode = type;
        wrapForEncode(buffer, offset, sessionId);
        return this;
    }

    @Override
    protected int encodedType()
    {
        return typeToEncode;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public String participantId()
    {
        return getAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendParticipantId(final StringBuilder sb)
    {
        return appendAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean participantId(final CharSequence value)
    {
        return putAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean participantId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int participantIdLength()
    {
        return asciiLength(PARTICIPANT_ID_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int participantIdOffset()
    {
        return offset + PARTICIPANT_ID_OFFSET;
    }
    public long amountFen()
    {
        return getLong(AMOUNT_FEN_OFFSET);
    }

    public CashCommand amountFen(final long value)
    {
        putLong(AMOUNT_FEN_OFFSET, value);
        return this;
    }
    public String requestId()
    {
        return getAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendRequestId(final StringBuilder sb)
    {
        return appendAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean requestId(final CharSequence value)
    {
        return putAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean requestId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(REQUEST_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int requestIdLength()
    {
        return asciiLength(REQUEST_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int requestIdOffset()
    {
        return offset + REQUEST_ID_OFFSET;
    }
}
