package io.databourse.gateway.trading;

import static io.databourse.gateway.trading.RecordingSession.field;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** The matcher's event bytes in, the session's FIX reports out. */
class ExecutionReportsTest
{
    private static final int SESSION = 11;
    private final RecordingSession session = new RecordingSession(new SessionConfig().sessionId(SESSION).participant("alice"));
    private final ExecutionReports reports = new ExecutionReports(
        new SessionConfig().sessionId(SESSION).participant("alice"), new ProductDirectory(16), new PendingRequests());
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);

    @Test
    void anAcceptedOrderIsReportedNewWithAnExecIdNamingItsRecordAndEvent()
    {
        final OrderEventEncoder event = Codecs.encode(new OrderEventEncoder(), buffer, 0, SESSION, MessageType.ORDER_ACCEPTED);
        event.orderId(77).participant(3).product(5).side(Codes.Side.SELL).ordType(Codes.OrdType.LIMIT)
            .tif(Codes.TimeInForce.IOC).priceFen(1234).orderQty(10).leavesQty(10).cumQty(0).cumNotionalFen(0);
        event.clOrdId("C1");
        reports.onEvent(session, MessageType.ORDER_ACCEPTED, buffer, 0, event.encodedLength(), 42, 1, 3_000_000L, '\0');
        final String report = session.last();
        assertEquals("8", field(report, 35));
        assertEquals("77", field(report, 37));
        assertEquals("C1", field(report, 11));
        assertEquals("42-1", field(report, 17));
        assertEquals("0", field(report, 150));
        assertEquals("0", field(report, 39));
        assertEquals("2", field(report, 54));
        assertEquals("3", field(report, 59));
        assertEquals("12.34", field(report, 44));
        assertEquals("#5", field(report, 55), "a product the directory does not know yet is named by index");
        assertEquals("alice", field(report, 1));
    }

    @Test
    void aTradeIsReportedToEachSideOfThisSessionWithItsOwnExecId()
    {
        final TradeEventEncoder trade = Codecs.encode(new TradeEventEncoder(), buffer, 0, 0);
        trade.product(5).priceFen(1200).qty(3).buyOrderId(1).sellOrderId(2).buyLeavesQty(0).sellLeavesQty(4)
            .buyCumQty(3).sellCumQty(3).buyCumNotionalFen(3600).sellCumNotionalFen(3600).buyOrderQty(3).sellOrderQty(7)
            .buySessionId(SESSION).sellSessionId(SESSION).buyFeeFen(5).sellFeeFen(6);
        trade.buyClOrdId("B1");
        trade.sellClOrdId("S1");
        reports.onEvent(session, MessageType.TRADE, buffer, 0, trade.encodedLength(), 43, 0, 0, '\0');
        assertEquals(2, session.sent.size());
        final String buy = session.sent.get(0);
        final String sell = session.sent.get(1);
        assertEquals("43-0-B", field(buy, 17));
        assertEquals("F", field(buy, 150));
        assertEquals("2", field(buy, 39), "nothing left: filled");
        assertEquals("B1", field(buy, 11));
        assertEquals("0.05", field(buy, 12));
        assertEquals("43-0-S", field(sell, 17));
        assertEquals("1", field(sell, 39), "4 left: partly filled");
        assertEquals("12.00", field(sell, 31));
        assertEquals("3", field(sell, 32));
    }
}
