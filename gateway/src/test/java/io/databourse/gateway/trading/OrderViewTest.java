package io.databourse.gateway.trading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.databourse.journal.sbe.OrderEventDecoder;
import io.databourse.journal.sbe.OrderEventEncoder;
import io.databourse.journal.sbe.TradeEventDecoder;
import io.databourse.journal.sbe.TradeEventEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class OrderViewTest
{
    private static final int ALICE = 3;
    private static final int BOB = 4;
    private static final int ALICE_SESSION = 11;
    private static final int BOB_SESSION = 12;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
    private final OrderEventEncoder event = new OrderEventEncoder();
    private final TradeEventEncoder trade = new TradeEventEncoder();

    private OrderView view(final int doneOrdersMax)
    {
        final Int2ObjectHashMap<String> sessions = new Int2ObjectHashMap<>();
        sessions.put(ALICE_SESSION, "alice");
        sessions.put(BOB_SESSION, "bob");
        final OrderView view = new OrderView(sessions, doneOrdersMax);
        view.onParticipantRegistered(ALICE, "alice");
        view.onParticipantRegistered(BOB, "bob");
        view.onParticipantRegistered(9, "someone-else");
        return view;
    }

    private void order(final OrderView view, final int type, final int session, final int participant, final long orderId,
        final String clOrdId, final String origClOrdId, final long leaves, final long cum, final byte reason)
    {
        Codecs.encode(event, buffer, 0, session, type);
        event.orderId(orderId).participant(participant).product(0).side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT)
            .tif(Codes.TimeInForce.GTC).reason(reason).priceFen(1234).orderQty(10).leavesQty(leaves).cumQty(cum)
            .cumNotionalFen(cum * 1234);
        event.clOrdId(clOrdId);
        event.origClOrdId(origClOrdId);
        view.onOrderEvent(type, Codecs.wrap(new OrderEventDecoder(), buffer, 0), 1);
    }

    private static OrderView.Order byClOrdId(final OrderView view, final int participant, final String clOrdId)
    {
        final AsciiId id = new AsciiId(24);
        id.set(clOrdId);
        return view.byClOrdId(participant, id);
    }

    @Test
    void ordersAreFoundByIdAndBothClOrdIdsOnlyForTheirParticipant()
    {
        final OrderView view = view(10);
        order(view, MessageType.ORDER_ACCEPTED, ALICE_SESSION, ALICE, 1, "a1", "", 10, 0, (byte)0);
        order(view, MessageType.ORDER_REPLACED, ALICE_SESSION, ALICE, 1, "a2", "a1", 10, 0, (byte)0);
        assertSame(byClOrdId(view, ALICE, "a1"), byClOrdId(view, ALICE, "a2"));
        assertEquals("a2", byClOrdId(view, ALICE, "a1").clOrdId.toString());
        assertNull(byClOrdId(view, BOB, "a1"));
        assertNull(view.byOrderId(BOB, 1));
        assertEquals(1, view.liveOrdersOfSession(ALICE_SESSION));

        Codecs.encode(trade, buffer, 0, 0);
        trade.buyOrderId(1).sellOrderId(99).buyLeavesQty(6).buyCumQty(4).buyCumNotionalFen(4 * 1234).qty(4);
        view.onTrade(Codecs.wrap(new TradeEventDecoder(), buffer, 0), 2);
        assertEquals(OrdStatus.PARTIALLY_FILLED, view.byOrderId(ALICE, 1).ordStatus);
        assertEquals(6, view.byOrderId(ALICE, 1).leavesQty);

        // A mass cancel's id is not the order's: it keeps its own.
        order(view, MessageType.ORDER_CANCELLED, ALICE_SESSION, ALICE, 1, "COD1-1", "a2", 6, 4, Codes.CancelReason.MASS_CANCEL);
        final OrderView.Order cancelled = view.byOrderId(ALICE, 1);
        assertEquals(OrdStatus.CANCELED, cancelled.ordStatus);
        assertEquals(0, cancelled.leavesQty);
        assertEquals("a2", cancelled.clOrdId.toString());
        assertNull(byClOrdId(view, ALICE, "COD1-1"));
        assertEquals(0, view.liveOrdersOfSession(ALICE_SESSION));

        // Orders of participants the gateway does not serve are not kept.
        order(view, MessageType.ORDER_ACCEPTED, 77, 9, 2, "x", "", 10, 0, (byte)0);
        assertNull(view.byOrderId(9, 2));
    }

    @Test
    void doneOrdersBeyondTheBoundAreForgottenOldestFirst()
    {
        final OrderView view = view(2);
        for (int i = 1; i <= 4; i++)
        {
            order(view, MessageType.ORDER_ACCEPTED, BOB_SESSION, BOB, i, "b" + i, "", 10, 0, (byte)0);
        }
        order(view, MessageType.ORDER_ACCEPTED, BOB_SESSION, BOB, 5, "live", "", 10, 0, (byte)0);
        for (int i = 1; i <= 4; i++)
        {
            order(view, MessageType.ORDER_CANCELLED, BOB_SESSION, BOB, i, "c" + i, "b" + i, 10, 0, Codes.CancelReason.USER);
        }
        assertNull(view.byOrderId(BOB, 1));
        assertNull(byClOrdId(view, BOB, "b2"));
        assertNotNull(view.byOrderId(BOB, 3));
        assertNotNull(byClOrdId(view, BOB, "c4"));
        assertNotNull(byClOrdId(view, BOB, "b4"));
        assertNotNull(view.byOrderId(BOB, 5), "live orders are never forgotten");
        assertEquals(2, view.doneOrders());
        assertEquals(2, view.doneOrdersForgotten());
        assertEquals(1, view.liveOrders());
    }

    private static boolean isDone(final DoneClOrdIds ids, final String clOrdId)
    {
        final UnsafeBuffer bytes = new UnsafeBuffer(clOrdId.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return ids.contains(bytes, 0, clOrdId.length());
    }

    @Test
    void aDoneOrdersClOrdIdsAreHeldForItsParticipantUntilTheBoundForgetsIt()
    {
        final OrderView view = view(2);
        final DoneClOrdIds bob = view.doneClOrdIds("bob");
        final DoneClOrdIds alice = view.doneClOrdIds("alice");
        assertNull(view.doneClOrdIds("someone-else"), "a participant no session of this gateway serves");
        order(view, MessageType.ORDER_ACCEPTED, BOB_SESSION, BOB, 1, "b1", "", 10, 0, (byte)0);
        assertFalse(isDone(bob, "b1"), "a live order's ClOrdID is the matcher's to refuse");
        order(view, MessageType.ORDER_REPLACED, BOB_SESSION, BOB, 1, "b1r", "b1", 10, 0, (byte)0);
        order(view, MessageType.ORDER_CANCELLED, BOB_SESSION, BOB, 1, "c1", "b1r", 10, 0, Codes.CancelReason.USER);
        assertTrue(isDone(bob, "b1"), "the ClOrdID it was placed with");
        assertTrue(isDone(bob, "c1"), "its current one, the cancel's");
        assertFalse(isDone(alice, "b1"), "another participant's ids are not alice's");

        // Filled.
        order(view, MessageType.ORDER_ACCEPTED, BOB_SESSION, BOB, 2, "b2", "", 10, 0, (byte)0);
        Codecs.encode(trade, buffer, 0, 0);
        trade.buyOrderId(2).sellOrderId(99).buyLeavesQty(0).buyCumQty(10).buyCumNotionalFen(10 * 1234).qty(10);
        view.onTrade(Codecs.wrap(new TradeEventDecoder(), buffer, 0), 2);
        assertTrue(isDone(bob, "b2"));

        // A third done order: the first is forgotten, and its ids with it.
        order(view, MessageType.ORDER_ACCEPTED, BOB_SESSION, BOB, 3, "b3", "", 10, 0, (byte)0);
        order(view, MessageType.ORDER_EXPIRED, BOB_SESSION, BOB, 3, "b3", "", 10, 0, (byte)0);
        assertTrue(isDone(bob, "b3"));
        assertFalse(isDone(bob, "b1"));
        assertFalse(isDone(bob, "c1"));
        assertTrue(isDone(bob, "b2"));
        assertEquals(2, bob.size());
    }

    @Test
    void aParticipantIsLearntFromItsSessionsEventsWhenNotRegistered()
    {
        final Int2ObjectHashMap<String> sessions = new Int2ObjectHashMap<>();
        sessions.put(ALICE_SESSION, "alice");
        final OrderView view = new OrderView(sessions, 10);
        assertEquals(-1, view.participantIndex("alice"));
        order(view, MessageType.ORDER_ACCEPTED, ALICE_SESSION, 7, 1, "a1", "", 10, 0, (byte)0);
        assertEquals(7, view.participantIndex("alice"));
        assertNotNull(view.byOrderId(7, 1));
    }
}
