"""Scrapy's feed exports, fed the run's posts once they have their story and event ids.

Story and event ids come from one batch over the whole run (``clustercrawl.finalize``), so a
post cannot be written to a feed the moment it is scraped. ``RunFeedExporter`` is Scrapy's
``FeedExporter`` (every ``FEEDS`` option, ``-o``/``-O``, every format and storage) with one
change: posts reach the feeds when the spider closes, grouped, instead of one by one. Item
pipelines still see each post as it is crawled (that is where posts are normalised,
validated and stored).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from scrapy import Spider
from scrapy.extensions.feedexport import FeedExporter

from clustercrawl.extensions import RunFinalizeExtension

logger = logging.getLogger(__name__)


class RunFeedExporter(FeedExporter):
    def item_scraped(self, item: Any, spider: Spider) -> None:
        """Posts are exported at the end of the run, grouped (see :meth:`close_spider`)."""

    async def close_spider(self, spider: Spider) -> None:
        stage = self.crawler.get_extension(RunFinalizeExtension)
        if stage is None:
            logger.error("feeds: RunFinalizeExtension is disabled, so no post reaches the feeds")
        else:
            grouped = stage.grouped_posts()
            for post in grouped.posts:
                super().item_scraped(post, spider)
            logger.info("feeds: %d posts of this run exported with their story and event ids",
                        len(grouped.posts))
        await super().close_spider(spider)

    def export_now(self, posts: Iterable[dict[str, Any]], spider: Spider) -> None:
        """Write the posts and close every feed now, without the reactor (a run finishing
        past its shutdown grace): local files only; other storages are reported."""
        for post in posts:
            super().item_scraped(post, spider)
        for slot in self.slots:
            try:
                slot.finish_exporting()
                if slot.file is not None:
                    result = slot.storage.store(slot.file)
                    if result is not None and hasattr(result, "called") and not result.called:
                        logger.error("feed %s: its storage needs the reactor; not written",
                                     slot.uri)
            except Exception:
                logger.exception("feed %s could not be written", slot.uri)
        self.slots = []
