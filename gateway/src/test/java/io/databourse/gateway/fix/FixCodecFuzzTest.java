package io.databourse.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the FIX codec in process: framer, parser and dictionary validation, over seeded mutations
 * of every message a trading session sends ({@link FixMutator}: fields dropped, repeated, renumbered,
 * boundary and overlong values, lying group counts, wrong BodyLength or CheckSum, cut or doubled
 * frames, garbage). Whatever the bytes, each layer answers with a status, never an exception, and
 * a frame never reaches past the end of the bytes. {@code -Dfuzz.codec.inputs=N} (CI 50,000;
 * {@code bin/campaign fuzz} 2,000,000), {@code -Dfuzz.seed}. Any input that breaks it is printed in
 * hex: add it to {@link FixCodecTest} as a test.
 */
class FixCodecFuzzTest
{
    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void noInputBreaksTheFramerParserOrValidator() throws Exception
    {
        final long inputs = Long.getLong("fuzz.codec.inputs", 50_000);
        final long seed = Long.getLong("fuzz.seed", System.nanoTime());
        final FixMutator mutator = new FixMutator(seed, FixMutator.tradingSeeds("DATA.TRAFFIC.API"));
        final FixFramer framer = new FixFramer(16 * 1024);
        final FixMessage message = new FixMessage(1024);
        final FixValidator validator = new FixValidator(FixDictionary.fix44(), 1024);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        long frames = 0;
        long valid = 0;
        for (long i = 0; i < inputs; i++)
        {
            final byte[] raw = mutator.nextRaw();
            buffer.wrap(raw);
            try
            {
                int at = 0;
                while (at < raw.length)
                {
                    final int status = framer.scan(buffer, at, raw.length);
                    if (status == FixFramer.NEED_MORE || status == FixFramer.OVERSIZE)
                    {
                        break;
                    }
                    assertTrue(framer.consumedTo() > at && framer.consumedTo() <= raw.length, "the framer moves forward");
                    if (status == FixFramer.FRAME)
                    {
                        frames++;
                        assertTrue(framer.frameOffset() >= 0 && framer.frameOffset() + framer.frameLength() <= raw.length);
                        if (message.parse(buffer, framer.frameOffset(), framer.frameLength()) == FixMessage.OK &&
                            validator.validate(message) == SessionRejectReason.NONE)
                        {
                            valid++;
                        }
                    }
                    at = framer.consumedTo();
                }
            }
            catch (final Throwable ex)
            {
                throw new AssertionError("seed " + seed + " input " + i + " broke the codec: " +
                    HexFormat.of().formatHex(raw), ex);
            }
        }
        final String line = Instant.now() + " codec fuzz: seed " + seed + ", " + inputs + " inputs, " + frames +
            " frames, " + valid + " valid after mutation, 0 failures";
        Files.createDirectories(Path.of("target/campaigns"));
        Files.writeString(Path.of("target/campaigns/fuzz-codec.txt"), line + System.lineSeparator(), StandardCharsets.UTF_8);
        System.out.println(line);
    }
}
