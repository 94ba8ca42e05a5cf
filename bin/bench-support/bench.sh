#!/usr/bin/env bash
# DataBourse perf suite: builds perf, perf-peer and perf-artio, then runs every measurement of issue 5
# in one JVM (the exchange-core peer, the gateway round trip — with the Artio peer, our gateway and the
# full path each in a JVM of its own — and the settlement benches each in one of their own), writing perf/results/latest.json, latest.md (the README table), latest.log, gateway.json,
# settlement.json and the latency PNGs (into --results-dir DIR instead when given).
# Called by `bin/databourse bench [--quick]`.
#
#   bin/bench-support/bench.sh --quick      # under 10 minutes on the 2-core dev machine
#   bin/bench-support/bench.sh              # full workloads (3M commands), about 7 minutes here
#   bin/bench-support/bench.sh --quick --no-jmh --no-peer   # extra options go to the Bench driver
#
# Environment: JAVA (default: the newest JDK on PATH or under /usr/lib/jvm), BENCH_HEAP (default 4g), BENCH_TIMEOUT_S (default 900
# quick / 3600 full), BENCH_SKIP_BUILD=1 to reuse the jars already built.
set -euo pipefail
cd "$(dirname "$0")/../.."

QUICK=""
ARGS=()
RESULTS_DIR=perf/results
prev=""
for a in "$@"; do
    case "$a" in
        --quick) QUICK="--quick" ;;
        *) ARGS+=("$a") ;;
    esac
    # the log goes where the Bench driver writes its results, next to the latest.json it explains
    if [[ "$prev" == "--results-dir" ]]; then RESULTS_DIR="$a"; fi
    prev="$a"
done

HEAP="${BENCH_HEAP:-4g}"
# quick: 3 minutes on a quiet 2-core machine before the round trip ran three server JVMs (about 1 more,
# estimated); 12.5 minutes at a load of 30-50 (2026-12-06)
if [[ -n "$QUICK" ]]; then TIMEOUT_S="${BENCH_TIMEOUT_S:-900}"; else TIMEOUT_S="${BENCH_TIMEOUT_S:-3600}"; fi
# JAVA (the newest JDK unless set), JAVA_FEATURE and FLAGS
source bin/bench-support/jvm.sh

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    echo "== build (perf, perf-peer, perf-artio and the modules they need)"
    # Offline first: the dependencies are normally in ~/.m2 already; online when they are not.
    # skipTests, not maven.test.skip: the console's and the launcher's test-jar dependencies must be built
    # (with maven.test.skip a clean clone fails to resolve databourse-settlement:tests).
    mvn -q -B -o package -pl perf,perf-peer,perf-artio -am -DskipTests 2>/dev/null ||
        mvn -q -B package -pl perf,perf-peer,perf-artio -am -DskipTests
fi

echo "== bench ${QUICK:-full} (timeout ${TIMEOUT_S}s) on $(nproc) CPUs with $JAVA (Java $JAVA_FEATURE), load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo n/a)"
mkdir -p "$RESULTS_DIR"
set +e
# MaxHeapFreeRatio=100: the heap never shrinks, so the collections the latency loops ask for between
# schedules (LatencyBench.settleHeap) give no memory back to the OS to be taken again. (A fixed,
# pre-touched 4 GiB heap instead measured slower pipeline runs, 1.9-2.8M against 2.5-3.0M.)
timeout --kill-after=10 "$TIMEOUT_S" "$JAVA" "${FLAGS[@]}" -Xmx"$HEAP" -XX:MaxHeapFreeRatio=100 -XX:MaxDirectMemorySize=2g \
    -jar perf/target/perf-benchmarks.jar all $QUICK "${ARGS[@]+"${ARGS[@]}"}" 2>&1 | tee "$RESULTS_DIR/latest.log"
rc=${PIPESTATUS[0]}
set -e
if [[ $rc -eq 124 ]]; then echo "bench: timed out after ${TIMEOUT_S}s" >&2; fi
exit $rc
