"""A date string from metadata or the page (ISO 8601, RFC 2822, or written in the page's
language) as one normalised value with its precision and source.

Split from :mod:`clustercrawl.extract.dates`, which finds the page's date sources: parsing a
value is shared by the API, feed, JSON-LD, meta, ``<time>``, byline and event readers.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser

from clustercrawl.extract.daterange import date_order_for, find_date_ranges
from clustercrawl.timezones import zone_named

__all__ = ["MAX_YEAR", "MIN_YEAR", "DateValue", "parse_date_value"]

log = logging.getLogger(__name__)

MIN_YEAR, MAX_YEAR = 1995, 2100

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: ISO value, its precision, where it came from, and its calendar day."""

    value: str
    precision: str  # "datetime", "day", "month" or "year"
    source: str
    day: date
    raw: str | None = field(default=None, compare=False)  # the text read, when visible

    def as_dict(self) -> dict[str, str | None]:
        return {"value": self.value, "source": self.source, "precision": self.precision}


def parse_date_value(
    raw: str | None,
    source: str,
    *,
    language: str | None = None,
    tz: str | None = None,
    date_order: str | None = None,
) -> DateValue | None:
    """A metadata date string (ISO, RFC 2822, or a written date) as a :class:`DateValue`.

    Naive datetimes get the site's time zone; written dates are read with the page language
    and day-first order; dateparser is the last resort, without relative dates.
    """
    if not raw:
        return None
    text = " ".join(raw.split())
    value = _parse_iso(text, tz) or _parse_rfc2822(text) or _parse_written(
        text, source, language, tz, date_order
    )
    if value is None:
        return None
    iso, precision, day = value
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        return None
    return DateValue(iso, precision, source, day)


def _render(moment: datetime, tz: str | None) -> tuple[str, str, date]:
    if moment.tzinfo is None:
        zone = zone_named(tz)
        if zone is not None:
            moment = moment.replace(tzinfo=zone)
    return moment.isoformat(timespec="seconds"), "datetime", moment.date()


def _parse_iso(text: str, tz: str | None) -> tuple[str, str, date] | None:
    compact = _COMPACT.match(text)
    if compact:
        text = "-".join(compact.groups())
    if not _ISO.match(text):
        return None
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1) if len(text) > 10 else text)
    except ValueError:
        try:
            only = date.fromisoformat(text[:10])
        except ValueError:
            return None
        return only.isoformat(), "day", only
    if len(text) == 10:
        return moment.date().isoformat(), "day", moment.date()
    return _render(moment, tz)


def _parse_rfc2822(text: str) -> tuple[str, str, date] | None:
    if not re.match(r"^[A-Za-z]{3},? \d{1,2} [A-Za-z]{3} \d{4} \d", text):
        return None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return moment.isoformat(timespec="seconds"), "datetime", moment.date()


def _parse_written(
    text: str, source: str, language: str | None, tz: str | None, date_order: str | None
) -> tuple[str, str, date] | None:
    for rng in find_date_ranges(text, language, date_order=date_order, month_only=True):
        if rng.is_range:
            continue
        if rng.precision == "month":
            return rng.start.isoformat(), "month", rng.start
        if rng.precision == "datetime":
            return rng.start_iso(tz), "datetime", rng.start
        return rng.start.isoformat(), "day", rng.start
    if len(text) > 60:
        return None
    return _dateparser(text, language, tz, date_order)


@lru_cache(maxsize=32)
def _date_data_parser(language: str | None, order: str) -> Any:
    """One configured dateparser per (language, order): building one costs ~50 ms."""
    settings = {
        "DATE_ORDER": order,
        "PREFER_DAY_OF_MONTH": "first",
        "REQUIRE_PARTS": ["month", "year"],
        "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        # absolute-time only; a fixed base keeps any leftover relative reading off the clock
        "RELATIVE_BASE": datetime(2000, 1, 1),
    }
    languages = [language] if language else None
    try:
        return DateDataParser(languages=languages, settings=settings)
    except ValueError:
        return DateDataParser(settings=settings)


def _dateparser(
    text: str, language: str | None, tz: str | None, date_order: str | None
) -> tuple[str, str, date] | None:
    lang = language.split("-")[0].lower() if language else None
    parser = _date_data_parser(lang, date_order or date_order_for(language))
    try:
        data = parser.get_date_data(text)
    except Exception as exc:  # dateparser raises assorted errors on odd input
        log.debug("dateparser failed on %r: %s", text, exc)
        return None
    moment = data.date_obj if data else None
    if moment is None:
        return None
    period = data.period or "day"
    if period == "month":
        return moment.date().replace(day=1).isoformat(), "month", moment.date().replace(day=1)
    if period == "year":
        return None
    if period == "time" and (moment.hour or moment.minute):
        return _render(moment, tz)
    return moment.date().isoformat(), "day", moment.date()
