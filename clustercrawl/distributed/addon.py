"""``DistributedAddon``: distributed mode, switched on by ``CLUSTERCRAWL_REDIS_URL`` alone.

Always listed in ``ADDONS``; without the URL it disables itself and nothing changes. With it:

- the spider takes its sites from the run's queue (``RedisSiteSource``) and keeps its crawl
  state in Redis (``RedisStateStore``), through the two factory settings the spider reads
  (``CLUSTERCRAWL_SITE_SOURCE``, ``CLUSTERCRAWL_STATE_STORE``). The spider exists before
  add-ons' ``update_settings`` runs, so they are set in ``update_pre_crawler_settings``;
- the story/event groups live in Redis too (``RedisGroupStore``, ``CLUSTERCRAWL_GROUP_STORE``);
- ``WorkerRunExtension`` replaces the single-process end of run: it records the worker's
  manifest in Redis (and in ``runs/<run>/workers/<worker>/manifest.json``), and the last
  worker to leave runs the end-of-run stage for the whole run (``finalize.py``, the same
  ``clustercrawl.finalize`` as one process uses). A worker's own feeds (``-o``) receive no
  posts: story and event ids need the whole run, so the grouped run is written by finalize.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from clustercrawl.distributed.connection import Keys, RedisConfigError, check_redis_url, is_true
from clustercrawl.distributed.finalize import FinalizeError, finalize_run
from clustercrawl.distributed.source import RedisSiteSource
from clustercrawl.extensions import RunFinalizeExtension, build_manifest
from clustercrawl.finalize import EXIT_STAGE_FAILED, GroupedRun
from clustercrawl.runfiles import output_dir, run_dir, write_atomic
from clustercrawl.state import state_component

logger = logging.getLogger(__name__)

SITE_SOURCE = "clustercrawl.distributed.source.site_source_for"
STATE_STORE = "clustercrawl.distributed.state.state_store_for"
GROUP_STORE = "clustercrawl.distributed.groups.group_store_for"


def _set_default(settings: BaseSettings, name: str, value: Any) -> None:
    """Set ``name`` unless someone chose a value; the priority must beat settings.py's None."""
    if not settings.get(name):
        priority = max(settings.getpriority(name) or 0, SETTINGS_PRIORITIES["addon"])
        settings.set(name, value, priority=priority)


class DistributedAddon:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DistributedAddon:
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
        _set_default(settings, "CLUSTERCRAWL_GROUP_STORE", GROUP_STORE)

    def update_settings(self, settings: BaseSettings) -> None:
        spider = self.crawler.spider
        if spider is not None and not isinstance(getattr(spider, "site_source", None),
                                                 RedisSiteSource):
            raise RedisConfigError(
                "CLUSTERCRAWL_REDIS_URL is set but the spider did not take its sites from "
                "Redis: start workers with `scrapy crawl clusters -s CLUSTERCRAWL_REDIS_URL=…` "
                "(or a CrawlerProcess), which apply the add-on before the spider is created"
            )
        try:
            settings.replace_in_component_priority_dict(
                "EXTENSIONS", RunFinalizeExtension, WorkerRunExtension)
        except KeyError:
            settings.set_in_component_priority_dict("EXTENSIONS", WorkerRunExtension, 500)


class WorkerRunExtension(RunFinalizeExtension):
    """A worker's end of run: its manifest recorded, and the run finalized by the last one."""

    def _source(self) -> RedisSiteSource | None:
        source = getattr(self.crawler.spider, "site_source", None)
        return source if isinstance(source, RedisSiteSource) else None

    def grouped_posts(self) -> GroupedRun:
        if self.grouped is None:
            self.grouped = GroupedRun()
            if self.crawler.settings.getdict("FEEDS"):
                logger.warning("distributed mode: a worker's feeds receive no posts (story and "
                               "event ids need the whole run); `clustercrawl finalize` and the "
                               "last worker write the grouped run to runs/<run>/posts.jsonl")
        return self.grouped

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
            folder = run_dir(settings, manifest["run"]) / "workers" / source.worker
            if manifest["sites"] or folder.exists():
                write_atomic(folder / "manifest.json",
                             json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            source.queue.put_manifest(dict(manifest))
            last = source.queue.leave()
            logger.info("worker %s: %d site(s) crawled; %s", source.worker,
                        len(manifest["sites"]),
                        "the run is drained and no worker is left" if last
                        else "other workers or sites remain")
            if last and settings.getbool("CLUSTERCRAWL_REDIS_FINALIZE"):
                try:
                    merged = finalize_run(source.queue.r, source.queue.keys,
                                          output_dir(settings), only_once=True)
                    self.exit_status = merged["health"]["exit_status"]
                except FinalizeError as exc:
                    logger.info("not finalizing: %s", exc)
        except Exception:
            logger.exception("worker %s: could not finish the run's bookkeeping", source.worker)
            self.exit_status = EXIT_STAGE_FAILED
        finally:
            state_component(self.crawler).close()
