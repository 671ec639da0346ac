"""The event a post is about: structured data first, then date ranges in the title and body.

An event is only created when the post is about one: a multi-day range, or a single date next
to event words. When the title and the body give different ranges the body wins (titles are
typed once and copied; bodies get corrected), and both are kept with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pycountry

from clustercrawl.extract import eventdates, eventinfo, eventplace, lexicon, places, vocab
from clustercrawl.extract.daterange import DateRange, Direction, find_date_ranges
from clustercrawl.extract.dates import DateValue, parse_date_value
from clustercrawl.extract.eventinfo import (
    online_url,
    organizers_from_text,
    registration,
    venue_from_text,
)
from clustercrawl.extract.published import localise, zone_named
from clustercrawl.extract.structured import StructuredEvent

__all__ = ["EventFacts", "build_event", "cue_counts", "text_ranges"]

MAX_EVENT_DAYS = 31  # longer spans are project periods or application windows
BODY_SCAN_CHARS = eventplace.BODY_SCAN_CHARS  # event dates come early
TITLE_SUPPORT_CHARS = 1500  # a dated title is the event's when the lead speaks of one
NEXT_DAY_CHARS = 800  # "the next day …" still speaks of the event just dated
POSTPONE_SCAN_CHARS = 2000  # a report names its city early: "In Zwolen met …"
_WEEKDAY_WORDS = lexicon.words_pattern(w for ws in lexicon.WEEKDAYS.values() for w in ws)
# words right before an event date: "w dniach", "am", "du", "on Monday,", "le mercredi"
_INTRO = re.compile(
    r"(?:(?<![^\W\d_])(?:w\s+dniach|w\s+dniu|dnia|dn\.|od|vom|von|am|den|du|les|le|dal|dall'|"
    r"del|el|il|from|between|on|v\s+termínu|ve\s+dnech|dne|dňa|v\s+dňoch|op|van|v|ve)"
    rf"(?:\s+(?:{_WEEKDAY_WORDS}))?|(?<![^\W\d_])(?:{_WEEKDAY_WORDS}))[\s,]*$",
    re.IGNORECASE,
)
_LABELS = re.compile(
    r"(?:opublikowano|dodano|published|posted|veröffentlicht|publié|publicado|pubblicato|"
    r"publikováno|publikované|zverejnené|zveřejněno|data publikacji|submitted|data notizia|"
    r"gepubliceerd|date de publication)"
    # "Submitted by A. Author on 7 June 2019", "Veröffentlicht von X am"
    r"(?:\s+(?:by|von|par|por|da|przez|door|od)\s[^\n.]{1,60}?\s(?:on|am|le|el|il|dnia|dne|op))?"
    r"\W{0,40}$",
    re.IGNORECASE,
)


@dataclass(slots=True)
class EventFacts:
    """The event dict plus what post typing needs."""

    event: dict[str, Any] | None = None
    start: date | None = None
    end: date | None = None
    warnings: list[str] = field(default_factory=list)


def cue_counts(title: str, body: str) -> tuple[int, int]:
    """(report cues, announcement cues) in the title and the start of the body."""
    text = f"{title}\n{body[:4000]}"
    return len(vocab.REPORT.findall(text)), len(vocab.ANNOUNCE.findall(text))


def direction_for(report: int, announce: int) -> Direction:
    """Year-less dates: after publication for announcements, before it for reports."""
    if report > announce:
        return "before"
    if announce > report:
        return "after"
    return "nearest"


def text_ranges(
    text: str, language: str | None, reference: date | None, direction: Direction
) -> list[DateRange]:
    """Day-precision dates and ranges of at most a month, the only ones that can be events."""
    return find_date_ranges(
        text[:BODY_SCAN_CHARS], language, reference=reference, direction=direction,
        max_days=MAX_EVENT_DAYS, month_only=False,
    )


def build_event(
    *,
    title: str,
    body: str,
    structured: Sequence[StructuredEvent],
    published: DateValue | None,
    language: str | None,
    tz: str | None,
    cues: tuple[int, int] | None = None,
    links: Sequence[eventinfo.Link] | Callable[[], Sequence[eventinfo.Link]] = (),
    hint_date_text: str | None = None,
) -> EventFacts:
    """The event object (schema ``event``) or None when the post is not about an event.

    ``structured`` holds the machine-readable events in any order (schema.org, calendar
    data, the Events Calendar API); they are ranked by trust here. ``cues`` are
    :func:`cue_counts` of the post when the caller has them already; ``links`` the post's
    (URL, anchor text) pairs, or a function giving them (called only when there is an
    event to enrich); ``hint_date_text`` the event date a listing showed.
    """
    facts: EventFacts | None = None
    usable = [e for e in structured if e.start]
    if usable:
        facts = _from_structured(usable, title, language, tz)
    cues = cues or cue_counts(title, body)
    if facts is None:
        facts = _from_text(title, body=body, published=published, language=language, tz=tz,
                           cues=cues)
    if facts.event is None and hint_date_text:
        facts = _from_text("", body=hint_date_text, published=published, language=language,
                           tz=tz, cues=cues, hinted=True)
    if facts.event is None:
        undated = eventplace.undated_event(title, body, language, tz)
        facts = EventFacts(undated, None, None, ["undated_event"]) if undated else facts
    if facts.event is not None:
        _enrich(facts, body, links() if callable(links) else links, language, published, tz)
    return facts


def _enrich(facts: EventFacts, body: str, links: Sequence[eventinfo.Link],
            language: str | None, published: DateValue | None, tz: str | None) -> None:
    """Fill what structured data or the date's context left empty from the post's text:
    venue, organizers, registration, the online room."""
    event = facts.event
    assert event is not None
    if event["status"] == "moved_online":
        event["attendance"] = "online"
    text = body[:BODY_SCAN_CHARS]
    location = event.get("location")
    venue = venue_from_text(text)
    if venue and (location is None or not location.get("venue")):
        if location is None:
            found = places.find_cities(venue)
            location = {"venue": venue, "city": found[-1].city if found else None,
                        "city_local": found[-1].city_local if found else None,
                        "country": found[-1].country if found else None, "online_url": None}
        else:
            location["venue"] = venue
    if event["attendance"] in {"online", "hybrid"} or event["status"] == "moved_online":
        room = online_url(links)
        if room and (location is None or not location.get("online_url")):
            if location is None:
                location = {"venue": None, "city": None, "city_local": None, "country": None,
                            "online_url": room}
            else:
                location["online_url"] = room
    event["location"] = location
    if not event["organizers"]:
        event["organizers"] = organizers_from_text(text)
    reg = event.get("registration") or {}
    if not reg.get("url") or not reg.get("deadline"):
        found_reg = registration(text, links, language, published.day if published else None,
                                 tz, facts.start)
        if found_reg:
            event["registration"] = {"url": reg.get("url") or found_reg["url"],
                                     "deadline": reg.get("deadline") or found_reg["deadline"]}


# ---------------------------------------------------------------------------- structured


#: trust order of machine-readable event sources
_TRUST = {"jsonld": 0, "microdata": 1, "ical": 2, "api": 3}


def _from_structured(
    events: list[StructuredEvent], title: str, language: str | None, tz: str | None
) -> EventFacts | None:
    ranked = sorted(events, key=lambda e: _TRUST.get(e.source, 9))
    chosen = _pick_structured(ranked, title)
    zone = chosen.timezone or tz
    start = parse_date_value(chosen.start, chosen.source, language=language, tz=zone)
    if start is None:
        return None
    end = parse_date_value(chosen.end, chosen.source, language=language, tz=zone)
    if end is not None and end.day < start.day:
        end = None
    if chosen.all_day:
        start = _as_day(start)
        end = _as_day(end) if end else None
    same = [e for e in ranked if e is not chosen and _same_day(e, start.day, language)]
    location = _structured_location(chosen, same)
    zone = chosen.timezone or eventplace.event_timezone(location, tz)
    if start.precision == "datetime" and zone:
        start = localise(start, zone_named(zone), force=True)
        if end is not None:
            end = localise(end, zone_named(zone), force=True)
    context = f"{title}\n{chosen.description or ''}"
    has_place = bool(location and (location.get("city") or location.get("venue")))
    attendance = chosen.attendance or next((e.attendance for e in same if e.attendance), None) \
        or places.attendance_of(context, has_place)
    organizers = list(chosen.organizers) or next((list(e.organizers) for e in same
                                                   if e.organizers), [])
    reg_url = chosen.registration_url or next((e.registration_url for e in same
                                               if e.registration_url), None)
    event: dict[str, Any] = {
        "start": start.value,
        "end": end.value if end else (start.value if start.precision != "datetime" else None),
        "all_day": start.precision != "datetime",
        "timezone": zone,
        "date_text": None,
        "date_source": chosen.source if chosen.source in _TRUST else "jsonld",
        "date_conflict": False,
        "conflicting_date_text": None,
        "attendance": attendance,
        "status": chosen.status or places.status_of(context),
        "name": chosen.name or next((e.name for e in same if e.name), None),
        "location": location,
        "organizers": organizers,
        "registration": {"url": reg_url, "deadline": None} if reg_url else None,
    }
    warnings = ["month_only_date"] if start.precision == "month" else []
    return EventFacts(event, start.day, end.day if end else start.day, warnings)


def _as_day(value: DateValue) -> DateValue:
    return DateValue(value.day.isoformat(), "day", value.source, value.day)


def _same_day(event: StructuredEvent, day: date, language: str | None) -> bool:
    value = parse_date_value(event.start, event.source, language=language)
    return value is not None and value.day == day


def _structured_location(chosen: StructuredEvent,
                         same: list[StructuredEvent]) -> dict[str, str | None] | None:
    """The chosen event's place, completed from lower-trust sources of the same event."""
    def first(attr: str) -> str | None:
        for e in (chosen, *same):
            value = getattr(e, attr)
            if value:
                return str(value)
        return None

    venue, raw_city, country = first("venue"), first("city"), first("country")
    online = first("online_url")
    city = city_local = None
    if raw_city:
        known = places.lookup_city(raw_city)
        city_local = raw_city
        city = known[0] if known else raw_city
        country = country or (known[1] if known else None)
    if not (venue or city or online):
        return None
    return {"venue": venue, "city": city, "city_local": city_local,
            "country": _country_code(country), "online_url": online}


def _pick_structured(events: list[StructuredEvent], title: str) -> StructuredEvent:
    """The most trusted event whose name matches the title, else the most trusted one."""
    key = title.casefold()
    best_trust = _TRUST.get(events[0].source, 9)
    for event in events:
        if _TRUST.get(event.source, 9) > best_trust:
            break
        if event.name and (event.name.casefold() in key or key in event.name.casefold()):
            return event
    return events[0]


def _country_code(country: str | None) -> str | None:
    if not country:
        return None
    if re.fullmatch(r"[A-Za-z]{2}", country):
        return country.upper()
    try:
        return str(pycountry.countries.lookup(country).alpha_2)
    except LookupError:
        return None


# ---------------------------------------------------------------------------- text


def _from_text(
    title: str,
    *,
    body: str,
    published: DateValue | None,
    language: str | None,
    tz: str | None,
    cues: tuple[int, int],
    hinted: bool = False,
) -> EventFacts:
    """The event from date ranges in the title and body; ``hinted``: ``body`` is an event
    date a listing showed for this post, taken as is."""
    report, announce = cues
    direction = direction_for(report, announce)
    reference = published.day if published else None
    title_event_word = vocab.EVENT.found(title)
    title_ranges = text_ranges(title, language, reference, direction)
    body_ranges = text_ranges(body, language, reference, direction)
    if not hinted:
        relative = eventdates.relative_dates(body[:BODY_SCAN_CHARS], reference,
                                             past=direction == "before")
        body_ranges = sorted([*body_ranges, *relative], key=lambda r: r.span)
    if not title_ranges and not body_ranges:
        return EventFacts()  # no date to pick: the lead's event words need no scan
    lead = body[:TITLE_SUPPORT_CHARS]
    title_supported = title_event_word or any(
        rx.found(lead) for rx in (vocab.EVENT, vocab.REPORT, vocab.ANNOUNCE))
    title_pick = _pick_title(title_ranges, title_supported)
    title_years = frozenset(int(y) for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", title))
    body_pick = (body_ranges[0] if body_ranges else None) if hinted else _pick_body(
        body_ranges, body, title_supported, published, title_event_word, title_years)
    moved_from: DateRange | None = None
    if body_pick is not None and not hinted:
        body_pick = eventdates.widen_by_list(body, body_pick)
        body_pick = eventdates.merge_adjacent(body, body_pick, body_ranges)
        lo, hi = eventplace.sentence_bounds(body, body_pick.span)
        body_pick = eventdates.widen_by_duration(body[body_pick.span[1] : hi], body_pick)
        body_pick = eventdates.widen_by_next_day(
            body[body_pick.span[1] : body_pick.span[1] + NEXT_DAY_CHARS], body_pick)
        body_pick = eventdates.widen_until(body, body_pick, body_ranges, hi)
        if places.POSTPONED.found(body[:POSTPONE_SCAN_CHARS]):
            body_pick, moved_from = _rescheduled(body_pick, body_ranges, body, published)
    if title_pick is None and body_pick is None:
        return EventFacts()
    warnings: list[str] = []
    conflict = False
    chosen: DateRange
    source_text: str
    if moved_from is not None:
        conflict = True
        warnings.append("rescheduled")
        assert body_pick is not None
        chosen, source_text, source = body_pick, body, "text"
    elif title_pick is not None and body_pick is not None:
        if title_pick.is_range and body_pick.is_range and not title_pick.same_dates(body_pick):
            conflict = True
            warnings.append("title_body_date_conflict")
            chosen, source_text, source = body_pick, body, "text"
        elif body_pick.is_range or _within(body_pick, title_pick):
            chosen, source_text, source = body_pick, body, "text"
        else:
            chosen, source_text, source = title_pick, title, "title"
    elif body_pick is not None:
        chosen, source_text, source = body_pick, body, "text"
    else:
        assert title_pick is not None
        chosen, source_text, source = title_pick, title, "title"
    if chosen.year_inferred:
        warnings.append("no_year")
    place = eventplace.event_place(title, body, source_text, chosen.span, source, language,
                                   chosen.start)
    lo, hi = max(0, chosen.span[0] - 300), chosen.span[1] + 300
    context = f"{title}\n{source_text[lo:hi]}"
    if source == "title":
        context += "\n" + body[:600]  # the dated title: its first lines say how and where
    location = None
    if place is not None:
        location = {"venue": None, "city": place.city, "city_local": place.city_local,
                    "country": place.country, "online_url": None}
    tz = eventplace.event_timezone(location, tz)
    # a start time without an end time: the event ends that day (end is the date)
    end_value = chosen.end_iso(tz)
    event: dict[str, Any] = {
        "start": chosen.start_iso(tz),
        "end": end_value,
        "all_day": chosen.precision != "datetime",
        "timezone": tz,
        "date_text": chosen.raw,
        "date_source": source,
        "date_conflict": conflict,
        "conflicting_date_text": moved_from.raw if moved_from is not None else (
            title_pick.raw if conflict and title_pick else None),
        "attendance": places.attendance_of(context, place is not None, f"{title}\n{body[:1500]}"),
        "status": "postponed" if moved_from is not None else places.status_of(context),
        "name": None,
        "location": location,
        "organizers": [],
        "registration": None,
    }
    return EventFacts(event, chosen.start, chosen.end, warnings)


def _within(inner: DateRange, outer: DateRange) -> bool:
    return outer.start <= inner.start <= outer.end


def _pick_title(ranges: list[DateRange], event_word: bool) -> DateRange | None:
    for rng in ranges:
        if rng.is_range:
            return rng
    if event_word and ranges:
        return ranges[0]
    return None


def _rescheduled(pick: DateRange, ranges: list[DateRange], body: str,
                 published: DateValue | None) -> tuple[DateRange, DateRange | None]:
    """A postponed event takes its new date (the latest one the post gives for it); the
    old one is kept as the conflicting date."""
    pub = published.day if published is not None else None
    dated = [r for r in ranges if r.kind != "relative" and r.start != pub
             and not _LABELS.search(body[max(0, r.span[0] - 120) : r.span[0]])
             and not vocab.DEADLINE.found(body[max(0, r.span[0] - 70) : r.span[0]])]
    if len(dated) < 2:
        return pick, None
    latest = max(dated, key=lambda r: (r.start, r.is_range))
    earliest = min(dated, key=lambda r: (r.start, not r.is_range))
    if latest.start == earliest.start:
        return pick, None
    return latest, earliest


def _pick_body(
    ranges: list[DateRange], body: str, title_event_word: bool, published: DateValue | None,
    title_names_event: bool = False, title_years: frozenset[int] = frozenset(),
) -> DateRange | None:
    """The body date most likely to be the event's: ranges, near event words, early.

    ``title_event_word``: the title or the lead speaks of an event; ``title_names_event``:
    the title itself has an event word."""
    best: tuple[int, int, DateRange] | None = None
    ranges = eventdates.joined(body, ranges)
    for index, rng in enumerate(ranges):
        relative = rng.kind == "relative"
        if relative:
            # "the cluster today has 300 members" is no event date: tested first (most
            # relative days fail it; the tests below only skip a range too)
            event_sentence, cue_sentence = eventplace.sentence_cues(body, rng.span,
                                                                    need_both=True)
            if not (event_sentence and cue_sentence):
                continue
        before = body[max(0, rng.span[0] - 120) : rng.span[0]]
        after = body[rng.span[1] : rng.span[1] + 120]
        if _LABELS.search(before):
            continue  # "Opublikowano: 24.10.2014" is the post date
        date_line = eventdates.is_date_line(body, rng)
        if (date_line and published is not None and rng.start == published.day
                and published.source != "text" and not rng.is_range and rng.kind != "relative"):
            continue  # "8 May 2018" on its own line above the text: the dateline
        if (published is not None and rng.start == published.day and not rng.is_range
                and published.source != "text" and rng.kind != "relative"
                and eventdates.opens_dateline(body, rng)):
            continue  # "SEVILLA 5 Mar. (AGENCY) -": the news dateline, the post's day
        if (vocab.DEADLINE.found(eventdates.clause_before(body, rng))
                or eventdates.deadline_after(body, rng)):
            continue  # "Termin składania wniosków upływa …" is a deadline, not an event
        near_event = vocab.EVENT.found(before) or vocab.EVENT.found(after)
        cue = (vocab.REPORT.found(before + " " + after)
               or vocab.ANNOUNCE.found(before + " " + after))
        intro = _INTRO.search(before[-40:]) is not None
        if not relative:
            event_sentence, cue_sentence = eventplace.sentence_cues(body, rng.span)
        score = 0
        if rng.is_range:
            score += 3
        if rng.precision == "datetime":
            score += 2
        if near_event:
            score += 2
        if cue:
            score += 1
        if intro:
            score += 1
        if rng.span[0] < len(body) * 0.3:
            score += 1
        if published is not None and rng.start == published.day and not rng.is_range:
            score -= 2
        other_year = bool(title_years) and not {rng.start.year, rng.end.year} & title_years
        if eventdates.other_edition(body, rng):
            if other_year:
                continue  # "next year's conference, 8-10 October" in a post on "TCI 2018"
            score -= 3
        elif other_year:
            score -= 3  # last year's edition, or not the year the title names
        if event_sentence:
            score += 1
        if cue_sentence:
            score += 1
        # a single day is the event's when the post speaks of an event (near it, in its
        # sentence or in the title) and the day is introduced as one (a time, "on"/"w dniu",
        # a took-place/will-take-place verb, or an event word in the same sentence)
        if relative:
            score -= 1  # "yesterday" counts only when no written date says more
        eligible = (rng.is_range and (near_event or cue or title_event_word or cue_sentence)) or (
            not rng.is_range and (near_event or title_event_word or event_sentence or cue_sentence)
            and (rng.precision == "datetime" or intro or cue or cue_sentence or event_sentence
                 or (near_event and title_event_word) or (date_line and title_event_word))
        ) or (date_line and title_names_event) or (
            # "Friday 19 October, 10:00-13:00" on its own line: a time span is an event's
            date_line and rng.start_time is not None and rng.end_time is not None)
        if not eligible:
            continue
        if best is None or score > best[0]:
            best = (score, -index, rng)
    return best[2] if best else None
