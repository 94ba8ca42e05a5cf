package io.databourse.perf.jmh;

import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.schema.AsciiFields;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Journal-schema codec: encode and decode a NewOrderCommand with the generated codecs over an off-heap buffer.
 * <pre>
 *   fields --encode--> [ 104-byte NewOrderCommand in UnsafeBuffer ] --decode--> fields
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark
{
    private final NewOrderCommandEncoder encoder = new NewOrderCommandEncoder();
    private final NewOrderCommandDecoder decoder = new NewOrderCommandDecoder();
    private UnsafeBuffer buffer;
    private long priceFen = 10_000;

    @Setup
    public void setUp()
    {
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        encode();
        if (Codecs.wrap(decoder, buffer, 0) != decoder || decode() <= 0)
        {
            throw new IllegalStateException("round trip failed");
        }
    }

    @Benchmark
    public int encode()
    {
        Codecs.encode(encoder, buffer, 0, 7).participantId("A17").productId("P1").clOrdId("o1234567")
            .side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.GTC).priceFen(++priceFen).qty(10);
        return encoder.encodedLength();
    }

    @Benchmark
    public long decode()
    {
        final NewOrderCommandDecoder d = Codecs.wrap(decoder, buffer, 0);
        return d.priceFen() + d.qty() + d.side() + d.tif() +
            AsciiFields.length(buffer, d.offset() + NewOrderCommandDecoder.participantIdEncodingOffset(),
                NewOrderCommandDecoder.participantIdLength()) +
            AsciiFields.length(buffer, d.offset() + NewOrderCommandDecoder.clOrdIdEncodingOffset(),
                NewOrderCommandDecoder.clOrdIdLength()) + d.header().sessionId();
    }
}
