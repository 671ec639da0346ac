"""Crawl state across runs (see ``store.py``), shared by the spider and the pipelines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

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
    "GONE", "NEW", "UNCHANGED", "UPDATED", "PageState", "PostState", "SiteRecord",
    "SqliteStateStore", "StateStore", "state_path", "store_for",
]


def state_path(settings: Any) -> Path | None:
    """``CLUSTERCRAWL_STATE_PATH``, by default ``<output>/state/state.sqlite``; "off" = none."""
    value = settings.get("CLUSTERCRAWL_STATE_PATH")
    if value in ("off", "none", "", False):
        return None
    if value:
        return Path(value)
    return Path(settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output")) / "state" / "state.sqlite"


def store_for(crawler: Any) -> StateStore | None:
    """The crawler's state store, opened on first use and shared by all components."""
    store: StateStore | None = getattr(crawler, "_clustercrawl_state", None)
    if store is None:
        path = state_path(crawler.settings)
        if path is None:
            return None
        store = SqliteStateStore(path)
        crawler._clustercrawl_state = store
    return store
