#!/usr/bin/env bash
# JFR profile of one bench subcommand, then the top sampled frames (optionally of one thread).
#
#   bin/bench-support/profile.sh "throughput --workload exchange-core --runs 2 --no-peer"
#   THREAD=databourse-matcher bin/bench-support/profile.sh "pipeline --workload exchange-core-quick --runs 3"
#
# Needs perf/target/perf-benchmarks.jar (bench.sh builds it). Writes perf/target/profile.jfr.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA:-java}"
FLAGS=(--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
       --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
       --enable-native-access=ALL-UNNAMED -Dchronicle.analytics.disable=true)
JFR_FILE=perf/target/profile.jfr
# shellcheck disable=SC2086
timeout 900 "$JAVA" "${FLAGS[@]}" -Xmx3g -XX:StartFlightRecording=filename=$JFR_FILE,settings=profile \
    -jar perf/target/perf-benchmarks.jar $1
echo "== top frames${THREAD:+ of thread $THREAD} ($JFR_FILE)"
jfr print --events jdk.ExecutionSample "$JFR_FILE" | awk -v want="${THREAD:-}" '
    /jdk.ExecutionSample/ { keep = (want == "") }
    /sampledThread = / { if (want != "" && index($0, "\"" want "\"") > 0) keep = 1 }
    /stackTrace = \[/ { getline; if (keep) { sub(/line:.*/, ""); sub(/^ +/, ""); print } }
' | sort | uniq -c | sort -rn | head -${TOP:-20}
