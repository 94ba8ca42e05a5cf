package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 15, hole 1, end to end: two compute providers that both name a node {@code gy1-n01}, each
 * selling its own hours through the real matcher, then {@code --settle}. Before the fix the compute
 * stage failed ("the seller owns 0") and no output was written.
 */
class SimulateComputeNodesTest
{
    @Test
    void twoProvidersNamingANodeAlikeSettle(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("commands.jsonl");
        Files.write(input, List.of(
            "{\"type\":\"participant\",\"id\":\"PA\",\"roles\":[\"compute_provider\"]}",
            "{\"type\":\"participant\",\"id\":\"PB\",\"roles\":[\"compute_provider\"]}",
            "{\"type\":\"participant\",\"id\":\"B1\",\"roles\":[\"buyer\"]}",
            "{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}",
            "{\"type\":\"product\",\"id\":\"GPU1\",\"reviewedBy\":\"COMP\",\"kind\":\"compute\",\"status\":\"listed\",\"hardware\":\"A100\"," +
                "\"region\":\"gy\",\"tick\":\"0.01\",\"lot\":1,\"windowStart\":\"2027-06-01T00:00:00Z\"," +
                "\"windowEnd\":\"2027-06-01T04:00:00Z\"}",
            "{\"type\":\"deposit\",\"participant\":\"B1\",\"amount\":\"100000.00\"}",
            "{\"type\":\"capacity\",\"participant\":\"PA\",\"product\":\"GPU1\",\"nodes\":[\"gy1-n01\"]}",
            "{\"type\":\"capacity\",\"participant\":\"PB\",\"product\":\"GPU1\",\"nodes\":[\"gy1-n01\"]}",
            "{\"type\":\"new\",\"participant\":\"PB\",\"product\":\"GPU1\",\"clOrdId\":\"s1\",\"side\":\"sell\"," +
                "\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":4}",
            "{\"type\":\"new\",\"participant\":\"PA\",\"product\":\"GPU1\",\"clOrdId\":\"s2\",\"side\":\"sell\"," +
                "\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":4}",
            "{\"type\":\"new\",\"participant\":\"B1\",\"product\":\"GPU1\",\"clOrdId\":\"b1\",\"side\":\"buy\"," +
                "\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":8}"));
        final Path out = dir.resolve("out");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "simulate", "--settle", "--out", out.toString(),
            input.toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

        final ObjectMapper mapper = new ObjectMapper();
        final JsonNode schedule = mapper.readTree(out.resolve("schedule.json").toFile());
        assertEquals(8, schedule.size(), "both machines' four hours, all sold to B1");
        int pa = 0;
        for (final JsonNode slot : schedule)
        {
            assertEquals("gy1-n01", slot.get("node").asText());
            assertEquals("B1", slot.get("buyer").asText());
            pa += "PA".equals(slot.get("provider").asText()) ? 1 : 0;
        }
        assertEquals(4, pa);
        final JsonNode summary = mapper.readTree(out.resolve("summary.json").toFile());
        assertEquals(2, summary.get("trades").asLong());
    }
}
