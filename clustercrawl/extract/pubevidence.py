"""The publication date chosen by evidence, not by a fixed first-wins order.

Every source that names a publication day is a :class:`Candidate` of a *family*: sources of
one family copy the same CMS field (JSON-LD, ``<meta>``, microdata and ``<time>`` all print
the database's ``published`` value; htmldate mostly reads those same tags), so a family
counts once per day, with its strongest member. Independent families add up: the date a
reader sees (byline, labelled date), the URL, the date in the page title, the listing entry.

Measured on third-party pages, the families disagree in recognisable ways, each handled here
rather than by a page-specific rule:

- a machine value of another day than the byline is usually a template, re-save or import
  date: the visible byline weighs more than one machine value, less than a machine value
  the URL confirms;
- a numeric date read month-first in one place and day-first in another is one date: a
  visible value that is the swap of a machine value supports the machine value;
- an instant close to midnight is the next (or previous) day somewhere: it lends half its
  weight to the neighbouring day;
- a page that shows only an "updated" date to its readers is dated by it when nothing
  else visible contradicts (weakly: any published value of another day beats it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from clustercrawl.extract.dates import DateValue

__all__ = ["FAMILY_ORDER", "Candidate", "choose", "conflicting", "decided"]

#: families from the most to the least trusted, for ties and for the value reported
FAMILY_ORDER: tuple[str, ...] = (
    "channel", "machine", "listing", "url", "visible", "title", "updated", "htmldate", "guess")
#: htmldate reads the machine tags: it counts in their slot, but is reported last
_COUNTS_AS = {"htmldate": "machine"}
_RANK = {name: i for i, name in enumerate(FAMILY_ORDER)}
#: a naive machine time this close to midnight, or a UTC instant this close (zones reach
#: UTC-5..+4 for most sites), lends weight to the neighbouring day
_NAIVE_HOURS, _UTC_HOURS = 2, 5
_INSTANT_FAMILIES = frozenset({"machine", "htmldate", "channel", "listing"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One source's reading of the publication date, with how much it weighs."""

    value: DateValue
    family: str
    weight: float

    def support(self, day: object) -> float:
        """What this candidate says for ``day``: its weight for its own day; half of it for
        the neighbouring day when it is a machine instant that may be another day where the
        site is (UTC in the evening or early morning, or a naive time near midnight)."""
        if self.value.day == day:
            return self.weight
        if self.value.precision != "datetime" or self.family not in _INSTANT_FAMILIES:
            return 0.0
        try:
            moment = datetime.fromisoformat(self.value.value)
        except ValueError:
            return 0.0
        if moment.tzinfo is None:
            late, early = 24 - _NAIVE_HOURS, _NAIVE_HOURS
        elif moment.utcoffset() == timedelta(0):
            late, early = 24 - _UTC_HOURS, _UTC_HOURS
        else:
            return 0.0  # an instant in a named zone is already the local day
        if (moment.hour, moment.minute, moment.second) == (0, 0, 0):
            return 0.0  # a date written as a midnight datetime
        if moment.hour >= late and self.value.day + timedelta(days=1) == day:
            return self.weight / 2
        if moment.hour < early and self.value.day - timedelta(days=1) == day:
            return self.weight / 2
        return 0.0


def _scores(cands: list[Candidate], month_bonus: tuple[int, int] | None,
            ) -> dict[object, float]:
    days = {c.value.day for c in cands if c.value.precision != "month"}
    if not days:
        days = {c.value.day for c in cands}
    out: dict[object, float] = {}
    for day in days:
        best: dict[str, float] = {}
        for cand in cands:
            weight = cand.support(day)
            family = _COUNTS_AS.get(cand.family, cand.family)
            if weight > best.get(family, 0.0):
                best[family] = weight
        score = sum(best.values())
        if month_bonus is not None and (day.year, day.month) == month_bonus:
            score += 1.0
        out[day] = score
    return out


def conflicting(cands: Iterable[Candidate]) -> bool:
    """Whether the candidates name more than one day (a tie-breaker is worth running)."""
    days = {c.value.day for c in cands if c.value.precision != "month"}
    return len(days) > 1


def decided(cands: list[Candidate], url_month: DateValue | None, weight: float) -> bool:
    """Whether one more candidate of at most ``weight`` cannot change the day chosen: the best
    day leads every other by more than that (a tie-breaker need not run)."""
    month = (url_month.day.year, url_month.day.month) if url_month is not None else None
    ranked = sorted(_scores(cands, month).values(), reverse=True)
    return len(ranked) < 2 or ranked[0] - ranked[1] > weight


def choose(cands: list[Candidate], url_month: DateValue | None = None) -> DateValue | None:
    """The best-supported day, reported with its most trusted candidate's value."""
    if not cands:
        return url_month
    month = (url_month.day.year, url_month.day.month) if url_month is not None else None
    scores = _scores(cands, month)
    if not scores:
        return url_month

    first_seen: dict[object, int] = {}
    for i, cand in enumerate(cands):
        first_seen.setdefault(cand.value.day, i)

    def key(day: object) -> tuple[float, int, int]:
        # ties go to the most trusted family, then to the source read first: never to the
        # order of a set of days, which changes with the interpreter's hash seed
        rank = min((_RANK[c.family] for c in cands if c.value.day == day), default=99)
        return (scores[day], -rank, -first_seen.get(day, len(cands)))

    best_day = max(scores, key=key)
    on_day = [c for c in cands if c.value.day == best_day]
    if not on_day:
        return None
    # report the most trusted, then the most precise, value of that day
    precision = {"datetime": 0, "day": 1, "month": 2, "year": 3}
    chosen = min(on_day, key=lambda c: (_RANK[c.family], precision.get(c.value.precision, 4),
                                        -c.weight))
    if chosen.value.precision == "month" and url_month is not None:
        return url_month
    return chosen.value
