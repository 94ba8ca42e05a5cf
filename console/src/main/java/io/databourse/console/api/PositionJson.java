package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.ActivityLog;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import java.util.List;

import io.databourse.settlement.compute.ComputeSchedulerStage;
import io.databourse.settlement.SettlementRun;
import io.databourse.settlement.entitlement.EntitlementBook;
import io.databourse.settlement.position.PositionView;
import io.databourse.settlement.ref.Format;

/**
 * One participant's position as the positions stage published it (cash, reserved, holdings at
 * mark, entitlements' remaining units, open orders, pledges: {@code SettlementRun.writePosition},
 * the same JSON as {@code /positions}), each entitlement's remaining quota with its next expiry,
 * its usage history from the journal, and its compute allocations: which provider's node it holds
 * from when to when (the compute scheduler stage's published allocations).
 */
public final class PositionJson
{
    private PositionJson()
    {
    }

    /** Call under {@link ConsoleView#read}; {@code position} may be null (nothing settled yet). */
    public static void write(final JsonGenerator g, final ConsoleView view, final int participant,
        final PositionView position, final List<ComputeSchedulerStage.Allocation> allocations) throws IOException
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
        for (final ComputeSchedulerStage.Allocation a : allocations)
        {
            final ReferenceBook.Product p = view.reference().product(a.product());
            g.writeStartObject();
            g.writeStringField("product", a.product());
            g.writeStringField("node", a.node());
            g.writeStringField("provider", a.provider());
            g.writeStringField("hardware", null == p ? "" : p.hardware);
            g.writeStringField("region", null == p ? "" : p.region);
            g.writeStringField("start", Format.time(a.startNs()));
            g.writeStringField("end", Format.time(a.endNs()));
            g.writeNumberField("nodeHours", (a.endNs() - a.startNs()) / 3_600_000_000_000L);
            g.writeEndObject();
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
