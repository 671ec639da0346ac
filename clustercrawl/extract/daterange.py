"""A multilingual grammar for dates and date ranges in running text.

No date library parses ranges ("20-21 października 2014", "du 3 au 5 juin", "June 3-5, 2025"):
dateparser returns one end or nothing and misreads "20/21 października" as 2021. This module
matches a small set of shapes (numeric, day-first and month-first with names, month + year)
built from the per-language tables in :mod:`lexicon`, so a language is added by extending
tables. Year-less dates are resolved against a reference date (the publication date), never
against the machine clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, time
from functools import lru_cache

from clustercrawl.extract import lexicon
from clustercrawl.extract.datespan import (
    DateRange,
    Direction,
    date_order_for,
    resolve_year,
    to_iso,
)
from clustercrawl.extract.folded import same_fold

__all__ = [
    "DateRange",
    "Direction",
    "date_order_for",
    "find_date_ranges",
    "parse_date_range",
    "resolve_year",
    "to_iso",
]

# ---------------------------------------------------------------------------- grammar pieces

_LB = r"(?<![^\W\d_])"  # no letter before
_RB = r"(?![^\W\d_])"  # no letter after
_NB = r"(?<![\d:])(?<!\d[.,/])"  # a day does not continue a number or a time
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
_MNUM = r"(?:1[0-2]|0?[1-9])(?!\d)"
_YEAR = r"(?:19[7-9]\d|20\d\d)(?!\d)"
_ORD = "(?:" + lexicon.words_pattern(lexicon.ORDINAL_SUFFIXES) + ")?"
_MONTHS = lexicon.trie_pattern(lexicon.ALL_MONTH_NAMES | lexicon.ALL_MONTH_ABBREVIATIONS)
_DASH = r"[-‐‑‒–—−÷]"  # "6÷8 czerwca": Polish programmes use the division sign
_RANGE_WORDS = lexicon.words_pattern(w for ws in lexicon.RANGE_WORDS.values() for w in ws)
_WEEKDAY_IN = lexicon.words_pattern(w for ws in lexicon.WEEKDAYS.values() for w in ws)
# the second day's article and weekday: "et le", "e l'", "a giovedì", "au jeudi"
_SECOND = rf"(?:(?:el|le|il|the|den|dem)\s+|l['’]\s*)?(?:(?:{_WEEKDAY_IN})\.?[\s,]+)?"
# between the two days of a range: a dash, a slash, "&" or a word ("bis", "au", "y", "a"…)
_RSEP = (rf"(?:\s*(?:{_DASH}|/|&|\+)\s*(?:(?:{_WEEKDAY_IN})\.?[\s,]+)?|"
         rf"\s+(?:{_RANGE_WORDS})\s+{_SECOND}|"
         r"\s+all['’]\s*)")
# between two full dates: no slash (too ambiguous), but dashes and words
_XSEP = (rf"(?:\s*{_DASH}\s*(?:(?:{_WEEKDAY_IN})\.?[\s,]+)?|\s+(?:{_RANGE_WORDS})\s+{_SECOND}|"
         r"\s+all['’]\s*)")
_YSUF = r"(?:\s*(?:r\.|roku))?"  # Polish "2024 r." / "2024 roku" after a year
_DM = r"(?:\.\s*|\s+)(?:(?:de|of\s+the|of)\s+)?"  # "20. ", "20 ", "3 de ", "20th of "
_YSEP = r"(?:\s*,\s*|\s+(?:(?:de|del)\s+)?)"  # "junio de 2025", "June 3, 2025"


def _mon(group: str) -> str:
    return rf"{_LB}(?P<{group}>{_MONTHS}){_RB}\.?"


_PATTERNS: tuple[tuple[str, str], ...] = (
    # 2014-10-20 – 2014-10-21 and single ISO dates
    ("iso_range", rf"(?<!\d)(?P<y1>{_YEAR})-(?P<m1>0[1-9]|1[0-2])-(?P<d1>0[1-9]|[12]\d|3[01])"
                  rf"(?!\d){_XSEP}(?P<y2>{_YEAR})-(?P<m2>0[1-9]|1[0-2])-(?P<d2>0[1-9]|[12]\d|3[01])"
                  r"(?!\d)"),
    ("iso", rf"(?<![\d.])(?P<y>{_YEAR})(?P<s>[-/.])(?P<m>0[1-9]|1[0-2])(?P=s)"
            r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d])"),
    # 30.09.-02.10.2025, 30.09.2025 - 02.10.2025
    ("num_xrange", rf"{_NB}(?P<d1>{_DAY})(?P<s>\.\s?|/)(?P<m1>{_MNUM})(?:\.|/)?"
                   rf"(?:\s?(?P<y1>{_YEAR}))?{_XSEP}"
                   rf"(?P<d2>{_DAY})(?P=s)(?P<m2>{_MNUM})(?P=s)(?P<y2>{_YEAR})"),
    # 21-22.10.2014, 10 – 11.1.2023, 20.-21.10.2014, 20/21.10.2014
    ("num_range", rf"{_NB}(?P<d1>{_DAY})\.?{_RSEP}(?P<d2>{_DAY})(?P<s>\.\s?|/)"
                  rf"(?P<m>{_MNUM})(?P=s)(?P<y>{_YEAR})"),
    # 19.02.2025, 5. 6. 2025, 31-10-2017, 03/06/2025
    ("num", rf"{_NB}(?P<d>{_DAY})(?P<s>\.\s?|/|-)(?P<m>{_DAY})(?P=s)(?P<y>{_YEAR})"),
    # 30 września - 2 października 2025, 28 December 2024 – 3 January 2025
    ("named_xrange", rf"{_NB}(?P<d1>{_DAY}){_ORD}{_DM}{_mon('m1')}"
                     rf"(?:{_YSEP}(?P<y1>{_YEAR}){_YSUF})?{_XSEP}(?P<d2>{_DAY}){_ORD}{_DM}{_mon('m2')}"
                     rf"(?:{_YSEP}(?P<y2>{_YEAR}))?"),
    # 20-21 października 2014, 3.-5. Juni 2025, du 3 au 5 juin, 23. a 24. října, 5, 6 i 7 maja
    ("named_range", rf"{_NB}(?P<d1>{_DAY}){_ORD}\.?(?:\s*,\s*{_DAY}{_ORD}\.?)*{_RSEP}"
                    rf"(?P<d2>{_DAY}){_ORD}{_DM}{_mon('m')}(?:{_YSEP}(?P<y>{_YEAR}))?"),
    # 20. října 2014, 1er juillet, 25 de noviembre de 2025
    ("named", rf"{_NB}(?P<d>{_DAY}){_ORD}{_DM}{_mon('m')}(?:{_YSEP}(?P<y>{_YEAR}))?"),
    # June 30 - July 2, 2025
    ("md_xrange", rf"{_mon('m1')}\s+(?P<d1>{_DAY}){_ORD}(?:\s*,?\s*(?P<y1>{_YEAR}))?"
                  rf"{_XSEP}{_mon('m2')}\s+(?P<d2>{_DAY}){_ORD}(?:\s*,?\s*(?P<y2>{_YEAR}))?"),
    # June 3-5, 2025, October 20-21 2014
    ("md_range", rf"{_mon('m')}\s+(?P<d1>{_DAY}){_ORD}{_RSEP}(?P<d2>{_DAY}){_ORD}"
                 rf"(?:\s*,?\s*(?P<y>{_YEAR}))?"),
    # July 5, 2022
    ("md", rf"{_mon('m')}\s+(?P<d>{_DAY}){_ORD}(?:\s*,?\s*(?P<y>{_YEAR}))?"),
    # październik 2014, junio de 2025 (precision month)
    ("month", rf"{_mon('m')}(?:\s+(?:de|del))?\s+(?P<y>{_YEAR})"),
)

_COMPILED = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in _PATTERNS)
_KIND_ORDER = {kind: i for i, (kind, _) in enumerate(_PATTERNS)}

_TIME_WORDS = lexicon.words_pattern(lexicon.TIME_WORDS)
_WEEKDAYS = lexicon.words_pattern(w for ws in lexicon.WEEKDAYS.values() for w in ws)
_TZ = "|".join(sorted(lexicon.TZ_ABBREVIATIONS, key=len, reverse=True))
_T = r"(?:[01]?\d|2[0-3])(?:[:.][0-5]\d)?(?!\d)(?:\s?(?:h(?:[0-5]\d)?|uhr|[ap]\.?m\.?)" + _RB + ")?"
_TIME_SUFFIX = re.compile(
    rf"(?:\s*(?:r\.|roku))?(?:\s*\((?:{_WEEKDAYS})\))?\s*(?:[,|/]|{_DASH})?\s*"
    rf"(?:\((?:{_WEEKDAYS})\)\s*)?"
    rf"(?:(?P<kw>{_TIME_WORDS})\s*)?(?<!\d)(?P<t1>{_T})"
    rf"(?:\s*(?:{_DASH}|to|bis|do|à|a|al|alle|until)\s*(?:(?:{_TIME_WORDS})\s*)?(?P<t2>{_T}))?"
    rf"(?:\s*\(?(?P<tz>{_TZ})(?P<tzoff>[+-]\d{{1,2}})?{_RB}\)?)?",
    re.IGNORECASE,
)
_TIME_PARTS = re.compile(r"(\d{1,2})(?:[:.h]\s?(\d{2}))?\s*([ap])?", re.IGNORECASE)

_EN_MONTH_WORDS = frozenset(lexicon.MONTHS["en"]) | frozenset(lexicon.MONTH_ABBREVIATIONS["en"])


def find_date_ranges(
    text: str,
    language: str | None = None,
    *,
    reference: date | None = None,
    direction: Direction = "nearest",
    date_order: str | None = None,
    max_days: int = 366,
    month_only: bool = True,
) -> list[DateRange]:
    """All dates and date ranges in text, in reading order.

    ``language`` picks the meaning of ambiguous month names and the numeric order (MDY for
    en-US only). Year-less matches are resolved against ``reference`` in ``direction`` and
    dropped when there is no reference. Ranges longer than ``max_days`` are dropped.
    """
    if not text:
        return []
    lang = _primary(language)
    order = date_order or date_order_for(language)
    found = _raw_matches(text, month_only)
    taken: list[tuple[int, int]] = []
    results: list[DateRange] = []
    for start, end, _, kind, m in found:
        if any(start < e and s < end for s, e in taken):
            continue
        rng = _build(kind, m, lang=lang, order=order, reference=reference, direction=direction)
        if rng is None:
            continue
        # an impossible date ("29 lutego 2023") or a too-long range (a project period) still
        # hides its parts: they must not come back as a month or as single dates
        taken.append((start, end))
        if rng is _INVALID or rng.days > max_days:
            continue
        results.append(_with_time(rng, text))
    results.sort(key=lambda r: r.span)
    return results


_Found = tuple[tuple[int, int, int, str, re.Match[str]], ...]


@lru_cache(maxsize=64)
def _raw_matches(text: str, month_only: bool) -> _Found:
    """Every match of every shape, longest first, then the more specific rule. Cached: a
    post's title and body are scanned several times (event days, publication date, event,
    call deadline) with different references, which only change how matches are read; the
    publication date reads ~20 short texts of a page in between, so 64 texts are kept (16
    let the body's scan go before the event stage read it again)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    low = text.lower()
    months = _ANY_MONTH_LOW if same_fold(text, low) else None
    for lo, hi, digit in _digit_windows(text):
        year = _ANY_YEAR.search(text, lo, hi) is not None
        month = (months.search(low, lo, hi) if months is not None
                 else _ANY_MONTH.search(text, lo, hi))
        # every numeric and day-first shape starts at a digit, every month-first one at a
        # month name: their scans start there (a window opens 45 characters before its
        # first digit; lookbehinds still see the text before the start)
        for kind, rx in _shapes(year, month is not None):
            if kind == "month" and not month_only:
                continue
            assert month is not None or kind not in _MONTH_LED
            start = month.start() if kind in _MONTH_LED and month is not None else digit
            for m in rx.finditer(text, start, hi):
                found.append((m.start(), m.end(), _KIND_ORDER[kind], kind, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    return tuple(found)


#: every numeric shape holds a year; every named shape holds a month name. Two cheap
#: searches per window tell which shapes can match there (most windows are a number in
#: prose: "15 members", "2024"), so the other patterns are not run at all.
_NUMERIC_KINDS = frozenset({"iso_range", "iso", "num_xrange", "num_range", "num"})
_MONTH_LED = frozenset({"md_xrange", "md_range", "md", "month"})
_NUMERIC = tuple((k, rx) for k, rx in _COMPILED if k in _NUMERIC_KINDS)
# "month" (a month and a year) needs both
_NAMED = tuple((k, rx) for k, rx in _COMPILED if k not in _NUMERIC_KINDS and k != "month")
_ANY_YEAR = re.compile(_YEAR)
_ANY_MONTH = re.compile(rf"{_LB}(?:{_MONTHS}){_RB}", re.IGNORECASE)
# the same over the lowercased text (the month names are lowercase): 3-4 times faster
_ANY_MONTH_LOW = re.compile(rf"{_LB}(?:{_MONTHS}){_RB}")


def _shapes(year: bool, month: bool) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The shapes that can match in a window holding a year and/or a month name."""
    if year and month:
        return _COMPILED
    if year:
        return _NUMERIC
    if month:
        return _NAMED
    return ()


def _window_patterns(text: str, lo: int, hi: int) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The shapes that can match in ``text[lo:hi]`` (same bounds as the shapes' own scan,
    so a shape skipped here would have found nothing)."""
    return _shapes(_ANY_YEAR.search(text, lo, hi) is not None,
                   _ANY_MONTH.search(text, lo, hi) is not None)


_DIGITS = re.compile(r"\d+")
_WINDOW_BEFORE, _WINDOW_AFTER = 45, 45


def _digit_windows(text: str) -> list[tuple[int, int, int]]:
    """Stretches of text around digit clusters, with their first digit: every date has
    digits, most prose has few, so the patterns only run where a match is possible
    (lookbehinds still see the text before a window, so results equal a full scan)."""
    windows: list[tuple[int, int, int]] = []
    for m in _DIGITS.finditer(text):
        lo, hi = max(0, m.start() - _WINDOW_BEFORE), min(len(text), m.end() + _WINDOW_AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi, windows[-1][2])
        else:
            windows.append((lo, hi, m.start()))
    return windows


def parse_date_range(
    text: str,
    language: str | None = None,
    *,
    reference: date | None = None,
    direction: Direction = "nearest",
    date_order: str | None = None,
) -> DateRange | None:
    """The first date or range in text (see :func:`find_date_ranges`)."""
    found = find_date_ranges(
        text, language, reference=reference, direction=direction, date_order=date_order
    )
    return found[0] if found else None


# ---------------------------------------------------------------------------- building


_VERSION = re.compile(
    r"(?:(?:version|versión|versione|wersja|verze|verzia|versie|release|ver\.)\s*|\bv\.?)$",
    re.IGNORECASE)
_INVALID = DateRange(date.min, date.min, "", (0, 0), kind="invalid")


def _primary(language: str | None) -> str | None:
    if not language:
        return None
    return language.split("-")[0].split("_")[0].lower() or None


def _month(m: re.Match[str], group: str, lang: str | None, needs_year: bool) -> int | None:
    """Month of a named group, applying the rules that keep common words out."""
    word = m.group(group)
    key = word.lower()
    if key in lexicon.CAPITALISED_ONLY and not word[0].isupper():
        return None
    if lexicon.is_abbreviation(key):
        dotted = m.string[m.end(group) : m.end(group) + 1] == "."
        if needs_year and not dotted:
            return None
    return lexicon.month_number(key, lang)


def _int(m: re.Match[str], group: str) -> int | None:
    value = m.groupdict().get(group)
    return int(value) if value else None


def _build(
    kind: str,
    m: re.Match[str],
    *,
    lang: str | None,
    order: str,
    reference: date | None,
    direction: Direction,
) -> DateRange | None:
    if kind.startswith("num") and _VERSION.search(m.string, max(0, m.start() - 12), m.start()):
        return None  # "version 2.1.2023", "v1.2.2023" are version numbers
    parts = _parts(kind, m, lang, order)
    if parts is None:
        return None
    d1, m1, y1, d2, m2, y2 = parts
    inferred = False
    if y1 is None and y2 is None:
        if reference is None:
            return None
        y1 = resolve_year(m1, d1, reference, direction)
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
        inferred = True
    elif y1 is None:
        assert y2 is not None
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    elif y2 is None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    precision = "month" if kind == "month" else "day"
    try:
        start = date(y1, m1, d1)
        end = date(y2, m2, d2 if precision == "day" else calendar.monthrange(y2, m2)[1])
    except ValueError:
        return _INVALID
    if end < start:
        return _INVALID
    return DateRange(start=start, end=end, raw=m.group(0), span=m.span(), precision=precision,
                     year_inferred=inferred, kind=kind)


_Parts = tuple[int, int, int | None, int, int, int | None]


def _parts(kind: str, m: re.Match[str], lang: str | None, order: str) -> _Parts | None:
    """(d1, m1, y1, d2, m2, y2) for one match; None when a rule rejects it."""
    g = _int
    if kind in {"iso", "num"}:
        day, month, year = g(m, "d"), g(m, "m"), g(m, "y")
        assert day is not None and month is not None
        if kind == "num" and m.group("s") == "/" and (order == "MDY" or month > 12):
            day, month = month, day
        if month > 12:
            return None
        return day, month, year, day, month, year
    if kind in {"iso_range", "num_xrange"}:
        d1, m1, y1, d2, m2, y2 = (g(m, k) for k in ("d1", "m1", "y1", "d2", "m2", "y2"))
        assert d1 and m1 and d2 and m2
        return d1, m1, y1, d2, m2, y2
    if kind == "num_range":
        d1, d2, month, year = g(m, "d1"), g(m, "d2"), g(m, "m"), g(m, "y")
        assert d1 and d2 and month
        return _same_month(d1, d2, month, year)
    if kind in {"named_range", "md_range"}:
        if kind == "md_range" and m.group("m").lower() not in _EN_MONTH_WORDS:
            return None
        year = g(m, "y")
        month = _month(m, "m", lang, needs_year=year is None)
        d1, d2 = g(m, "d1"), g(m, "d2")
        if month is None or not d1 or not d2:
            return None
        return _same_month(d1, d2, month, year)
    if kind in {"named_xrange", "md_xrange"}:
        if kind == "md_xrange" and not (m.group("m1").lower() in _EN_MONTH_WORDS
                                        and m.group("m2").lower() in _EN_MONTH_WORDS):
            return None
        y1, y2 = g(m, "y1"), g(m, "y2")
        no_year = y1 is None and y2 is None
        m1 = _month(m, "m1", lang, needs_year=no_year)
        m2 = _month(m, "m2", lang, needs_year=no_year)
        d1, d2 = g(m, "d1"), g(m, "d2")
        if m1 is None or m2 is None or not d1 or not d2:
            return None
        if m1 == m2 and (d1 >= d2 or (y1 is not None and y2 is not None and y1 != y2)):
            return None  # "7 May to 10 May" is a range; "10 May - 7 May" and years apart not
        return d1, m1, y1, d2, m2, y2
    if kind in {"named", "md"}:
        if kind == "md" and m.group("m").lower() not in _EN_MONTH_WORDS:
            return None
        year = g(m, "y")
        month = _month(m, "m", lang, needs_year=year is None)
        day = g(m, "d")
        if month is None or not day:
            return None
        return day, month, year, day, month, year
    if kind == "month":
        year = g(m, "y")
        month = _month(m, "m", lang, needs_year=False)
        if month is None or lexicon.is_abbreviation(m.group("m")):
            return None
        return 1, month, year, 1, month, year
    return None


def _same_month(d1: int, d2: int, month: int, year: int | None) -> _Parts | None:
    """A range within one month; "30-2 października" starts in the month before."""
    if d1 <= d2:
        return d1, month, year, d2, month, year
    if d1 - d2 < 20:  # "21-20 maja" is a typo, not a 30-day range
        return None
    prev_month = 12 if month == 1 else month - 1
    prev_year = None if year is None else (year - 1 if month == 1 else year)
    return d1, prev_month, prev_year, d2, month, year


def _parse_time(text: str) -> time | None:
    m = _TIME_PARTS.match(text.strip())
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3):
        ampm = m.group(3).lower()
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _with_time(rng: DateRange, text: str) -> DateRange:
    """Attach a time ("- 18:20", "godz. 10.00", "18:00 CET") that follows a day date."""
    if rng.precision == "month":
        return rng
    m = _TIME_SUFFIX.match(text, rng.span[1])
    if not m:
        return rng
    t1 = m.group("t1")
    explicit = ":" in t1 or re.search(r"h|uhr|[ap]\.?m", t1, re.IGNORECASE) is not None
    if not explicit and not m.group("kw"):
        return rng
    start_time = _parse_time(t1)
    if start_time is None:
        return rng
    end_time = _parse_time(m.group("t2")) if m.group("t2") else None
    offset = None
    if m.group("tz"):
        offset = lexicon.TZ_ABBREVIATIONS[m.group("tz").lower()]
        if m.group("tzoff"):
            offset += int(m.group("tzoff")) * 60
    if end_time is not None and rng.is_range:
        end_time = None  # "3-5 June, 9:00-17:00" gives daily hours, not the end moment
    if end_time is not None and end_time < start_time:
        end_time = None
    raw_end = m.end()
    return replace(
        rng,
        raw=text[rng.span[0] : raw_end],
        span=(rng.span[0], raw_end),
        precision="datetime",
        start_time=start_time,
        end_time=end_time,
        utc_offset=offset,
    )
