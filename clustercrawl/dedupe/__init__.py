"""Dedupe library: stories (the same text across URLs and sites) and events (one real-world
event reported by many posts, in many languages), stable across runs.

Pure and Scrapy-free. The crawl's finalisation step adds every post of the run to a
:class:`Deduper`, calls :meth:`Deduper.finish` (a batch over the run plus the stored groups)
and rewrites the posts with :meth:`Groups.fields`; :meth:`Groups.events` gives the lines of
the events file.
"""

from __future__ import annotations

from clustercrawl.dedupe.deduper import Deduper, order_key
from clustercrawl.dedupe.results import EventPost, EventRecord, Groups, StoryInfo
from clustercrawl.dedupe.store import (
    GroupStore,
    MemoryGroupStore,
    SQLiteGroupStore,
    StoredPost,
    StoreMismatch,
)

__all__ = [
    "Deduper",
    "EventPost",
    "EventRecord",
    "GroupStore",
    "Groups",
    "MemoryGroupStore",
    "SQLiteGroupStore",
    "StoreMismatch",
    "StoredPost",
    "StoryInfo",
    "order_key",
]
