"""Normalize, validate and dedupe pipelines, driven directly (no reactor needed)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from clustercrawl.discovery.entry import Channel
from clustercrawl.pipelines import DedupePipeline, NormalizePipeline, ValidatePipeline
from clustercrawl.posts import build_item
from clustercrawl.registry import Site

SITE = Site(id="pl-test", name="Klaster Testowy", country="PL", languages=("pl",),
            homepage="https://klaster.example/", timezone="Europe/Warsaw")
OTHER = Site(id="de-test", name="Cluster Test", country="DE", languages=("de",),
             homepage="https://cluster.example/", timezone="Europe/Berlin")


def make(url: str, body: str = "Spotkanie członków klastra odbyło się w Gdańsku.",
         site: Site = SITE, **kw: Any) -> Any:
    extracted = {"url": url, "title": kw.pop("title", "Spotkanie"), "body_text": body,
                 "language": "pl", "post_type": "news", "event": None,
                 "published": {"value": "2024-03-05", "source": "meta", "precision": "day"}, **kw}
    return build_item(extracted, site, channel=Channel.FEED, channels=[Channel.FEED],
                      fetched_url=url, http_status=200, fetched_at="2026-11-26T18:00:00Z")


def crawler(tmp_path: Path) -> Any:
    c = get_crawler(settings_dict={"CLUSTERCRAWL_OUTPUT_DIR": str(tmp_path)})
    c.stats.open_spider()
    return c


def run(pipeline: Any, item: Any) -> Any:
    return asyncio.run(pipeline.process_item(item))


def test_normalize_strips_camera_tokens_and_nav_words(tmp_path: Path) -> None:
    p = NormalizePipeline.from_crawler(crawler(tmp_path))
    item = make("https://klaster.example/a/?utm_source=x",
                body="Konferencja odbyła się w Brukseli.20141020_084207\n\nPowrót")
    out = run(p, item)
    assert out.url == "https://klaster.example/a/"
    assert "20141020_084207" not in out.body_text and "Powrót" not in out.body_text
    assert "Konferencja odbyła się w Brukseli." in out.body_text


def test_validate_rejects_with_reason_file(tmp_path: Path) -> None:
    c = crawler(tmp_path)
    p = ValidatePipeline.from_crawler(c)
    good = make("https://klaster.example/a/")
    assert run(p, good) is good
    bad = make("https://klaster.example/b/")
    bad.post_type = "gossip"
    with pytest.raises(DropItem, match=r"site pl-test: https://klaster.example/b/: invalid"):
        run(p, bad)
    p.close_spider()
    [rejects] = list(tmp_path.glob("rejected-*.jsonl"))
    record = json.loads(rejects.read_text("utf-8"))
    assert record["url"] == "https://klaster.example/b/"
    assert any("post_type" in e for e in record["errors"])
    assert c.stats.get_value("clustercrawl/dropped/invalid") == 1


def test_dedupe_drops_the_same_url_only_and_keeps_reposts(tmp_path: Path) -> None:
    c = crawler(tmp_path)
    p = DedupePipeline.from_crawler(c)
    run(p, make("https://klaster.example/a/"))
    with pytest.raises(DropItem, match="duplicate_url"):
        run(p, make("http://www.klaster.example/a"))
    # the same text under a new URL of the same site is a repost: kept, grouped at run end
    repost = make("https://klaster.example/copy/")
    assert run(p, repost) is repost
    # and so is the same text on another organisation's site
    run(p, make("https://cluster.example/a/", site=OTHER))
    assert c.stats.get_value("clustercrawl/dropped/duplicate_url") == 1
    assert c.stats.get_value("clustercrawl/dropped/duplicate_content") is None


def test_normalize_is_idempotent_and_build_item_already_normalises(tmp_path: Path) -> None:
    """One normalisation, one content hash: the spider's merge and the state see the same."""
    item = make("https://klaster.example/a/?utm_source=x",
                body="Konferencja  odbyła się\r\nw Brukseli.20141020_084207\n\nPowrót")
    before = (item.url, item.title, item.body_text, item.crawl["content_hash"])
    out = run(NormalizePipeline.from_crawler(crawler(tmp_path)), item)
    assert (out.url, out.title, out.body_text, out.crawl["content_hash"]) == before
    assert "Powrót" not in out.body_text and "  " not in out.body_text


def test_the_state_gets_the_item_as_the_exporters_see_it() -> None:
    """``item_dict`` (the fast copy the state pipeline stores) equals ItemAdapter's."""
    from itemadapter import ItemAdapter

    from clustercrawl.pipelines import item_dict

    item = make("https://klaster.example/e/", event={"start": "2024-05-06", "city": "Gdańsk"},
                topics=["energia", "wodór"])
    item.crawl["etag"] = '"v1"'
    plain = item_dict(item)
    assert plain == ItemAdapter(item).asdict()
    assert plain["event"] is not item.event and plain["crawl"] is not item.crawl  # a copy
