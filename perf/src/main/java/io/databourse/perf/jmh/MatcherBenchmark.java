package io.databourse.perf.jmh;

import java.util.concurrent.TimeUnit;

import io.databourse.journal.sbe.CancelCommandEncoder;
import io.databourse.journal.sbe.CashCommandEncoder;
import io.databourse.journal.sbe.InventoryCommandEncoder;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.ParticipantCommandEncoder;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.sbe.ReplaceCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.matcher.Matcher;
import io.databourse.matcher.MatcherContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matcher operations on a book of ~1,000 resting orders (exchange-core's depth), one thread:
 * <pre>
 *   pre-encoded command buffers --apply--> Matcher (bids 9000..9499, asks 10001..10500,
 *                                                  a deep level of DEEP_ORDERS x 1 unit at 10000)
 * </pre>
 * Run with {@code -prof gc}: gc.alloc.rate.norm is the allocation per operation, which must be 0
 * on these steady-state paths. Each benchmark checks the events it caused once per iteration.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MatcherBenchmark
{
    static final int DEEP_ORDERS = 10_000;
    static final long DEEP_PRICE = 10_000;

    private Matcher matcher;
    private long seq;
    private UnsafeBuffer placeBuy;
    private UnsafeBuffer cancelBuy;
    private UnsafeBuffer[] moves;
    private int moveIndex;
    private UnsafeBuffer iocBuyOne;
    private UnsafeBuffer[] refills;
    private int refillIndex;

    @Setup(Level.Trial)
    public void setUp()
    {
        matcher = new Matcher(new MatcherContext().ordersMax(64 * 1024).levelsMax(16 * 1024)
            .participantsMax(64).productsMax(16).conclude());
        apply(participant("MM"));
        apply(participant("B1"));
        apply(participant("S1"));
        apply(official("C1", Codes.Role.COMPLIANCE_OFFICER));
        apply(official("SP1", Codes.Role.DATA_SPONSOR));
        apply(deposit("MM"));
        apply(deposit("B1"));
        apply(deposit("S1"));
        apply(product("P1"));
        apply(inventory("MM"));
        // only the owner (MM) is issued units: S1 buys the half it will sell, at 1 fen a unit
        apply(newOrder("MM", "stock", Codes.Side.SELL, Codes.TimeInForce.GTC, 1, STOCK));
        apply(newOrder("S1", "stock", Codes.Side.BUY, Codes.TimeInForce.IOC, 1, STOCK));
        for (int i = 0; i < 500; i++)
        {
            apply(newOrder("MM", "b" + i, Codes.Side.BUY, Codes.TimeInForce.GTC, 9_000 + i, 10));
            apply(newOrder("MM", "a" + i, Codes.Side.SELL, Codes.TimeInForce.GTC, 10_001 + i, 10));
        }
        refills = new UnsafeBuffer[DEEP_ORDERS + 1];
        for (int i = 0; i <= DEEP_ORDERS; i++)
        {
            refills[i] = newOrder("S1", "d" + i, Codes.Side.SELL, Codes.TimeInForce.GTC, DEEP_PRICE, 1);
        }
        for (int i = 0; i < DEEP_ORDERS; i++)
        {
            apply(refills[i]);
        }
        refillIndex = DEEP_ORDERS;
        placeBuy = newOrder("B1", "pc", Codes.Side.BUY, Codes.TimeInForce.GTC, 9_500, 5);
        cancelBuy = cancel("B1", "pc");
        apply(newOrder("B1", "m0", Codes.Side.BUY, Codes.TimeInForce.GTC, 9_400, 7));
        moves = new UnsafeBuffer[] {replace("B1", "m0", "m1", 9_401, 7), replace("B1", "m1", "m0", 9_400, 7)};
        iocBuyOne = newOrder("B1", "ioc", Codes.Side.BUY, Codes.TimeInForce.IOC, DEEP_PRICE, 1);
    }

    @Setup(Level.Iteration)
    public void checkBook()
    {
        // A reject here means the benchmark measures the wrong path: fail loudly rather than report it.
        if (matcher.liveOrderCount() < 1_000 + DEEP_ORDERS)
        {
            throw new IllegalStateException("book shrank to " + matcher.liveOrderCount());
        }
    }

    /** Place a passive order then cancel it: the pair leaves the book as it was. */
    @Benchmark
    @OperationsPerInvocation(2)
    public int placeAndCancel()
    {
        apply(placeBuy);
        final int events = matcher.eventCount();
        apply(cancelBuy);
        return events + expectNoReject();
    }

    /** Move a resting order one tick and back (a replace with a new price, same quantity). */
    @Benchmark
    public int move()
    {
        apply(moves[moveIndex]);
        moveIndex ^= 1;
        return expectNoReject();
    }

    /** An IOC for one unit trades with the head of a deep level; one unit re-joins the tail. */
    @Benchmark
    @OperationsPerInvocation(2)
    public int matchDeepLevel()
    {
        apply(iocBuyOne);
        final int events = matcher.eventCount();
        refillIndex = refillIndex == DEEP_ORDERS ? 0 : refillIndex + 1;
        apply(refills[refillIndex]);
        return events + expectNoReject();
    }

    private int expectNoReject()
    {
        if (matcher.eventsLength() > 0 && RecordHeader.typeAt(matcher.eventBuffer(), 0) == MessageType.REJECTED)
        {
            throw new IllegalStateException("benchmark command rejected");
        }
        return matcher.eventsLength();
    }

    private void apply(final UnsafeBuffer command)
    {
        final long s = ++seq;
        matcher.apply(s, s, command, 0, RecordHeader.lengthAt(command, 0));
    }

    static UnsafeBuffer participant(final String id)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        final ParticipantCommandEncoder c = new ParticipantCommandEncoder();
        Codecs.encode(c, b, 0, 0);
        c.participantId(id);
        c.roles(Codes.Role.BUYER | Codes.Role.DATA_SUPPLIER).qualification(Codes.Grade.GENERAL)
            .jurisdiction(Codes.Jurisdiction.DOMESTIC).status(Codes.ParticipantStatus.ADMITTED);
        return b;
    }

    static UnsafeBuffer official(final String id, final int role)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        final ParticipantCommandEncoder c = new ParticipantCommandEncoder();
        Codecs.encode(c, b, 0, 0);
        c.participantId(id);
        c.roles(role).status(Codes.ParticipantStatus.ADMITTED);
        return b;
    }

    static UnsafeBuffer deposit(final String id)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        final CashCommandEncoder c = Codecs.encode(new CashCommandEncoder(), b, 0, 0, MessageType.DEPOSIT);
        c.participantId(id);
        c.amountFen(1_000_000_000_000_000L);
        c.requestId("fund-" + id);
        return b;
    }

    static UnsafeBuffer product(final String id)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[ProductCommandEncoder.BLOCK_LENGTH]);
        final ProductCommandEncoder c = new ProductCommandEncoder();
        Codecs.encode(c, b, 0, 0);
        c.productId(id);
        c.kind(Codes.ProductKind.DATA).grade(Codes.Grade.GENERAL)
            .rights((byte)(Codes.Rights.PROCESS_USE | Codes.Rights.OPERATE))
            .delivery(Codes.DeliveryMode.API).crossBorder(Codecs.bool(true)).status(Codes.ProductStatus.LISTED)
            .tickFen(1).lotQty(1).bandBps(-1);
        c.owner("MM");
        c.sponsor("SP1");
        c.reviewedBy("C1");
        return b;
    }

    /** Units S1 buys from MM to sell: one a deep-level match, far more than any run makes. */
    private static final long STOCK = 500_000_000_000L;

    static UnsafeBuffer inventory(final String id)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[256]);
        final InventoryCommandEncoder c = Codecs.encode(new InventoryCommandEncoder(), b, 0, 0);
        c.participantId(id);
        c.productId("P1");
        c.qty(1_000_000_000_000L);
        return b;
    }

    static UnsafeBuffer newOrder(
        final String participant, final String clOrdId, final byte side, final byte tif, final long priceFen,
        final long qty)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[NewOrderCommandEncoder.BLOCK_LENGTH]);
        final NewOrderCommandEncoder c = Codecs.encode(new NewOrderCommandEncoder(), b, 0, 1);
        c.participantId(participant);
        c.productId("P1");
        c.clOrdId(clOrdId);
        c.side(side).ordType(Codes.OrdType.LIMIT).tif(tif).stp(Codes.SelfTradePrevention.CANCEL_NEWEST)
            .priceFen(priceFen).qty(qty);
        return b;
    }

    static UnsafeBuffer cancel(final String participant, final String origClOrdId)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[CancelCommandEncoder.BLOCK_LENGTH]);
        final CancelCommandEncoder c = Codecs.encode(new CancelCommandEncoder(), b, 0, 1);
        c.participantId(participant);
        c.clOrdId("c-" + origClOrdId);
        c.origClOrdId(origClOrdId);
        return b;
    }

    static UnsafeBuffer replace(
        final String participant, final String origClOrdId, final String clOrdId, final long priceFen, final long qty)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[ReplaceCommandEncoder.BLOCK_LENGTH]);
        final ReplaceCommandEncoder c = Codecs.encode(new ReplaceCommandEncoder(), b, 0, 1);
        c.participantId(participant);
        c.origClOrdId(origClOrdId);
        c.clOrdId(clOrdId);
        c.priceFen(priceFen).qty(qty);
        return b;
    }
}
