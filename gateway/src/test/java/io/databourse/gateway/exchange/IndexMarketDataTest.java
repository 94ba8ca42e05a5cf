package io.databourse.gateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.databourse.index.IndexRules;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.EndOfDayCommand;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ProductCommand;
import io.databourse.journal.schema.ReferenceDataEvent;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** An index over part of the journal would be wrong: a gateway that did not see it all refuses index requests. */
class IndexMarketDataTest
{
    private static final long T0_NS = 1_772_359_200_000_000_000L;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[512]);
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[2048]);

    private JournalRecord computeProduct(final long seq, final int index, final String id)
    {
        final ProductCommand c = new ProductCommand();
        c.wrapForEncode(command, 0, 0);
        c.productId(id);
        c.kind(Codes.ProductKind.COMPUTE).status(Codes.ProductStatus.LISTED).tickFen(1).lotQty(1).bandBps(-1);
        c.hardware("H100");
        c.region("GY1");
        final ReferenceDataEvent e = new ReferenceDataEvent();
        e.wrapForEncode(events, 0, MessageType.PRODUCT_REGISTERED, c);
        e.product(index);
        JournalRecord.encode(record, 0, seq, T0_NS, command, 0, c.length(), events, 0, e.length(), 1);
        return new JournalRecord().wrap(record, 0);
    }

    private JournalRecord tick(final long seq)
    {
        final EndOfDayCommand c = new EndOfDayCommand();
        c.wrapForEncode(command, 0, 0);
        JournalRecord.encode(record, 0, seq, T0_NS, command, 0, c.length(), events, 0, 0, 0);
        return new JournalRecord().wrap(record, 0);
    }

    @Test
    void aGatewayThatSawTheJournalFromItsStartServesIndexes()
    {
        final IndexMarketData indexes = new IndexMarketData(IndexRules.defaults(), 16);
        indexes.onRecord(computeProduct(1, 0, "C1"));
        indexes.onRecord(tick(2));
        assertTrue(indexes.complete());
        assertEquals(List.of("IDX.H100.GY1"), indexes.symbols(), "known as soon as its first product registers");
        assertTrue(indexes.request(null, "r", "IDX.NOPE", true).startsWith("0Unknown symbol"));
    }

    @Test
    void aGatewayThatJoinedLateOrMissedRecordsRefusesIndexRequests()
    {
        final IndexMarketData late = new IndexMarketData(IndexRules.defaults(), 16);
        late.onRecord(computeProduct(7, 0, "C1"));
        assertFalse(late.complete());
        assertEquals("2Index IDX.H100.GY1 unavailable: this gateway has not seen the journal from its start",
            late.request(null, "r", "IDX.H100.GY1", true));

        final IndexMarketData gap = new IndexMarketData(IndexRules.defaults(), 16);
        gap.onRecord(computeProduct(1, 0, "C1"));
        gap.onRecord(tick(2));
        gap.onRecord(tick(2)); // a record split in chunks repeats its seq: not a gap
        assertTrue(gap.complete());
        gap.onRecord(tick(4));
        assertFalse(gap.complete(), "seq 3 was never seen");
    }
}
