#!/usr/bin/env python3
"""How long reading a file's hole holds a CPU (docs/perf.md, "Pipeline latency").

The journal is a sparse file ahead of its writer; the first read (or write) of each page makes the
kernel allocate and zero a page-cache page. This reads a fresh sparse file in DIR chunk by chunk,
as JournalPrefetcher does, while a second process spins on a clock and records the longest time it
did not run. Both are pinned: to the same CPU, the spinner shows how long the reads keep others off
it; with --spinner-cpu on another CPU, it shows the machine without that.

  bin/bench-support/page-cache-hold.py                         # /tmp, CPU 0 for both, 64 KiB reads, 5 s
  bin/bench-support/page-cache-hold.py --dir /dev/shm          # the same on tmpfs
  bin/bench-support/page-cache-hold.py --spinner-cpu 1         # the spinner on another CPU
  bin/bench-support/page-cache-hold.py --no-readahead          # posix_fadvise(RANDOM) on the reads
"""
import argparse
import multiprocessing
import os
import time


def spin(cpu, seconds, out):
    os.sched_setaffinity(0, {cpu})
    end = time.perf_counter_ns() + int(seconds * 1e9)
    prev = time.perf_counter_ns()
    longest = 0
    over = 0
    while prev < end:
        now = time.perf_counter_ns()
        gap = now - prev
        if gap > 200_000:
            over += 1
            longest = max(longest, gap)
        prev = now
    out.put((over, longest))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp")
    ap.add_argument("--cpu", type=int, default=0, help="CPU of the reader")
    ap.add_argument("--spinner-cpu", type=int, default=None, help="CPU of the spinner (default: the reader's)")
    ap.add_argument("--seconds", type=float, default=5.0)
    ap.add_argument("--chunk", type=int, default=65536)
    ap.add_argument("--no-readahead", action="store_true")
    a = ap.parse_args()
    spinner_cpu = a.cpu if a.spinner_cpu is None else a.spinner_cpu

    results = multiprocessing.Queue()
    spinner = multiprocessing.Process(target=spin, args=(spinner_cpu, a.seconds + 1.0, results))
    spinner.start()
    time.sleep(0.5)

    os.sched_setaffinity(0, {a.cpu})
    path = os.path.join(a.dir, "page-cache-hold-%d.bin" % os.getpid())
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC)
    size = 1 << 30
    times = []
    try:
        os.ftruncate(fd, size)
        if a.no_readahead:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_RANDOM)
        end = time.monotonic() + a.seconds
        off = 0
        while time.monotonic() < end and off < size:
            t = time.perf_counter_ns()
            os.pread(fd, a.chunk, off)
            times.append(time.perf_counter_ns() - t)
            off += a.chunk
            time.sleep(0.0001)  # paced, as the prefetcher is
    finally:
        os.close(fd)
        os.unlink(path)
    spinner.join()
    over, longest = results.get()
    times.sort()
    n = len(times)
    print("reads of %d B in %s: n=%d p50=%.1fus p99=%.2fms max=%.2fms | spinner on CPU %d: %d gaps over 0.2 ms, longest %.2f ms"
          % (a.chunk, a.dir, n, times[n // 2] / 1e3, times[int(n * 0.99)] / 1e6, times[-1] / 1e6,
             spinner_cpu, over, longest / 1e6))


if __name__ == "__main__":
    main()
