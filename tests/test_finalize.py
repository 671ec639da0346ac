"""The end-of-run stage on its own: runs from the crawl state, loud when it cannot group."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from clustercrawl.dedupe import MemoryGroupStore, StoredPost
from clustercrawl.discovery.entry import Channel
from clustercrawl.finalize import EXIT_STAGE_FAILED, RunManifest, finalize, health_of
from clustercrawl.posts import build_item
from clustercrawl.registry import Site
from clustercrawl.state import NEW, PostState, SqliteStateStore
from clustercrawl.urls import url_key

SITE = Site(id="pl-f", name="F", country="PL", languages=("pl",),
            homepage="https://f.example/", timezone="Europe/Warsaw")


def _store(tmp: Path, n: int = 3) -> SqliteStateStore:
    store = SqliteStateStore(tmp / "state.sqlite")
    for i in range(n):
        url = f"https://f.example/post-{i}/"
        item = build_item({"url": url, "title": f"Post {i}", "body_text": f"Treść numer {i}.",
                           "language": "pl", "post_type": "news", "event": None,
                           "published": {"value": f"2024-0{i + 1}-01", "source": "meta",
                                         "precision": "day"}},
                          SITE, channel=Channel.FEED, channels=["feed"], fetched_url=url,
                          http_status=200, fetched_at="2026-11-26T18:00:00Z")
        store.put_post(PostState(key=url_key(url), id=item.id, site_id=SITE.id, url=url,
                                 content_hash=item.crawl["content_hash"],
                                 first_seen="t", last_seen="t", last_changed="t", status=NEW,
                                 item=asdict(item)), pending=True)
    return store


def _manifest() -> RunManifest:
    return {"run": "20261126T180000Z", "started": None, "finished": None, "duration_s": None,
            "finish_reason": "finished", "versions": {}, "options": {}, "counts": {},
            "sites": [], "registry_errors": [], "health": health_of([], 0.1), "errors": []}


def test_finalize_groups_the_pending_posts_and_clears_them(tmp_path: Path) -> None:
    store = _store(tmp_path)
    exported: list[dict[str, Any]] = []
    manifest = finalize(store, MemoryGroupStore(), tmp_path / "out", _manifest(),
                        export=exported.extend)
    assert len(exported) == 3 and all(p["story_id"] for p in exported)
    run = tmp_path / "out" / "runs" / "20261126T180000Z"
    lines = [json.loads(x) for x in (run / "posts.jsonl").read_text("utf-8").splitlines()]
    assert [p["story_id"] for p in lines] == [p["story_id"] for p in exported]
    assert manifest["counts"]["run_posts"] == 3 and manifest["errors"] == []
    assert json.loads((run / "manifest.json").read_text("utf-8"))["counts"]["stories"] == 3
    assert list(store.pending_items()) == []  # committed: the next run does not emit them
    cumulative = (tmp_path / "out" / "posts.jsonl").read_text("utf-8").splitlines()
    assert all(json.loads(x)["story_id"] for x in cumulative)


class BrokenGroups(MemoryGroupStore):
    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        raise OSError("disk I/O error")


def test_a_run_that_cannot_group_says_so_and_keeps_its_posts(tmp_path: Path,
                                                              caplog: Any) -> None:
    store = _store(tmp_path)
    manifest = finalize(store, BrokenGroups(), tmp_path / "out", _manifest())
    assert manifest["health"]["exit_status"] == EXIT_STAGE_FAILED
    assert any("grouping failed" in e and "disk I/O error" in e for e in manifest["errors"])
    assert "grouping failed" in caplog.text
    # the posts are written, and stay pending so the next run groups and emits them
    run = tmp_path / "out" / "runs" / "20261126T180000Z" / "posts.jsonl"
    assert len(run.read_text("utf-8").splitlines()) == 3
    assert len(list(store.pending_items())) == 3
