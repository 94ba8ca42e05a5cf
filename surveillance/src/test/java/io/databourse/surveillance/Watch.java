package io.databourse.surveillance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.databourse.surveillance.alert.Alert;
import io.databourse.surveillance.alert.AlertType;
import io.databourse.surveillance.detect.SurveillanceEngine;

/** An engine fed by a scripted {@link Market}, with the alerts it raised. */
final class Watch
{
    final SurveillanceEngine engine;
    final List<Alert> alerts = new ArrayList<>();
    final Market market;

    Watch(final SurveillanceContext ctx)
    {
        engine = new SurveillanceEngine(ctx.conclude());
        market = new Market(record -> alerts.addAll(engine.apply(record)));
    }

    Watch()
    {
        this(new SurveillanceContext());
    }

    List<Alert> of(final AlertType type)
    {
        return alerts.stream().filter(a -> a.type() == type).collect(Collectors.toList());
    }

    void group(final int participant, final String group)
    {
        engine.directory().assignGroup(participant, group);
    }
}
