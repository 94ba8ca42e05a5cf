/*
 * End-to-end check of settlement against the real matcher: random JSON commands through
 * io.databourse.matcher.sim.Simulator into a journal, then SettlementRun over it; prints summary.json
 * (cashReconciliationMismatches and usageMismatches must be 0) and the certificate verifier's verdict.
 * Not compiled by Maven (the settlement module does not depend on the matcher); it belongs in a
 * system test of the launcher module. To run by hand:
 *
 *   mvn -q -o dependency:build-classpath -pl settlement -Dmdep.outputFile=/tmp/cp.txt
 *   find journal/src/main/java matcher/src/main/java settlement/src/main/java -name '*.java' \
 *     | xargs grep -L io.aeron > /tmp/src.txt
 *   javac -d /tmp/e2e -cp "$(cat /tmp/cp.txt)" @/tmp/src.txt settlement/src/e2e/SimulatorSettlementCheck.java
 *   java <JVM flags of DEPENDENCIES.md> -cp "$(cat /tmp/cp.txt):/tmp/e2e" SimulatorSettlementCheck SEED LINES
 */
import java.nio.file.*;
import java.util.*;
import io.databourse.journal.queue.*;
import io.databourse.matcher.*;
import io.databourse.matcher.sim.Simulator;
import io.databourse.settlement.*;

public class SimulatorSettlementCheck {
    public static void main(String[] a) throws Exception {
        long seed = Long.parseLong(a[0]);
        int n = Integer.parseInt(a[1]);
        Path base = Files.createTempDirectory("e2e");
        Random r = new Random(seed);
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
        lines.add("{\"type\":\"participant\",\"id\":\"BANK1\",\"roles\":[\"risk_officer\"]}");
        lines.add("{\"type\":\"product\",\"id\":\"D1\",\"kind\":\"data\",\"status\":\"listed\",\"sponsor\":\"S1\",\"rights\":\"process_use\",\"delivery\":\"api\",\"tick\":\"0.01\",\"lot\":10,\"usagePerLot\":100,\"termDays\":30,\"band\":\"0.5\",\"referencePrice\":\"10.00\",\"resale\":true}");
        lines.add("{\"type\":\"product\",\"id\":\"A1\",\"kind\":\"algorithm\",\"status\":\"listed\",\"rights\":\"operate\",\"delivery\":\"sandbox_only\",\"tick\":\"0.01\",\"lot\":1,\"usagePerLot\":5,\"termDays\":90}");
        lines.add("{\"type\":\"product\",\"id\":\"GPU1\",\"kind\":\"compute\",\"status\":\"listed\",\"hardware\":\"A100\",\"region\":\"gz\",\"tick\":\"0.01\",\"lot\":1,\"windowStart\":\"2027-06-01T00:00:00Z\",\"windowEnd\":\"2027-06-01T06:00:00Z\"}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":10,\"takerBps\":30}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"algorithm\",\"makerBps\":0,\"takerBps\":55}");
        lines.add("{\"type\":\"fee_schedule\",\"kind\":\"compute\",\"makerBps\":5,\"takerBps\":7}");
        for (String p : ps) lines.add("{\"type\":\"deposit\",\"participant\":\"" + p + "\",\"amount\":\"" + (1000000 + r.nextInt(3000000)) + ".00\"}");
        lines.add("{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"D1\",\"qty\":100000}");
        lines.add("{\"type\":\"inventory\",\"participant\":\"S2\",\"product\":\"D1\",\"qty\":100000}");
        lines.add("{\"type\":\"inventory\",\"participant\":\"S1\",\"product\":\"A1\",\"qty\":100000}");
        lines.add("{\"type\":\"capacity\",\"participant\":\"PROV\",\"product\":\"GPU1\",\"nodes\":[\"n1\",\"n2\",\"n3\",\"n4\"]}");
        String[] products = {"D1","A1","GPU1"};
        String[] buyers = {"B1","B2","B3","BRK","S2"};
        String[] sellers = {"S1","S2","BRK","B1"};
        long t0 = java.time.Instant.parse("2026-03-01T10:00:00Z").getEpochSecond();
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
        Path journalDir = base.resolve("journal");
        StringBuilder sb = new StringBuilder();
        long errors = 0;
        long t0m = System.nanoTime(); try (Journal j = Journal.open(journalDir); JournalWriter w = j.writer()) {
            long[] clock = {t0 * 1_000_000_000L};
            Simulator sim = new Simulator(new MatcherContext().conclude(), w, () -> clock[0] += 1000);
            int ln = 0;
            for (String l : lines) { sim.line(++ln, l, sb); }
        }
        System.out.println("simulate ms " + (System.nanoTime() - t0m) / 1_000_000); String ev = sb.toString(); Files.writeString(base.resolve("events.jsonl"), ev); Files.write(base.resolve("commands.jsonl"), lines);
        for (String l : ev.split("\n")) if (l.contains("\"type\":\"error\"")) { errors++; if (errors < 5) System.out.println(l); }
        long trades = ev.split("\"type\":\"trade\"", -1).length - 1;
        System.out.println("lines " + lines.size() + " trades " + trades + " parse errors " + errors);
        Path out = base.resolve("out");
        long t1 = System.nanoTime(); SettlementRun.run(journalDir, out); System.out.println("settle ms " + (System.nanoTime() - t1) / 1_000_000);
        System.out.println(Files.readString(out.resolve("summary.json")));
        System.out.println(io.databourse.settlement.ledger.CertificateVerifier.verify(out.resolve("certificates.jsonl")));
        System.out.println("out: " + out);
    }
}
