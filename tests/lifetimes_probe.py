"""A Scrapy extension for tests/test_memory_lifetimes.py: what the crawl still holds per site
when the spider closes (before the run's files are written), written to a JSON file named by
``LIFETIMES_PROBE_OUT``."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from scrapy import signals


class LifetimesProbe:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> LifetimesProbe:
        return cls(crawler)

    def spider_closed(self, spider: Any, reason: str) -> None:
        engine = self.crawler.engine
        downloader = engine.downloader
        pool = downloader.handlers._handlers["http"]._pool
        dupefilter = engine._slot.scheduler.df
        [robots] = [m for m in downloader.middleware.middlewares if hasattr(m, "_parsers")]
        stats = self.crawler.stats.get_stats()
        out = {
            "states": len(spider.states),
            "finished": len(spider.finished),
            "reports": len(spider.reports),
            "registry_kept": len(spider.sites),
            "site_stats_keys": sorted(k for k in stats if k.startswith("clustercrawl/sites/")),
            "fingerprint_sites": dupefilter.sites_held(),
            "robots_parsers": len(robots._parsers),
            "idle_connections": sum(len(v) for v in pool._connections.values()),
            "download_slots": len(downloader.slots),
        }
        Path(os.environ["LIFETIMES_PROBE_OUT"]).write_text(json.dumps(out), "utf-8")
