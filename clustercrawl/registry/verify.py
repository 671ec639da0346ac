"""``clustercrawl registry verify``: is each registry site there, and which channels does it have?

A small Scrapy spider run with the project's settings, so it is exactly as polite and as
guarded as a crawl: the same honest User-Agent, timeouts, per-host delay and AutoThrottle,
the SSRF guard (resolver and middleware) and its ``*.localhost`` allowance. Per site:

1. ``/robots.txt`` (obeyed for every later request; its ``Sitemap:`` lines; Crawl-delay);
2. the homepage, redirects followed to the canonical URL; blocked (firewall, challenge, 403,
   429), JavaScript-only and error pages are told apart with :mod:`clustercrawl.fetch.health`;
3. the channels the spider would use, found by the same discovery parsers
   (:mod:`clustercrawl.discovery`): the WordPress REST API, feeds, sitemaps, news and event
   listings - each candidate fetched once and kept only when its parser reads it.

The result per site is a :class:`VerifyResult`; :mod:`clustercrawl.registry.writeback` stores
the findings in the registry file.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from protego import Protego
from scrapy.crawler import CrawlerProcess
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from scrapy.utils.project import get_project_settings
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from clustercrawl.discovery._util import origin
from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.errors import DiscoveryError
from clustercrawl.discovery.feeds import autodiscover, guess_feed_urls, parse_feed
from clustercrawl.discovery.listings import find_sections, parse_listing
from clustercrawl.discovery.sitemaps import (
    default_sitemap_urls,
    parse_sitemap,
    sitemaps_from_robots,
)
from clustercrawl.discovery.wordpress import (
    api_root_from_html,
    api_root_from_link_header,
    guess_api_roots,
    posts_url,
)
from clustercrawl.extract.language import guess_text_language, primary_tag
from clustercrawl.fetch.health import block_reason, is_js_shell, visible_text
from clustercrawl.fetch.ssrf import ForbiddenAddress
from clustercrawl.fetch.throttle import apply_crawl_delay
from clustercrawl.registry.model import Site

logger = logging.getLogger(__name__)

#: Channel keys of a result, in discovery order (news/events are the two listing kinds).
CHANNEL_KEYS = ("wp_api", "feed", "sitemap", "news", "events")
#: Candidates fetched per channel and site, at most (politeness: a verify is a look, not a crawl).
MAX_PROBES = {"wp_api": 1, "feed": 2, "sitemap": 3, "news": 1, "events": 1}
#: Every status the spider reads itself; redirects (absent here) are followed by Scrapy.
_HANDLED_STATUSES = [s for s in range(200, 600) if s not in (301, 302, 303, 307, 308)]
#: Failures that mean "no usable connection" (Scrapy ≥ 2.14 wraps Twisted's in its own).
_UNREACHABLE = (
    DNSLookupError, ConnectionRefusedError, TCPTimedOutError, TimeoutError, ConnectionLost,
    ResponseNeverReceived, ResponseFailed, CannotResolveHostError, DownloadConnectionRefusedError,
    DownloadFailedError, DownloadTimeoutError, ResponseDataLossError,
)  # fmt: skip


@dataclass
class VerifyResult:
    """What verify learnt about one site (JSON-ready with :func:`dataclasses.asdict`)."""

    site_id: str
    homepage: str
    status: str = "unreachable"  # one of clustercrawl.registry.model.REACH_STATUSES
    reason: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    redirects: list[str] = field(default_factory=list)
    cms: str | None = None
    language: str | None = None
    robots: str | None = None  # "ok", "none" (404), "unreachable"
    channels: dict[str, list[str]] = field(
        default_factory=lambda: {key: [] for key in CHANNEL_KEYS}
    )
    checked_on: str = field(default_factory=lambda: dt.date.today().isoformat())

    @property
    def reachable(self) -> bool:
        return self.status in ("ok", "redirected", "js_shell")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _SiteRun:
    site: Site
    result: VerifyResult
    robots: Any = None  # Protego parser, None = no rules
    robot_sitemaps: list[str] = field(default_factory=list)
    pending: int = 0


class VerifySpider(scrapy.Spider):
    """Fetches robots.txt, the homepage and a few channel candidates per site."""

    name = "registry-verify"

    def __init__(self, sites: Iterable[Site] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.runs = {s.id: _SiteRun(s, VerifyResult(s.id, s.homepage)) for s in sites}
        self.crawl_delays: dict[str, float] = {}  # read by CrawlDelayAutoThrottle

    @property
    def results(self) -> list[VerifyResult]:
        return [run.result for run in self.runs.values()]

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for run in self.runs.values():
            yield self._request(run, origin(run.site.homepage) + "/robots.txt", "robots",
                                self.on_robots, robots_ok=True)

    # -- requests ---------------------------------------------------------------------------

    def _request(self, run: _SiteRun, url: str, kind: str, callback: Any,
                 robots_ok: bool = False) -> scrapy.Request:
        run.pending += 1
        return scrapy.Request(
            url, callback=callback, errback=self.on_error, dont_filter=True,
            meta={"site_id": run.site.id, "kind": kind, "handle_httpstatus_list": _HANDLED_STATUSES,
                  "dont_obey_robotstxt": True, "verify_robots_ok": robots_ok},
        )

    def _allowed(self, run: _SiteRun, url: str) -> bool:
        agent = str(self.settings.get("USER_AGENT") or "*")
        return run.robots is None or bool(run.robots.can_fetch(url, agent))

    def _done(self, run: _SiteRun) -> None:
        run.pending -= 1

    # -- callbacks ----------------------------------------------------------------------------

    def on_robots(self, response: Response) -> Iterable[scrapy.Request]:
        run = self.runs[response.meta["site_id"]]
        self._done(run)
        body = response.body if response.status == 200 else b""
        run.result.robots = "ok" if response.status == 200 else "none"
        if body:
            text = body.decode("utf-8", "replace")
            run.robots = Protego.parse(text)
            run.robot_sitemaps = sitemaps_from_robots(body, response.url)
            agent = str(self.settings.get("USER_AGENT") or "*")
            delay = run.robots.crawl_delay(agent)
            cap = self.settings.getfloat("CLUSTERCRAWL_MAX_CRAWL_DELAY")
            if delay and self.crawler.engine is not None:
                slot = urlsplit(response.url).hostname or ""
                self.crawl_delays[slot] = min(float(delay), cap)
                apply_crawl_delay(self.crawler, slot, min(float(delay), cap))
        yield from self._homepage(run)

    def _homepage(self, run: _SiteRun) -> Iterable[scrapy.Request]:
        if not self._allowed(run, run.site.homepage):
            run.result.status, run.result.reason = "disallowed", "robots.txt disallows it"
            return
        yield self._request(run, run.site.homepage, "home", self.on_home)

    def on_home(self, response: Response) -> Iterable[scrapy.Request]:
        run = self.runs[response.meta["site_id"]]
        self._done(run)
        res = run.result
        res.http_status = response.status
        res.final_url = response.url
        res.redirects = [str(u) for u in response.meta.get("redirect_urls", [])]
        reason = block_reason(response.status, response.headers, response.body)
        if reason:
            res.status, res.reason = "blocked", reason
            return
        if response.status >= 400:
            res.status, res.reason = "error", f"HTTP {response.status}"
            return
        if not isinstance(response, TextResponse):
            res.status, res.reason = "error", "the homepage is not a text page"
            return
        html = response.text
        res.cms = detect_cms(html, response.url, response.headers)
        res.language = _page_language(response, html)
        if is_js_shell(html):
            res.status, res.reason = "js_shell", "the page is empty without JavaScript"
        elif origin(response.url) != origin(run.site.homepage):
            res.status, res.reason = "redirected", f"moved to {origin(response.url)}"
        else:
            res.status = "ok"
        yield from self._probes(run, response, html)

    def _probes(self, run: _SiteRun, response: Response, html: str) -> Iterable[scrapy.Request]:
        url, cms = response.url, run.result.cms
        link = response.headers.get("Link")
        announced = api_root_from_link_header(
            link.decode("latin-1") if link else None, url
        ) or api_root_from_html(html, url)
        roots = [announced] if announced else (guess_api_roots(url) if cms == "wordpress" else [])
        feeds = autodiscover(html, url) or guess_feed_urls(url, cms)
        sitemaps = run.robot_sitemaps or default_sitemap_urls(url, cms)
        sections = find_sections(html, url)
        candidates = {
            "wp_api": [(root, posts_url(root, 1, per_page=1, embed_terms=False))
                       for root in roots],
            "feed": [(u, u) for u in feeds],
            "sitemap": [(u, u) for u in sitemaps],
            "news": [(u, u) for u in sections.news],
            "events": [(u, u) for u in sections.events],
        }
        for kind in CHANNEL_KEYS:
            for endpoint, fetch_url in candidates[kind][: MAX_PROBES[kind]]:
                if self._allowed(run, fetch_url):
                    req = self._request(run, fetch_url, kind, self.on_probe)
                    req.meta["endpoint"] = endpoint
                    yield req

    def on_probe(self, response: Response) -> None:
        run = self.runs[response.meta["site_id"]]
        self._done(run)
        kind, endpoint = response.meta["kind"], response.meta["endpoint"]
        if response.status != 200 or block_reason(response.status, response.headers,
                                                  response.body):
            return
        if _channel_works(kind, response) and endpoint not in run.result.channels[kind]:
            run.result.channels[kind].append(endpoint)

    def on_error(self, failure: Failure) -> Iterable[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        run = self.runs[request.meta["site_id"]]
        self._done(run)
        kind = request.meta["kind"]
        exc = failure.value
        if isinstance(exc, ForbiddenAddress):
            if kind in ("robots", "home"):
                run.result.status, run.result.reason = "refused", str(exc)
            return
        if kind == "robots":
            run.result.robots = "unreachable"
            yield from self._homepage(run)  # robots.txt down is no reason to skip the site
            return
        if kind != "home":
            return
        if isinstance(exc, _UNREACHABLE):
            run.result.status = "unreachable"
        else:
            run.result.status = "error"
        run.result.reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:300]


def _page_language(response: Response, html: str) -> str | None:
    """``<html lang>`` (or Content-Language) when given, else a guess from the visible text."""
    sel = response.xpath("/html/@lang").get() if isinstance(response, TextResponse) else None
    header = response.headers.get("Content-Language")
    tag = primary_tag(sel or (header.decode("latin-1") if header else None))
    if tag and len(tag) == 2:
        return tag
    guess, prob = guess_text_language(visible_text(html)[:2000])
    return guess if guess and prob >= 0.5 else None


def _channel_works(kind: str, response: Response) -> bool:
    """True when the discovery parser for ``kind`` reads the response."""
    try:
        if kind == "wp_api":
            head = response.body.lstrip()[:200]
            return head[:1] == b"[" or (head[:1] == b"{" and b'"code"' not in head)
        if kind == "feed":
            return bool(parse_feed(response.body, response.url))
        if kind == "sitemap":
            result = parse_sitemap(response.body, response.url, filter_entries=False)
            return bool(result.entries or result.sitemaps or result.skipped_sitemaps)
        if isinstance(response, TextResponse):
            return bool(parse_listing(response.text, response.url, section=kind).entries)
    except (DiscoveryError, ValueError):
        return False
    return False


#: Settings a verify run changes: no pipelines, state, feeds, run report or distributed add-on
#: (it writes nothing but its report); robots.txt is obeyed by the spider itself, which fetches
#: it once per host and also reads its Sitemap and Crawl-delay lines.
VERIFY_SETTINGS: dict[str, Any] = {
    "ITEM_PIPELINES": {},
    "FEEDS": {},
    "ADDONS": {},
    "EXTENSIONS": {
        "scrapy.extensions.throttle.AutoThrottle": None,
        "clustercrawl.fetch.throttle.CrawlDelayAutoThrottle": 0,
    },
    "ROBOTSTXT_OBEY": False,
    "CLUSTERCRAWL_STATE_PATH": "off",
    "RETRY_TIMES": 1,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "LOG_LEVEL": "WARNING",
}


def run_verify(sites: list[Site], overrides: dict[str, Any] | None = None) -> list[VerifyResult]:
    """Verify ``sites`` online (blocks until done; one call per process: Twisted's reactor)."""
    settings = get_project_settings()
    settings.setdict(VERIFY_SETTINGS, priority="cmdline")
    settings.setdict(overrides or {}, priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(VerifySpider)
    process.crawl(crawler, sites=sites)
    process.start()
    spider = crawler.spider
    assert isinstance(spider, VerifySpider)
    return spider.results
