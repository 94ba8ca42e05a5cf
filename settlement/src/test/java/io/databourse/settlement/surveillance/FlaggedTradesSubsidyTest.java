package io.databourse.settlement.surveillance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.SettlementContext;
import io.databourse.settlement.SettlementRun;
import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertJson;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The subsidy excludes flagged trades: a purchase named by an alert that implicates its buyer stops
 * counting, even when the alert comes with a later record; a purchase from someone else's spoof
 * counts (its buyer is not implicated).
 */
class FlaggedTradesSubsidyTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TEN_THOUSAND_YUAN = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aWashTradeDoesNotLiftItsBuyerOverTheThresholdButASpoofersCounterpartyKeepsItsSubsidy() throws IOException
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int roles = Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER;
            final int buyer = f.participant("B", roles, true);
            final int washPartner = f.participant("W", roles, true);
            final int supplier = f.participant("S", roles, false);
            final int counterparty = f.participant("C", roles, true);
            final int spoofer = f.participant("X", roles, false);
            final int data = f.product("DATA.Y", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            for (int p = 0; p < 5; p++)
            {
                f.deposit(p, 100_000_000_000L, 100_000_000_000L, 0);
                f.inventory(p, data, 100_000);
            }
            // B buys 4.9 million of real purchases, then 0.2 million back from W it had just sold to W
            f.cross(supplier, buyer, data, TEN_THOUSAND_YUAN, 490);
            f.time(f.timeNs() + JournalFixture.HOUR_NS);
            f.cross(buyer, washPartner, data, TEN_THOUSAND_YUAN, 20);
            f.time(f.timeNs() + 120_000_000_000L);
            f.cross(washPartner, buyer, data, TEN_THOUSAND_YUAN, 20);

            // C buys 5.1 million; one fill of it is X's genuine sale behind four large bids X then pulls
            f.time(f.timeNs() + JournalFixture.HOUR_NS);
            f.cross(supplier, counterparty, data, TEN_THOUSAND_YUAN, 500);
            final long[] layers = new long[4];
            for (int i = 0; i < layers.length; i++)
            {
                layers[i] = f.restingBuy(spoofer, data, TEN_THOUSAND_YUAN - 100 * (i + 1), 500);
            }
            final long bid = f.restingBuy(counterparty, data, TEN_THOUSAND_YUAN, 10);
            f.sellInto(spoofer, counterparty, bid, data, TEN_THOUSAND_YUAN, 10, 0);
            f.time(f.timeNs() + 20_000_000_000L);
            for (int i = 0; i < layers.length; i++)
            {
                f.cancelBuy(layers[i], spoofer, data, TEN_THOUSAND_YUAN - 100 * (i + 1), 500);
            }
        }
        final Path out = dir.resolve("out");
        SettlementRun.run(new SettlementContext().journalDir(journal).stateDir(out.resolve("state")).fsync(false)
            .participantsMax(16).productsMax(16), out);

        final List<String> alerts = Files.readAllLines(out.resolve("alerts.jsonl")).stream()
            .map(AlertJson::parse).map(FlaggedTradesSubsidyTest::summary).toList();
        assertEquals(List.of("wash_trade [W, B]", "spoofing [X]"), alerts);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("alerts.jsonl"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
            out.resolve("state").resolve(io.databourse.surveillance.Surveillance.ALERTS_DIRECTORY))), "the queue");

        final JsonNode b = row(out, "B");
        assertEquals("4900000.00", b.get("purchases").asText());
        assertEquals("200000.00", b.get("excluded").get("flaggedBySurveillance").asText());
        assertEquals("5100000.00", b.get("bought").asText());
        assertEquals("below_threshold", b.get("decision").asText(), b.toString());
        final JsonNode w = row(out, "W");
        assertEquals("0.00", w.get("purchases").asText(), "W's purchase was the first leg of the round trip");
        assertEquals("200000.00", w.get("excluded").get("flaggedBySurveillance").asText());
        final JsonNode c = row(out, "C");
        assertEquals("5100000.00", c.get("purchases").asText(), "C bought from the spoofer but is not implicated");
        assertEquals("0.00", c.get("excluded").get("flaggedBySurveillance").asText());
        assertEquals("granted", c.get("decision").asText(), c.toString());
    }

    private static String summary(final Alert a)
    {
        return a.type().wireName() + " " + a.participants();
    }

    private static JsonNode row(final Path out, final String participant) throws IOException
    {
        for (final JsonNode r : MAPPER.readTree(out.resolve("subsidies.json").toFile()))
        {
            if (participant.equals(r.get("participant").asText()))
            {
                return r;
            }
        }
        throw new AssertionError("no subsidy row for " + participant);
    }
}
