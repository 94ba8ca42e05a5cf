#!/usr/bin/env python3
"""Summarises several gateway.json files of the round-trip bench (A/B runs): for each server and
rate, the range of p50 / p99 / p99.9 over the runs, and each server's maximum sustained rates.

    bin/bench-support/round-trip-summary.py run1.json run2.json run3.json

How docs/perf.md's A/B ranges were made: the same --server set in each run (interleaved in the run
by the bench itself), several runs, ranges rather than single figures."""
import json
import sys
from collections import defaultdict


def main(paths):
    # server -> rate -> [(p50, p99, p99.9, kept_up, load, cpu/order, wake-ups/order, run-queue wait ms: server, client)]
    p = defaultdict(lambda: defaultdict(list))
    sustained = defaultdict(list)
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        for name, server in doc["servers"].items():
            sustained[name].append(server["max_sustained_rate_per_s"])
            for row in server["rates"]:
                p[name][row["target_per_s"]].append(
                    (row["p50_us"], row["p99_us"], row["p99_9_us"], row["kept_up"], row.get("load_average"),
                     row.get("server_cpu_us_per_order"), row.get("server_wakeups_per_order"),
                     row.get("server_run_queue_wait_ms"), row.get("client_run_queue_wait_ms")))
    print("| server | orders/s | runs | p50 µs | p99 µs | p99.9 µs | kept up | load | server CPU µs/order | wake-ups/order "
          "| run-queue wait ms, server | client |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in p:
        for rate in sorted(p[name]):
            rows = p[name][rate]

            def span(i, digits=0):
                values = sorted(r[i] for r in rows if r[i] is not None)
                if not values:
                    return "n/a"
                lo, hi = f"{values[0]:.{digits}f}", f"{values[-1]:.{digits}f}"
                return lo if lo == hi else f"{lo}–{hi}"

            loads = sorted(r[4] for r in rows if r[4] is not None)
            kept = sum(1 for r in rows if r[3])
            load = f"{loads[0]:.1f}–{loads[-1]:.1f}" if loads else "n/a"
            print(f"| {name} | {rate} | {len(rows)} | {span(0)} | {span(1)} | {span(2)} | {kept}/{len(rows)} | {load} "
                  f"| {span(5, 1)} | {span(6, 2)} | {span(7)} | {span(8)} |")
    print()
    for name, values in sustained.items():
        print(f"{name}: max sustained (p99 within the bound) per run: {values}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
