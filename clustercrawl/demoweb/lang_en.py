"""English (EU-level networks): "June 3-5, 2025", "14-16 May 2019", "22 and 23 June 2022"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("en").in_date
WEEKDAYS = lang_words("en").weekdays


def _long(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _range_us(s: date, e: date) -> str:
    if s.month != e.month:
        return f"from {MONTHS[s.month - 1]} {s.day} to {MONTHS[e.month - 1]} {e.day}, {e.year}"
    return f"on {MONTHS[s.month - 1]} {s.day}-{e.day}, {e.year}"


def _range_uk(s: date, e: date) -> str:
    if s.month != e.month:
        return f"from {s.day} {MONTHS[s.month - 1]} to {_long(e)}"
    return f"on {s.day}-{_long(e)}"


def _range_and(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"on {s.day} and {_long(e)}"
    return _range_uk(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} – {t:%H:%M} CET (Brussels time)"


LANG: Lang = make_lang(
    "en",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_us, _range_uk, _range_and),
    singles=(lambda d: f"on {_long(d)}", lambda d: f"on {WEEKDAYS[d.weekday()]}, {_long(d)}"),
    yearless=lambda s, e: f"on the {s.day}-{_ordinal(e.day)} of {MONTHS[e.month - 1]}",
    deadline=_deadline,
)
