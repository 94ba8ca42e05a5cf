package io.databourse.journal.schema;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eight-bytes-at-a-time identifier check agrees with the byte-by-byte specification on every
 * field: valid ids of each length, and fields built from the bytes at the edges of the printable
 * range (0x00, 0x01, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0xFF) in every position.
 */
class IdValidationTest
{
    private static final byte[] EDGES = {0, 0, 0, 1, 0x20, 0x21, 'a', 'Z', '.', 0x7E, 0x7F, (byte)0x80, (byte)0xFF};
    private static final int[] WIDTHS = {AsciiFields.PARTICIPANT_ID_LENGTH, AsciiFields.CLORDID_LENGTH,
        AsciiFields.PRODUCT_ID_LENGTH, 8, 5};

    @Test
    void agreesWithTheBytewiseSpecificationOnRandomEdgeFields()
    {
        final SplittableRandom random = new SplittableRandom(20261125);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 + 3]);
        int valid = 0;
        for (int n = 0; n < 2_000_000; n++)
        {
            final int width = WIDTHS[random.nextInt(WIDTHS.length)];
            final int offset = random.nextInt(4); // unaligned as well
            final int idLength = random.nextInt(width + 1);
            for (int i = 0; i < width; i++)
            {
                final byte printable = (byte)(0x21 + random.nextInt(0x7E - 0x21 + 1));
                // mostly well-formed (printable then zeros), with an edge byte planted now and then
                byte b = i < idLength ? printable : 0;
                if (random.nextInt(4) == 0)
                {
                    b = EDGES[random.nextInt(EDGES.length)];
                }
                buffer.putByte(offset + i, b);
            }
            final boolean expected = AsciiFields.isValidIdBytewise(buffer, offset, width);
            assertEquals(expected, AsciiFields.isValidId(buffer, offset, width), () -> describe(buffer, offset, width));
            valid += expected ? 1 : 0;
        }
        assertTrue(valid > 100_000, "the sample holds valid ids too: " + valid);
    }

    @Test
    void namedCases()
    {
        assertTrue(check("A"));
        assertTrue(check("order-1.2"));
        assertTrue(check("x".repeat(AsciiFields.CLORDID_LENGTH)));
        assertTrue(check("!~"));
        assertFalse(check(""));
        assertFalse(check("a b"));
        assertFalse(check("tab\t"));
        assertFalse(check("del\u007f"));
        assertFalse(check("\u0080"));
        // a gap of padding, then characters again
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AsciiFields.CLORDID_LENGTH]);
        buffer.putByte(0, (byte)'a');
        buffer.putByte(AsciiFields.CLORDID_LENGTH - 1, (byte)'b');
        assertFalse(AsciiFields.isValidId(buffer, 0, AsciiFields.CLORDID_LENGTH));
        buffer.putByte(AsciiFields.CLORDID_LENGTH - 1, (byte)0);
        buffer.putByte(9, (byte)'b');
        assertFalse(AsciiFields.isValidId(buffer, 0, AsciiFields.CLORDID_LENGTH));
    }

    /** A note may be empty and hold spaces; an optional id may be empty; neither has bytes after its padding. */
    @Test
    void notesAndOptionalIds()
    {
        final int width = AsciiFields.NOTE_LENGTH;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[width]);
        assertTrue(AsciiFields.isValidText(buffer, 0, width));
        assertTrue(AsciiFields.isEmptyOrValidId(buffer, 0, width));
        buffer.putStringWithoutLengthAscii(0, "alert A-7");
        assertTrue(AsciiFields.isValidText(buffer, 0, width));
        assertFalse(AsciiFields.isEmptyOrValidId(buffer, 0, width), "an id has no spaces");
        buffer.putByte(width - 1, (byte)'x');
        assertFalse(AsciiFields.isValidText(buffer, 0, width), "a character after the padding");
        buffer.setMemory(0, width, (byte)0);
        buffer.putByte(width - 1, (byte)'x');
        assertFalse(AsciiFields.isEmptyOrValidId(buffer, 0, width), "an empty id is all zero");
        assertFalse(AsciiFields.isValidText(buffer, 0, width));
        buffer.setMemory(0, width, (byte)0);
        buffer.putByte(0, (byte)'\n');
        assertFalse(AsciiFields.isValidText(buffer, 0, width));
        buffer.putByte(0, (byte)0x80);
        assertFalse(AsciiFields.isValidText(buffer, 0, width));
        buffer.putStringWithoutLengthAscii(0, "ID-1");
        assertTrue(AsciiFields.isEmptyOrValidId(buffer, 0, width));
    }

    private static boolean check(final String id)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[AsciiFields.CLORDID_LENGTH]);
        for (int i = 0; i < id.length(); i++)
        {
            buffer.putByte(i, (byte)id.charAt(i));
        }
        return AsciiFields.isValidId(buffer, 0, AsciiFields.CLORDID_LENGTH);
    }

    private static String describe(final UnsafeBuffer buffer, final int offset, final int width)
    {
        final StringBuilder sb = new StringBuilder("field:");
        for (int i = 0; i < width; i++)
        {
            sb.append(String.format(" %02x", buffer.getByte(offset + i) & 0xFF));
        }
        return sb.toString();
    }
}
