package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * A data custodian or sandbox reports usage of an entitlement; it draws the buyer's units down.
 * <p>Type {@link MessageType#USAGE}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 usageId ascii[24] - reporter's id of the report
 *    32 reporter ascii[16] - data custodian reporting
 *    48 participantId ascii[16] - entitled buyer
 *    64 productId ascii[32]
 *    96 units long - usage units consumed
 *   104 channel byte - {@link Codes.DeliveryMode} the data was used through; sandbox-only products accept only SANDBOX_ONLY
 *   105 purpose byte - {@link Codes.Purpose} the data was used for; it must be an entitlement's
 * </pre>
 */
public final class UsageCommand extends Flyweight
{
    public static final int USAGE_ID_OFFSET = 8;
    public static final int REPORTER_OFFSET = 32;
    public static final int PARTICIPANT_ID_OFFSET = 48;
    public static final int PRODUCT_ID_OFFSET = 64;
    public static final int UNITS_OFFSET = 96;
    public static final int CHANNEL_OFFSET = 104;
    public static final int PURPOSE_OFFSET = 105;
    public static final int BLOCK_LENGTH = 112;

    @Override
    protected int encodedType()
    {
        return MessageType.USAGE;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
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
    public String reporter()
    {
        return getAscii(REPORTER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendReporter(final StringBuilder sb)
    {
        return appendAscii(REPORTER_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean reporter(final CharSequence value)
    {
        return putAscii(REPORTER_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean reporter(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(REPORTER_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int reporterLength()
    {
        return asciiLength(REPORTER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int reporterOffset()
    {
        return offset + REPORTER_OFFSET;
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
    /** usage units consumed */
    public long units()
    {
        return getLong(UNITS_OFFSET);
    }

    public UsageCommand units(final long value)
    {
        putLong(UNITS_OFFSET, value);
        return this;
    }
    /** {@link Codes.DeliveryMode} the data was used through; sandbox-only products accept only SANDBOX_ONLY */
    public byte channel()
    {
        return getByte(CHANNEL_OFFSET);
    }

    public UsageCommand channel(final byte value)
    {
        putByte(CHANNEL_OFFSET, value);
        return this;
    }

    /** {@link Codes.Purpose} the data was used for */
    public byte purpose()
    {
        return getByte(PURPOSE_OFFSET);
    }

    public UsageCommand purpose(final byte value)
    {
        putByte(PURPOSE_OFFSET, value);
        return this;
    }
}
