package io.databourse.matcher.ref;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The index answers like a map from id to registration order, for 16-byte keys (participants: the
 * unrolled lookup) and 32-byte keys (products: the general one), present and absent ids alike, with
 * ids that share their first or last eight bytes, and refuses a key that runs past its buffer. A
 * guessed index changes how fast the answer comes, never the answer.
 */
class AsciiKeyIndexTest
{
    @Test
    void answersLikeAMapForBothKeyWidths()
    {
        for (final int width : new int[] {16, 32})
        {
            final SplittableRandom random = new SplittableRandom(width);
            final AsciiKeyIndex index = new AsciiKeyIndex(width, 3_000);
            final Map<String, Integer> reference = new HashMap<>();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[width]);
            for (int n = 0; n < 3_000; n++)
            {
                final String id = id(random, width);
                put(buffer, id);
                if (!reference.containsKey(id))
                {
                    assertEquals(-1, index.get(buffer, 0));
                    final int added = index.add(buffer, 0);
                    assertEquals(reference.size(), added);
                    reference.put(id, added);
                }
            }
            for (final Map.Entry<String, Integer> e : reference.entrySet())
            {
                put(buffer, e.getKey());
                assertEquals(e.getValue().intValue(), index.get(buffer, 0), e.getKey());
            }
            for (int n = 0; n < 20_000; n++)
            {
                final String id = id(random, width);
                put(buffer, id);
                assertEquals(reference.getOrDefault(id, -1).intValue(), index.get(buffer, 0), id);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> index.get(buffer, 1));
        }
    }

    @Test
    void aGuessedIndexNeverChangesTheAnswer()
    {
        for (final int width : new int[] {16, 32})
        {
            final SplittableRandom random = new SplittableRandom(7 + width);
            final AsciiKeyIndex index = new AsciiKeyIndex(width, 500);
            final Map<String, Integer> reference = new HashMap<>();
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[width]);
            for (int n = 0; n < 400; n++)
            {
                final String id = id(random, width);
                put(buffer, id);
                if (!reference.containsKey(id))
                {
                    reference.put(id, index.add(buffer, 0));
                }
            }
            final int size = index.size();
            for (int n = 0; n < 50_000; n++)
            {
                final String id = id(random, width);
                put(buffer, id);
                final int expected = reference.getOrDefault(id, -1);
                // right, wrong, negative, past the last index and past the capacity
                final int guess = switch (random.nextInt(5))
                {
                    case 0 -> expected;
                    case 1 -> random.nextInt(size);
                    case 2 -> -1 - random.nextInt(3);
                    case 3 -> size + random.nextInt(100);
                    default -> 500 + random.nextInt(1 << 20);
                };
                assertEquals(expected, index.get(buffer, 0, guess), id + " guessing " + guess);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> index.get(buffer, 1, 0));
        }
    }

    @Test
    void aGuessIsNotTakenForAnIndexNotYetAdded()
    {
        final AsciiKeyIndex index = new AsciiKeyIndex(16, 4);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        put(buffer, "P1");
        index.add(buffer, 0);
        // an all-zero key read against index 1's unused (zero) words must not match it
        buffer.setMemory(0, 16, (byte)0);
        assertEquals(-1, index.get(buffer, 0, 1));
        assertEquals(-1, index.get(buffer, 0, 3));
        put(buffer, "P1");
        assertEquals(0, index.get(buffer, 0, 1));
    }

    /** Ids of 1..width printable characters from a small alphabet, so that many share long prefixes. */
    private static String id(final SplittableRandom random, final int width)
    {
        final int length = random.nextInt(4) == 0 ? 1 + random.nextInt(width) : 8 + random.nextInt(Math.min(9, width - 7));
        final StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            sb.append(i < 6 ? 'P' : (char)('a' + random.nextInt(3)));
        }
        return sb.toString();
    }

    private static void put(final UnsafeBuffer buffer, final String id)
    {
        buffer.setMemory(0, buffer.capacity(), (byte)0);
        buffer.putStringWithoutLengthAscii(0, id);
    }
}
