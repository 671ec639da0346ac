"""Speed-only paths of the event stages (issue 14e) give what the plain paths give.

Each test runs the fast path beside the plain one it replaces on the same input: vocabulary
scans without their costly fragments against the whole pattern, the yes/no search against
``search``, the folded city list against its case-insensitive form, and the date-shape scans
that start at a window's first digit or month name against every shape over the whole text.
Fixtures are written here, in our own words; random texts are drawn from small alphabets.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import Any

import pytest

from clustercrawl.extract import (
    daterange,
    event,
    eventdates,
    eventinfo,
    eventplace,
    folded,
    gazetteer,
    places,
    vocab,
)
from clustercrawl.extract.daterange import DateRange, Direction
from clustercrawl.extract.dates import DateValue
from clustercrawl.extract.folded import FoldedPattern, required_literals

_HEAD, _TAIL = r"(?<![^\W\d_])", r"(?![^\W\d_])"
TABLES = ["EVENT_WORDS", "REPORT_WORDS", "ANNOUNCE_WORDS", "CALL_WORDS", "DEADLINE_WORDS",
          "JOB_WORDS", "PRESS_WORDS", "CALL_LEAD_WORDS", "MEMBER_WORDS"]
PROSE = [
    "Die Jahrestagung und der Praxisworkshop fanden in Linz statt; ein Netzwerkabend folgte.",
    "Gemessen am Vorjahr war die Fachmesse voll, wir treffen uns wieder beim Stammtisch.",
    "The cluster held a webinar and a seminar series; the summit takes place in May.",
    "Our members met at the annual congress; the call for the competition is open.",
    "La conférence a réuni 200 participants, l'atelier aura lieu en juin.",
    "Konferencja i warsztaty odbyły się w Łodzi, zapraszamy na kolejne spotkanie.",
    "De netwerkbijeenkomst en het symposium vonden plaats; de beurs volgt in het najaar.",
    "Eine Ausschreibung zum Wettbewerb läuft; das Forum2024 und Klimaforum_x tagen.",
    "Plain news about a new lab opening, nothing scheduled at all.",
    "ſeminar and dotless ıdeas: the case-insensitive form reads these as s and i.",
    "İZMİR DELEGATION VISITS THE WORKSHOP",
    "",
]


def _spans(matches: Any) -> list[Any]:
    return [(m.span(), m.groups()) for m in matches]


@pytest.mark.parametrize("table", TABLES)
def test_tables_without_their_costly_fragments_match_as_the_whole_pattern(table: str) -> None:
    pattern: FoldedPattern = getattr(vocab, table.removesuffix("_WORDS"))
    for text in PROSE:
        plain = pattern.pattern  # case-insensitive, every fragment
        assert _spans(pattern.finditer(text)) == _spans(plain.finditer(text)), text
        assert pattern.found(text) is (plain.search(text) is not None), text
        fast, plain_match = pattern.search(text), plain.search(text)
        assert (fast.span() if fast else None) == (plain_match.span() if plain_match else None)


def test_the_event_table_really_runs_without_its_compounds() -> None:
    event = vocab.EVENT
    assert event.lite is not None and event.lite.pattern != event.folded.pattern
    low = PROSE[8].lower()
    assert event._pick(PROSE[8]) == (event.lite, low)  # no compound word: the lite scan
    assert event._pick(PROSE[0])[0] is event.folded  # "tagung", "workshop": the whole one
    assert event._pick(PROSE[9])[0] is event.pattern  # "ſ": the case-insensitive one


# a made-up table: costly "\w*X" fragments between cheap letter-led ones, one with a
# lookahead first, one whose word sits in a group, one that can end before a digit
TOY = [r"ab\w*", r"\w*cd\w*", r"ba", r"(?!ec)\w*ce", r"\w*(?:da|ad)b\w*", r"ca\w*",
       r"\w*ab", r"e(?:a|b)", r"\w*bb\w*", r"d"]


def test_toy_table_scans_match_the_flat_alternation_on_random_text() -> None:
    fast = FoldedPattern.of_fragments(TOY, _HEAD, _TAIL)
    flat = re.compile(_HEAD + "(?:" + "|".join(TOY) + ")" + _TAIL, re.IGNORECASE)
    assert fast.lite is not None and len(fast._rare) == 5
    rnd = random.Random(1414)
    lite_runs = 0
    for _ in range(4000):
        text = "".join(rnd.choice("abcdeABCE2 _-") for _ in range(rnd.randint(0, 30)))
        lite_runs += fast._pick(text)[0] is fast.lite
        assert _spans(fast.finditer(text)) == _spans(flat.finditer(text)), text
        assert fast.found(text) is (flat.search(text) is not None), text
    assert lite_runs > 200  # the lite scan was really taken


@pytest.mark.parametrize(("fragment", "words"), [
    (r"\w*konferenz\w*", {"konferenz"}),
    (r"(?!gemess)\w*messen?", {"messe"}),
    (r"\w*(?:delegations|unternehmer)reise\w*", {"delegations", "unternehmer"}),
    (r"(?:a|b)c", {"c"}),
    (r"x+yz", {"yz"}),
    (r"\w*", None),
    (r"(?i:abc)", None),  # a flag inside: letters may match in another case
    (r"a|\w+", None),
])
def test_required_literals(fragment: str, words: set[str] | None) -> None:
    assert required_literals(fragment) == (frozenset(words) if words is not None else None)
    if words:  # every match of the fragment holds one of them
        rx = re.compile(fragment)
        for text in ("konferenzmessenreise", "delegationsreise", "ac bc", "xxyz", "abc"):
            for m in rx.finditer(text):
                assert any(w in m.group(0) for w in words)


def test_word_led_fragments_are_the_costly_kind() -> None:
    assert folded._word_led(r"\w*forum") and folded._word_led(r"(?!x)\w*treffen")
    assert not folded._word_led(r"forum") and not folded._word_led(r"(?:a|b)\w*")


# ---------------------------------------------------------------------------- cities

CITY_TEXTS = [
    "The fair moves from Brussels to WARSZAWA, then to kraków and Praze in spring.",
    "Spotkanie w Krakowie i we Wrocławiu; delegacja z Łodzi przyjechała do Bruxelles.",
    "Frankfurt am Main hosts it; BERLINER are not Berlin, Parisian is not Paris.",
    "Die Messe in München und Köln, danach WIEN und Vídeň.",
    "İstanbul and ıstanbul are spelt oddly here, Rome is not.",
]


@pytest.mark.parametrize("text", CITY_TEXTS)
def test_folded_city_scan_matches_the_case_insensitive_list(text: str) -> None:
    rx = places._CITY_RX
    fast = [(m.span(), m.span(1)) for m in rx.finditer(text)]
    plain = [(m.span(), m.span(1)) for m in rx.pattern.finditer(text)]
    assert fast == plain and fast
    assert rx.folded.pattern != rx.pattern.pattern  # the grouped alternation is run
    # find_cities keeps the form as written, capitalised forms only
    written = [m.group(1) for m in rx.pattern.finditer(text) if m.group(1)[0].isupper()]
    forms = [p.city_local for p in places.find_cities(text)]
    assert written and set(written) <= set(forms)


# ---------------------------------------------------------------------------- date shapes

DATED = [
    "Das Forum am 3.-5. Juni 2025 in Graz, Anmeldung bis 12.05.2025, 18:00 Uhr.",
    "We met 15 members in 2024; the fair runs June 30 - July 2, 2025 and again in March 2026.",
    "Spotkanie 20-21 października 2014 r. oraz 30 września - 2 października 2025.",
    "du 3 au 5 juin, le 1er juillet, 25 de noviembre de 2025, 5. 6. 2025, 03/06/2025",
    # a window ends inside a word that begins with a month name ("Marchand", "Mayfield")
    "Room 12 of the " + "x" * 30 + " Marchand hall; 2024 at Mayfield, in JUNE 3 2025.",
    "ſeptember 4 2024 and ıune 5: odd letters make the month check case-insensitive.",
    "No date here at all, only 7 partners and 300 visitors.",
]


def _whole_text_shapes(text: str, month_only: bool) -> tuple[Any, ...]:
    """The plain scan: every shape over the whole text."""
    found = []
    for kind, rx in daterange._COMPILED:
        if kind == "month" and not month_only:
            continue
        found += [(m.start(), m.end(), daterange._KIND_ORDER[kind], kind, m.span())
                  for m in rx.finditer(text)]
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    return tuple(found)


def _fast_shapes(text: str, month_only: bool) -> tuple[Any, ...]:
    return tuple((*f[:4], f[4].span())
                 for f in daterange._raw_matches.__wrapped__(text, month_only))


@pytest.mark.parametrize("text", DATED)
@pytest.mark.parametrize("month_only", [True, False])
def test_date_shapes_from_first_digit_or_month_match_a_whole_text_scan(
        text: str, month_only: bool) -> None:
    assert _fast_shapes(text, month_only) == _whole_text_shapes(text, month_only)


def test_date_shapes_on_random_text() -> None:
    rnd = random.Random(14)
    tokens = ["3", "12", "2024", "1999", "05", "June", "june", "MAR", "Mar.", "mayo", "Mai",
              "marzo", "Marchand", "octobre", "-", "–", "/", ".", ",", " ", " ", " ", "to",
              "bis", "du", "au", "10:00", "x" * 20, "Hall", "ſept", "a"]
    for _ in range(1500):
        text = "".join(rnd.choice(tokens) for _ in range(rnd.randint(0, 25)))
        for month_only in (True, False):
            assert _fast_shapes(text, month_only) == _whole_text_shapes(text, month_only), text


# ---------------------------------------------------------------------------- markers

MARKER_TEXTS = [
    "The Workshop takes place ONLINE and on site; Register Online before Friday.",
    "Die Veranstaltung wurde VERSCHOBEN, sie findet nun ausschließlich online statt.",
    "Le salon est ANNULÉ; les inscriptions en ligne restent ouvertes. Hybride, en présentiel.",
    "Spotkanie odbędzie się stacjonarnie i online, w budynku Technoparku; zapisy online.",
    "Participants and Visitors met in the Innovation Centre; the event was postponed.",
    "Nothing about how one attends here.",
    "ſite visit, ONLINE-Anmeldung open, ıt was CANCELLED",
]
MARKERS = ["_ONLINE", "_HYBRID", "_CANCELLED", "_POSTPONED", "_ONLINE_ASIDE", "_ON_SITE",
           "_MOVED_ONLINE"]


@pytest.mark.parametrize("name", MARKERS)
def test_folded_markers_find_what_the_case_insensitive_ones_find(name: str) -> None:
    rx: FoldedPattern = getattr(places, name)
    assert not rx.folded.flags & re.IGNORECASE and rx.pattern.flags & re.IGNORECASE
    hits = 0
    for text in MARKER_TEXTS:
        assert _spans(rx.finditer(text)) == _spans(rx.pattern.finditer(text)), text
        assert rx.found(text) is (rx.pattern.search(text) is not None), text
        assert rx.sub(" ", text) == rx.pattern.sub(" ", text), text
        hits += rx.found(text)
    assert hits  # each marker is really exercised


def test_registration_deadline_cue_scans_folded() -> None:
    cue = eventinfo._DEADLINE_CUE
    texts = [*MARKER_TEXTS, "REGISTRATION DEADLINE: 3 May 2025. Anmeldung bis zum 12. Mai.",
             "Zgłoszenia przyjmujemy do dnia 5 czerwca; Inscriptions jusqu'au 4 juin."]
    assert sum(len(_spans(cue.finditer(t))) for t in texts) >= 4
    for text in texts:
        assert _spans(cue.finditer(text)) == _spans(cue.pattern.finditer(text)), text


@pytest.mark.parametrize("name", ["_LOCATIVE", "_LOCATIVE_ARTICLE", "_INSTITUTION"])
def test_folded_place_contexts_match_the_case_insensitive_ones(name: str) -> None:
    rx: FoldedPattern = getattr(gazetteer, name)
    befores = ["the fair held IN ", "w ", "Spotkanie odbyło się W ", "Meeting at The ",
               "hosted by the University of ", "CHAMBRE DE COMMERCE ET D'INDUSTRIE de ",
               "Urząd Miasta ", "nothing here ", "", "ıN ", "Stadt\n", "signed by the mayor "]
    hits = 0
    for before in befores:
        for text in (before, before[-16:]):
            assert rx.found(text) is (rx.pattern.search(text) is not None), text
            hits += rx.found(text)
    assert hits


def test_city_mentions_with_a_country_after_them() -> None:
    # no place word before the name: the known city counts only with its country after it
    text = ("The partners from Eindhoven, the Netherlands and from Zwolle (Netherlands) met "
            "Mayfield, Ireland and Springwood, Banana.")
    found = [c.local for c in gazetteer.city_mentions(text, "en")]
    assert "Eindhoven" in found and "Springwood" not in found


# ---------------------------------------------------------------------------- body pick

PICK_BODIES = [
    "Today the cluster has 300 members. The conference took place on 12 May 2023 in Graz.\n"
    "Yesterday we also met the partners; on Monday the workshop will be held in Linz.",
    "Published: 3 March 2023\nThe workshop was held yesterday in Lyon, and today the "
    "seminar continues. Registration closes on 20 March 2023.",
    "Heute beginnt die Messe in Köln, sie dauert bis 9. März 2023; gestern fand der "
    "Netzwerkabend statt.",
    "Last Friday the summit gathered 40 guests. Next Tuesday, 14 March 2023, a webinar "
    "follows. The previous edition on 5-6 May 2022 was smaller.",
    "No event here today, only news from yesterday about a new lab.",
    # a cue but no event word in the date's sentence (the plain test, not the relative one)
    "Today we publish the plan.\nThe visit will take place on 14 March 2023 in Graz.",
]


@pytest.mark.parametrize("body", PICK_BODIES)
@pytest.mark.parametrize("title_word", [True, False])
def test_body_pick_with_the_relative_day_test_first_picks_as_before(
        body: str, title_word: bool) -> None:
    published = DateValue("2023-03-09", "day", "meta", date(2023, 3, 9))
    directions: list[tuple[Direction, bool]] = [("after", False), ("before", True)]
    picked = []
    for direction, past in directions:
        ranges = event.text_ranges(body, "en", published.day, direction)
        relative = eventdates.relative_dates(body, published.day, past=past)
        assert relative  # relative days are really in the input
        ranges = sorted([*ranges, *relative], key=lambda r: r.span)
        for title_years in (frozenset(), frozenset({2023})):
            args = (ranges, body, title_word, published, title_word, title_years)
            pick = event._pick_body(*args)
            assert pick == _plain_pick_body(*args)
            picked.append(pick)
    if body.startswith("Published"):
        assert any(p is not None and p.kind == "relative" for p in picked)
    if body.startswith("Today we") and not title_word:
        assert all(p is not None and p.raw == "14 March 2023" for p in picked)


def _plain_pick_body(
    ranges: list[DateRange], body: str, title_event_word: bool, published: DateValue | None,
    title_names_event: bool = False, title_years: frozenset[int] = frozenset(),
) -> DateRange | None:
    """The event stage's pick before the relative-day test moved first (issue 14e).

    ``title_event_word``: the title or the lead speaks of an event; ``title_names_event``:
    the title itself has an event word."""
    best: tuple[int, int, DateRange] | None = None
    ranges = eventdates.joined(body, ranges)
    for index, rng in enumerate(ranges):
        before = body[max(0, rng.span[0] - 120) : rng.span[0]]
        after = body[rng.span[1] : rng.span[1] + 120]
        if event._LABELS.search(before):
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
        intro = event._INTRO.search(before[-40:]) is not None
        lo, hi = eventplace.sentence_bounds(body, rng.span)
        sentence = body[lo:hi]
        event_sentence = vocab.EVENT.found(sentence)
        cue_sentence = (vocab.REPORT.found(sentence)
                        or vocab.ANNOUNCE.found(sentence))
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
        if rng.kind == "relative":
            if not (event_sentence and cue_sentence):
                continue  # "the cluster today has 300 members" is no event date
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


def test_a_body_scan_outlives_the_short_texts_read_in_between() -> None:
    body = DATED[1] * 20
    daterange._raw_matches.cache_clear()
    first = daterange._raw_matches(body, False)
    for i in range(30):  # the publication date reads ~20 short texts of a page
        daterange._raw_matches(f"Posted {i + 1} May 2024 by the team", False)
    hits = daterange._raw_matches.cache_info().hits
    again = daterange._raw_matches(body, False)
    assert daterange._raw_matches.cache_info().hits == hits + 1 and again is first
    fresh = daterange._raw_matches.__wrapped__(body, False)
    assert [(f[:4], f[4].span()) for f in again] == [(f[:4], f[4].span()) for f in fresh]
