package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ActivityLog;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.OrderTracker;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.Format;

/** One participant's orders: live (cancel and replace act on these), recently finished, and recent refusals with the matcher's reason. */
public final class OrdersJson
{
    private OrdersJson()
    {
    }

    /** Call under {@link ConsoleView#read}; {@code participant} is an index the caller may see. */
    public static void write(final JsonGenerator g, final ConsoleView view, final int participant) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeStringField("participant", view.reference().participantId(participant));
        g.writeArrayFieldStart("live");
        for (final OrderTracker.Order o : view.orders().liveOrdersOf(participant))
        {
            writeOrder(g, view, o);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("done");
        for (final OrderTracker.Order o : view.orders().doneOrdersOf(participant))
        {
            writeOrder(g, view, o);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("refusals");
        for (final ActivityLog.Refusal r : view.activity().refusalsOf(participant))
        {
            g.writeStartObject();
            g.writeNumberField("seq", r.seq());
            g.writeStringField("time", Format.time(r.timeNs()));
            g.writeStringField("command", r.command());
            g.writeStringField("clOrdId", r.clOrdId());
            g.writeStringField("reason", r.reason());
            g.writeStringField("text", r.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void writeOrder(final JsonGenerator g, final ConsoleView view, final OrderTracker.Order o) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("orderId", o.orderId);
        g.writeStringField("clOrdId", o.clOrdId);
        g.writeStringField("product", view.reference().productId(o.product));
        g.writeStringField("side", Codes.nameOf(Codes.Side.NAMES, o.side));
        g.writeStringField("ordType", Codes.nameOf(Codes.OrdType.NAMES, o.ordType));
        g.writeStringField("tif", Codes.nameOf(Codes.TimeInForce.NAMES, o.tif));
        g.writeStringField("price", Codes.OrdType.MARKET == o.ordType ? "" : Money.yuan(o.priceFen));
        g.writeNumberField("qty", o.orderQty);
        g.writeNumberField("leavesQty", o.leavesQty);
        g.writeNumberField("cumQty", o.cumQty);
        g.writeStringField("avgPrice", 0 == o.cumQty ? "" : Money.yuan(o.cumNotionalFen / o.cumQty));
        g.writeStringField("state", o.state);
        g.writeStringField("reason", o.reason);
        g.writeStringField("channel", o.sessionId >= io.databourse.console.auth.SessionStore.COMMAND_SESSION_ID_BASE ?
            "console" : "fix");
        g.writeStringField("accepted", Format.time(o.acceptedNs));
        g.writeStringField("updated", Format.time(o.updatedNs));
        g.writeEndObject();
    }
}
