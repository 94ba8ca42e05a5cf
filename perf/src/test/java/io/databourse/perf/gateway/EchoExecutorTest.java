package io.databourse.perf.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.aeron.Aeron;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.ProductCommandDecoder;
import io.databourse.journal.sbe.ReferenceDataEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.JournalRecord;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The echo executor answers on the event stream as the matcher would, driven by doWork() with no thread of its own. */
class EchoExecutorTest
{
    private static final long TIME_NS = 1_765_000_000_000_000_000L;
    private MediaDriver driver;
    private Aeron aeron;
    private Publication commands;
    private Subscription events;
    private EchoExecutor executor;
    private final List<byte[]> records = new ArrayList<>();

    @BeforeEach
    void start() throws Exception
    {
        final String dir = "/dev/shm/databourse-echo-executor-test-" + ProcessHandle.current().pid();
        driver = MediaDriver.launch(new MediaDriver.Context().aeronDirectoryName(dir).threadingMode(ThreadingMode.SHARED)
            .dirDeleteOnStart(true).dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(dir));
        commands = aeron.addPublication("aeron:ipc", 1001);
        events = aeron.addSubscription("aeron:ipc", 1002);
        final ExpandableArrayBuffer product = new ExpandableArrayBuffer(512);
        RoundTripServer.parseProduct(product);
        executor = new EchoExecutor(aeron.addSubscription("aeron:ipc", 1001), aeron.addPublication("aeron:ipc", 1002),
            () -> TIME_NS, product, 7);
        while (!commands.isConnected() || !events.isConnected())
        {
            Thread.yield();
        }
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(aeron, driver);
    }

    @Test
    void answersAnIocOrderAsTheMatcherWithNothingToMatch()
    {
        offer(newOrder("order-1", Codes.TimeInForce.IOC, 42), NewOrderCommandEncoder.BLOCK_LENGTH);

        pollUntil(1);

        final JournalRecord record = new JournalRecord().wrap(new UnsafeBuffer(records.get(0)), 0);
        assertEquals(1, record.seq());
        assertEquals(TIME_NS, record.timeNs());
        assertEquals(MessageType.NEW_ORDER, record.commandType());
        assertEquals(2, record.eventCount());
        assertEquals(EchoExecutor.CANCELLED_ANSWER_LENGTH, record.length());
        final OrderEventDecoder event = Codecs.wrap(new OrderEventDecoder(), record.buffer(), record.eventsOffset());
        assertEquals(MessageType.ORDER_ACCEPTED, event.header().type());
        assertEquals(42, event.header().sessionId(), "the event goes back to the session that sent the order");
        assertEquals("order-1", event.clOrdId());
        assertEquals(7, event.product());
        assertEquals(Codes.Side.BUY, event.side());
        assertEquals(Codes.TimeInForce.IOC, event.tif());
        assertEquals(1200, event.priceFen());
        assertEquals(3, event.orderQty());
        assertEquals(3, event.leavesQty());
        assertEquals(0, event.cumQty());
        Codecs.wrap(event, record.buffer(), record.eventsOffset() + OrderEventDecoder.BLOCK_LENGTH);
        assertEquals(MessageType.ORDER_CANCELLED, event.header().type());
        assertEquals(Codes.CancelReason.IOC_REMAINDER, event.reason());
        assertEquals("order-1", event.clOrdId());
        assertEquals(3, event.leavesQty(), "what was open before the cancel, as the matcher reports it");
    }

    @Test
    void answersAGoodTillCancelledOrderWithAnAcceptedEventOnly()
    {
        offer(newOrder("order-2", Codes.TimeInForce.GTC, 9), NewOrderCommandEncoder.BLOCK_LENGTH);

        pollUntil(1);

        final JournalRecord record = new JournalRecord().wrap(new UnsafeBuffer(records.get(0)), 0);
        assertEquals(1, record.eventCount());
        assertEquals(EchoExecutor.RESTING_ANSWER_LENGTH, record.length());
        final OrderEventDecoder accepted = Codecs.wrap(new OrderEventDecoder(), record.buffer(), record.eventsOffset());
        assertEquals(MessageType.ORDER_ACCEPTED, accepted.header().type());
        assertEquals("order-2", accepted.clOrdId());
    }

    private static UnsafeBuffer newOrder(final String clOrdId, final byte tif, final int sessionId)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[NewOrderCommandEncoder.BLOCK_LENGTH]);
        Codecs.encode(new NewOrderCommandEncoder(), buffer, 0, sessionId).participantId("P1")
            .productId(RoundTripClient.SYMBOL).clOrdId(clOrdId)
            .side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(tif).priceFen(1200).qty(3);
        return buffer;
    }

    @Test
    void answersAProductListRequestWithASnapshotOfItsProductAndIgnoresOtherCommands()
    {
        final UnsafeBuffer request = new UnsafeBuffer(new byte[RecordHeader.ENCODED_LENGTH]);
        request.putShort(RecordHeader.LENGTH_OFFSET, (short)RecordHeader.ENCODED_LENGTH);
        request.putShort(RecordHeader.TYPE_OFFSET, (short)MessageType.END_OF_DAY);
        offer(request, RecordHeader.ENCODED_LENGTH);
        request.putShort(RecordHeader.TYPE_OFFSET, (short)MessageType.PRODUCT_LIST_REQUEST);
        offer(request, RecordHeader.ENCODED_LENGTH);

        pollUntil(1);

        assertEquals(1, executor.ignored());
        final JournalRecord record = new JournalRecord().wrap(new UnsafeBuffer(records.get(0)), 0);
        assertEquals(MessageType.PRODUCT_LIST_REQUEST, record.commandType());
        final ReferenceDataEventDecoder snapshot = new ReferenceDataEventDecoder();
        Codecs.wrap(snapshot, record.buffer(), record.eventsOffset());
        assertEquals(MessageType.PRODUCT_SNAPSHOT, snapshot.header().type());
        assertEquals(7, snapshot.product());
        final ProductCommandDecoder product = new ProductCommandDecoder();
        Codecs.wrap(product, record.buffer(), snapshot.offset() + ReferenceDataEventDecoder.BLOCK_LENGTH);
        assertEquals(RoundTripClient.SYMBOL, product.productId());
        assertEquals(product.referencePriceFen(), snapshot.qty(), "the reference price, as the matcher sends it");
        assertTrue(snapshot.qty() > 0);
    }

    private void offer(final UnsafeBuffer buffer, final int length)
    {
        while (commands.offer(buffer, 0, length) < 0)
        {
            Thread.yield();
        }
    }

    private void pollUntil(final int count)
    {
        final long deadlineNs = System.nanoTime() + 10_000_000_000L;
        while (records.size() < count && System.nanoTime() < deadlineNs)
        {
            executor.doWork();
            events.poll((buffer, offset, length, header) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                records.add(copy);
            }, 10);
        }
        assertEquals(count, records.size());
    }
}
