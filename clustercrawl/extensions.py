"""End of a run, as a Scrapy extension: a thin adapter around ``clustercrawl.finalize``.

``RunFinalizeExtension`` groups the run's posts once (when the feeds close, so the user's
``-o``/``-O``/``FEEDS`` receive them with their ids; see ``clustercrawl.export.feeds``), builds
the manifest from the spider's per-site states and the crawl stats, and, once the engine has
stopped, has :func:`clustercrawl.finalize.finalize` write every file. The verdict is kept in
:attr:`RunFinalizeExtension.exit_status`, which ``scrapy crawl`` (``clustercrawl.commands``)
and ``./crawl`` exit with.
"""

from __future__ import annotations

import json
import logging
import os
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy import signals
from scrapy.exceptions import NotConfigured

from clustercrawl import EXTRACTOR_VERSION, __version__
from clustercrawl.finalize import (
    EXIT_STAGE_FAILED,
    STATUSES,
    GroupedRun,
    RunManifest,
    SiteReport,
    finalize,
    group_run,
    health_of,
    verdict,
)
from clustercrawl.runfiles import output_dir
from clustercrawl.spiders.reports import site_report, site_stat_counts
from clustercrawl.state import CrawlStateExtension, state_component

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class RunFinalizeExtension:
    """Groups the run once, then writes the run's files when the engine has stopped."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.reason = "unknown"
        self.grouped: GroupedRun | None = None
        self.manifest: RunManifest | None = None
        self.finished: datetime | None = None  # when the crawl ended (before the end stage)
        #: the run's verdict: 0 ok, 3 too many sites regressed, 4 a stage failed
        self.exit_status = 0
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunFinalizeExtension:
        if os.environ.get("SCRAPY_CHECK"):  # contracts (clustercrawl.contracts): no run files
            raise NotConfigured
        return cls(crawler)

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        self.reason = reason
        self.finished = datetime.now(UTC)

    def grouped_posts(self) -> GroupedRun:
        """The run's posts with story and event ids; grouped on the first call only."""
        if self.grouped is None:
            ext = state_component(self.crawler)
            self.grouped = group_run(ext.store, ext.groups)
        return self.grouped

    def engine_stopped(self) -> None:
        spider = self.crawler.spider
        if spider is None or not hasattr(spider, "states"):
            return
        ext = state_component(self.crawler)
        try:
            # grouped before the manifest's rows are built (one per site: ~90 MB at 30,000
            # sites), so the two never weigh on the heap at once
            grouped = self.grouped_posts()
            manifest = build_manifest(self.crawler, spider, self.reason, self.finished)
            self.manifest = finalize(ext.store, ext.groups, output_dir(self.crawler.settings),
                                     manifest, grouped=grouped, cumulative=ext.persistent)
            self.exit_status = self.manifest["health"]["exit_status"]
            log_summary(self.manifest, output_dir(self.crawler.settings), ext.persistent)
        except Exception:
            logger.exception("the end-of-run stage failed: run files may be missing")
            self.exit_status = EXIT_STAGE_FAILED
        finally:
            ext.close()


def log_summary(manifest: RunManifest, outdir: Path, cumulative: bool) -> None:
    """The last lines of a run: where the dataset, the run's posts, the report and the
    calendar are, and the verdict."""
    folder = outdir / "runs" / manifest["run"]
    counts = manifest["counts"]
    files = [("dataset", outdir / "posts.jsonl" if cumulative else None),
             ("run posts", folder / "posts.jsonl"), ("report", folder / "report.html"),
             ("calendar", outdir / "events.ics" if cumulative else None)]
    for label, path in files:
        if path is not None and path.exists():
            logger.info("%s: %s", label, path)
    health = manifest["health"]
    reason = health.get("reason")
    logger.log(logging.WARNING if health["exit_status"] else logging.INFO,
               "health: %s (%d sites, %d posts this run, %d in the dataset)%s",
               verdict(manifest), len(manifest["sites"]), counts.get("run_posts", 0),
               counts.get("live_posts", 0), f": {reason}" if reason else "")


def build_manifest(crawler: Crawler, spider: Any, reason: str,
                   finished: datetime | None = None) -> RunManifest:
    """The manifest of this process's part of the run: the finished sites' rows (on disk), the
    open sites' states, the stats; ``finished``: when the crawl ended (default: now)."""
    assert crawler.stats is not None
    stats = crawler.stats.get_stats()
    started = stats.get("start_time")
    finished = finished or datetime.now(UTC)
    # the finished sites' rows were put on disk as each finished (clustercrawl.spiders.reports);
    # the sites still open (a run stopped early, a site flushed at close) are added here
    sites: list[SiteReport] = list(getattr(spider, "reports", ()))
    for st in spider.states.values():
        sites.append(site_report(st, site_stat_counts(stats, st.site.id)))
    totals: dict[str, Any] = {s: sum(site["counts"][s] for site in sites)
                              for s in (*STATUSES, "truncated")}
    dropped = {k.rsplit("/", 1)[-1]: v for k, v in stats.items()
               if k.startswith("clustercrawl/dropped/")}
    return {
        "run": spider.run_stamp,
        "started": _iso(started),
        "finished": _iso(finished),
        "duration_s": round((finished - started).total_seconds(), 1) if started else None,
        "finish_reason": reason,
        "versions": {
            "clustercrawl": __version__,
            "extractor": EXTRACTOR_VERSION,
            "scrapy": scrapy.__version__,
            "python": platform.python_version(),
        },
        "options": {
            "full": bool(getattr(spider, "full", False)),
            "sites": getattr(spider, "site_ids", None),
            "country": getattr(spider, "country", None),
        },
        "counts": {
            **totals,
            "emitted": int(stats.get("item_scraped_count", 0)),
            "requests": int(stats.get("downloader/request_count", 0)),
            "dropped": dropped,
        },
        "sites": sites,
        "registry_errors": [str(e) for e in getattr(spider, "registry_errors", [])],
        "unfinished_sites": sorted(site["site_id"] for site in sites
                                   if any(r.startswith("run stopped") for r in site["stopped"])),
        "health": health_of(sites, crawler.settings.getfloat("CLUSTERCRAWL_MAX_REGRESSED")),
        "errors": [],
    }


def _iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def latest_manifest(outdir: str | Path) -> dict[str, Any] | None:
    runs = sorted(Path(outdir).glob("runs/*/manifest.json"))
    return json.loads(runs[-1].read_text("utf-8")) if runs else None


__all__ = ["CrawlStateExtension", "RunFinalizeExtension", "build_manifest", "latest_manifest"]
