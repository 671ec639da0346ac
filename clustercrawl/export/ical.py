"""The crawled events as an iCalendar file a calendar app can subscribe to.

Written with the icalendar library. The output is a pure function of the posts: UIDs come
from the event_id (or the post id), DTSTAMP is the event's last change, and events are sorted,
so a subscriber re-reading an unchanged file sees the same bytes and no churn.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

import icalendar
import pycountry

from clustercrawl.timezones import zone_named

from .events import EventEntry, collect_events

PRODID = "-//clustercrawl//clustercrawl events//EN"
UID_DOMAIN = "clustercrawl"
#: Subscribers re-read the file twice a day (RFC 7986 REFRESH-INTERVAL, and Outlook's TTL).
REFRESH = timedelta(hours=12)
#: Stands in for DTSTAMP when no report says when it changed (keeps the bytes stable).
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
STATUS = {"scheduled": "CONFIRMED", "moved_online": "CONFIRMED", "postponed": "TENTATIVE",
          "cancelled": "CANCELLED"}




def _instant(value: str, zone: tzinfo | None) -> datetime:
    """A datetime in the event's named zone (TZID), else UTC, else floating."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if zone is not None:
        return parsed.astimezone(zone) if parsed.tzinfo else parsed.replace(tzinfo=zone)
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed


def _times(entry: EventEntry) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: dates with an exclusive end for all-day events, else datetimes.

    A timed event whose end gives no time ends on its last day at midnight after it (if it
    lasts several days) or has no DTEND (RFC 5545: it ends when it starts)."""
    if entry.all_day:
        return entry.start_day(), entry.end_day() + timedelta(days=1)
    zone = zone_named(entry.timezone)
    start = _instant(entry.start, zone)
    if entry.end and len(entry.end) > 10:
        end = _instant(entry.end, zone)
        return start, end if end > start else None
    last = entry.end_day()
    if last > entry.start_day():
        return start, datetime.combine(last + timedelta(days=1), time(0), start.tzinfo)
    return start, None


def _country(code: str | None) -> str | None:
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return str(found.name) if found is not None else code


def _location(entry: EventEntry) -> str | None:
    parts = [entry.venue, entry.city, _country(entry.country)]
    text = ", ".join(dict.fromkeys(p for p in parts if p))
    if not text and entry.online_url:
        return f"Online: {entry.online_url}"
    return text or None


def _description(entry: EventEntry) -> str:
    if entry.grouped or len(entry.reports) > 1:
        lines = [f"Reported by {len(entry.reports)} post(s):"]
        lines += [f"- {r.title} ({r.cluster or r.site_id}): {r.url}" for r in entry.reports]
        return "\n".join(lines)
    report = entry.reports[0]
    head = entry.summary or report.title
    return f"{head}\n\n{report.cluster or report.site_id}: {report.url}"


def _stamp(entry: EventEntry) -> datetime:
    if entry.modified:
        return datetime.fromisoformat(entry.modified.replace("Z", "+00:00")).astimezone(UTC)
    return EPOCH


def _vevent(entry: EventEntry) -> icalendar.Event:
    event = icalendar.Event()
    kind = "event" if entry.grouped else "post"
    event.add("uid", f"{kind}-{entry.key}@{UID_DOMAIN}")
    stamp = _stamp(entry)
    event.add("dtstamp", stamp)
    if entry.modified:
        event.add("last-modified", stamp)
    start, end = _times(entry)
    event.add("dtstart", start)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", entry.name)
    location = _location(entry)
    if location:
        event.add("location", location)
    if entry.url:
        event.add("url", entry.url)
    event.add("description", _description(entry))
    status = STATUS.get(entry.status or "")
    if status:
        event.add("status", status)
    event.add("transp", "TRANSPARENT")  # an announcement does not make anyone busy
    return event


def events_to_ical(posts: Iterable[Mapping[str, Any]], calendar_name: str,
                   records: Iterable[Mapping[str, Any]] = ()) -> bytes:
    """A VCALENDAR with one VEVENT per event (per ``event_id``, else per post with a dated
    ``event``); ``records`` are optional dedupe event records whose facts win."""
    return b"".join(ical_chunks(posts, calendar_name, records))


def ical_chunks(posts: Iterable[Mapping[str, Any]], calendar_name: str,
                records: Iterable[Mapping[str, Any]] = ()) -> Iterator[bytes]:
    """`events_to_ical`'s bytes a component at a time: a file of tens of thousands of events
    is written without its whole text in memory (each VEVENT is let go once written)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", calendar_name)
    cal.add("x-wr-calname", calendar_name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    entries = collect_events(posts, records)
    # the VTIMEZONEs go first, so the zones are found before any VEVENT is written: one
    # timed event per zone stands in for all (all-day events name no zone); the VEVENTs
    # are then made again one at a time, never all at once (tens of thousands of objects)
    zones: set[str] = set()
    for entry in entries:
        if not entry.all_day:
            vevent = _vevent(entry)
            used = _tzids(vevent) - zones
            if used:
                zones |= used
                cal.add_component(vevent)
    if entries:
        years = [e.start_day().year for e in entries]
        cal.add_missing_timezones(date(min(years) - 1, 1, 1), date(max(years) + 2, 1, 1))
    timezones = [c for c in cal.subcomponents if isinstance(c, icalendar.Timezone)]
    cal.subcomponents = []
    # the calendar's own lines, then each component's, as Calendar.to_ical() would join them
    head, end = bytes(cal.to_ical()), b"END:VCALENDAR\r\n"
    if not head.endswith(end):  # icalendar changed how it ends a calendar
        raise RuntimeError(f"unexpected end of an iCalendar: {head[-40:]!r}")
    yield head[: -len(end)]
    for timezone in timezones:
        yield bytes(timezone.to_ical())
    for entry in entries:
        yield bytes(_vevent(entry).to_ical())
    yield end


def _tzids(component: icalendar.Event) -> set[str]:
    """The TZIDs a VEVENT's values name (as ``Calendar.get_used_tzids`` finds them)."""
    found = {value.params.get("TZID") for _, value in component.property_items(sorted=False)
             if hasattr(value, "params")}
    return {str(t) for t in found if t} - {"UTC"}
