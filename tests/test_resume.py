"""kill -9 mid-crawl, then run again: nothing lost, nothing doubled, no torn line anywhere."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from clustercrawl.urls import url_key
from tests.conftest import ROOT, TEST_CRAWL_SETTINGS, run_crawl

pytestmark = pytest.mark.e2e


def stored_posts(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0])
    except sqlite3.Error:
        return 0


def assert_no_torn_lines(folder: Path) -> int:
    """Every *.jsonl a consumer can see parses line by line; returns the lines checked."""
    n = 0
    for path in folder.rglob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            json.loads(line)
            n += 1
    return n


def test_kill_9_then_rerun_loses_and_doubles_nothing(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    registry = tmp_path / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    out = tmp_path / "out"
    db = out / "state" / "state.sqlite"
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}"]
    for k, v in {**TEST_CRAWL_SETTINGS, "CLUSTERCRAWL_OUTPUT_DIR": str(out)}.items():
        cmd += ["-s", f"{k}={v}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while stored_posts(db) < 60 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the crawler and its extraction workers
    proc.wait(timeout=30)
    killed_at = stored_posts(db)
    assert 0 < killed_at < len(demo_web.ground_truth(demo_server.port)["posts"])
    # a killed run leaves no torn line in any file a consumer reads
    assert_no_torn_lines(out)

    again = run_crawl(out, registry)
    assert again.returncode == 0, again.stderr[-3000:]
    cumulative = [json.loads(line) for line in (out / "posts.jsonl").read_text("utf-8").splitlines()]
    truth = demo_web.ground_truth(demo_server.port)["posts"]
    keys = [url_key(i["url"]) for i in cumulative]
    assert len(keys) == len(set(keys)), "a post appears twice in the cumulative file"
    truth_keys = {url_key(p["url"]) for p in truth}
    assert truth_keys <= set(keys), f"lost: {sorted(truth_keys - set(keys))[:5]}"
    assert assert_no_torn_lines(out) >= len(truth)
    # the run after the kill emitted as new exactly what the killed run had not stored
    manifest = json.loads(sorted(out.glob("runs/*/manifest.json"))[-1].read_text("utf-8"))
    assert manifest["counts"]["new"] == len(truth) - killed_at
