#!/usr/bin/env bash
# Interleaved A/B of the matcher on the exchange-core mix between two commits: the guard that a
# change costs no more than 5 % (docs/perf.md, "Guarding the exchange-core mix").
#
#   bin/bench-support/ab.sh BASE CHANGED [ROUNDS]     e.g. ab.sh 0b9141b main 12
#
# Builds perf in a detached worktree per commit (/tmp/databourse-ab-<sha>), then runs ROUNDS
# rounds (default 12) of `throughput --workload exchange-core --no-peer --runs 6`, one JVM per side
# per round, A then B, so that a noisy spell hits both. Prints each JVM's median and, at the end,
# the median of medians per side and their ratio, per wall second and per CPU-second of the
# matching thread. Run it on a quiet machine (`uptime`): on two shared cores the spread of single
# runs hides a 5 % difference. When other work holds the cores, the CPU-second ratio still
# compares the code (time the thread was off the core is not counted; its caches still suffer).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ $# -lt 2 || "$1" == "--help" || "$1" == "-h" ]]; then sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0; fi
ROUNDS="${3:-12}"
source bin/bench-support/jvm.sh
declare -A DIR
for side in A B; do
    if [[ $side == A ]]; then ref="$1"; else ref="$2"; fi
    sha="$(git rev-parse --short "$ref^{commit}")"
    DIR[$side]="/tmp/databourse-ab-$sha"
    if [[ ! -d "${DIR[$side]}" ]]; then git worktree add -f --detach "${DIR[$side]}" "$sha" >/dev/null; fi
    echo "== build $side = $ref ($sha) in ${DIR[$side]}"
    (cd "${DIR[$side]}" && { mvn -q -B -o package -pl perf -am -DskipTests 2>/dev/null || mvn -q -B package -pl perf -am -DskipTests; })
done
out="$(mktemp -d /tmp/databourse-ab-XXXX)"
for round in $(seq 1 "$ROUNDS"); do
    for side in A B; do
        (cd "${DIR[$side]}" && "$JAVA" "${FLAGS[@]}" -Xmx4g -XX:MaxHeapFreeRatio=100 -XX:MaxDirectMemorySize=2g \
            -jar perf/target/perf-benchmarks.jar throughput --workload exchange-core --no-peer --runs 6) > "$out/$side-$round.log" 2>&1
        median="$(sed -n 's/.*THROUGHPUT.* matcher=\([0-9]*\).*/\1/p' "$out/$side-$round.log")"
        cpu="$(sed -n 's/^MATCHER run=[0-9].* ops_per_cpu_sec=\([0-9]*\).*/\1/p' "$out/$side-$round.log" | sort -n |
            awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]}')"
        echo "round $round/$ROUNDS $side: median ${median:-failed, see $out/$side-$round.log} ops/s, ${cpu:-n/a} per CPU-second (load $(cut -d' ' -f1 /proc/loadavg))"
        echo "$side ${median:-0} ${cpu:-0}" >> "$out/medians"
    done
done
python3 - "$out/medians" "$1" "$2" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
for column, unit in ((1, "ops/s"), (2, "ops per CPU-second")):
    m = {s: [int(r[column]) for r in rows if r[0] == s and len(r) > column and int(r[column]) > 0] for s in "AB"}
    if not m["A"] or not m["B"]:
        print(f"no {unit} figures (an older commit prints none)")
        continue
    a, b = statistics.median(m["A"]), statistics.median(m["B"])
    for s, name in (("A", sys.argv[2]), ("B", sys.argv[3])):
        print(f"{s} {name}: median of {len(m[s])} JVM medians {statistics.median(m[s]) / 1e6:.2f}M {unit}, range {min(m[s]) / 1e6:.2f}-{max(m[s]) / 1e6:.2f}M")
    print(f"B/A = {b / a:.3f} ({unit})")
PY
