"""Score a crawl of the real-WordPress test web against its database and our labels."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from typing import Any
from urllib.parse import urlsplit

from clustercrawl.urls import url_key
from tests.realwp.web import TruthPost


@dataclass
class Pairs:
    """Pairwise precision/recall of a grouping: pairs of posts put together."""

    true: int = 0
    predicted: int = 0
    both: int = 0
    false_merges: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.both / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.both / self.true if self.true else 1.0


@dataclass
class RealScore:
    truth_posts: int = 0
    items: int = 0
    found: int = 0
    duplicates: int = 0
    extra: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    hidden_seen: list[str] = field(default_factory=list)
    title_ok: int = 0
    date_ok: int = 0
    category_ok: int = 0
    type_ok: int = 0
    event_total: int = 0
    event_ok: int = 0
    city_ok: int = 0
    spurious_events: list[str] = field(default_factory=list)
    stories: Pairs = field(default_factory=Pairs)
    events: Pairs = field(default_factory=Pairs)
    mismatches: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def recall(self) -> float:
        return self._ratio(self.found, self.truth_posts)

    def figures(self) -> dict[str, float]:
        return {
            "recall": self.recall,
            "titles": self._ratio(self.title_ok, self.found),
            "published": self._ratio(self.date_ok, self.found),
            "categories": self._ratio(self.category_ok, self.found),
            "post_types": self._ratio(self.type_ok, self.found),
            "event_ranges": self._ratio(self.event_ok, self.event_total),
            "event_cities": self._ratio(self.city_ok, self.event_total),
            "story_precision": self.stories.precision,
            "story_recall": self.stories.recall,
            "event_precision": self.events.precision,
            "event_recall": self.events.recall,
        }

    def summary(self) -> str:
        f = self.figures()
        return (
            f"posts found {self.found}/{self.truth_posts}, items {self.items}, "
            f"duplicates {self.duplicates}, extra {len(self.extra)}, hidden seen "
            f"{len(self.hidden_seen)}; " + ", ".join(f"{k} {v:.3f}" for k, v in f.items())
            + f" ({self.event_total} events, {len(self.spurious_events)} spurious; pairs: "
            f"stories {self.stories.both}/{self.stories.predicted} pred/{self.stories.true} true,"
            f" events {self.events.both}/{self.events.predicted} pred/{self.events.true} true)"
        )


def _ref(post: TruthPost) -> str:
    """The post's URL, with its slug when the URL is a bare ?p=ID."""
    return f"{post.url} [{post.slug}]" if "?p=" in post.url else post.url


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return dt.astimezone(UTC) if dt.tzinfo else None


def _pairs(items: dict[int, dict[str, Any]], truth: list[TruthPost], id_field: str,
           key_of: Any) -> Pairs:
    out = Pairs()
    for a, b in combinations(sorted(items), 2):
        ka, kb = key_of(truth[a]), key_of(truth[b])
        expected = ka is not None and ka == kb
        ia, ib = items[a].get(id_field), items[b].get(id_field)
        got = ia is not None and ia == ib
        out.true += expected
        out.predicted += got
        out.both += expected and got
        pair = f"{_ref(truth[a])} + {_ref(truth[b])}"
        if got and not expected:
            out.false_merges.append(pair)
        elif expected and not got:
            out.missed.append(pair)
    return out


def score(items: Iterable[dict[str, Any]], truth: list[TruthPost],
          hidden: list[dict[str, Any]]) -> RealScore:
    s = RealScore(truth_posts=len(truth))
    index: dict[str, int] = {}
    for n, post in enumerate(truth):
        index[url_key(post.url)] = n
        home = urlsplit(post.url)
        index.setdefault(url_key(f"{home.scheme}://{home.netloc}/?p={post.id}"), n)
    hidden_urls = {url_key(u): h for h in hidden for u in (h["url"], h.get("permalink")) if u}
    hidden_titles = {h["title"]: h for h in hidden if h["type"] == "post"
                     or h["type"] == "revision"}
    published_titles = {p.title for p in truth}
    matched: dict[int, list[dict[str, Any]]] = {}
    item_list = list(items)
    s.items = len(item_list)
    for item in item_list:
        keys = [url_key(u) for u in (item["url"], *item.get("alias_urls", []))]
        hits = [hidden_urls[k] for k in keys if k in hidden_urls]
        title = item.get("title") or ""
        if not hits and title in hidden_titles and title not in published_titles:
            hits = [hidden_titles[title]]
        for h in hits:
            s.hidden_seen.append(f"{h['status']} {h['type']} {h['title']!r}: {item['url']}")
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            if not hits:
                s.extra.append(item["url"])
            continue
        matched.setdefault(hit, []).append(item)
    for n, post in enumerate(truth):
        got = matched.get(n)
        if not got:
            s.missing.append(_ref(post))
            continue
        s.found += 1
        s.duplicates += len(got) - 1
        item = got[0]
        if item.get("title") == post.title:
            s.title_ok += 1
        else:
            s.mismatches.append(f"title {_ref(post)}: {item.get('title')!r} != {post.title!r}")
        want = datetime.fromisoformat(post.date_gmt).replace(tzinfo=UTC)
        value = (item.get("published") or {}).get("value")
        if _instant(value) == want:
            s.date_ok += 1
        else:
            s.mismatches.append(f"published {_ref(post)}: {value!r} != {want.isoformat()}")
        topics = set(item.get("topics") or [])
        if set(post.categories) <= topics:
            s.category_ok += 1
        else:
            s.mismatches.append(f"categories {_ref(post)}: {sorted(topics)} lacks "
                                f"{sorted(set(post.categories) - topics)}")
        if item.get("post_type") == post.label.get("type"):
            s.type_ok += 1
        else:
            s.mismatches.append(f"post_type {_ref(post)}: {item.get('post_type')} != "
                                f"{post.label.get('type')} ({post.title})")
        ev = item.get("event") or {}
        want_ev = post.event
        if want_ev is None:
            if ev:
                s.spurious_events.append(f"{_ref(post)}: {ev.get('start')}..{ev.get('end')} "
                                         f"({post.title})")
            continue
        s.event_total += 1
        got_range = ((ev.get("start") or "")[:10], (ev.get("end") or "")[:10])
        if got_range == (want_ev["start"], want_ev["end"]):
            s.event_ok += 1
        else:
            s.mismatches.append(f"event {_ref(post)}: {got_range[0]}..{got_range[1]} != "
                                f"{want_ev['start']}..{want_ev['end']} ({post.title})")
        city = ((ev.get("location") or {}).get("city")) if ev else None
        if city == want_ev.get("city"):
            s.city_ok += 1
        else:
            s.mismatches.append(f"event city {_ref(post)}: {city!r} != {want_ev.get('city')!r}")
    first = {n: got[0] for n, got in matched.items()}
    s.stories = _pairs(first, truth, "story_id", lambda p: p.label.get("story"))
    s.events = _pairs(first, truth, "event_id", lambda p: (p.event or {}).get("key"))
    return s
