"""Score a crawl's JSONL against the demo web's ground truth.

Used by the end-to-end test (with pinned floors) and by ``./crawl --demo`` (printed), so
the figures a user sees are the ones the tests hold.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clustercrawl import runfiles
from clustercrawl.urls import url_key


@dataclass
class Score:
    truth_posts: int = 0
    items: int = 0
    found: int = 0
    duplicates: int = 0  # items beyond the first for one true post
    extra: int = 0  # items that match no true post
    extra_urls: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    title_ok: int = 0
    date_ok: int = 0
    date_total: int = 0
    type_ok: int = 0
    event_total: int = 0
    event_ok: int = 0
    channel_set: int = 0
    channel_expected: int = 0
    per_site: dict[str, dict[str, int]] = field(default_factory=dict)
    mismatches: list[str] = field(default_factory=list)

    def ratio(self, num: int, den: int) -> float:
        return num / den if den else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(self.found, self.truth_posts)

    @property
    def title_accuracy(self) -> float:
        return self.ratio(self.title_ok, self.found)

    @property
    def date_accuracy(self) -> float:
        return self.ratio(self.date_ok, self.date_total)

    @property
    def type_accuracy(self) -> float:
        return self.ratio(self.type_ok, self.found)

    @property
    def event_accuracy(self) -> float:
        return self.ratio(self.event_ok, self.event_total)

    def summary(self) -> str:
        return (
            f"posts found {self.found}/{self.truth_posts} ({self.recall:.1%}), "
            f"items {self.items}, duplicates {self.duplicates}, extra {self.extra}; "
            f"titles {self.title_accuracy:.1%}, published dates {self.date_accuracy:.1%}, "
            f"post types {self.type_accuracy:.1%}, event ranges {self.event_accuracy:.1%} "
            f"({self.event_total} events), channel expected {self.channel_expected}/{self.found}"
        )


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    return list(runfiles.read_jsonl(Path(path)))


def score(items: Iterable[dict[str, Any]], truth: dict[str, Any]) -> Score:
    posts = truth["posts"]
    s = Score(truth_posts=len(posts))
    index: dict[str, int] = {}
    for n, post in enumerate(posts):
        for u in (post["url"], *post.get("alias_urls", [])):
            index.setdefault(url_key(u), n)
    matched: dict[int, list[dict[str, Any]]] = {}
    item_list = list(items)
    s.items = len(item_list)
    for item in item_list:
        keys = [url_key(u) for u in (item["url"], *item.get("alias_urls", []))]
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            s.extra += 1
            s.extra_urls.append(item["url"])
            continue
        matched.setdefault(hit, []).append(item)
    for n, post in enumerate(posts):
        site = s.per_site.setdefault(post["site_id"], Counter())
        site["truth"] += 1
        got = matched.get(n)
        if not got:
            s.missing.append(post["url"])
            continue
        site["found"] += 1
        s.found += 1
        s.duplicates += len(got) - 1
        item = got[0]
        if item.get("title") == post["title"]:
            s.title_ok += 1
        else:
            s.mismatches.append(f"title {post['url']}: {item.get('title')!r} != {post['title']!r}")
        if post.get("published"):
            s.date_total += 1
            value = (item.get("published") or {}).get("value") or ""
            if value[:10] == post["published"]:
                s.date_ok += 1
            else:
                s.mismatches.append(f"published {post['url']}: {value!r} != {post['published']!r}")
        if item.get("post_type") == post.get("post_type"):
            s.type_ok += 1
        if post.get("event"):
            s.event_total += 1
            ev = item.get("event") or {}
            want = post["event"]
            if (ev.get("start") or "")[:10] == want["start"] and (ev.get("end") or "")[:10] == (
                want.get("end") or want["start"]
            ):
                s.event_ok += 1
            else:
                s.mismatches.append(
                    f"event {post['url']}: {ev.get('start')}..{ev.get('end')} != "
                    f"{want['start']}..{want.get('end')}"
                )
        channel = (item.get("crawl") or {}).get("channel")
        if channel:
            s.channel_set += 1
        if channel in post.get("channels", []):
            s.channel_expected += 1
    s.per_site = {k: dict(v) for k, v in s.per_site.items()}
    return s
