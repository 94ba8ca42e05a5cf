package io.databourse.settlement;

import static io.databourse.settlement.SettlementTestSupport.json;
import static io.databourse.settlement.SettlementTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, hole 10: purchases from a linked participant (one of the buyer's group, as the
 * participant events name it) never count for the subsidy. The matcher never lets a group trade
 * with itself (self-trade prevention across the group), so this journal is written by hand: the
 * subsidy stage must still read the groups from the journal and exclude such a fill.
 */
class LinkedPurchasesTest
{
    @TempDir
    Path dir;

    @Test
    void aPurchaseFromTheBuyersGroupIsExcludedFromTheSubsidy() throws Exception
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int roles = Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER;
            final int buyer = f.participant("B", roles, true, "HOLDCO");
            final int linked = f.participant("S1", roles, false, "HOLDCO");
            final int other = f.participant("S2", roles, false, null);
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 0, 0, Codes.DeliveryMode.API);
            final int more = f.product("DATA2", Codes.ProductKind.DATA, 1, 0, 0, Codes.DeliveryMode.API);
            f.inventory(linked, data, 1_000_000);
            f.inventory(other, more, 1_000_000);
            f.deposit(buyer, 2_000_000_000L, 2_000_000_000L, 0);
            f.cross(linked, buyer, data, 1_000, 600_000); // ¥6,000,000 from its own group
            f.cross(other, buyer, more, 1_000, 600_000); // ¥6,000,000 from an unlinked seller
        }
        final Path out = dir.resolve("out");
        run(journal, out);
        final JsonNode row = json(out.resolve("subsidies.json")).get(0);
        assertEquals("B", row.get("participant").asText());
        assertEquals("12000000.00", row.get("bought").asText());
        assertEquals("6000000.00", row.get("excluded").get("linkedParticipants").asText());
        assertEquals("6000000.00", row.get("purchases").asText(), "only the unlinked purchase qualifies");
    }
}
