"""Czech: "20. října 2014", "5. 6. 2025", "10 – 11.1.2023", "23. a 24. října", "v Praze"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("cs").in_date
WEEKDAYS = lang_words("cs").weekdays


def _long(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"ve dnech {s.day}. {MONTHS[s.month - 1]} – {_long(e)}"
    return f"ve dnech {s.day}. – {_long(e)}"


def _range_b(s: date, e: date) -> str:
    return f"ve dnech {s.day} – {e.day}.{e.month}.{e.year}"


def _range_c(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"ve dnech {s.day}. a {_long(e)}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} do {t:%H:%M} hodin"


LANG: Lang = make_lang(
    "cs",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(_long, lambda d: f"{d.day}. {d.month}. {d.year}"),
    yearless=lambda s, e: (
        f"ve dnech {s.day}. a {e.day}. {MONTHS[e.month - 1]}"
        if (e - s).days == 1
        else f"ve dnech {s.day}. – {e.day}. {MONTHS[e.month - 1]}"
    ),
    deadline=_deadline,
)
