package io.databourse.settlement;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

final class SettlementTestSupport
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private SettlementTestSupport()
    {
    }

    static SettlementContext ctx(final Path journalDir, final Path stateDir)
    {
        return new SettlementContext().journalDir(journalDir).stateDir(stateDir).fsync(false).ringSize(64)
            .participantsMax(64).productsMax(64).entitlementsMax(100_000).nodeHoursMax(100_000);
    }

    /** Runs the batch pipeline and returns it stopped (stages readable). */
    static SettlementPipeline settle(final Path journalDir, final Path stateDir)
    {
        final SettlementPipeline pipeline = new SettlementPipeline(ctx(journalDir, stateDir).conclude());
        SettlementPipeline.runBatch(pipeline);
        return pipeline;
    }

    /** Full batch run with outputs. */
    static void run(final Path journalDir, final Path outDir) throws IOException
    {
        SettlementRun.run(ctx(journalDir, outDir.resolve("state")), outDir);
    }

    /** Runs the batch pipeline, which must fail the run; returns the innermost cause (a stage's refusal). */
    static Throwable refusal(final Path journalDir, final Path stateDir)
    {
        final SettlementPipeline pipeline = new SettlementPipeline(ctx(journalDir, stateDir).conclude());
        Throwable cause = assertThrows(IllegalStateException.class, () -> SettlementPipeline.runBatch(pipeline));
        while (null != cause.getCause())
        {
            cause = cause.getCause();
        }
        return cause;
    }

    static JsonNode json(final Path file) throws IOException
    {
        return MAPPER.readTree(file.toFile());
    }

    static long fen(final String yuan)
    {
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }
}
