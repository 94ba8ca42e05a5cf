package io.databourse.index;

import io.databourse.journal.sbe.AuctionCommandEncoder;
import io.databourse.journal.sbe.AuctionEventEncoder;
import io.databourse.journal.sbe.EndOfDayCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReferenceDataEventEncoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.ReferenceDataTail;
import org.agrona.concurrent.UnsafeBuffer;

/** Builds journal records in memory, one at a time, as the matcher would write them (tests only). */
final class Records
{
    static final long T0_NS = 1_772_359_200_000_000_000L; // 2026-03-01T10:00:00Z
    static final long MINUTE_NS = 60_000_000_000L;
    static final long HOUR_NS = 60 * MINUTE_NS;
    static final long DAY_NS = 24 * HOUR_NS;

    private final UnsafeBuffer command = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer events = new UnsafeBuffer(new byte[4096]);
    private final UnsafeBuffer record = new UnsafeBuffer(new byte[8192]);
    private final JournalRecord view = new JournalRecord();
    private long seq;
    private long tradeId;
    private int products;

    long seq()
    {
        return seq;
    }

    JournalRecord product(final long timeNs, final String id, final byte kind, final byte grade, final String hardware,
        final String region, final long referenceFen)
    {
        final ProductCommandEncoder c = new ProductCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        c.productId(id);
        c.kind(kind);
        c.grade(grade);
        c.status(Codes.ProductStatus.LISTED);
        c.tickFen(1);
        c.lotQty(1);
        c.bandBps(-1);
        c.referencePriceFen(referenceFen);
        if (null != hardware)
        {
            c.hardware(hardware);
            c.region(region);
        }
        final ReferenceDataEventEncoder e = new ReferenceDataEventEncoder();
        ReferenceDataTail.encode(e, events, 0, MessageType.PRODUCT_REGISTERED, c.buffer(), c.offset());
        e.product(products++);
        return encode(timeNs, c.encodedLength(), e.encodedLength(), 1);
    }

    JournalRecord data(final long timeNs, final String id, final byte grade, final long referenceFen)
    {
        return product(timeNs, id, Codes.ProductKind.DATA, grade, null, null, referenceFen);
    }

    JournalRecord compute(final long timeNs, final String id, final String hardware, final String region)
    {
        return product(timeNs, id, Codes.ProductKind.COMPUTE, Codes.Grade.GENERAL, hardware, region, 0);
    }

    /** One command with one trade per (product, price, qty) triple. */
    JournalRecord trades(final long timeNs, final long... productPriceQty)
    {
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), command, 0, 0);
        int length = 0;
        for (int k = 0; k < productPriceQty.length; k += 3)
        {
            final TradeEventEncoder e = Codecs.encode(new TradeEventEncoder(), events, length, 0);
            e.tradeId(++tradeId).product((int)productPriceQty[k]).priceFen(productPriceQty[k + 1])
                .qty(productPriceQty[k + 2]).buyer(0).seller(1);
            length += e.encodedLength();
        }
        return encode(timeNs, c.encodedLength(), length, productPriceQty.length / 3);
    }

    /** A call auction's end: the uncross event at its price, then one trade of {@code qty} at it. */
    JournalRecord uncross(final long timeNs, final int product, final long priceFen, final long qty)
    {
        final AuctionCommandEncoder c = new AuctionCommandEncoder();
        Codecs.encode(c, command, 0, 0);
        final AuctionEventEncoder a = new AuctionEventEncoder();
        Codecs.encode(a, events, 0, 0, io.databourse.journal.schema.MessageType.AUCTION_UNCROSSED);
        a.product(product).priceFen(priceFen).volume(qty);
        final TradeEventEncoder e = Codecs.encode(new TradeEventEncoder(), events, a.encodedLength(), 0);
        e.tradeId(++tradeId).product(product).priceFen(priceFen).qty(qty).buyer(0).seller(1)
            .aggressorSide(io.databourse.journal.schema.Codes.Side.NONE);
        return encode(timeNs, c.encodedLength(), a.encodedLength() + e.encodedLength(), 2);
    }

    /** A record without events (time passes). */
    JournalRecord tick(final long timeNs)
    {
        return encode(timeNs, Codecs.encode(new EndOfDayCommandEncoder(), command, 0, 0).encodedLength(), 0, 0);
    }

    private JournalRecord encode(final long timeNs, final int commandLength, final int eventsLength, final int eventCount)
    {
        JournalRecord.encode(record, 0, ++seq, timeNs, command, 0, commandLength, events, 0, eventsLength, eventCount);
        return view.wrap(record, 0);
    }
}
