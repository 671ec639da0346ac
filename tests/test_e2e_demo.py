"""End to end: the real ``clusters`` spider and pipelines over the demo web on loopback."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from clustercrawl.demoweb.scoring import score
from clustercrawl.schema import validation_errors

pytestmark = pytest.mark.e2e

POLISH_TITLE = "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014"


def test_crawl_exits_cleanly(demo_crawl: Any) -> None:
    assert demo_crawl.returncode == 0, demo_crawl.log[-3000:]
    assert demo_crawl.items, "no items written"


def test_every_line_is_valid_against_the_schema(demo_crawl: Any) -> None:
    bad = {i["url"]: validation_errors(i) for i in demo_crawl.items if validation_errors(i)}
    assert not bad


def test_posts_found_titles_and_dates(demo_crawl: Any) -> None:
    s = score(demo_crawl.items, demo_crawl.truth)
    detail = "\n".join(
        [
            s.summary(),
            *s.mismatches[:30],
            *("missing " + u for u in s.missing[:30]),
            *("extra " + u for u in s.extra_urls[:30]),
        ]
    )
    assert s.recall >= 0.98, detail
    assert s.duplicates == 0, detail
    assert s.extra == 0, detail
    assert s.title_accuracy == 1.0, detail
    assert s.date_accuracy >= 0.95, detail


def test_no_duplicate_ids_or_urls(demo_crawl: Any) -> None:
    ids = Counter(i["id"] for i in demo_crawl.items)
    urls = Counter(i["url"] for i in demo_crawl.items)
    assert [k for k, n in ids.items() if n > 1] == []
    assert [k for k, n in urls.items() if n > 1] == []


def test_channel_on_every_item_and_per_site_channels(demo_crawl: Any) -> None:
    assert all(i["crawl"]["channel"] for i in demo_crawl.items)
    s = score(demo_crawl.items, demo_crawl.truth)
    assert s.channel_expected == s.found
    sites = {site["site_id"]: site for site in demo_crawl.report["sites"]}
    for truth_site in demo_crawl.truth["sites"]:
        got = sites[truth_site["id"]]["channels"]
        for ch in truth_site["channels"]:
            assert got[ch]["exists"], (truth_site["id"], ch, got)


def test_polish_example(demo_crawl: Any) -> None:
    [item] = [i for i in demo_crawl.items if i["title"] == POLISH_TITLE]
    event = item["event"]
    assert event is not None
    assert (event["start"], event["end"]) == ("2014-10-20", "2014-10-21")
    assert event["date_conflict"] is True
    assert "title_body_date_conflict" in item["extraction"]["warnings"]
    assert "20141020_084207" not in item["body_text"]
    assert "Powrót" not in item["body_text"]
    assert "20-21 października 2014" in item["body_text"]
    [truth] = [p for p in demo_crawl.truth["posts"] if p["title"] == POLISH_TITLE]
    assert item["published"]["value"][:10] == truth["published"]
    assert item["published"]["value"][:10] not in {"2014-10-20", "2014-10-21", "2014-10-22"}


def test_bad_registry_entry_reported_others_crawled(demo_crawl: Any) -> None:
    errors = demo_crawl.report["registry_errors"]
    assert any("xx-broken-entry" in e and "country" in e for e in errors), errors
    assert "xx-broken-entry" in demo_crawl.log
    crawled = {i["site_id"] for i in demo_crawl.items}
    assert crawled == {s["id"] for s in demo_crawl.truth["sites"]}


def test_body_exclusions(demo_crawl: Any) -> None:
    by_url = {i["url"]: i for i in demo_crawl.items}
    failures = []
    for post in demo_crawl.truth["posts"]:
        item = by_url.get(post["url"])
        if item is None:
            continue
        failures += [
            (post["url"], x) for x in post.get("body_excludes", []) if x in item["body_text"]
        ]
        failures += [
            (post["url"], "missing: " + x)
            for x in post.get("body_contains", [])
            if " ".join(x.split()) not in " ".join(item["body_text"].split())
        ]
    assert failures == []
