"""The crawl's state and group stores as one Scrapy component (``CrawlStateExtension``).

The spider, the pipelines, the robots.txt cache and the end-of-run stage all reach the same
two stores through ``crawler.get_extension(CrawlStateExtension)`` (or :func:`store_for` /
:func:`groups_for`), never through private crawler attributes. Backends: SQLite files under
``<output>/state/`` by default; factories named by ``CLUSTERCRAWL_STATE_STORE`` and
``CLUSTERCRAWL_GROUP_STORE`` otherwise (Redis, set by ``clustercrawl.distributed``). With
``CLUSTERCRAWL_STATE_PATH = "off"`` both live in memory for the run: nothing is kept across
runs and no cumulative file is written, but the run's own outputs are complete.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from clustercrawl.dedupe import GroupStore, MemoryGroupStore, SQLiteGroupStore
from clustercrawl.state.store import SqliteStateStore, StateStore

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def state_path(settings: BaseSettings) -> Path | None:
    """``CLUSTERCRAWL_STATE_PATH``, by default ``<output>/state/state.sqlite``; "off" = none."""
    value = settings.get("CLUSTERCRAWL_STATE_PATH")
    if value in ("off", "none", "", False):
        return None
    if value:
        return Path(value)
    return Path(settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output")) / "state" / "state.sqlite"


class CrawlStateExtension:
    """Opens the stores when the crawler starts; the end-of-run stage closes them."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        # ``scrapy check`` (clustercrawl.contracts) never touches a dataset
        path = None if os.environ.get("SCRAPY_CHECK") else state_path(settings)
        #: False when the state lives only for this run (``CLUSTERCRAWL_STATE_PATH = off``)
        self.persistent = True
        state_factory = settings.get("CLUSTERCRAWL_STATE_STORE")
        group_factory = settings.get("CLUSTERCRAWL_GROUP_STORE")
        self.store: StateStore
        self.groups: GroupStore
        if state_factory:
            self.store = load_object(state_factory)(crawler)
        elif path is not None:
            self.store = SqliteStateStore(path)
        else:
            self.persistent = False
            self.store = SqliteStateStore(":memory:")
        if group_factory:
            self.groups = load_object(group_factory)(crawler)
        elif path is not None:
            self.groups = SQLiteGroupStore(path.parent / "groups.sqlite")
        else:
            self.groups = MemoryGroupStore()
        self._closed = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        return cls(crawler)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.store.close()
        close = getattr(self.groups, "close", None)
        if close is not None:
            close()


def state_component(crawler: Crawler) -> CrawlStateExtension:
    ext = crawler.get_extension(CrawlStateExtension)
    if ext is None:
        raise RuntimeError("clustercrawl.state.CrawlStateExtension is not enabled (EXTENSIONS)")
    return ext


def store_for(crawler: Crawler) -> StateStore:
    """The crawler's crawl state store."""
    return state_component(crawler).store


def optional_store(crawler: Crawler) -> StateStore | None:
    """The state store when the crawl has one (a crawl without ``CrawlStateExtension``, such
    as ``clustercrawl registry verify``, has none)."""
    ext = crawler.get_extension(CrawlStateExtension)
    return ext.store if ext is not None else None


def groups_for(crawler: Crawler) -> GroupStore:
    """The crawler's story/event group store."""
    return state_component(crawler).groups
