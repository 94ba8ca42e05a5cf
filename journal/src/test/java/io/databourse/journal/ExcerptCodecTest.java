package io.databourse.journal;

import io.databourse.journal.queue.ExcerptCodec;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.UnsafeApi;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Packed excerpts unpack to exactly the records packed, the format is as documented, and damage is refused. */
class ExcerptCodecTest
{
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private static byte[] pack(final byte[] records)
    {
        final byte[] packed = new byte[ExcerptCodec.maxPackedLength(records.length)];
        final int n = ExcerptCodec.pack(records, 0, records.length, packed, 0);
        return Arrays.copyOf(packed, n);
    }

    private static byte[] unpack(final byte[] packed)
    {
        final byte[] out = new byte[ExcerptCodec.unpackedLength(packed, ARRAY_BASE, packed.length) + 8];
        final int n = ExcerptCodec.unpack(packed, ARRAY_BASE, packed.length, out);
        return Arrays.copyOf(out, n);
    }

    @Test
    void everyLengthAndMixOfBytesRoundTrips()
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (int length = 0; length <= 300; length++)
        {
            for (int density = 0; density <= 8; density += 2)
            {
                final byte[] records = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    // density/8 of the bytes non-zero: from all zeros to no zero byte at all
                    records[i] = random.nextInt(8) < density ? (byte)(1 + random.nextInt(255)) : 0;
                }
                final byte[] packed = pack(records);
                assertTrue(packed.length <= ExcerptCodec.maxPackedLength(length) - 8, "packed within the bound");
                assertArrayEquals(records, unpack(packed), "length " + length + " density " + density);
            }
        }
    }

    @Test
    void packsFromAnOffsetAndUnpacksFromNativeMemory()
    {
        final byte[] source = new byte[100];
        for (int i = 0; i < source.length; i++)
        {
            source[i] = (byte)(i % 3 == 0 ? i : 0);
        }
        final byte[] packed = new byte[ExcerptCodec.maxPackedLength(37) + 11];
        final int n = ExcerptCodec.pack(source, 13, 37, packed, 11);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(n));
        direct.putBytes(0, packed, 11, n);
        final byte[] out = new byte[64];
        assertEquals(37, ExcerptCodec.unpack(null, direct.addressOffset(), n, out));
        assertArrayEquals(Arrays.copyOfRange(source, 13, 50), Arrays.copyOf(out, 37));
    }

    @Test
    void layoutIsAsDocumented()
    {
        final ByteBuffer words = ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        words.putLong(0x0201L).putLong(0).putInt(0x7F);
        final byte[] packed = pack(words.array());
        assertArrayEquals(new byte[] {
            ExcerptCodec.FORMAT_PACKED, 20, 0, 0, 0,    // format, unpacked length (LE)
            0x02, 0x01,                                 // lengths: word 0 = 2, word 1 = 0 | word 2 = 1
            0x01, 0x02, 0x7F                            // the significant bytes
        }, packed);
    }

    @Test
    void aReplaceAndItsEventWithLongIdsPackToUnderThreeFifths()
    {
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        final ReplaceCommandEncoder c = Codecs.encode(new ReplaceCommandEncoder(), command, 0, 3);
        c.participantId("ACCT000417").clOrdId("M00000001234567").origClOrdId("M00000001234566");
        c.orderId(1_234_567).priceFen(99_951).qty(12);
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(256);
        final OrderEventEncoder e = Codecs.encode(new OrderEventEncoder(), events, 0, 3, MessageType.ORDER_REPLACED);
        e.orderId(1_234_567).participant(417).product(1).priceFen(99_951).orderQty(12).leavesQty(12);
        e.clOrdId("M00000001234567").origClOrdId("M00000001234566");
        final ExpandableArrayBuffer record = new ExpandableArrayBuffer(512);
        final int length = JournalRecord.encode(record, 0, 2_345_678, 1_764_000_000_000_000_000L, command, 0, ReplaceCommandEncoder.BLOCK_LENGTH,
            events, 0, OrderEventEncoder.BLOCK_LENGTH, 1);
        final byte[] records = Arrays.copyOf(record.byteArray(), length);

        final byte[] packed = pack(records);

        assertArrayEquals(records, unpack(packed));
        // 15-character ids fill their words; the exchange-core mix's shorter ones pack to 36 %
        assertTrue(packed.length * 5 < length * 3, packed.length + " packed bytes for a " + length + "-byte record");
    }

    @Test
    void damagedExcerptsAreRefusedByName()
    {
        final byte[] records = new byte[64];
        Arrays.fill(records, (byte)7);
        final byte[] packed = pack(records);

        final byte[] otherFormat = packed.clone();
        otherFormat[0] = 1;
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(otherFormat)).getMessage().contains("format 1"));

        final byte[] beforeReservations = packed.clone();
        beforeReservations[0] = ExcerptCodec.FORMAT_PACKED_BEFORE_RESERVATIONS;
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(beforeReservations)).getMessage()
            .contains("before order and trade events carried the matcher's buy reservations"));

        final byte[] beforeDraws = packed.clone();
        beforeDraws[0] = ExcerptCodec.FORMAT_PACKED_BEFORE_DRAWS;
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(beforeDraws)).getMessage()
            .contains("before the matcher journaled the entitlements each usage report and resale draws"));

        final byte[] beforeCrossBorderYear = packed.clone();
        beforeCrossBorderYear[0] = ExcerptCodec.FORMAT_PACKED_BEFORE_CROSS_BORDER_YEAR;
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(beforeCrossBorderYear)).getMessage()
            .contains("before trade events carried the calendar year of their cross-border records"));

        final byte[] truncated = Arrays.copyOf(packed, packed.length - 1);
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(truncated)).getMessage().contains("runs past"));

        final byte[] trailing = Arrays.copyOf(packed, packed.length + 1);
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(trailing)).getMessage().contains("after its"));

        final byte[] badLength = packed.clone();
        badLength[ExcerptCodec.HEADER_LENGTH] = (byte)0x9F; // word 0 claims 15 bytes
        assertTrue(assertThrows(IllegalStateException.class, () -> unpack(badLength)).getMessage().contains("length 15"));

        final byte[] header = {ExcerptCodec.FORMAT_PACKED, 1, 0};
        assertThrows(IllegalStateException.class, () -> unpack(header));

        // a declared length the excerpt cannot hold is refused before anything is sized by it
        final byte[] overstated = packed.clone();
        overstated[4] = 0x40; // 1 GiB and more
        assertTrue(assertThrows(IllegalStateException.class,
            () -> ExcerptCodec.unpackedLength(overstated, ARRAY_BASE, overstated.length)).getMessage().contains("cannot hold"));
    }
}
