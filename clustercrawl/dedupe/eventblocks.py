"""Where event posts are filed and where they look (blocking): only posts that share a
filing key are ever scored against each other, so grouping stays linear in the posts.

Dated posts are filed under (city, day) for each day they cover, proper names by month, kinds
of event by month (where postponed notices look) and other name features by month (where
undated posts look); undated posts under their name features over the months of their window.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from clustercrawl.dedupe.events import EventFacts

__all__ = ["MAX_SPAN_DAYS", "POSTPONE_REACH", "TOLERANCE", "BlockIndex", "block_keys", "placed",
           "query_keys"]

TOLERANCE = timedelta(days=1)
_NO_SLACK = timedelta(0)
MAX_SPAN_DAYS = 92  # longer "events" (exhibitions, programmes) are blocked on their start
#: how far before its new dates a postponed notice looks for the earlier announcement
POSTPONE_REACH = timedelta(days=365)


def placed(facts: EventFacts) -> bool:
    """The post names the city where the event is held ("online" is how one takes part)."""
    return bool(facts.city_key) and facts.city_key != "online"


@functools.lru_cache(maxsize=1 << 14)  # a run's date ranges repeat: computed once each
def _span(ranges: tuple[tuple[date, date], ...], slack: timedelta
          ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Day numbers covered by the post's ranges (widened by ``slack``), long ones capped,
    and their months: each in the order of the set it was gathered in."""
    days: set[int] = set()
    for start, end in ranges:
        first = (start - slack).toordinal()
        last = (min(end, start + timedelta(days=MAX_SPAN_DAYS)) + slack).toordinal()
        days.update(range(first, last + 1))
    return tuple(days), tuple({_month(d) for d in days})


def _month(day: int) -> int:
    moment = date.fromordinal(day)
    return moment.year * 12 + moment.month - 1


@functools.lru_cache(maxsize=1 << 14)
def _months_between(start: date, end: date) -> tuple[int, ...]:
    return tuple(set(range(_month(start.toordinal()), _month(end.toordinal()) + 1)))


def _window_months(facts: EventFacts) -> tuple[int, ...]:
    return _months_between(facts.start, facts.end)


def _type_keys(facts: EventFacts, months: Iterable[int]) -> list[tuple[str, int]]:
    return [("T:" + t, m) for t in facts.features.types for m in months]


def _name_keys(facts: EventFacts, months: Iterable[int]) -> list[tuple[str, int]]:
    """What an undated post must share beyond the kind of event and "cluster", by month."""
    fx = facts.features
    return [("F:" + k, m) for k in fx.weights if k not in fx.types and k != "cluster"
            for m in months]


def block_keys(facts: EventFacts, stored: bool = False) -> list[tuple[str, int]]:
    """Where a post is filed: (city, day) for each day it covers; under its proper names
    and month too; every post under its days ("#"), and a post without a city (or online)
    also under "?" days: posts with and without a city find each other whichever comes first.
    Under
    its kinds of event by month (where postponed notices look) and its other name features
    by month (where undated posts look; undated posts are filed only there, unless they come
    from an earlier run: then also under the days of their window, where this run's dated
    posts look)."""
    if not facts.dated:
        keys = _name_keys(facts, _window_months(facts))
        if stored:
            window = range(facts.start.toordinal(), facts.end.toordinal() + 1)
            keys += [(facts.city_key or "?", d) for d in window] + [("#", d) for d in window]
        return keys
    days, months = _span(facts.ranges(), _NO_SLACK)
    keys = [(facts.city_key, d) for d in days] if facts.city_key else []
    keys += [("#", d) for d in days]
    if not placed(facts):
        keys += [("?", d) for d in days]
    names = ["*" + k for k in facts.features.weights if k[0] in "AE"]
    keys += [(n, m) for n in names for m in months]
    return keys + _type_keys(facts, months) + _name_keys(facts, months)


def query_keys(facts: EventFacts) -> list[tuple[str, int]]:
    """Where to look: the same city on the days covered, give or take the tolerance, and
    the events started by posts that name no city; a post without a city (or attended
    online) looks at every event of its days. Then the same proper names that month. An
    undated post looks at the events sharing a name feature other than the kind of event
    and "cluster" over its window (it must share one to match)."""
    if not facts.dated:
        return _name_keys(facts, _window_months(facts))
    days, months = _span(facts.ranges(), TOLERANCE)
    if placed(facts):
        keys = [(facts.city_key, d) for d in days] + [("?", d) for d in days]
    else:
        keys = [("#", d) for d in days]
    keys += [("*" + k, m) for k in facts.features.weights if k[0] in "AE" for m in months]
    if facts.postponed:  # the earlier announcement, of the same kind, in the year before
        first = facts.start - POSTPONE_REACH
        keys += _type_keys(facts, range(_month(first.toordinal()),
                                        _month(facts.start.toordinal()) + 1))
    return keys


class BlockIndex:
    """Clusters filed under each block key, in filing order: what :func:`query_keys` finds.

    Compact because a run of ten million posts files millions of keys: a key is one int
    (its text's code, then its day or month number) instead of a tuple, and a key filed by
    one cluster holds that cluster's number instead of a list.
    """

    def __init__(self) -> None:
        self._codes: dict[str, int] = {}
        self._clusters: dict[int, int | list[int]] = {}

    def add(self, key: tuple[str, int], cluster: int) -> None:
        """File ``cluster`` under ``key`` (once in a row: a cluster's members share keys)."""
        self.add_all((key,), cluster)

    def add_all(self, keys: Iterable[tuple[str, int]], cluster: int) -> None:
        """:meth:`add` of every key in turn (one call a post: a post files about ten)."""
        codes, clusters = self._codes, self._clusters
        for text, number in keys:
            code = codes.get(text)
            if code is None:
                code = codes[text] = len(codes)
            code = code << 32 | number
            filed = clusters.get(code)
            if filed is None:
                clusters[code] = cluster
            elif isinstance(filed, int):
                if filed != cluster:
                    clusters[code] = [filed, cluster]
            elif filed[-1] != cluster:
                filed.append(cluster)

    def union(self, keys: Iterable[tuple[str, int]]) -> set[int]:
        """Every cluster filed under any of ``keys``: :meth:`get` of each, in one set."""
        found: set[int] = set()
        codes, clusters = self._codes, self._clusters
        for text, number in keys:
            code = codes.get(text)
            if code is not None:
                filed = clusters.get(code << 32 | number)
                if filed is not None:
                    if isinstance(filed, int):
                        found.add(filed)
                    else:
                        found.update(filed)
        return found

    def get(self, key: tuple[str, int]) -> Sequence[int]:
        """The clusters filed under ``key``, in filing order."""
        text = self._codes.get(key[0])
        if text is None:
            return ()
        filed = self._clusters.get(text << 32 | key[1])
        if filed is None:
            return ()
        return (filed,) if isinstance(filed, int) else filed

