"""Peak memory of a crawl as the registry grows: 300 and then 3,000 generated sites on loopback.

    python bench/memory_scale.py [--sizes 1000,3000,10000] [--posts-per-site 3] [--processes 2]
                                 [--sites-open 200] [--baseline-open 0]

For each size, serves a generated demo web (``clustercrawl.demoweb`` with that many extra
small sites) on 127.0.0.1 in its own process, crawls it with the real ``clusters`` spider
(no politeness delay), and samples the resident memory of the crawl from /proc every 0.25 s:
the crawling process alone and its whole tree (with the extraction workers). Prints both
peaks per size, the per-site slope between the smallest and the largest registry, and the
peak extrapolated to 30,000 sites (the goal, issue 15: <= 1 GiB there). ``--baseline-open``
also crawls the largest size with that many sites open at once (0 = all at start, the
behaviour before CLUSTERCRAWL_SITES_OPEN), as the same run's baseline.
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
from pathlib import Path
from typing import Any

import proctree  # bench/, the script's own folder
from demoserver import demo_web

ROOT = Path(__file__).resolve().parent.parent


def _is_worker(pid: int) -> bool:
    """An extraction worker (multiprocessing's spawn), not its resource tracker."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"spawn_main" in cmdline


def pss_kib(pid: int) -> int:
    """Proportional set size: shared pages (libraries, the workers' common code) counted once
    over the processes sharing them, where RSS counts them in each."""
    return proctree.status_kib(pid, "Pss:", "smaps_rollup")


def crawl_once(sites: int, posts_per_site: int, processes: int, tmp: Path,
               sites_open: int = 200) -> dict[str, Any]:
    log_path = tmp / "crawl.log"
    with demo_web(tmp, sites, posts_per_site) as web:
        registry = web.registry
        registry_sites = len(re.findall(r"^\s+- id: ", registry.read_text("utf-8"), re.M))
        cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}",
               "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False",
               "-s", "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost",
               "-s", f"CLUSTERCRAWL_EXTRACT_PROCESSES={processes}",
               "-s", f"CLUSTERCRAWL_SITES_OPEN={sites_open}",
               "-s", f"CLUSTERCRAWL_OUTPUT_DIR={tmp / 'out'}", "-s", "LOG_LEVEL=INFO"]
        start = time.monotonic()
        with log_path.open("w") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
            peak = crawler_peak = workers_peak = pss_peak = crawl_peak = end_peak = 0
            samples: list[tuple[float, int]] = []
            cpu: dict[int, float] = {}  # CPU seconds per process of the crawl tree, last seen
            loads: list[float] = []
            end_start = 0.0  # when the workers left
            done = threading.Event()

            def sample() -> None:
                nonlocal peak, crawler_peak, workers_peak, pss_peak, crawl_peak, end_peak
                nonlocal end_start
                while not done.is_set():
                    stats = proctree.tree_stats(proc.pid)
                    pids = list(stats)
                    for p, fields in stats.items():
                        cpu[p] = max(cpu.get(p, 0.0), proctree.cpu_seconds(fields))
                    loads.append(os.getloadavg()[0])
                    rss = {p: proctree.rss_kib(p) for p in pids}
                    tree = sum(rss.values())
                    peak = max(peak, tree)
                    crawler_peak = max(crawler_peak, rss.get(proc.pid, 0))
                    workers_peak = max(workers_peak, tree - rss.get(proc.pid, 0))
                    if any(_is_worker(p) for p in pids):  # crawling: extraction workers up
                        crawl_peak = max(crawl_peak, tree)
                    elif crawl_peak:  # the workers came and left: the end of the run
                        end_peak = max(end_peak, tree)
                        end_start = end_start or time.monotonic() - start
                    pss_peak = max(pss_peak, sum(pss_kib(p) for p in pids))
                    samples.append((time.monotonic() - start, tree))
                    done.wait(0.25)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            code = proc.wait()
            done.set()
            sampler.join()
        seconds = time.monotonic() - start
    text = log_path.read_text("utf-8", "replace")
    if code != 0:
        print(text[-3000:], file=sys.stderr)
        raise SystemExit(f"crawl of {sites} sites failed with exit code {code}")
    responses = re.findall(r"'response_received_count': (\d+)", text)
    items = re.findall(r"'item_scraped_count': (\d+)", text)
    # the crawling process's RSS before and after it gave its heap back (clustercrawl.finalize)
    trim = re.findall(r"heap given back: RSS (\d+) -> (\d+) MiB", text)
    statuses: dict[str, int] = {}
    manifests = sorted((tmp / "out").glob("runs/*/manifest.json"))
    reported = 0
    if manifests:  # the run report's rows: every site must have one
        for site in json.loads(manifests[-1].read_text("utf-8"))["sites"]:
            statuses[site["status"]] = statuses.get(site["status"], 0) + 1
            reported += 1
    # memory at the end of the first and last thirds of the crawl: growth while crawling
    third = seconds / 3
    early = max((kib for t, kib in samples if t <= third), default=0)
    late = max((kib for t, kib in samples if t >= 2 * third), default=0)
    return {
        "sites": registry_sites,
        "sites_open": sites_open,
        "seconds": round(seconds, 1),
        "cpu_seconds": round(sum(cpu.values()), 1),  # crawler and workers, not the server
        "crawler_cpu_seconds": round(cpu.get(proc.pid, 0.0), 1),
        "end_stage_seconds": round(seconds - end_start, 1) if end_start else None,
        "load": [round(min(loads, default=0), 1), round(max(loads, default=0), 1)],
        "responses": int(responses[-1]) if responses else 0,
        "items": int(items[-1]) if items else 0,
        "statuses": statuses,
        "sites_reported": reported,
        "peak_rss_mib": round(peak / 1024),
        "crawler_peak_rss_mib": round(crawler_peak / 1024),
        "workers_peak_rss_mib": round(workers_peak / 1024),
        "crawl_phase_peak_mib": round(crawl_peak / 1024),
        "end_stage_peak_mib": round(end_peak / 1024),
        "heap_given_back_mib": [int(x) for x in trim[-1]] if trim else None,
        "peak_pss_mib": round(pss_peak / 1024),
        "first_third_peak_mib": round(early / 1024),
        "last_third_peak_mib": round(late / 1024),
    }


def _trim(row: dict[str, Any]) -> str:
    given = row.get("heap_given_back_mib")
    return f"{given[0]:,} MiB, {given[1]:,} after the heap was given back" if given else "?"


def _line(row: dict[str, Any], processes: int) -> str:
    return (f"{row['sites']:>6} sites ({row['sites_open'] or 'all'} open): "
            f"{row['responses']:,} responses, {row['items']:,} posts in {row['seconds']:.0f} s "
            f"(CPU {row['cpu_seconds']:.0f} s, crawling process {row['crawler_cpu_seconds']:.0f} "
            f"s; end stage {row['end_stage_seconds']} s; load {row['load'][0]}-{row['load'][1]}); "
            f"peak RSS {row['peak_rss_mib']:,} MiB (crawler + {processes} extraction workers; "
            f"PSS {row['peak_pss_mib']:,} MiB), crawling process alone "
            f"{row['crawler_peak_rss_mib']:,} MiB, workers {row['workers_peak_rss_mib']:,} MiB; "
            f"peak while crawling {row['crawl_phase_peak_mib']:,} MiB, in the end stage (group, "
            f"write; workers gone) {row['end_stage_peak_mib']:,} MiB (entered at "
            f"{_trim(row)}); "
            f"first/last third of the run {row['first_third_peak_mib']:,}/"
            f"{row['last_third_peak_mib']:,} MiB; {row['sites_reported']:,} sites in the report, "
            f"statuses {row['statuses']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,3000", help="extra generated sites per run")
    ap.add_argument("--posts-per-site", type=int, default=3)
    ap.add_argument("--processes", type=int, default=2, help="extraction worker processes")
    ap.add_argument("--sites-open", type=int, default=200, help="CLUSTERCRAWL_SITES_OPEN")
    ap.add_argument("--baseline-open", type=int, default=None,
                    help="also crawl the largest size with this many sites open (0 = all)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="cc-mem-") as tmp:
            row = crawl_once(size, args.posts_per_site, args.processes, Path(tmp),
                             args.sites_open)
        rows.append(row)
        print(_line(row, args.processes), flush=True)
    first, last = rows[0], rows[-1]
    slope = 0.0
    if len(rows) > 1:
        slope = (last["peak_rss_mib"] - first["peak_rss_mib"]) / (last["sites"] - first["sites"])
        print(f"growth {first['sites']} -> {last['sites']} sites "
              f"(x{last['sites'] / first['sites']:.1f}): peak RSS "
              f"x{last['peak_rss_mib'] / first['peak_rss_mib']:.2f}, crawling process "
              f"x{last['crawler_peak_rss_mib'] / first['crawler_peak_rss_mib']:.2f}")
        print(f"per-site slope of the peak: {slope * 1024:.1f} KiB per site "
              f"({slope * 1000:.1f} MiB per 1,000 sites)")
        crawler_slope = ((last["crawler_peak_rss_mib"] - first["crawler_peak_rss_mib"])
                         / (last["sites"] - first["sites"]))
        print(f"per-site slope of the crawling process alone: {crawler_slope * 1024:.1f} KiB "
              f"per site")
        end_slope = ((last["end_stage_peak_mib"] - first["end_stage_peak_mib"])
                     / max(1, last["items"] - first["items"]))
        print(f"end stage: {first['end_stage_peak_mib']:,} -> {last['end_stage_peak_mib']:,} MiB "
              f"for {first['items']:,} -> {last['items']:,} posts: {end_slope * 1024:.1f} KiB "
              f"per post ({end_slope * 1024 * last['items'] / max(1, last['sites']):.1f} KiB "
              f"per site)")
    at_30k = last["peak_rss_mib"] + slope * max(0, 30000 - last["sites"])
    if args.baseline_open is not None:
        with tempfile.TemporaryDirectory(prefix="cc-mem-") as tmp:
            base = crawl_once(int(args.sizes.split(",")[-1]), args.posts_per_site,
                              args.processes, Path(tmp), args.baseline_open)
        rows.append(base)
        print("baseline, same run: " + _line(base, args.processes))
        print(f"peak with {args.sites_open} sites open / with {args.baseline_open or 'all'}: "
              f"{last['peak_rss_mib'] / base['peak_rss_mib']:.2f}")
    label = "measured" if last["sites"] >= 30000 else "extrapolated"
    verdict = "met" if at_30k <= 1024 else "MISSED"
    print(f"peak RSS at 30,000 sites ({label}): {at_30k:,.0f} MiB; goal <= 1 GiB: {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1), "utf-8")
    return 0 if verdict == "met" else 1


if __name__ == "__main__":
    sys.exit(main())
