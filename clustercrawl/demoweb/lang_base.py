"""What a language module provides: date writing, city forms, UI words and text banks.

Each ``lang_xx`` module writes dates in its grammar and builds one `Lang` with
:func:`make_lang`, which reads the rest as data: month, weekday and the labels the crawler
must recognise (sections, pager, "read more", "back") from the crawler's own words file
``clustercrawl/data/words/<lang>.yaml``, so the demo web cannot drift from what discovery
recognises; page chrome, cities and text banks from ``demoweb/data/<lang>.yaml``.

Templates use ``str.format`` slots that the text generator fills: {cluster} {topic} {event}
{city} {in_city} {dates} {date} {company} {company2} {programme} {deadline} {count} {year}
{partner}, plus language-specific topic forms (e.g. {topic_gen} in Polish, {de_topic} in
French).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any, TypedDict, Unpack

import yaml

from clustercrawl.words import LangWords, Months, WordsError, fold, lang_words, slug

from .model import City

DateFn = Callable[[date], str]
RangeFn = Callable[[date, date], str]

#: Sentence-bank keys every language defines.
BANK_KEYS = (
    "intro_news",
    "intro_event_announcement",
    "intro_event_report",
    "intro_call",
    "intro_member_news",
    "news",
    "event_announcement",
    "event_report",
    "call",
    "member_news",
    "generic",
    "close_event_announcement",
    "close_call",
)


@dataclass(frozen=True)
class Lang:
    """Language data for page chrome and generated content."""

    code: str
    months: tuple[str, ...]  # as written inside a date (genitive in pl/cs)
    weekdays: tuple[str, ...]  # Monday first
    cities: Mapping[str, City]
    ui: Mapping[str, str]
    date_long: DateFn  # "24 października 2014"
    date_numeric: DateFn  # listing style, "14.11.2018"
    ranges: tuple[RangeFn, ...]  # multi-day event date styles (with year)
    singles: tuple[DateFn, ...]  # one-day event date styles (with year)
    yearless: RangeFn  # a range without the year (the reader infers it)
    deadline: Callable[[datetime], str]
    titles: Mapping[str, tuple[str, ...]]
    sentences: Mapping[str, tuple[str, ...]]
    topics: tuple[Mapping[str, str], ...]
    event_names: tuple[str, ...]
    companies: tuple[str, ...]
    programmes: tuple[str, ...]
    partners: tuple[str, ...]
    cluster_names: tuple[str, ...]  # for generated extra sites
    pages: Mapping[str, tuple[str, str]]  # about/members/contact: (title, paragraph)
    tags: tuple[str, ...] = ()
    months_nom: tuple[str, ...] = ()  # nominative, for headings ("październik 2014")

    def month_heading(self, year: int, month: int) -> str:
        """Calendar heading such as "Červen 2025"."""
        names = self.months_nom or self.months
        return f"{names[month - 1].capitalize()} {year}"

    def month(self, d: date) -> str:
        """Month name as used inside a date."""
        return self.months[d.month - 1]

    def weekday(self, d: date) -> str:
        """Weekday name, capitalised as in a heading."""
        return self.weekdays[d.weekday()]


def dd(d: date) -> str:
    """Zero-padded day."""
    return f"{d.day:02d}"


def mm(d: date) -> str:
    """Zero-padded month."""
    return f"{d.month:02d}"


#: html lang / og:locale region per language.
LOCALES = {
    "pl": "pl-PL", "de": "de-DE", "fr": "fr-FR", "es": "es-ES", "it": "it-IT", "cs": "cs-CZ",
    "en": "en-GB",
}


#: UI labels the crawler must recognise -> the :class:`LangWords` list they come from.
ROLES = {"nav_news": "news", "cat_news": "news", "nav_events": "events", "cat_events": "events",
         "read_more": "read_more", "back": "back", "next_page": "next", "older": "older",
         "prev_page": "prev", "newer": "newer"}
#: Section slugs: the slug of the section's first name unless the data says otherwise.
SLUG_ROLES = {"slug_news": ("news", "news_slugs"), "slug_events": ("events", "events_slugs")}
#: Standing pages the crawler must know as such (never a post); no default.
PAGE_ROLES = ("slug_about", "slug_members", "slug_contact")


def months(code: str) -> Months:
    """Month names of a demo language, from the crawler's words file."""
    found = lang_words(code).months
    if found is None:
        raise WordsError(f"clustercrawl/data/words/{code}.yaml: the demo web needs months")
    return found


@cache
def _data(code: str) -> dict[str, Any]:
    path = f"clustercrawl/demoweb/data/{code}.yaml"
    text = resources.files("clustercrawl.demoweb").joinpath("data", f"{code}.yaml")
    data = yaml.safe_load(text.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data


def _ui(code: str, given: Mapping[str, str], words: LangWords) -> dict[str, str]:
    """The page chrome labels, the recognised ones checked against (or taken from) the words."""
    where = f"clustercrawl/demoweb/data/{code}.yaml: ui"
    words_file = f"clustercrawl/data/words/{code}.yaml"
    ui = dict(given)
    for key, field in ROLES.items():
        choices: tuple[str, ...] = getattr(words, field)
        if key not in ui:
            if not choices:
                raise WordsError(f"{words_file} lists no {field} word for the demo's ui.{key}")
            ui[key] = choices[0]
        elif fold(ui[key]) not in {fold(c) for c in choices}:
            raise WordsError(f"{where}.{key} {ui[key]!r} is not among the {field} words of "
                             f"{words_file}: the crawler would not recognise it")
    for key, (names, slugs) in SLUG_ROLES.items():
        known = [slug(n) for n in getattr(words, names)] + [fold(s) for s in getattr(words, slugs)]
        if key not in ui and known:
            ui[key] = known[0]
        elif ui.get(key) not in known:
            raise WordsError(f"{where}.{key} {ui.get(key)!r} is no {names} slug of {words_file}")
    pages = {fold(p) for p in words.standing_pages}
    for key in PAGE_ROLES:
        if key in ui and fold(ui[key]) not in pages:
            raise WordsError(f"{where}.{key} {ui[key]!r} is not among the standing_pages of "
                             f"{words_file}: the crawler would take the page for a post")
    return ui


class Grammar(TypedDict):
    """How a language writes dates: the code part of a `Lang` (the rest is data)."""

    date_long: DateFn
    date_numeric: DateFn
    ranges: tuple[RangeFn, ...]
    singles: tuple[DateFn, ...]
    yearless: RangeFn
    deadline: Callable[[datetime], str]


def make_lang(code: str, **grammar: Unpack[Grammar]) -> Lang:
    """A `Lang` from the language's date grammar (given) and its words and texts (data)."""
    words, data, names = lang_words(code), _data(code), months(code)

    def rows(key: str) -> tuple[str, ...]:
        return tuple(data[key])

    def bank(key: str) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in data[key].items()}

    return Lang(
        code=code,
        months=names.in_date,
        months_nom=names.nominative,
        weekdays=words.weekdays,
        cities={row[0]: City(*row) for row in data["cities"]},
        ui=_ui(code, data["ui"], words),
        titles=bank("titles"),
        sentences=bank("sentences"),
        topics=tuple(dict(t) for t in data["topics"]),
        event_names=rows("event_names"),
        companies=rows("companies"),
        programmes=rows("programmes"),
        partners=rows("partners"),
        cluster_names=rows("cluster_names"),
        pages={k: (v[0], v[1]) for k, v in data["pages"].items()},
        tags=rows("tags"),
        **grammar,
    )
