"""One story, one event, in the crawl's own output: ids on every line, the same whatever the
crawl order, and kept across runs so a repost found later joins the existing story."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest
import yaml

from clustercrawl.urls import url_key
from tests.conftest import read_run, run_crawl

pytestmark = pytest.mark.e2e

POLISH_TITLE = "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"


def truth_by_key(truth: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for post in truth["posts"]:
        for url in (post["url"], *post.get("alias_urls", ())):
            out[url_key(url)] = post
    return out


def ids(items: list[dict[str, Any]]) -> dict[str, tuple[Any, Any]]:
    return {url_key(i["url"]): (i.get("story_id"), i.get("event_id")) for i in items}


def test_every_line_carries_story_and_event(demo_crawl: Any) -> None:
    assert all(i.get("story_id") for i in demo_crawl.items)
    assert all("event_id" in i and "story_origin" in i for i in demo_crawl.items)


def test_groups_match_ground_truth_without_false_merges(demo_crawl: Any) -> None:
    truth = truth_by_key(demo_crawl.truth)
    items = [i for i in demo_crawl.items if url_key(i["url"]) in truth]
    wrong = []
    for a, b in combinations(items, 2):
        ta, tb = truth[url_key(a["url"])], truth[url_key(b["url"])]
        for field, key in (("story_id", "story"), ("event_id", "event_key")):
            expected = ta.get(key) is not None and ta.get(key) == tb.get(key)
            same = a.get(field) is not None and a.get(field) == b.get(field)
            if expected != same:
                wrong.append((field, a["url"], b["url"], expected))
    assert wrong == []
    # the press release: one story over four sites, its origin the earliest copy
    story = [i for i in items if truth[url_key(i["url"])].get("story")]
    assert len(story) == 4 and len({i["story_id"] for i in story}) == 1
    [origin] = [i for i in story if i["story_origin"]]
    assert origin["published"]["value"][:10] == min(i["published"]["value"][:10] for i in story)
    assert all(i["duplicate_of"] == origin["id"] for i in story if i is not origin)


def test_polish_report_joins_the_2014_conference(demo_crawl: Any) -> None:
    [polish] = [i for i in demo_crawl.items if i["title"] == POLISH_TITLE]
    same_event = [i for i in demo_crawl.items if i["event_id"] == polish["event_id"]]
    assert len({i["site_id"] for i in same_event}) >= 5
    assert len({i["language"] for i in same_event}) >= 4


def test_events_file_lists_every_report(demo_crawl: Any) -> None:
    events = [json.loads(line) for line in
              (demo_crawl.outdir / "events.jsonl").read_text("utf-8").splitlines()]
    by_id = {e["event_id"]: e for e in events}
    [polish] = [i for i in demo_crawl.items if i["title"] == POLISH_TITLE]
    record = by_id[polish["event_id"]]
    assert (record["start"], record["end"], record["city"]) == ("2014-10-20", "2014-10-21",
                                                                 "Brussels")
    reporting = {i["url"] for i in demo_crawl.items if i["event_id"] == polish["event_id"]}
    assert {p["url"] for p in record["posts"]} == reporting


def test_ids_do_not_depend_on_crawl_order(
    demo_crawl: Any, demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    data = yaml.safe_load(demo_web.registry_yaml(demo_server.port))
    data["sites"].reverse()
    registry = tmp_path / "reversed.yaml"
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    # one request at a time and inline extraction: a completely different arrival order
    proc = run_crawl(tmp_path / "out", registry, {"CONCURRENT_REQUESTS": "1",
                                                  "CLUSTERCRAWL_EXTRACT_PROCESSES": "0"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    items, _ = read_run(tmp_path / "out")
    assert ids(items) == ids(demo_crawl.items)


def test_a_repost_found_next_run_joins_the_existing_story(
    demo_web: Any, demo_server: Any, tmp_path: Path
) -> None:
    truth = demo_web.ground_truth(demo_server.port)
    story_sites = sorted({p["site_id"] for p in truth["posts"] if p.get("story")})
    late = story_sites[0]  # this site's copy of the press release is found a run later
    registry = tmp_path / "registry.yaml"
    registry.write_text(demo_web.registry_yaml(demo_server.port), "utf-8")
    out = tmp_path / "out"
    first = run_crawl(out, registry, args=["-a", "sites=" + ",".join(story_sites[1:])])
    assert first.returncode == 0, first.stderr[-3000:]
    items1, _ = read_run(out)
    story1 = {i["story_id"] for i in items1 if i["site_id"] in story_sites and i["story_size"] > 1}
    assert len(story1) == 1
    second = run_crawl(out, registry, args=["-a", f"sites={late}"])
    assert second.returncode == 0, second.stderr[-3000:]
    items2, _ = read_run(out)
    truth_keys = {url_key(p["url"]) for p in truth["posts"] if p.get("story")}
    [repost] = [i for i in items2 if url_key(i["url"]) in truth_keys]
    assert repost["story_id"] in story1
    assert repost["story_size"] == len(story_sites)
    # the cumulative file, rebuilt from the state, has the ids of both runs' copies
    cumulative = [json.loads(line) for line in (out / "posts.jsonl").read_text("utf-8").splitlines()]
    by_story: dict[str, set[str]] = defaultdict(set)
    for item in cumulative:
        if url_key(item["url"]) in truth_keys:
            by_story[item["story_id"]].add(item["site_id"])
    assert by_story == {repost["story_id"]: set(story_sites)}
