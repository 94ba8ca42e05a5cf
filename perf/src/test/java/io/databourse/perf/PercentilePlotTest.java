package io.databourse.perf;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PercentilePlotTest
{
    @TempDir
    Path dir;

    @Test
    void plotsARateMeasuredTwiceInOneRun() throws Exception
    {
        final Path png = dir.resolve("latency.png");
        PercentilePlot.write(png, "matcher alone", List.of(result(1_000_000, 200), result(1_000_000, 300)));
        final byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 1_000, "a chart, not an empty file");
        assertTrue(bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G', "a PNG");
    }

    private static LatencyBench.Result result(final long rate, final long nanos)
    {
        final Histogram h = new Histogram(3);
        for (int i = 0; i < 10_000; i++)
        {
            h.recordValue(nanos + i % 100);
        }
        return new LatencyBench.Result(rate, h, rate);
    }
}
