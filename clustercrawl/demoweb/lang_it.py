"""Italian: "dal 3 al 5 giugno 2025", "dal 7 all'8 maggio", "Giovedì 5 maggio 2022 - 18:20"."""

from __future__ import annotations

from datetime import date, datetime

from clustercrawl.words import lang_words

from .lang_base import Lang, dd, make_lang, mm, months

MONTHS = months("it").in_date
WEEKDAYS = lang_words("it").weekdays


def _vowel(day: int) -> bool:
    return day in (8, 11)


def _day(day: int) -> str:
    return "1°" if day == 1 else str(day)


def _dal(day: int) -> str:
    return f"dall'{day}" if _vowel(day) else f"dal {_day(day)}"


def _al(day: int) -> str:
    return f"all'{day}" if _vowel(day) else f"al {day}"


def _long(d: date) -> str:
    return f"{_day(d.day)} {MONTHS[d.month - 1]} {d.year}"


def _range_a(s: date, e: date) -> str:
    if s.month != e.month:
        return f"{_dal(s.day)} {MONTHS[s.month - 1]} {_al(e.day)} {MONTHS[e.month - 1]} {e.year}"
    return f"{_dal(s.day)} {_al(e.day)} {MONTHS[e.month - 1]} {e.year}"


def _single_a(d: date) -> str:
    return f"l'{_long(d)}" if _vowel(d.day) else f"il {_long(d)}"


def heading_datetime(d: date, hhmm: str) -> str:
    """The event-box line of Italian sites: "Giovedì 5 maggio 2022 - 18:20"."""
    return f"{WEEKDAYS[d.weekday()].capitalize()} {d.day} {MONTHS[d.month - 1]} {d.year} - {hhmm}"


def _deadline(t: datetime) -> str:
    return f"{_long(t.date())} alle ore {t:%H:%M}"


LANG: Lang = make_lang(
    "it",
    date_long=_long,
    date_numeric=lambda d: f"{dd(d)}/{mm(d)}/{d.year}",
    ranges=(_range_a,),
    singles=(_single_a, lambda d: f"{WEEKDAYS[d.weekday()]} {_long(d)}"),
    yearless=lambda s, e: f"{_dal(s.day)} {_al(e.day)} {MONTHS[e.month - 1]}",
    deadline=_deadline,
)
