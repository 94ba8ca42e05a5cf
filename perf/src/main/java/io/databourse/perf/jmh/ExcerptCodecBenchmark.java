package io.databourse.perf.jmh;

import io.databourse.journal.queue.ExcerptCodec;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.UnsafeApi;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The journal's excerpt packing, one record: a replace and its ORDER_REPLACED event as the
 * exchange-core mix journals them (ids as the bench tape writes them: "A417", "123456.7").
 * <pre>
 *   [ 248-byte JournalRecord ] --pack--> [ ~90 packed bytes ] --unpack--> [ 248 bytes ]
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExcerptCodecBenchmark
{
    private static final long ARRAY_BASE = UnsafeApi.arrayBaseOffset(byte[].class);

    private byte[] record;
    private byte[] packed;
    private int packedLength;
    private byte[] unpacked;

    @Setup
    public void setUp()
    {
        final ExpandableArrayBuffer command = new ExpandableArrayBuffer(256);
        Codecs.encode(new ReplaceCommandEncoder(), command, 0, 3).participantId("A417").clOrdId("123456.7")
            .origClOrdId("123456.6").orderId(123_456).priceFen(99_951).qty(12);
        final ExpandableArrayBuffer events = new ExpandableArrayBuffer(256);
        Codecs.encode(new OrderEventEncoder(), events, 0, 3, MessageType.ORDER_REPLACED).orderId(123_456).participant(417)
            .product(1).priceFen(99_951).orderQty(12).leavesQty(12).clOrdId("123456.7").origClOrdId("123456.6");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
        final int length = JournalRecord.encode(buffer, 0, 2_345_678, 1_764_000_000_123_456_789L, command, 0,
            ReplaceCommandEncoder.BLOCK_LENGTH, events, 0, OrderEventEncoder.BLOCK_LENGTH, 1);
        record = Arrays.copyOf(buffer.byteArray(), length);
        packed = new byte[ExcerptCodec.maxPackedLength(length)];
        unpacked = new byte[length + 8];
        packedLength = pack();
        if (unpack() != length || !Arrays.equals(record, Arrays.copyOf(unpacked, length)))
        {
            throw new IllegalStateException("round trip failed");
        }
    }

    @Benchmark
    public int pack()
    {
        return ExcerptCodec.pack(record, 0, record.length, packed, 0);
    }

    @Benchmark
    public int unpack()
    {
        return ExcerptCodec.unpack(packed, ARRAY_BASE, packedLength, unpacked);
    }
}
