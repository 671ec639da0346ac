"""``DistributedAddon``: distributed mode, switched on by ``CLUSTERCRAWL_REDIS_URL`` alone.

Always listed in ``ADDONS``; without the URL it disables itself and nothing changes. With it:

- the spider takes its sites from the run's queue (``RedisSiteSource``) and keeps its crawl
  state in Redis (``RedisStateStore``), through the two factory settings the spider reads
  (``CLUSTERCRAWL_SITE_SOURCE``, ``CLUSTERCRAWL_STATE_STORE``). The spider exists before
  add-ons' ``update_settings`` runs, so they are set in ``update_pre_crawler_settings``;
- the worker's feed goes to ``runs/<run>/workers/<worker>/posts.jsonl`` (workers may share
  an output folder), and ``WorkerRunExtension`` replaces the single-process end of run: it
  records what the worker emitted and its manifest in Redis, and the last worker to leave
  merges the run (``finalize.py``), whose dedupe batch uses ``RedisGroupStore``.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from clustercrawl.distributed.connection import Keys, RedisConfigError, check_redis_url, is_true
from clustercrawl.distributed.finalize import FinalizeError, finalize_run
from clustercrawl.distributed.source import RedisSiteSource
from clustercrawl.extensions import RunFinalizeExtension, build_manifest
from clustercrawl.items import PostItem
from clustercrawl.runfiles import output_dir, run_dir, write_atomic
from clustercrawl.state import store_for
from clustercrawl.urls import url_key

logger = logging.getLogger(__name__)

SITE_SOURCE = "clustercrawl.distributed.source.site_source_for"
STATE_STORE = "clustercrawl.distributed.state.state_store_for"


def _set_default(settings: BaseSettings, name: str, value: Any) -> None:
    """Set ``name`` unless someone chose a value; the priority must beat settings.py's None."""
    if not settings.get(name):
        priority = max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["addon"])
        settings.set(name, value, priority=priority)


class DistributedAddon:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> DistributedAddon:
        if not crawler.settings.get("CLUSTERCRAWL_REDIS_URL"):
            raise NotConfigured  # single-process mode: nothing to do, nothing logged
        return cls(crawler)

    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        """Before the spider exists: check the URL (refuse to start), name the factories."""
        url = settings.get("CLUSTERCRAWL_REDIS_URL")
        if not url:
            return
        check_redis_url(
            url,
            allow_no_password=is_true(settings.get("CLUSTERCRAWL_REDIS_ALLOW_NO_PASSWORD")),
            allow_public=is_true(settings.get("CLUSTERCRAWL_REDIS_ALLOW_PUBLIC")),
        )
        Keys.from_settings(settings)  # valid prefix and run names
        _set_default(settings, "CLUSTERCRAWL_SITE_SOURCE", SITE_SOURCE)
        _set_default(settings, "CLUSTERCRAWL_STATE_STORE", STATE_STORE)

    def update_settings(self, settings: BaseSettings) -> None:
        spider = self.crawler.spider
        if spider is not None and not isinstance(getattr(spider, "site_source", None),
                                                 RedisSiteSource):
            raise RedisConfigError(
                "CLUSTERCRAWL_REDIS_URL is set but the spider did not take its sites from "
                "Redis: start workers with `scrapy crawl clusters -s CLUSTERCRAWL_REDIS_URL=…` "
                "(or a CrawlerProcess), which apply the add-on before the spider is created"
            )
        if settings.getpriority("FEEDS") == SETTINGS_PRIORITIES["spider"]:
            # the spider's default feed: one file per worker, in the seeded run's folder
            feeds = settings.getdict("FEEDS")
            options: Any = next(iter(feeds.values()), {}) if len(feeds) == 1 else None
            if options is not None:
                outdir = str(settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output")).rstrip("/")
                path = f"{outdir}/runs/%(run_stamp)s/workers/%(worker_id)s/posts.jsonl"
                settings.set("FEEDS", {path: options}, priority="spider")
        try:
            settings.replace_in_component_priority_dict(
                "EXTENSIONS", RunFinalizeExtension, WorkerRunExtension)
        except KeyError:
            settings.set_in_component_priority_dict("EXTENSIONS", WorkerRunExtension, 500)


class WorkerRunExtension:
    """A worker's end of run: its share recorded, and the run merged by the last one out."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.reason = "unknown"
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerRunExtension:
        return cls(crawler)

    def _source(self) -> RedisSiteSource | None:
        source = getattr(self.crawler.spider, "site_source", None)
        return source if isinstance(source, RedisSiteSource) else None

    def item_scraped(self, item: Any, **kwargs: Any) -> None:
        """Everything emitted counts (new and updated are also recorded with the state,
        atomically; this adds unchanged posts re-emitted by ``-a full=1``)."""
        source = self._source()
        if source is not None and isinstance(item, PostItem):
            source.queue.r.sadd(source.queue.k("emitted"), url_key(item.url))

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        spider = self.crawler.spider
        source = self._source()
        if source is None or not hasattr(spider, "states"):
            return
        settings = self.crawler.settings
        try:
            manifest = build_manifest(self.crawler, spider, self.reason)
            manifest["worker"] = source.worker
            manifest["run_name"] = source.queue.keys.run
            folder = run_dir(settings, spider.run_stamp) / "workers" / source.worker
            if manifest["sites"] or folder.exists():
                write_atomic(folder / "manifest.json",
                             json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            source.queue.put_manifest(manifest)
            last = source.queue.leave()
            logger.info("worker %s: %d site(s) crawled; %s", source.worker,
                        len(manifest["sites"]),
                        "the run is drained and no worker is left" if last
                        else "other workers or sites remain")
            if last and settings.getbool("CLUSTERCRAWL_REDIS_FINALIZE"):
                try:
                    finalize_run(source.queue.r, source.queue.keys, output_dir(settings),
                                 only_once=True)
                except FinalizeError as exc:
                    logger.info("not finalizing: %s", exc)
        except Exception:
            logger.exception("worker %s: could not finish the run's bookkeeping", source.worker)
        finally:
            store = store_for(self.crawler)
            if store is not None:
                store.close()
