package io.databourse.gateway.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import io.databourse.journal.schema.Codes;
import org.junit.jupiter.api.Test;

class BookTrackerTest
{
    private final List<String> changes = new ArrayList<>();
    private final BookTracker book = new BookTracker(
        (product, side, priceFen, qty) -> changes.add(product + ":" + side + ":" + priceFen + "=" + qty));

    @Test
    void restingOrdersFillsCancelsAndReplacesMoveLevels()
    {
        book.onAccepted(1, 0, Codes.Side.BUY, Codes.OrdType.LIMIT, 1000, 10);
        book.onAccepted(2, 0, Codes.Side.BUY, Codes.OrdType.LIMIT, 1000, 5);
        book.onAccepted(3, 0, Codes.Side.SELL, Codes.OrdType.LIMIT, 1100, 7);
        book.endRecord();
        assertEquals(List.of("0:0:1000=15", "0:1:1100=7"), changes);
        changes.clear();

        // An aggressor sell for 12 at 1000: accepted in full, then fills 10 and 2; it never rests.
        book.onAccepted(4, 0, Codes.Side.SELL, Codes.OrdType.LIMIT, 1000, 12);
        book.onTrade(1, 4, 10);
        book.onTrade(2, 4, 2);
        book.endRecord();
        assertEquals(List.of("0:0:1000=3"), changes);
        changes.clear();

        book.onReplaced(3, 0, Codes.Side.SELL, Codes.OrdType.LIMIT, 1200, 7);
        book.onDone(2);
        book.onAccepted(5, 0, Codes.Side.BUY, Codes.OrdType.MARKET, 0, 9);
        book.endRecord();
        assertEquals(List.of("0:1:1100=0", "0:1:1200=7", "0:0:1000=0"), changes);

        final List<String> snapshot = new ArrayList<>();
        book.onAccepted(6, 0, Codes.Side.BUY, Codes.OrdType.LIMIT, 900, 1);
        book.onAccepted(7, 0, Codes.Side.BUY, Codes.OrdType.LIMIT, 950, 2);
        book.onAccepted(8, 0, Codes.Side.SELL, Codes.OrdType.LIMIT, 1150, 3);
        book.endRecord();
        book.snapshot(0, 0, (side, priceFen, qty) -> snapshot.add(side + ":" + priceFen + "=" + qty));
        assertEquals(List.of("0:950=2", "0:900=1", "1:1150=3", "1:1200=7"), snapshot);
        snapshot.clear();
        book.snapshot(0, 1, (side, priceFen, qty) -> snapshot.add(side + ":" + priceFen + "=" + qty));
        assertEquals(List.of("0:950=2", "1:1150=3"), snapshot);
    }
}
