package io.databourse.journal.schema;

import org.agrona.MutableDirectBuffer;

/**
 * Cash deposited or withdrawn, with the balances after.
 * <p>Type {@link MessageType#CASH_DEPOSITED}, {@link MessageType#CASH_WITHDRAWN}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participant int
 *    16 amountFen long
 *    24 availableFen long
 *    32 reservedFen long
 * </pre>
 */
public final class CashEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int AMOUNT_FEN_OFFSET = 16;
    public static final int AVAILABLE_FEN_OFFSET = 24;
    public static final int RESERVED_FEN_OFFSET = 32;
    public static final int BLOCK_LENGTH = 40;

    private int typeToEncode = MessageType.CASH_DEPOSITED;

    /** Wraps for encoding as one of {@link MessageType#CASH_DEPOSITED}, {@link MessageType#CASH_WITHDRAWN}. */
    public CashEvent wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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

    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public CashEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    public long amountFen()
    {
        return getLong(AMOUNT_FEN_OFFSET);
    }

    public CashEvent amountFen(final long value)
    {
        putLong(AMOUNT_FEN_OFFSET, value);
        return this;
    }
    public long availableFen()
    {
        return getLong(AVAILABLE_FEN_OFFSET);
    }

    public CashEvent availableFen(final long value)
    {
        putLong(AVAILABLE_FEN_OFFSET, value);
        return this;
    }
    public long reservedFen()
    {
        return getLong(RESERVED_FEN_OFFSET);
    }

    public CashEvent reservedFen(final long value)
    {
        putLong(RESERVED_FEN_OFFSET, value);
        return this;
    }
}
