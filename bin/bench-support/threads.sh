#!/usr/bin/env bash
# The thread budget of a running JVM: each thread's name, how often it woke up (voluntary context
# switches, i.e. it blocked or parked and was woken) and how much CPU it used over an interval.
# How ARCHITECTURE.md's thread table was counted; run it against `bin/databourse run`:
#
#   bin/bench-support/threads.sh PID [SECONDS]        # default 10 s
#
# Linux only (reads /proc/PID/task/*/{comm,status,stat}); CPU is utime + stime in clock ticks.
set -euo pipefail
pid="${1:?usage: threads.sh PID [SECONDS]}"
seconds="${2:-10}"
hz="$(getconf CLK_TCK)"

snapshot() {
    for task in /proc/"$pid"/task/*; do
        tid="${task##*/}"
        name="$(tr ' ' '_' < "$task/comm" 2>/dev/null)" || continue
        woken="$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null)" || continue
        preempted="$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null)" || continue
        # fields 14 and 15 of stat after the ")" that ends the name: utime, stime
        ticks="$(sed 's/^.*) //' "$task/stat" | awk '{print $12 + $13}')" || continue
        echo "$tid $name $woken $preempted $ticks"
    done | sort -n
}

before="$(snapshot)"
sleep "$seconds"
after="$(snapshot)"
printf '%-8s %-32s %12s %14s %8s\n' tid name "wakeups/s" "preempted/s" "cpu %"
join <(echo "$before") <(echo "$after") | awk -v s="$seconds" -v hz="$hz" '{
    printf "%-8s %-32s %12.1f %14.1f %8.2f\n", $1, $2, ($7 - $3) / s, ($8 - $4) / s, 100 * ($9 - $5) / hz / s
}'
