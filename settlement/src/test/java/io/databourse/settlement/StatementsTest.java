package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A participant's statement: every movement as the ledger posted it, and each day's totals. */
class StatementsTest
{
    @TempDir
    Path dir;

    @Test
    void aStatementListsEachMovementAndTotalsTheDay() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int product = f.product("DATA1", Codes.ProductKind.DATA, 1, 10, 30, Codes.DeliveryMode.API);
            f.fees(Codes.ProductKind.DATA, 10, 30);
            f.inventory(seller, product, 100);
            f.deposit(buyer, 1_000_000, 1_000_000, 0);
            f.time(JournalFixture.T0_NS + JournalFixture.HOUR_NS);
            f.cross(seller, buyer, product, 1_234, 7); // value 86.38, buyer fee 0.25, seller fee 0.08
            f.time(JournalFixture.T0_NS + JournalFixture.DAY_NS);
            f.withdraw(buyer, 1_000, 1_000_000 - 8_638 - 25 - 1_000, 0);
        }
        final Path out = dir.resolve("out");
        run(journal, out);

        final List<String> csv = Files.readAllLines(out.resolve("statements").resolve("B.csv"));
        assertEquals(List.of(
            "seq,time,type,tradeId,product,side,qty,price,cashChange,fee,available,reserved",
            "6,2026-03-01T10:00:00Z,deposit,,,,,,10000.00,0.00,10000.00,0.00",
            "8,2026-03-01T11:00:00Z,trade,1,DATA1,buy,7,12.34,-86.63,0.25,9913.37,0.00",
            "9,2026-03-02T10:00:00Z,withdraw,,,,,,-10.00,0.00,9903.37,0.00"), csv);

        final JsonNode statement = json(out.resolve("statements").resolve("B.json"));
        final JsonNode first = statement.get("days").get(0);
        assertEquals("2026-03-01", first.get("date").asText());
        assertEquals("10000.00", first.get("deposits").asText());
        assertEquals("86.38", first.get("bought").asText());
        assertEquals("0.00", first.get("sold").asText());
        assertEquals("0.25", first.get("fees").asText());
        assertEquals("9913.37", first.get("closingCash").asText());
        final JsonNode second = statement.get("days").get(1);
        assertEquals("10.00", second.get("withdrawals").asText());
        assertEquals("9903.37", second.get("closingAvailable").asText());
        assertEquals(3, statement.get("lines").size());
        assertEquals(1, statement.get("lines").get(1).get("tradeId").asLong());

        final JsonNode sold = json(out.resolve("statements").resolve("S.json")).get("days").get(0);
        assertEquals("86.38", sold.get("sold").asText());
        assertEquals("0.08", sold.get("fees").asText());
    }
}
