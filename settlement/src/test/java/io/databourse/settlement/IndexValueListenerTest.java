package io.databourse.settlement;

import static io.databourse.testsupport.JournalFixture.DAY_NS;
import static io.databourse.testsupport.JournalFixture.T0_NS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import io.databourse.testsupport.JournalFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index stage tells its values to whoever publishes them further (the gateway's index symbols in
 * {@code run}): an index when it appears (status none), each value it publishes, and, when the stage
 * opens again, every index as it stands, so a publisher started after a restart knows them all.
 */
class IndexValueListenerTest
{
    @TempDir
    Path dir;

    @Test
    void everyIndexWhenItAppearsEachValueAndAllOfThemAfterARestart()
    {
        final Path journal = dir.resolve("journal");
        try (JournalFixture f = new JournalFixture(journal))
        {
            final int seller = f.participant("S");
            final int buyer = f.participant("B");
            final int data = f.product("DATA1", Codes.ProductKind.DATA, 1, 1, 0, Codes.DeliveryMode.API);
            f.inventory(seller, data, 1_000);
            f.deposit(buyer, 100_000_000, 100_000_000, 0);
            f.time(T0_NS);
            f.cross(seller, buyer, data, 1_000, 10);
            f.time(T0_NS + DAY_NS); // the next day's first record closes the day: the category's base level
            f.cross(seller, buyer, data, 1_100, 10);
        }

        final List<String> told = new ArrayList<>();
        settle(journal, told);
        assertEquals(List.of("IDX.DATA.GENERAL 0 none 0", "IDX.DATA.GENERAL 100000 live 0"), told);

        told.clear();
        settle(journal, told); // nothing new in the journal: only what stands, once, when the stage opens
        assertEquals(List.of("IDX.DATA.GENERAL 100000 live 0"), told);
    }

    private void settle(final Path journal, final List<String> told)
    {
        final SettlementPipeline pipeline = new SettlementPipeline(SettlementTestSupport.ctx(journal, dir.resolve("state"))
            .indexValueListener((index, value, status, qty) -> told.add(index + " " + value + " " + status + " " + qty))
            .conclude());
        SettlementPipeline.runBatch(pipeline);
        pipeline.close();
    }
}
