package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Usage recorded against a buyer's entitlements (earliest-expiring first).
 * <p>Type {@link MessageType#USAGE_RECORDED}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 participant int
 *    12 product int
 *    16 reporter int
 *    20 purpose byte - {@link Codes.Purpose} of the report: the entitlements drawn were granted for it
 *    24 units long
 *    32 remainingUnits long - units left after the draw on unexpired entitlements of this product bought for the report's purpose
 *    40 usageId ascii[24]
 * </pre>
 */
public final class UsageEvent extends Flyweight
{
    public static final int PARTICIPANT_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 12;
    public static final int REPORTER_OFFSET = 16;
    public static final int PURPOSE_OFFSET = 20;
    public static final int UNITS_OFFSET = 24;
    public static final int REMAINING_UNITS_OFFSET = 32;
    public static final int USAGE_ID_OFFSET = 40;
    public static final int BLOCK_LENGTH = 64;

    @Override
    protected int encodedType()
    {
        return MessageType.USAGE_RECORDED;
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

    public UsageEvent participant(final int value)
    {
        putInt(PARTICIPANT_OFFSET, value);
        return this;
    }
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public UsageEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    public int reporter()
    {
        return getInt(REPORTER_OFFSET);
    }

    public UsageEvent reporter(final int value)
    {
        putInt(REPORTER_OFFSET, value);
        return this;
    }
    public long units()
    {
        return getLong(UNITS_OFFSET);
    }

    public UsageEvent units(final long value)
    {
        putLong(UNITS_OFFSET, value);
        return this;
    }
    /** units left after the draw on unexpired entitlements of this product bought for the report's purpose */
    public long remainingUnits()
    {
        return getLong(REMAINING_UNITS_OFFSET);
    }

    public UsageEvent remainingUnits(final long value)
    {
        putLong(REMAINING_UNITS_OFFSET, value);
        return this;
    }
    public String usageId()
    {
        return getAscii(USAGE_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendUsageId(final StringBuilder sb)
    {
        return appendAscii(USAGE_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean usageId(final CharSequence value)
    {
        return putAscii(USAGE_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean usageId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(USAGE_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int usageIdLength()
    {
        return asciiLength(USAGE_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int usageIdOffset()
    {
        return offset + USAGE_ID_OFFSET;
    }

    /** {@link Codes.Purpose} of the report */
    public byte purpose()
    {
        return getByte(PURPOSE_OFFSET);
    }

    public UsageEvent purpose(final byte value)
    {
        putByte(PURPOSE_OFFSET, value);
        return this;
    }
}
