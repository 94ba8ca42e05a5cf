#!/usr/bin/env bash
# Instruction-level profile of the matcher's JIT-compiled code: perf samples the bench, HotSpot
# prints the machine code it ran (with the inlined frames and source line of each instruction) through
# a small Capstone-based disassembler plugin built here, and asm-annotate.py joins the two.
# JFR (profile.sh) says which method and line; this says which instruction, e.g. which load the CPU
# waits for. This VM has no hardware counters, so perf samples on a timer (cpu-clock).
#
#   bin/bench-support/asm-profile.sh                       # exchange-core mix, matcher alone
#   bin/bench-support/asm-profile.sh "throughput --workload multi-product --no-peer --runs 4"
#
# Needs perf, gcc and Capstone's headers (Debian: apt-get install linux-perf gcc libcapstone-dev) and
# perf/target/perf-benchmarks.jar (bench.sh builds it). Writes perf/target/asm-profile/: report.txt,
# asm.txt (the listing), perf.data and bench.log.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_ARGS="${1:-throughput --workload exchange-core --no-peer --runs 6}"
OUT=perf/target/asm-profile
mkdir -p "$OUT"

for tool in perf gcc; do
    command -v "$tool" >/dev/null || { echo "asm-profile: needs $tool" >&2; exit 2; }
done
if [[ ! -f /usr/include/capstone/capstone.h ]]; then
    echo "asm-profile: needs Capstone's headers (Debian: apt-get install libcapstone-dev)" >&2; exit 2
fi
if [[ "$(uname -m)" != "x86_64" ]]; then echo "asm-profile: the plugin is built for x86-64 only" >&2; exit 2; fi
gcc -O2 -shared -fPIC -o "$OUT/hsdis-amd64.so" bin/bench-support/hsdis-capstone.c -lcapstone

# JAVA (the newest JDK unless set) and FLAGS, as the bench picks them
source bin/bench-support/jvm.sh
echo "== perf record of: $BENCH_ARGS ($JAVA)"
# HotSpot finds hsdis-amd64.so on the library path. Only our packages' code is printed.
# shellcheck disable=SC2086
LD_LIBRARY_PATH="$OUT${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" perf record -e cpu-clock -F 10000 -o "$OUT/perf.data" -- \
    "$JAVA" "${FLAGS[@]}" -Xmx4g -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
    '-XX:CompileCommand=print,io.databourse.*::*' -XX:CompileCommand=quiet \
    -jar perf/target/perf-benchmarks.jar $BENCH_ARGS > "$OUT/asm.txt" 2> "$OUT/perf.err"
# the listing and the bench share stdout: keep the bench's whole lines
grep -E '^(WORKLOAD|TAPE|MATCHER run=[^ ]+ commands=|THROUGHPUT) ' "$OUT/asm.txt" > "$OUT/bench.log" || true
cat "$OUT/bench.log"
python3 bin/bench-support/asm-annotate.py --asm "$OUT/asm.txt" --perf-data "$OUT/perf.data" > "$OUT/report.txt"
echo "== $OUT/report.txt"
head -80 "$OUT/report.txt"
