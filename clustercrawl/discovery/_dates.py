"""Dates as listings print them: "14.11.2018", "05/05/2022", "24 października 2014", "1er juillet".

Only what a listing needs: the raw text plus an ISO date when the text is a single, full,
unambiguous date. Numeric dates are day-first (the convention of every language here but US
English); a month-first reading is used only when day-first is impossible (``05/13/2022``).
Ranges and year-less dates keep their text and get no ISO date. The extractor does the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from clustercrawl.words import fold, month_names

__all__ = ["DateMatch", "find_date"]

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
_RANGE_BEFORE = re.compile(r"\d{1,2}\.?\s*(?:[-–—/]|(?:a|i|and|und|et|y|e|au|al|bis)\s)\s*$")
_RANGE_AFTER = re.compile(r"^\s*[-–—]\s*\d{1,2}(?:\s?[./]\s?\d{1,2}|\.?\s+[^\W\d_]{3,})")


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date found in text: ``raw`` as printed, ``iso`` only when it is unambiguous."""

    raw: str
    iso: str | None
    is_range: bool = False


def _month(word: str) -> int | None:
    return month_names().get(fold(word).rstrip("."))


def _trusted_alone(word: str) -> bool:
    """Whether a month word makes a date without a year: a full name, or an abbreviation
    with a dot or a capital ("14 Nov", "3 lis."); lower-case abbreviations are also words
    ("5 out of 10": Portuguese October, "pro": Czech December)."""
    if fold(word).rstrip(".") in month_names(short=False):
        return True
    return word.endswith(".") or word[:1].isupper()


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _interpret(kind: str, groups: tuple[str, ...]) -> tuple[str | None, bool]:
    """(iso, recognised): recognised False means the match is no date at all."""
    if kind == "iso":
        iso = _make(int(groups[0]), int(groups[1]), int(groups[2]))
        return iso, iso is not None
    if kind in ("dmy", "dmy2"):
        first, second, year = int(groups[0]), int(groups[1]), int(groups[2])
        iso = _make(year, second, first) or _make(year, first, second)
        if kind == "dmy2":
            valid = _make(2000 + year, second, first) is not None
            return None, valid  # two-digit year: keep the text only
        return iso, iso is not None
    if kind == "d_month_y":
        month = _month(groups[1])
        if month is None:
            return None, False
        iso = _make(int(groups[2]), month, int(groups[0]))
        return iso, iso is not None
    if kind == "month_d_y":
        month = _month(groups[0])
        if month is None:
            return None, False
        iso = _make(int(groups[2]), month, int(groups[1]))
        return iso, iso is not None
    if kind == "d_month":
        month = _month(groups[1])
        if month is None or not 1 <= int(groups[0]) <= 31 or not _trusted_alone(groups[1]):
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
            iso, ok = _interpret(kind, match.groups())
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
