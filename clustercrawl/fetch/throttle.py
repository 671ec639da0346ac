"""AutoThrottle that never undercuts a host's robots.txt ``Crawl-delay``.

Scrapy ignores Crawl-delay, and AutoThrottle would lower a slot's delay below it as soon
as the server answers quickly. The spider records each host's Crawl-delay in
``spider.crawl_delays``; this extension keeps every slot's delay at or above it.
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.extensions.throttle import AutoThrottle


class CrawlDelayAutoThrottle(AutoThrottle):
    def _adjust_delay(self, slot: Any, latency: float, response: Any) -> None:
        super()._adjust_delay(slot, latency, response)
        key = response.request.meta.get("download_slot") if response.request else None
        floors: dict[str, float] = getattr(self.crawler.spider, "crawl_delays", {})
        floor = floors.get(key or "", 0.0)
        slot.delay = max(slot.delay, floor)


def apply_crawl_delay(crawler: Crawler, slot_key: str, delay: float) -> None:
    """Make ``delay`` the minimum, un-jittered gap between requests to ``slot_key``."""
    downloader = crawler.engine.downloader
    current = downloader.per_slot_settings.setdefault(slot_key, {})
    current["delay"] = max(float(current.get("delay", 0.0)), delay)
    current["jitter"] = 0.0
    slot = downloader.slots.get(slot_key)
    if slot is not None:
        slot.delay = max(slot.delay, delay)
        slot.jitter = 0.0
