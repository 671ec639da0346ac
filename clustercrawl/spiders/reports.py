"""The run report's rows of the finished sites, kept on disk rather than in the spider.

A site's row (what ``manifest.json`` and ``report.html`` show of it) is complete once its
items are stored; it is written to a temporary file then and the site's state is let go, so
a crawl of 30,000 sites does not hold 30,000 site states to the end. The manifest reads the
rows back when the run ends. The per-site counters the pipelines keep in the Scrapy stats
(``clustercrawl/sites/<id>/...``) are moved into the row at the same moment.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, MutableMapping
from typing import IO, Any, cast

from clustercrawl.finalize import STATUSES, SiteReport
from clustercrawl.sitestate import SiteState

#: per-site stats keys the pipelines and the spider bump (``clustercrawl/sites/<id>/<name>``)
_SITE_STAT_NAMES = (*(f"status/{s}" for s in STATUSES), "dropped", "errors")


def site_stat_counts(stats: MutableMapping[str, Any], site_id: str, *,
                     pop: bool = False) -> dict[str, int]:
    """The site's counters in the Scrapy stats (``pop``: and take them out of the stats)."""
    out: dict[str, int] = {}
    for name in _SITE_STAT_NAMES:
        key = f"clustercrawl/sites/{site_id}/{name}"
        value = stats.pop(key, 0) if pop else stats.get(key, 0)
        out[name] = int(value or 0)
    return out


def site_report(st: SiteState, counters: dict[str, int]) -> SiteReport:
    """What the run report says of one site (``counters``: from :func:`site_stat_counts`)."""
    summary = st.summary()
    counts = {s: counters.get(f"status/{s}", 0) for s in STATUSES}
    counts["unchanged"] += st.unchanged
    counts["gone"] = len(st.gone)
    counts["truncated"] = st.counts.get("truncated_bodies", 0)
    prev = st.previous
    previous_status = prev.status if prev else None
    had_posts = bool(prev and prev.posts)
    status = st.status or "error"
    return {
        "site_id": st.site.id,
        "name": st.site.name,
        "country": st.site.country,
        "status": status,
        "previous_status": previous_status,
        "regressed": bool(had_posts and previous_status in ("ok", "partial")
                          and status not in ("ok", "partial")),
        "mode": summary["mode"],
        "counts": counts,
        "requests": st.requests,
        "errors": st.errors[:50],
        "gone": st.gone_urls[:200],
        "channels": summary["channels"],
        "stopped": list(st.stopped),
    }


class SiteReports:
    """Rows of the sites finished this run, one JSON line each in an unnamed temporary file
    (gone when the process ends, however it ends)."""

    #: rows decoded together when read back
    BATCH = 1000

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None
        self.count = 0

    def add(self, row: SiteReport) -> None:
        if self._file is None:
            # closed by close(), or with the spider when the run ends
            self._file = tempfile.TemporaryFile(prefix="clustercrawl-sites-")  # noqa: SIM115
        self._file.write(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[SiteReport]:
        """The rows in the order the sites finished (new rows may be added afterwards)."""
        if self._file is None:
            return
        self._file.flush()
        end = self._file.tell()
        self._file.seek(0)
        try:
            while self._file.tell() < end:
                lines = [self._file.readline() for _ in range(self.BATCH)]
                lines = [line for line in lines if line]
                # one decode per batch: its rows share their key strings (json memoises the
                # keys of one document), a third less memory for a big run's report
                yield from cast(list[SiteReport], json.loads(b"[" + b",".join(lines) + b"]"))
        finally:
            self._file.seek(0, 2)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
