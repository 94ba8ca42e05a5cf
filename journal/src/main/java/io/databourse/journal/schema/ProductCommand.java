package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * Registers a product: a data product, a compute-capacity window or an algorithm tool. Prices in minor units (fen).
 * <p>Type {@link MessageType#PRODUCT}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 productId ascii[32]
 *    40 kind byte - {@link Codes.ProductKind}
 *    41 grade byte - {@link Codes.Grade}
 *    42 rights byte - {@link Codes.Rights} bit set granted to buyers
 *    43 delivery byte - {@link Codes.DeliveryMode}
 *    44 crossBorder bool - may be bought by cross-border participants
 *    45 personalInfo bool - contains personal information
 *    46 status byte - initial {@link Codes.ProductStatus}
 *    47 openingAuction byte - {@link Codes.OpeningAuction}: whether listing (and resuming) opens a call auction
 *       (was reserved, zero: the resale flag, replaced by the operate right)
 *    48 tickFen long - tick size in fen
 *    56 lotQty long - lot size in units
 *    64 bandBps int - price band half-width in basis points of the reference price; -1 for none
 *    72 referencePriceFen long - reference price in fen; 0 for none
 *    80 usagePerLot long - usage units granted per lot
 *    88 termDays int - licence term in days
 *    92 sponsor ascii[16] - data sponsor participant id
 *   108 hardware ascii[16] - compute hardware class
 *   124 region ascii[16] - compute region
 *   144 windowStartNs long - compute delivery window start, epoch ns
 *   152 windowEndNs long - compute delivery window end, epoch ns
 *   160 actor ascii[16] - participant acting (an admin), empty for the exchange operator
 *   176 owner ascii[16] - the data supplier owning the product (data, algorithm); empty: the actor
 *   192 reviewedBy ascii[16] - operator loads only: the compliance officer who reviewed it
 *   208 purposes int - bit set of {@link Codes.Purpose} uses the product may be bought for; 0: none declared
 *   212 deployment byte - algorithm: {@link Codes.Deployment}
 *   216 recordsPerLot long - personal-information records one lot carries (cross-border quotas)
 *   224 seatsPerLot long - algorithm: seats one lot grants
 *   232 runsPerSeat long - algorithm: runs one seat may make
 *   240 version ascii[16] - algorithm: licensed version
 * </pre>
 */
public final class ProductCommand extends Flyweight
{
    public static final int PRODUCT_ID_OFFSET = 8;
    public static final int KIND_OFFSET = 40;
    public static final int GRADE_OFFSET = 41;
    public static final int RIGHTS_OFFSET = 42;
    public static final int DELIVERY_OFFSET = 43;
    public static final int CROSS_BORDER_OFFSET = 44;
    public static final int PERSONAL_INFO_OFFSET = 45;
    public static final int STATUS_OFFSET = 46;
    public static final int OPENING_AUCTION_OFFSET = 47;
    public static final int TICK_FEN_OFFSET = 48;
    public static final int LOT_QTY_OFFSET = 56;
    public static final int BAND_BPS_OFFSET = 64;
    public static final int REFERENCE_PRICE_FEN_OFFSET = 72;
    public static final int USAGE_PER_LOT_OFFSET = 80;
    public static final int TERM_DAYS_OFFSET = 88;
    public static final int SPONSOR_OFFSET = 92;
    public static final int HARDWARE_OFFSET = 108;
    public static final int REGION_OFFSET = 124;
    public static final int WINDOW_START_NS_OFFSET = 144;
    public static final int WINDOW_END_NS_OFFSET = 152;
    public static final int ACTOR_OFFSET = 160;
    public static final int OWNER_OFFSET = 176;
    public static final int REVIEWED_BY_OFFSET = 192;
    public static final int PURPOSES_OFFSET = 208;
    public static final int DEPLOYMENT_OFFSET = 212;
    public static final int RECORDS_PER_LOT_OFFSET = 216;
    public static final int SEATS_PER_LOT_OFFSET = 224;
    public static final int RUNS_PER_SEAT_OFFSET = 232;
    public static final int VERSION_OFFSET = 240;
    public static final int BLOCK_LENGTH = 256;

    @Override
    protected int encodedType()
    {
        return MessageType.PRODUCT;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
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
    /** {@link Codes.ProductKind} */
    public byte kind()
    {
        return getByte(KIND_OFFSET);
    }

    public ProductCommand kind(final byte value)
    {
        putByte(KIND_OFFSET, value);
        return this;
    }
    /** {@link Codes.Grade} */
    public byte grade()
    {
        return getByte(GRADE_OFFSET);
    }

    public ProductCommand grade(final byte value)
    {
        putByte(GRADE_OFFSET, value);
        return this;
    }
    /** {@link Codes.Rights} bit set granted to buyers */
    public byte rights()
    {
        return getByte(RIGHTS_OFFSET);
    }

    public ProductCommand rights(final byte value)
    {
        putByte(RIGHTS_OFFSET, value);
        return this;
    }
    /** {@link Codes.DeliveryMode} */
    public byte delivery()
    {
        return getByte(DELIVERY_OFFSET);
    }

    public ProductCommand delivery(final byte value)
    {
        putByte(DELIVERY_OFFSET, value);
        return this;
    }
    /** may be bought by cross-border participants */
    public boolean crossBorder()
    {
        return getByte(CROSS_BORDER_OFFSET) != 0;
    }

    public ProductCommand crossBorder(final boolean value)
    {
        putByte(CROSS_BORDER_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    /** contains personal information */
    public boolean personalInfo()
    {
        return getByte(PERSONAL_INFO_OFFSET) != 0;
    }

    public ProductCommand personalInfo(final boolean value)
    {
        putByte(PERSONAL_INFO_OFFSET, (byte)(value ? 1 : 0));
        return this;
    }
    /** initial {@link Codes.ProductStatus} */
    public byte status()
    {
        return getByte(STATUS_OFFSET);
    }

    public ProductCommand status(final byte value)
    {
        putByte(STATUS_OFFSET, value);
        return this;
    }
    /** {@link Codes.OpeningAuction} */
    public byte openingAuction()
    {
        return getByte(OPENING_AUCTION_OFFSET);
    }

    public ProductCommand openingAuction(final byte value)
    {
        putByte(OPENING_AUCTION_OFFSET, value);
        return this;
    }
    /** tick size in fen */
    public long tickFen()
    {
        return getLong(TICK_FEN_OFFSET);
    }

    public ProductCommand tickFen(final long value)
    {
        putLong(TICK_FEN_OFFSET, value);
        return this;
    }
    /** lot size in units */
    public long lotQty()
    {
        return getLong(LOT_QTY_OFFSET);
    }

    public ProductCommand lotQty(final long value)
    {
        putLong(LOT_QTY_OFFSET, value);
        return this;
    }
    /** price band half-width in basis points of the reference price; -1 for none */
    public int bandBps()
    {
        return getInt(BAND_BPS_OFFSET);
    }

    public ProductCommand bandBps(final int value)
    {
        putInt(BAND_BPS_OFFSET, value);
        return this;
    }
    /** reference price in fen; 0 for none */
    public long referencePriceFen()
    {
        return getLong(REFERENCE_PRICE_FEN_OFFSET);
    }

    public ProductCommand referencePriceFen(final long value)
    {
        putLong(REFERENCE_PRICE_FEN_OFFSET, value);
        return this;
    }
    /** usage units granted per lot */
    public long usagePerLot()
    {
        return getLong(USAGE_PER_LOT_OFFSET);
    }

    public ProductCommand usagePerLot(final long value)
    {
        putLong(USAGE_PER_LOT_OFFSET, value);
        return this;
    }
    /** licence term in days */
    public int termDays()
    {
        return getInt(TERM_DAYS_OFFSET);
    }

    public ProductCommand termDays(final int value)
    {
        putInt(TERM_DAYS_OFFSET, value);
        return this;
    }
    public String sponsor()
    {
        return getAscii(SPONSOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendSponsor(final StringBuilder sb)
    {
        return appendAscii(SPONSOR_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean sponsor(final CharSequence value)
    {
        return putAscii(SPONSOR_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean sponsor(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(SPONSOR_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int sponsorLength()
    {
        return asciiLength(SPONSOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int sponsorOffset()
    {
        return offset + SPONSOR_OFFSET;
    }
    public String hardware()
    {
        return getAscii(HARDWARE_OFFSET, NAME_LENGTH);
    }

    public StringBuilder appendHardware(final StringBuilder sb)
    {
        return appendAscii(HARDWARE_OFFSET, NAME_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean hardware(final CharSequence value)
    {
        return putAscii(HARDWARE_OFFSET, NAME_LENGTH, value);
    }

    public boolean hardware(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(HARDWARE_OFFSET, NAME_LENGTH, src, srcOffset, srcLength);
    }

    public int hardwareLength()
    {
        return asciiLength(HARDWARE_OFFSET, NAME_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int hardwareOffset()
    {
        return offset + HARDWARE_OFFSET;
    }
    public String region()
    {
        return getAscii(REGION_OFFSET, NAME_LENGTH);
    }

    public StringBuilder appendRegion(final StringBuilder sb)
    {
        return appendAscii(REGION_OFFSET, NAME_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean region(final CharSequence value)
    {
        return putAscii(REGION_OFFSET, NAME_LENGTH, value);
    }

    public boolean region(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(REGION_OFFSET, NAME_LENGTH, src, srcOffset, srcLength);
    }

    public int regionLength()
    {
        return asciiLength(REGION_OFFSET, NAME_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int regionOffset()
    {
        return offset + REGION_OFFSET;
    }
    /** compute delivery window start, epoch ns */
    public long windowStartNs()
    {
        return getLong(WINDOW_START_NS_OFFSET);
    }

    public ProductCommand windowStartNs(final long value)
    {
        putLong(WINDOW_START_NS_OFFSET, value);
        return this;
    }
    /** compute delivery window end, epoch ns */
    public long windowEndNs()
    {
        return getLong(WINDOW_END_NS_OFFSET);
    }

    public ProductCommand windowEndNs(final long value)
    {
        putLong(WINDOW_END_NS_OFFSET, value);
        return this;
    }
    public String actor()
    {
        return getAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendActor(final StringBuilder sb)
    {
        return appendAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean actor(final CharSequence value)
    {
        return putAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean actor(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int actorLength()
    {
        return asciiLength(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int actorOffset()
    {
        return offset + ACTOR_OFFSET;
    }

    /** the owner: the data supplier registering it, or one the operator names */
    public String owner()
    {
        return getAscii(OWNER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendOwner(final StringBuilder sb)
    {
        return appendAscii(OWNER_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean owner(final CharSequence value)
    {
        return putAscii(OWNER_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean owner(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(OWNER_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int ownerLength()
    {
        return asciiLength(OWNER_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int ownerOffset()
    {
        return offset + OWNER_OFFSET;
    }

    /** the compliance officer an operator load names as having reviewed the product */
    public String reviewedBy()
    {
        return getAscii(REVIEWED_BY_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    public StringBuilder appendReviewedBy(final StringBuilder sb)
    {
        return appendAscii(REVIEWED_BY_OFFSET, PARTICIPANT_ID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean reviewedBy(final CharSequence value)
    {
        return putAscii(REVIEWED_BY_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    public boolean reviewedBy(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(REVIEWED_BY_OFFSET, PARTICIPANT_ID_LENGTH, src, srcOffset, srcLength);
    }

    public int reviewedByLength()
    {
        return asciiLength(REVIEWED_BY_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int reviewedByOffset()
    {
        return offset + REVIEWED_BY_OFFSET;
    }

    /** bit set of {@link Codes.Purpose}: bit (code - 1) for each use a buyer may declare */
    public int purposes()
    {
        return getInt(PURPOSES_OFFSET);
    }

    public ProductCommand purposes(final int value)
    {
        putInt(PURPOSES_OFFSET, value);
        return this;
    }

    /** {@link Codes.Deployment} of an algorithm */
    public byte deployment()
    {
        return getByte(DEPLOYMENT_OFFSET);
    }

    public ProductCommand deployment(final byte value)
    {
        putByte(DEPLOYMENT_OFFSET, value);
        return this;
    }

    /** personal-information records one lot carries */
    public long recordsPerLot()
    {
        return getLong(RECORDS_PER_LOT_OFFSET);
    }

    public ProductCommand recordsPerLot(final long value)
    {
        putLong(RECORDS_PER_LOT_OFFSET, value);
        return this;
    }

    /** algorithm seats one lot grants */
    public long seatsPerLot()
    {
        return getLong(SEATS_PER_LOT_OFFSET);
    }

    public ProductCommand seatsPerLot(final long value)
    {
        putLong(SEATS_PER_LOT_OFFSET, value);
        return this;
    }

    /** algorithm runs one seat may make */
    public long runsPerSeat()
    {
        return getLong(RUNS_PER_SEAT_OFFSET);
    }

    public ProductCommand runsPerSeat(final long value)
    {
        putLong(RUNS_PER_SEAT_OFFSET, value);
        return this;
    }

    /** licensed algorithm version */
    public String version()
    {
        return getAscii(VERSION_OFFSET, NAME_LENGTH);
    }

    public StringBuilder appendVersion(final StringBuilder sb)
    {
        return appendAscii(VERSION_OFFSET, NAME_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean version(final CharSequence value)
    {
        return putAscii(VERSION_OFFSET, NAME_LENGTH, value);
    }

    public boolean version(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(VERSION_OFFSET, NAME_LENGTH, src, srcOffset, srcLength);
    }

    public int versionLength()
    {
        return asciiLength(VERSION_OFFSET, NAME_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int versionOffset()
    {
        return offset + VERSION_OFFSET;
    }
}
