"""The main job behind ``./crawl``: the real registry when the sites are reachable,
the bundled demo web on 127.0.0.1 otherwise (or when asked with ``--demo``).

Real posts go to ``<output>/``, the demo's to ``<output>/demo/``: two datasets, two states.

Both run the real ``scrapy crawl clusters`` command; the demo additionally serves the demo
sites for the duration of the crawl and scores the output against their ground truth.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from clustercrawl.demoweb.scoring import read_jsonl, score
from clustercrawl.extensions import latest_manifest
from clustercrawl.registry import load_registry
from clustercrawl.state.store import SqliteStateStore
from clustercrawl.tools.purge import DEMO_MARK

#: Loopback pages need no politeness delay, and the SSRF guard must let the demo sites
#: (``<name>.localhost`` on 127.0.0.1) through; everything else stays as for real sites.
DEMO_SETTINGS = [
    "DOWNLOAD_DELAY=0.05",
    "AUTOTHROTTLE_ENABLED=False",
    "CLUSTERCRAWL_ALLOWED_PRIVATE_HOSTS=*.localhost",
]


#: The demo web's default port: fixed, so the demo sites keep their URLs (and the state its
#: endpoints) from one run to the next.
DEMO_PORT = 8377


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


def scrapy_env() -> dict[str, str]:
    """The project's settings wherever ``./crawl`` is called from (a relative ``--output``
    stays relative to the caller's folder)."""
    return {**os.environ, "SCRAPY_SETTINGS_MODULE": "clustercrawl.settings"}


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def run_demo(outdir: Path, extra: list[str], seed: int, extra_sites: int, port: int) -> int:
    """The demo web on a fixed port (so its sites keep their URLs from one run to the next)
    crawled into ``<output>/demo/``, a dataset of its own that never mixes with real posts."""
    demo = demo_dir(outdir)
    web = demo / "web"
    web.mkdir(parents=True, exist_ok=True)
    registry, truth = web / "registry.yaml", web / "ground-truth.json"
    for f in (registry, truth):
        f.unlink(missing_ok=True)
    last_port = web / "port"
    if last_port.exists() and last_port.read_text().strip() != str(port):
        # the demo sites' URLs carry the port: on another port they are another web
        shutil.rmtree(demo / "state", ignore_errors=True)
        print(f"crawl: the demo web moves from port {last_port.read_text().strip()} to {port}: "
              "its crawl state starts afresh")
    if not port_free(port):
        print(f"crawl: port {port} on 127.0.0.1 is in use (another demo server?): stop it or "
              "choose another with --demo-port N (a new port re-crawls the demo from scratch)",
              file=sys.stderr)
        return 2
    server = subprocess.Popen(
        [sys.executable, "-m", "clustercrawl.demoweb", "serve", "--port", str(port),
         "--seed", str(seed), "--extra-sites", str(extra_sites),
         "--registry-out", str(registry), "--truth-out", str(truth)],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while not (registry.exists() and truth.exists()):
            if server.poll() is not None or time.monotonic() > deadline:
                print("crawl: the demo web did not start", file=sys.stderr)
                return 1
            time.sleep(0.2)
        last_port.write_text(str(port))
        before = set(demo.glob("runs/*/manifest.json"))
        settings = [x for s in DEMO_SETTINGS for x in ("-s", s)]
        code = subprocess.call(
            scrapy_cmd(["-a", f"registry={registry}", *settings,
                        "-s", f"CLUSTERCRAWL_OUTPUT_DIR={demo}", *extra]),
            env=scrapy_env(),
        )
        manifest = new_manifest(demo, before)
        if manifest is not None and code in (0, 3, 4, 5):
            posts = demo / "runs" / manifest["run"] / "posts.jsonl"
            if posts.exists():
                expected = json.loads(truth.read_text("utf-8"))
                crawled = {s["site_id"] for s in manifest["sites"]}
                expected["posts"] = [p for p in expected["posts"] if p["site_id"] in crawled]
                result = score(read_jsonl(posts), expected)
                print(f"\nagainst the demo web's ground truth ({len(crawled)} site(s)): "
                      f"{result.summary()}")
        return summarize(demo, manifest, code)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def demo_dir(outdir: Path) -> Path:
    """The demo's own dataset folder inside the output folder."""
    return outdir / "demo"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="crawl",
        description="Crawl the registry's sites into OUTPUT/, or the bundled demo web into "
        "OUTPUT/demo/ (when the sites are unreachable, or with --demo).",
        epilog="Arguments after -- go to `scrapy crawl clusters` (e.g. -- -a country=PL).",
    )
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--demo", action="store_true", help="crawl the bundled demo web")
    mode.add_argument("--real", action="store_true", help="crawl the registry's real sites")
    parser.add_argument("--output", default=os.environ.get("CLUSTERCRAWL_OUTPUT_DIR", "output"),
                        help="output folder (default: output, or $CLUSTERCRAWL_OUTPUT_DIR); "
                        "the demo writes into its demo/ subfolder")
    parser.add_argument("--seed", type=int, default=2014, help="demo web seed")
    parser.add_argument("--extra-sites", type=int, default=0, help="generated demo sites to add")
    parser.add_argument("--demo-port", type=int,
                        default=int(os.environ.get("CLUSTERCRAWL_DEMO_PORT") or DEMO_PORT),
                        help=f"the demo web's port on 127.0.0.1 (default {DEMO_PORT})")
    args, extra = parser.parse_known_args(argv)
    extra = [a for a in extra if a != "--"]
    outdir = Path(args.output)
    outdir.mkdir(parents=True, exist_ok=True)
    demo = args.demo or (not args.real and not internet_reachable())
    if demo:
        if not args.demo:
            print("crawl: registry sites unreachable (no internet?): crawling the demo web "
                  f"into {demo_dir(outdir)}")
        return run_demo(outdir, extra, args.seed, args.extra_sites, args.demo_port)
    warn_old_demo_posts(outdir)
    before = set(outdir.glob("runs/*/manifest.json"))
    code = subprocess.call(scrapy_cmd(["-s", f"CLUSTERCRAWL_OUTPUT_DIR={outdir}", *extra]),
                           env=scrapy_env())
    return summarize(outdir, new_manifest(outdir, before), code)


def warn_old_demo_posts(outdir: Path) -> None:
    """Before the demo had its own folder, its posts went to the real dataset: say so once."""
    state = outdir / "state" / "state.sqlite"
    if not state.exists():
        return
    store = SqliteStateStore(state)
    try:
        demo = [s for s in store.site_ids() if DEMO_MARK in s]
    finally:
        store.close()
    if demo:
        print(f"crawl: {outdir} holds posts of {len(demo)} demo site(s) from an older version; "
              f"`clustercrawl purge --demo --output {outdir}` removes them")


def new_manifest(outdir: Path, before: set[Path]) -> dict[str, Any] | None:
    """The manifest this run wrote (never an earlier run's)."""
    new = sorted(set(outdir.glob("runs/*/manifest.json")) - before)
    return json.loads(new[-1].read_text("utf-8")) if new else None


def summarize(outdir: Path, manifest: dict[str, Any] | None, code: int) -> int:
    """Where everything is, and the verdict; returns the exit status."""
    if manifest is None:
        if code == 0:
            print("crawl: the crawl wrote no manifest: the run failed", file=sys.stderr)
        return code or 1
    folder = outdir / "runs" / manifest["run"]
    counts = manifest.get("counts", {})
    health = manifest.get("health", {})
    status = int(health.get("exit_status", 0))
    verdict = {0: "ok", 3: "REGRESSED"}.get(status, "FAILED")
    sites = manifest.get("sites", [])
    ok = sum(1 for s in sites if s.get("status") == "ok")
    print(f"\nrun {manifest['run']}: {len(sites)} site(s), {ok} ok; "
          f"{counts.get('run_posts', 0)} new or updated post(s); "
          f"{counts.get('live_posts', 0)} post(s) in the dataset")
    for label, path in (("dataset", outdir / "posts.jsonl"),
                        ("this run", folder / "posts.jsonl"),
                        ("report", folder / "report.html"),
                        ("calendar", outdir / "events.ics")):
        if path.exists():
            print(f"  {label + ':':<10}{path}")
    print(f"health: {verdict}" + (f": {health['reason']}" if health.get("reason") else ""))
    return code or status


def health_exit_status(outdir: Path) -> int:
    """The exit status of the latest run's manifest (1 when there is none)."""
    manifest = latest_manifest(outdir)
    if manifest is None:
        return 1
    return int(manifest["health"]["exit_status"])


if __name__ == "__main__":
    sys.exit(main())
