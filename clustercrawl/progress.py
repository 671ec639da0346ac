"""A progress line a person can read during a long crawl, in the manner of Scrapy's LogStats.

Every ``CLUSTERCRAWL_PROGRESS_INTERVAL`` seconds (0 = off): sites done out of the total,
posts found so far, pages fetched, and an estimate of the time left (the mean time per
finished site times the sites left; sites run in parallel, so it is rough early on).
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class ProgressLog:
    def __init__(self, crawler: Crawler, interval: float) -> None:
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.task: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressLog:
        interval = crawler.settings.getfloat("CLUSTERCRAWL_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Spider) -> None:
        self.started = time.monotonic()
        self.task = task.LoopingCall(self.log, spider)
        self.task.start(self.interval, now=False)

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()

    def line(self, spider: Any) -> str:
        """``progress: 3/7 sites done, 120 posts, 340 pages; about 1 min left``."""
        states = getattr(spider, "states", {})
        finished = len(getattr(spider, "finished", ()))  # sites done and let go of
        total = max(getattr(spider, "sites_total", 0) or len(getattr(spider, "sites", None) or ()),
                    len(states) + finished)
        done = finished + sum(1 for st in states.values() if st.flushed)
        stats = self.crawler.stats
        posts = int(stats.get_value("item_scraped_count", 0)) if stats else 0
        pages = int(stats.get_value("response_received_count", 0)) if stats else 0
        elapsed = time.monotonic() - self.started
        if done and total > done:
            left = f"about {_duration(elapsed / done * (total - done))} left"
        elif total and done >= total:
            left = "finishing"
        else:
            left = "time left unknown until a site finishes"
        return (f"progress: {done}/{total} sites done, {posts} posts so far, {pages} pages "
                f"fetched in {_duration(elapsed)}; {left}")

    def log(self, spider: Any) -> None:
        logger.info(self.line(spider))


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
