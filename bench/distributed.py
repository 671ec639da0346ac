"""Distributed crawl throughput: pages/min with 1, 2, 4 and 8 workers on one Redis.

    python bench/distributed.py [--extra-sites 100] [--posts-per-site 50] [--workers 1,2,4,8]
                                [--processes 0] [--json FILE]

Serves a generated demo web (>= 5,000 pages by default) on 127.0.0.1 in its own process,
starts a private redis-server (127.0.0.1, free port, password), and for each worker count:
seeds the run, starts that many ``scrapy crawl clusters`` workers at once, waits until they
all ended by themselves (the last one merges the run), and reports pages/min = responses of
all workers / wall time from start to the last exit, the ratio to one worker, and the
efficiency per worker (ratio / workers) and per core used (ratio / min(workers, cores)):
on a machine with fewer cores than workers, the second is the one that can stay near 1. Each worker
runs ``--processes`` extraction processes (0 = inline: one worker is one core). A
single-process crawl without Redis (same settings) is measured first, as the reference for
the overhead of distributed mode. Also checks the merged run (posts, duplicates) and prints
the CPU seconds of the workers and of the demo server, and how busy that kept the machine's
cores: on one machine the workers share its cores with the server, which bounds the ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demoserver import demo_web  # noqa: E402  (bench/, the script's own folder)

from tests.redis_fixture import RedisServer  # noqa: E402

BASE = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "INFO",
        "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS": "*.localhost"}


def responses(log: str) -> int:
    found = re.findall(r"'response_received_count': (\d+)", log)
    return int(found[-1]) if found else 0


def crawl_cmd(settings: dict[str, str], registry: Path | None = None) -> list[str]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters"]
    if registry is not None:
        cmd += ["-a", f"registry={registry}"]
    for k, v in settings.items():
        cmd += ["-s", f"{k}={v}"]
    return cmd


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy() -> float:
    """CPU seconds all cores spent busy since boot (Linux /proc/stat): minus ours = others'."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> float:
    """CPU seconds of every finished child (and their waited-for children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_workers(n: int, url: str, tmp: Path, processes: int) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERCRAWL_REDIS")}
    procs = []
    cpu0 = children_cpu()
    start = time.monotonic()
    for i in range(n):
        out = tmp / f"w{n}-{i}"
        out.mkdir(parents=True)
        settings = {**BASE, "CLUSTERCRAWL_OUTPUT_DIR": str(out), "CLUSTERCRAWL_REDIS_URL": url,
                    "CLUSTERCRAWL_EXTRACT_PROCESSES": str(processes)}
        procs.append((subprocess.Popen(crawl_cmd(settings), cwd=ROOT, env=env,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                       text=True), out))
    logs = []
    for proc, _ in procs:
        _, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(f"worker failed:\n{err[-3000:]}")
        logs.append(err)
    wall = time.monotonic() - start
    pages = sum(responses(log) for log in logs)
    [merged] = [out for _, out in procs if (out / "posts.jsonl").exists()]
    run_posts = next(merged.glob("runs/*/posts.jsonl"))
    ids = [json.loads(line)["id"] for line in run_posts.read_text("utf-8").splitlines() if line]
    return {"workers": n, "pages": pages, "seconds": round(wall, 1),
            "workers_cpu_s": round(children_cpu() - cpu0, 1),
            "pages_per_min": round(pages / wall * 60), "posts": len(set(ids)),
            "duplicates": len(ids) - len(set(ids)),
            "per_worker_pages": [responses(log) for log in logs]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extra-sites", type=int, default=100)
    ap.add_argument("--posts-per-site", type=int, default=50)
    ap.add_argument("--workers", default="1,2,4,8")
    ap.add_argument("--processes", type=int, default=0,
                    help="extraction processes per worker (0 = inline)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    args = ap.parse_args()
    counts = [int(x) for x in args.workers.split(",")]

    with tempfile.TemporaryDirectory(prefix="cc-dist-bench-") as tmpdir:
        tmp = Path(tmpdir)
        with demo_web(tmp, args.extra_sites, args.posts_per_site) as web:
            server, registry = web.process, web.registry
            truth = json.loads(web.truth.read_text("utf-8"))
            # the reference: one process, no Redis, the same settings
            out = tmp / "single"
            cpu0, server_cpu, busy = children_cpu(), proc_cpu(server.pid), machine_busy()
            t0 = time.monotonic()
            single = subprocess.run(
                crawl_cmd({**BASE, "CLUSTERCRAWL_OUTPUT_DIR": str(out),
                           "CLUSTERCRAWL_EXTRACT_PROCESSES": str(args.processes)}, registry),
                cwd=ROOT, capture_output=True, text=True, check=True)
            wall = time.monotonic() - t0
            ref = {"pages": responses(single.stderr), "seconds": round(wall, 1),
                   "pages_per_min": round(responses(single.stderr) / wall * 60),
                   "crawler_cpu_s": round(children_cpu() - cpu0, 1),
                   "server_cpu_s": round(proc_cpu(server.pid) - server_cpu, 1)}
            ref["other_cpu_s"] = round(machine_busy() - busy - ref["crawler_cpu_s"]
                                       - ref["server_cpu_s"], 1)
            print(f"single process, no Redis: {ref['pages']} pages in {wall:.1f} s = "
                  f"{ref['pages_per_min']:,} pages/min; CPU: crawler {ref['crawler_cpu_s']} s, "
                  f"demo server {ref['server_cpu_s']} s, other processes {ref['other_cpu_s']} s",
                  flush=True)
            rows = []
            with RedisServer(tmp / "redis") as redis_server:
                for db, n in enumerate(counts):
                    url = redis_server.url(db)
                    redis_server.client(db).flushdb()
                    subprocess.run([sys.executable, "-m", "clustercrawl.cli", "seed", "--redis",
                                    url, "--registry", str(registry)], cwd=ROOT, check=True,
                                   stdout=subprocess.DEVNULL)
                    server_cpu, busy = proc_cpu(server.pid), machine_busy()
                    row = run_workers(n, url, tmp, args.processes)
                    row["server_cpu_s"] = round(proc_cpu(server.pid) - server_cpu, 1)
                    row["other_cpu_s"] = round(machine_busy() - busy - row["workers_cpu_s"]
                                               - row["server_cpu_s"], 1)
                    row["cpu_busy"] = round((row["workers_cpu_s"] + row["server_cpu_s"])
                                            / (row["seconds"] * (os.cpu_count() or 1)), 2)
                    rows.append(row)
                    print(f"{n} worker(s): {row['pages']} pages in {row['seconds']} s = "
                          f"{row['pages_per_min']:,} pages/min (per worker: "
                          f"{row['per_worker_pages']}); merged run: {row['posts']} posts, "
                          f"{row['duplicates']} duplicates; CPU: workers "
                          f"{row['workers_cpu_s']} s, demo server {row['server_cpu_s']} s "
                          f"({row['cpu_busy']:.0%} of the machine), other processes "
                          f"{row['other_cpu_s']} s", flush=True)

    base = rows[0]["pages_per_min"]
    cores = os.cpu_count() or 1
    for row in rows:
        row["ratio_to_one_worker"] = round(row["pages_per_min"] / base, 2)
        row["efficiency_per_worker"] = round(row["ratio_to_one_worker"] / row["workers"], 2)
        row["efficiency_per_core"] = round(row["ratio_to_one_worker"]
                                           / min(row["workers"], cores), 2)
    print(f"\nweb: {len(truth['sites'])} sites, {len(truth['posts'])} posts; "
          f"{os.cpu_count()} cores; extraction processes per worker: {args.processes}")
    print("workers  pages/min  ratio to 1 worker  per worker  per core  CPU busy (ours)  "
          "other processes' CPU")
    for row in rows:
        ratio = row["ratio_to_one_worker"]
        print(f"{row['workers']:>7}  {row['pages_per_min']:>9,}  {ratio:>17.2f}  "
              f"{row['efficiency_per_worker']:>10.2f}  {row['efficiency_per_core']:>8.2f}  "
              f"{row['cpu_busy']:>15.0%}  {row['other_cpu_s']:>19} s")
    if args.json:
        Path(args.json).write_text(json.dumps({"single_process": ref, "rows": rows,
                                               "cores": os.cpu_count(),
                                               "processes": args.processes}, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
