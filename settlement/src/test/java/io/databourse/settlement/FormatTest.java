package io.databourse.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import io.databourse.settlement.ref.Format;
import org.junit.jupiter.api.Test;

class FormatTest
{
    @Test
    void appendTimeWritesWhatInstantToStringWrites()
    {
        final long seed = System.nanoTime();
        final Random random = new Random(seed);
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            // Within the long-ns range (about 1677..2262), with every kind of fraction.
            final long second = Math.floorMod(random.nextLong(), 18_000_000_000L) - 9_000_000_000L;
            final int nanos;
            switch (i % 4)
            {
                case 0: nanos = 0; break;
                case 1: nanos = random.nextInt(1_000) * 1_000_000; break;
                case 2: nanos = random.nextInt(1_000_000) * 1_000; break;
                default: nanos = random.nextInt(1_000_000_000); break;
            }
            final long epochNs = second * 1_000_000_000L + nanos;
            sb.setLength(0);
            Format.appendTime(sb, epochNs);
            assertEquals(Format.time(epochNs), sb.toString(), "seed " + seed + " ns " + epochNs);
        }
        sb.setLength(0);
        assertEquals("2026-03-01T10:00:00Z", Format.appendTime(sb, 1_772_359_200_000_000_000L).toString());
    }

    @Test
    void yuanHasTwoDecimals()
    {
        assertEquals("12.34", Format.yuan(1_234));
        assertEquals("0.05", Format.yuan(5));
        assertEquals("-0.05", Format.yuan(-5));
        assertEquals("5000000.00", Format.yuan(500_000_000L));
        assertEquals("0.4000", Format.bpsFraction(4_000));
        assertEquals("0.0005", Format.bpsFraction(5));
    }
}
