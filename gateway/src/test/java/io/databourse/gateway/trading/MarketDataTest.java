package io.databourse.gateway.trading;

import static io.databourse.gateway.trading.RecordingSession.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.ProductCommand;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Market data on bytes: a request, the snapshot the views deliver, the updates that follow it. */
class MarketDataTest
{
    private final RecordingSession session = new RecordingSession(new SessionConfig().sessionId(11).participant("alice"));
    private final ProductDirectory products = new ProductDirectory(16);
    private final IntArrayList snapshotsAsked = new IntArrayList();
    private final MarketData marketData = new MarketData(products, product ->
    {
        snapshotsAsked.addInt(product);
        return true;
    }, null);

    MarketDataTest()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final ProductCommand product = new ProductCommand();
        product.wrapForEncode(buffer, 0, 0);
        product.productId("DATA-1");
        product.kind(Codes.ProductKind.DATA).grade(Codes.Grade.GENERAL).status(Codes.ProductStatus.LISTED);
        product.tickFen(1).lotQty(1).referencePriceFen(1000);
        products.onRegistered(3, buffer, 0);
    }

    private static FixMessage parse(final String body)
    {
        final String raw = TestFix.message("35=V|49=ALICE|56=DBX|34=2|52=20260101-00:00:00.000|" + body);
        final FixMessage m = new FixMessage(64);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()), raw);
        return m;
    }

    @Test
    void theSnapshotShowsTheBookAndTheUpdatesAfterItSayNewChangeDelete()
    {
        marketData.request(session, parse("262=MD1|263=1|264=0|267=2|269=0|269=1|146=1|55=DATA-1|"));
        assertEquals(3, snapshotsAsked.getInt(0));
        assertTrue(marketData.wanted());
        // An update queued before the snapshot is not shown: the snapshot already holds it.
        marketData.onBookLevel(session, 3, Codes.Side.BUY, 990, 5);
        assertEquals(0, session.sent.size());

        marketData.onSnapshotBegin();
        marketData.onSnapshotLevel(Codes.Side.BUY, 990, 5);
        marketData.onSnapshotLevel(Codes.Side.SELL, 1010, 2);
        marketData.onSnapshotEnd(session, 3);
        final String snapshot = session.last();
        assertEquals("W", field(snapshot, 35));
        assertEquals("MD1", field(snapshot, 262));
        assertEquals("2", field(snapshot, 268));
        assertTrue(snapshot.contains("|269=0|270=9.90|271=5|269=1|270=10.10|271=2|"), snapshot);

        marketData.onBookLevel(session, 3, Codes.Side.BUY, 990, 7);
        assertEquals("1", field(session.last(), 279), "a level the snapshot showed changes");
        marketData.onBookLevel(session, 3, Codes.Side.BUY, 980, 1);
        assertEquals("0", field(session.last(), 279), "a level it did not is new");
        marketData.onBookLevel(session, 3, Codes.Side.SELL, 1010, 0);
        final String delete = session.last();
        assertEquals("2", field(delete, 279));
        assertEquals("1", field(delete, 269));
        assertEquals(null, field(delete, 271), "a delete has no size");
    }

    @Test
    void anUnknownSymbolIsRejectedAndUnsubscribingStopsTheUpdates()
    {
        marketData.request(session, parse("262=MD2|263=1|264=0|267=1|269=0|146=1|55=NOPE|"));
        assertEquals("Y", field(session.last(), 35));
        assertEquals("0", field(session.last(), 281));
        assertFalse(marketData.wanted());

        marketData.request(session, parse("262=MD3|263=1|264=0|267=1|269=0|146=1|55=DATA-1|"));
        marketData.onSnapshotBegin();
        marketData.onSnapshotEnd(session, 3);
        final int sent = session.sent.size();
        marketData.request(session, parse("262=MD3|263=2|264=0|267=1|269=0|146=1|55=DATA-1|"));
        assertFalse(marketData.wanted());
        marketData.onBookLevel(session, 3, Codes.Side.BUY, 990, 5);
        assertEquals(sent, session.sent.size());
    }
}
