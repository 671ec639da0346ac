"""Item pipelines: normalize → validate → dedupe, in that order (see ``ITEM_PIPELINES``).

Every dropped item is counted in the crawl stats under ``clustercrawl/dropped/<reason>``
and logged with its site and URL; invalid items also go to ``rejected-<run>.jsonl`` with
the reasons, so nothing disappears silently.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from scrapy.exceptions import DropItem

from clustercrawl.extract import clean_body
from clustercrawl.items import PostItem
from clustercrawl.posts import content_hash, normalize_text
from clustercrawl.schema import validation_errors
from clustercrawl.urls import canonicalize_url, url_key

logger = logging.getLogger(__name__)


class _Base:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> Any:
        return cls(crawler)

    def drop(self, item: PostItem, reason: str, detail: str) -> DropItem:
        self.stats.inc_value(f"clustercrawl/dropped/{reason}")
        self.stats.inc_value(f"clustercrawl/sites/{item.site_id}/dropped")
        return DropItem(f"site {item.site_id}: {item.url}: {reason}: {detail}")


class NormalizePipeline(_Base):
    """Canonical URLs, clean whitespace, boilerplate tokens out, content hash recomputed."""

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        item.url = canonicalize_url(item.url)
        aliases = {canonicalize_url(u) for u in item.alias_urls}
        aliases.discard(item.url)
        item.alias_urls = sorted(aliases)
        item.title = normalize_text(item.title).replace("\n", " ")
        item.body_text = normalize_text(clean_body(item.body_text, item.language))
        if item.summary is not None:
            item.summary = normalize_text(item.summary) or None
        item.topics = list(dict.fromkeys(t.strip() for t in item.topics if t and t.strip()))
        item.crawl["content_hash"] = content_hash(item.title, item.body_text)
        return item


class ValidatePipeline(_Base):
    """Checks each item against the committed JSON Schema; rejects go to a file with reasons."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._rejects: Any = None

    def _reject_file(self) -> Any:
        if self._rejects is None:
            spider = self.crawler.spider
            outdir = Path(self.crawler.settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output"))
            outdir.mkdir(parents=True, exist_ok=True)
            stamp = getattr(spider, "run_stamp", "run")
            self._rejects = (outdir / f"rejected-{stamp}.jsonl").open("a", encoding="utf-8")
        return self._rejects

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        data = asdict(item)
        errors = validation_errors(data)
        if not errors:
            self.stats.inc_value("clustercrawl/valid")
            return item
        for err in errors[:5]:
            logger.error("invalid item from site %s (%s): %s", item.site_id, item.url, err)
        record = {"site_id": item.site_id, "url": item.url, "errors": errors, "item": data}
        line = json.dumps(record, ensure_ascii=False)
        f = self._reject_file()
        f.write(line + "\n")
        f.flush()
        raise self.drop(item, "invalid", "; ".join(errors[:3]))

    def close_spider(self) -> None:
        if self._rejects is not None:
            self._rejects.close()


class DedupePipeline(_Base):
    """One line per post per run: by canonical URL key, then by content hash within a site.

    The spider already merges copies of a post within a site; this is the run-wide guard
    (the same URL reached from two registry entries, a copy the spider could not see).
    Identical text on *different* sites is kept: reposts are grouped, not dropped.
    """

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self.seen_urls: dict[str, str] = {}
        self.seen_hashes: set[tuple[str, str]] = set()

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        key = url_key(item.url)
        if key in self.seen_urls:
            raise self.drop(item, "duplicate_url", f"already emitted by {self.seen_urls[key]}")
        hkey = (item.site_id, item.crawl["content_hash"])
        if hkey in self.seen_hashes:
            raise self.drop(item, "duplicate_content", "same title and body already emitted")
        self.seen_urls[key] = item.site_id
        self.seen_hashes.add(hkey)
        return item
