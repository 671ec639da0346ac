"""Posts that announce or report an event without giving its day ("undated").

Their dates are a window around the publication day (before it for a report, after it for an
announcement), and they join only on the name: a shared event type, a strong name overlap, no
conflicting year, edition or city.

Some reports come long after the event (a yearly review, a "look back" published a year
later). The window then follows what the post names: the year it names ("TCI Global Conference
2017" in a post of 2019) becomes the window; an edition number ("the 20th Global Conference")
lets a report reach a year further back, for events that name the same edition only.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from clustercrawl.dates import iso_day

if TYPE_CHECKING:
    from clustercrawl.dedupe.events import EventFacts

__all__ = [
    "ANNOUNCE_WINDOW",
    "REPORT_WINDOW",
    "UNDATED_SHARED",
    "UNDATED_TYPES",
    "YEAR_WEIGHT",
    "pin_window",
    "undated_score",
    "undated_window",
]

#: where the event may lie relative to the publication day, and how much of the name the
#: posts must share
UNDATED_TYPES = frozenset({"event_report", "event_announcement", "news", "press_release"})
REPORT_WINDOW = timedelta(days=120)
ANNOUNCE_WINDOW = timedelta(days=270)
UNDATED_SCORE, UNDATED_SHARED = 0.6, 2.5
YEAR_WEIGHT = 1.0  # the same year named on both sides (or the dated event's year)
#: how far from the publication day a named year may move the window
YEAR_REACH = timedelta(days=3 * 365)
#: how much further back an edition number lets a report (or news) reach
EDITION_REACH = timedelta(days=365)


def undated_window(post: Mapping[str, Any]) -> tuple[date, date] | None:
    """Where the event of an announcement or report that gives no day may lie."""
    if post.get("post_type") not in UNDATED_TYPES:
        return None
    published = iso_day((post.get("published") or {}).get("value"))
    if published is None:
        return None
    if post["post_type"] == "event_report":
        return published - REPORT_WINDOW, published
    if post["post_type"] == "event_announcement":
        return published, published + ANNOUNCE_WINDOW
    return published - REPORT_WINDOW, published + ANNOUNCE_WINDOW  # news: either


def pin_window(window: tuple[date, date], published: date, years: tuple[int, ...],
               editions: tuple[int, ...]) -> tuple[date, date, date | None]:
    """The window moved by what the post names: start, end, and the day before which only
    events of the same edition may match (None: any event in the window may).

    A single year outside the window is the event's year, up to :data:`YEAR_REACH` away (a
    report's year before, an announcement's after). Otherwise an edition number widens a
    window that lies before the publication day by :data:`EDITION_REACH`."""
    start, end = window
    if len(years) == 1 and not start.year <= years[0] <= end.year:
        first, last = date(years[0], 1, 1), date(years[0], 12, 31)
        if last < start and start - last <= YEAR_REACH:
            return max(first, published - YEAR_REACH), last, None
        if first > end and first - end <= YEAR_REACH:
            return first, min(last, published + YEAR_REACH), None
    if editions and not years and start < published:
        return start - EDITION_REACH, end, start
    return start, end, None


def _years(facts: EventFacts) -> set[int]:
    years = set(facts.features.years)
    if facts.dated:
        years |= {facts.start.year, facts.end.year}
    return years


def _reached(a: EventFacts, b: EventFacts) -> bool:
    """Whether ``b`` may match ``a``: when it lies only in the part of ``a``'s window that
    ``a``'s edition number reached, it must name that edition and no other (a post naming the
    27th and the 28th conference is about two events)."""
    if a.reach is None or any(end >= a.reach for _, end in b.ranges()):
        return True
    theirs = set(b.features.editions)
    return bool(theirs) and theirs <= set(a.features.editions)


def undated_score(a: EventFacts, b: EventFacts, shared: float, score: float) -> float:
    """A post without the event's day joins on the name alone: the same kind of event,
    most of the name shared, and nothing that says otherwise (year, city)."""
    fa, fb = a.features, b.features
    if not any(t in fb.types for t in fa.types):
        return 0.0
    if a.city_key and b.city_key and a.city_key != b.city_key:
        return 0.0
    if not (_reached(a, b) and _reached(b, a)):
        return 0.0
    named = shared - sum(w for k, w in fa.weights.items()
                         if k in fb.weights and (k in fa.types or k == "cluster"))
    if named <= 0:
        return 0.0  # "cluster conference 2018": many events are called that
    years_a, years_b = _years(a), _years(b)
    if years_a and years_b:
        if not years_a & years_b:
            return 0.0  # "Conference 2023" is not the one of 2024
        shared += YEAR_WEIGHT
    elif not (a.dated or b.dated):
        return 0.0  # two windows and no year: another edition of a yearly event, maybe
    return score if score >= UNDATED_SCORE and shared >= UNDATED_SHARED else 0.0
