package io.databourse.journal.schema;

import org.agrona.MutableDirectBuffer;

/**
 * A step of a product's call auction, as the matcher decided it (docs/matching-rules.md, Call auctions).
 * <p>Types {@link MessageType#AUCTION_STARTED} (the product collects orders and trades nothing),
 * {@link MessageType#AUCTION_INDICATIVE} (the price and volume the book would uncross at now, published
 * when they change) and {@link MessageType#AUCTION_UNCROSSED} (the auction ended: its trades follow,
 * then continuous trading). Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 product int - product index
 *    12 cause byte - {@link Codes.AuctionCause}: why it started, or how it ended
 *    13 rule byte - uncrossed, indicative: which rule decided the price (1 volume, 2 surplus, 3 pressure,
 *                   4 reference); 0: no price
 *    16 actor int - participant index of the admin who started or ended it, -1 for the engine
 *    24 endsAtNs long - started: when it ends, epoch ns; 0: ended by command
 *    32 priceFen long - indicative, uncrossed: the uncrossing price; 0: nothing can trade
 *    40 volume long - the quantity that trades (indicative: would trade) at that price
 *    48 surplus long - demand minus supply at that price: &gt; 0 buyers are left, &lt; 0 sellers
 * </pre>
 */
public final class AuctionEvent extends Flyweight
{
    public static final int PRODUCT_OFFSET = 8;
    public static final int CAUSE_OFFSET = 12;
    public static final int RULE_OFFSET = 13;
    public static final int ACTOR_OFFSET = 16;
    public static final int ENDS_AT_NS_OFFSET = 24;
    public static final int PRICE_FEN_OFFSET = 32;
    public static final int VOLUME_OFFSET = 40;
    public static final int SURPLUS_OFFSET = 48;
    public static final int BLOCK_LENGTH = 56;

    private int typeToEncode = MessageType.AUCTION_STARTED;

    /** Wraps for encoding as {@link MessageType#AUCTION_STARTED}, {@code _INDICATIVE} or {@code _UNCROSSED}. */
    public AuctionEvent wrapForEncode(final MutableDirectBuffer buffer, final int offset, final int sessionId, final int type)
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

    /** product index */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public AuctionEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }

    /** {@link Codes.AuctionCause} */
    public byte cause()
    {
        return getByte(CAUSE_OFFSET);
    }

    public AuctionEvent cause(final byte value)
    {
        putByte(CAUSE_OFFSET, value);
        return this;
    }

    /** which rule decided the price; 0: none */
    public byte rule()
    {
        return getByte(RULE_OFFSET);
    }

    public AuctionEvent rule(final byte value)
    {
        putByte(RULE_OFFSET, value);
        return this;
    }

    /** participant index of the admin acting, -1 for the engine */
    public int actor()
    {
        return getInt(ACTOR_OFFSET);
    }

    public AuctionEvent actor(final int value)
    {
        putInt(ACTOR_OFFSET, value);
        return this;
    }

    public long endsAtNs()
    {
        return getLong(ENDS_AT_NS_OFFSET);
    }

    public AuctionEvent endsAtNs(final long value)
    {
        putLong(ENDS_AT_NS_OFFSET, value);
        return this;
    }

    public long priceFen()
    {
        return getLong(PRICE_FEN_OFFSET);
    }

    public AuctionEvent priceFen(final long value)
    {
        putLong(PRICE_FEN_OFFSET, value);
        return this;
    }

    public long volume()
    {
        return getLong(VOLUME_OFFSET);
    }

    public AuctionEvent volume(final long value)
    {
        putLong(VOLUME_OFFSET, value);
        return this;
    }

    public long surplus()
    {
        return getLong(SURPLUS_OFFSET);
    }

    public AuctionEvent surplus(final long value)
    {
        putLong(SURPLUS_OFFSET, value);
        return this;
    }
}
