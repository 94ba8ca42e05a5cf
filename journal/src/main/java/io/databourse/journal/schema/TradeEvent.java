package io.databourse.journal.schema;

import org.agrona.DirectBuffer;

/**
 * One fill between a resting and an aggressing order, with both sides' state after it.
 * <p>Type {@link MessageType#TRADE}. Layout after the 8-byte {@link Flyweight} header (offset, field):
 * <pre>
 *     8 tradeId long
 *    16 product int - product index
 *    20 aggressorSide byte - {@link Codes.Side} of the incoming order
 *    24 priceFen long
 *    32 qty long
 *    40 buyOrderId long
 *    48 sellOrderId long
 *    56 buyer int - participant index
 *    60 seller int - participant index
 *    64 buyClOrdId ascii[24]
 *    88 sellClOrdId ascii[24]
 *   112 buyLeavesQty long
 *   120 sellLeavesQty long
 *   128 buyCumQty long
 *   136 sellCumQty long
 *   144 buyCumNotionalFen long
 *   152 sellCumNotionalFen long
 *   160 buyOrderQty long
 *   168 sellOrderQty long
 *   176 buySessionId int
 *   180 sellSessionId int
 *   184 buyFeeFen long - fee the buyer pays on this fill (maker or taker rate of the product kind)
 *   192 sellFeeFen long - fee the seller pays on this fill
 *   200 crossBorderRecords long - personal-information records this fill sent abroad, counted against
 *                                 the exporter's (the product owner's) calendar-year total; 0 for none
 *   208 buyReservedFen long - cash the buy order still holds reserved after this fill; what it held
 *                             before less this is the filled quantity's reservation, released
 * </pre>
 */
public final class TradeEvent extends Flyweight
{
    public static final int TRADE_ID_OFFSET = 8;
    public static final int PRODUCT_OFFSET = 16;
    public static final int AGGRESSOR_SIDE_OFFSET = 20;
    public static final int PRICE_FEN_OFFSET = 24;
    public static final int QTY_OFFSET = 32;
    public static final int BUY_ORDER_ID_OFFSET = 40;
    public static final int SELL_ORDER_ID_OFFSET = 48;
    public static final int BUYER_OFFSET = 56;
    public static final int SELLER_OFFSET = 60;
    public static final int BUY_CL_ORD_ID_OFFSET = 64;
    public static final int SELL_CL_ORD_ID_OFFSET = 88;
    public static final int BUY_LEAVES_QTY_OFFSET = 112;
    public static final int SELL_LEAVES_QTY_OFFSET = 120;
    public static final int BUY_CUM_QTY_OFFSET = 128;
    public static final int SELL_CUM_QTY_OFFSET = 136;
    public static final int BUY_CUM_NOTIONAL_FEN_OFFSET = 144;
    public static final int SELL_CUM_NOTIONAL_FEN_OFFSET = 152;
    public static final int BUY_ORDER_QTY_OFFSET = 160;
    public static final int SELL_ORDER_QTY_OFFSET = 168;
    public static final int BUY_SESSION_ID_OFFSET = 176;
    public static final int SELL_SESSION_ID_OFFSET = 180;
    public static final int BUY_FEE_FEN_OFFSET = 184;
    public static final int SELL_FEE_FEN_OFFSET = 192;
    public static final int CROSS_BORDER_RECORDS_OFFSET = 200;
    public static final int BUY_RESERVED_FEN_OFFSET = 208;
    public static final int BLOCK_LENGTH = 216;

    @Override
    protected int encodedType()
    {
        return MessageType.TRADE;
    }

    @Override
    public int fixedLength()
    {
        return BLOCK_LENGTH;
    }

    public long tradeId()
    {
        return getLong(TRADE_ID_OFFSET);
    }

    public TradeEvent tradeId(final long value)
    {
        putLong(TRADE_ID_OFFSET, value);
        return this;
    }
    /** product index */
    public int product()
    {
        return getInt(PRODUCT_OFFSET);
    }

    public TradeEvent product(final int value)
    {
        putInt(PRODUCT_OFFSET, value);
        return this;
    }
    /** {@link Codes.Side} of the incoming order */
    public byte aggressorSide()
    {
        return getByte(AGGRESSOR_SIDE_OFFSET);
    }

    public TradeEvent aggressorSide(final byte value)
    {
        putByte(AGGRESSOR_SIDE_OFFSET, value);
        return this;
    }
    public long priceFen()
    {
        return getLong(PRICE_FEN_OFFSET);
    }

    public TradeEvent priceFen(final long value)
    {
        putLong(PRICE_FEN_OFFSET, value);
        return this;
    }
    public long qty()
    {
        return getLong(QTY_OFFSET);
    }

    public TradeEvent qty(final long value)
    {
        putLong(QTY_OFFSET, value);
        return this;
    }
    public long buyOrderId()
    {
        return getLong(BUY_ORDER_ID_OFFSET);
    }

    public TradeEvent buyOrderId(final long value)
    {
        putLong(BUY_ORDER_ID_OFFSET, value);
        return this;
    }
    public long sellOrderId()
    {
        return getLong(SELL_ORDER_ID_OFFSET);
    }

    public TradeEvent sellOrderId(final long value)
    {
        putLong(SELL_ORDER_ID_OFFSET, value);
        return this;
    }
    /** participant index */
    public int buyer()
    {
        return getInt(BUYER_OFFSET);
    }

    public TradeEvent buyer(final int value)
    {
        putInt(BUYER_OFFSET, value);
        return this;
    }
    /** participant index */
    public int seller()
    {
        return getInt(SELLER_OFFSET);
    }

    public TradeEvent seller(final int value)
    {
        putInt(SELLER_OFFSET, value);
        return this;
    }
    public String buyClOrdId()
    {
        return getAscii(BUY_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendBuyClOrdId(final StringBuilder sb)
    {
        return appendAscii(BUY_CL_ORD_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean buyClOrdId(final CharSequence value)
    {
        return putAscii(BUY_CL_ORD_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean buyClOrdId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(BUY_CL_ORD_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int buyClOrdIdLength()
    {
        return asciiLength(BUY_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int buyClOrdIdOffset()
    {
        return offset + BUY_CL_ORD_ID_OFFSET;
    }
    public String sellClOrdId()
    {
        return getAscii(SELL_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    public StringBuilder appendSellClOrdId(final StringBuilder sb)
    {
        return appendAscii(SELL_CL_ORD_ID_OFFSET, CLORDID_LENGTH, sb);
    }

    /** False when the value does not fit the field or is not printable ASCII. */
    public boolean sellClOrdId(final CharSequence value)
    {
        return putAscii(SELL_CL_ORD_ID_OFFSET, CLORDID_LENGTH, value);
    }

    public boolean sellClOrdId(final DirectBuffer src, final int srcOffset, final int srcLength)
    {
        return putAscii(SELL_CL_ORD_ID_OFFSET, CLORDID_LENGTH, src, srcOffset, srcLength);
    }

    public int sellClOrdIdLength()
    {
        return asciiLength(SELL_CL_ORD_ID_OFFSET, CLORDID_LENGTH);
    }

    /** Absolute offset of the field in {@link #buffer()}, for hashing and comparing without copies. */
    public int sellClOrdIdOffset()
    {
        return offset + SELL_CL_ORD_ID_OFFSET;
    }
    public long buyLeavesQty()
    {
        return getLong(BUY_LEAVES_QTY_OFFSET);
    }

    public TradeEvent buyLeavesQty(final long value)
    {
        putLong(BUY_LEAVES_QTY_OFFSET, value);
        return this;
    }
    public long sellLeavesQty()
    {
        return getLong(SELL_LEAVES_QTY_OFFSET);
    }

    public TradeEvent sellLeavesQty(final long value)
    {
        putLong(SELL_LEAVES_QTY_OFFSET, value);
        return this;
    }
    public long buyCumQty()
    {
        return getLong(BUY_CUM_QTY_OFFSET);
    }

    public TradeEvent buyCumQty(final long value)
    {
        putLong(BUY_CUM_QTY_OFFSET, value);
        return this;
    }
    public long sellCumQty()
    {
        return getLong(SELL_CUM_QTY_OFFSET);
    }

    public TradeEvent sellCumQty(final long value)
    {
        putLong(SELL_CUM_QTY_OFFSET, value);
        return this;
    }
    public long buyCumNotionalFen()
    {
        return getLong(BUY_CUM_NOTIONAL_FEN_OFFSET);
    }

    public TradeEvent buyCumNotionalFen(final long value)
    {
        putLong(BUY_CUM_NOTIONAL_FEN_OFFSET, value);
        return this;
    }
    public long sellCumNotionalFen()
    {
        return getLong(SELL_CUM_NOTIONAL_FEN_OFFSET);
    }

    public TradeEvent sellCumNotionalFen(final long value)
    {
        putLong(SELL_CUM_NOTIONAL_FEN_OFFSET, value);
        return this;
    }
    public long buyOrderQty()
    {
        return getLong(BUY_ORDER_QTY_OFFSET);
    }

    public TradeEvent buyOrderQty(final long value)
    {
        putLong(BUY_ORDER_QTY_OFFSET, value);
        return this;
    }
    public long sellOrderQty()
    {
        return getLong(SELL_ORDER_QTY_OFFSET);
    }

    public TradeEvent sellOrderQty(final long value)
    {
        putLong(SELL_ORDER_QTY_OFFSET, value);
        return this;
    }
    public int buySessionId()
    {
        return getInt(BUY_SESSION_ID_OFFSET);
    }

    public TradeEvent buySessionId(final int value)
    {
        putInt(BUY_SESSION_ID_OFFSET, value);
        return this;
    }
    public int sellSessionId()
    {
        return getInt(SELL_SESSION_ID_OFFSET);
    }

    public TradeEvent sellSessionId(final int value)
    {
        putInt(SELL_SESSION_ID_OFFSET, value);
        return this;
    }
    /** fee the buyer pays on this fill (maker or taker rate of the product kind) */
    public long buyFeeFen()
    {
        return getLong(BUY_FEE_FEN_OFFSET);
    }

    public TradeEvent buyFeeFen(final long value)
    {
        putLong(BUY_FEE_FEN_OFFSET, value);
        return this;
    }
    /** fee the seller pays on this fill */
    public long sellFeeFen()
    {
        return getLong(SELL_FEE_FEN_OFFSET);
    }

    public TradeEvent sellFeeFen(final long value)
    {
        putLong(SELL_FEE_FEN_OFFSET, value);
        return this;
    }

    /** personal-information records this fill sent abroad; 0 for none */
    public long crossBorderRecords()
    {
        return getLong(CROSS_BORDER_RECORDS_OFFSET);
    }

    public TradeEvent crossBorderRecords(final long value)
    {
        putLong(CROSS_BORDER_RECORDS_OFFSET, value);
        return this;
    }

    /**
     * Cash the buy order still holds reserved after this fill, as the matcher decided it: what it
     * held before, less this, is the reservation of the filled quantity, released by the fill.
     */
    public long buyReservedFen()
    {
        return getLong(BUY_RESERVED_FEN_OFFSET);
    }

    public TradeEvent buyReservedFen(final long value)
    {
        putLong(BUY_RESERVED_FEN_OFFSET, value);
        return this;
    }
}
