"""French: "du 3 au 5 juin 2025", "les 26 et 27 mai 2021", "le 1er juillet", "05/07/2022"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("fr").in_date
WEEKDAYS = lang_words("fr").weekdays


def _day(d: date) -> str:
    return "1er" if d.day == 1 else str(d.day)


def _long(d: date) -> str:
    return f"{_day(d)} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"du {_day(s)} {MONTHS[s.month - 1]} au {_long(e)}"
    return f"du {_day(s)} au {e.day} {MONTHS[e.month - 1]} {e.year}"


def _range_b(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"les {_day(s)} et {e.day} {MONTHS[e.month - 1]} {e.year}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} à {t.hour}h{t:%M}"


LANG: Lang = make_lang(
    "fr",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a, _range_b),
    singles=(lambda d: f"le {_long(d)}", lambda d: f"le {WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: f"du {_day(s)} au {e.day} {MONTHS[e.month - 1]}",
    deadline=_deadline,
)
