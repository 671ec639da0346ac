"""Every run ends by itself, stops cleanly on a signal, and never loses a post between runs.

Real crawls (``scrapy crawl clusters`` in a subprocess) over the demo web and the fault web
on loopback: a big site progresses within its budget run after run; SIGTERM mid-run ends the
process within 15 s with complete outputs; a SIGKILL mid-run loses nothing: every post is in
exactly one committed run file, and together they are the cumulative dataset.
"""

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
import yaml

from tests.conftest import ROOT, TEST_CRAWL_SETTINGS, run_crawl
from tests.faultweb import BIG_SITE_BUDGET, CASES, FaultWeb

pytestmark = pytest.mark.e2e


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM posts").fetchone()[0])
    except sqlite3.Error:
        return 0


def _start(out: Path, registry: Path, extra: dict[str, str],
           args: list[str] | None = None) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters", "-a", f"registry={registry}"]
    for k, v in {**TEST_CRAWL_SETTINGS, "CLUSTERCRAWL_OUTPUT_DIR": str(out), **extra}.items():
        cmd += ["-s", f"{k}={v}"]
    log = (out.parent / f"{out.name}-{time.monotonic_ns()}.log").open("wb")
    return subprocess.Popen([*cmd, *(args or [])], cwd=ROOT, stdout=log, stderr=log,
                            start_new_session=True)


def _demo_registry(demo_web: Any, demo_server: Any, tmp_path: Path) -> Path:
    registry = tmp_path / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    return registry


def _wait_stored(proc: subprocess.Popen[bytes], db: Path, n: int) -> None:
    deadline = time.monotonic() + 120
    while _stored(db) < n and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the crawl ended before it could be interrupted"


def test_a_big_site_progresses_run_after_run(tmp_path: Path) -> None:
    [case] = [c for c in CASES if c.name == "bigsite"]
    out = tmp_path / "out"
    seen: set[str] = set()
    with FaultWeb() as web:
        data = web.registry()
        data["sites"] = [s for s in data["sites"] if s["id"] == case.site_id]
        registry = tmp_path / "registry.yaml"
        registry.write_text(yaml.safe_dump(data), "utf-8")
        for run in range(3):
            started = time.monotonic()
            proc = run_crawl(out, registry, extra_settings={"CLUSTERCRAWL_EXTRACT_PROCESSES": "1"})
            assert proc.returncode == 0, proc.stderr[-3000:]
            assert time.monotonic() - started < 90
            runs = sorted(out.glob("runs/*/posts.jsonl"))
            assert len(runs) == run + 1
            new = {p["url"] for p in _lines(runs[-1])}
            assert BIG_SITE_BUDGET - 10 <= len(new) < BIG_SITE_BUDGET
            assert not new & seen, "a post fetched again in a later run"
            seen |= new
            manifest = json.loads(sorted(out.glob("runs/*/manifest.json"))[-1].read_text())
            [site] = manifest["sites"]
            assert site["status"] == "partial" and site["requests"] <= BIG_SITE_BUDGET
    assert len(_lines(out / "posts.jsonl")) == len(seen)


def test_sigterm_stops_within_15_s_with_complete_outputs(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    registry = _demo_registry(demo_web, demo_server, tmp_path)
    out = tmp_path / "out"
    mine = tmp_path / "mine.jsonl"
    # a polite delay keeps the crawl going long enough to be interrupted mid-run
    proc = _start(out, registry, {"DOWNLOAD_DELAY": "0.3"}, ["-O", str(mine)])
    _wait_stored(proc, out / "state" / "state.sqlite", 25)
    workers = _children_of(proc.pid)
    signalled = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    took = time.monotonic() - signalled
    assert took < 15, took
    time.sleep(1)
    assert workers and not [w for w in workers if _state(w) != "Z"], "workers outlived it"
    manifest = json.loads(next(out.glob("runs/*/manifest.json")).read_text("utf-8"))
    assert manifest["finish_reason"] == "shutdown"
    assert manifest["unfinished_sites"], "a run stopped mid-way left no site unfinished?"
    assert not list(tmp_path.glob("*.part")) and not list(out.rglob("*.part"))
    posts = _lines(mine)
    assert len(posts) == manifest["counts"]["run_posts"] > 0
    assert all(p["story_id"] for p in posts), "feed lines without their story ids"
    run_posts = _lines(next(out.glob("runs/*/posts.jsonl")))
    assert {p["id"] for p in run_posts} == {p["id"] for p in posts}


def test_sigkill_then_rerun_every_post_in_exactly_one_run_file(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    registry = _demo_registry(demo_web, demo_server, tmp_path)
    out = tmp_path / "out"
    proc = _start(out, registry, {"DOWNLOAD_DELAY": "0.2"})
    _wait_stored(proc, out / "state" / "state.sqlite", 40)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert not list(out.glob("runs/*/posts.jsonl")), "the killed run committed a run file?"
    for _ in range(2):  # the run after the kill, then an ordinary one
        again = run_crawl(out, registry)
        assert again.returncode == 0, again.stderr[-3000:]
    ids = [p["id"] for f in sorted(out.glob("runs/*/posts.jsonl")) for p in _lines(f)]
    assert len(ids) == len(set(ids)), "a post in two run files"
    cumulative = {p["id"] for p in _lines(out / "posts.jsonl")}
    assert set(ids) == cumulative
    assert len(cumulative) == len(demo_web.ground_truth(demo_server.port)["posts"])


def test_a_second_signal_stops_at_once(demo_web: Any, demo_server: Any, tmp_path: Path) -> None:
    registry = _demo_registry(demo_web, demo_server, tmp_path)
    out = tmp_path / "out"
    proc = _start(out, registry, {"DOWNLOAD_DELAY": "0.3", "CLUSTERCRAWL_SHUTDOWN_GRACE": "60"})
    _wait_stored(proc, out / "state" / "state.sqlite", 10)
    workers = _children_of(proc.pid)
    proc.send_signal(signal.SIGINT)
    time.sleep(0.3)
    signalled = time.monotonic()
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    assert time.monotonic() - signalled < 3
    assert proc.returncode == 128 + signal.SIGINT
    time.sleep(1)  # no extraction worker outlives the crawler
    assert workers and not [w for w in workers if _state(w) != "Z"], "workers outlived it"


def _children_of(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (the crawler's extraction workers)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_the_run_deadline_ends_the_run_gracefully(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    registry = _demo_registry(demo_web, demo_server, tmp_path)
    out = tmp_path / "out"
    started = time.monotonic()
    proc = run_crawl(out, registry, extra_settings={"DOWNLOAD_DELAY": "0.5",
                                                    "CLUSTERCRAWL_RUN_DEADLINE": "10"})
    took = time.monotonic() - started
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "run deadline reached" in proc.stderr
    manifest = json.loads(next(out.glob("runs/*/manifest.json")).read_text("utf-8"))
    assert manifest["finish_reason"] == "deadline"
    assert manifest["unfinished_sites"]
    assert took < 10 + 10 + 20  # deadline + grace + start-up and finishing
    # the next run, without a deadline, finishes the job
    again = run_crawl(out, registry)
    assert again.returncode == 0, again.stderr[-3000:]
    cumulative = {p["url"] for p in _lines(out / "posts.jsonl")}
    assert len(cumulative) == len(demo_web.ground_truth(demo_server.port)["posts"])
