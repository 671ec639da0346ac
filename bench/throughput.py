"""End-to-end crawl throughput beside ``scrapy bench``, measured in the same run.

    python bench/throughput.py [--extra-sites 100] [--posts-per-site 50] [--processes 2]

Serves a generated demo web (>= 5,000 pages by default) on 127.0.0.1 in its own process,
crawls it with the real ``clusters`` spider and full extraction, then runs ``scrapy bench``
(Scrapy's own ceiling for one process with trivial parsing) on the same machine. Both rates
are responses / elapsed seconds from each crawl's final stats, start-up included. Prints
pages/min for both, the ratio, the peak resident memory of the crawl (crawling process
plus its extraction workers, sampled from /proc), and the CPU seconds of the crawler, of its
workers and of every other process meanwhile with the load: on a shared machine the ratio
says little without them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import proctree  # noqa: E402  (bench/, the script's own folder)
from demoserver import demo_web  # noqa: E402

from clustercrawl.demoweb.scoring import read_jsonl, score  # noqa: E402


def machine_busy() -> float:
    """CPU seconds all cores spent busy since boot (Linux /proc/stat): minus ours = others'."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def tree_sample(pid: int, seen: dict[int, float]) -> int:
    """Resident memory (KiB) of a process and its descendants now; their CPU seconds so
    far go into ``seen`` per pid (the last sample of a process that ended stays)."""
    total = 0
    for p, fields in proctree.tree_stats(pid).items():
        seen[p] = proctree.cpu_seconds(fields)
        total += proctree.rss_kib(p)
    return total


@dataclass
class Measured:
    log: str
    peak_kib: int
    cpu_main: float  # the process started (the crawler, the reactor)
    cpu_children: float  # its descendants (the extraction workers)
    cpu_others: float  # every other process on the machine meanwhile
    load: tuple[float, float]  # 1-minute load average at start and end


def run_measured(cmd: list[str], cwd: Path) -> Measured:
    """Run a command, sampling the peak RSS and the CPU of its process tree."""
    busy0, load0 = machine_busy(), os.getloadavg()[0]
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    peak = 0
    cpu: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_sample(proc.pid, cpu))
            time.sleep(0.25)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    done.set()
    t.join()
    main = cpu.pop(proc.pid, 0.0)
    children = sum(cpu.values())
    others = machine_busy() - busy0 - main - children
    return Measured(err, peak, main, children, max(others, 0.0),
                    (load0, os.getloadavg()[0]))


def final_stats_rate(log: str) -> tuple[int, float]:
    """(responses, seconds) from the stats Scrapy dumps at the end of a crawl."""
    responses = int(re.findall(r"'response_received_count': (\d+)", log)[-1])
    seconds = float(re.findall(r"'elapsed_time_seconds': ([\d.]+)", log)[-1])
    return responses, seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extra-sites", type=int, default=100)
    ap.add_argument("--posts-per-site", type=int, default=50)
    ap.add_argument("--processes", type=int, default=2, help="extraction worker processes")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="cc-bench-") as tmpdir:
        tmp = Path(tmpdir)
        with demo_web(tmp, args.extra_sites, args.posts_per_site) as web:
            registry = web.registry
            truth = json.loads(web.truth.read_text("utf-8"))
            crawl = run_measured(
                [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}",
                 "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                 "-s", "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost",
                 "-s", f"CLUSTERCRAWL_EXTRACT_PROCESSES={args.processes}",
                 "-s", f"CLUSTERCRAWL_OUTPUT_DIR={tmp / 'out'}", "-s", "LOG_LEVEL=INFO"],
                ROOT,
            )
        pages, secs = final_stats_rate(crawl.log)
        posts = [i for p in (tmp / "out").glob("runs/*/posts.jsonl") for i in read_jsonl(p)]
        items = len(posts)
        quality = score(posts, truth)
        bench = run_measured([sys.executable, "-m", "scrapy", "bench"], tmp)
        b_pages, b_secs = final_stats_rate(bench.log)

    ours = pages / secs * 60
    base = b_pages / b_secs * 60
    figures = {
        "sites": len(truth["sites"]),
        "truth_posts": len(truth["posts"]),
        "pages_fetched": pages,
        "items": items,
        "seconds": round(secs, 1),
        "pages_per_min": round(ours),
        "scrapy_bench_pages_per_min": round(base),
        "ratio": round(ours / base, 3),
        "peak_rss_mib": round(crawl.peak_kib / 1024),
        "crawler_cpu_s": round(crawl.cpu_main, 1),
        "workers_cpu_s": round(crawl.cpu_children, 1),
        "others_cpu_s_during_crawl": round(crawl.cpu_others, 1),
        "load_crawl": crawl.load,
        "bench_cpu_s": round(bench.cpu_main + bench.cpu_children, 1),
        "others_cpu_s_during_bench": round(bench.cpu_others, 1),
        "load_bench": bench.load,
        "extract_processes": args.processes,
        "recall": round(quality.recall, 4),
        "title_accuracy": round(quality.title_accuracy, 4),
        "date_accuracy": round(quality.date_accuracy, 4),
    }
    print(f"clusters crawl: {pages} pages ({items} posts) in {secs:.1f} s = {ours:,.0f} pages/min, "
          f"peak RSS {crawl.peak_kib / 1024:,.0f} MiB (crawler + {args.processes} extraction "
          f"workers)")
    print(f"  CPU: crawler (reactor) {crawl.cpu_main:.1f} s, extraction workers "
          f"{crawl.cpu_children:.1f} s; other processes on the machine {crawl.cpu_others:.1f} s; "
          f"load {crawl.load[0]:.1f} -> {crawl.load[1]:.1f}")
    print(f"scrapy bench:   {b_pages} pages in {b_secs:.1f} s = {base:,.0f} pages/min")
    print(f"  CPU: scrapy bench {bench.cpu_main + bench.cpu_children:.1f} s; other processes "
          f"{bench.cpu_others:.1f} s; load {bench.load[0]:.1f} -> {bench.load[1]:.1f}")
    print(f"ratio: {ours / base:.2f} x scrapy bench")
    print(f"quality on the generated web: {quality.summary()}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
