"""Speed-only paths of extraction give the results of the slower paths they stand for.

The relative-day scan runs its case-insensitive patterns case-sensitively over the
lowercased text (FoldedPattern); the event stage returns early when the post holds no date
at all. Fixtures are written here, in our own words.
"""

from __future__ import annotations

from datetime import date

import pytest

from clustercrawl.extract import eventdates
from clustercrawl.extract.dates import DateValue
from clustercrawl.extract.event import _from_text, build_event, cue_counts
from clustercrawl.extract.vocab import FoldedPattern

TEXTS = [
    "GESTERN trafen sich die Mitglieder in Linz; HEUTE beginnt die Messe.",
    "Guten Morgen! Am Morgen des Workshops kamen 40 Gäste, morgen folgt Teil zwei.",
    "Last FRIDAY the cluster met its partners, and Next Tuesday it hosts a webinar.",
    "Se celebró AYER en Bilbao; el próximo Lunes habrá otra jornada.",
    "W ten Piątek odbyło się spotkanie, a wczorajsze warsztaty były pełne.",
    # "İ" lowercases to two characters: the scan falls back to the IGNORECASE pattern
    "İzmir delegation visited us TODAY and again on Thursday.",
    "No relative day in this sentence at all: heutig, Gesterner, Mondays-ish.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("rx", [eventdates._REL_RX, eventdates._WEEKDAY_RX])
def test_folded_scan_finds_what_the_case_insensitive_pattern_finds(
        rx: FoldedPattern, text: str) -> None:
    folded = [(m.span(), m.span(1) if rx.pattern.groups else None) for m in rx.finditer(text)]
    plain = [(m.span(), m.span(1) if rx.pattern.groups else None)
             for m in rx.pattern.finditer(text)]
    assert folded == plain


def test_relative_days_keep_the_case_written_and_resolve_as_before() -> None:
    published = date(2023, 3, 9)  # a Thursday
    found = eventdates.relative_dates(TEXTS[0], published, past=True)
    assert [(r.raw, r.start) for r in found] == [
        ("GESTERN", date(2023, 3, 8)), ("HEUTE", date(2023, 3, 9))]
    week = eventdates.relative_dates(TEXTS[2], published, past=True)
    assert [(r.raw, r.start) for r in week] == [
        ("Last FRIDAY", date(2023, 3, 3)), ("Next Tuesday", date(2023, 3, 14))]
    # "Guten Morgen" and "am Morgen" are no "tomorrow"; the lowercase one is
    morning = eventdates.relative_dates(TEXTS[1], published, past=True)
    assert [(r.raw, r.start) for r in morning] == [("morgen", date(2023, 3, 10))]
    fallback = eventdates.relative_dates(TEXTS[5], published, past=False)
    assert [(r.raw, r.start) for r in fallback] == [
        ("TODAY", date(2023, 3, 9)), ("Thursday", date(2023, 3, 9))]


PUBLISHED = DateValue("2023-03-09", "day", "meta", date(2023, 3, 9))


@pytest.mark.parametrize(("title", "body", "start"), [
    # event words but no date anywhere: nothing to pick (the early return), the post stays
    # an undated event as before
    ("Our conference was a success", "The annual conference gathered partners from "
     "industry and research. The workshop sessions were well attended.", None),
    # a date only in the title, the lead speaks of an event: the title's date is taken
    ("Workshop on 14 June 2023", "Join the workshop of the cluster on hydrogen storage. "
     "Registration is open to all members.", date(2023, 6, 14)),
    # a date only in the body, next to an event word
    ("Hydrogen storage", "The workshop takes place on 14 June 2023 in Graz. Registration is "
     "open to all members.", date(2023, 6, 14)),
])
def test_the_event_stage_without_dates_returns_what_the_full_path_returns(
        title: str, body: str, start: date | None) -> None:
    direct = _from_text(title, body=body, published=PUBLISHED, language="en", tz=None,
                        cues=cue_counts(title, body))
    assert direct.start == start and (direct.event is None) is (start is None)
    facts = build_event(title=title, body=body, structured=[], published=PUBLISHED,
                        language="en", tz=None)
    assert facts.event is not None and facts.start == start
    assert ("undated_event" in facts.warnings) is (start is None)
