package io.databourse.journal.schema;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableDirectByteBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flyweights check a message's bounds once, when wrapped, and then access its fields directly:
 * a message that does not fit is refused at the wrap, and fields land where the buffer's own
 * accessors (and the journal format: little-endian) put them, on heap and off heap alike.
 */
class FlyweightBoundsTest
{
    @Test
    void refusesToWrapAMessageThatDoesNotFitTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ReplaceCommand.BLOCK_LENGTH + 8]);
        final ReplaceCommand replace = new ReplaceCommand();
        replace.wrap(buffer, 8); // exactly fits
        assertThrows(IndexOutOfBoundsException.class, () -> replace.wrap(buffer, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> replace.wrap(buffer, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> replace.wrapForEncode(buffer, 9, 1));
        assertThrows(IndexOutOfBoundsException.class,
            () -> new OrderEvent().wrap(new UnsafeBuffer(new byte[OrderEvent.BLOCK_LENGTH - 1]), 0));
    }

    @Test
    void aRefusedWrapLeavesTheBufferUntouched()
    {
        final byte[] bytes = new byte[ReplaceCommand.BLOCK_LENGTH];
        java.util.Arrays.fill(bytes, (byte)0x5A);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        assertThrows(IndexOutOfBoundsException.class, () -> new ReplaceCommand().wrapForEncode(buffer, 1, 7));
        for (final byte b : bytes)
        {
            assertEquals(0x5A, b);
        }
        final byte[] events = new byte[OrderEvent.BLOCK_LENGTH + 7];
        java.util.Arrays.fill(events, (byte)0x5A);
        assertThrows(IndexOutOfBoundsException.class, () -> new OrderEvent().encode(new UnsafeBuffer(events), 8, 1,
            MessageType.ORDER_ACCEPTED, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16));
        for (final byte b : events)
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
            final ReplaceCommand replace = new ReplaceCommand();
            replace.wrapForEncode(buffer, 13, 77);
            replace.orderId(0x0102030405060708L).priceFen(123_456_789L).qty(42);
            assertTrue(replace.clOrdId("C-1"));

            assertEquals(ReplaceCommand.BLOCK_LENGTH, buffer.getShort(13 + RecordHeader.LENGTH_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(MessageType.REPLACE, buffer.getShort(13 + RecordHeader.TYPE_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(77, buffer.getInt(13 + RecordHeader.SESSION_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(0x0102030405060708L, buffer.getLong(13 + ReplaceCommand.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN));
            assertEquals(123_456_789L, buffer.getLong(13 + ReplaceCommand.PRICE_FEN_OFFSET, ByteOrder.LITTLE_ENDIAN));

            final ReplaceCommand read = new ReplaceCommand();
            read.wrap(buffer, 13);
            assertEquals(77, read.sessionId());
            assertEquals(MessageType.REPLACE, read.type());
            assertEquals(0x0102030405060708L, read.orderId());
            assertEquals(42, read.qty());
            assertEquals("C-1", read.clOrdId());
        }
    }

    @Test
    void encodingIntoAnExpandableBufferGrowsItBeforeTheFieldsAreWritten()
    {
        final ExpandableArrayBuffer onHeap = new ExpandableArrayBuffer(16);
        final ExpandableDirectByteBuffer offHeap = new ExpandableDirectByteBuffer(16);
        for (final org.agrona.MutableDirectBuffer buffer : new org.agrona.MutableDirectBuffer[] {onHeap, offHeap})
        {
            final OrderEvent event = new OrderEvent();
            event.wrapForEncode(buffer, 4, 3);
            event.orderId(99).priceFen(5_000).leavesQty(7);
            assertTrue(buffer.capacity() >= 4 + OrderEvent.BLOCK_LENGTH);

            final OrderEvent read = new OrderEvent();
            read.wrap(buffer, 4);
            assertEquals(99, read.orderId());
            assertEquals(5_000, read.priceFen());
            assertEquals(7, read.leavesQty());
            assertEquals(OrderEvent.BLOCK_LENGTH, RecordHeader.lengthAt(buffer, 4));
        }
    }

    @Test
    void idFieldChecksStillRefuseAFieldPastTheBuffer()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AsciiFields.CLORDID_LENGTH]);
        buffer.putByte(0, (byte)'A');
        assertTrue(AsciiFields.isValidId(buffer, 0, AsciiFields.CLORDID_LENGTH));
        assertThrows(IndexOutOfBoundsException.class, () -> AsciiFields.isValidId(buffer, 8, AsciiFields.CLORDID_LENGTH));
        assertFalse(AsciiFields.isValidId(new UnsafeBuffer(new byte[AsciiFields.CLORDID_LENGTH]), 0, AsciiFields.CLORDID_LENGTH));
    }
}
