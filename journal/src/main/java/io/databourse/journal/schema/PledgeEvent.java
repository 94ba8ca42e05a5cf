package io.databourse.journal.schema;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * A pledge registered or released.
 * <p>Type {@link MessageType#PLEDGE_REGISTERED}, {@link MessageType#PLEDGE_RELEASED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 pledgeId ascii[24]
 *    32 lender int
 *    36 participant int
 *    40 product int
 *    44 haircutBps int
 *    48 qty long
 *    56 pledgedQty long - units of this product the participant has pledged in total after this event
 * </pre>
 */
public final class PledgeEvent extends Flyweight
{
    public static final int PLEDGE_ID_OFFSET = 8;
    public static final int LENDER_OFFSET = 32;
    public static final int PARTICIPANT_OFFSET = 36;
    public static final int PRODUCT_OFFSET = 40;
    public static final int HAIRCUT_BPS_OFFSET = 44;
    public static final int QTY_OFFSET = 48;
    public static final int PLEDGED_QTY_OFFSET = 56;
    public static final int BLOCK_LENGTH = 64;

    private int typeToEncode = MessageType.PLEDGE_REGISTERED;

    /** Wraps for encoding as one of {@link MessageType#PLEDGE_REGISTERED}, {@link MessageType#PLEDGE_RELEASED}. */
    public PledgeEvent wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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
    public int lender()
    {
        return getInt(LENDER_OFFSET);
    }

    public PledgeEvent lender(final int value)
    {
        putInt(LENDER_OFFSET, value);
        return this;
    }
    public int participant()
    {
        return getInt(PARTICIPANT_OFFSET);
    }

    public PledgeEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public PledgeEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public int haircutBps()
    {
        return getInt(HAIRCUT_BPS_OFFSET);
    }

    public PledgeEvent haircutBps(final int value)
    {
        putInt(HAIRCUT_BPS_OFFSET, value);
        return this;
    }
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public PledgeEvent qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }
    /** units of this product the participant has pledged in total after this event */
    public long pledgedQty()
    {
        return getLong(PLEDGED_QTY_OFFSET);
    }

    public PledgeEvent pledgedQty(final long value)
    {
        putLong(PLEDGED_QTY_OFFSET, value);
        return this;
    }
}
