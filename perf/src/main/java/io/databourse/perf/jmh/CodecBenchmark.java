package io.databourse.perf.jmh;

import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.NewOrderCommand;
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
 * Journal-schema codec: encode and decode a NewOrderCommand flyweight over an off-heap buffer.
 * <pre>
 *   fields --encode--> [ 104-byte NewOrderCommand in UnsafeBuffer ] --decode--> fields
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark
{
    private final NewOrderCommand encoder = new NewOrderCommand();
    private final NewOrderCommand decoder = new NewOrderCommand();
    private UnsafeBuffer buffer;
    private long priceFen = 10_000;

    @Setup
    public void setUp()
    {
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        encode();
        if (decoder.wrap(buffer, 0) != decoder || decode() <= 0)
        {
            throw new IllegalStateException("round trip failed");
        }
    }

    @Benchmark
    public int encode()
    {
        encoder.wrapForEncode(buffer, 0, 7);
        encoder.participantId("A17");
        encoder.productId("P1");
        encoder.clOrdId("o1234567");
        encoder.side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.GTC)
            .priceFen(++priceFen).qty(10);
        return encoder.length();
    }

    @Benchmark
    public long decode()
    {
        decoder.wrap(buffer, 0);
        return decoder.priceFen() + decoder.qty() + decoder.side() + decoder.tif() + decoder.participantIdLength()
            + decoder.clOrdIdLength() + decoder.sessionId();
    }
}
