"""Dedupe over the real crawl of the demo web: every ground-truth story and event, no false
merges, the same ids whatever the order of the posts."""

from __future__ import annotations

import random
from itertools import combinations
from typing import Any

import pytest

from clustercrawl.dedupe import Deduper, Groups
from clustercrawl.urls import url_key

pytestmark = pytest.mark.e2e


def run(posts: list[dict[str, Any]]) -> Groups:
    deduper = Deduper()
    for post in posts:
        deduper.add(post)
    return deduper.finish()


def test_demo_stories_and_events_match_ground_truth(demo_crawl: Any) -> None:
    truth: dict[str, dict[str, Any]] = {}
    for post in demo_crawl.truth["posts"]:
        for url in (post["url"], *post.get("alias_urls", ())):
            truth[url_key(url)] = post
    items = [i for i in demo_crawl.items if url_key(i["url"]) in truth]
    assert len(items) >= 0.98 * len(demo_crawl.items)
    groups = run(items)
    counts = {"story": [0, 0, 0], "event_key": [0, 0, 0]}  # found, false, missed
    for a, b in combinations(items, 2):
        ta, tb = truth[url_key(a["url"])], truth[url_key(b["url"])]
        for field, same in (
            ("story", groups.story(a["id"]).story_id == groups.story(b["id"]).story_id),
            ("event_key", groups.event(a["id"]) is not None
             and groups.event(a["id"]) == groups.event(b["id"])),
        ):
            expected = ta.get(field) is not None and ta.get(field) == tb.get(field)
            counts[field][0] += expected and same
            counts[field][1] += same and not expected
            counts[field][2] += expected and not same
    print(f"\ndemo web: story pairs {counts['story']}, event pairs {counts['event_key']} "
          "(found, false, missed)")
    assert counts["story"][0] > 0 and counts["event_key"][0] > 0
    assert counts["story"][1:] == [0, 0]
    assert counts["event_key"][1:] == [0, 0]
    # the press release's origin is its English original
    originals = [i for i in items if truth[url_key(i["url"])].get("story")
                 and groups.story(i["id"]).is_origin]
    assert len(originals) == 1 and originals[0]["language"] == "en"

    shuffled = list(items)
    random.Random(5).shuffle(shuffled)
    again = run(shuffled)
    assert all(groups.fields(i["id"]) == again.fields(i["id"]) for i in items)
