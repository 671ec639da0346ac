"""Item pipelines: normalize → validate → dedupe → state, in that order (``ITEM_PIPELINES``).

Every dropped item is counted in the crawl stats under ``clustercrawl/dropped/<reason>``
and logged with its site and URL; invalid items also go to ``rejected-<run>.jsonl`` with
the reasons, so nothing disappears silently.
"""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from pathlib import Path
from typing import Any, Self

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from clustercrawl.items import PostItem
from clustercrawl.posts import normalize_item
from clustercrawl.schema import validation_errors
from clustercrawl.state import NEW, UNCHANGED, UPDATED, PostState, store_for
from clustercrawl.urls import url_key
from clustercrawl.workers import ExtractionRunner

logger = logging.getLogger(__name__)


class _Base:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def drop(self, item: PostItem, reason: str, detail: str) -> DropItem:
        self.stats.inc_value(f"clustercrawl/dropped/{reason}")
        self.stats.inc_value(f"clustercrawl/sites/{item.site_id}/dropped")
        return DropItem(f"site {item.site_id}: {item.url}: {reason}: {detail}")


class NormalizePipeline(_Base):
    """``posts.normalize_item``: the one normalisation and content hash of a post.

    Items built by the spider (``posts.build_item``) are already normalised, and the
    function is idempotent, so this changes nothing for them; it is here for items that
    reach the pipelines another way (another spider, a test, a library user). A spider that
    says so (``emits_normalized_items``) is trusted: normalising again cost the crawling
    process ~4 % of its CPU for nothing."""

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        if getattr(self.crawler.spider, "emits_normalized_items", False):
            return item
        return normalize_item(item)


class ValidatePipeline(_Base):
    """Checks each item against the committed JSON Schema; rejects go to a file with reasons."""

    def __init__(self, crawler: Crawler) -> None:
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
        runner = getattr(self.crawler.spider, "runner", None)
        if isinstance(runner, ExtractionRunner):  # off the reactor, item pickled
            errors = await runner.run(item_errors, item)
        else:
            errors = item_errors(item)
        if not errors:
            self.stats.inc_value("clustercrawl/valid")
            return item
        data = ItemAdapter(item).asdict()
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


def item_dict(item: PostItem) -> dict[str, Any]:
    """The item as plain dicts and lists, for the state: what ``ItemAdapter.asdict`` gives
    for our items (no nested items in them) at a quarter of its cost, which the reactor
    paid per post."""
    return {f.name: _plain(getattr(item, f.name)) for f in fields(item)}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return value.__class__(_plain(v) for v in value)
    return value


def item_errors(item: PostItem) -> list[str]:
    """The schema's complaints about an item (module-level: runs in extraction workers)."""
    return validation_errors(ItemAdapter(item).asdict())


class DedupePipeline(_Base):
    """One line per post per run, by canonical URL key.

    The spider already merges copies of one post within a site (aliases, tracking
    parameters, print views: ``posts.merge_copies``); this is the run-wide guard for the
    same URL reached twice (two registry entries of one site). The same text under another
    URL, on the same site or another, is a repost: kept, and grouped into the story of the
    earliest copy at the end of the run, never dropped.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.seen_urls: dict[str, str] = {}

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        key = url_key(item.url)
        if key in self.seen_urls:
            raise self.drop(item, "duplicate_url", f"already emitted by {self.seen_urls[key]}")
        self.seen_urls[key] = item.site_id
        return item


class StatePipeline(_Base):
    """Records each valid post in the crawl state and says whether it is new or updated.

    Runs last, so only validated, de-duplicated items reach the state: a dropped item is
    fetched again next run. New and updated posts (every post with ``-a full=1``) are stored
    *pending*: the end-of-run stage reads them back, groups them and writes them to the run's
    outputs (``clustercrawl.finalize``). Unchanged posts stop here; the cumulative file has
    them from the state.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.store = store_for(crawler)

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, PostItem):
            return item
        status = self._record(item)
        self.stats.inc_value(f"clustercrawl/status/{status}")
        self.stats.inc_value(f"clustercrawl/sites/{item.site_id}/status/{status}")
        if status == UNCHANGED and not getattr(self.crawler.spider, "full", False):
            raise DropItem(f"site {item.site_id}: {item.url}: unchanged", log_level="DEBUG")
        return item

    def _record(self, item: PostItem) -> str:
        key = url_key(item.url)
        prev = self.store.get_posts([key]).get(key)
        now = item.crawl["fetched_at"]
        if prev is None or prev.status == "gone":
            status = NEW
        elif prev.content_hash != item.crawl["content_hash"]:
            status = UPDATED
        else:
            status = UNCHANGED
        item.crawl["status"] = status
        full = bool(getattr(self.crawler.spider, "full", False))
        # the post page's HTTP validators (for conditional re-fetches), carried by the item
        crawl = item.crawl
        self.store.put_post(
            PostState(
                key=key,
                id=item.id,
                site_id=item.site_id,
                url=item.url,
                content_hash=item.crawl["content_hash"],
                first_seen=prev.first_seen if prev and prev.status != "gone" else now,
                last_seen=now,
                last_changed=now if status != UNCHANGED or prev is None else prev.last_changed,
                status=status,
                modified=item.modified,
                etag=crawl.get("etag"),
                last_modified=crawl.get("last_modified"),
                published=item.published.get("value"),
                channels=list(item.crawl.get("channels") or [item.crawl["channel"]]),
                aliases=sorted({url_key(a) for a in item.alias_urls} - {key}),
                item=item_dict(item),
            ),
            pending=status != UNCHANGED or full,
        )
        return status
