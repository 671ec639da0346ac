"""Spanish: "del 3 al 5 de junio de 2025", "14 y 15 de abril", "25 de noviembre de 2025"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("es").in_date
WEEKDAYS = lang_words("es").weekdays


def _long(d: date) -> str:
    return f"{d.day} de {MONTHS[d.month - 1]} de {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"del {s.day} de {MONTHS[s.month - 1]} al {_long(e)}"
    return f"del {s.day} al {_long(e)}"


def _range_b(s: date, e: date) -> str:
    if (e - s).days == 1 and s.month == e.month:
        return f"los días {s.day} y {_long(e)}"
    return _range_a(s, e)


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} a las {t:%H:%M} horas"


LANG: Lang = make_lang(
    "es",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a, _range_b),
    singles=(lambda d: f"el {_long(d)}", lambda d: f"el {WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: (
        f"los días {s.day} y {e.day} de {MONTHS[e.month - 1]}"
        if (e - s).days == 1
        else f"del {s.day} al {e.day} de {MONTHS[e.month - 1]}"
    ),
    deadline=_deadline,
)
