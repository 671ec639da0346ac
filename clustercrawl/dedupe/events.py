"""Which posts report the same real-world event, across sites and languages.

The main key is date and place: the date ranges overlap (one day of tolerance; a post whose
title and body disagree matches on either range) and the city is the same (English exonym).
The event name is the tie-breaker, compared language-independently: words map to concepts
(:mod:`eventwords`), edition numbers ("4th", "4.", "IV") and proper names/acronyms count
as they are. Hard vetoes: different edition numbers; disjoint topics (a hydrogen summit is
not the cluster conference held the same days in the same city).

Posts that announce or report an event without giving its day ("undated") still take part
(:mod:`undated`: their window and how they match). They are placed after every dated post,
so they join the dated event they name; undated posts that find no dated event may form one
together.

Name words come from the event name, the title and the URL's slug (a page whose title is
site chrome often still names the event in its address); the body lead only when those say
little.

Clustering is greedy in a canonical order (stored events first, then dated posts by date and
id, then undated ones), each post joining the best-matching event if one matches well enough:
no chains of weak links, and the same input always gives the same events.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from clustercrawl.dates import iso_day
from clustercrawl.dedupe import eventwords as ew
from clustercrawl.dedupe.eventblocks import (
    POSTPONE_REACH,
    TOLERANCE,
    BlockIndex,
    block_keys,
    placed,
    query_keys,
)
from clustercrawl.dedupe.eventnames import (
    CLUSTER_WEIGHT,
    Features,
    name_features,
    slug_shared,
    url_parts,
)
from clustercrawl.dedupe.undated import (
    UNDATED_SHARED,
    UNDATED_TYPES,
    YEAR_WEIGHT,
    pin_window,
    undated_score,
    undated_window,
)
from clustercrawl.extract import places
from clustercrawl.extract.daterange import parse_date_range

__all__ = [
    "EventFacts",
    "Features",
    "cluster_events",
    "facts_from_json",
    "facts_from_post",
    "facts_to_json",
    "features_of",
    "pair_score",
]

TYPE_MISMATCH = 0.6  # "forum" vs "conference": a penalty, not a veto
ACCEPT_SCORE, ACCEPT_SHARED = 0.5, 1.5
CITYLESS_SCORE, CITYLESS_SHARED = 0.75, 2.5
SAME_PLACE_SCORE, SAME_PLACE_SHARED = 0.25, 1.5  # same city, same days: the name says less
SAME_SITE_SCORE, SAME_SITE_SHARED = 0.15, 0.75  # one site's announcement and report
SAME_SITE_DISTINCT = 0.5  # of which more than the kind of event and "cluster"
ONLINE_SHARED = 1.25  # two online events on the same days share more than "cluster"
LEAD_CHARS = 240
UNDATED_CANDIDATES = 16  # events scored per undated post, those sharing most of its name
#: One site's posts share a language: its plain words ("Neujahrsempfang", "Medizintechnik")
#: count too, each as much as a concept, when both posts come from the same site.
SITE_WORD_WEIGHT = 1.0
#: A postponed event's notice joins the earlier announcement of the same site and name.
POSTPONED_SCORE, POSTPONED_SHARED = 0.5, 2.0

_GENERIC_NAMES = frozenset(c.name for c in ew.CONCEPTS if c.kind == ew.GENERIC)


@dataclass(slots=True)
class EventFacts:
    """What event matching needs from a post (never its body beyond the lead)."""

    start: date
    end: date
    alt: tuple[date, date] | None
    city: str | None
    city_key: str  # folded English name; "online"; "" when unknown
    name: str | None
    title: str
    lead: str
    language: str | None
    url: str
    dated: bool = True  # False: start/end are the window the event may lie in
    postponed: bool = False  # the post moves the event to these dates
    reach: date | None = None  # undated: before this day, only the same edition may match
    features: Features = field(init=False)
    host: str = field(init=False)  # the URL's, without "www.": posts of one site

    def __post_init__(self) -> None:
        host, path = url_parts(self.url)
        self.host = sys.intern(host)  # one string per site
        self.features = features_of(self, path)
        if not self.features.used_lead:
            self.lead = ""  # not needed to recompute the features: do not keep it

    def ranges(self) -> tuple[tuple[date, date], ...]:
        main = (self.start, self.end)
        return (main,) if self.alt is None else (main, self.alt)


# ----------------------------------------------------------------------------- facts


def _city(event: Mapping[str, Any]) -> tuple[str | None, str]:
    location = event.get("location") or {}
    for raw in (location.get("city"), location.get("city_local")):
        if isinstance(raw, str) and raw.strip():
            return _city_name(raw)
    if event.get("attendance") == "online":
        return None, "online"
    return None, ""


@functools.lru_cache(maxsize=1 << 14)  # cities repeat; a gazetteer miss costs ~30 µs
def _city_name(raw: str) -> tuple[str, str]:
    known = places.lookup_city(raw)
    name = sys.intern(known[0] if known else raw.strip())
    return name, sys.intern(ew.fold(name))


def _alt_range(event: Mapping[str, Any], language: str | None, post: Mapping[str, Any]
               ) -> tuple[date, date] | None:
    """The other range of a post whose title and body disagree (``date_conflict``)."""
    text = event.get("conflicting_date_text")
    if not event.get("date_conflict") or not isinstance(text, str) or not text.strip():
        return None
    published = iso_day((post.get("published") or {}).get("value"))
    found = parse_date_range(text, language, reference=published)
    if found is None:
        return None
    return found.start, found.end


def facts_from_post(post: Mapping[str, Any]) -> EventFacts | None:
    """Event facts of a post (a JSONL line as a dict); None when it reports no event, or
    reports one without its day and names no kind of event (conference, fair...)."""
    event = post.get("event")
    if event is None:  # most posts: no abstract-class check
        return _undated_facts(post, {}) if post.get("post_type") in UNDATED_TYPES else None
    if type(event) is not dict and not isinstance(event, Mapping):
        return _undated_facts(post, {})
    start = iso_day(event.get("start"))
    if start is None:
        return _undated_facts(post, event)
    end = iso_day(event.get("end")) or start
    if end < start:
        start, end = end, start
    language = post.get("language")
    city, city_key = _city(event)
    body = post.get("body_text") or ""
    name = event.get("name")
    return EventFacts(
        start=start, end=end, alt=_alt_range(event, language, post),
        city=sys.intern(city) if city else None, city_key=sys.intern(city_key),
        name=name if isinstance(name, str) and name.strip() else None,
        title=post.get("title") or "", lead=body[:LEAD_CHARS],
        language=sys.intern(language) if isinstance(language, str) else None,
        url=post.get("url") or "", postponed=event.get("status") == "postponed",
    )


def _undated_facts(post: Mapping[str, Any], event: Mapping[str, Any]) -> EventFacts | None:
    window = undated_window(post)
    if window is None:
        return None
    city, city_key = _city(event)
    language = post.get("language")
    name = event.get("name")
    facts = EventFacts(
        start=window[0], end=window[1], alt=None,
        city=sys.intern(city) if city else None, city_key=sys.intern(city_key),
        name=name if isinstance(name, str) and name.strip() else None,
        title=post.get("title") or "", lead=(post.get("body_text") or "")[:LEAD_CHARS],
        language=sys.intern(language) if isinstance(language, str) else None,
        url=post.get("url") or "", dated=False,
    )
    if not facts.features.types:
        return None
    published = iso_day((post.get("published") or {}).get("value"))
    assert published is not None  # undated_window found it
    facts.start, facts.end, facts.reach = pin_window(
        window, published, facts.features.years, facts.features.editions)
    return facts


def facts_to_json(facts: EventFacts) -> dict[str, Any]:
    """What the store keeps: the inputs, so features follow vocabulary updates."""
    return {
        "start": facts.start.isoformat(), "end": facts.end.isoformat(),
        "alt": [facts.alt[0].isoformat(), facts.alt[1].isoformat()] if facts.alt else None,
        "city": facts.city, "city_key": facts.city_key, "name": facts.name,
        "title": facts.title, "lead": facts.lead, "language": facts.language, "url": facts.url,
        "dated": facts.dated, "postponed": facts.postponed,
        "reach": facts.reach.isoformat() if facts.reach else None,
    }


def facts_from_json(data: Mapping[str, Any]) -> EventFacts:
    alt = data.get("alt")
    return EventFacts(
        start=date.fromisoformat(data["start"]), end=date.fromisoformat(data["end"]),
        alt=(date.fromisoformat(alt[0]), date.fromisoformat(alt[1])) if alt else None,
        city=data.get("city"), city_key=data.get("city_key") or "", name=data.get("name"),
        title=data.get("title") or "", lead=data.get("lead") or "",
        language=data.get("language"), url=data.get("url") or "",
        dated=bool(data.get("dated", True)), postponed=bool(data.get("postponed", False)),
        reach=date.fromisoformat(data["reach"]) if data.get("reach") else None,
    )


def features_of(facts: EventFacts, path: str | None = None) -> Features:
    """Name features of a post's event (see :mod:`eventnames`); ``path``: its URL's, if
    already split."""
    return name_features(name=facts.name, title=facts.title, lead=facts.lead, url=facts.url,
                         city=facts.city, city_key=facts.city_key, language=facts.language,
                         path=path)


# ----------------------------------------------------------------------------- matching


def _overlap(a: EventFacts, b: EventFacts) -> bool:
    if a.alt is None and b.alt is None:  # one range each, as most posts: no generator
        return a.start <= b.end + TOLERANCE and b.start <= a.end + TOLERANCE
    return any(s1 <= e2 + TOLERANCE and s2 <= e1 + TOLERANCE
               for s1, e1 in a.ranges() for s2, e2 in b.ranges())


def _disjoint(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Both non-empty and nothing in common (``map``: called for every pair scored, and a
    generator costs more than the one or two items it would look at)."""
    return bool(a and b) and not any(map(b.__contains__, a))


def _vetoed(a: Features, b: Features) -> bool:
    return _disjoint(a.editions, b.editions) or _disjoint(a.topics, b.topics)


def pair_score(a: EventFacts, b: EventFacts) -> float:
    """Name similarity of two posts already known to share dates: 0 when they must differ.

    The name may say less when the rest says more: the same city and the very same days
    ("8 Kongres" on 7-8 November in Katowice, whatever else the titles say), or one site's
    announcement and its later report of the same days."""
    fa, fb = a.features, b.features
    if _vetoed(fa, fb):
        return 0.0
    shared = sum(w for key, w in fa.weights.items() if key in fb.weights) + slug_shared(fa, fb)
    score = shared / min(fa.total, fb.total) if min(fa.total, fb.total) > 0 else 0.0
    if not (a.dated and b.dated):
        return undated_score(a, b, shared, score)
    if _disjoint(fa.types, fb.types):
        score *= TYPE_MISMATCH
    # same days: one end in common ("8 November" and "8-9 November" are one congress)
    if a.alt is None and b.alt is None:  # one range each, as most posts: no generators
        same_days = a.start == b.start or a.end == b.end
        close_days = abs((a.start - b.start).days) <= 1 and abs((a.end - b.end).days) <= 1
    else:
        same_days = any(r[0] == s[0] or r[1] == s[1] for r in a.ranges() for s in b.ranges())
        close_days = any(abs((r[0] - s[0]).days) <= 1 and abs((r[1] - s[1]).days) <= 1
                         for r in a.ranges() for s in b.ranges())
    # "online" is no place: two online events need more in common than that
    same_city = bool(a.city_key) and a.city_key == b.city_key and (
        a.city_key != "online" or shared > sum(
            w for k, w in fa.weights.items() if k in fb.weights and (k in fa.types
                                                                     or k == "online")))
    if (a.url and close_days and _same_site(a, b)
            and (a.city_key == b.city_key or not a.city_key or not b.city_key)):
        site_shared, site_score = _site_overlap(a, b, shared)
        # the kind of event and "cluster" alone do not tell one site's two webinars apart
        if (site_shared >= SAME_SITE_SHARED and site_score >= SAME_SITE_SCORE
                and site_shared - _common_weight(fa, fb) >= SAME_SITE_DISTINCT):
            return max(score, site_score, ACCEPT_SCORE)
    if (same_city and a.city_key != "online" and shared >= CLUSTER_WEIGHT
            and (a.start, a.end) == (b.start, b.end) and a.end > a.start):
        # the very same days of several in one city: the congress and the workshop held
        # within it ("8th Congress" / "Clusters meet Regions in Katowice") are one event
        return max(score, ACCEPT_SCORE)
    if same_city and same_days:
        floor = (ONLINE_SHARED, ACCEPT_SCORE) if a.city_key == "online" else (
            SAME_PLACE_SHARED, SAME_PLACE_SCORE)
        if shared >= floor[0] and score >= floor[1]:
            return max(score, ACCEPT_SCORE)
    if same_city:
        return score if score >= ACCEPT_SCORE and shared >= ACCEPT_SHARED else 0.0
    if not a.city_key or not b.city_key or placed(a) != placed(b):
        # no city, or one joined online: the online participant's report of a hybrid congress
        return score if score >= CITYLESS_SCORE and shared >= CITYLESS_SHARED else 0.0
    return 0.0  # two different known cities


def _common_weight(fa: Features, fb: Features) -> float:
    """Weight of what any two events share: their kind, "cluster", generic words ("online")."""
    return sum(w for k, w in fa.weights.items() if k in fb.weights and (
        k in fa.types or k == "cluster" or (k in _GENERIC_NAMES)))


def _same_site(a: EventFacts, b: EventFacts) -> bool:
    return bool(a.url) and a.host == b.host


def _site_overlap(a: EventFacts, b: EventFacts, shared: float) -> tuple[float, float]:
    """Shared weight and score of two posts of one site: concepts, names and plain words."""
    fa, fb = a.features, b.features
    common = sum(1 for w in fa.words if w in fb.words)
    shared += SITE_WORD_WEIGHT * common
    least = min(fa.total + SITE_WORD_WEIGHT * len(fa.words),
                fb.total + SITE_WORD_WEIGHT * len(fb.words))
    return shared, (shared / least if least > 0 else 0.0)


def postponed_score(moved: EventFacts, earlier: EventFacts) -> float:
    """A notice that moves an event to new dates matches the same site's earlier post of
    the same name and city, whatever its (old) dates: 0 when it does not."""
    if not (moved.postponed and _same_site(moved, earlier)):
        return 0.0
    if not (earlier.start < moved.start <= earlier.start + POSTPONE_REACH):
        return 0.0
    if moved.city_key and earlier.city_key and moved.city_key != earlier.city_key:
        return 0.0
    fa, fb = moved.features, earlier.features
    if _vetoed(fa, fb):
        return 0.0
    shared = sum(w for key, w in fa.weights.items() if key in fb.weights)
    shared, score = _site_overlap(moved, earlier, shared)
    return score if score >= POSTPONED_SCORE and shared >= POSTPONED_SHARED else 0.0


def cluster_events(
    facts: Sequence[EventFacts], order_keys: Sequence[int], anchors: Mapping[int, int]
) -> list[int]:
    """Event cluster of each post (indices into ``facts``); clusters are numbered from 0.

    ``order_keys`` are the posts' canonical ids (ties between identical posts); ``anchors``
    maps a post to its stored event: stored events are seeded first, with all their members,
    and never merge with each other.
    """
    cluster_of = [-1] * len(facts)
    members: list[list[int]] = []
    # every feature of a cluster's members: a cheap pre-filter (a tuple while the cluster
    # has one member, as most do: a set weighs 216 bytes)
    words: list[tuple[str, ...] | set[str]] = []
    index = BlockIndex()
    # posts of one name share one Features object (eventnames caches them): their
    # pre-filter keys are made once, and a one-member cluster holds the shared tuple
    prefilter: dict[int, tuple[str, ...]] = {}

    def keys_of(node: int) -> tuple[str, ...]:
        features = facts[node].features
        found = prefilter.get(id(features))
        if found is None:
            found = prefilter[id(features)] = tuple(_prefilter_keys(facts[node]))
        return found

    def place(node: int, cluster: int, mine: tuple[str, ...]) -> None:
        cluster_of[node] = cluster
        members[cluster].append(node)
        have = words[cluster]
        if len(members[cluster]) == 1:
            words[cluster] = mine
        else:
            if isinstance(have, tuple):
                have = words[cluster] = set(have)
            have.update(mine)
        index.add_all(block_keys(facts[node], stored=node in anchors), cluster)

    by_anchor: dict[int, list[int]] = {}
    for node, anchor in anchors.items():
        by_anchor.setdefault(anchor, []).append(node)
    for anchor in sorted(by_anchor):
        members.append([])
        words.append(())
        for node in sorted(by_anchor[anchor], key=order_keys.__getitem__):
            place(node, len(members) - 1, keys_of(node))

    def canonical(n: int) -> tuple[bool, date, bool, date, int]:
        f = facts[n]  # the earliest start of its ranges: the main one's, or the other's
        return (not f.dated, f.start if f.alt is None else min(f.start, f.alt[0]),
                not f.postponed, f.end, order_keys[n])

    fresh = sorted((n for n in range(len(facts)) if n not in anchors), key=canonical)
    for node in fresh:
        me = facts[node]
        best, best_score = -1, (0.0, 0)
        mine = keys_of(node)
        for cluster in _candidates(me, index):
            if not any(map(words[cluster].__contains__, mine)):
                continue  # no word in common: no score can pass
            score = _cluster_score(me, map(facts.__getitem__, members[cluster]))
            if score[0] > 0 and score > best_score:
                best, best_score = cluster, score
        if best < 0:
            members.append([])
            words.append(())
            best = len(members) - 1
        place(node, best, mine)
    return cluster_of


def _candidates(me: EventFacts, index: BlockIndex) -> list[int]:
    """Clusters to score, in id order. An undated post may reach many events over its
    window through a common word ("hydrogen"): only those sharing the most name weight
    are scored (a bounded number), so a million posts stay linear."""
    if me.dated:
        return sorted(index.union(query_keys(me)))
    weights = me.features.weights
    found: dict[str, set[int]] = {}
    for key in query_keys(me):
        found.setdefault(key[0], set()).update(index.get(key))
    hits: dict[int, float] = {}
    for feature, clusters in found.items():
        weight = weights.get(feature[2:], 0.0)
        for c in clusters:
            hits[c] = hits.get(c, 0.0) + weight
    # what else they can share: the kinds of event, "cluster", the year
    extra = sum(weights[t] for t in me.features.types) + weights.get("cluster", 0.0) + (
        YEAR_WEIGHT if me.features.years else 0.0)
    enough = [c for c in hits if hits[c] + extra >= UNDATED_SHARED]
    ranked = sorted(enough, key=lambda c: (-hits[c], c))[:UNDATED_CANDIDATES]
    return sorted(ranked)


def _prefilter_keys(facts: EventFacts) -> list[str]:
    """Name features and plain words ("~word"): a cluster sharing none cannot match."""
    return [*facts.features.weights, *("~" + w for w in facts.features.words),
            *("^" + w for w in facts.features.slug), *(
                "^" + k[2:] for k in facts.features.weights if k.startswith("A:"))]


def _cluster_score(me: EventFacts, others: Iterable[EventFacts]) -> tuple[float, int]:
    """Best single-member match and how many members match at all (ties between events
    go to the one more posts agree with: an undated report of "Conference 2019" joins the
    conference's six posts, not a lone call dated its first day); any edition conflict with
    a member rules the event out."""
    best, support = 0.0, 0
    for other in others:
        if _disjoint(me.features.editions, other.features.editions):
            return 0.0, 0
        score = 0.0
        if _overlap(me, other):
            score = pair_score(me, other)
        elif me.postponed:
            score = postponed_score(me, other)
        best = max(best, score)
        support += score > 0
    return best, support
