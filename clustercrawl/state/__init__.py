"""Crawl state across runs (see ``store.py``), shared by the spider and the pipelines through
one Scrapy component (``component.py``)."""

from __future__ import annotations

from clustercrawl.state.component import (
    CrawlStateExtension,
    groups_for,
    optional_store,
    state_component,
    state_path,
    store_for,
)
from clustercrawl.state.store import (
    GONE,
    NEW,
    UNCHANGED,
    UPDATED,
    PageState,
    PostState,
    SiteRecord,
    SqliteStateStore,
    StateStore,
)

__all__ = [
    "GONE", "NEW", "UNCHANGED", "UPDATED", "CrawlStateExtension", "PageState", "PostState",
    "SiteRecord", "SqliteStateStore", "StateStore", "groups_for", "optional_store",
    "state_component", "state_path", "store_for",
]
