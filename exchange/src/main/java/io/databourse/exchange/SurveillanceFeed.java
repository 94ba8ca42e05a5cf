package io.databourse.exchange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import io.databourse.console.alerts.AlertFeed;
import io.databourse.settlement.surveillance.SurveillanceStage;
import io.databourse.surveillance.alert.AlertFilter;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.timeline.TimelineEntry;

/**
 * The surveillance stage's alerts behind the console's {@link AlertFeed} seam: wired here because
 * only the launcher knows that the stage runs in this process (the console depends on no
 * surveillance code). Reads the stage's queue and the journal, from the HTTP thread; an unknown
 * type or id finds nothing rather than failing.
 */
final class SurveillanceFeed implements AlertFeed
{
    private final SurveillanceStage stage;

    SurveillanceFeed(final SurveillanceStage stage)
    {
        this.stage = stage;
    }

    @Override
    public List<AlertFeed.Alert> latest(final String type, final String participant, final int limit)
    {
        final Set<AlertType> types;
        try
        {
            types = null == type ? Collections.emptySet() : EnumSet.of(AlertType.ofWireName(type));
        }
        catch (final IllegalArgumentException ex)
        {
            return List.of(); // no alert has that type
        }
        final AlertFilter filter = AlertFilter.all().withTypes(types).withParticipant(participant)
            .withPage(0, Math.max(1, Math.min(limit, AlertFilter.LIMIT_MAX)));
        final List<AlertFeed.Alert> alerts = new ArrayList<>();
        for (final io.databourse.surveillance.alert.Alert a : stage.surveillance().alerts().latest(filter))
        {
            alerts.add(view(a));
        }
        return alerts;
    }

    @Override
    public AlertFeed.Alert byId(final String id)
    {
        final io.databourse.surveillance.alert.Alert a = find(id);
        return null == a ? null : view(a);
    }

    @Override
    public List<Evidence> timeline(final String id)
    {
        final io.databourse.surveillance.alert.Alert a = find(id);
        if (null == a)
        {
            return List.of();
        }
        final List<Evidence> evidence = new ArrayList<>();
        for (final TimelineEntry e : stage.timeline(a).entries())
        {
            evidence.add(new Evidence(e.seq(), e.timeNs(), e.event(), e.text()));
        }
        return evidence;
    }

    @Override
    public void listen(final LongConsumer onAlert)
    {
        stage.surveillance().addListener(a -> onAlert.accept(a.seq()));
    }

    @Override
    public boolean available()
    {
        return true;
    }

    /** The stage's alert (AlertFeed.Alert is the console's view of one). */
    private io.databourse.surveillance.alert.Alert find(final String id)
    {
        if (null == id || !id.matches("[1-9][0-9]{0,17}"))
        {
            return null;
        }
        return stage.surveillance().alerts().byId(Long.parseLong(id));
    }

    private static AlertFeed.Alert view(final io.databourse.surveillance.alert.Alert a)
    {
        return new AlertFeed.Alert(Long.toString(a.id()), a.seq(), a.timeNs(), a.type().wireName(),
            a.severity().wireName(), a.participants(), a.products(), a.text());
    }
}
