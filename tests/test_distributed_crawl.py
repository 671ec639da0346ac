"""Several ``scrapy crawl clusters`` workers on one real Redis crawl the demo web: together
they produce exactly the single-process dataset, never load a host more than one process
would, end by themselves, and lose nothing when one of them is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from clustercrawl.demoweb import DemoServer, generate
from clustercrawl.distributed.queue import unit_of
from clustercrawl.registry import load_registry
from clustercrawl.urls import url_key
from tests.conftest import ROOT, TEST_CRAWL_SETTINGS, run_crawl

pytestmark = pytest.mark.e2e


@dataclass
class Web:
    server: DemoServer
    registry: Path
    truth_keys: set[str]


@dataclass
class Dataset:
    run: list[dict[str, Any]]  # the run's posts (merged), with story and event ids
    cumulative: list[dict[str, Any]]  # output/posts.jsonl
    events: list[dict[str, Any]]  # output/events.jsonl


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line]


def load(outdir: Path) -> Dataset:
    [run] = [p for p in (outdir / "runs").iterdir() if (p / "posts.jsonl").exists()]
    return Dataset(_jsonl(run / "posts.jsonl"), _jsonl(outdir / "posts.jsonl"),
                   _jsonl(outdir / "events.jsonl"))


def groups(items: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    fields = ("story_id", "story_origin", "duplicate_of", "story_size", "event_id")
    return {i["id"]: tuple(i.get(f) for f in fields) for i in items}


def event_groups(events: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(e["event_id"], e["start"], e["end"], e["city"],
             tuple(sorted(p["id"] for p in e["posts"]))) for e in events}


def peak_per_host(log: list[tuple[float, float, str, str, int]]) -> dict[str, int]:
    """Most requests in flight at once per host, from the demo server's access log."""
    race = 0.02  # as in test_politeness: the server stamps an answer's end before its last write
    events: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for t_start, t_end, host, _, _ in log:
        events[host].append((t_start, 1))
        events[host].append((max(t_start, t_end - race), -1))
    peaks: dict[str, int] = {}
    for host, evs in events.items():
        level = peak = 0
        for _, delta in sorted(evs):
            level += delta
            peak = max(peak, level)
        peaks[host] = peak
    return peaks


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Web]:
    """The demo web on its own server: its access log is this module's alone."""
    demo = generate(seed=2014)
    with DemoServer(demo) as server:
        registry = tmp_path_factory.mktemp("dist-web") / "registry.yaml"
        registry.write_text(demo.registry_yaml(server.port), "utf-8")
        truth = {url_key(p["url"]) for p in demo.ground_truth(server.port)["posts"]}
        yield Web(server, registry, truth)


@pytest.fixture(scope="module")
def single(web: Web, tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The reference: one process, SQLite state, the same web."""
    out = tmp_path_factory.mktemp("single") / "out"
    proc = run_crawl(out, web.registry)
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = load(out)
    assert {url_key(i["url"]) for i in data.run} >= web.truth_keys
    return data


def worker(outdir: Path, url: str, settings: dict[str, str] | None = None
           ) -> subprocess.Popen[bytes]:
    """One worker: the documented command, in its own process group (killable whole)."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "clusters"]
    for k, v in {**TEST_CRAWL_SETTINGS, "CLUSTERCRAWL_OUTPUT_DIR": str(outdir),
                 "CLUSTERCRAWL_REDIS_URL": url, "CLUSTERCRAWL_REDIS_SITES_IN_FLIGHT": "2",
                 "CLUSTERCRAWL_EXTRACT_PROCESSES": "0", **(settings or {})}.items():
        cmd += ["-s", f"{k}={v}"]
    outdir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUSTERCRAWL_REDIS")}
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=(outdir / "worker.log").open("wb"),
                            start_new_session=True, env={**env, "PYTHONUNBUFFERED": "1"})


def clustercrawl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "clustercrawl.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def wait_all(procs: list[subprocess.Popen[bytes]], dirs: list[Path], timeout: float) -> None:
    """Workers must end by themselves once the queue is drained."""
    deadline = time.monotonic() + timeout
    for proc, d in zip(procs, dirs, strict=True):
        try:
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for p in procs:
                if p.poll() is None:
                    os.killpg(p.pid, signal.SIGKILL)
            pytest.fail(f"worker did not end by itself: {(d / 'worker.log').read_text()[-3000:]}")
        log = (d / "worker.log").read_text(errors="replace")
        assert proc.returncode == 0, log[-3000:]
        assert "Traceback" not in log, log[-3000:]


def assert_same_dataset(dist: Dataset, single: Dataset, truth_keys: set[str]) -> None:
    ids = [i["id"] for i in dist.run]
    assert len(ids) == len(set(ids)), "a post twice in the merged run"
    assert {url_key(i["url"]) for i in dist.run} >= truth_keys, "a post lost"
    assert groups(dist.run) == groups(single.run)  # same ids, same stories and events
    assert groups(dist.cumulative) == groups(single.cumulative)
    assert event_groups(dist.events) == event_groups(single.events)
    assert len(dist.events) > 100


@pytest.mark.parametrize("n", [2, 3])
def test_workers_together_equal_one_process(
    n: int, web: Web, single: Dataset, redis_server: Any, tmp_path: Path
) -> None:
    url = redis_server.url(n)  # one Redis database per scenario
    redis.Redis.from_url(url).flushdb()
    seeded = clustercrawl("seed", "--redis", url, "--registry", str(web.registry))
    assert seeded.returncode == 0, seeded.stderr
    assert "7 site(s) in 7 unit(s)" in seeded.stdout and redis_server.password not in seeded.stdout
    web.server.clear_log()
    # with 2 workers the last one out merges the run; with 3, `clustercrawl finalize` does
    auto = n == 2
    dirs = [tmp_path / f"worker{i}" for i in range(n)]
    procs = [worker(d, url, {"CLUSTERCRAWL_REDIS_FINALIZE": str(auto)}) for d in dirs]
    wait_all(procs, dirs, timeout=150)

    # per-domain politeness holds across workers: never more than 2 requests to a host at once
    peaks = peak_per_host(web.server.access_log)
    assert len(peaks) == 7 and max(peaks.values()) <= 2, peaks

    # each worker reported its share of the sites; together: every site once, every post once
    shares = [json.loads(p.read_text("utf-8"))
              for d in dirs for p in d.glob("runs/*/workers/*/manifest.json")]
    assert sum(1 for m in shares if m["sites"]) >= 2, "the sites were not spread over the workers"
    share_sites = [s["site_id"] for m in shares for s in m["sites"]]
    assert len(share_sites) == len(set(share_sites)) == 7
    assert sum(s["counts"]["new"] for m in shares for s in m["sites"]) == len(single.run)
    # a worker's own posts file is no more: the run is grouped as a whole, by finalize
    assert not [p for d in dirs for p in d.glob("runs/*/workers/*/posts.jsonl")]

    if auto:
        [merged] = [d for d in dirs if (d / "posts.jsonl").exists()]
    else:
        assert not any((d / "posts.jsonl").exists() for d in dirs)
        merged = tmp_path / "merged"
        fin = clustercrawl("finalize", "--redis", url, "--output", str(merged), "--wait", "60")
        assert fin.returncode == 0, fin.stderr[-3000:]
    assert_same_dataset(load(merged), single, web.truth_keys)
    if auto:  # finalize again, elsewhere (the machine that publishes): the same dataset
        again = clustercrawl("finalize", "--redis", url, "--output", str(tmp_path / "again"))
        assert again.returncode == 0, again.stderr[-3000:]
        assert_same_dataset(load(tmp_path / "again"), single, web.truth_keys)
    manifest = json.loads(next(merged.glob("runs/*/manifest.json")).read_text("utf-8"))
    assert manifest["mode"] == "distributed" and len(manifest["workers"]) == n
    assert sorted(s["site_id"] for s in manifest["sites"]) == sorted(
        s["id"] for s in yaml.safe_load(web.registry.read_text("utf-8"))["sites"])
    assert manifest["counts"]["new"] == len(single.run) == manifest["counts"]["emitted"]
    status = json.loads(clustercrawl("status", "--redis", url).stdout)
    assert status["drained"] and status["workers"] == 0 and status["finalized"]
    assert status["emitted"] == len(single.run) and status["failed"] == {}


def test_a_killed_worker_loses_nothing(
    web: Web, single: Dataset, redis_server: Any, tmp_path: Path
) -> None:
    url = redis_server.url(4)
    r = redis.Redis.from_url(url)
    r.flushdb()
    # the slowest site first, so it is surely in flight when its worker is killed
    data = yaml.safe_load(web.registry.read_text("utf-8"))
    data["sites"].sort(key=lambda s: s["id"] != "cs-demo-klastr-energetika")
    registry = tmp_path / "registry.yaml"
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    assert clustercrawl("seed", "--redis", url, "--registry", str(registry)).returncode == 0
    [slow] = [s for s in load_registry(registry).sites if s.id == "cs-demo-klastr-energetika"]
    unit = unit_of(slow)
    lease_key = f"clustercrawl:run:default:lease:{unit}"
    dirs = [tmp_path / f"worker{i}" for i in range(2)]
    # a short lease, so the survivor takes the lost units over soon; it crawls nearly the whole
    # web alone, so it gets more units at once and extraction beside the reactor
    settings = {"CLUSTERCRAWL_REDIS_LEASE_SECONDS": "5", "CLUSTERCRAWL_REDIS_SITES_IN_FLIGHT": "4",
                "CLUSTERCRAWL_EXTRACT_PROCESSES": "1"}
    procs = [worker(d, url, settings) for d in dirs]
    deadline = time.monotonic() + 30
    while not r.exists(lease_key) and time.monotonic() < deadline:
        time.sleep(0.05)
    holder = r.get(lease_key)
    assert holder, "no worker took the site"
    time.sleep(2.0)  # mid-site: its discovery is under way
    assert r.get(lease_key) == holder, "the site finished before it could be interrupted"
    pid = int(holder.decode().rsplit("-", 2)[-2])
    [victim] = [p for p in procs if p.pid == pid]
    os.killpg(victim.pid, signal.SIGKILL)  # the worker and anything it started
    victim.wait(timeout=30)
    survivors = [p for p in procs if p is not victim]
    wait_all(survivors, [d for p, d in zip(procs, dirs, strict=True) if p is not victim],
             timeout=150)

    [merged] = [d for d in dirs if (d / "posts.jsonl").exists()]
    assert_same_dataset(load(merged), single, web.truth_keys)
    manifest = json.loads(next(merged.glob("runs/*/manifest.json")).read_text("utf-8"))
    # the killed worker's units (the slow one, and any other it held) were crawled again
    assert unit in manifest["units_retaken"]
    assert set(manifest["units_retaken"].values()) == {2}
    assert manifest["units_failed"] == {}
    # posts the killed worker had stored count as new for the run, not as unchanged
    assert manifest["counts"]["new"] == len(single.run) == manifest["counts"]["emitted"]
