"""iCalendar export: parses back, all-day ends are exclusive, UIDs are stable, zones kept,
grouped events become one VEVENT listing every report."""

from __future__ import annotations

import copy
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar

from clustercrawl.export import collect_events, events_to_ical


def post(pid: str, title: str, event: dict[str, Any] | None, *, event_id: str | None = None,
         site: str = "pl-demo-klaster-innowacji", published: str = "2025-10-01T09:00:00+00:00",
         modified: str | None = None) -> dict[str, Any]:
    base_event = {"start": None, "end": None, "all_day": True, "timezone": None,
                  "date_text": None, "date_source": "text", "date_conflict": False,
                  "attendance": "offline", "status": "scheduled", "name": None,
                  "location": None, "organizers": [], "registration": None}
    return {
        "schema_version": 1, "id": pid, "url": f"http://{site}.example/{pid}/",
        "site_id": site, "cluster": {"name": f"Cluster {site}", "country": "PL"},
        "post_type": "event_announcement" if event else "news", "title": title,
        "language": "pl", "published": {"value": published, "source": "api",
                                        "precision": "datetime"},
        "modified": modified or published, "summary": f"Summary of {title}.", "body_text": "…",
        "event": None if event is None else {**base_event, **event},
        "crawl": {"fetched_at": "2026-11-26T18:54:25Z", "channel": "feed",
                  "content_hash": "0123456789abcdef"},
        "extraction": {"version": "x", "warnings": []}, "story_id": None, "event_id": event_id,
    }


POSTS = [
    post("1111111111111111", "Europejska Konferencja Klastrów, Bruksela 21-22.10.2014",
         {"start": "2014-10-20", "end": "2014-10-21", "timezone": "Europe/Brussels",
          "location": {"venue": None, "city": "Brussels", "country": "BE"}},
         modified="2014-10-24T08:32:00+00:00"),
    post("2222222222222222", "Konferencja w Gdańsku",
         {"start": "2026-12-03", "end": "2026-12-03", "timezone": "Europe/Warsaw",
          "status": "cancelled", "location": {"venue": "Centrum Konferencyjne",
                                              "city": "Gdańsk", "country": "PL"}}),
    post("3333333333333333", "Serata della nautica", site="it-demo-cluster-nautico",
         event={"start": "2026-05-05T18:20:00+02:00", "end": "2026-05-05", "all_day": False,
                "timezone": "Europe/Rome", "name": "Serata della nautica 2026",
                "location": {"venue": "Magazzini del Cotone", "city": "Genoa",
                             "country": "IT"}}),
    post("4444444444444444", "ECC 2024 (PL)", event_id="ev-ecc-2024",
         event={"start": "2024-05-07", "end": "2024-05-08", "name": "European Cluster "
                "Conference 2024", "location": {"city": "Brussels", "country": "BE"}},
         published="2024-05-10T10:00:00+00:00"),
    post("5555555555555555", "ECC 2024 (EN)", event_id="ev-ecc-2024",
         site="en-demo-clusternet-europe",
         event={"start": "2024-05-07", "end": "2024-05-08", "name": "European Cluster "
                "Conference 2024", "location": {"city": "Brussels", "country": "BE"}},
         published="2024-05-12T10:00:00+00:00", modified="2024-06-01T12:00:00+00:00"),
    post("6666666666666666", "A news post without an event", None),
    post("7777777777777777", "An event with only a month", {"start": "2026-06"}),
]


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(cal: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_round_trip_parses_with_calendar_properties() -> None:
    data = events_to_ical(POSTS, "European cluster events")
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    cal = parse(data)
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]).startswith("-//clustercrawl//")
    assert str(cal["x-wr-calname"]) == "European cluster events"
    assert str(cal["name"]) == "European cluster events"
    assert str(cal["method"]) == "PUBLISH"
    events = vevents(cal)
    # 3 posts with events + 1 grouped event; no VEVENT for the news or the month-only date
    assert len(events) == 4
    for event in events.values():
        for prop in ("uid", "dtstamp", "dtstart", "summary", "url", "description"):
            assert prop in event, prop
    # every line is folded to at most 75 octets, lines end with CRLF
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_all_day_end_is_exclusive_and_location_and_status() -> None:
    events = vevents(parse(events_to_ical(POSTS, "x")))
    ecc = events["post-1111111111111111@clustercrawl"]
    assert ecc["dtstart"].dt == date(2014, 10, 20)
    assert ecc["dtend"].dt == date(2014, 10, 22)  # ends on the 21st inclusive
    assert not isinstance(ecc["dtstart"].dt, datetime)
    assert str(ecc["location"]) == "Brussels, Belgium"
    assert str(ecc["summary"]) == POSTS[0]["title"]  # no event name: the post title
    assert ecc["last-modified"].dt == datetime(2014, 10, 24, 8, 32, tzinfo=ZoneInfo("UTC"))
    assert str(ecc["url"]) == POSTS[0]["url"]
    one_day = events["post-2222222222222222@clustercrawl"]
    assert one_day["dtend"].dt - one_day["dtstart"].dt == timedelta(days=1)
    assert str(one_day["status"]) == "CANCELLED"
    assert str(one_day["location"]) == "Centrum Konferencyjne, Gdańsk, Poland"
    assert str(ecc["status"]) == "CONFIRMED"


def test_timed_event_keeps_its_zone() -> None:
    data = events_to_ical(POSTS, "x")
    assert b"DTSTART;TZID=Europe/Rome:20260505T182000" in data
    cal = parse(data)
    assert any(str(tz["tzid"]) == "Europe/Rome" for tz in cal.walk("VTIMEZONE"))
    event = vevents(cal)["post-3333333333333333@clustercrawl"]
    start = event["dtstart"].dt
    assert isinstance(start, datetime)
    assert start.utcoffset() == timedelta(hours=2)
    assert start.astimezone(ZoneInfo("UTC")).hour == 16
    assert str(event["summary"]) == "Serata della nautica 2026"
    assert "dtend" not in event  # same-day end without a time: ends when it starts


def test_grouped_event_is_one_vevent_listing_its_reports() -> None:
    events = vevents(parse(events_to_ical(POSTS, "x")))
    ecc = events["event-ev-ecc-2024@clustercrawl"]
    assert str(ecc["summary"]) == "European Cluster Conference 2024"
    description = str(ecc["description"])
    assert POSTS[3]["url"] in description and POSTS[4]["url"] in description
    assert ecc["last-modified"].dt == datetime(2024, 6, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert not any("4444444444444444" in uid or "5555555555555555" in uid for uid in events)
    # a dedupe record's facts win over the posts'
    record = {"event_id": "ev-ecc-2024", "name": "ECC 2024", "start": "2024-05-07",
              "end": "2024-05-09", "city": "Brussels"}
    ecc = vevents(parse(events_to_ical(POSTS, "x", records=[record])))[
        "event-ev-ecc-2024@clustercrawl"]
    assert str(ecc["summary"]) == "ECC 2024"
    assert ecc["dtend"].dt == date(2024, 5, 10)


def test_uids_and_bytes_are_stable_across_calls_and_order() -> None:
    a = events_to_ical(POSTS, "x")
    b = events_to_ical(list(reversed(copy.deepcopy(POSTS))), "x")
    assert a == b
    uids = set(vevents(parse(a)))
    # a later crawl of the same posts (new fetch time, one more post): same UIDs
    later = copy.deepcopy(POSTS)
    for p in later:
        p["crawl"]["fetched_at"] = "2026-12-03T06:00:00Z"
    later.append(post("8888888888888888", "Nowe wydarzenie", {"start": "2027-01-10"}))
    again = vevents(parse(events_to_ical(later, "x")))
    assert uids < set(again)
    assert events_to_ical(later[:-1], "x") == a  # fetch time alone changes nothing


def test_collect_events_skips_duplicates_and_sorts() -> None:
    entries = collect_events([*POSTS, POSTS[1]])
    assert [e.key for e in entries] == ["1111111111111111", "ev-ecc-2024", "3333333333333333",
                                        "2222222222222222"]
    assert len(entries[1].reports) == 2


def test_empty_calendar_is_valid() -> None:
    cal = parse(events_to_ical([], "Nothing yet"))
    assert list(cal.walk("VEVENT")) == []
