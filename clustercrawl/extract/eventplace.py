"""Where a text-dated event takes place: the city next to its date, in the date's
sentence, in the title, near an event word, then in the lead; and the undated event a post
is about (split from event.py)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytz

from clustercrawl.extract import places, posttype, vocab
from clustercrawl.extract.daterange import find_date_ranges
from clustercrawl.registry import default_timezone

BODY_SCAN_CHARS = 12000  # event dates come early; long reports list later dates
LEAD_PLACE_CHARS = 600  # the lead's first city, the last resort


def first_city_near_event(body: str, language: str | None = None) -> places.Place | None:
    for m in vocab.EVENT.finditer(body):
        place = places.city_near(body, m.span(), window=120, language=language)
        if place is not None:
            return place
    return None


_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{3})[.!?](?=\s+[A-ZÀ-Ž])|\n")


def sentence_bounds(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Bounds of the sentence around a span (a date): where its city usually is."""
    # a line break always ends a sentence: only the span's own line is scanned for the last
    # end before it (the same end a scan from the start finds; lookbehinds see before pos)
    start = text.rfind("\n", 0, span[0]) + 1
    for m in _SENTENCE_END.finditer(text, start, span[0]):
        start = m.end()
    end = _SENTENCE_END.search(text, span[1])
    return start, end.start() if end else len(text)


def sentence_cues(text: str, span: tuple[int, int], need_both: bool = False
                  ) -> tuple[bool, bool]:
    """(an event word, a report or announcement cue) in the sentence of a span (a date);
    ``need_both``: the cue is only looked for when there is an event word (else False)."""
    lo, hi = sentence_bounds(text, span)
    sentence = text[lo:hi]
    event_word = vocab.EVENT.found(sentence)
    if need_both and not event_word:
        return False, False
    return event_word, vocab.REPORT.found(sentence) or vocab.ANNOUNCE.found(sentence)


_CONNECTOR_WORDS = frozenset(("nad", "pod", "am", "an", "der", "de", "di", "del", "la", "le",
                              "sur", "in", "im", "v", "ve", "w", "we", "na"))


def unshout(title: str) -> str:
    """An upper-case title in title case, so that its city reads as a name ("V KLÁŠTERCI NAD
    OHŘÍ" -> "v Klášterci nad Ohří")."""
    letters = [ch for ch in title if ch.isalpha()]
    if not letters or sum(ch.isupper() for ch in letters) < 0.8 * len(letters):
        return title
    return " ".join(w.lower() if w.lower() in _CONNECTOR_WORDS else w.capitalize()
                    for w in title.split(" "))


def event_place(title: str, body: str, source_text: str, span: tuple[int, int], source: str,
                 language: str | None, day: date | None = None) -> places.Place | None:
    """The event's city: next to its date, in the date's sentence, in the title, near an
    event word, then the first city the lead names in a place context; these last two not
    when their sentence gives another date than the event's ``day``."""
    place = places.city_near(source_text, span, language=language)
    lo, hi = sentence_bounds(source_text, span)
    if (place is not None and day is not None and not lo <= place.span[0] < hi
            and _another_events(source_text, place, day, language)):
        place = None  # next to the date, but in the next sentence with its own date
    if place is None:
        found = places.find_cities(source_text[lo:hi], language)
        place = found[0] if found else None
    if place is None and source == "text":
        title = unshout(title)
        place = places.city_near(title, (0, len(title)), window=len(title), language=language)
    if place is None:
        place = first_city_near_event(body[:BODY_SCAN_CHARS], language)
        if place is not None and day is not None and _another_events(body, place, day,
                                                                     language):
            place = None
    if place is None:
        found = places.find_cities(body[:LEAD_PLACE_CHARS], language)
        found = [p for p in found
                 if day is None or not _another_events(body, p, day, language)]
        place = found[0] if found else None
    return place


def _another_events(body: str, place: places.Place, day: date, language: str | None) -> bool:
    """Whether a city found away from the event's date sits in a sentence dated otherwise:
    the city of a side event or of the next edition ("… and in October (22-23 October
    in Brasov)")."""
    lo, hi = sentence_bounds(body, place.span)
    dated = find_date_ranges(body[lo:hi], language, month_only=False)
    return bool(dated) and not any(r.start <= day <= r.end for r in dated)


def event_timezone(location: dict[str, Any] | None, site_tz: str | None) -> str | None:
    """The zone of the event's place (a Polish site's Brussels event runs on Brussels time)."""
    country = (location or {}).get("country")
    zones = pytz.country_timezones.get(country.upper(), []) if country else []
    if not zones or site_tz in zones:
        return site_tz
    return default_timezone(country) if country else site_tz


def undated_event(title: str, body: str, language: str | None, tz: str | None
                  ) -> dict[str, Any] | None:
    """An event the post is about without giving its day ("the conference, held in
    Valencia, …"): its place, attendance and status still count; start and end stay null,
    so grouping and the calendar leave it out."""
    if posttype.undated_event_type(title, body) is None:
        return None
    title_text = unshout(title)
    place = places.city_near(title_text, (0, len(title_text)), window=len(title_text),
                             language=language)
    if place is None:
        place = first_city_near_event(body[:BODY_SCAN_CHARS], language)
    if place is None:
        found = places.find_cities(body[:LEAD_PLACE_CHARS], language)
        place = found[0] if found else None
    location = None if place is None else {
        "venue": None, "city": place.city, "city_local": place.city_local,
        "country": place.country, "online_url": None}
    lead = f"{title}\n{body[:1500]}"
    event: dict[str, Any] = {
        "start": None, "end": None, "all_day": True, "timezone": event_timezone(location, tz),
        "date_text": None, "date_source": None, "date_conflict": False,
        "conflicting_date_text": None,
        "attendance": places.attendance_of(lead, place is not None, lead),
        "status": places.status_of(lead), "name": None, "location": location,
        "organizers": [], "registration": None,
    }
    return event
