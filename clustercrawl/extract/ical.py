"""Calendar data on a page: iCalendar text and "add to calendar" links.

Event pages carry their dates in machine form for calendar apps: ``data:text/calendar``
links, iCalendar text inlined in the page, and "add to Google / Outlook / Yahoo calendar"
links whose query holds start, end, zone, title and place. Linked ``.ics`` files cannot be
fetched here (extraction is pure); a caller that has fetched them passes their text in
``hints.extra["ics_texts"]``. Every source becomes a :class:`StructuredEvent` with
``source="ical"``, ranked below schema.org Event and above the text.

iCalendar text is read with the icalendar library (time zones from TZID, the calendar's
VTIMEZONE or Windows zone names), after dropping what is no content line; a calendar that
still does not parse is read one VEVENT at a time, and what cannot be read is skipped.
"""

from __future__ import annotations

import base64
import binascii
import re
import textwrap
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, unquote, unquote_to_bytes, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from icalendar.prop import vDDDTypes
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
_ISO_DT = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
_CONTENT_LINE = re.compile(r"^[A-Za-z][A-Za-z0-9-]*[;:]")
_ZONE_LINE = re.compile(r"^X-WR-TIMEZONE:(.+)$", re.MULTILINE | re.IGNORECASE)
_VEVENT_BLOCK = re.compile(r"^BEGIN:VEVENT\r?$.*?^END:VEVENT(?=\r?$)", re.M | re.S | re.I)
_VTIMEZONE_BLOCK = re.compile(r"^BEGIN:VTIMEZONE\r?$.*?^END:VTIMEZONE(?=\r?$)", re.M | re.S | re.I)
_URL_IN_TEXT = re.compile(r"https?://\S+")
#: What icalendar raises on broken input besides ValueError: OSError from zoneinfo on a TZID
#: such as "Europe/", AttributeError/TypeError on odd parameters (VALUE=A,B).
_PARSE_ERRORS = (ValueError, OSError, AttributeError, TypeError, KeyError, IndexError,
                 OverflowError)
_STATUS = {"CANCELLED": "cancelled", "CONFIRMED": "scheduled", "TENTATIVE": "scheduled"}


def calendar_events(tree: HtmlElement | None,
                    ics_texts: Iterable[str] = ()) -> list[StructuredEvent]:
    """Events from calendar links and inline iCalendar on the page, and from given texts."""
    found: list[StructuredEvent] = []
    for text in ics_texts:
        found += parse_ics(text)
    if tree is None:
        return found
    for el in inline_calendars(tree):
        found += parse_ics(el.text_content())
    for href in calendar_links(tree):
        found += event_from_link(str(href))
    return _unique(found)


_CALENDAR_HOSTS = ("calendar.google.", "google.com/calendar", "outlook.live.com",
                   "outlook.office", "calendar.yahoo.")


def calendar_links(tree: HtmlElement) -> list[str]:
    """What `_LINKS` selects, from lxml's walk over the links in C and string tests here
    (0.27 ms a page on aeb against the XPath's 0.43; tests compare them)."""
    found = []
    for a in tree.getroottree().getroot().iter("a"):
        href = a.get("href")
        if href is not None and (href.startswith("data:text/calendar") or any(
                host in href for host in _CALENDAR_HOSTS)):
            found.append(href)
    return found


def inline_calendars(tree: HtmlElement) -> list[HtmlElement]:
    """What `_INLINE` selects (scripts and pre blocks whose text holds a VEVENT), from one
    walk over both tags instead of two and a union."""
    return [el for el in tree.getroottree().getroot().iter("script", "pre")
            if "BEGIN:VEVENT" in el.text_content()]


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


def parse_ics(text: str) -> list[StructuredEvent]:
    """The VEVENTs of an iCalendar text (one or several calendars, or bare VEVENTs).

    Parsed by the icalendar library. Pages carry broken calendars: text around the calendar,
    a missing VCALENDAR wrapper, lines that are no content lines, values in the wrong format.
    What cannot be read is skipped; a text with nothing readable gives no events.
    """
    events: list[StructuredEvent] = []
    for component in _components(text):
        zone = _calendar_zone(component)
        for vevent in component.walk("VEVENT"):
            try:
                event = _vevent(vevent, zone)
            except _PARSE_ERRORS:
                continue  # a value icalendar parsed into something unusable
            if event is not None:
                events.append(event)
    return events


def _components(text: str) -> list[icalendar.Component]:
    """The top-level components of ``text``.

    When the whole does not parse, or parses into fewer events than it holds (icalendar drops
    a calendar whose END is missing), each VEVENT is parsed on its own, in a calendar with the
    text's time zones.
    """
    cleaned = _content_lines(text)
    if not cleaned:
        return []
    blocks = _VEVENT_BLOCK.findall(cleaned)
    try:
        whole: list[icalendar.Component] = list(
            icalendar.Calendar.from_ical(cleaned, multiple=True))
    except _PARSE_ERRORS:
        whole = []
    if sum(len(c.walk("VEVENT")) for c in whole) >= len(blocks):
        return whole
    zone = _ZONE_LINE.search(cleaned)
    head = "BEGIN:VCALENDAR\r\n" + (zone.group(0).strip() + "\r\n" if zone else "")
    head += "".join(block + "\r\n" for block in _VTIMEZONE_BLOCK.findall(cleaned))
    found: list[icalendar.Component] = []
    for block in blocks:
        try:
            found += icalendar.Calendar.from_ical(f"{head}{block}\r\nEND:VCALENDAR\r\n",
                                                  multiple=True)
        except _PARSE_ERRORS:
            continue
    return found


def _content_lines(text: str) -> str:
    """The iCalendar content lines of ``text`` (and their folds), from the first BEGIN on."""
    kept: list[str] = []
    keeping = False
    # a calendar pasted into an indented <pre> is indented as a whole: dedent keeps the folds
    text = textwrap.dedent(text.replace("\r\n", "\n").replace("\r", "\n"))
    for line in text.split("\n"):
        if line.startswith((" ", "\t")):
            if keeping:
                kept.append(line)
            continue
        keeping = bool(_CONTENT_LINE.match(line)) and (bool(kept) or line.upper()
                                                        .startswith("BEGIN:"))
        if keeping:
            kept.append(line)
    return "\r\n".join(kept) + "\r\n" if kept else ""


def _calendar_zone(component: icalendar.Component) -> str | None:
    """The calendar-wide zone of floating times (X-WR-TIMEZONE, written by Google)."""
    value = component.get("X-WR-TIMEZONE")
    return _valid_zone(str(value).strip()) if value is not None else None


def _prop(vevent: icalendar.Component, name: str) -> Any:
    """The first value of a property (a repeated property comes as a list)."""
    value = vevent.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _text(vevent: icalendar.Component, name: str) -> str | None:
    value = _prop(vevent, name)
    if value is None:
        return None
    return str(value).strip() or None


def _vevent(vevent: icalendar.Component, calendar_zone: str | None) -> StructuredEvent | None:
    start_prop = _prop(vevent, "DTSTART")
    if start_prop is None:
        return None
    start, zone = _moment(start_prop, calendar_zone)
    if start is None:
        return None
    end: str | None = None
    end_prop = _prop(vevent, "DTEND")
    duration = _prop(vevent, "DURATION")
    if end_prop is not None:
        end, _ = _moment(end_prop, zone or calendar_zone)
    elif duration is not None:
        delta = _value(duration)
        end = _plus(start, delta) if isinstance(delta, timedelta) else None
    if end is not None and len(start) == 10 and len(end) == 10 and end > start:
        end = (date.fromisoformat(end) - timedelta(days=1)).isoformat()  # DTEND is exclusive
    organizer = None
    org = _prop(vevent, "ORGANIZER")
    if org is not None:
        params = getattr(org, "params", {})
        organizer = (params.get("CN") or str(org).removeprefix("mailto:").strip()) or None
    status = _text(vevent, "STATUS")
    event = StructuredEvent(
        source="ical",
        name=_text(vevent, "SUMMARY"),
        start=start,
        end=end,
        url=_text(vevent, "URL"),
        status=_STATUS.get(status.upper()) if status else None,
        description=_text(vevent, "DESCRIPTION"),
        timezone=zone,
    )
    if organizer:
        event.organizers.append(str(organizer))
    _set_location(event, _text(vevent, "LOCATION"))
    return event


def _moment(prop: Any, calendar_zone: str | None) -> tuple[str | None, str | None]:
    """(ISO 8601 value, IANA zone) of a DTSTART/DTEND; a value icalendar could not read is
    tried as ISO 8601 ("2024-05-07T09:00"), which some generators write."""
    value = _value(prop)
    tzid = getattr(prop, "params", {}).get("TZID")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return _render(value, calendar_zone), calendar_zone
        zone = _zone_name(value, tzid)
        return value.isoformat(timespec="seconds"), zone
    if isinstance(value, date):
        return value.isoformat(), _valid_zone(tzid) or calendar_zone
    if value is None:
        zone = _valid_zone(tzid) or calendar_zone
        return _iso_value(str(prop), zone), zone
    return None, None


def _value(prop: Any) -> Any:
    """A property's parsed value; None when icalendar kept only its text (a broken value)."""
    try:
        return getattr(prop, "dt", None)
    except ValueError:  # icalendar 7 raises BrokenCalendarProperty on a vBroken
        return None


def _zone_name(moment: datetime, tzid: str | None) -> str | None:
    """The IANA name of an aware time's zone; None for UTC (no local zone is known)."""
    key = getattr(moment.tzinfo, "key", None)
    if isinstance(key, str) and key not in ("UTC", "Etc/UTC"):
        return key
    if key is None:
        return _valid_zone(tzid)  # a zone defined by the calendar's own VTIMEZONE
    return None


def _valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
    return name


def _ics_value(raw: str, zone: str | None) -> str | None:
    """An iCalendar DATE or DATE-TIME ("20240312T100000Z") as ISO 8601, else an ISO text."""
    try:
        value = vDDDTypes.from_ical(raw.strip())  # type: ignore[no-untyped-call]  # untyped
    except _PARSE_ERRORS:
        return _iso_value(raw, zone)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value.isoformat(timespec="seconds")
        return _render(value, zone)
    if isinstance(value, date):
        return value.isoformat()
    return None


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
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    return moment.isoformat(timespec="seconds")


def _plus(start: str, delta: timedelta) -> str:
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
