package io.databourse.console.api;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.alerts.AlertFeed;
import io.databourse.settlement.ref.Format;

/** The regulator's alerts feed and one alert's evidence timeline. Only for regulators (checked by the caller). */
public final class AlertsJson
{
    private AlertsJson()
    {
    }

    public static void writeList(final JsonGenerator g, final boolean available, final List<AlertFeed.Alert> alerts)
        throws IOException
    {
        g.writeStartObject();
        g.writeBooleanField("available", available);
        g.writeArrayFieldStart("alerts");
        for (final AlertFeed.Alert a : alerts)
        {
            writeAlert(g, a);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void writeEvidence(final JsonGenerator g, final AlertFeed.Alert alert,
        final List<AlertFeed.Evidence> timeline) throws IOException
    {
        g.writeStartObject();
        g.writeFieldName("alert");
        writeAlert(g, alert);
        g.writeArrayFieldStart("timeline");
        for (final AlertFeed.Evidence e : timeline)
        {
            g.writeStartObject();
            g.writeNumberField("seq", e.seq());
            g.writeStringField("time", Format.time(e.timeNs()));
            g.writeStringField("event", e.event());
            g.writeStringField("text", e.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeAlert(final JsonGenerator g, final AlertFeed.Alert a) throws IOException
    {
        g.writeStartObject();
        g.writeStringField("id", a.id());
        g.writeNumberField("seq", a.seq());
        g.writeStringField("time", Format.time(a.timeNs()));
        g.writeStringField("type", a.type());
        g.writeStringField("severity", a.severity());
        g.writeArrayFieldStart("participants");
        for (final String p : a.participants())
        {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("products");
        for (final String p : a.products())
        {
            g.writeString(p);
        }
        g.writeEndArray();
        g.writeStringField("text", a.text());
        g.writeEndObject();
    }
}
