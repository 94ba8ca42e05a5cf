package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A lender registers a pledge over units of a product held by a participant (pledgeCommand) or releases one (release: only pledgeId and actor).
 * <p>Type {@link MessageType#PLEDGE}, {@link MessageType#RELEASE}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 pledgeId ascii[24]
 *    32 lender ascii[16] - lender (pledge) / actor (release; empty for the operator)
 *    48 participantId ascii[16] - pledgor
 *    64 productId ascii[32]
 *    96 qty long - units pledged
 *   104 haircutBps int - haircut applied to the collateral value, basis points
 * </pre>
 */
public final class PledgeCommand extends Flyweight
{
    public static final int PLEDGE_ID_OFFSET = 8;
    public static final int LENDER_OFFSET = 32;
    public static final int PARTICIPANT_ID_OFFSET = 48;
    public static final int PRODUCT_ID_OFFSET = 64;
    public static final int QTY_OFFSET = 96;
    public static final int HAIRCUT_BPS_OFFSET = 104;
    public static final int BLOCK_LENGTH = 112;

    private int typeToEncode = MessageType.PLEDGE;

    /** Wraps for encoding as one of {@link MessageType#PLEDGE}, {@link MessageType#RELEASE}. */
    public PledgeCommand wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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

    public String pledgeId()
    {
        return getAscii(PLEDGE_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendPledgeId(final StringBuilder sb)
    {
        return appendAscii(PLEDGE_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean pledgeId(final CharSequence value)
    {
        return putAscii(PLEDGE_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean pledgeId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(PLEDGE_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int pledgeIdLength()
    {
        return asciiLength(PLEDGE_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int pledgeIdOffset()
    {
        return offset + PLEDGE_ID_OFFSET;
    }
    public String lender()
    {
        return getAscii(LENDER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendLender(final StringBuilder sb)
    {
        return appendAscii(LENDER_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean lender(final CharSequence value)
    {
        return putAscii(LENDER_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean lender(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(LENDER_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int lenderLength()
    {
        return asciiLength(LENDER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int lenderOffset()
    {
        return offset + LENDER_OFFSET;
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
    public String productId()
    {
        return getAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    public StringBuilder appendProductId(final StringBuilder sb)
    {
        return appendAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean productId(final CharSequence value)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, value);
    }

    public boolean productId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int productIdLength()
    {
        return asciiLength(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int productIdOffset()
    {
        return offset + PRODUCT_ID_OFFSET;
    }
    /** units pledged */
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public PledgeCommand qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }
    /** haircut applied to the collateral value, basis points */
    public int haircutBps()
    {
        return getInt(HAIRCUT_BPS_OFFSET);
    }

    public PledgeCommand haircutBps(final int value)
    {
        putInt(HAIRCUT_BPS_OFFSET, value);
        return this;
    }
}
