package io.databourse.console.metrics;

/**
 * Figures of one part of the exchange for {@code /metrics}. The launcher adds one per module that
 * has figures (the gateway's counters, the surveillance stage's alerts): the console depends on
 * no module but the journal and settlement, and only the launcher knows what runs in the process.
 * Called on the HTTP thread at each scrape: read counters, never block.
 */
@FunctionalInterface
public interface MetricsSource
{
    void writeTo(PrometheusText out);
}
