package io.databourse.exchange;

import io.databourse.console.metrics.MetricsSource;
import io.databourse.console.metrics.PrometheusText;
import io.databourse.surveillance.SurveillanceMetrics;
import io.databourse.surveillance.alert.AlertType;

/**
 * The surveillance stage's figures on the console's {@code /metrics} (its lag is among the
 * settlement stages' already): alerts by type, listener failures. Reads atomic counters only.
 */
final class SurveillanceMetricsSource implements MetricsSource
{
    private final SurveillanceMetrics metrics;

    SurveillanceMetricsSource(final SurveillanceMetrics metrics)
    {
        this.metrics = metrics;
    }

    @Override
    public void writeTo(final PrometheusText out)
    {
        out.describe("databourse_surveillance_alerts_total", "counter", "Surveillance alerts raised, by type");
        for (final AlertType type : AlertType.values())
        {
            out.sample("databourse_surveillance_alerts_total", metrics.alerts(type), "type", type.wireName());
        }
        out.describe("databourse_surveillance_listener_errors_total", "counter",
            "Alert listeners that threw (ignored)").sample("databourse_surveillance_listener_errors_total",
            metrics.listenerErrors());
    }
}
