package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ActivityLog;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.SettlementRun;
import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.ref.Format;

/**
 * One participant's position as the positions stage published it (cash, reserved, holdings at
 * mark, entitlements' remaining units, open orders, pledges: {@code SettlementRun.writePosition},
 * the same JSON as {@code /positions}), each entitlement's remaining quota with its next expiry,
 * its usage history from the journal, and its compute allocations: node-hours held per window.
 */
public final class PositionJson
{
    private PositionJson()
    {
    }

    /** Call under {@link ConsoleView#read}; {@code position} may be null (nothing settled yet). */
    public static void write(final JsonGenerator g, final ConsoleView view, final int participant,
        final PositionView position) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("participant", view.reference().participantId(participant));
        g.writeFieldName("position");
        if (null == position)
        {
            g.writeNull();
        }
        else
        {
            SettlementRun.writePosition(g, position);
        }
        g.writeArrayFieldStart("entitlements");
        if (null != position)
        {
            for (final PositionView.Entitlement e : position.entitlements())
            {
                g.writeStartObject();
                g.writeStringField("product", e.product());
                g.writeNumberField("remaining", e.remainingUnits());
                g.writeStringField("nextExpiry",
                    EntitlementBook.NEVER_NS == e.nextExpiryNs() ? "never" : Format.time(e.nextExpiryNs()));
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("computeAllocations");
        if (null != position)
        {
            for (final PositionView.Holding h : position.holdings())
            {
                final ReferenceBook.Product p = view.reference().product(h.product());
                if (null != p && Codes.ProductKind.COMPUTE == p.kind && h.qty() > 0)
                {
                    g.writeStartObject();
                    g.writeStringField("product", p.id);
                    g.writeStringField("hardware", p.hardware);
                    g.writeStringField("region", p.region);
                    g.writeStringField("windowStart", Format.time(p.windowStartNs));
                    g.writeStringField("windowEnd", Format.time(p.windowEndNs));
                    g.writeNumberField("nodeHours", h.qty());
                    g.writeEndObject();
                }
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("usage");
        for (final ActivityLog.Usage u : view.activity().usageOf(participant))
        {
            g.writeStartObject();
            g.writeNumberField("seq", u.seq());
            g.writeStringField("time", Format.time(u.timeNs()));
            g.writeStringField("product", view.reference().productId(u.product()));
            g.writeStringField("usageId", u.usageId());
            g.writeStringField("reporter", view.reference().participantId(u.reporter()));
            g.writeNumberField("units", u.units());
            g.writeNumberField("remaining", u.remainingUnits());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
