"""German: "3.-5. Juni 2025", "vom 20. bis 28. April 2017", "am 8. Oktober 2020", "14.11.2018"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("de").in_date
WEEKDAYS = lang_words("de").weekdays


def _long(d: date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"vom {s.day}. {MONTHS[s.month - 1]} bis {_long(e)}"
    return f"vom {s.day}. bis {e.day}. {MONTHS[e.month - 1]} {e.year}"


def _range_b(s: date, e: date) -> str:
    return f"vom {s.day}.-{e.day}. {MONTHS[e.month - 1]} {e.year}"


def _range_c(s: date, e: date) -> str:
    if (e - s).days == 1:
        return f"am {s.day}. und {e.day}. {MONTHS[e.month - 1]} {e.year}"
    return f"vom {dd(s)}.{mm(s)}. bis {dd(e)}.{mm(e)}.{e.year}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())}, {t:%H:%M} Uhr"


LANG: Lang = make_lang(
    "de",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}.{mm(d)}.{d.year}",
    ranges=(_range_a, _range_b, _range_c),
    singles=(lambda d: f"am {_long(d)}", lambda d: f"am {WEEKDAYS[d.weekday()]}, {_long(d)}"),
    yearless=lambda s, e: f"vom {s.day}. bis {e.day}. {MONTHS[e.month - 1]}",
    deadline=_deadline,
)
