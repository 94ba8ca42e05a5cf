package io.databourse.gateway.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.FixTags;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import org.junit.jupiter.api.Test;

/**
 * The order path of the trading application allocates nothing in steady state: a parsed
 * NewOrderSingle is checked, registered as pending and encoded into the matcher's command, which is
 * offered; the matcher's answer then frees the pending request (as ExecutionReports does). The
 * session path before it has its own test (session.AllocationTest).
 */
class OrderEntryAllocationTest
{
    private static final int CL_ORD_IDS = 64;

    private final SessionConfig config = new SessionConfig().sessionId(11).senderCompId("DBX").targetCompId("ALICE")
        .participant("alice");
    private final RecordingSession session = new RecordingSession(config);
    private final PendingRequests pending = new PendingRequests();
    /** Done ids of other orders: each order's ClOrdID is looked up among them, and is not one. */
    private final DoneClOrdIds doneClOrdIds = doneIds();
    private long commandsOffered;
    private long commandBytes;
    private final OrderEntry entry = new OrderEntry(config, new CommandPublisher((buffer, offset, length) ->
    {
        commandsOffered++;
        commandBytes += length;
        return 1;
    }, new GatewayCounters(), 3), pending, null, new LocalExecIds(11), doneClOrdIds);

    private static DoneClOrdIds doneIds()
    {
        final DoneClOrdIds ids = new DoneClOrdIds();
        final AsciiId id = new AsciiId(24);
        for (int i = 0; i < CL_ORD_IDS; i++)
        {
            id.set("DONE" + i);
            ids.add(id);
        }
        return ids;
    }

    @Test
    void aNewOrderSingleBecomesACommandWithoutAllocating()
    {
        final FixMessage[] orders = new FixMessage[CL_ORD_IDS];
        for (int i = 0; i < CL_ORD_IDS; i++)
        {
            final String raw = TestFix.message("35=D|49=ALICE|56=DBX|34=" + (i + 2) + "|52=20260101-00:00:00.000|" +
                "11=C" + i + "|55=DATA.X|54=" + (1 + i % 2) + "|38=" + (1 + i) + "|40=2|44=12.3" + (i % 10) +
                "|59=1|60=20260101-00:00:00|");
            orders[i] = new FixMessage(64);
            assertEquals(FixMessage.OK, orders[i].parse(TestFix.buffer(raw), 0, raw.length()));
        }
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        final int count = 50_000;
        run(orders, count); // warm up: JIT, the request pool, the pending map's capacity
        final long before = threads.getThreadAllocatedBytes(threadId);
        run(orders, count);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        System.out.println("order entry allocated " + allocated + " bytes for " + count + " orders");
        assertEquals(2L * count, commandsOffered, "every order became a command");
        assertEquals(0, session.sent.size(), "nothing refused: " + session.sent);
        assertEquals(0, pending.size());
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes for " + count + " orders");
    }

    private void run(final FixMessage[] orders, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final FixMessage order = orders[i % CL_ORD_IDS];
            entry.newOrderSingle(session, order);
            // The matcher's answer: the request is taken and returned to the pool.
            final int clOrdId = order.indexOf(FixTags.CL_ORD_ID);
            pending.release(pending.take(order.buffer(), order.valueOffsetAt(clOrdId), order.valueLengthAt(clOrdId)));
        }
    }
}
