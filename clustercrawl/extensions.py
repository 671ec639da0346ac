"""Run report: what each site offered (channels) and gave (posts, errors), as JSON.

Written at the end of every run as ``<output>/run-<run>.json`` beside the posts file, so a
scheduler or a person can see which sites broke without reading logs.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import signals

from clustercrawl import EXTRACTOR_VERSION, __version__

logger = logging.getLogger(__name__)


class RunReportExtension:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunReportExtension:
        return cls(crawler)

    def spider_closed(self, spider: Any, reason: str) -> None:
        states = getattr(spider, "states", None)
        if states is None:
            return
        stats = self.crawler.stats.get_stats()
        report = {
            "run": getattr(spider, "run_stamp", None),
            "finish_reason": reason,
            "clustercrawl_version": __version__,
            "extractor_version": EXTRACTOR_VERSION,
            "registry_errors": [str(e) for e in getattr(spider, "registry_errors", [])],
            "items": stats.get("item_scraped_count", 0),
            "dropped": {k.split("/")[-1]: v for k, v in stats.items()
                        if k.startswith("clustercrawl/dropped/")},
            "sites": [st.summary() for st in states.values()],
        }
        outdir = Path(self.crawler.settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output"))
        outdir.mkdir(parents=True, exist_ok=True)
        path = outdir / f"run-{report['run']}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), "utf-8")
        tmp.replace(path)
        logger.info("run report written to %s", path)
