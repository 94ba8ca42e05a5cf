package io.databourse.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The suite passes or fails on the values it measured, not on what its JSON text happens to contain. */
class BenchChecksTest
{
    @Test
    void aChildBenchsFailedCheckIsFoundByItsValueAndNamedByItsPath()
    {
        final BenchChecks checks = new BenchChecks();
        checks.add("throughput exchange-core-quick: matcher", true);
        checks.addFromResults("gateway_round_trip", Map.of(
            "servers", Map.of("artio", Map.of("check_ok", true), "ours", Map.of("echo_check_ok", false)),
            "rates", List.of(Map.of("target_per_s", 10_000, "check_ok", true))));
        assertEquals(List.of("gateway_round_trip.servers.ours.echo_check_ok"), checks.failed());
        assertEquals(4, checks.all().size());
    }

    @Test
    void textThatMerelyMentionsAFailedCheckFailsNothing()
    {
        // a note, an error text or a command line may quote "check_ok": false; searching the written
        // JSON would fail the suite on it, a value-based check does not
        final BenchChecks checks = new BenchChecks();
        checks.addFromResults("settlement", Map.of(
            "note", "an earlier run wrote \"check_ok\": false here",
            "batch", Map.of("check_ok", true, "best_records_per_s", 1_000_000),
            "check_ok_count", 3));
        assertEquals(List.of(), checks.failed());
        assertEquals(Map.of("settlement.batch.check_ok", true), checks.toJson());
    }
}
