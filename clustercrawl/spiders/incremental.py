"""Decisions of a re-crawl, as pure functions: what changed, what to ask conditionally.

A site crawled before is not rediscovered from its homepage: the endpoints found last time
are asked again, with the validators they sent (ETag / Last-Modified), and a post is
fetched only when a channel says it is new or changed since it was last seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.state import PageState, PostState

#: Channels that list every post of a site when walked to the end; one answering
#: "nothing changed" answers for the whole site, and a post missing from it is gone.
COMPLETE_CHANNELS = (Channel.WP_API, Channel.SITEMAP)


def parse_instant(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        dt = datetime.fromisoformat(text)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def entry_changed(entry: Entry, known: PostState | None) -> bool:
    """True when the post must be (re)fetched: unknown, gone before, or modified since."""
    if known is None or known.status == "gone":
        return True
    listed = parse_instant(entry.modified)
    if listed is None:
        return False  # listings and most feeds say nothing about edits
    before = parse_instant(known.modified)
    if before is not None:
        return listed > before
    seen = parse_instant(known.last_seen)
    return seen is None or listed > seen


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def page_headers(page: PageState | None) -> dict[str, str]:
    return conditional_headers(page.etag, page.last_modified) if page else {}


def complete_channel(post_channels: list[list[str]]) -> str | None:
    """The cheapest channel that listed every post of the site in a full crawl."""
    if not post_channels:
        return None
    for ch in COMPLETE_CHANNELS:
        if all(ch.value in chans for chans in post_channels):
            return ch.value
    return None


@dataclass(frozen=True, slots=True)
class RecheckPolicy:
    """When to ask again for a known post that no channel says has changed.

    On a full pass every such post is asked again (conditionally: a 304 costs little),
    since listings and feeds never tell about edits. On an incremental run only recent
    posts are, once a while: edits happen in the days after publication.
    """

    recent_days: float
    after_hours: float

    @classmethod
    def from_settings(cls, s: Any) -> RecheckPolicy:
        return cls(recent_days=s.getfloat("CLUSTERCRAWL_RECHECK_RECENT_DAYS"),
                   after_hours=s.getfloat("CLUSTERCRAWL_RECHECK_AFTER_HOURS"))


def recheck_due(
    incremental: bool, entries: Iterable[Entry], known: PostState, policy: RecheckPolicy,
    now: datetime | None = None,
) -> bool:
    if any(e.modified for e in entries):
        return False  # a channel that gives modification dates already said "unchanged"
    if not incremental:
        return True
    now = now or datetime.now(UTC)
    published = parse_instant(known.published)
    seen = parse_instant(known.last_seen)
    if published is None or now - published > timedelta(days=policy.recent_days):
        return False
    return seen is None or now - seen > timedelta(hours=policy.after_hours)
