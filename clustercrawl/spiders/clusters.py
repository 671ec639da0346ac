"""The ``clusters`` spider: layered discovery per site, then one fetch per post.

Per site, cheapest and most structured channel first: WordPress REST API → feeds
(autodiscovered, from the registry, guessed per CMS) → sitemaps (robots.txt, defaults,
indexes) → news/events listings with pagination → bounded link following when nothing
else found posts. See ``clustercrawl/sitestate.py`` for the two-phase life of a site.

Arguments (``-a name=value``): ``sites=ID,ID``, ``country=PL``, ``registry=PATH``,
``channels=wp_api,feed,...`` (restrict discovery), ``max_posts=N`` (per site).
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from protego import Protego
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from clustercrawl.discovery import feeds, links, listings, sitemaps, wordpress
from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.pagination import calendar_month
from clustercrawl.fetch.throttle import apply_crawl_delay
from clustercrawl.posts import build_item, merge_copies, page_from_entry, utc_now_iso
from clustercrawl.registry import RegistryError, Site, load_registry, select_sites
from clustercrawl.sitestate import Candidate, SiteState
from clustercrawl.spiders.config import CrawlLimits
from clustercrawl.workers import ExtractionRunner

logger = logging.getLogger(__name__)

# Discovery outranks post fetches so a site's channels answer before its posts are fetched.
PRIO_HOME, PRIO_API, PRIO_FEED, PRIO_SITEMAP, PRIO_LISTING, PRIO_POST = 60, 50, 40, 30, 20, 0


class ClustersSpider(scrapy.Spider):
    name = "clusters"
    limits: CrawlLimits
    runner: ExtractionRunner

    def __init__(
        self,
        sites: str | None = None,
        country: str | None = None,
        registry: str | None = None,
        channels: str | None = None,
        max_posts: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.registry_path = registry
        self.site_ids = [s.strip() for s in sites.split(",") if s.strip()] if sites else None
        self.country = country
        self.channels_arg = (
            {Channel(c.strip()) for c in channels.split(",") if c.strip()} if channels else None
        )
        self.max_posts_arg = int(max_posts) if max_posts else None
        self.run_stamp = utc_now_iso().replace(":", "").replace("-", "")
        self.states: dict[str, SiteState] = {}
        #: robots.txt Crawl-delay per download slot (host), enforced by CrawlDelayAutoThrottle
        self.crawl_delays: dict[str, float] = {}
        self.registry_errors: list[RegistryError] = []
        self.sites: list[Site] = []

    # -- set-up ------------------------------------------------------------------------------
    @classmethod
    def update_settings(cls, settings: Any) -> None:
        super().update_settings(settings)
        if not settings.get("FEEDS"):
            outdir = settings.get("CLUSTERCRAWL_OUTPUT_DIR", "output").rstrip("/")
            feeds_setting = {
                f"{outdir}/posts-%(run_stamp)s.jsonl": {
                    "format": "jsonlines",
                    "encoding": "utf-8",
                    "store_empty": False,
                    "item_classes": ["clustercrawl.items.PostItem"],
                    "overwrite": True,
                }
            }
            settings.set("FEEDS", feeds_setting, priority="spider")

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ClustersSpider:
        spider: ClustersSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.limits = CrawlLimits.from_settings(crawler.settings, spider.max_posts_arg)
        spider.runner = ExtractionRunner(spider.limits.extract_processes)
        spider.load_sites()
        crawler.signals.connect(spider.on_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.on_closed, signal=signals.spider_closed)
        return spider

    def load_sites(self) -> None:
        loaded = load_registry(self.registry_path)
        self.registry_errors = list(loaded.errors)
        for err in loaded.errors:
            logger.error("registry: %s (this site is not crawled; the others are)", err)
        for site_id, reason in loaded.skipped:
            logger.info("registry: site %s skipped: %s", site_id, reason)
        self.sites = select_sites(loaded.sites, ids=self.site_ids, country=self.country)
        logger.info("crawling %d site(s) from %s", len(self.sites), loaded.path)

    def site_channels(self, site: Site) -> set[Channel]:
        allowed = set(Channel)
        if site.overrides.channels:
            allowed &= {Channel(c) for c in site.overrides.channels}
        if self.channels_arg:
            allowed &= self.channels_arg
        return allowed

    # -- requests ----------------------------------------------------------------------------
    def _request(
        self,
        st: SiteState,
        url: str,
        callback: Any,
        *,
        kind: str,
        priority: int,
        discovery: bool = True,
        meta: dict[str, Any] | None = None,
        **cb_kwargs: Any,
    ) -> scrapy.Request | None:
        if not st.claim(url):
            return None
        if discovery:
            st.pending_discovery += 1
        else:
            st.pending_posts += 1
        m = {"site_id": st.site.id, "kind": kind, "discovery": discovery, **(meta or {})}
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=priority,
            dont_filter=True,  # this spider de-duplicates per site; see SiteState.claim
            meta=m,
            cb_kwargs=cb_kwargs,
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.runner.start()
        for site in self.sites:
            st = self.states[site.id] = SiteState(site)
            for req in (
                self._request(st, site.homepage, self.parse_home, kind="home", priority=PRIO_HOME),
                self._request(
                    st,
                    _robots_url(site.homepage),
                    self.parse_robots,
                    kind="robots",
                    priority=PRIO_HOME,
                    meta={"dont_obey_robotstxt": True, "handle_httpstatus_all": True},
                ),
            ):
                if req is not None:
                    yield req

    def _state(self, response: Response | Failure) -> SiteState:
        meta = (
            response.meta
            if isinstance(response, Response)
            else response.request.meta  # type: ignore[attr-defined]
        )
        return self.states[meta["site_id"]]

    # -- discovery callbacks -----------------------------------------------------------------
    def _discovery_done(self, st: SiteState, out: list[Any]) -> list[Any]:
        st.pending_discovery -= 1
        if st.pending_discovery == 0 and not st.fetch_started:
            out.extend(self._begin_fetch(st))
        return out

    def _guard(self, st: SiteState, url: str, step: Iterator[Any]) -> list[Any]:
        """Run one discovery step; a parser error is reported for the site, never fatal."""
        try:
            return [x for x in step if x is not None]
        except Exception as exc:
            self._site_error(st, url, f"{type(exc).__name__}: {exc}")
            logger.debug("%s", traceback.format_exc())
            return []

    def parse_home(self, response: Response) -> list[Any]:
        st = self._state(response)
        return self._discovery_done(st, self._guard(st, response.url, self._on_home(st, response)))

    def _on_home(self, st: SiteState, response: Response) -> Iterator[scrapy.Request | None]:
        site = st.site
        allowed = self.site_channels(site)
        host = urlsplit(response.url).hostname
        if host:
            st.hosts.add(host)
        if not isinstance(response, TextResponse):
            st.errors.append(f"homepage {response.url} is not HTML")
            return
        html = response.text
        headers = {k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items()}
        st.cms = detect_cms(html, response.url, headers) or (
            site.cms if site.cms not in (None, "unknown", "custom") else None
        )
        if Channel.WP_API in allowed:
            root = wordpress.api_root_from_html(html, response.url) or (
                wordpress.api_root_from_link_header(headers.get("link", ""), response.url)
            )
            if root is None and st.cms == "wordpress":
                root = wordpress.guess_api_roots(response.url)[0]
            if root:
                st.api_root = root
                yield self._request(
                    st,
                    wordpress.posts_url(root, 1, per_page=self.limits.wp_per_page),
                    self.parse_wp_api,
                    kind="wp_api",
                    priority=PRIO_API,
                    meta={"handle_httpstatus_list": [400]},
                    page=1,
                )
        if Channel.FEED in allowed:
            feed_urls = [u.url for u in site.feeds] + feeds.autodiscover(html, response.url)
            if not feed_urls:
                feed_urls = feeds.guess_feed_urls(response.url, st.cms)[:2]
            for url in feed_urls:
                if st.owns(url):
                    yield self._request(st, url, self.parse_feed, kind="feed", priority=PRIO_FEED)
        if Channel.LISTING in allowed:
            found = listings.find_sections(html, response.url)
            news = [u.url for u in site.news] or found.news
            events = [u.url for u in site.events] or found.events
            for kind, urls in (("news", news), ("events", events)):
                for url in urls:
                    if st.owns(url):
                        yield self._request(
                            st, url, self.parse_listing, kind=f"listing:{kind}",
                            priority=PRIO_LISTING,
                        )
        if Channel.LINK in allowed:
            st.home_links = links.follow_candidates(html, response.url)

    def parse_robots(self, response: Response) -> list[Any]:
        st = self._state(response)
        return self._discovery_done(
            st, self._guard(st, response.url, self._on_robots(st, response))
        )

    def _on_robots(self, st: SiteState, response: Response) -> Iterator[scrapy.Request | None]:
        site = st.site
        ok = isinstance(response, TextResponse) and response.status == 200
        text = response.text if ok else ""
        if text:
            self._apply_crawl_delay(st, response.url, text)
        if Channel.SITEMAP not in self.site_channels(site):
            return
        urls = [u.url for u in site.sitemaps] or sitemaps.sitemaps_from_robots(text, response.url)
        if not urls:
            urls = sitemaps.default_sitemap_urls(site.homepage)
        for url in urls:
            yield self._sitemap_request(st, url)

    def _sitemap_request(self, st: SiteState, url: str) -> scrapy.Request | None:
        if not st.owns(url) or st.bump("sitemaps_requested") > self.limits.max_sitemaps:
            return None
        return self._request(st, url, self.parse_sitemap, kind="sitemap", priority=PRIO_SITEMAP)

    def _apply_crawl_delay(self, st: SiteState, url: str, robots_txt: str) -> None:
        """Scrapy ignores robots.txt Crawl-delay; turn it into a per-host download delay."""
        try:
            delay = Protego.parse(robots_txt).crawl_delay(self.settings.get("USER_AGENT"))
        except Exception:
            return
        host = urlsplit(url).hostname
        if delay and host and self.crawler.engine:
            delay = min(float(delay), self.limits.max_crawl_delay)
            self.crawl_delays[host] = delay
            apply_crawl_delay(self.crawler, host, delay)
            st.counts["crawl_delay_ms"] = int(delay * 1000)

    async def parse_wp_api(self, response: Response, page: int) -> AsyncIterator[Any]:
        st = self._state(response)
        out: list[Any] = []
        entries: list[Entry] = []
        if response.status == 200:
            try:
                entries = wordpress.parse_posts_page(response.body, response.url)
            except Exception as exc:
                self._site_error(st, response.url, f"WP API page unreadable: {exc}")
            if page == 1:
                st.channel_exists(Channel.WP_API, response.url)
                pages = wordpress.total_pages(_headers(response)) or 1
                for n in range(2, min(pages, self.limits.wp_max_pages) + 1):
                    assert st.api_root is not None
                    out.append(
                        self._request(
                            st,
                            wordpress.posts_url(st.api_root, n, per_page=self.limits.wp_per_page),
                            self.parse_wp_api,
                            kind="wp_api",
                            priority=PRIO_API,
                            meta={"handle_httpstatus_list": [400]},
                            page=n,
                        )
                    )
        for entry in entries:
            cand = st.add_entry(entry)
            if cand is None or not entry.content_html or st.site.overrides.fetch_pages:
                continue
            # The API gives the whole post: extract it here instead of fetching the page.
            if st.claim(cand.url):
                item = await self._extract_item(
                    st, page_from_entry(entry), cand, page_url=cand.url,
                    fetched_url=response.url, http_status=response.status, hints=entry,
                )
                if item is not None:
                    st.items.append(item)
        for x in self._discovery_done(st, [r for r in out if r is not None]):
            yield x

    def parse_feed(self, response: Response) -> list[Any]:
        st = self._state(response)

        def step() -> Iterator[None]:
            entries = feeds.parse_feed(response.body, response.url)
            st.channel_exists(Channel.FEED, response.url)
            for entry in entries:
                st.add_entry(entry)
            yield None

        return self._discovery_done(st, self._guard(st, response.url, step()))

    def parse_sitemap(self, response: Response) -> list[Any]:
        st = self._state(response)

        def step() -> Iterator[scrapy.Request | None]:
            result = sitemaps.parse_sitemap(response.body, response.url)
            st.channel_exists(Channel.SITEMAP, response.url)
            for entry in result.entries:
                st.add_entry(entry)
            for child in result.sitemaps:
                if sitemaps.is_post_sitemap(child):
                    yield self._sitemap_request(st, child)

        return self._discovery_done(st, self._guard(st, response.url, step()))

    def parse_listing(self, response: Response) -> list[Any]:
        st = self._state(response)

        def step() -> Iterator[scrapy.Request | None]:
            if not isinstance(response, TextResponse):
                return
            result = listings.parse_listing(response.text, response.url)
            if result.entries:
                st.channel_exists(Channel.LISTING, response.url)
            for entry in result.entries:
                st.add_entry(entry)
            kind = response.meta["kind"]
            for url in result.next_pages:
                if st.owns(url) and st.bump(f"pages:{kind}") < self.limits.max_listing_pages:
                    yield self._request(
                        st, url, self.parse_listing, kind=kind, priority=PRIO_LISTING
                    )
            for url in result.calendar_pages:
                if st.owns(url) and not st.was_requested(url) and self._calendar_month_wanted(
                    st, url
                ):
                    yield self._request(
                        st, url, self.parse_listing, kind=kind, priority=PRIO_LISTING
                    )

        return self._discovery_done(st, self._guard(st, response.url, step()))

    def _calendar_month_wanted(self, st: SiteState, url: str) -> bool:
        """Event calendars are infinite ("next month" forever): walk a window of months.

        A month inside [now - CALENDAR_YEARS_BACK, now + CALENDAR_MONTHS_AHEAD] is walked;
        a calendar URL whose month cannot be read counts against a small page cap; and the
        whole calendar against CLUSTERCRAWL_MAX_CALENDAR_PAGES.
        """
        if st.counts.get("pages:calendar", 0) >= self.limits.max_calendar_pages:
            st.bump("calendar_capped")
            return False
        month = calendar_month(url)
        if month is None:
            if st.counts.get("pages:calendar_undated", 0) >= 24:
                return False
            st.bump("pages:calendar_undated")
        else:
            index = month[0] * 12 + month[1] - 1
            if not self.limits.calendar_window[0] <= index <= self.limits.calendar_window[1]:
                st.bump("calendar_out_of_window")
                return False
        st.bump("pages:calendar")
        return True

    # -- fetch phase -------------------------------------------------------------------------
    def _begin_fetch(self, st: SiteState) -> list[Any]:
        st.fetch_started = True
        st.discovery_done = True
        out: list[Any] = []
        cands = sorted(st.candidates.values(), key=lambda c: c.url)
        for n, cand in enumerate(cands):
            if self.limits.max_posts and n >= self.limits.max_posts:
                st.bump("posts_over_cap")
                continue
            req = self._request(
                st, cand.url, self.parse_post, kind="post", priority=PRIO_POST, discovery=False
            )
            if req is not None:
                out.append(req)
        if not st.candidates and Channel.LINK in self.site_channels(st.site):
            # Nothing listed any post: fall back to bounded link following from the homepage.
            out.extend(self._follow(st, st.home_links))
        if st.pending_posts == 0:
            out.extend(self._flush(st))
        return out

    def _follow(self, st: SiteState, urls: Iterable[str]) -> list[scrapy.Request]:
        out: list[scrapy.Request] = []
        for url in urls:
            if not st.owns(url) or st.counts.get("pages:link", 0) >= self.limits.page_budget:
                continue
            req = self._request(
                st, url, self.parse_post, kind="link", priority=PRIO_POST, discovery=False
            )
            if req is not None:
                st.bump("pages:link")
                out.append(req)
        return out

    async def parse_post(self, response: Response) -> AsyncIterator[Any]:
        st = self._state(response)
        kind = response.meta["kind"]
        out: list[Any] = []
        if isinstance(response, TextResponse):
            cand = st.candidate_for(response.url) or _candidate_from_redirect(st, response)
            if cand is None:  # reached by link following
                cand = st.add_entry(Entry(url=response.url, channel=Channel.LINK))
            if cand is not None:
                item = await self._extract_item(
                    st, response.text, cand, page_url=response.url,
                    fetched_url=response.url, http_status=response.status,
                    hints=cand.best_entry,
                    redirects=response.meta.get("redirect_urls", ()),
                )
                if item is not None:
                    st.items.append(item)
            if kind == "link":
                out.extend(self._follow(st, links.follow_candidates(response.text, response.url)))
        else:
            st.bump("not_html")
        st.pending_posts -= 1
        if st.pending_posts == 0 and st.discovery_done:
            out.extend(self._flush(st))
        for x in out:
            yield x

    async def _extract_item(
        self,
        st: SiteState,
        html: str,
        cand: Candidate,
        *,
        page_url: str,
        fetched_url: str,
        http_status: int | None,
        hints: Entry | None,
        redirects: Iterable[str] = (),
    ) -> Any:
        site = st.site
        try:
            extracted = await self.runner.extract(
                html, page_url, site.language, site.timezone, hints
            )
        except Exception as exc:
            self._site_error(st, page_url, f"extraction failed: {type(exc).__name__}: {exc}")
            return None
        listed_as_post = cand.channel in (Channel.WP_API, Channel.FEED)
        if not extracted.get("is_post", True) and not listed_as_post:
            st.bump("not_post")
            return None
        if not (extracted.get("title") or "").strip():
            st.bump("no_title")
            self._site_error(st, page_url, "no title found: page skipped")
            return None
        st.bump("extracted")
        return build_item(
            extracted,
            site,
            channel=cand.channel,
            channels=cand.entries.keys(),
            fetched_url=fetched_url,
            http_status=http_status,
            fetched_at=utc_now_iso(),
            page_url=page_url,
            aliases=[*cand.aliases, cand.url, *redirects],
        )

    def _flush(self, st: SiteState) -> list[Any]:
        """Emit the site's items, copies merged; then forget everything but the summary."""
        if st.flushed:
            return []
        st.flushed = True
        items = merge_copies(st.items)
        st.bump("items", len(items))
        stats = self.crawler.stats
        for ch, n in st.channel_entries.items():
            stats.set_value(f"clustercrawl/sites/{st.site.id}/entries/{ch}", n)
        for ch in st.channel_endpoints:
            stats.set_value(f"clustercrawl/sites/{st.site.id}/channel_exists/{ch}", 1)
        stats.set_value(f"clustercrawl/sites/{st.site.id}/items", len(items))
        for item in items:
            stats.inc_value(f"clustercrawl/items/channel/{item.crawl['channel']}")
        logger.info(
            "site %s done: %d posts (channels: %s)",
            st.site.id, len(items), ", ".join(sorted(st.channel_endpoints)) or "none",
        )
        st.items = []
        st.candidates = {}
        st.requested = set()
        return list(items)

    # -- errors and end of crawl ---------------------------------------------------------------
    def _site_error(self, st: SiteState, url: str, message: str) -> None:
        text = f"site {st.site.id}: {url}: {message}"
        st.errors.append(text)
        self.crawler.stats.inc_value(f"clustercrawl/sites/{st.site.id}/errors")
        logger.warning(text)

    def on_error(self, failure: Failure) -> list[Any]:
        request = failure.request  # type: ignore[attr-defined]
        st = self._state(failure)
        kind = request.meta.get("kind", "?")
        error = failure.type.__name__ if failure.type else "error"
        reason = failure.getErrorMessage() or error
        probing = kind in ("wp_api", "feed", "sitemap") and _is_404(failure)
        if kind != "robots" and not probing:
            self._site_error(st, request.url, f"{kind} request failed: {error}: {reason}")
        else:
            st.bump(f"missing:{kind}")
        if request.meta.get("discovery"):
            return self._discovery_done(st, [])
        st.pending_posts -= 1
        if st.pending_posts == 0 and st.discovery_done:
            return self._flush(st)
        return []

    def on_idle(self) -> None:
        """Safety net: a site whose bookkeeping went astray is flushed, never lost."""
        stuck = [st for st in self.states.values() if not st.flushed]
        if not stuck:
            return
        for st in stuck:
            logger.warning(
                "site %s: flushing at idle (pending discovery=%d, posts=%d)",
                st.site.id, st.pending_discovery, st.pending_posts,
            )
        req = scrapy.Request("data:,flush", callback=self._flush_stuck, dont_filter=True)
        self.crawler.engine.crawl(req)
        raise DontCloseSpider

    def _flush_stuck(self, response: Response) -> list[Any]:
        out: list[Any] = []
        for st in self.states.values():
            if not st.flushed:
                if not st.fetch_started:
                    out.extend(self._begin_fetch(st))
                else:
                    out.extend(self._flush(st))
        return out

    def on_closed(self, reason: str) -> None:
        self.runner.close()


def _headers(response: Response) -> dict[str, str]:
    return {k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items()}


def _robots_url(homepage: str) -> str:
    parts = urlsplit(homepage)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def _candidate_from_redirect(st: SiteState, response: Response) -> Candidate | None:
    for url in response.meta.get("redirect_urls", ()):
        cand = st.candidate_for(url)
        if cand is not None:
            return cand
    return None


def _is_404(failure: Failure) -> bool:
    response = getattr(failure.value, "response", None)
    return response is not None and response.status in (404, 410)
