"""The end stage streams (issue 15): no output holds every post, and ids reach the state in
batches without disturbing the pending pages being read.

Memory is checked with tracemalloc over posts with large distinct bodies: a stage that kept
the posts (as the report's ``list(posts)`` did) holds every body at once and fails.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import icalendar
import pytest

import clustercrawl.finalize as fin
from clustercrawl.dedupe import MemoryGroupStore
from clustercrawl.discovery.entry import Channel
from clustercrawl.export.ical import events_to_ical, ical_chunks
from clustercrawl.finalize import PendingPosts, RunManifest, finalize, group_run, health_of
from clustercrawl.posts import build_item
from clustercrawl.registry import Site
from clustercrawl.report.html import render_report, report_pieces
from clustercrawl.report.io import write_report
from clustercrawl.state import NEW, PostState, SqliteStateStore
from clustercrawl.urls import url_key

SITE = Site(id="de-s", name="S", country="DE", languages=("de",),
            homepage="https://s.example/", timezone="Europe/Berlin")
BODY_CHARS = 40_000


def _post(i: int, event: bool) -> dict[str, Any]:
    """A post with its own long body (distinct words: no two share a text)."""
    body = " ".join(f"wort{i}x{j}" for j in range(BODY_CHARS // 10))
    return {
        "id": f"{i:016x}", "url": f"https://s.example/p/{i}/", "site_id": SITE.id,
        "title": f"Beitrag {i}", "body_text": body, "summary": f"Kurz {i}",
        "published": {"value": f"2026-0{i % 9 + 1}-1{i % 10}", "precision": "day"},
        "cluster": {"name": "S cluster", "country": "DE"},
        "crawl": {"fetched_at": "2026-11-26T18:00:00Z", "channel": "feed"},
        "event": {"start": f"2027-0{i % 9 + 1}-0{i % 9 + 1}", "name": f"Tagung {i}",
                  "location": {"city": "Berlin"}} if event else None,
        "event_id": f"e{i:015x}" if event else None,
    }


def _posts(n: int) -> Iterator[dict[str, Any]]:
    return (_post(i, i % 2 == 0) for i in range(n))


def _peak(consume: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        consume()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _manifest() -> RunManifest:
    return {"run": "20261126T180000Z", "started": None, "finished": None, "duration_s": None,
            "finish_reason": "finished", "versions": {}, "options": {}, "counts": {},
            "sites": [], "registry_errors": [], "health": health_of([], 0.1), "errors": []}


def test_the_report_holds_one_post_at_a_time() -> None:
    n = 200  # 8 MB of bodies; one post is ~80 KB as a dict
    peak = _peak(lambda: sum(len(p) for p in report_pieces(_manifest(), _posts(n))))
    assert peak < 20 * BODY_CHARS * 2, f"{peak:,} bytes traced"
    page = render_report(_manifest(), _posts(n))
    assert f"{n} posts" in page and "Tagung 0" in page  # counted, and events listed


def test_the_calendar_holds_no_post_body_and_is_written_in_pieces() -> None:
    n = 200
    sizes: list[int] = []
    peak = _peak(lambda: sizes.extend(len(c) for c in ical_chunks(_posts(n), "t")))
    assert peak < 20 * BODY_CHARS * 2, f"{peak:,} bytes traced"
    assert len(sizes) == n // 2 + 2  # head, one VEVENT per event (all-day: no zone), end
    whole = events_to_ical(_posts(n), "t")
    assert len(whole) == sum(sizes)
    # the joined pieces are the calendar icalendar itself writes
    assert icalendar.Calendar.from_ical(whole).to_ical() == whole


def test_write_report_renders_the_manifest_it_is_given(tmp_path: Path) -> None:
    run = tmp_path / "runs" / "r"
    run.mkdir(parents=True)
    manifest = _manifest()
    (run / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    from_file = write_report(run, out=tmp_path / "a.html").read_text("utf-8")
    given = write_report(run, out=tmp_path / "b.html", manifest=manifest).read_text("utf-8")
    assert from_file == given
    manifest["run"] = "another"  # the one in memory is the one rendered
    assert "another" in write_report(run, out=tmp_path / "c.html",
                                     manifest=manifest).read_text("utf-8")


def _state(tmp: Path, n: int) -> SqliteStateStore:
    store = SqliteStateStore(tmp / "state.sqlite")
    for i in range(n):
        url = f"https://s.example/p/{i}/"
        item = build_item({"url": url, "title": f"Beitrag {i}",
                           "body_text": " ".join(f"wort{i}x{j}" for j in range(30)),
                           "language": "de", "post_type": "news", "event": None,
                           "published": {"value": "2026-01-01", "source": "meta",
                                         "precision": "day"}},
                          SITE, channel=Channel.FEED, channels=["feed"], fetched_url=url,
                          http_status=200, fetched_at="2026-11-26T18:00:00Z")
        store.put_post(PostState(key=url_key(url), id=item.id, site_id=SITE.id, url=url,
                                 content_hash=item.crawl["content_hash"], first_seen="t",
                                 last_seen="t", last_changed="t", status=NEW,
                                 item=asdict(item)), pending=True)
    return store


def test_ids_reach_the_state_in_batches_while_the_pages_are_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fin, "_UPDATE_BATCH", 7)
    store = _state(tmp_path, 40)
    monkeypatch.setattr(store, "PAGE", 6)  # updates land between pages of the same query
    batches: list[int] = []
    update = store.update_items

    def counted(fields: dict[str, dict[str, Any]]) -> None:
        batches.append(len(fields))
        update(fields)

    monkeypatch.setattr(store, "update_items", counted)
    grouped = group_run(store, MemoryGroupStore())
    assert isinstance(grouped.posts, PendingPosts) and grouped.error is None
    assert batches == [7, 7, 7, 7, 7, 5]
    posts = list(grouped.posts)
    assert len(posts) == 40 == len({p["id"] for p in posts})
    assert all(p["story_id"] and p["story_size"] == 1 for p in posts)
    manifest = finalize(store, MemoryGroupStore(), tmp_path / "out", _manifest(),
                        grouped=grouped)
    assert manifest["counts"]["run_posts"] == 40 and grouped.events == []
    lines = (tmp_path / "out" / "runs" / "20261126T180000Z" / "posts.jsonl").read_text(
        "utf-8").splitlines()
    assert sorted(json.loads(x)["story_id"] for x in lines) == sorted(
        p["story_id"] for p in posts)


def test_the_zones_of_timed_events_come_first_and_complete() -> None:
    zones = ["Europe/Rome", "Europe/Warsaw", "America/New_York"]
    posts = [{"id": f"{i:016x}", "url": f"https://s.example/e/{i}/", "site_id": SITE.id,
              "title": f"Abend {i}", "event_id": None,
              "event": {"start": f"2026-0{i % 9 + 1}-1{i % 10}" + ("T18:20:00" if i % 4 else ""),
                        "all_day": not i % 4, "timezone": zones[i % 3], "name": f"Abend {i}"}}
             for i in range(30)]
    data = b"".join(ical_chunks(posts, "t"))
    cal = icalendar.Calendar.from_ical(data)
    kinds = [c.name for c in cal.subcomponents]
    assert kinds == ["VTIMEZONE"] * 3 + ["VEVENT"] * 30
    assert {str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")} == set(zones)
    assert cal.get_missing_tzids() == set()
    assert data == events_to_ical(posts, "t") and cal.to_ical() == data
