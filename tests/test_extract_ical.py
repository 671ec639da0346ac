"""Calendar data (iCalendar, add-to-calendar links, The Events Calendar REST hint) and the
event details written in posts (clustercrawl.extract.ical, .eventinfo, event sources)."""

from __future__ import annotations

import base64
from datetime import date
from urllib.parse import quote

import pytest

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.extract import extract_post
from clustercrawl.extract.eventinfo import (
    online_url,
    organizers_from_text,
    registration,
    venue_from_text,
)
from clustercrawl.extract.ical import event_from_link, parse_ics
from tests.test_extract_post import check_schema

ICS = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Cluster//Events//PL\r\n"
    "BEGIN:VEVENT\r\nUID:1@example.pl\r\nDTSTART;TZID=Europe/Brussels:20240507T090000\r\n"
    "DTEND;TZID=Europe/Brussels:20240508T170000\r\nSUMMARY:European Cluster Conference 2024\r\n"
    "LOCATION:The Square\\, Mont des Arts\\, 1000 Brussels\\, Belgium\r\n"
    'ORGANIZER;CN="European Commission":mailto:ec@example.eu\r\n'
    "DESCRIPTION:Two days on the green and\r\n  digital transition\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20241112\r\nDTEND;VALUE=DATE:20241115\r\n"
    "SUMMARY:Targi\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nDTSTART:20250311T130000Z\r\nDURATION:PT1H30M\r\nSUMMARY:Webinar\r\n"
    "LOCATION:https://zoom.us/j/123456\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_parse_ics_zones_all_day_duration_and_escapes() -> None:
    first, second, third = parse_ics(ICS)
    assert (first.start, first.end) == ("2024-05-07T09:00:00+02:00", "2024-05-08T17:00:00+02:00")
    assert first.timezone == "Europe/Brussels" and first.name == "European Cluster Conference 2024"
    assert first.venue == "The Square, Mont des Arts, 1000 Brussels, Belgium"
    assert (first.city, first.country) == ("Brussels", "BE")
    assert first.organizers == ["European Commission"]
    assert first.description == "Two days on the green and digital transition"  # unfolded
    # DTEND of an all-day event is exclusive
    assert (second.start, second.end, second.status) == ("2024-11-12", "2024-11-14", "cancelled")
    assert (third.start, third.end) == ("2025-03-11T13:00:00+00:00", "2025-03-11T14:30:00+00:00")
    assert third.online_url == "https://zoom.us/j/123456" and third.attendance == "online"


def test_parse_ics_ignores_garbage() -> None:
    assert parse_ics("") == []
    assert parse_ics("BEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT") == []
    assert parse_ics("BEGIN:VEVENT\nDTSTART:2024-13-45\nEND:VEVENT") == []


@pytest.mark.parametrize(
    ("href", "start", "end", "zone"),
    [
        ("https://calendar.google.com/calendar/render?action=TEMPLATE&text=Forum&"
         "dates=20240312T100000/20240312T113000&ctz=Europe/Warsaw&location=Pozna%C5%84",
         "2024-03-12T10:00:00+01:00", "2024-03-12T11:30:00+01:00", "Europe/Warsaw"),
        ("https://www.google.com/calendar/event?action=TEMPLATE&text=Targi&dates=20240312/20240315",
         "2024-03-12", "2024-03-14", None),
        ("https://outlook.live.com/calendar/0/deeplink/compose?subject=Forum&"
         "startdt=2024-03-12T10:00:00%2B01:00&enddt=2024-03-12T12:00:00%2B01:00",
         "2024-03-12T10:00:00+01:00", "2024-03-12T12:00:00+01:00", None),
        ("https://calendar.yahoo.com/?v=60&title=Forum&st=20240312T090000Z&et=20240312T110000Z",
         "2024-03-12T09:00:00+00:00", "2024-03-12T11:00:00+00:00", None),
    ],
)
def test_add_to_calendar_links(href: str, start: str, end: str, zone: str | None) -> None:
    [event] = event_from_link(href)
    assert (event.start, event.end, event.timezone, event.source) == (start, end, zone, "ical")


def test_data_links_plain_and_base64() -> None:
    plain = "data:text/calendar;charset=utf8," + quote(ICS)
    b64 = "data:text/calendar;base64," + base64.b64encode(ICS.encode()).decode()
    assert len(event_from_link(plain)) == 3
    assert len(event_from_link(b64)) == 3


PAGE_WITH_CALENDAR_LINK = """<html lang="de"><head><title>Innovationstag</title></head><body>
<article><h1>Innovationstag Sachsen</h1><div class="entry-content">
<p>Beim Innovationstag treffen sich Unternehmen und Forschungseinrichtungen.</p>
<p><a href="https://calendar.google.com/calendar/render?action=TEMPLATE&amp;text=Innovationstag&amp;dates=20250605T090000/20250605T170000&amp;ctz=Europe/Berlin&amp;location=Dresden">Zum Kalender hinzufügen</a></p>
</div></article></body></html>"""


def test_extract_post_reads_calendar_links() -> None:
    out = extract_post(PAGE_WITH_CALENDAR_LINK, "https://cluster.example.de/innovationstag",
                       timezone="Europe/Berlin")
    check_schema(out)
    event = out["event"]
    assert event["date_source"] == "ical"
    assert (event["start"], event["end"]) == ("2025-06-05T09:00:00+02:00",
                                              "2025-06-05T17:00:00+02:00")
    assert event["all_day"] is False and event["timezone"] == "Europe/Berlin"
    assert event["location"]["city"] == "Dresden"


def test_extract_post_takes_ics_texts_from_hints() -> None:
    hints = Entry(url="https://ec.example.eu/ecc", channel=Channel.FEED,
                  extra={"ics_texts": [ICS]})
    page = "<html><body><h1>European Cluster Conference 2024</h1><p>Join us.</p></body></html>"
    out = extract_post(page, "https://ec.example.eu/ecc", hints=hints)
    event = out["event"]
    assert event["date_source"] == "ical" and event["name"] == "European Cluster Conference 2024"
    assert event["start"] == "2024-05-07T09:00:00+02:00"
    assert event["organizers"] == ["European Commission"]


def test_events_calendar_api_hint_below_jsonld_above_text() -> None:
    info = {"start": "2024-11-12", "end": "2024-11-14", "all_day": True,
            "timezone": "Europe/Prague", "venue": "Výstaviště Brno", "city": "Brno",
            "country": "Czechia", "url": "https://veletrhy.example.cz"}
    hints = Entry(url="https://klastr.example.cz/akce/veletrh", channel=Channel.WP_API,
                  title="Veletrh", extra={"event": info})
    page = ("<html lang='cs'><body><h1>Veletrh</h1><p>Zveme vás na veletrh, který se koná "
            "15. prosince 2024 v Praze.</p></body></html>")
    out = extract_post(page, "https://klastr.example.cz/akce/veletrh", hints=hints)
    check_schema(out)
    event = out["event"]
    assert event["date_source"] == "api"
    assert (event["start"], event["end"], event["all_day"]) == ("2024-11-12", "2024-11-14", True)
    assert event["timezone"] == "Europe/Prague"
    assert event["location"] == {"venue": "Výstaviště Brno", "city": "Brno", "city_local": "Brno",
                                 "country": "CZ", "online_url": None}


def test_event_days_are_never_the_publication_date() -> None:
    hints = Entry(url="https://x.example.pl/e", channel=Channel.LINK,
                  extra={"event": {"start": "2024-05-07", "end": "2024-05-08"}})
    page = ("<html lang='pl'><body><h1>Konferencja</h1><p class='date'>7 maja 2024</p>"
            "<p>Konferencja klastrów.</p></body></html>")
    out = extract_post(page, "https://x.example.pl/e", hints=hints)
    assert out["published"]["value"] is None


# ---------------------------------------------------------------------------- text details


def test_venue_and_organizers_from_labels() -> None:
    text = ("Zapraszamy na konferencję.\nMiejsce: Hotel Marriott, Warszawa\n"
            "Organizator: Klaster Innowacji Społecznych; Politechnika Warszawska\n")
    assert venue_from_text(text) == "Hotel Marriott, Warszawa"
    assert organizers_from_text(text) == ["Klaster Innowacji Społecznych",
                                          "Politechnika Warszawska"]
    assert organizers_from_text("Veranstalter: Cluster Mechatronik und Automation") == [
        "Cluster Mechatronik und Automation"]
    assert venue_from_text("Lieu : Centre de congrès de Lyon") == "Centre de congrès de Lyon"
    assert venue_from_text("No label here.") is None


@pytest.mark.parametrize(
    ("text", "lang", "deadline"),
    [
        ("Anmeldeschluss: 10. März 2025", "de", "2025-03-10"),
        ("Rejestracja do 5 kwietnia 2024 r.", "pl", "2024-04-05"),
        ("Inscriptions jusqu'au 12 mai 2025.", "fr", "2025-05-12"),
        ("Iscrizioni entro il 14 novembre 2025.", "it", "2025-11-14"),
        ("Registration deadline: 26 April 2024", "en", "2024-04-26"),
        ("Registrace do 20. září 2024.", "cs", "2024-09-20"),
        ("Aanmelden kan tot en met 5 december.", "nl", "2024-12-05"),
    ],
)
def test_registration_deadline(text: str, lang: str, deadline: str) -> None:
    found = registration(text, [], lang, date(2024, 11, 1) if lang == "nl" else None, None,
                         None)
    assert found is not None and found["deadline"] == deadline


def test_registration_link_and_online_room() -> None:
    links = [("https://cluster.example.de/news", "News"),
             ("https://zoom.us/j/98765", "Zoom-Link"),
             ("https://cluster.example.de/anmeldung/forum", "Jetzt anmelden")]
    found = registration("Kein Datum.", links, "de", None, None, None)
    assert found == {"url": "https://cluster.example.de/anmeldung/forum", "deadline": None}
    assert online_url(links) == "https://zoom.us/j/98765"
    assert registration("Keine Anmeldung nötig.", [], "de", None, None, None) is None


def test_deadline_after_the_event_is_ignored() -> None:
    assert registration("Registration until 30 June 2025.", [], "en", None, None,
                        date(2025, 6, 1)) is None


# ---------------------------------------------------------------------------- real-world .ics

def _calendar(*lines: str) -> str:
    return "\r\n".join(lines) + "\r\n"


def test_parse_ics_zone_defined_by_the_calendars_vtimezone() -> None:
    # Outlook writes its own zone names and defines them in a VTIMEZONE
    text = _calendar(
        "BEGIN:VCALENDAR", "VERSION:2.0",
        "BEGIN:VTIMEZONE", "TZID:Cluster Office Time",
        "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0300", "TZOFFSETTO:+0200",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:19700329T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0300",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "END:VTIMEZONE",
        "BEGIN:VEVENT", "DTSTART;TZID=Cluster Office Time:20240115T100000",
        "DTEND;TZID=Cluster Office Time:20240715T120000", "SUMMARY:Winter to summer",
        "END:VEVENT",
        "BEGIN:VEVENT", "DTSTART;TZID=W. Europe Standard Time:20240507T090000",
        "SUMMARY:Windows zone name", "END:VEVENT",
        "END:VCALENDAR",
    )
    custom, windows = parse_ics(text)
    assert (custom.start, custom.end) == ("2024-01-15T10:00:00+02:00",
                                          "2024-07-15T12:00:00+03:00")
    assert custom.timezone is None  # no IANA name is known for a home-made zone
    assert windows.start == "2024-05-07T09:00:00+02:00"
    assert windows.timezone == "Europe/Berlin"


def test_parse_ics_floating_times() -> None:
    event = "BEGIN:VEVENT\r\nDTSTART:20240312T183000\r\nSUMMARY:Meetup\r\nEND:VEVENT\r\n"
    # Google's X-WR-TIMEZONE gives floating times their zone
    [zoned] = parse_ics("BEGIN:VCALENDAR\r\nX-WR-TIMEZONE:Europe/Lisbon\r\n" + event
                        + "END:VCALENDAR\r\n")
    assert (zoned.start, zoned.timezone) == ("2024-03-12T18:30:00+00:00", "Europe/Lisbon")
    # without it the time stays local: no offset is invented
    [floating] = parse_ics(event)
    assert (floating.start, floating.timezone) == ("2024-03-12T18:30:00", None)


def test_parse_ics_all_day_across_months_end_is_exclusive() -> None:
    [event] = parse_ics(_calendar(
        "BEGIN:VCALENDAR", "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20240629",
        "DTEND;VALUE=DATE:20240702", "SUMMARY:Summer school", "END:VEVENT", "END:VCALENDAR"))
    assert (event.start, event.end) == ("2024-06-29", "2024-07-01")
    [one_day] = parse_ics(_calendar(
        "BEGIN:VEVENT", "DTSTART;VALUE=DATE:20241231", "DURATION:P1D", "SUMMARY:Gala",
        "END:VEVENT"))
    assert (one_day.start, one_day.end) == ("2024-12-31", "2024-12-31")


def test_parse_ics_broken_calendar_keeps_what_it_can() -> None:
    text = (
        "<script>var cal = 1;</script>\n"  # page text around the calendar
        "BEGIN:VCALENDAR\nX-WR-TIMEZONE:Europe/Rome\n"
        "BEGIN:VEVENT\nDTSTART:20241105T093000\nSUMMARY:Open day\n"
        "this line is no content line\nDTEND:not a date\nEND:VEVENT\n"
        "END:VCALENDAR\nEND:VCALENDAR\n"  # an END too many
        "BEGIN:VEVENT\nDTSTART:2024-11-20T14:00\nSUMMARY:ISO written\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART:garbage\nSUMMARY:No usable start\nEND:VEVENT\n"
        "BEGIN:VEVENT\nDTSTART:20241201\nSUMMARY:Never closed\n"
    )
    events = parse_ics(text)
    assert [(e.name, e.start, e.end) for e in events] == [
        ("Open day", "2024-11-05T09:30:00+01:00", None),
        ("ISO written", "2024-11-20T14:00:00+01:00", None),
    ]


@pytest.mark.parametrize(
    "text",
    ["BEGIN:VCALENDAR", "END:VEVENT", "BEGIN:VEVENT\nEND:VCALENDAR", ":::\n;;;\n",
     "BEGIN:VEVENT\nDTSTART;TZID=\"unclosed:20240101T100000\nEND:VEVENT",
     "BEGIN:VEVENT\nDTSTART:20240230\nEND:VEVENT", "\x00\x01BEGIN:VEVENT\x00",
     "BEGIN:VEVENT\nDTSTART:20240101T250000\nDURATION:PXYZ\nEND:VEVENT"],
)
def test_parse_ics_never_raises_on_garbage(text: str) -> None:
    assert parse_ics(text) == []


def test_parse_ics_bad_zone_name_loses_only_its_event() -> None:
    text = ("BEGIN:VEVENT\nDTSTART;TZID=Europe/:20240507T090000\nSUMMARY:Bad zone\nEND:VEVENT\n"
            "BEGIN:VEVENT\nDTSTART;TZID=Europe/Vienna:20240508T090000\nSUMMARY:Good\nEND:VEVENT\n")
    assert [(e.name, e.start) for e in parse_ics(text)] == [("Good", "2024-05-08T09:00:00+02:00")]


def test_parse_ics_odd_parameters_do_not_raise() -> None:
    text = ("BEGIN:VEVENT\nDTSTART;VALUE=DATE,TIME:20240507\nSUMMARY:Odd\nEND:VEVENT\n"
            "BEGIN:VEVENT\nDTSTART:20240509\nSUMMARY:Fine\nEND:VEVENT\n")
    assert [e.name for e in parse_ics(text)] == ["Fine"]


def test_parse_ics_in_an_indented_pre_block() -> None:
    text = ("\n        BEGIN:VEVENT\n        DTSTART:20240915T100000Z\n"
            "        SUMMARY:Open lab day with a long\n          folded title\n        END:VEVENT\n")
    [event] = parse_ics(text)
    assert (event.name, event.start) == ("Open lab day with a long folded title",
                                         "2024-09-15T10:00:00+00:00")
