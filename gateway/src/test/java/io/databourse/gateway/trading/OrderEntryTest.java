package io.databourse.gateway.trading;

import static io.databourse.gateway.trading.RecordingSession.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import io.databourse.gateway.GatewayCounters;
import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.Bool;
import io.databourse.journal.sbe.NewOrderCommandDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.MessageType;
import io.databourse.journal.schema.RecordHeader;
import io.aeron.Publication;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** Order entry on bytes: FIX in, the matcher's command bytes (or the gateway's own refusal) out. */
class OrderEntryTest
{
    private final SessionConfig config = new SessionConfig().sessionId(11).senderCompId("DBX").targetCompId("ALICE")
        .participant("alice");
    private final RecordingSession session = new RecordingSession(config);
    private final List<byte[]> commands = new ArrayList<>();
    private final DoneClOrdIds doneClOrdIds = new DoneClOrdIds();
    private long offerResult = 1;
    private final PendingRequests pending = new PendingRequests();
    private final OrderEntry entry = new OrderEntry(config, new CommandPublisher((buffer, offset, length) ->
    {
        if (offerResult > 0)
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            commands.add(copy);
        }
        return offerResult;
    }, new GatewayCounters(), 3), pending, null, new LocalExecIds(11), doneClOrdIds);

    private static FixMessage parse(final String body)
    {
        return parse("D", body);
    }

    private static FixMessage parse(final String msgType, final String body)
    {
        final String raw = TestFix.message("35=" + msgType + "|49=ALICE|56=DBX|34=2|52=20260101-00:00:00.000|" + body);
        final FixMessage m = new FixMessage(64);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()), raw);
        return m;
    }

    @Test
    void aNewOrderSingleBecomesTheMatchersNewOrderCommandForTheSessionsParticipant()
    {
        entry.newOrderSingle(session, parse("11=A1|55=DATA.X|54=2|38=7|40=2|44=12.30|59=1|18=6|60=20260101-00:00:00|"));
        assertEquals(0, session.sent.size(), "nothing answered before the matcher: " + session.sent);
        assertEquals(1, commands.size());
        final NewOrderCommandDecoder command = Codecs.wrap(new NewOrderCommandDecoder(), new UnsafeBuffer(commands.get(0)), 0);
        assertEquals(MessageType.NEW_ORDER, RecordHeader.typeAt(new UnsafeBuffer(commands.get(0)), 0));
        assertEquals(11, command.header().sessionId());
        assertEquals("alice", command.participantId());
        assertEquals("DATA.X", command.productId());
        assertEquals("A1", command.clOrdId());
        assertEquals(Codes.Side.SELL, command.side());
        assertEquals(Codes.OrdType.LIMIT, command.ordType());
        assertEquals(Codes.TimeInForce.GTC, command.tif());
        assertEquals(Bool.TRUE, command.postOnly(), "ExecInst 6");
        assertEquals(1230, command.priceFen());
        assertEquals(7, command.qty());
        assertEquals(1, pending.size());
    }

    @Test
    void anOffTickPriceIsRefusedWithTheTickReasonNotPriceRequired()
    {
        entry.newOrderSingle(session, parse("11=A2|55=DATA.X|54=1|38=1|40=2|44=12.005|60=20260101-00:00:00|"));
        assertEquals(0, commands.size());
        final String report = session.last();
        assertEquals("8", field(report, 35));
        assertEquals("8", field(report, 150));
        assertEquals("18", field(report, 103), report);
        assertTrue(field(report, 58).startsWith("PRICE_NOT_ON_TICK: "), report);
    }

    @Test
    void anotherParticipantsAccountIsRefusedAndNothingIsSent()
    {
        entry.newOrderSingle(session, parse("11=A3|1=bob|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(0, commands.size());
        assertEquals("Account is not the participant of this session", field(session.last(), 58));
    }

    @Test
    void aCommandAeronWillNotTakeIsRefusedAndItsClOrdIdIsFreeAgain()
    {
        offerResult = Publication.BACK_PRESSURED;
        entry.newOrderSingle(session, parse("11=A4|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals("8", field(session.last(), 150));
        assertTrue(field(session.last(), 58).startsWith("Exchange busy"), session.last());
        assertEquals(0, pending.size());
        offerResult = 1;
        entry.newOrderSingle(session, parse("11=A4|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(1, commands.size(), "the same ClOrdID is taken once Aeron takes it");
    }

    @Test
    void aDoneOrdersClOrdIdIsRefusedAsADuplicateOrderAndNothingIsSent()
    {
        final AsciiId done = new AsciiId(24);
        done.set("DONE1");
        doneClOrdIds.add(done);
        entry.newOrderSingle(session, parse("11=DONE1|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(0, commands.size());
        assertEquals(0, pending.size(), "a refused order awaits nothing");
        final String report = session.last();
        assertEquals("8", field(report, 150), report);
        assertEquals("8", field(report, 39), report);
        assertEquals("6", field(report, 103), report);
        assertEquals("DONE1", field(report, 11), report);
        assertTrue(field(report, 58).startsWith("Duplicate order: ClOrdID is that of a done"), report);

        // A ClOrdID differing by one byte, or a prefix of it, is a new order.
        entry.newOrderSingle(session, parse("11=DONE2|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        entry.newOrderSingle(session, parse("11=DONE|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(2, commands.size());

        // Once the views forget the done order, its ClOrdID goes to the matcher again.
        doneClOrdIds.remove(done);
        entry.newOrderSingle(session, parse("11=DONE1|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(3, commands.size());
    }

    @Test
    void aClOrdIdAwaitingTheMatcherIsNotSentTwice()
    {
        entry.newOrderSingle(session, parse("11=A5|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        entry.newOrderSingle(session, parse("11=A5|55=DATA.X|54=1|38=1|40=1|60=20260101-00:00:00|"));
        assertEquals(1, commands.size());
        assertTrue(field(session.last(), 58).startsWith("ClOrdID already awaiting"), session.last());
    }

    @Test
    void aMassCancelOfAnUnsupportedTypeIsRefusedWithAMassCancelReport()
    {
        entry.massCancel(session, parse("q", "11=M1|530=4|60=20260101-00:00:00|"));
        assertEquals(0, commands.size());
        final String report = session.last();
        assertEquals("r", field(report, 35));
        assertEquals("0", field(report, 531));
        assertEquals("7", field(report, 530));
    }
}
