"""Scheduled re-crawls over the demo web: each run costs what is new, and says what changed.

Run 1 crawls everything; run 2 (nothing changed) emits nothing; then the demo web moves on a
week (posts added, edited, removed) and run 3 reports exactly those as new, updated and gone.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from clustercrawl.demoweb import DemoServer, generate
from clustercrawl.urls import url_key
from tests.conftest import read_run, run_crawl

pytestmark = pytest.mark.e2e


def keys(urls: list[str]) -> set[str]:
    return {url_key(u) for u in urls}


def statuses(items: list[dict[str, Any]], status: str) -> set[str]:
    return {url_key(i["url"]) for i in items if i["crawl"].get("status") == status}


def gone(manifest: dict[str, Any]) -> set[str]:
    return {url_key(u) for site in manifest["sites"] for u in site["gone"]}


def cumulative(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (out / "posts.jsonl").read_text("utf-8").splitlines()]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    web0 = generate(seed=2014)
    tmp = tmp_path_factory.mktemp("incremental")
    with DemoServer(web0) as server:
        registry = tmp / "registry.yaml"
        registry.write_text(web0.registry_yaml(server.port), "utf-8")
        out = tmp / "out"
        result: dict[str, Any] = {"port": server.port, "web0": web0}
        for n in (1, 2):
            server.clear_log()
            proc = run_crawl(out, registry)
            assert proc.returncode == 0, proc.stderr[-3000:]
            result[f"run{n}"] = read_run(out)
            result[f"requests{n}"] = len(server.access_log)
        # the demo web a week later; the incremental state is copied for a second run 3
        web1 = generate(seed=2014, revision=1)
        server.set_web(web1)
        result["changes"] = web1.changes_since(0, server.port)
        result["truth1"] = web1.ground_truth(server.port)
        quick = tmp / "quick"
        shutil.copytree(out, quick)
        server.clear_log()
        # the scheduled full pass (rediscovery + conditional re-checks) finds every change
        proc = run_crawl(out, registry, {"CLUSTERCRAWL_FULL_EVERY_DAYS": "0"})
        assert proc.returncode == 0, proc.stderr[-3000:]
        result["run3"] = read_run(out)
        result["requests3"] = len(server.access_log)
        result["out"] = out
        server.clear_log()
        # an everyday incremental run over the same change
        proc = run_crawl(quick, registry)
        assert proc.returncode == 0, proc.stderr[-3000:]
        result["quick3"] = read_run(quick)
        result["quick_requests3"] = len(server.access_log)
        result["quick"] = quick
    return result


def test_run1_crawls_everything(runs: dict[str, Any]) -> None:
    items, manifest = runs["run1"]
    truth = runs["web0"].ground_truth(runs["port"])
    assert manifest["counts"]["new"] == len(items) == len(truth["posts"])
    assert {s["status"] for s in manifest["sites"]} == {"ok"}
    assert all(s["mode"] == "full" for s in manifest["sites"])


def test_run2_unchanged_emits_nothing(runs: dict[str, Any]) -> None:
    items, manifest = runs["run2"]
    assert items == []
    counts = manifest["counts"]
    assert (counts["new"], counts["updated"], counts["gone"], counts["emitted"]) == (0, 0, 0, 0)
    assert all(s["status"] == "ok" and s["mode"] == "incremental" for s in manifest["sites"])
    # run 2 costs a few requests per site, not a re-crawl
    assert runs["requests2"] <= 4 * len(manifest["sites"]) < runs["requests1"] / 10
    assert not manifest["health"]["regressed_sites"]


def test_run3_reports_exactly_the_changes(runs: dict[str, Any]) -> None:
    items, manifest = runs["run3"]
    changes = runs["changes"]
    assert statuses(items, "new") == keys(changes["new"])
    assert statuses(items, "updated") == keys(changes["updated"])
    assert gone(manifest) == keys(changes["gone"])
    assert manifest["counts"]["new"] == len(changes["new"])
    assert manifest["counts"]["updated"] == len(changes["updated"])
    assert manifest["counts"]["gone"] == len(changes["gone"])


def test_cumulative_file_is_the_live_web(runs: dict[str, Any]) -> None:
    posts = cumulative(runs["out"])
    got = [url_key(p["url"]) for p in posts]
    assert len(got) == len(set(got))
    assert set(got) == keys([p["url"] for p in runs["truth1"]["posts"]])
    edited = keys(runs["changes"]["updated"])
    assert all(p["crawl"]["status"] == "updated" for p in posts if url_key(p["url"]) in edited)


def test_incremental_run3_finds_new_posts_cheaply(runs: dict[str, Any]) -> None:
    items, manifest = runs["quick3"]
    changes = runs["changes"]
    assert statuses(items, "new") == keys(changes["new"])
    # edits and removals are seen where a channel reports them (WP API dates, sitemaps);
    # the rest wait for the weekly full pass (CLUSTERCRAWL_FULL_EVERY_DAYS)
    assert statuses(items, "updated") <= keys(changes["updated"])
    assert gone(manifest) <= keys(changes["gone"])
    assert runs["quick_requests3"] < runs["requests3"]


def test_run_files_and_report(runs: dict[str, Any]) -> None:
    out = runs["out"]
    run_dirs = sorted(p for p in (out / "runs").iterdir() if p.is_dir())
    assert len(run_dirs) == 3
    latest = run_dirs[-1]
    assert (latest / "manifest.json").exists() and (latest / "report.html").exists()
    assert b"BEGIN:VCALENDAR" in (out / "events.ics").read_bytes()
    assert not list(out.rglob("*.part"))
