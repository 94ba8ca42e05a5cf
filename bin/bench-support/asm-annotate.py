#!/usr/bin/env python3
"""Joins perf's samples with HotSpot's -XX:+PrintAssembly listing: where the JIT-compiled code of one
package spends its samples, by step, by source line and by instruction. Used by asm-profile.sh.

  asm-annotate.py --asm asm.txt --perf-data perf.data [--package io.databourse.] [--exclude P,Q] [--top 40]

A sample's address is looked up in the listing of the compiled method that holds it; the frames
HotSpot printed for that instruction (innermost first, with inlined callers) say which source line
and which step of the compiled method it belongs to. Only the last listing at an address counts,
so code that was recompiled is attributed to the version that ran last there.

Reading it: without hardware counters (this VM has none) the samples come from a timer, and a
sample lands on the instruction after the one the CPU was waiting for. So a sample counts toward the
step and source line of the instruction before the one it landed on (a load that missed the cache,
not the compare after it), unless --as-sampled; the list of hottest instructions prints both.
"""
import argparse
import bisect
import collections
import re
import subprocess
import sys

HEADER = re.compile(r'^Compiled method \((c1|c2)\)\s.*?\s(\S+::\S+)')
INSN = re.compile(r'^\s+0x([0-9a-f]+):\s+(.*)$')
FRAME = re.compile(r';\s+-\s+(\S+)@(-?\d+) \(line (\d+)\)')


def read_listing(path):
    """Instructions as [address, text, method, frames]; frames innermost first as (method, line)."""
    insns = []
    method = None
    current = None
    with open(path, errors='replace') as f:
        for line in f:
            m = HEADER.match(line)
            if m:
                method = (m.group(1), m.group(2))
                current = None
                continue
            m = INSN.match(line)
            if m and method is not None:
                current = [int(m.group(1), 16), m.group(2).split(';')[0].strip(), method, []]
                insns.append(current)
            if current is not None:
                for frame in FRAME.finditer(line):
                    current[3].append((frame.group(1), int(frame.group(3))))
    insns.sort(key=lambda i: i[0])
    # Later listings at the same address replace earlier ones (recompilation reuses the code cache).
    deduped = []
    for insn in insns:
        if deduped and deduped[-1][0] == insn[0]:
            deduped[-1] = insn
        else:
            deduped.append(insn)
    # An instruction with no frames of its own belongs to the last one that had them.
    last = []
    for insn in deduped:
        if insn[3]:
            last = insn[3]
        else:
            insn[3] = last
    return deduped


def read_samples(perf_data):
    out = subprocess.run(['perf', 'script', '-i', perf_data, '-F', 'ip'], capture_output=True, text=True,
                         check=True).stdout
    counts = collections.Counter()
    for line in out.split():
        try:
            counts[int(line, 16)] += 1
        except ValueError:
            pass
    return counts


def short(method):
    return method.rsplit('.', 1)[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--asm', required=True)
    ap.add_argument('--perf-data', required=True)
    ap.add_argument('--package', default='io.databourse.')
    # the bench's own set-up (reading the CSV, encoding the tape) is not what is being profiled
    ap.add_argument('--exclude', default='io.databourse.perf.workload.,io.databourse.perf.engine.CommandTape,'
                                          'io.databourse.journal.schema.Flyweight::putAscii')
    ap.add_argument('--top', type=int, default=40)
    ap.add_argument('--as-sampled', action='store_true',
                    help='count a sample toward the instruction it landed on, not the one before it')
    args = ap.parse_args()

    excluded = [x for x in args.exclude.split(',') if x]
    insns = read_listing(args.asm)
    if not insns:
        sys.exit('asm-annotate: no instructions in %s (was hsdis found? PrintAssembly needs it)' % args.asm)
    addresses = [i[0] for i in insns]
    samples = read_samples(args.perf_data)
    all_samples = sum(samples.values())

    per_insn = collections.Counter()
    per_method = collections.Counter()
    per_line = collections.Counter()
    per_step = collections.Counter()
    for ip, count in samples.items():
        k = bisect.bisect_right(addresses, ip) - 1
        if k < 0 or ip - insns[k][0] > 15:
            continue
        insn = insns[k]
        tier, method = insn[2]
        if tier != 'c2' or not method.startswith(args.package) or any(
                method.startswith(x) for x in excluded):
            continue
        per_insn[k] += count
        per_method[method] += count
        waited = insns[k - 1] if k > 0 and not args.as_sampled and insns[k - 1][2] == insn[2] else insn
        frames = waited[3]
        if frames:
            inner, line = frames[0]
            caller = ' < '.join('%s:%d' % (short(m), ln) for m, ln in frames[1:3])
            per_line['%s:%d%s' % (short(inner), line, '  [' + caller + ']' if caller else '')] += count
            # the step: the frame called from the compiled method itself
            step = frames[-2] if len(frames) >= 2 else frames[-1]
            per_step['%s > %s:%d' % (short(method), short(step[0]), step[1])] += count
    total = sum(per_insn.values())
    if total == 0:
        sys.exit('asm-annotate: none of %d samples fell in C2 code of %s' % (all_samples, args.package))

    def pct(c):
        return '%5.1f%%' % (100.0 * c / total)

    print('%d of %d samples are in C2-compiled code of %s (less %s); shares below are of those.' % (
        total, all_samples, args.package, ', '.join(excluded) or 'nothing'))
    print('\n== by compiled method')
    for m, c in per_method.most_common(args.top // 2):
        print(pct(c), m)
    print('\n== by step (the call made from the compiled method; inlined code counts here)')
    for m, c in per_step.most_common(args.top):
        print(pct(c), m)
    print('\n== by source line (innermost frame [its callers])%s' % (
        '' if args.as_sampled else ', of the instruction before the sampled one'))
    for m, c in per_line.most_common(args.top):
        print(pct(c), m)
    print('\n== hottest instructions, each after the one before it (a sample lands after what it waited for)')
    for k, c in per_insn.most_common(args.top // 2):
        before = insns[k - 1] if k > 0 else None
        frames = insns[k][3]
        where = '%s:%d' % (short(frames[0][0]), frames[0][1]) if frames else '?'
        if before is not None:
            print('       %x  %s' % (before[0], before[1][:70]))
        print(pct(c) + '  %x  %s    <- %s' % (insns[k][0], insns[k][1][:70], where))


if __name__ == '__main__':
    main()
