"""What a language module provides: date writing, city forms, UI words and text banks.

Each ``lang_xx`` module builds one `Lang`. Templates use ``str.format`` slots that the text
generator fills: {cluster} {topic} {event} {city} {in_city} {dates} {date} {company}
{company2} {programme} {deadline} {count} {year} {partner}, plus language-specific topic forms
(e.g. {topic_gen} in Polish, {de_topic} in French).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

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
