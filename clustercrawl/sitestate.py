"""Per-site crawl state: discovery bookkeeping, post candidates, the item buffer.

A site is crawled in two phases. Discovery asks every channel (API, feeds, sitemaps,
listings) what posts exist; when its last discovery request has answered, the candidates
are fetched once each, whichever channels listed them. Items are held per site until the
site is done, so copies of one post found under several URLs merge into one item that
lists all its URLs and channels. Memory is bounded by the sites in flight, not the crawl.
"""

from __future__ import annotations

import time
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

from clustercrawl.discovery.entry import CHANNEL_ORDER, Channel, Entry
from clustercrawl.items import PostItem
from clustercrawl.registry import Site
from clustercrawl.spiders.budget import DEFAULT_POLICY, ChannelBreaker
from clustercrawl.spiders.config import CrawlLimits
from clustercrawl.state import PostState, SiteRecord
from clustercrawl.urls import canonicalize_url, site_key, url_key

#: Scrapy signal sent when a site is finished (its items stored, its report row written):
#: ``site_id`` and ``hosts`` (its ``urls.site_key`` hosts). Components that keep something per
#: site or per host (the duplicate filter, the robots.txt parsers) let go of it then.
SITE_FINISHED = object()


@dataclass(slots=True)
class Candidate:
    """One post URL and what each channel that listed it said."""

    key: str
    url: str
    entries: dict[Channel, Entry] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)

    @property
    def channel(self) -> Channel:
        return next(c for c in CHANNEL_ORDER if c in self.entries)

    @property
    def best_entry(self) -> Entry:
        """The most trusted channel's entry, filled in from the others where it is silent."""
        best = self.entries[self.channel]
        for ch in CHANNEL_ORDER:
            other = self.entries.get(ch)
            if other is None or other is best:
                continue
            for name in ("title", "published", "modified", "summary", "content_html", "language"):
                if getattr(best, name) is None and getattr(other, name) is not None:
                    setattr(best, name, getattr(other, name))
            if not best.topics and other.topics:
                best.topics = other.topics
        return best


@dataclass(slots=True)
class SiteControl:
    """Counters that steer the crawl of a site (budgets, stop rules); kept apart from the
    report statistics in ``SiteState.counts``, which nothing reads to decide anything."""

    sitemaps_requested: int = 0
    sitemaps_ok: int = 0
    sitemaps_not_modified: int = 0
    link_pages: int = 0
    listing_pages: dict[str, int] = field(default_factory=dict)  # per section kind
    calendar_pages: int = 0
    calendar_undated_pages: int = 0
    feed_gaps: int = 0  # feeds (incremental run) showing no known post: listings must tell

    def next_listing_page(self, kind: str) -> int:
        """Count one more page of a listing section; returns how many it has now."""
        self.listing_pages[kind] = self.listing_pages.get(kind, 0) + 1
        return self.listing_pages[kind]


@dataclass(slots=True)
class PostTicket:
    """A post page waiting for its turn: a site's posts are scheduled a few at a time, so a
    budget or a tripped channel stops the rest at once and the scheduler stays small."""

    url: str
    kind: str  # post | recheck
    channel: str  # the channel that listed it (the breaker counts per channel)
    known: PostState | None = None


@dataclass
class SiteState:
    site: Site
    hosts: set[str] = field(default_factory=set)  # urls.site_key of the site's hosts
    candidates: dict[str, Candidate] = field(default_factory=dict)
    requested: set[str] = field(default_factory=set)  # url keys of pages asked for
    pending_discovery: int = 0
    discovery_done: bool = False
    pending_posts: int = 0
    fetch_started: bool = False
    flushed: bool = False
    items: list[PostItem] = field(default_factory=list)
    api_root: str | None = None
    cms: str | None = None
    channel_entries: dict[str, int] = field(default_factory=dict)
    channel_endpoints: dict[str, list[str]] = field(default_factory=dict)
    control: SiteControl = field(default_factory=SiteControl)
    #: report statistics only (what the manifest shows); decisions read ``control``
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    home_links: list[str] = field(default_factory=list)
    listing_pages_seen: set[int] = field(default_factory=set)  # entry-set fingerprints
    # -- across runs -------------------------------------------------------------------------
    previous: SiteRecord | None = None
    known: dict[str, PostState] = field(default_factory=dict)  # live posts of earlier runs
    known_alias: dict[str, str] = field(default_factory=dict)  # alias url key -> known key
    incremental: bool = False
    robots_sitemaps: list[str] | None = None
    crawl_delay: float | None = None
    #: channels walked to the end this run: a known post missing from all of them may be gone
    walked: set[str] = field(default_factory=set)
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)
    gone_urls: list[str] = field(default_factory=list)
    requests: int = 0
    #: why the site gave nothing, when it did: unreachable, blocked, js_shell, error
    failure: str | None = None
    status: str | None = None
    record: SiteRecord | None = None  # what the state will keep of this site
    record_saved: bool = False  # written when the site's items were stored
    pending_feeds: int = 0  # incremental run: feeds still to answer before the listings
    post_queue: deque[PostTicket] = field(default_factory=deque)
    started: float = field(default_factory=time.monotonic)
    #: why the site was cut short this run (budget, a tripped channel, the run stopping)
    stopped: list[str] = field(default_factory=list)
    breaker: ChannelBreaker = field(default_factory=lambda: ChannelBreaker(DEFAULT_POLICY))
    limits: CrawlLimits | None = None  # the crawl's limits with this site's overrides
    max_requests: int = 0  # this run's budgets (0 = none), the registry's overrides applied
    max_seconds: float = 0.0
    items_in_pipeline: int = 0  # emitted items not yet stored, dropped or failed
    #: WordPress: X-WP-Total seen this run; on a re-crawl, ids the index says are new or
    #: changed (their full posts are asked for by ``include=``) and unknown ids among them
    wp_total: int | None = None
    wp_changed: list[int] = field(default_factory=list)
    wp_new: int = 0

    def __post_init__(self) -> None:
        self.add_host(self.site.homepage)

    # -- bookkeeping ---------------------------------------------------------------------------
    def bump(self, name: str, n: int = 1) -> None:
        """Count an event for the report."""
        self.counts[name] = self.counts.get(name, 0) + n

    def claim(self, url: str) -> bool:
        """True the first time a page of this site is asked for (per run)."""
        key = url_key(url)
        if key in self.requested:
            return False
        self.requested.add(key)
        return True

    def was_requested(self, url: str) -> bool:
        return url_key(url) in self.requested

    def add_host(self, url: str) -> None:
        """The site also lives at this URL's host (its homepage redirected there)."""
        key = site_key(url)
        if key:
            self.hosts.add(key)

    def owns(self, url: str) -> bool:
        """The project's one same-site rule (``urls.same_site``): host without ``www.``,
        scheme ignored, port kept, subdomains are other sites."""
        key = site_key(url)
        return bool(key) and key in self.hosts

    def channel_exists(self, channel: Channel | str, endpoint: str) -> None:
        """Record that a channel answered for this site (even with zero posts)."""
        eps = self.channel_endpoints.setdefault(Channel(channel).value, [])
        if endpoint not in eps:
            eps.append(endpoint)

    # -- candidates ----------------------------------------------------------------------------
    def add_entry(self, entry: Entry) -> Candidate | None:
        """Register a post candidate; None when it is off-site."""
        if not self.owns(entry.url):
            self.bump("offsite_entries")
            return None
        entry.url = canonicalize_url(entry.url)
        key = url_key(entry.url)
        cand = self.candidates.get(key)
        if cand is None:
            cand = self.candidates[key] = Candidate(key=key, url=entry.url)
        cand.entries.setdefault(entry.channel, entry)
        cand.aliases.update(canonicalize_url(a) for a in entry.alias_urls)
        ch = entry.channel.value
        self.channel_entries[ch] = self.channel_entries.get(ch, 0) + 1
        return cand

    def set_known(self, posts: list[PostState]) -> None:
        self.known = {p.key: p for p in posts}
        self.known_alias = {a: p.key for p in posts for a in p.aliases}

    def known_post(self, key: str) -> PostState | None:
        """The stored post a URL key belongs to (its canonical key or one of its aliases)."""
        post = self.known.get(key)
        if post is None and key in self.known_alias:
            post = self.known.get(self.known_alias[key])
        return post

    def candidate_for(self, url: str) -> Candidate | None:
        return self.candidates.get(url_key(url))

    def summary(self) -> dict[str, Any]:
        """What the run report says of this site."""
        return {
            "site_id": self.site.id,
            "homepage": self.site.homepage,
            "cms": self.cms,
            "channels": {
                ch.value: {
                    "exists": ch.value in self.channel_endpoints,
                    "endpoints": self.channel_endpoints.get(ch.value, []),
                    "entries": self.channel_entries.get(ch.value, 0),
                }
                for ch in CHANNEL_ORDER
            },
            "candidates": len(self.candidates),
            "mode": "incremental" if self.incremental else "full",
            "requests": self.requests,
            "unchanged": self.unchanged,
            "gone": len(self.gone),
            "status": self.status,
            "stopped": list(self.stopped),
            "counts": dict(sorted(self.counts.items())),
            "control": asdict(self.control),
            "errors": self.errors[:50],
        }
