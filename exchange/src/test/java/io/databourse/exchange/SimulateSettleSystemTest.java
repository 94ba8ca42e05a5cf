package io.databourse.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.settlement.ledger.CertificateVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The batch front door end to end: random command lines through `simulate --settle`, i.e. the real
 * matcher into a journal, then the settlement consumers over that journal. The ledger must agree
 * with the matcher's cash and usage to the fen, balances must sum to deposits - withdrawals, and
 * the certificate chain must verify offline.
 */
class SimulateSettleSystemTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    static List<String> commands(final long seed, final int n)
    {
        final Random r = new Random(seed);
        List<String> lines = new ArrayList<>();
        String[] ps = {"S1","S2","B1","B2","B3","BRK","PROV","CUST1","BANK1"};
        lines.add("{\"type\":\"participant\",\"id\":\"ADM\",\"roles\":[\"admin\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"S1\",\"roles\":[\"data_supplier\",\"data_sponsor\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"S2\",\"roles\":[\"data_supplier\",\"buyer\"],\"localTaxpayer\":true}");
        lines.add("{\"type\":\"participant\",\"id\":\"B1\",\"roles\":[\"buyer\"],\"localTaxpayer\":true}");
        lines.add("{\"type\":\"participant\",\"id\":\"B2\",\"roles\":[\"buyer\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"B3\",\"roles\":[\"buyer\"],\"localTaxpayer\":true}");
        lines.add("{\"type\":\"participant\",\"id\":\"BRK\",\"roles\":[\"data_broker\",\"compute_broker\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"PROV\",\"roles\":[\"compute_provider\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"CUST1\",\"roles\":[\"data_custodian\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"BANK1\",\"roles\":[\"risk_officer\",\"lender\"]}");
        lines.add("{\"type\":\"participant\",\"id\":\"COMP\",\"roles\":[\"compliance_officer\"]}");
        lines.add("{\"type\":\"product\",\"id\":\"D1\",\"kind\":\"data\",\"status\":\"listed\",\"sponsor\":\"S1\",\"rights\":[\"process_use\",\"operate\"],\"delivery\":\"api\",\"tick\":\"0.01\",\"lot\":10,\"usagePerLot\":100,\"termDays\":30,\"band\":\"0.5\",\"referencePrice\":\"10.00\",\"owner\":\"S1\",\"reviewedBy\":\"COMP\"}");
        lines.add("{\"type\":\"product\",\"id\":\"A1\",\"kind\":\"algorithm\",\"status\":\"listed\",\"rights\":\"operate\",\"delivery\":\"sandbox_only\",\"tick\":\"0.01\",\"lot\":1,\"usagePerLot\":5,\"termDays\":90,\"owner\":\"S1\",\"reviewedBy\":\"COMP\"}");
        lines.add("{\"type\":\"product\",\"id\":\"GPU1\",\"kind\":\"compute\",\"status\":\"listed\",\"hardware\":\"A100\",\"region\":\"gz\",\"tick\":\"0.01\",\"lot\":1,\"windowStart\":\"2027-06-01T00:00:00Z\",\"windowEnd\":\"2027-06-01T06:00:00Z\",\"reviewedBy\":\"COMP\"}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":10,\"takerBps\":30}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"algorithm\",\"makerBps\":0,\"takerBps\":55}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"compute\",\"makerBps\":5,\"takerBps\":7}");
        for (String p : ps) lines.add("{\"type\":\"deposit\",\"participant\":\"" + p + "\",\"amount\":\"" + (1000000 + r.nextInt(3000000)) + ".00\"}");
        lines.add("{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"D1\",\"qty\":100000}");
        // only the owner is issued units: S2 buys its stock of D1 from S1
        lines.add("{\"type\":\"new\",\"participant\":\"S1\",\"product\":\"D1\",\"clOrdId\":\"stock-s\",\"side\":\"sell\",\"tif\":\"gtc\",\"price\":\"10.00\",\"qty\":20000}");
        lines.add("{\"type\":\"new\",\"participant\":\"S2\",\"product\":\"D1\",\"clOrdId\":\"stock-b\",\"side\":\"buy\",\"tif\":\"ioc\",\"price\":\"10.00\",\"qty\":20000}");
        lines.add("{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"A1\",\"qty\":100000}");
        lines.add("{\"type\":\"capacity\",\"participant\":\"PROV\",\"product\":\"GPU1\",\"nodes\":[\"n1\",\"n2\",\"n3\",\"n4\"]}");
        String[] products = {"D1","A1","GPU1"};
        String[] buyers = {"B1","B2","B3","BRK","S2"};
        String[] sellers = {"S1","S2","BRK","B1"};
        long t0 = java.time.Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();
        // the setup runs before the first timed line: time never goes backwards
        final String setupTime = ",\"time\":\"" + java.time.Instant.ofEpochSecond(t0 - 3600) + "\"}";
        lines.replaceAll(line -> line.substring(0, line.length() - 1) + setupTime);
        for (int i = 0; i < n; i++) {
            long t = t0 + i * 600L;
            String time = java.time.Instant.ofEpochSecond(t).toString();
            int k = r.nextInt(100);
            String prod = products[r.nextInt(3)];
            if (k < 40) {
                String b = buyers[r.nextInt(buyers.length)];
                boolean market = r.nextInt(10) == 0 && prod.equals("D1");
                String tif = new String[]{"day","gtc","ioc","fok"}[r.nextInt(4)];
                long qty = prod.equals("D1") ? 10L * (1 + r.nextInt(5)) : 1 + r.nextInt(5);
                String price = (prod.equals("D1") ? (8 + r.nextInt(5)) : (20 + r.nextInt(10))) + "." + (10 + r.nextInt(90));
                lines.add("{\"type\":\"new\",\"time\":\"" + time + "\",\"participant\":\"" + b + "\",\"product\":\"" + prod + "\",\"clOrdId\":\"c" + i + "\",\"side\":\"buy\",\"tif\":\"" + tif + "\"," + (market ? "\"ordType\":\"market\"" : "\"price\":\"" + price + "\"") + ",\"qty\":" + qty + "}");
            } else if (k < 80) {
                String s = prod.equals("GPU1") ? (r.nextBoolean() ? "PROV" : "BRK") : sellers[r.nextInt(sellers.length)];
                long qty = prod.equals("D1") ? 10L * (1 + r.nextInt(5)) : 1 + r.nextInt(5);
                String price = (prod.equals("D1") ? (8 + r.nextInt(5)) : (20 + r.nextInt(10))) + "." + (10 + r.nextInt(90));
                lines.add("{\"type\":\"new\",\"time\":\"" + time + "\",\"participant\":\"" + s + "\",\"product\":\"" + prod + "\",\"clOrdId\":\"c" + i + "\",\"side\":\"sell\",\"tif\":\"gtc\",\"price\":\"" + price + "\",\"qty\":" + qty + "}");
            } else if (k < 86) {
                int j = Math.max(0, i - 1 - r.nextInt(30));
                String who = buyers[r.nextInt(buyers.length)];
                lines.add("{\"type\":\"cancel\",\"time\":\"" + time + "\",\"participant\":\"" + who + "\",\"clOrdId\":\"x" + i + "\",\"origClOrdId\":\"c" + j + "\"}");
            } else if (k < 90) {
                int j = Math.max(0, i - 1 - r.nextInt(30));
                String who = buyers[r.nextInt(buyers.length)];
                lines.add("{\"type\":\"replace\",\"time\":\"" + time + "\",\"participant\":\"" + who + "\",\"clOrdId\":\"c" + i + "\",\"origClOrdId\":\"c" + j + "\",\"price\":\"" + (9 + r.nextInt(4)) + ".00\",\"qty\":" + (10 * (1 + r.nextInt(5))) + "}");
            } else if (k < 94) {
                String b = buyers[r.nextInt(buyers.length)];
                lines.add("{\"type\":\"usage\",\"time\":\"" + time + "\",\"id\":\"u" + i + "\",\"reporter\":\"CUST1\",\"participant\":\"" + b + "\",\"product\":\"" + (r.nextBoolean() ? "D1" : "A1") + "\",\"units\":" + (1 + r.nextInt(300)) + "}");
            } else if (k < 96) {
                String b = buyers[r.nextInt(buyers.length)];
                lines.add("{\"type\":\"pledge\",\"time\":\"" + time + "\",\"id\":\"pl" + i + "\",\"lender\":\"BANK1\",\"participant\":\"" + b + "\",\"product\":\"D1\",\"qty\":" + (1 + r.nextInt(20)) + ",\"haircut\":\"0.40\"}");
            } else if (k < 97) {
                lines.add("{\"type\":\"release\",\"time\":\"" + time + "\",\"id\":\"pl" + Math.max(0, i - r.nextInt(50)) + "\"}");
            } else if (k < 99) {
                lines.add("{\"type\":\"withdraw\",\"time\":\"" + time + "\",\"participant\":\"" + ps[r.nextInt(ps.length)] + "\",\"amount\":\"" + (1 + r.nextInt(50000)) + ".00\"}");
            } else {
                lines.add("{\"type\":\"end_of_day\",\"time\":\"" + time + "\"}");
            }
        }
        return lines;
    }

    @Test
    void settlementAgreesWithTheMatcher(@TempDir final Path dir) throws Exception
    {
        for (long seed = 1; seed <= 3; seed++)
        {
            final Path input = dir.resolve("commands-" + seed + ".jsonl");
            Files.write(input, commands(seed, 3_000));
            final Path out = dir.resolve("out-" + seed);
            final ByteArrayOutputStream events = new ByteArrayOutputStream();
            final int status = ExchangeMain.execute(new PrintStream(events, true, StandardCharsets.UTF_8), System.err,
                "simulate", "--settle", "--out", out.toString(), input.toString());
            assertEquals(0, status);
            final String eventLines = events.toString(StandardCharsets.UTF_8);
            assertTrue(eventLines.split("\"type\":\"trade\"", -1).length > 100, "trades happen");
            assertTrue(!eventLines.contains("\"type\":\"error\""), "no malformed line");

            final JsonNode summary = MAPPER.readTree(out.resolve("summary.json").toFile());
            // every cash event's reported balances agreed with the ledger's (a difference fails the stage)
            assertEquals(summary.get("lastSeq").asLong(), summary.get("stages").get("ledger").asLong(), "seed " + seed);

            BigDecimal cash = BigDecimal.ZERO;
            for (final JsonNode balance : MAPPER.readTree(out.resolve("balances.json").toFile()))
            {
                cash = cash.add(new BigDecimal(balance.get("cash").asText()));
                assertTrue(new BigDecimal(balance.get("cash").asText()).signum() >= 0, balance.toString());
            }
            assertEquals(new BigDecimal(summary.get("deposits").asText()).subtract(
                new BigDecimal(summary.get("withdrawals").asText())), cash, "seed " + seed);
            assertEquals(summary.get("trades").asLong(), summary.get("certificates").asLong());
            final CertificateVerifier.Report verdict = CertificateVerifier.verify(out);
            assertTrue(verdict.valid(), verdict.toString());
            assertTrue(assertPostedAsTheEventsSay(eventLines, out.resolve("state").resolve("movements.csv")) > 100);
        }
    }

    /**
     * Each fill's ledger movement is what its trade event carries (cash and fee, both sides), and at
     * every fill each side's reserved cash is the sum of what its buy orders' events say they hold
     * (accepted and replaced: reserved; fills: buyReserved; cancels and expiries: released). A ledger
     * that computed an amount of its own and disagreed with the matcher fails here. Returns the fills
     * checked.
     */
    private static int assertPostedAsTheEventsSay(final String eventLines, final Path movements) throws Exception
    {
        final Map<String, String[]> fills = new HashMap<>(); // "tradeId/participant" -> movement columns
        for (final String line : Files.readAllLines(movements))
        {
            final String[] f = line.split(",", -1);
            if ("trade".equals(f[3]))
            {
                fills.put(f[4] + "/" + f[2], f);
            }
        }
        final Map<Long, Long> orderReservedFen = new HashMap<>();
        final Map<String, Long> reservedFen = new HashMap<>();
        int checked = 0;
        for (final String line : eventLines.split("\n"))
        {
            final JsonNode e = MAPPER.readTree(line);
            final String type = e.path("type").asText();
            if (("accepted".equals(type) || "replaced".equals(type)) && e.has("reserved"))
            {
                final long held = fen(e.get("reserved"));
                final Long before = orderReservedFen.put(e.get("orderId").asLong(), held);
                reservedFen.merge(e.get("participant").asText(), held - (null == before ? 0 : before), Long::sum);
            }
            else if (("cancelled".equals(type) || "expired".equals(type)) && e.has("released"))
            {
                final long released = fen(e.get("released"));
                assertEquals(orderReservedFen.remove(e.get("orderId").asLong()), released, line);
                reservedFen.merge(e.get("participant").asText(), -released, Long::sum);
            }
            else if ("trade".equals(type))
            {
                final String buyer = e.get("buyer").asText();
                final String seller = e.get("seller").asText();
                final long buyOrderId = e.get("buyOrderId").asLong();
                final long still = fen(e.get("buyReserved"));
                reservedFen.merge(buyer, still - orderReservedFen.get(buyOrderId), Long::sum);
                if (e.get("buyLeavesQty").asLong() == 0)
                {
                    assertEquals(0, still, line);
                    orderReservedFen.remove(buyOrderId);
                }
                else
                {
                    orderReservedFen.put(buyOrderId, still);
                }
                final long value = fen(e.get("price")) * e.get("qty").asLong();
                final long buyFee = fen(e.get("buyFee"));
                final long sellFee = fen(e.get("sellFee"));
                final String[] b = fills.get(e.get("tradeId").asText() + "/" + buyer);
                final String[] s = fills.get(e.get("tradeId").asText() + "/" + seller);
                assertEquals(-(value + buyFee), Long.parseLong(b[9]), line);
                assertEquals(buyFee, Long.parseLong(b[10]), line);
                assertEquals(reservedFen.getOrDefault(buyer, 0L), Long.parseLong(b[12]), line);
                assertEquals(value - sellFee, Long.parseLong(s[9]), line);
                assertEquals(sellFee, Long.parseLong(s[10]), line);
                assertEquals(reservedFen.getOrDefault(seller, 0L), Long.parseLong(s[12]), line);
                checked++;
            }
        }
        return checked;
    }

    private static long fen(final JsonNode money)
    {
        return new BigDecimal(money.asText()).movePointRight(2).longValueExact();
    }
}
