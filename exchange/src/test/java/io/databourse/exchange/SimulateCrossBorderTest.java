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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-border quotas end to end: the matcher counts a cross-border buyer's personal-information
 * records against the exporter's calendar year, and {@code simulate --settle} writes the yearly
 * totals per exporter, with the filing and approvals, to {@code cross_border.json}.
 */
class SimulateCrossBorderTest
{
    @Test
    void yearlyRecordsPerExporterAreInCrossBorderJson(@TempDir final Path dir) throws Exception
    {
        final Path input = dir.resolve("commands.jsonl");
        Files.write(input, List.of(
            "{\"type\":\"participant\",\"id\":\"S1\",\"roles\":[\"data_supplier\"],\"time\":\"2026-11-01T00:00:00Z\"}",
            "{\"type\":\"participant\",\"id\":\"XB\",\"roles\":[\"buyer\"],\"jurisdiction\":\"cross_border\"}",
            "{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}",
            "{\"type\":\"participant\",\"id\":\"SPON\",\"roles\":[\"data_sponsor\"]}",
            "{\"type\":\"participant\",\"id\":\"REG\",\"roles\":[\"regulator\"]}",
            "{\"type\":\"product\",\"id\":\"PII\",\"kind\":\"data\",\"tick\":\"0.01\",\"rights\":\"process_use\"," +
                "\"crossBorder\":true,\"personalInfo\":true,\"recordsPerLot\":20000,\"owner\":\"S1\",\"sponsor\":\"SPON\"," +
                "\"reviewedBy\":\"COMP\",\"status\":\"listed\"}",
            "{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"PII\",\"qty\":100}",
            "{\"type\":\"deposit\",\"participant\":\"XB\",\"amount\":\"1000.00\"}",
            "{\"type\":\"new\",\"participant\":\"S1\",\"clOrdId\":\"ask\",\"product\":\"PII\",\"side\":\"sell\"," +
                "\"tif\":\"gtc\",\"price\":\"1.00\",\"qty\":100}",
            "{\"type\":\"new\",\"participant\":\"XB\",\"clOrdId\":\"b1\",\"product\":\"PII\",\"side\":\"buy\"," +
                "\"tif\":\"ioc\",\"price\":\"1.00\",\"qty\":4}",
            // 100 000 records need S1's filed standard contract: refused, then filed, then taken
            "{\"type\":\"new\",\"participant\":\"XB\",\"clOrdId\":\"b2\",\"product\":\"PII\",\"side\":\"buy\"," +
                "\"tif\":\"ioc\",\"price\":\"1.00\",\"qty\":1}",
            "{\"type\":\"cross_border_filing\",\"participant\":\"S1\",\"by\":\"REG\",\"time\":\"2026-11-02T00:00:00Z\"}",
            "{\"type\":\"new\",\"participant\":\"XB\",\"clOrdId\":\"b3\",\"product\":\"PII\",\"side\":\"buy\"," +
                "\"tif\":\"ioc\",\"price\":\"1.00\",\"qty\":1}",
            "{\"type\":\"new\",\"participant\":\"XB\",\"clOrdId\":\"b4\",\"product\":\"PII\",\"side\":\"buy\"," +
                "\"tif\":\"ioc\",\"price\":\"1.00\",\"qty\":2,\"time\":\"2027-01-02T00:00:00Z\"}"));
        final Path out = dir.resolve("out");
        final ByteArrayOutputStream events = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int status = ExchangeMain.execute(new PrintStream(events, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), "simulate", "--settle", "--out", out.toString(),
            input.toString());
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        final String lines = events.toString(StandardCharsets.UTF_8);
        assertTrue(lines.contains("\"reason\":\"CROSS_BORDER_APPROVAL_REQUIRED\""), lines);

        final JsonNode years = new ObjectMapper().readTree(out.resolve("cross_border.json").toFile());
        assertEquals(2, years.size(), years.toString());
        final JsonNode y2026 = years.get(0);
        assertEquals("S1", y2026.get("exporter").asText());
        assertEquals(2026, y2026.get("year").asInt());
        assertEquals(100_000, y2026.get("records").asLong(), "4 + 1 units of 20 000 records; the refused unit none");
        assertEquals("2026-11-02T00:00:00Z", y2026.get("filed").asText());
        assertEquals("PII", y2026.get("products").get(0).get("product").asText());
        assertTrue(y2026.get("products").get(0).get("approved").isNull());
        final JsonNode y2027 = years.get(1);
        assertEquals(2027, y2027.get("year").asInt());
        assertEquals(40_000, y2027.get("records").asLong(), "a new year counts from zero");
    }
}
