"""Every output a user configures carries the story and event ids of a default run.

Grouping reads the run's posts from the crawl state, so ``-O``, ``-o`` and ``FEEDS`` in
JSON Lines, JSON, CSV and XML get exactly the ids the default run folder gets. Each crawl
here is the real ``scrapy crawl clusters`` over the demo web, in a fresh output folder.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from tests.conftest import CrawlResult, read_run, run_crawl

pytestmark = pytest.mark.e2e

GROUP_FIELDS = ("story_id", "event_id", "story_origin", "duplicate_of", "story_size")


def _ids(posts: list[dict[str, Any]]) -> dict[str, tuple[Any, ...]]:
    return {p["id"]: tuple(p.get(f) for f in GROUP_FIELDS) for p in posts}


@pytest.fixture(scope="module")
def registry(demo_web: Any, demo_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("feeds") / "registry.yaml"
    path.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    return path


@pytest.fixture(scope="module")
def default_run(registry: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("default") / "out"
    proc = run_crawl(out, registry)
    assert proc.returncode == 0, proc.stderr[-3000:]
    posts, manifest = read_run(out)
    assert len(posts) > 200
    return {"posts": posts, "manifest": manifest, "ids": _ids(posts)}


def _check_manifest(out: Path, default_run: dict[str, Any]) -> None:
    _, manifest = read_run(out)
    for key in ("stories", "events", "reposts", "new", "run_posts"):
        assert manifest["counts"][key] == default_run["manifest"]["counts"][key], key


def test_default_run_is_grouped(default_run: dict[str, Any]) -> None:
    ids = default_run["ids"]
    assert all(v[0] for v in ids.values()), "a post without story_id"
    assert sum(1 for v in ids.values() if v[1]) > 100, "too few posts with an event_id"
    assert any(v[3] for v in ids.values()), "no repost linked to its origin"
    assert default_run["manifest"]["counts"]["stories"] > 0
    assert default_run["manifest"]["counts"]["events"] > 100


def test_dash_big_o_jsonlines(registry: Path, default_run: dict[str, Any],
                              tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = tmp_path / "mine.jsonl"
    proc = run_crawl(out, registry, args=["-O", str(target)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    posts = [json.loads(line) for line in target.read_text("utf-8").splitlines() if line]
    assert _ids(posts) == default_run["ids"]
    # the run folder and the cumulative file get them too
    run_posts, _ = read_run(out)
    assert _ids(run_posts) == default_run["ids"]
    cumulative = [json.loads(x) for x in (out / "posts.jsonl").read_text("utf-8").splitlines()]
    assert _ids(cumulative) == default_run["ids"]
    assert (out / "events.jsonl").exists()
    _check_manifest(out, default_run)


def test_dash_o_csv(registry: Path, default_run: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "out"
    target = tmp_path / "mine.csv"
    proc = run_crawl(out, registry, args=["-o", str(target)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    with target.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(default_run["ids"])
    want = {pid: (v[0], v[1] or "") for pid, v in default_run["ids"].items()}
    assert {r["id"]: (r["story_id"], r["event_id"]) for r in rows} == want
    _check_manifest(out, default_run)


def test_custom_feeds_json_and_xml(registry: Path, default_run: dict[str, Any],
                                   tmp_path: Path) -> None:
    out = tmp_path / "out"
    feeds = {str(tmp_path / "all.json"): {"format": "json"},
             str(tmp_path / "all.xml"): {"format": "xml"}}
    proc = run_crawl(out, registry, extra_settings={"FEEDS": json.dumps(feeds)})
    assert proc.returncode == 0, proc.stderr[-3000:]
    posts = json.loads((tmp_path / "all.json").read_text("utf-8"))
    assert _ids(posts) == default_run["ids"]
    root = ElementTree.parse(tmp_path / "all.xml").getroot()
    # Scrapy's XML exporter writes None as "None"
    xml_ids = {i.findtext("id"): (i.findtext("story_id"),
                                  None if i.findtext("event_id") in ("", "None") else
                                  i.findtext("event_id"))
               for i in root.iter("item")}
    assert xml_ids == {pid: (v[0], v[1]) for pid, v in default_run["ids"].items()}
    _check_manifest(out, default_run)


def test_health_failure_is_the_exit_status(demo_web: Any, tmp_path: Path) -> None:
    """``scrapy crawl clusters`` exits 3 when too many sites regressed, as ``./crawl`` does."""
    from clustercrawl.demoweb import DemoServer

    out = tmp_path / "out"
    registry = tmp_path / "registry.yaml"
    with DemoServer(demo_web) as server:  # a server of this test's own, stopped below
        registry.write_text(demo_web.registry_yaml(server.port), "utf-8")
        assert run_crawl(out, registry).returncode == 0
    # the same sites, now unreachable: every site that had posts regressed
    proc = run_crawl(out, registry, extra_settings={"RETRY_TIMES": "0"})
    assert proc.returncode == 3, proc.stderr[-3000:]
    _, manifest = read_run(out)
    assert manifest["health"]["exit_status"] == 3
    n_sites = len(yaml.safe_load(registry.read_text("utf-8"))["sites"])
    assert len(manifest["health"]["regressed_sites"]) == n_sites


def test_crawl_result_fixture_is_untouched(demo_crawl: CrawlResult) -> None:
    """The shared demo crawl (default FEEDS) is grouped as well."""
    assert demo_crawl.returncode == 0
    assert all(p.get("story_id") for p in demo_crawl.items)


def test_without_a_state_the_run_still_groups(registry: Path, default_run: dict[str, Any],
                                              tmp_path: Path) -> None:
    """``CLUSTERCRAWL_STATE_PATH=off``: the state lives in memory for the run; the feed and
    the run folder are complete and grouped, no cumulative file is written."""
    out = tmp_path / "out"
    target = tmp_path / "mine.jsonl"
    proc = run_crawl(out, registry, extra_settings={"CLUSTERCRAWL_STATE_PATH": "off"},
                     args=["-O", str(target)])
    assert proc.returncode == 0, proc.stderr[-3000:]
    posts = [json.loads(line) for line in target.read_text("utf-8").splitlines() if line]
    assert _ids(posts) == default_run["ids"]
    assert not (out / "posts.jsonl").exists() and not (out / "state").exists()
    run_posts, _ = read_run(out)
    assert _ids(run_posts) == default_run["ids"]
