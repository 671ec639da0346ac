"""What a registry entry is: the ``Site`` record, its parts, and the vocabularies they use.

Kept free of YAML and I/O so the spider, the distributed queue and the extractor can import
it cheaply; loading and validation live in :mod:`clustercrawl.registry.load`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytz

from clustercrawl.discovery.entry import Channel

DEFAULT_REGISTRY = Path(__file__).resolve().parent.parent / "data" / "registry.yaml"

SCHEMA_VERSION = 1
NETWORK_COUNTRIES: dict[str, str] = {"EU": "Europe/Brussels", "INT": "Europe/Brussels"}
# Where pytz's first zone for a country is not where its organisations are.
_COUNTRY_TZ_EXCEPTIONS: dict[str, str] = {"UA": "Europe/Kyiv"}

#: cmo = cluster management organisation; association = national/regional association of
#: clusters; portal = a site aggregating clusters (ministry, platform); network = an
#: international network; agency = an innovation/development agency that runs clusters;
#: technology_park = a science or technology park; event_site = a conference site.
SITE_TYPES = frozenset(
    {"cmo", "association", "portal", "network", "agency", "technology_park", "event_site",
     "other"}
)  # fmt: skip
URL_STATUSES = frozenset({"seen", "derived", "guessed"})
#: page_seen = a real page showed the organisation and its homepage (``evidence``);
#: crawled = ``clustercrawl registry verify`` reached the site (``verified_on``);
#: guessed / not_found = older research states; demo = the loopback demo web.
VERIFIED_VALUES = frozenset({"page_seen", "crawled", "guessed", "not_found", "demo"})
#: What ``registry verify`` found when it last tried the homepage (``last_check.status``).
REACH_STATUSES = frozenset(
    {"ok", "redirected", "blocked", "js_shell", "error", "unreachable", "refused", "disallowed"}
)
CHANNELS: tuple[str, ...] = tuple(c.value for c in Channel)
DATE_ORDERS = frozenset({"DMY", "MDY", "YMD", "YDM", "DYM", "MYD"})  # dateparser DATE_ORDER
URL_LIST_FIELDS = ("news", "events", "feeds", "sitemaps", "wp_api")
SKIP_NO_HOMEPAGE = "no homepage known"
_SPACE = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class SiteUrl:
    """A URL with how sure we are of it: ``seen`` (observed), ``derived`` or ``guessed``."""

    url: str
    status: str = "seen"


@dataclass(frozen=True, slots=True)
class SiteOverrides:
    page_budget: int | None = None  # max pages fetched by link following
    max_listing_pages: int | None = None
    channels: tuple[str, ...] | None = None  # restrict discovery to these channels
    date_order: str | None = None  # e.g. "DMY"; default from language
    fetch_pages: bool | None = None  # fetch HTML even when the API gives full content
    robots_obey: bool | None = None
    max_requests: int | None = None  # a big site's request budget per run (0 = none)
    max_time: float | None = None  # a big site's time budget per run, seconds (0 = none)


@dataclass(frozen=True, slots=True)
class LastCheck:
    """What ``clustercrawl registry verify`` saw the last time it fetched the homepage."""

    date: str  # ISO date
    status: str  # one of REACH_STATUSES
    final_url: str | None = None
    http_status: int | None = None
    language: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    id: str
    name: str
    country: str  # ISO 3166-1 alpha-2, or EU / INT for networks
    languages: tuple[str, ...]
    homepage: str
    timezone: str
    type: str = "cmo"
    cms: str | None = None
    news: tuple[SiteUrl, ...] = ()
    events: tuple[SiteUrl, ...] = ()
    feeds: tuple[SiteUrl, ...] = ()
    sitemaps: tuple[SiteUrl, ...] = ()
    verified: str = "page_seen"
    overrides: SiteOverrides = field(default_factory=SiteOverrides)
    evidence: str | None = None  # the URL that shows the site exists (see ``verified``)
    notes: str | None = None
    cms_evidence: str | None = None  # which URL fingerprint the ``cms`` hint rests on
    tags: tuple[str, ...] = ()  # free labels for selection (``-a tag=…``), lower case
    section_of: str | None = None  # id of the entry this one is a section of (same domain)
    wp_api: tuple[SiteUrl, ...] = ()  # WordPress REST roots seen by ``registry verify``
    verified_on: str | None = None  # ISO date of the last successful ``registry verify``
    last_check: LastCheck | None = None

    @property
    def language(self) -> str | None:
        """The site's main language (first listed), used for dates and text."""
        return self.languages[0] if self.languages else None


def default_timezone(country: str) -> str:
    """The IANA zone assumed for a country's sites when the entry gives none."""
    code = country.upper()
    if code in NETWORK_COUNTRIES:
        return NETWORK_COUNTRIES[code]
    if code in _COUNTRY_TZ_EXCEPTIONS:
        return _COUNTRY_TZ_EXCEPTIONS[code]
    zones: list[str] = list(pytz.country_timezones.get(code, []))
    return zones[0] if zones else "UTC"


_SIMPLE_URL = re.compile(r"https?://[A-Za-z0-9][A-Za-z0-9.-]*(?::(\d{1,5}))?(?:[/?#][^\s]*)?\Z")


def is_http_url(value: str) -> bool:
    """True for an absolute http(s) URL with a plausible host (what a crawler can fetch)."""
    if not value or _SPACE.search(value):
        return False
    simple = _SIMPLE_URL.match(value)
    if simple:  # the common case, without urlsplit (5,000-entry registries load in well under 1 s)
        return simple.group(1) is None or int(simple.group(1)) <= 65535
    try:
        parts = urlsplit(value)
        _ = parts.port  # raises ValueError on a bad port
    except ValueError:
        return False
    host = parts.hostname or ""
    return parts.scheme in ("http", "https") and bool(host) and not host.startswith(".")
