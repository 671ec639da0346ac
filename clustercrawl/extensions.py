"""End of a run: the manifest, the cumulative files, the report, the health verdict.

Written once the engine has stopped (the run's feed is closed by then), into the layout of
``clustercrawl/runfiles.py``: ``runs/<run>/manifest.json`` with counts per site, channel and
status, errors, durations and versions; ``posts.jsonl`` with the latest version of every live
post, rebuilt from the crawl state and replaced atomically; ``events.ics`` from it; the run's
``report.html``; stories and events (``clustercrawl/stories.py``). A scheduler reads the verdict in
``manifest["health"]["exit_status"]`` (``./crawl`` exits with it).
"""

from __future__ import annotations

import json
import logging
import platform
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals

from clustercrawl import EXTRACTOR_VERSION, __version__
from clustercrawl.export.ical import events_to_ical
from clustercrawl.report.io import write_report
from clustercrawl.runfiles import output_dir, read_jsonl, run_dir, write_atomic, write_jsonl_atomic
from clustercrawl.state import store_for
from clustercrawl.stories import group_run

logger = logging.getLogger(__name__)

STATUSES = ("new", "updated", "unchanged", "gone")


class RunFinalizeExtension:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.reason = "unknown"
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunFinalizeExtension:
        return cls(crawler)

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.reason = reason

    def engine_stopped(self) -> None:
        spider = self.crawler.spider
        if spider is None or not hasattr(spider, "states"):
            return
        try:
            manifest = build_manifest(self.crawler, spider, self.reason)
            folder = run_dir(self.crawler.settings, spider.run_stamp)
            write_atomic(folder / "manifest.json",
                         json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            outdir = output_dir(self.crawler.settings)
            store = store_for(self.crawler)
            cumulative = outdir / "posts.jsonl"
            events = outdir / "events.jsonl"
            grouped = group_run(folder / "posts.jsonl", folder / "events.jsonl", events,
                                outdir / "state" / "groups.sqlite", store)
            manifest["counts"].update(grouped)
            write_atomic(folder / "manifest.json",
                         json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8"))
            if store is not None:
                n = write_jsonl_atomic(cumulative, store.live_items())
                logger.info("cumulative posts.jsonl: %d live posts", n)
                store.close()
            if cumulative.exists():
                records = list(read_jsonl(events)) if events.exists() else []
                ical = events_to_ical(read_jsonl(cumulative), "clustercrawl events", records)
                write_atomic(outdir / "events.ics", ical)
                write_report(folder, posts=cumulative, events=events if events.exists() else None)
            logger.info("run manifest written to %s (health: %s)", folder / "manifest.json",
                        "ok" if manifest["health"]["exit_status"] == 0 else "REGRESSED")
        except Exception:
            logger.exception("could not finalise the run (the posts file is complete)")


def build_manifest(crawler: Any, spider: Any, reason: str) -> dict[str, Any]:
    stats = crawler.stats.get_stats()
    started = stats.get("start_time")
    finished = datetime.now(UTC)
    sites = []
    for st in spider.states.values():
        summary = st.summary()
        sid = st.site.id
        counts = {s: int(stats.get(f"clustercrawl/sites/{sid}/status/{s}", 0)) for s in STATUSES}
        counts["unchanged"] += st.unchanged
        counts["gone"] = len(st.gone)
        prev = st.previous
        previous_status = prev.status if prev else None
        had_posts = bool(prev and prev.posts)
        status = st.status or "error"
        sites.append({
            "site_id": sid,
            "name": st.site.name,
            "country": st.site.country,
            "status": status,
            "previous_status": previous_status,
            "regressed": bool(had_posts and previous_status == "ok" and status != "ok"),
            "mode": summary["mode"],
            "counts": counts,
            "requests": st.requests,
            "errors": st.errors[:50],
            "gone": st.gone_urls[:200],
            "channels": summary["channels"],
        })
    totals = {s: sum(site["counts"][s] for site in sites) for s in STATUSES}
    dropped = {k.rsplit("/", 1)[-1]: v for k, v in stats.items()
               if k.startswith("clustercrawl/dropped/")}
    regressed = [s["site_id"] for s in sites if s["regressed"]]
    max_regressed = crawler.settings.getfloat("CLUSTERCRAWL_MAX_REGRESSED")
    too_many = bool(sites) and len(regressed) / len(sites) > max_regressed
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
        "health": {
            "regressed_sites": regressed,
            "max_regressed": max_regressed,
            "exit_status": 3 if too_many else 0,
        },
    }


def _iso(value: Any) -> str | None:
    if not isinstance(value, datetime):
        return None
    return value.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def latest_manifest(outdir: str | Path) -> dict[str, Any] | None:
    runs = sorted(Path(outdir).glob("runs/*/manifest.json"))
    return json.loads(runs[-1].read_text("utf-8")) if runs else None
