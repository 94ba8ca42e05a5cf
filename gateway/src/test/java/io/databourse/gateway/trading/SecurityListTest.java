package io.databourse.gateway.trading;

import static io.databourse.gateway.trading.RecordingSession.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.databourse.gateway.fix.FixMessage;
import io.databourse.gateway.fix.TestFix;
import io.databourse.gateway.session.SessionConfig;
import io.databourse.journal.sbe.ProductCommandEncoder;
import io.databourse.journal.schema.Codecs;
import io.databourse.journal.schema.Codes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/** SecurityListRequest on bytes: every product in fragments, or one symbol. */
class SecurityListTest
{
    private final RecordingSession session = new RecordingSession(new SessionConfig().sessionId(11).participant("alice"));
    private final ProductDirectory products = new ProductDirectory(128);
    private final SecurityList list = new SecurityList(products, new LocalExecIds(11));

    SecurityListTest()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[512]);
        final ProductCommandEncoder product = new ProductCommandEncoder();
        for (int i = 0; i < SecurityList.FRAGMENT + 5; i++)
        {
            Codecs.encode(product, buffer, 0, 0);
            product.productId("P" + i);
            product.kind(Codes.ProductKind.DATA).grade(Codes.Grade.GENERAL).status(Codes.ProductStatus.LISTED);
            product.tickFen(5).lotQty(10).referencePriceFen(1000);
            products.onRegistered(i, buffer, 0);
        }
    }

    private static FixMessage parse(final String body)
    {
        final String raw = TestFix.message("35=x|49=ALICE|56=DBX|34=2|52=20260101-00:00:00.000|" + body);
        final FixMessage m = new FixMessage(64);
        assertEquals(FixMessage.OK, m.parse(TestFix.buffer(raw), 0, raw.length()), raw);
        return m;
    }

    @Test
    void everyProductIsListedInFragmentsTheLastOneSaysSo()
    {
        list.request(session, parse("320=all|559=4|"));
        assertEquals(2, session.sent.size());
        final String first = session.sent.get(0);
        final String second = session.sent.get(1);
        assertEquals("y", field(first, 35));
        assertEquals(String.valueOf(SecurityList.FRAGMENT + 5), field(first, 393));
        assertEquals(String.valueOf(SecurityList.FRAGMENT), field(first, 146));
        assertEquals("N", field(first, 893));
        assertEquals("5", field(second, 146));
        assertEquals("Y", field(second, 893));
        assertEquals(field(first, 322), field(second, 322), "one response id for the fragments of one answer");
    }

    @Test
    void oneSymbolOrNone()
    {
        list.request(session, parse("320=one|559=0|55=P3|"));
        final String one = session.last();
        assertEquals("1", field(one, 146));
        assertEquals("P3", field(one, 55));
        assertTrue(field(one, 107).contains("tick=0.05 lot=10"), one);
        list.request(session, parse("320=none|559=0|55=NOPE|"));
        assertEquals("2", field(session.last(), 560));
        assertEquals("0", field(session.last(), 146));
    }
}
