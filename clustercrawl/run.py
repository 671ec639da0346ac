"""The main job behind ``./crawl``: the real registry when the sites are reachable,
the bundled demo web on 127.0.0.1 otherwise (or when asked with ``--demo``).

Both run the real ``scrapy crawl clusters`` command; the demo additionally serves the demo
sites for the duration of the crawl and scores the output against their ground truth.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from clustercrawl.demoweb.scoring import read_jsonl, score
from clustercrawl.extensions import latest_manifest
from clustercrawl.registry import load_registry

#: Loopback pages need no politeness delay, and the SSRF guard must let the demo sites
#: (``<name>.localhost`` on 127.0.0.1) through; everything else stays as for real sites.
DEMO_SETTINGS = [
    "DOWNLOAD_DELAY=0.05",
    "AUTOTHROTTLE_ENABLED=False",
    "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost",
]


def internet_reachable(timeout: float = 3.0, probes: int = 4) -> bool:
    """True when some registry homepage accepts a TCP connection."""
    hosts: list[tuple[str, int]] = []
    for site in load_registry().sites[: probes * 3]:
        parts = urlsplit(site.homepage)
        if parts.hostname:
            hosts.append((parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)))

    def probe(addr: tuple[str, int]) -> bool:
        try:
            with socket.create_connection(addr, timeout=timeout):
                return True
        except OSError:
            return False

    with ThreadPoolExecutor(max_workers=8) as pool:
        return any(pool.map(probe, hosts[:probes]))


def scrapy_cmd(args: list[str]) -> list[str]:
    return [sys.executable, "-m", "scrapy", "crawl", "clusters", *args]


def run_demo(outdir: Path, extra: list[str], seed: int, extra_sites: int) -> int:
    demo = outdir / "demo"
    demo.mkdir(parents=True, exist_ok=True)
    registry, truth = demo / "registry.yaml", demo / "ground-truth.json"
    for f in (registry, truth):
        f.unlink(missing_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "clustercrawl.demoweb", "serve", "--port", "0",
         "--seed", str(seed), "--extra-sites", str(extra_sites),
         "--registry-out", str(registry), "--truth-out", str(truth)],
    )
    try:
        deadline = time.monotonic() + 120
        while not (registry.exists() and truth.exists()):
            if server.poll() is not None or time.monotonic() > deadline:
                print("crawl: the demo web did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        before = set(outdir.glob("runs/*/posts.jsonl"))
        settings = [x for s in DEMO_SETTINGS for x in ("-s", s)]
        code = subprocess.call(
            scrapy_cmd(["-a", f"registry={registry}", *settings,
                        "-s", f"CLUSTERCRAWL_OUTPUT_DIR={outdir}", *extra])
        )
        new = sorted(set(outdir.glob("runs/*/posts.jsonl")) - before)
        if new:
            result = score(read_jsonl(new[-1]), json.loads(truth.read_text("utf-8")))
            print(f"\ndemo crawl written to {new[-1]}")
            print(f"against the demo web's ground truth: {result.summary()}")
        return code or health_exit_status(outdir)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="crawl", description=__doc__.split("\n")[0],
        epilog="Arguments after -- go to `scrapy crawl clusters` (e.g. -- -a country=PL).",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--demo", action="store_true", help="crawl the bundled demo web")
    mode.add_argument("--real", action="store_true", help="crawl the registry's real sites")
    parser.add_argument("--output", default=os.environ.get("CLUSTERCRAWL_OUTPUT_DIR", "output"))
    parser.add_argument("--seed", type=int, default=2014, help="demo web seed")
    parser.add_argument("--extra-sites", type=int, default=0, help="generated demo sites to add")
    args, extra = parser.parse_known_args(argv)
    extra = [a for a in extra if a != "--"]
    outdir = Path(args.output)
    outdir.mkdir(parents=True, exist_ok=True)
    demo = args.demo or (not args.real and not internet_reachable())
    if demo:
        if not args.demo:
            print("crawl: registry sites unreachable (no internet?): crawling the demo web")
        return run_demo(outdir, extra, args.seed, args.extra_sites)
    code = subprocess.call(scrapy_cmd(["-s", f"CLUSTERCRAWL_OUTPUT_DIR={outdir}", *extra]))
    return code or health_exit_status(outdir)


def health_exit_status(outdir: Path) -> int:
    """3 when the run's manifest says too many sites regressed, else 0."""
    manifest = latest_manifest(outdir)
    if manifest is None:
        return 1
    regressed = manifest["health"]["regressed_sites"]
    if regressed:
        print(f"crawl: sites that regressed since the last run: {', '.join(regressed)}")
    return int(manifest["health"]["exit_status"])


if __name__ == "__main__":
    sys.exit(main())
