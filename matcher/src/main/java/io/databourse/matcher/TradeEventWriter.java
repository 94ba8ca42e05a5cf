package io.databourse.matcher;

import io.databourse.journal.sbe.RecordHeaderEncoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import org.agrona.MutableDirectBuffer;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Encodes a trade event ({@link TradeEventEncoder}'s layout, the generated offsets) for the matcher's
 * fill step: bounds are checked once when wrapped, then each field is one store at the address read
 * then, where the generated setters check bounds on every field. The setters are named as the
 * generated encoder's; the same bytes ({@code TradeEventWriterTest}).
 */
final class TradeEventWriter
{
    static final int BLOCK_LENGTH = TradeEventEncoder.BLOCK_LENGTH;
    private static final int HEADER = TradeEventEncoder.headerEncodingOffset();
    private static final boolean NATIVE_IS_SCHEMA_ORDER = ByteOrder.nativeOrder() == TradeEventEncoder.BYTE_ORDER;

    private MutableDirectBuffer buffer;
    private byte[] array;
    private int offset;
    private long address;

    /**
     * Wraps at {@code offset} and writes a fresh header (type trade, the block's length, {@code sessionId}),
     * zeroing the rest of the block: a field left unset is zero.
     *
     * @throws IndexOutOfBoundsException when the buffer does not hold the event at {@code offset}
     */
    TradeEventWriter wrap(final MutableDirectBuffer buffer, final int offset, final int sessionId)
    {
        buffer.boundsCheck(offset, BLOCK_LENGTH);
        // references are stored only when they change: a GC write barrier each, on every fill otherwise
        if (this.buffer != buffer)
        {
            this.buffer = buffer;
        }
        final byte[] bytes = buffer.byteArray();
        if (this.array != bytes)
        {
            this.array = bytes;
        }
        this.offset = offset;
        this.address = buffer.addressOffset() + offset;
        UnsafeApi.setMemory(bytes, address, BLOCK_LENGTH, (byte)0);
        putShort(HEADER + RecordHeaderEncoder.lengthEncodingOffset(), (short)BLOCK_LENGTH);
        putShort(HEADER + RecordHeaderEncoder.typeEncodingOffset(), (short)TradeEventEncoder.TEMPLATE_ID);
        putInt(HEADER + RecordHeaderEncoder.sessionIdEncodingOffset(), sessionId);
        return this;
    }

    MutableDirectBuffer buffer()
    {
        return buffer;
    }

    int offset()
    {
        return offset;
    }

    /** Absolute offset of the buyer's clOrdId in {@link #buffer()}, for copying the order's id in. */
    int buyClOrdIdOffset()
    {
        return offset + TradeEventEncoder.buyClOrdIdEncodingOffset();
    }

    /** Absolute offset of the seller's clOrdId in {@link #buffer()}. */
    int sellClOrdIdOffset()
    {
        return offset + TradeEventEncoder.sellClOrdIdEncodingOffset();
    }

    TradeEventWriter tradeId(final long value)
    {
        putLong(TradeEventEncoder.tradeIdEncodingOffset(), value);
        return this;
    }

    TradeEventWriter product(final int value)
    {
        putInt(TradeEventEncoder.productEncodingOffset(), value);
        return this;
    }

    TradeEventWriter aggressorSide(final byte value)
    {
        UnsafeApi.putByte(array, address + TradeEventEncoder.aggressorSideEncodingOffset(), value);
        return this;
    }

    TradeEventWriter priceFen(final long value)
    {
        putLong(TradeEventEncoder.priceFenEncodingOffset(), value);
        return this;
    }

    TradeEventWriter qty(final long value)
    {
        putLong(TradeEventEncoder.qtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyOrderId(final long value)
    {
        putLong(TradeEventEncoder.buyOrderIdEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellOrderId(final long value)
    {
        putLong(TradeEventEncoder.sellOrderIdEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyer(final int value)
    {
        putInt(TradeEventEncoder.buyerEncodingOffset(), value);
        return this;
    }

    TradeEventWriter seller(final int value)
    {
        putInt(TradeEventEncoder.sellerEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyLeavesQty(final long value)
    {
        putLong(TradeEventEncoder.buyLeavesQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellLeavesQty(final long value)
    {
        putLong(TradeEventEncoder.sellLeavesQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyCumQty(final long value)
    {
        putLong(TradeEventEncoder.buyCumQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellCumQty(final long value)
    {
        putLong(TradeEventEncoder.sellCumQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyCumNotionalFen(final long value)
    {
        putLong(TradeEventEncoder.buyCumNotionalFenEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellCumNotionalFen(final long value)
    {
        putLong(TradeEventEncoder.sellCumNotionalFenEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyOrderQty(final long value)
    {
        putLong(TradeEventEncoder.buyOrderQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellOrderQty(final long value)
    {
        putLong(TradeEventEncoder.sellOrderQtyEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buySessionId(final int value)
    {
        putInt(TradeEventEncoder.buySessionIdEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellSessionId(final int value)
    {
        putInt(TradeEventEncoder.sellSessionIdEncodingOffset(), value);
        return this;
    }

    TradeEventWriter buyFeeFen(final long value)
    {
        putLong(TradeEventEncoder.buyFeeFenEncodingOffset(), value);
        return this;
    }

    TradeEventWriter sellFeeFen(final long value)
    {
        putLong(TradeEventEncoder.sellFeeFenEncodingOffset(), value);
        return this;
    }

    TradeEventWriter crossBorderRecords(final long value)
    {
        putLong(TradeEventEncoder.crossBorderRecordsEncodingOffset(), value);
        return this;
    }

    TradeEventWriter crossBorderYear(final int value)
    {
        putShort(TradeEventEncoder.crossBorderYearEncodingOffset(), (short)value);
        return this;
    }

    TradeEventWriter buyReservedFen(final long value)
    {
        putLong(TradeEventEncoder.buyReservedFenEncodingOffset(), value);
        return this;
    }

    private void putShort(final int fieldOffset, final short value)
    {
        UnsafeApi.putShort(array, address + fieldOffset, NATIVE_IS_SCHEMA_ORDER ? value : Short.reverseBytes(value));
    }

    private void putInt(final int fieldOffset, final int value)
    {
        UnsafeApi.putInt(array, address + fieldOffset, NATIVE_IS_SCHEMA_ORDER ? value : Integer.reverseBytes(value));
    }

    private void putLong(final int fieldOffset, final long value)
    {
        UnsafeApi.putLong(array, address + fieldOffset, NATIVE_IS_SCHEMA_ORDER ? value : Long.reverseBytes(value));
    }
}
