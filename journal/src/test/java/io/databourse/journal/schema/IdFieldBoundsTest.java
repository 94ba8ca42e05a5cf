package io.databourse.journal.schema;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The id check reads a field as words after one bounds check: a field past the buffer is still
 * refused. (The codecs' own bounds: {@link CodecsTest}.)
 */
class IdFieldBoundsTest
{
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
