package io.databourse.exchange.audit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.exchange.ExchangeMain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each audit subcommand on a scripted day ({@link ScriptedDay}): {@code state} at several seqs equals
 * the live matcher's state captured then, from a snapshot or the journal's start; {@code order} shows
 * every step of an order partly filled, replaced, refused a replace and cancelled; {@code participant}
 * and {@code product} show what is theirs; the exports load as JSON Lines and CSV with the documented
 * columns; nothing extra is printed when not on a terminal; every subcommand has {@code --help}.
 */
class AuditCommandsTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static ScriptedDay.Day day;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void journalTheDay() throws Exception
    {
        data = dir.resolve("data");
        day = ScriptedDay.journal(data);
        assertTrue(day.output().stream().noneMatch(l -> l.contains("\"error\"") || l.startsWith("snapshot agent")),
            day.output().toString());
    }

    int run(final String... args)
    {
        out.reset();
        err.reset();
        return ExchangeMain.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> lines() throws Exception
    {
        final List<JsonNode> nodes = new ArrayList<>();
        for (final String line : out().lines().toList())
        {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    private static List<String> types(final List<JsonNode> nodes)
    {
        return nodes.stream().map(n -> n.get("type").asText()).toList();
    }

    @Test
    void stateAtSeveralSeqsEqualsTheLiveStateCapturedThen() throws Exception
    {
        // before the first snapshot, at one, between two, and the last command (also a snapshot's)
        for (final long seq : new long[]{3, ScriptedDay.SNAPSHOT_EVERY * 2, 17, 23, day.lastSeq()})
        {
            assertEquals(0, run("audit", "state", data.toString(), "--seq", Long.toString(seq)), err());
            assertEquals(day.liveStates().get(seq), out(), "state at seq " + seq);
            assertEquals("", err(), "nothing extra when not on a terminal");
        }
        // by time: the last command at or before it
        final String time = Instant.ofEpochSecond(0, ScriptedDay.T0_NS + 16 * 60_000_000_000L + 30_000_000_000L).toString();
        assertEquals(0, run("audit", "state", data.toString(), "--time", time), err());
        assertEquals(day.liveStates().get(17L), out());

        // and the state is what the day did: s1r's 30 left at 10.20, b3's 10 bid at 9.00, B1's cash reserved for it
        assertEquals(0, run("audit", "state", data.toString(), "--seq", "17"));
        final JsonNode state = MAPPER.readTree(out());
        final JsonNode d1 = state.get("products").get(0);
        assertEquals("D1", d1.get("product").asText());
        assertEquals("10.20", d1.get("lastPrice").asText());
        assertEquals("9.00", d1.get("bids").get(0).get("price").asText());
        assertEquals("b3", d1.get("bids").get(0).get("orders").get(0).get("clOrdId").asText());
        assertEquals(30, d1.get("asks").get(0).get("orders").get(0).get("leavesQty").asLong());
        final JsonNode b1 = state.get("participants").get(2);
        assertEquals("B1", b1.get("participant").asText());
        assertEquals("90.27", b1.get("cashReserved").asText(), "10 x 9.00 plus 30 bps");
        assertEquals(30, b1.get("holdings").get(0).get("bought").asLong());
        assertEquals(300, b1.get("entitlements").get(0).get("units").asLong(), "30 lots x 10 units");
    }

    @Test
    void stateAsCsvIsOneTableAtATime() throws Exception
    {
        assertEquals(0, run("audit", "state", data.toString(), "--seq", "17", "--format", "csv", "--table", "open-orders"));
        final List<List<String>> rows = CsvReader.parse(out());
        assertEquals(StateCsv.TABLES.get("open-orders"), rows.get(0));
        assertEquals(List.of("s1r", "b3"), rows.subList(1, rows.size()).stream().map(r -> r.get(3)).toList());
        assertEquals(2, run("audit", "state", data.toString(), "--seq", "17", "--format", "csv"));
        assertTrue(err().contains("--format csv needs --table"), err());
        assertEquals(1, run("audit", "state", data.toString(), "--seq", "999"));
        assertTrue(err().contains("the journal ends at seq " + day.lastSeq()), err());
    }

    @Test
    void orderShowsEveryStepOfAnOrderPartlyFilledReplacedAndCancelled() throws Exception
    {
        assertEquals(0, run("audit", "order", data.toString(), "--participant", "S1", "--clOrdId", "s1"), err());
        final List<JsonNode> steps = lines();
        assertEquals(List.of("accepted", "trade", "replaced", "rejected", "trade", "cancelled"), types(steps), out());
        assertTrue(steps.stream().allMatch(s -> s.get("session").asInt() == 11), "S1's own session on every step");
        final JsonNode firstFill = steps.get(1);
        assertEquals("B1", firstFill.get("counterparty").asText());
        assertEquals("b1", firstFill.get("counterpartyClOrdId").asText());
        assertEquals("sell", firstFill.get("orderSide").asText());
        assertEquals("maker", firstFill.get("liquidity").asText(), "s1 rested; b1 came to it");
        assertEquals("maker", steps.get(4).get("liquidity").asText());
        assertEquals("CERT-000000000001", firstFill.get("certificateId").asText());
        assertEquals("s1r", steps.get(2).get("clOrdId").asText());
        assertEquals("INVALID_QUANTITY", steps.get(3).get("reason").asText());
        assertEquals("B2", steps.get(4).get("counterparty").asText());
        assertEquals(30, steps.get(5).get("cancelledQty").asLong());
        for (final JsonNode step : steps)
        {
            assertTrue(step.get("seq").asLong() > 0 && step.has("time"), step.toString());
        }
        final String certificates = Files.readString(data.resolve("settlement/certificates.jsonl"));
        assertTrue(certificates.contains("\"CERT-000000000001\"") && certificates.contains("\"CERT-000000000002\""));

        // the same life by exchange id, under the replace's clOrdId too
        final String byClOrdId = out();
        final long orderId = steps.get(0).get("orderId").asLong();
        assertEquals(0, run("audit", "order", data.toString(), "--participant", "S1", "--orderId", Long.toString(orderId)));
        assertEquals(byClOrdId, out());
        assertEquals(0, run("audit", "order", data.toString(), "--participant", "S1", "--clOrdId", "s1r"));
        assertEquals(byClOrdId, out());

        // the other side of that fill: B2's order took liquidity
        assertEquals(0, run("audit", "order", data.toString(), "--participant", "B2", "--clOrdId", "b2"));
        final List<JsonNode> b2 = lines();
        assertEquals(List.of("accepted", "trade"), types(b2));
        assertEquals("taker", b2.get(1).get("liquidity").asText());
        assertEquals(22, b2.get(1).get("session").asInt());
        assertEquals("CERT-000000000002", b2.get(1).get("certificateId").asText());

        // another participant's order is nobody else's to see
        assertEquals(1, run("audit", "order", data.toString(), "--participant", "B1", "--orderId", Long.toString(orderId)));
        assertTrue(err().contains("B1 has no order with orderId " + orderId), err());
        assertEquals(2, run("audit", "order", data.toString(), "--participant", "S1"));
    }

    @Test
    void participantShowsEverythingItDidAndWasDoneToIt() throws Exception
    {
        assertEquals(0, run("audit", "participant", data.toString(), "B1"), err());
        final List<JsonNode> events = lines();
        assertEquals(List.of("participant_registered", "deposited", "accepted", "trade", "accepted", "entitlement_drawn",
            "usage_recorded", "cancelled"), types(events), out());
        assertEquals("product_halted", events.get(7).get("reason").asText());
        final String from = Instant.ofEpochSecond(0, ScriptedDay.T0_NS + 15 * 60_000_000_000L).toString();
        assertEquals(0, run("audit", "participant", data.toString(), "B1", "--from", from));
        assertEquals(List.of("accepted", "entitlement_drawn", "usage_recorded", "cancelled"), types(lines()));
        assertEquals(1, run("audit", "participant", data.toString(), "NOBODY"));
        assertTrue(err().contains("no participant NOBODY"), err());
    }

    @Test
    void productShowsItsPathAndItsTrades() throws Exception
    {
        assertEquals(0, run("audit", "product", data.toString(), "D1"), err());
        final List<JsonNode> events = lines();
        assertEquals(List.of("product_registered", "inventory_added", "trade", "trade", "product_status_changed",
            "product_status_changed"), types(events), out());
        assertEquals("S1", events.get(0).get("sponsor").asText());
        assertEquals("suspended", events.get(4).get("to").asText());
        assertEquals("ADM", events.get(4).get("by").asText());
        assertEquals(0, run("audit", "product", data.toString(), "D1", "--no-trades"));
        assertEquals(4, lines().size());
    }

    @Test
    void exportsLoadAsJsonLinesAndCsvWithTheDocumentedColumns() throws Exception
    {
        assertEquals(0, run("audit", "export", data.toString(), "--types", "trade,rejected"), err());
        final List<JsonNode> jsonl = lines();
        assertEquals(List.of("trade", "rejected", "trade", "rejected", "rejected"), types(jsonl), out());

        assertEquals(0, run("audit", "export", data.toString(), "--types", "trade,rejected", "--format", "csv"), err());
        final List<List<String>> csv = CsvReader.parse(out());
        assertEquals(ExportColumns.forTypes(List.of("trade", "rejected")), csv.get(0));
        assertEquals(jsonl.size(), csv.size() - 1);
        for (int i = 0; i < jsonl.size(); i++)
        {
            for (int c = 0; c < csv.get(0).size(); c++)
            {
                assertEquals(Csv.text(jsonl.get(i).get(csv.get(0).get(c))), csv.get(i + 1).get(c), "row " + i);
            }
        }

        assertEquals(0, run("audit", "export", data.toString(), "--participant", "B2", "--product", "D1",
            "--format", "csv", "--out", dir.resolve("b2.csv").toString()));
        final List<List<String>> b2 = CsvReader.parse(Files.readString(dir.resolve("b2.csv")));
        assertEquals(ExportColumns.forTypes(List.of()), b2.get(0));
        assertEquals(Set.of("accepted", "trade", "cancelled"),
            new TreeSet<>(b2.subList(1, b2.size()).stream().map(r -> r.get(1)).toList()), b2.toString());
        assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(dir.resolve("b2.csv")));

        assertEquals(2, run("audit", "export", data.toString(), "--types", "trades"));
        assertTrue(err().contains("no event type trades"), err());
    }

    /** Every field the event writer emits for the day's events is a documented CSV column of its type. */
    @Test
    void everyFieldOfEveryEventHasItsColumn() throws Exception
    {
        assertEquals(0, run("audit", "export", data.toString()));
        final Set<String> seen = new TreeSet<>();
        for (final JsonNode event : lines())
        {
            final String type = event.get("type").asText();
            seen.add(type);
            final List<String> columns = ExportColumns.forTypes(List.of(type));
            event.fieldNames().forEachRemaining(field -> assertTrue(columns.contains(field),
                type + "'s field " + field + " has no column in ExportColumns (and docs/audit.md)"));
        }
        assertTrue(seen.size() >= 12, seen.toString());
    }

    @Test
    void everySubcommandHasHelp()
    {
        for (final String sub : List.of("state", "order", "participant", "product", "export", "verify"))
        {
            assertEquals(0, run("audit", sub, "--help"), sub);
            assertTrue(out().startsWith("Usage: databourse audit " + sub), out());
        }
        assertEquals(0, run("audit", "--help"));
        assertEquals(2, run("audit"));
        assertEquals(2, run("audit", "state", dir.resolve("nothing").toString(), "--seq", "1"));
        assertTrue(err().contains("no directory"), err());
    }

    /** A command line that cannot mean anything is named, exits 2, and writes and deletes nothing. */
    @Test
    void aBadCommandLineIsNamedAndTouchesNothing() throws Exception
    {
        for (final String seq : List.of("0", "-5"))
        {
            assertEquals(2, run("audit", "state", data.toString(), "--seq", seq));
            assertTrue(err().contains("--seq is a journal seq, 1 or more (the first command's), not " + seq), err());
            assertEquals("", out());
        }

        final String backwards = "--from 2026-03-03T00:00:00Z is after --to 2026-03-02T00:00:00Z";
        assertEquals(2, run("audit", "export", data.toString(), "--from", "2026-03-03", "--to", "2026-03-02"));
        assertTrue(err().contains(backwards), err());
        assertEquals(2, run("audit", "participant", data.toString(), "B1", "--from", "2026-03-03", "--to", "2026-03-02"));
        assertTrue(err().contains(backwards), err());
        assertEquals("", out());

        final Path missing = dir.resolve("no-such-dir").resolve("day.csv");
        assertEquals(2, run("audit", "export", data.toString(), "--out", missing.toString()));
        assertTrue(err().contains("--out " + missing + ": no directory " + missing.getParent()), err());
        assertTrue(Files.notExists(missing.getParent()));
        final Path emptyDir = Files.createDirectories(dir.resolve("an-empty-dir"));
        assertEquals(2, run("audit", "export", data.toString(), "--out", emptyDir.toString()));
        assertTrue(err().contains("is a directory, not a file"), err());
        assertTrue(Files.isDirectory(emptyDir), "--out never deletes a directory to put a file in its place");
    }

    @Test
    void theProgressBarSaysRecordsPerSecondAndTimeLeft()
    {
        final long[] now = {0};
        final java.io.StringWriter text = new java.io.StringWriter();
        final Progress progress = new Progress(true, "verify", 1_000_000, new java.io.PrintWriter(text), () -> now[0]);
        now[0] = 2_000_000_000L;
        progress.update(4096);
        assertEquals("verify [..............................]   0% 4,096/1,000,000 records, 2.0k records/s, ETA 8:06",
            progress.line(now[0]));
        assertTrue(text.toString().startsWith("\rverify ["), text.toString());
        final java.io.StringWriter quiet = new java.io.StringWriter();
        final Progress off = new Progress(false, "verify", 1_000_000, new java.io.PrintWriter(quiet), () -> now[0]);
        off.update(4096);
        off.close();
        assertEquals("", quiet.toString());
    }
}
