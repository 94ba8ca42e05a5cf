package io.databourse.console.api;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import io.databourse.console.view.AdminActions;
import io.databourse.console.view.ConsoleView;
import io.databourse.console.view.ReferenceBook;
import io.databourse.journal.schema.Codes;
import io.databourse.settlement.ref.Format;

/**
 * The regulator's page: the review queue (products registered but not yet through compliance
 * review and listing), every participant and product with its status (the targets of the suspend
 * and halt actions), and the latest status changes participants asked for, with the matcher's
 * outcome. Only for regulators (checked by the caller).
 */
public final class RegulatorJson
{
    private RegulatorJson()
    {
    }

    /** Call under {@link ConsoleView#read}. */
    public static void write(final JsonGenerator g, final ConsoleView view) throws IOException
    {
        g.writeStartObject();
        g.writeNumberField("seq", view.lastSeq());
        g.writeArrayFieldStart("reviewQueue");
        for (final ReferenceBook.Product p : view.reference().products())
        {
            if (Codes.ProductStatus.REGISTERED == p.status || Codes.ProductStatus.COMPLIANCE_REVIEWED == p.status)
            {
                g.writeStartObject();
                g.writeStringField("product", p.id);
                g.writeStringField("kind", Codes.nameOf(Codes.ProductKind.NAMES, p.kind));
                g.writeStringField("grade", Codes.nameOf(Codes.Grade.NAMES, p.grade));
                g.writeStringField("status", Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
                g.writeStringField("sponsor", p.sponsor);
                g.writeStringField("owner", p.owner);
                g.writeStringField("reviewedBy", p.reviewedBy);
                g.writeBooleanField("personalInfo", p.personalInfo);
                g.writeBooleanField("crossBorder", p.crossBorder);
                g.writeNumberField("sinceSeq", p.statusSeq);
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("participants");
        for (final ReferenceBook.Participant p : view.reference().participants())
        {
            g.writeStartObject();
            g.writeStringField("participant", p.id);
            g.writeStringField("status", Codes.nameOf(Codes.ParticipantStatus.NAMES, p.status));
            g.writeArrayFieldStart("roles");
            for (int bit = 0; bit < Codes.Role.NAMES.length; bit++)
            {
                if ((p.roles & (1 << bit)) != 0)
                {
                    g.writeString(Codes.Role.NAMES[bit]);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("products");
        for (final ReferenceBook.Product p : view.reference().products())
        {
            g.writeStartObject();
            g.writeStringField("product", p.id);
            g.writeStringField("status", Codes.nameOf(Codes.ProductStatus.NAMES, p.status));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("actions");
        for (final AdminActions.Action a : view.adminActions().latest())
        {
            g.writeStartObject();
            g.writeNumberField("seq", a.seq());
            g.writeStringField("time", Format.time(a.timeNs()));
            g.writeStringField("actor", a.actor());
            g.writeStringField("action", a.action());
            g.writeStringField("target", a.target());
            g.writeStringField("note", a.note());
            g.writeStringField("outcome", a.outcome());
            g.writeStringField("text", a.text());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
