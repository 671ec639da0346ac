"""Data model of the demo web: sites, posts, non-post pages and HTTP responses.

Content (posts) is independent of the CMS; a renderer turns a `SiteData` into routes. The
ground truth is derived from the same objects, so pages and truth cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

POST_TYPES = (
    "news",
    "event_announcement",
    "event_report",
    "call",
    "member_news",
    "press_release",
)


@dataclass(slots=True)
class Response:
    """One HTTP answer; headers beyond Content-Type/Length go in ``headers``."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)


#: A route handler renders a page for a base URL such as ``http://host.localhost:8377``.
Handler = Callable[[str], Response]


@dataclass(frozen=True, slots=True)
class City:
    """A city as written in one language: nominative and the "in <city>" phrase."""

    en: str
    nom: str
    loc: str
    country: str = ""


@dataclass(frozen=True, slots=True)
class EventInfo:
    """The real-world event a post is about (ground truth: start, end, English city)."""

    start: date
    end: date
    city: str
    date_conflict: bool = False
    venue: str | None = None
    street: str | None = None
    time: str | None = None  # "18:20" when the text gives a start time
    name: str | None = None


@dataclass(slots=True)
class Post:
    """A post with CMS-independent content; ``body_html`` is the inner HTML of the content."""

    key: str
    ident: int
    slug: str
    title: str
    published: datetime  # local (CET/CEST) naive time
    modified: datetime
    post_type: str
    language: str
    body_html: str
    summary: str
    category: str  # news | events | calls | members
    tags: list[str] = field(default_factory=list)
    event: EventInfo | None = None
    call_deadline: str | None = None
    story: str | None = None
    event_key: str | None = None
    body_contains: list[str] = field(default_factory=list)
    body_excludes: list[str] = field(default_factory=list)
    image: str | None = None  # file name of a featured image, if any
    author: str = "admin"


@dataclass(slots=True)
class SitePage:
    """A non-post page (about, members, contact): must never end up as a post."""

    kind: str
    slug: str
    title: str
    body_html: str
    ident: int = 0


@dataclass(slots=True)
class SiteData:
    """Everything a renderer needs about one site."""

    id: str
    host: str
    name: str
    country: str
    languages: tuple[str, ...]
    timezone: str
    cms: str  # renderer key: wp, wp_plain, typo3, drupal, joomla, php, calendar
    lang: str
    posts: list[Post]
    pages: list[SitePage]
    address: tuple[str, ...]
    email: str
    phone: str
    eu_footer: str | None = None
    charset: str = "UTF-8"
    registry_news: bool = False
    registry_events: bool = False
    site_type: str = "cmo"
    # posts linked somewhere with newsletter tracking parameters (post keys)
    tracked: tuple[str, ...] = ()
    # posts that have a print variant (post keys)
    printable: tuple[str, ...] = ()
    options: dict[str, str] = field(default_factory=dict)
    # revisions (revisions.py): posts taken down, and when the site last changed (None: never)
    removed: list[Post] = field(default_factory=list)
    changed_at: datetime | None = None

    def post_by_key(self, key: str) -> Post:
        """Lookup used by stories and tests."""
        for post in self.posts:
            if post.key == key:
                return post
        raise KeyError(key)

    def newest_first(self) -> list[Post]:
        """Posts in listing order (newest first, stable on ident)."""
        return sorted(self.posts, key=lambda p: (p.published, p.ident), reverse=True)

    def last_change(self) -> datetime | None:
        """When any listed content last changed: the newest ``modified``, or the revision
        that took a post down (a removal changes feeds and sitemaps, not any post's date)."""
        last = max((p.modified for p in self.posts), default=None)
        if self.changed_at is not None and (last is None or self.changed_at > last):
            return self.changed_at
        return last


TRACKING_QUERY = "utm_source=newsletter&utm_medium=email"
