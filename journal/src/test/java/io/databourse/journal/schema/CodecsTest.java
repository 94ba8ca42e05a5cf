package io.databourse.journal.schema;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ReplaceCommandDecoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link Codecs} wraps the generated codecs over a message as the journal holds it: a message that
 * does not fit is refused at the wrap (leaving the buffer untouched), an expandable buffer grows
 * first, and fields land where the journal format puts them (little-endian, after the 8-byte
 * record header), on heap and off heap alike.
 */
class CodecsTest
{
    @Test
    void refusesToWrapAMessageThatDoesNotFitTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ReplaceCommandDecoder.BLOCK_LENGTH + 8]);
        final ReplaceCommandDecoder replace = new ReplaceCommandDecoder();
        Codecs.wrap(replace, buffer, 8); // exactly fits
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.wrap(replace, buffer, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.wrap(replace, buffer, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.encode(new ReplaceCommandEncoder(), buffer, 9, 1));
        assertThrows(IndexOutOfBoundsException.class, () ->
            Codecs.wrap(new OrderEventDecoder(), new UnsafeBuffer(new byte[OrderEventDecoder.BLOCK_LENGTH - 1]), 0));
    }

    @Test
    void aRefusedEncodeLeavesTheBufferUntouched()
    {
        final byte[] bytes = new byte[ReplaceCommandEncoder.BLOCK_LENGTH];
        Arrays.fill(bytes, (byte)0x5A);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertThrows(IndexOutOfBoundsException.class, () -> Codecs.encode(new ReplaceCommandEncoder(), buffer, 1, 7));
        for (final byte b : bytes)
        {
            assertEquals(0x5A, b);
        }
    }

    @Test
    void fieldsAreLittleEndianAtTheirOffsetsOnHeapAndOffHeap()
    {
        final UnsafeBuffer onHeap = new UnsafeBuffer(new byte[256]);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        for (final UnsafeBuffer buffer : new UnsafeBuffer[] {onHeap, offHeap})
        {
            buffer.setMemory(0, buffer.capacity(), (byte)0x33); // encode zeroes what it does not set
            final ReplaceCommandEncoder replace = Codecs.encode(new ReplaceCommandEncoder(), buffer, 13, 77);
            replace.orderId(0x0102030405060708L).priceFen(123_456_789L).qty(42);
            assertTrue(AsciiFields.putId(buffer, replace.offset() + ReplaceCommandEncoder.clOrdIdEncodingOffset(),
                ReplaceCommandEncoder.clOrdIdLength(), "C-1"));

            assertEquals(ReplaceCommandEncoder.BLOCK_LENGTH, buffer.getShort(13, ByteOrder.LITTLE_ENDIAN));
            assertEquals(MessageType.REPLACE, buffer.getShort(13 + 2, ByteOrder.LITTLE_ENDIAN));
            assertEquals(77, buffer.getInt(13 + 4, ByteOrder.LITTLE_ENDIAN));
            assertEquals(0x0102030405060708L, buffer.getLong(13 + 72, ByteOrder.LITTLE_ENDIAN));
            assertEquals(123_456_789L, buffer.getLong(13 + 80, ByteOrder.LITTLE_ENDIAN));
            assertEquals(0, buffer.getLong(13 + 48)); // origClOrdId left unset

            final ReplaceCommandDecoder read = Codecs.wrap(new ReplaceCommandDecoder(), buffer, 13);
            assertEquals(77, read.header().sessionId());
            assertEquals(MessageType.REPLACE, read.header().type());
            assertEquals(0x0102030405060708L, read.orderId());
            assertEquals(42, read.qty());
            assertEquals("C-1", read.clOrdId());
            assertEquals("", read.origClOrdId());
        }
    }

    @Test
    void encodingIntoAnExpandableBufferGrowsItBeforeTheFieldsAreWritten()
    {
        final ExpandableArrayBuffer onHeap = new ExpandableArrayBuffer(16);
        final ExpandableDirectByteBuffer offHeap = new ExpandableDirectByteBuffer(16);
        for (final MutableDirectBuffer buffer : new MutableDirectBuffer[] {onHeap, offHeap})
        {
            Codecs.encode(new OrderEventEncoder(), buffer, 4, 3, MessageType.ORDER_CANCELLED)
                .orderId(99).priceFen(5_000).leavesQty(7);
            assertTrue(buffer.capacity() >= 4 + OrderEventEncoder.BLOCK_LENGTH);

            final OrderEventDecoder read = Codecs.wrap(new OrderEventDecoder(), buffer, 4);
            assertEquals(99, read.orderId());
            assertEquals(5_000, read.priceFen());
            assertEquals(7, read.leavesQty());
            assertEquals(OrderEventDecoder.BLOCK_LENGTH, read.header().length());
            assertEquals(MessageType.ORDER_CANCELLED, read.header().type());
        }
    }
}
