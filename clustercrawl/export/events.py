"""Events as a consumer sees them: the posts' ``event`` objects, one per real-world event.

Posts that the dedupe stage gave the same ``event_id`` report one event: they become one
`EventEntry` listing every report. The calendar file and the run report both read events
through `collect_events`, so they always agree on what an event is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

#: How sure a start value is: a full date, or a date and a time.
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(slots=True)
class Report:
    """One post that reports an event."""

    post_id: str
    url: str
    title: str
    site_id: str
    cluster: str | None = None
    published: str | None = None


@dataclass(slots=True)
class EventEntry:
    """One event: dates as the posts give them (ISO date or datetime strings)."""

    key: str  # event_id, else the post id
    grouped: bool  # True when the key is an event_id
    name: str
    start: str
    end: str | None
    all_day: bool
    timezone: str | None
    status: str | None
    venue: str | None
    city: str | None
    country: str | None
    online_url: str | None
    summary: str | None
    modified: str | None  # when the latest report last changed (ISO, see `_changed`)
    reports: list[Report] = field(default_factory=list)

    @property
    def url(self) -> str | None:
        """The first report's canonical URL."""
        return self.reports[0].url if self.reports else None

    def start_day(self) -> date:
        """The start as a date (the events without one never become entries)."""
        return date.fromisoformat(self.start[:10])

    def end_day(self) -> date:
        """The last day (inclusive); the start day when the end is missing or before it."""
        if self.end and (_DAY.match(self.end[:10]) or _DATETIME.match(self.end)):
            end = date.fromisoformat(self.end[:10])
            if end >= self.start_day():
                return end
        return self.start_day()


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _latest(values: Iterable[str | None]) -> str | None:
    """Latest of ISO timestamps with offsets or Z (compared as instants)."""
    best: tuple[datetime, str] | None = None
    for value in values:
        if not value:
            continue
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if when.tzinfo is None:
            continue
        if best is None or when > best[0]:
            best = (when, value)
    return best[1] if best else None


def _majority(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return max(counts, key=counts.__getitem__) if counts else None  # first seen wins ties


def _published(post: Mapping[str, Any]) -> str:
    pub = post.get("published")
    value = pub.get("value") if isinstance(pub, Mapping) else None
    return value if isinstance(value, str) else "9999"


def _changed(post: Mapping[str, Any]) -> str | None:
    """When a report last changed: the site's modified date, else when this version of the
    post was fetched (a version is only replaced when its content changed)."""
    modified = post.get("modified")
    if isinstance(modified, str) and _DATETIME.match(modified):
        return modified
    crawl = post.get("crawl")
    fetched = crawl.get("fetched_at") if isinstance(crawl, Mapping) else None
    return fetched if isinstance(fetched, str) else None


def _report(post: Mapping[str, Any]) -> Report:
    cluster = post.get("cluster")
    return Report(str(post.get("id", "")), str(post.get("url", "")),
                  _text(post.get("title")) or str(post.get("url", "")),
                  str(post.get("site_id", "")),
                  _text(cluster.get("name")) if isinstance(cluster, Mapping) else None,
                  _published(post) if _published(post) != "9999" else None)


def _entry(key: str, grouped: bool, posts: list[Mapping[str, Any]],
           record: Mapping[str, Any] | None) -> EventEntry:
    """Merge the reports of one event: the dedupe record's facts first, then the majority of
    the posts, then the earliest report."""
    posts = sorted(posts, key=lambda p: (_published(p), str(p.get("id", ""))))
    events = [p["event"] for p in posts]
    first = events[0]
    locations = [e.get("location") or {} for e in events]
    rec = record or {}
    ranges = Counter((e.get("start"), e.get("end")) for e in events)
    start, end = max(ranges, key=ranges.__getitem__)
    if _text(rec.get("start")):
        start, end = rec["start"], _text(rec.get("end"))
    title = _text(posts[0].get("title")) or "Event"
    name = (_text(rec.get("name")) or _majority(_text(e.get("name")) for e in events)
            or title)
    timed = [e for e in events if e.get("start") == start]
    all_day = not _DATETIME.match(start) or all(bool(e.get("all_day")) for e in timed)
    cancelled = any(e.get("status") == "cancelled" for e in events)
    modified = _latest(_changed(p) for p in posts)
    return EventEntry(
        key=key, grouped=grouped, name=name, start=start, end=end, all_day=all_day,
        timezone=_majority(_text(e.get("timezone")) for e in timed),
        status="cancelled" if cancelled else _text(first.get("status")),
        venue=_majority(_text(loc.get("venue")) for loc in locations),
        city=_text(rec.get("city")) or _majority(_text(loc.get("city")) for loc in locations),
        country=_majority(_text(loc.get("country")) for loc in locations),
        online_url=_majority(_text(loc.get("online_url")) for loc in locations),
        summary=_text(posts[0].get("summary")), modified=modified,
        reports=[_report(p) for p in posts],
    )


def _valid_start(value: Any) -> bool:
    return isinstance(value, str) and bool(_DAY.match(value) or _DATETIME.match(value))


def _from_record(record: Mapping[str, Any]) -> EventEntry:
    """An event known only from a dedupe record (its posts are not in the input)."""
    reports = [Report(str(p.get("id", "")), str(p.get("url", "")),
                      _text(p.get("title")) or str(p.get("url", "")), str(p.get("site_id", "")))
               for p in record.get("posts") or () if isinstance(p, Mapping)]
    start = str(record["start"])
    return EventEntry(
        key=str(record["event_id"]), grouped=True,
        name=_text(record.get("name")) or (reports[0].title if reports else "Event"),
        start=start, end=_text(record.get("end")), all_day=not _DATETIME.match(start),
        timezone=None, status=None, venue=None, city=_text(record.get("city")), country=None,
        online_url=None, summary=None, modified=None, reports=reports)


#: the post fields `_entry` and `_report` read: a kept report holds these, never the body
_EVENT_FIELDS = ("id", "url", "title", "site_id", "event", "event_id", "published", "modified",
                 "summary")


def event_view(post: Mapping[str, Any]) -> dict[str, Any]:
    """What an event entry needs of a post: a calendar of a 100,000-post dataset keeps tens of
    thousands of reports until the end, and their bodies would weigh several KiB each."""
    view = {k: post[k] for k in _EVENT_FIELDS if k in post}
    cluster, crawl = post.get("cluster"), post.get("crawl")
    if isinstance(cluster, Mapping) and "name" in cluster:
        view["cluster"] = {"name": cluster["name"]}
    if isinstance(crawl, Mapping) and "fetched_at" in crawl:
        view["crawl"] = {"fetched_at": crawl["fetched_at"]}
    return view


def collect_events(posts: Iterable[Mapping[str, Any]],
                   records: Iterable[Mapping[str, Any]] = ()) -> list[EventEntry]:
    """One entry per event_id (or per post without one) whose start is at least a day,
    sorted by start then key. ``records`` are dedupe event records (``event_id``, ``name``,
    ``start``, ``end``, ``city``): where given, their facts win over the posts' majority."""
    by_record = {str(r["event_id"]): r for r in records if r.get("event_id")}
    groups: dict[tuple[bool, str], list[Mapping[str, Any]]] = {}
    seen: set[str] = set()
    for post in posts:
        event = post.get("event")
        if not isinstance(event, Mapping):
            continue
        if not _valid_start(event.get("start")):
            continue  # no day to put it on
        post_id = str(post.get("id", ""))
        if post_id in seen:
            continue  # the same post twice (cumulative + run file): keep the first
        seen.add(post_id)
        event_id = _text(post.get("event_id"))
        key = (True, event_id) if event_id else (False, post_id)
        groups.setdefault(key, []).append(event_view(post))
    entries = [_entry(key, grouped, items, by_record.get(key) if grouped else None)
               for (grouped, key), items in groups.items()]
    entries += [_from_record(r) for eid, r in by_record.items()
                if (True, eid) not in groups and _valid_start(r.get("start"))]
    entries.sort(key=lambda e: (e.start[:10], e.start, e.key))
    return entries
