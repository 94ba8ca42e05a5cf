package io.databourse.matcher;

import java.util.stream.Stream;

import io.databourse.journal.sbe.NewOrderCommandEncoder;
import io.databourse.journal.sbe.RejectedEventDecoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import io.databourse.journal.schema.RecordHeader;
import io.databourse.journal.schema.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.databourse.matcher.Scenario.buy;
import static io.databourse.matcher.Scenario.order;
import static io.databourse.matcher.Scenario.sell;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every reject reason, each from the command that must cause it; and a refusal changes nothing. */
class RejectReasonsTest
{
    static Stream<Arguments> cases()
    {
        return Stream.of(
            Arguments.of("UNKNOWN_PARTICIPANT", new String[0], buy("NOPE", "a", "12.00", 1)),
            Arguments.of("PARTICIPANT_SUSPENDED",
                new String[]{"{\"type\":\"participant\",\"id\":\"P2\",\"roles\":[\"data_supplier\"],\"status\":\"suspended\"}"},
                sell("P2", "s", "12.00", 1)),
            Arguments.of("ROLE_NOT_PERMITTED", new String[0], buy("P3", "a", "12.00", 1)),
            Arguments.of("ROLE_NOT_PERMITTED", new String[0], order("P1", "a", "CPU.W", "sell", "5.00", 1, "")),
            Arguments.of("QUALIFICATION_TOO_LOW", new String[0], order("P2", "a", "DATA.IMP", "buy", "5.00", 10, "")),
            Arguments.of("CROSS_BORDER_NOT_ALLOWED", new String[0], buy("XB", "a", "12.00", 1)),
            Arguments.of("UNKNOWN_PRODUCT", new String[0], order("P1", "a", "NOPE", "buy", "1.00", 1, "")),
            Arguments.of("PRODUCT_NOT_LISTED",
                new String[]{"{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"algorithm\",\"by\":\"P2\"}"},
                order("P1", "a", "NEW", "buy", "1.00", 1, "")),
            Arguments.of("CORE_DATA_NOT_TRADABLE",
                new String[]{"{\"type\":\"product\",\"id\":\"CORE\",\"kind\":\"data\",\"grade\":\"core\",\"by\":\"P2\"}"},
                order("P1", "a", "CORE", "buy", "1.00", 1, "")),
            Arguments.of("DELIVERY_WINDOW_STARTED", new String[0],
                order("CB", "a", "CPU.W", "buy", "5.00", 1, "\"time\":\"2026-12-01T00:00:00Z\"")),
            Arguments.of("INVALID_PRICE", new String[0], buy("P1", "a", "0", 1)),
            Arguments.of("INVALID_PRICE", new String[0],
                "{\"type\":\"new\",\"participant\":\"P2\",\"clOrdId\":\"m\",\"product\":\"DATA.A\",\"side\":\"sell\",\"ordType\":\"market\",\"price\":\"12.00\",\"qty\":1}"),
            Arguments.of("PRICE_NOT_ON_TICK", new String[0], order("P1", "a", "DATA.IMP", "buy", "12.03", 10, "")),
            Arguments.of("PRICE_OUTSIDE_BAND", new String[0], buy("P1", "a", "14.41", 1)),
            Arguments.of("PRICE_OUTSIDE_BAND", new String[0], buy("P1", "a", "9.59", 1)),
            Arguments.of("INVALID_QUANTITY", new String[0], buy("P1", "a", "12.00", 0)),
            Arguments.of("QTY_NOT_LOT_MULTIPLE", new String[0], order("P1", "a", "DATA.IMP", "buy", "12.05", 15, "")),
            Arguments.of("MARKET_ORDER_NOT_PROTECTED", new String[0], order("P1", "a", "DATA.IMP", "buy", null, 10, "")),
            Arguments.of("OVERFLOW", new String[0],
                order("P1", "a", "DATA.IMP", "buy", "1000000000.00", 1_000_000_000L, "")),
            Arguments.of("POST_ONLY_NOT_LIMIT", new String[0], buy("P1", "a", "12.00", 1).replace("}",
                ",\"postOnly\":true}").replace("\"gtc\"", "\"ioc\"")),
            Arguments.of("POST_ONLY_WOULD_CROSS", new String[]{sell("P2", "s", "12.00", 5)},
                buy("P1", "a", "12.00", 1).replace("}", ",\"postOnly\":true}")),
            Arguments.of("INSUFFICIENT_FUNDS", new String[0], buy("P2", "a", "12.00", 100)),
            Arguments.of("INSUFFICIENT_INVENTORY", new String[0], sell("P2", "s", "12.00", 501)),
            Arguments.of("INSUFFICIENT_CAPACITY", new String[0], order("P3", "s", "CPU.W", "sell", "5.00", 5, "")),
            Arguments.of("DUPLICATE_CLORDID", new String[]{buy("P1", "a", "11.00", 1)}, buy("P1", "a", "11.50", 1)),
            Arguments.of("UNKNOWN_ORDER", new String[]{buy("P2", "theirs", "11.00", 1)},
                "{\"type\":\"cancel\",\"participant\":\"P1\",\"clOrdId\":\"c\",\"origClOrdId\":\"theirs\"}"),
            Arguments.of("UNKNOWN_ORDER", new String[]{buy("P1", "a", "11.00", 1)},
                "{\"type\":\"replace\",\"participant\":\"P1\",\"clOrdId\":\"c\",\"origClOrdId\":\"a\",\"orderId\":999,\"price\":\"11.00\",\"qty\":2}"),
            Arguments.of("DUPLICATE_ID", new String[0], "{\"type\":\"product\",\"id\":\"DATA.A\",\"kind\":\"data\"}"),
            Arguments.of("INVALID_DEFINITION", new String[0],
                "{\"type\":\"product\",\"id\":\"B\",\"kind\":\"data\",\"band\":\"0.10\"}"),
            Arguments.of("INVALID_WINDOW", new String[0],
                "{\"type\":\"product\",\"id\":\"C2\",\"kind\":\"compute\",\"hardware\":\"A\",\"region\":\"R\",\"windowStart\":\"2026-12-01T00:30:00Z\",\"windowEnd\":\"2026-12-01T02:00:00Z\"}"),
            Arguments.of("INVALID_STATUS_TRANSITION", new String[0],
                "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"registered\",\"by\":\"ADMIN\"}"),
            Arguments.of("COMPLIANCE_REVIEW_REQUIRED", new String[0],
                "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"compliance_reviewed\",\"by\":\"ADMIN\"}"),
            Arguments.of("SPONSOR_REQUIRED", new String[]{"{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"by\":\"P2\"}",
                "{\"type\":\"review\",\"product\":\"NEW\",\"by\":\"COMP\",\"decision\":\"approve\"}"},
                "{\"type\":\"product_status\",\"product\":\"NEW\",\"status\":\"listed\",\"by\":\"ADMIN\"}"),
            Arguments.of("SPONSOR_REQUIRED", new String[0],
                "{\"type\":\"product\",\"id\":\"NEW\",\"kind\":\"data\",\"sponsor\":\"P1\"}"),
            Arguments.of("NOT_AUTHORIZED", new String[0],
                "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"suspended\",\"by\":\"P1\"}"),
            Arguments.of("NOT_AUTHORIZED", new String[0],
                "{\"type\":\"product_status\",\"product\":\"DATA.A\",\"status\":\"listed\",\"by\":\"REG\"}"),
            Arguments.of("NOT_AUTHORIZED", new String[0], "{\"type\":\"end_of_day\",\"by\":\"P1\"}"),
            Arguments.of("CORE_DATA_NOT_TRADABLE", new String[0],
                "{\"type\":\"product\",\"id\":\"CORE\",\"kind\":\"data\",\"grade\":\"core\",\"owner\":\"P2\",\"status\":\"listed\"}"),
            Arguments.of("NODE_ALREADY_REGISTERED", new String[0],
                "{\"type\":\"capacity\",\"participant\":\"P3\",\"product\":\"CPU.W\",\"nodes\":[\"n3\",\"n1\"]}"),
            Arguments.of("NODE_ALREADY_REGISTERED", new String[]{
                "{\"type\":\"product\",\"id\":\"CPU.W2\",\"kind\":\"compute\",\"hardware\":\"H100\",\"region\":\"GY1\",\"windowStart\":\"2026-12-01T01:00:00Z\",\"windowEnd\":\"2026-12-01T03:00:00Z\",\"reviewedBy\":\"COMP\",\"status\":\"listed\"}"},
                "{\"type\":\"capacity\",\"participant\":\"P3\",\"product\":\"CPU.W2\",\"nodes\":[\"n2\"]}"),
            Arguments.of("WRONG_PRODUCT_KIND", new String[0],
                "{\"type\":\"inventory\",\"participant\":\"P2\",\"product\":\"CPU.W\",\"qty\":5}"),
            Arguments.of("WRONG_PRODUCT_KIND", new String[0],
                "{\"type\":\"capacity\",\"participant\":\"P3\",\"product\":\"DATA.A\",\"nodes\":[\"x\"]}"),
            Arguments.of("ROLE_NOT_PERMITTED", new String[0],
                "{\"type\":\"capacity\",\"participant\":\"P1\",\"product\":\"CPU.W\",\"nodes\":[\"x\"]}"),
            Arguments.of("INVALID_AMOUNT", new String[0], "{\"type\":\"deposit\",\"participant\":\"P1\",\"amount\":\"0\"}"),
            Arguments.of("INSUFFICIENT_FUNDS", new String[0],
                "{\"type\":\"withdraw\",\"participant\":\"P2\",\"amount\":\"1000.01\",\"id\":\"w1\"}"),
            Arguments.of("INVALID_FEE", new String[0],
                "{\"type\":\"fee_schedule\",\"kind\":\"data\",\"makerBps\":10,\"takerBps\":10001}"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void refusesWithReasonAndChangesNothing(final String reason, final String[] setup, final String command)
    {
        final Scenario s = Scenario.standard();
        s.run(setup);
        final long p1Cash = s.matcher.cashAvailableFen("P1");
        final long p2Cash = s.matcher.cashAvailableFen("P2");
        final long p2Units = s.matcher.sellableQty("P2", "DATA.A");
        final int live = s.matcher.liveOrderCount();

        assertEquals(reason, s.rejectReason(command));

        assertEquals(p1Cash, s.matcher.cashAvailableFen("P1"));
        assertEquals(p2Cash, s.matcher.cashAvailableFen("P2"));
        assertEquals(p2Units, s.matcher.sellableQty("P2", "DATA.A"));
        assertEquals(live, s.matcher.liveOrderCount());
        assertTrue(s.matcher.isCashConserved());
    }

    @Test
    void orderCapacityIsALimitNotACrash()
    {
        final Scenario s = new Scenario(new MatcherContext().ordersMax(2).levelsMax(16).conclude());
        s.run(Scenario.STANDARD);
        s.run(buy("P1", "a", "11.00", 1), buy("P1", "b", "11.01", 1));
        assertEquals("ORDER_CAPACITY_EXCEEDED", s.rejectReason(buy("P1", "c", "11.02", 1)));
    }

    @Test
    void bookLevelCapacityIsALimit()
    {
        final Scenario s = new Scenario(new MatcherContext().ordersMax(16).levelsMax(1).conclude());
        s.run(Scenario.STANDARD);
        s.run(buy("P1", "a", "11.00", 1));
        assertEquals("BOOK_CAPACITY_EXCEEDED", s.rejectReason(buy("P1", "b", "11.01", 1)));
        // the same level still takes orders
        assertEquals("accepted", s.run(buy("P1", "c", "11.00", 1)).get(0).get("type").asText());
    }

    /** Shape errors the JSON front door cannot even express, sent as raw binary commands. */
    @Test
    void refusesMalformedBinaryCommands()
    {
        final Scenario s = Scenario.standard();
        final Matcher m = s.matcher;
        final ExpandableArrayBuffer b = new ExpandableArrayBuffer(256);
        final NewOrderCommandEncoder c = new NewOrderCommandEncoder();
        final long[] seq = {1_000};

        final java.util.function.Supplier<String> applyAndReason = () ->
        {
            m.apply(++seq[0], Scenario.T0_NS, b, 0, c.encodedLength());
            final RejectedEventDecoder r = new RejectedEventDecoder();
            Codecs.wrap(r, m.eventBuffer(), 0);
            return RejectReason.ofCode(r.reason()).name();
        };
        final Runnable valid = () ->
        {
            Codecs.encode(c, b, 0, 7);
            c.participantId("P1");
            c.productId("DATA.A");
            c.clOrdId("x1");
            c.side(Codes.Side.BUY).ordType(Codes.OrdType.LIMIT).tif(Codes.TimeInForce.GTC).priceFen(1200).qty(1);
        };
        valid.run();
        c.side((byte)7);
        assertEquals("INVALID_SIDE", applyAndReason.get());
        valid.run();
        c.ordType((byte)9);
        assertEquals("INVALID_ORD_TYPE", applyAndReason.get());
        valid.run();
        c.tif((byte)9);
        assertEquals("INVALID_TIF", applyAndReason.get());
        valid.run();
        c.stp((byte)9);
        assertEquals("INVALID_STP", applyAndReason.get());
        valid.run();
        b.putByte(NewOrderCommandEncoder.clOrdIdEncodingOffset() + 1, (byte)' ');
        b.putByte(NewOrderCommandEncoder.clOrdIdEncodingOffset() + 2, (byte)'z');
        assertEquals("INVALID_CLORDID", applyAndReason.get());
        valid.run();
        b.putShort(0, (short)(NewOrderCommandEncoder.BLOCK_LENGTH - 8));
        m.apply(++seq[0], Scenario.T0_NS, b, 0, NewOrderCommandEncoder.BLOCK_LENGTH - 8);
        assertEquals(RejectReason.MALFORMED_COMMAND.code(), m.eventBuffer().getShort(10));
        valid.run();
        b.putShort(RecordHeader.TYPE_OFFSET, (short)99);
        assertEquals("UNKNOWN_COMMAND", applyAndReason.get());
        assertEquals(0, m.liveOrderCount());
    }
}
