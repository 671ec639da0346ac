"""Polish: genitive months in dates, locative city phrases ("w Brukseli"), Polish chrome."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("pl").in_date
WEEKDAYS = lang_words("pl").weekdays
WEEKDAYS_ACC = ("poniedziałek", "wtorek", "środę", "czwartek", "piątek", "sobotę", "niedzielę")


def _long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month == e.month:
        return f"w dniach {s.day}-{e.day} {MONTHS[s.month - 1]} {s.year} r."
    return f"w dniach {s.day} {MONTHS[s.month - 1]} – {_long(e)} r."


def _range_b(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day} {MONTHS[e.month - 1]} {e.year} roku"


def _range_c(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day}.{mm(e)}.{e.year}"


def _single_a(d: date) -> str:
    return f"{_long(d)} r."


def _single_b(d: date) -> str:
    return f"w {WEEKDAYS_ACC[d.weekday()]}, {_long(d)} r."


def _yearless(s: date, e: date) -> str:
    return f"w dniach {s.day}-{e.day} {MONTHS[e.month - 1]}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} r., godz. {t:%H:%M}"


LANG: Lang = make_lang(
    "pl",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(_single_a, _single_b),
    yearless=_yearless,
    deadline=_deadline,
)
