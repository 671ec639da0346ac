"""The generated demo web served on a free loopback port for a benchmark's run.

Every crawl benchmark starts the same server and waits for the registry and truth files it
writes; one copy of that start-up keeps their webs alike and their failures worded alike.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class DemoWeb:
    process: subprocess.Popen[bytes]
    registry: Path  # the registry of every served site, for ``-a registry=``
    truth: Path  # the generator's ground truth (JSON)


@contextmanager
def demo_web(tmp: Path, extra_sites: int, posts_per_site: int,
             start_timeout: float = 600.0) -> Iterator[DemoWeb]:
    """Serve the demo web plus ``extra_sites`` generated sites until the block ends."""
    registry, truth = tmp / "registry.yaml", tmp / "truth.json"
    server = subprocess.Popen(
        [sys.executable, "-m", "clustercrawl.demoweb", "serve", "--port", "0",
         "--extra-sites", str(extra_sites), "--posts-per-site", str(posts_per_site),
         "--registry-out", str(registry), "--truth-out", str(truth)],
        cwd=ROOT, stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + start_timeout
        while not (truth.exists() and registry.exists()):
            if server.poll() is not None:
                raise SystemExit(f"demo web did not start (exit status {server.returncode})")
            if time.monotonic() > deadline:
                raise SystemExit(f"demo web wrote no registry within {start_timeout:.0f} s")
            time.sleep(0.2)
        yield DemoWeb(server, registry, truth)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
