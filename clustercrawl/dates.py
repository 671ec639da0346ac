"""Date parsing helpers shared by discovery and extraction, on one table of month names.

Month names, abbreviations and range words come from the words files
(``clustercrawl/data/words/<lang>.yaml``, see :mod:`clustercrawl.words`): this module turns them
into lookups (:func:`month_number`, :func:`month_forms`, :func:`range_words`) and reads the
dates a listing prints (:func:`find_date`): "14.11.2018", "05/05/2022", "24 października
2014", "1er juillet". Discovery uses it for listing dates; the extractor's published and event
dates (``extract/dates.py``, ``extract/daterange.py``) still read ``extract/lexicon.py``, which
holds the same months and can be replaced by these lookups.

:func:`find_date` gives the raw text plus an ISO date when the text is a single, full,
unambiguous date. Numeric dates are day-first (the convention of every language here but US
English); a month-first reading is used only when day-first is impossible (``05/13/2022``).
Ranges and year-less dates keep their text and get no ISO date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from clustercrawl.words import fold, lang_words, languages, month_names

__all__ = [
    "DateMatch",
    "find_date",
    "iso_day",
    "make_date",
    "month_forms",
    "month_number",
    "range_words",
]


def month_number(word: str, language: str | None = None) -> int | None:
    """The month (1-12) a name or abbreviation means; ``language`` decides names that mean
    different months in different languages (Croatian "listopad" is October)."""
    key = fold(word).rstrip(".")
    if language:
        own = _language_months(language)
        if key in own:
            return own[key]
    return month_names().get(key)


@cache
def _language_months(language: str) -> dict[str, int]:
    if language not in languages():
        return {}
    months = lang_words(language).months
    if months is None:
        return {}
    table: dict[str, int] = {}
    for month in range(1, 13):
        for name in months.full_forms(month) + (months.short[month - 1] if months.short else ()):
            table.setdefault(fold(name).rstrip("."), month)
    return table


@cache
def month_forms(short: bool = False) -> frozenset[str]:
    """Every month name (``short``: every abbreviation) as written, lower-cased, for regexes."""
    found: set[str] = set()
    for code in languages():
        months = lang_words(code).months
        if months is None:
            continue
        for month in range(1, 13):
            if short:
                found.update(w.lower() for w in (months.short[month - 1] if months.short else ()))
            else:
                found.update(w.lower() for w in months.full_forms(month))
    return frozenset(found)


@cache
def range_words() -> tuple[str, ...]:
    """Words joining the two days of a range ("20 i 21", "du 3 au 5"), longest first."""
    found = {w.lower() for code in languages() for w in lang_words(code).range_words}
    return tuple(sorted(found, key=lambda w: (-len(w), w)))


def iso_day(value: object) -> date | None:
    """The calendar day an ISO date or datetime string starts with (None for anything else).
    One shared ``date`` object per day: grouping a million posts holds a quarter of a million
    event posts' days, two or three each."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    return _day(value[:10])


@lru_cache(maxsize=1 << 16)
def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def make_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None when there is no such day (31 February)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------------------- listing dates

_WORD = r"[^\W\d_]{3,}\.?"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")),
    ("dmy", re.compile(r"\b(\d{1,2})\s?\.\s?(\d{1,2})\s?\.\s?((?:19|20)\d\d)\b")),
    ("dmy", re.compile(r"\b(\d{1,2})[/-](\d{1,2})[/-]((?:19|20)\d\d)\b")),
    ("dmy2", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d\d)\b(?![.\d])")),
    (
        "d_month_y",
        re.compile(
            rf"\b(\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s+(?:de\s+|of\s+)?({_WORD})"
            rf",?\s+(?:de\s+|del\s+)?((?:19|20)\d\d)\b"
        ),
    ),
    ("month_d_y", re.compile(rf"\b({_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")),
    ("d_month", re.compile(rf"\b(\d{{1,2}})(?:\.|er|º)?\s+(?:de\s+)?({_WORD})(?!\s*\d)")),
)
_RANGE_BEFORE = re.compile(
    r"\d{1,2}\.?\s*(?:[-–—/]|(?:" + "|".join(re.escape(w) for w in range_words()) + r")\s)\s*$",
    re.IGNORECASE,
)
_DAY_DOT = re.compile(r"\d{1,2}\.")
_RANGE_AFTER = re.compile(r"^\s*[-–—]\s*\d{1,2}(?:\s?[./]\s?\d{1,2}|\.?\s+[^\W\d_]{3,})")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: ``raw`` as printed, ``iso`` only when it is unambiguous."""

    raw: str
    iso: str | None
    is_range: bool = False


def _trusted_alone(matched: str, word: str) -> bool:
    """Whether a month word makes a date without a year: a full name; an abbreviation with
    a dot after it or after the day, or in capitals ("3 lis.", "14. Dez", "14 NOV"); or one
    capitalised as its language writes months ("14 Feb": English, German). Abbreviations are
    words too: "iPhone 14 Pro" (Czech "pro", December), "5 out of 10" (Portuguese October)."""
    if fold(word).rstrip(".") in month_names(short=False):
        return True
    if word.endswith(".") or word.isupper() or _DAY_DOT.match(matched):
        return True
    return word[:1].isupper() and fold(word) in _capitalised_short()


@cache
def _capitalised_short() -> frozenset[str]:
    """Folded abbreviations of the languages that capitalise month names (the words files
    write months as dates show them)."""
    found: set[str] = set()
    for code in languages():
        months = lang_words(code).months
        if months is not None and months.in_date[0][:1].isupper():
            found.update(fold(w) for row in months.short for w in row)
    return frozenset(found)


def _interpret(kind: str, groups: tuple[str, ...], matched: str) -> tuple[str | None, bool]:
    """(iso, recognised): recognised False means the match is no date at all."""
    if kind == "iso":
        iso = make_date(int(groups[0]), int(groups[1]), int(groups[2]))
        return iso, iso is not None
    if kind in ("dmy", "dmy2"):
        first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
        iso = make_date(year, second, first) or make_date(year, first, second)
        if kind == "dmy2":
            valid = make_date(2000 + year, second, first) is not None
            return None, valid  # two-digit year: keep the text only
        return iso, iso is not None
    if kind == "d_month_y":
        month = month_number(groups[1])
        if month is None:
            return None, False
        iso = make_date(int(groups[2]), month, int(groups[0]))
        return iso, iso is not None
    if kind == "month_d_y":
        month = month_number(groups[0])
        if month is None:
            return None, False
        iso = make_date(int(groups[2]), month, int(groups[1]))
        return iso, iso is not None
    if kind == "d_month":
        month = month_number(groups[1])
        if month is None or not 1 <= int(groups[0]) <= 31 or not _trusted_alone(matched, groups[1]):
            return None, False
        return None, True
    return None, False


def find_date(text: str | None) -> DateMatch | None:
    """The earliest date in ``text`` (see module doc); None when there is none."""
    if not text:
        return None
    text = text.replace("\xa0", " ")
    best: tuple[int, int, DateMatch] | None = None
    for rank, (kind, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            if best is not None and match.start() > best[0]:
                break
            iso, ok = _interpret(kind, match.groups(), match.group(0))
            if not ok:
                continue
            before, after = text[: match.start()], text[match.end() :]
            start = match.start()
            is_range = False
            if range_start := _RANGE_BEFORE.search(before[-12:]):
                is_range = True
                start = match.start() - (len(before[-12:]) - range_start.start())
            elif _RANGE_AFTER.match(after):
                is_range = True
            raw = text[start : match.end()].strip()
            found = DateMatch(raw=raw, iso=None if is_range else iso, is_range=is_range)
            if best is None or (start, rank) < (best[0], best[1]):
                best = (start, rank, found)
            break
    return best[2] if best else None
