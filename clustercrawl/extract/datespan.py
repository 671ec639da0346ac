"""A date or date range found in text, and the rules every reader of one shares: its ISO
form with the best known offset, the site's day/month order, the year of a year-less date.

Split from :mod:`clustercrawl.extract.daterange` (the grammar that finds them), which
re-exports these names.
"""

from __future__ import annotations

from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DATE_ORDER_OVERRIDE",
    "DateRange",
    "Direction",
    "date_order_for",
    "resolve_year",
    "to_iso",
]

Direction = Literal["after", "before", "nearest"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A date or date range found in text, with what was matched and how precise it is."""

    start: date
    end: date
    raw: str
    span: tuple[int, int]
    precision: str = "day"  # "day", "month" or "datetime"
    start_time: time | None = None
    end_time: time | None = None
    utc_offset: int | None = None  # minutes, from an abbreviation such as CET next to a time
    year_inferred: bool = False
    kind: str = ""

    @property
    def is_range(self) -> bool:
        """True for a multi-day range (a month counts as one)."""
        return self.end != self.start and self.precision != "month"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def start_iso(self, tz: str | None = None) -> str:
        """ISO date, or datetime with offset when a time was given (site zone when no abbr)."""
        return to_iso(self.start, self.start_time, self.utc_offset, tz)

    def end_iso(self, tz: str | None = None) -> str:
        return to_iso(self.end, self.end_time, self.utc_offset, tz)

    def same_dates(self, other: DateRange) -> bool:
        return self.start == other.start and self.end == other.end


def to_iso(day: date, at: time | None, utc_offset: int | None, tz: str | None) -> str:
    """Render a date (plus optional time) as ISO 8601, attaching the best known offset."""
    if at is None:
        return day.isoformat()
    moment = datetime.combine(day, at)
    if utc_offset is not None:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=utc_offset)))
    elif tz:
        with suppress(ZoneInfoNotFoundError, ValueError):
            moment = moment.replace(tzinfo=ZoneInfo(tz))
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


#: The site's date order when its registry entry sets one (``overrides.date_order``): set by
#: ``extract_post(date_order=...)`` for the duration of one extraction.
DATE_ORDER_OVERRIDE: ContextVar[str | None] = ContextVar("date_order_override", default=None)


def date_order_for(language: str | None) -> str:
    """Day-first everywhere in this domain except US English (or the site's override)."""
    override = DATE_ORDER_OVERRIDE.get()
    if override:
        return override
    if language and language.lower().replace("_", "-") in {"en-us", "en-ph"}:
        return "MDY"
    return "DMY"


def resolve_year(month: int, day: int, reference: date, direction: Direction = "nearest") -> int:
    """The year putting day/month nearest after (announcements) or before (reports) reference."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return reference.year
    slack = timedelta(days=7)  # a report may be posted a few days before the event ends, etc.
    if direction == "after":
        later = [c for c in candidates if c >= reference - slack]
        if later:
            return min(later).year
    elif direction == "before":
        earlier = [c for c in candidates if c <= reference + slack]
        if earlier:
            return max(earlier).year
    return min(candidates, key=lambda c: abs((c - reference).days)).year
