package io.databourse.journal.schema;

/**
 * Starts or ends a product's call auction (docs/matching-rules.md, Call auctions); only an admin may.
 * <p>Type {@link MessageType#AUCTION}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 productId ascii[32]
 *    40 action byte - {@link Codes.AuctionAction}
 *    41 actor ascii[16] - participant acting
 *    64 endsAtNs long - start: when the auction ends (the first command stamped at or after it uncrosses it),
 *                       epoch ns; 0 for none (ended by an {@code end} command)
 * </pre>
 */
public final class AuctionCommand extends Flyweight
{
    public static final int PRODUCT_ID_OFFSET = 8;
    public static final int ACTION_OFFSET = 40;
    public static final int ACTOR_OFFSET = 41;
    public static final int ENDS_AT_NS_OFFSET = 64;
    public static final int BLOCK_LENGTH = 72;

    @Override
    protected int encodedType()
    {
        return MessageType.AUCTION;
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

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean productId(final CharSequence value)
    {
        return putAscii(PRODUCT_ID_OFFSET, PRODUCT_ID_LENGTH, value);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int productIdOffset()
    {
        return offset + PRODUCT_ID_OFFSET;
    }

    /** {@link Codes.AuctionAction} */
    public byte action()
    {
        return getByte(ACTION_OFFSET);
    }

    public AuctionCommand action(final byte value)
    {
        putByte(ACTION_OFFSET, value);
        return this;
    }

    public String actor()
    {
        return getAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean actor(final CharSequence value)
    {
        return putAscii(ACTOR_OFFSET, PARTICIPANT_ID_LENGTH, value);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int actorOffset()
    {
        return offset + ACTOR_OFFSET;
    }

    /** When the auction ends, epoch ns; 0: no end time. */
    public long endsAtNs()
    {
        return getLong(ENDS_AT_NS_OFFSET);
    }

    public AuctionCommand endsAtNs(final long value)
    {
        putLong(ENDS_AT_NS_OFFSET, value);
        return this;
    }
}
