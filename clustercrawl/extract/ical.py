"""Calendar data on a page: iCalendar text and "add to calendar" links.

Event pages carry their dates in machine form for calendar apps: ``data:text/calendar``
links, iCalendar text inlined in the page, and "add to Google / Outlook / Yahoo calendar"
links whose query holds start, end, zone, title and place. Linked ``.ics`` files cannot be
fetched here (extraction is pure); a caller that has fetched them passes their text in
``hints.extra["ics_texts"]``. Every source becomes a :class:`StructuredEvent` with
``source="ical"``, ranked below schema.org Event and above the text.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs, unquote, unquote_to_bytes, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lxml import etree
from lxml.html import HtmlElement

from clustercrawl.extract import places
from clustercrawl.extract.structured import StructuredEvent

__all__ = ["calendar_events", "event_from_link", "parse_ics"]

_LINKS = etree.XPath(
    "//a[starts-with(@href, 'data:text/calendar') or contains(@href, 'calendar.google.') or "
    "contains(@href, 'google.com/calendar') or contains(@href, 'outlook.live.com') or "
    "contains(@href, 'outlook.office') or contains(@href, 'calendar.yahoo.')]/@href"
)
_INLINE = etree.XPath("//script[contains(., 'BEGIN:VEVENT')]|//pre[contains(., 'BEGIN:VEVENT')]")
_ICS_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$")
_ISO_DT = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_DURATION = re.compile(r"^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_URL_IN_TEXT = re.compile(r"https?://\S+")
_STATUS = {"CANCELLED": "cancelled", "CONFIRMED": "scheduled", "TENTATIVE": "scheduled"}


def calendar_events(tree: HtmlElement | None,
                    ics_texts: Iterable[str] = ()) -> list[StructuredEvent]:
    """Events from calendar links and inline iCalendar on the page, and from given texts."""
    found: list[StructuredEvent] = []
    for text in ics_texts:
        found += parse_ics(text)
    if tree is None:
        return found
    for el in _INLINE(tree):
        found += parse_ics(el.text_content())
    for href in _LINKS(tree):
        found += event_from_link(str(href))
    return _unique(found)


def _unique(events: list[StructuredEvent]) -> list[StructuredEvent]:
    seen: set[tuple[str | None, str | None, str | None]] = set()
    out = []
    for ev in events:
        key = (ev.name, ev.start, ev.end)
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


# ---------------------------------------------------------------------------- iCalendar


def _unfold(text: str) -> Iterator[str]:
    """Content lines with RFC 5545 folding undone."""
    current = ""
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if raw.startswith((" ", "\t")) and current:
            current += raw[1:]
            continue
        if current:
            yield current
        current = raw
    if current:
        yield current


def _split_property(line: str) -> tuple[str, dict[str, str], str] | None:
    """NAME;PARAM=VALUE;…:VALUE -> (NAME, params, value); quotes may hide ':' and ';'."""
    in_quotes = False
    for i, ch in enumerate(line):
        if ch == '"':
            in_quotes = not in_quotes
        elif ch == ":" and not in_quotes:
            head, value = line[:i], line[i + 1 :]
            break
    else:
        return None
    parts = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', head)
    params: dict[str, str] = {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        params[key.upper()] = val.strip('"')
    return parts[0].upper(), params, value


def _unescape(value: str) -> str:
    return (value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace("\\\\", "\\")).strip()


def parse_ics(text: str) -> list[StructuredEvent]:
    """The VEVENTs of an iCalendar text (one or several calendars)."""
    events: list[StructuredEvent] = []
    calendar_zone: str | None = None
    props: dict[str, tuple[dict[str, str], str]] | None = None
    for line in _unfold(text):
        split = _split_property(line)
        if split is None:
            continue
        name, params, value = split
        if name == "X-WR-TIMEZONE":
            calendar_zone = value.strip() or None
        elif name == "BEGIN" and value.strip().upper() == "VEVENT":
            props = {}
        elif name == "END" and value.strip().upper() == "VEVENT" and props is not None:
            event = _vevent(props, calendar_zone)
            if event is not None:
                events.append(event)
            props = None
        elif props is not None and name not in props:
            props[name] = (params, value)
    return events


def _vevent(props: dict[str, tuple[dict[str, str], str]],
            calendar_zone: str | None) -> StructuredEvent | None:
    if "DTSTART" not in props:
        return None
    start_params, start_raw = props["DTSTART"]
    zone = start_params.get("TZID") or calendar_zone
    start = _ics_value(start_raw, zone)
    if start is None:
        return None
    end: str | None = None
    if "DTEND" in props:
        end_params, end_raw = props["DTEND"]
        end = _ics_value(end_raw, end_params.get("TZID") or zone)
    elif "DURATION" in props:
        end = _plus_duration(start, props["DURATION"][1])
    all_day = len(start) == 10
    if end is not None and all_day and len(end) == 10 and end > start:
        end = (date.fromisoformat(end) - timedelta(days=1)).isoformat()  # DTEND is exclusive
    location = _unescape(props["LOCATION"][1]) if "LOCATION" in props else None
    organizer = None
    if "ORGANIZER" in props:
        org_params, org_value = props["ORGANIZER"]
        organizer = org_params.get("CN") or org_value.removeprefix("mailto:").strip() or None
    event = StructuredEvent(
        source="ical",
        name=_unescape(props["SUMMARY"][1]) if "SUMMARY" in props else None,
        start=start,
        end=end,
        url=props["URL"][1].strip() if "URL" in props else None,
        status=_STATUS.get(props["STATUS"][1].strip().upper()) if "STATUS" in props else None,
        description=_unescape(props["DESCRIPTION"][1]) if "DESCRIPTION" in props else None,
        timezone=_valid_zone(zone),
    )
    if organizer:
        event.organizers.append(organizer)
    _set_location(event, location)
    return event


def _valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def _ics_value(raw: str, zone: str | None) -> str | None:
    """An iCalendar DATE or DATE-TIME as ISO 8601 (offset from Z or the zone)."""
    m = _ICS_DATE.match(raw.strip())
    if m is None:
        return _iso_value(raw, zone)
    y, mo, d, hh, mm, ss, utc = m.groups()
    try:
        if hh is None:
            return date(int(y), int(mo), int(d)).isoformat()
        moment = datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0))
    except ValueError:
        return None
    return _render(moment, "UTC" if utc else zone)


def _iso_value(raw: str, zone: str | None) -> str | None:
    text = raw.strip()
    if not _ISO_DT.match(text):
        return None
    if len(text) == 10:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        return moment.isoformat(timespec="seconds")
    return _render(moment, zone)


def _render(moment: datetime, zone: str | None) -> str:
    if zone:
        try:
            return moment.replace(tzinfo=ZoneInfo(zone)).isoformat(timespec="seconds")
        except (ZoneInfoNotFoundError, ValueError):
            pass
    return moment.isoformat(timespec="seconds")


def _plus_duration(start: str, raw: str) -> str | None:
    m = _DURATION.match(raw.strip())
    if m is None:
        return None
    weeks, days, hours, minutes, seconds = (int(g) if g else 0 for g in m.groups())
    delta = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    if len(start) == 10:
        return (date.fromisoformat(start) + delta).isoformat()
    return (datetime.fromisoformat(start) + delta).isoformat(timespec="seconds")


def _set_location(event: StructuredEvent, location: str | None) -> None:
    """A LOCATION (or calendar-link place): an online URL, or a venue with a known city."""
    if not location:
        return
    url = _URL_IN_TEXT.search(location)
    if url and len(location.strip()) == len(url.group(0)):
        event.online_url = url.group(0)
        event.attendance = "online"
        return
    event.venue = location.split("\n")[0].strip()[:200] or None
    cities = places.find_cities(location)
    if cities:
        event.city = cities[-1].city_local  # addresses end with the city
        event.country = cities[-1].country


# ---------------------------------------------------------------------------- links


def event_from_link(href: str) -> list[StructuredEvent]:
    """The event of a ``data:text/calendar`` link or an "add to calendar" link."""
    if href.startswith("data:text/calendar"):
        header, _, payload = href.partition(",")
        if ";base64" in header:
            try:
                text = base64.b64decode(unquote_to_bytes(payload)).decode("utf-8", "replace")
            except (ValueError, binascii.Error):
                return []
        else:
            text = unquote(payload)
        return parse_ics(text)
    try:
        parts = urlsplit(href)
    except ValueError:
        return []
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    host = parts.netloc.lower()
    if "google." in host and "dates" in query:
        return _google(query)
    if "outlook." in host and "startdt" in query:
        return _outlook(query)
    if "yahoo." in host and "st" in query:
        return _yahoo(query)
    return []


def _google(query: dict[str, str]) -> list[StructuredEvent]:
    start_raw, _, end_raw = query["dates"].partition("/")
    zone = _valid_zone(query.get("ctz"))
    start = _ics_value(start_raw, zone)
    if start is None:
        return []
    end = _ics_value(end_raw, zone) if end_raw else None
    if end is not None and len(start) == 10 and len(end) == 10 and end > start:
        end = (date.fromisoformat(end) - timedelta(days=1)).isoformat()  # exclusive
    return [_link_event(query.get("text"), start, end, query.get("location"), zone,
                        query.get("details"))]


def _outlook(query: dict[str, str]) -> list[StructuredEvent]:
    all_day = query.get("allday", "").lower() == "true"
    start = _iso_value(query["startdt"], None)
    if start is None:
        return []
    end = _iso_value(query["enddt"], None) if "enddt" in query else None
    if all_day:
        start = start[:10]
        end = end[:10] if end else None
        if end is not None and end > start:
            end = (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    return [_link_event(query.get("subject"), start, end, query.get("location"), None,
                        query.get("body"))]


def _yahoo(query: dict[str, str]) -> list[StructuredEvent]:
    start = _ics_value(query["st"], None)
    if start is None:
        return []
    end = _ics_value(query["et"], None) if "et" in query else None
    return [_link_event(query.get("title"), start, end, query.get("in_loc"), None,
                        query.get("desc"))]


def _link_event(name: str | None, start: str, end: str | None, location: str | None,
                zone: str | None, details: str | None) -> StructuredEvent:
    event = StructuredEvent(source="ical", name=(name or "").strip() or None, start=start,
                            end=end, description=details, timezone=zone)
    _set_location(event, location)
    return event
