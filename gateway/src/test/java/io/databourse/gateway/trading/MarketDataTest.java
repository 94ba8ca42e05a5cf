package io.databourse.gateway.trading;

import static io.databourse.gateway.trading.RecordingSession.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.AuctionEventDecoder;
import io.databourse.journal.sbe.AuctionEventEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
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
        final ProductCommandEncoder product = new ProductCommandEncoder();
        Codecs.encode(product, buffer, 0, 0);
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

    private static AuctionEventDecoder auction(final int type, final long priceFen, final long volume,
        final byte cause)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[128]);
        Codecs.encode(new AuctionEventEncoder(), buffer, 0, 0, type).product(3).cause(cause).priceFen(priceFen).volume(volume);
        return Codecs.wrap(new AuctionEventDecoder(), buffer, 0);
    }

    @Test
    void aCallAuctionShowsItsStatusAndIndicativePriceAsOpeningPriceEntriesFlaggedTheoretical()
    {
        marketData.request(session, parse("262=MD4|263=1|264=0|267=1|269=0|146=1|55=DATA-1|"));
        // the auction is on when the snapshot is taken: its indicative price is in it, then its status
        products.onAuction(3, true, 1020, 7);
        marketData.onSnapshotBegin();
        marketData.onSnapshotLevel(Codes.Side.BUY, 1030, 7);
        marketData.onSnapshotLevel(Codes.Side.SELL, 1010, 9);
        marketData.onSnapshotEnd(session, 3);
        final String snapshot = session.sent.get(session.sent.size() - 2);
        assertEquals("W", field(snapshot, 35));
        assertTrue(snapshot.contains("|269=4|270=10.20|271=7|286=5|"), snapshot);
        assertEquals("f", field(session.last(), 35));
        assertEquals("21", field(session.last(), 326), "pre-open: the auction collects orders");

        marketData.onAuction(session, auction(io.databourse.journal.schema.MessageType.AUCTION_INDICATIVE, 1025, 9,
            Codes.AuctionCause.ADMIN));
        final String change = session.last();
        assertEquals("X", field(change, 35));
        assertEquals("1", field(change, 279), "the snapshot showed one: a change");
        assertEquals("4", field(change, 269));
        assertEquals("10.25", field(change, 270));
        assertEquals("9", field(change, 271));
        assertEquals("5", field(change, 286));

        final int before = session.sent.size();
        marketData.onAuction(session, auction(io.databourse.journal.schema.MessageType.AUCTION_UNCROSSED, 1025, 9,
            Codes.AuctionCause.END_TIME));
        assertEquals(before + 2, session.sent.size());
        final String delete = session.sent.get(before);
        assertEquals("2", field(delete, 279), "the indicative price is gone with the auction");
        assertEquals("4", field(delete, 269));
        assertEquals("17", field(session.last(), 326), "ready to trade: continuous trading");

        marketData.onAuction(session, auction(io.databourse.journal.schema.MessageType.AUCTION_STARTED, 0, 0,
            Codes.AuctionCause.RESUME));
        assertEquals("21", field(session.last(), 326));
        marketData.onAuction(session, auction(io.databourse.journal.schema.MessageType.AUCTION_INDICATIVE, 990, 1,
            Codes.AuctionCause.ADMIN));
        assertEquals("0", field(session.last(), 279), "a new auction's first indicative price is new");
        marketData.onAuction(session, auction(io.databourse.journal.schema.MessageType.AUCTION_UNCROSSED, 0, 0,
            Codes.AuctionCause.HALTED));
        assertEquals("2", field(session.last(), 326), "a halt ends it");
    }
}
