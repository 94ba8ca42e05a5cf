#!/usr/bin/env bash
# The matcher-alone latency figures (open loop, and the no-engine floor and stall census beside them)
# measured on a CPU that nothing else uses: every other thread of the machine and every interrupt
# that can move is moved to the other CPUs for the run, the bench JVM starts on those, and only its
# measuring thread is pinned to the isolated one. Affinities are put back on exit, also on failure.
# Called by `bin/databourse bench --isolated`. Needs root (it changes other processes' affinities)
# and at least 2 CPUs; the perf jar is built as bench.sh builds it unless BENCH_SKIP_BUILD=1.
#
#   bin/bench-support/isolated-latency.sh                  # CPU = the last one, 10 s a rate, full rates
#   bin/bench-support/isolated-latency.sh --quick          # 2 s a rate, 100k..2M
#   ISOLATED_CPU=1 bin/bench-support/isolated-latency.sh --rates 1000000 --latency-seconds 30
#   BENCH_JVM_FLAGS="-Xlog:safepoint:file=/tmp/safepoints.log" bin/bench-support/isolated-latency.sh --quick
#
# Writes perf/results/isolated/latency.json, latency-percentiles.png and latest.log (or into
# --results-dir DIR). What it cannot remove: the kernel's per-CPU threads and the timer tick (this
# kernel has no nohz_full), and whatever the hypervisor does to the vCPU.
set -euo pipefail
cd "$(dirname "$0")/../.."

CPUS=$(nproc --all)
if [[ "$(id -u)" != "0" ]]; then echo "isolated-latency: needs root to move other processes and interrupts" >&2; exit 2; fi
if [[ "$CPUS" -lt 2 ]]; then echo "isolated-latency: needs at least 2 CPUs, this machine has $CPUS" >&2; exit 2; fi
ISOLATED="${ISOLATED_CPU:-$((CPUS - 1))}"
if ! [[ "$ISOLATED" =~ ^[0-9]+$ ]] || [[ "$ISOLATED" -ge "$CPUS" ]]; then
    echo "isolated-latency: ISOLATED_CPU=$ISOLATED is not one of CPUs 0..$((CPUS - 1))" >&2; exit 2
fi
OTHERS=$(seq -s, 0 $((CPUS - 1)) | tr ',' '\n' | grep -vx "$ISOLATED" | paste -sd,)

RESULTS_DIR=perf/results/isolated
prev=""
for a in "$@"; do
    if [[ "$prev" == "--results-dir" ]]; then RESULTS_DIR="$a"; fi
    prev="$a"
done
ARGS=("$@")
if [[ ! " $* " =~ " --results-dir " ]]; then ARGS+=(--results-dir "$RESULTS_DIR"); fi

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
    echo "== build (perf and the modules it needs)"
    mvn -q -B -o package -pl perf -am -DskipTests 2>/dev/null || mvn -q -B package -pl perf -am -DskipTests
fi
# JAVA (the newest JDK unless set), JAVA_FEATURE and FLAGS, as bench.sh picks them
source bin/bench-support/jvm.sh
# shellcheck disable=SC2206
FLAGS+=(${BENCH_JVM_FLAGS:-})

# Save every task's and interrupt's CPUs, then restore them whatever happens.
SAVED=$(mktemp -d)
for t in /proc/[0-9]*/task/[0-9]*; do
    tid=${t##*/}
    mask=$(taskset -p "$tid" 2>/dev/null | sed -n 's/.*: //p') && [[ -n "$mask" ]] && echo "$tid $mask"
done > "$SAVED/tasks" || true
for i in /proc/irq/[0-9]*; do
    [[ -r "$i/smp_affinity_list" ]] && echo "${i##*/} $(cat "$i/smp_affinity_list")"
done > "$SAVED/irqs" || true
cat /proc/irq/default_smp_affinity > "$SAVED/default_irq"
restore() {
    while read -r tid mask; do taskset -p "$mask" "$tid" >/dev/null 2>&1 || true; done < "$SAVED/tasks"
    while read -r irq list; do echo "$list" > "/proc/irq/$irq/smp_affinity_list" 2>/dev/null || true; done < "$SAVED/irqs"
    cat "$SAVED/default_irq" > /proc/irq/default_smp_affinity 2>/dev/null || true
    rm -rf "$SAVED"
}
trap restore EXIT

moved=0; stuck=0
while read -r tid _; do
    if taskset -p -c "$OTHERS" "$tid" >/dev/null 2>&1; then moved=$((moved + 1)); else stuck=$((stuck + 1)); fi
done < "$SAVED/tasks"
irqs_moved=0
while read -r irq _; do
    echo "$OTHERS" > "/proc/irq/$irq/smp_affinity_list" 2>/dev/null && irqs_moved=$((irqs_moved + 1)) || true
done < "$SAVED/irqs"
printf '%x' $(( ((1 << CPUS) - 1) & ~(1 << ISOLATED) )) > /proc/irq/default_smp_affinity 2>/dev/null || true

mkdir -p "$RESULTS_DIR"
{
    echo "== isolated CPU $ISOLATED: $moved threads and $irqs_moved interrupts moved to CPU(s) $OTHERS ($stuck threads are per-CPU kernel threads and stay); $JAVA (Java $JAVA_FEATURE); load: $(cut -d' ' -f1-3 /proc/loadavg)"
    set +e
    # ActiveProcessorCount: started on the other CPUs, the JVM would size itself for them alone (on
    # two CPUs: one, hence the serial collector and fewer compiler threads), not as the suite runs it.
    timeout --kill-after=10 "${BENCH_TIMEOUT_S:-1800}" taskset -c "$OTHERS" "$JAVA" "${FLAGS[@]}" -Xmx"${BENCH_HEAP:-4g}" \
        -XX:ActiveProcessorCount="$CPUS" \
        -XX:MaxHeapFreeRatio=100 -jar perf/target/perf-benchmarks.jar latency --latency-cpu "$ISOLATED" "${ARGS[@]}" 2>&1
    rc=$?
    set -e
    echo "== done (exit $rc); affinities are put back as the script exits"
    exit $rc
} | tee "$RESULTS_DIR/latest.log"
exit "${PIPESTATUS[0]}"
