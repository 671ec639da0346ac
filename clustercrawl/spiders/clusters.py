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
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from clustercrawl.discovery import feeds, links, listings, sitemaps, wordpress
from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.pagination import calendar_month
from clustercrawl.fetch.health import block_reason, classify_failure, is_js_shell
from clustercrawl.fetch.throttle import apply_crawl_delay
from clustercrawl.items import PostItem
from clustercrawl.posts import build_item, merge_copies, page_from_entry, utc_now_iso
from clustercrawl.registry import RegistryError, Site, load_registry, select_sites
from clustercrawl.sitestate import Candidate, SiteState
from clustercrawl.spiders.config import CrawlLimits
from clustercrawl.spiders.incremental import (
    RecheckPolicy,
    complete_channel,
    conditional_headers,
    entry_changed,
    page_headers,
    parse_instant,
    recheck_due,
)
from clustercrawl.spiders.sources import LocalSiteSource, SiteSource
from clustercrawl.state import GONE, PageState, PostState, SiteRecord, StateStore, store_for
from clustercrawl.urls import url_key
from clustercrawl.workers import ExtractionRunner

logger = logging.getLogger(__name__)

# Discovery outranks post fetches so a site's channels answer before its posts are fetched.
PRIO_HOME, PRIO_API, PRIO_FEED, PRIO_SITEMAP, PRIO_LISTING, PRIO_POST = 60, 50, 40, 30, 20, 0


class ClustersSpider(scrapy.Spider):
    name = "clusters"
    limits: CrawlLimits
    runner: ExtractionRunner
    store: StateStore | None
    site_source: SiteSource
    full_every_days: float
    known_stop: int
    recheck: RecheckPolicy

    def __init__(
        self,
        sites: str | None = None,
        country: str | None = None,
        registry: str | None = None,
        channels: str | None = None,
        max_posts: str | None = None,
        full: str | None = None,
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
        #: re-walk every channel and re-emit unchanged posts too
        self.full = str(full or "").lower() in ("1", "true", "yes")
        #: HTTP validators of fetched post pages, handed to StatePipeline by canonical key
        self.page_validators: dict[str, dict[str, str]] = {}
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
                f"{outdir}/runs/%(run_stamp)s/posts.jsonl": {
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
        spider.store = store_for(crawler)
        spider.full_every_days = crawler.settings.getfloat("CLUSTERCRAWL_FULL_EVERY_DAYS")
        spider.known_stop = crawler.settings.getint("CLUSTERCRAWL_KNOWN_STOP")
        spider.recheck = RecheckPolicy.from_settings(crawler.settings)
        spider.load_sites()
        crawler.signals.connect(spider.on_robots_parsed, signal=signals.robots_parsed)
        for sig in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider.on_item_settled, signal=sig)
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
        self.site_source = LocalSiteSource(self.sites)
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
        st.requests += 1
        m = {"site_id": st.site.id, "kind": kind, "discovery": discovery,
             "site_language": st.site.language, **(meta or {})}
        headers = {}
        if st.incremental and self.store is not None and discovery:
            page = self.store.get_page(url_key(url))
            headers = page_headers(page)
            if headers:
                m["handle_httpstatus_list"] = [*m.get("handle_httpstatus_list", []), 304]
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            priority=priority,
            headers=headers or None,
            dont_filter=True,  # this spider de-duplicates per site; see SiteState.claim
            meta=m,
            cb_kwargs=cb_kwargs,
        )

    def _remember_page(self, st: SiteState, response: Response) -> bool:
        """Keep a discovery page's validators; True when it answered 304 (unchanged)."""
        if response.status == 304:
            st.bump("not_modified")
            return True
        if self.store is not None and response.status == 200:
            etag = response.headers.get(b"ETag")
            lastmod = response.headers.get(b"Last-Modified")
            if etag or lastmod:
                self.store.put_page(PageState(
                    key=url_key(response.url), site_id=st.site.id, url=response.url,
                    kind=response.meta.get("kind", ""),
                    etag=etag.decode("latin-1") if etag else None,
                    last_modified=lastmod.decode("latin-1") if lastmod else None,
                    fetched_at=utc_now_iso(),
                ))
        return False

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.runner.start()
        for site in self.site_source.initial():
            for req in self._start_site(site):
                yield req

    def _start_site(self, site: Site) -> list[scrapy.Request]:
        st = self.states[site.id] = SiteState(site)
        if self.store is not None:
            st.previous = self.store.get_site(site.id)
            st.set_known([p for p in self.store.site_posts(site.id) if p.status != GONE])
        st.incremental = self._incremental(st)
        reqs = self._incremental_plan(st) if st.incremental else [
            self._request(st, site.homepage, self.parse_home, kind="home", priority=PRIO_HOME)
        ]
        return [r for r in reqs if r is not None]

    def _incremental(self, st: SiteState) -> bool:
        """Re-crawl from stored endpoints, unless asked for everything or a full walk is due."""
        prev = st.previous
        if self.full or prev is None or not prev.endpoints or not st.known:
            return False
        last_full = parse_instant(prev.last_full_run)
        if last_full is None:
            return False
        age_days = (datetime.now(UTC) - last_full).total_seconds() / 86400
        return age_days < self.full_every_days

    def _incremental_plan(self, st: SiteState) -> list[scrapy.Request | None]:
        """Ask only the stored endpoints of the site's cheapest complete channel, if any."""
        prev = st.previous
        assert prev is not None
        st.cms = prev.cms
        st.api_root = prev.api_root
        if prev.crawl_delay:
            self._set_crawl_delay(st, st.site.homepage, prev.crawl_delay)
        eps = prev.endpoints
        if prev.complete_channel == Channel.WP_API.value and prev.api_root:
            return [self._wp_request(st, 1)]
        if prev.complete_channel == Channel.SITEMAP.value and eps.get("sitemap"):
            return [self._sitemap_request(st, u) for u in eps["sitemap"]]
        # Feeds first: when every feed answers "not modified", no post was added, and the
        # listings wait for the next full pass; otherwise they are walked until known posts.
        st.pending_feeds = len(eps.get("feed", []))
        if st.pending_feeds:
            return [self._request(st, u, self.parse_feed, kind="feed", priority=PRIO_FEED)
                    for u in eps["feed"]]
        return self._listing_requests(st)

    def _listing_requests(self, st: SiteState) -> list[scrapy.Request | None]:
        eps = st.previous.endpoints if st.previous else {}
        return [self._request(st, url, self.parse_listing, kind="listing",
                              priority=PRIO_LISTING, meta={"section_start": True})
                for url in eps.get("listing", [])]

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
        if classify_failure(response.status, headers, response.body) == "blocked":
            st.failure = "blocked"
            reason = block_reason(response.status, headers, response.body) or "challenge page"
            self._site_error(st, response.url, f"homepage blocked: {reason}")
        elif is_js_shell(html):
            st.failure = "js_shell"
            self._site_error(st, response.url, "homepage is a JavaScript-only shell: no content "
                             "without running scripts")
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
                yield self._wp_request(st, 1)
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
                            priority=PRIO_LISTING, meta={"section_start": True},
                        )
        if Channel.SITEMAP in allowed:
            urls = [u.url for u in site.sitemaps] or st.robots_sitemaps or []
            for url in urls or sitemaps.default_sitemap_urls(response.url, st.cms):
                yield self._sitemap_request(st, url)
        if Channel.LINK in allowed:
            st.home_links = links.follow_candidates(html, response.url)

    def on_robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Scrapy fetched a host's robots.txt: keep its sitemaps, honour its Crawl-delay."""
        st = self.states.get(request.meta.get("site_id", ""))
        if st is None:
            return
        rp = getattr(robotparser, "rp", None)  # Protego, Scrapy's default parser
        st.robots_sitemaps = list(getattr(rp, "sitemaps", None) or [])
        try:
            delay = robotparser.crawl_delay(self.settings.get("USER_AGENT"))
        except Exception:
            delay = None
        if delay:
            self._set_crawl_delay(st, request.url, float(delay))

    def _wp_request(self, st: SiteState, page: int) -> scrapy.Request | None:
        assert st.api_root is not None
        return self._request(
            st,
            wordpress.posts_url(st.api_root, page, per_page=self.limits.wp_per_page),
            self.parse_wp_api,
            kind="wp_api",
            priority=PRIO_API,
            meta={"handle_httpstatus_list": [400]},
            page=page,
        )

    def _sitemap_request(self, st: SiteState, url: str) -> scrapy.Request | None:
        if not st.owns(url) or st.bump("sitemaps_requested") > self.limits.max_sitemaps:
            return None
        return self._request(st, url, self.parse_sitemap, kind="sitemap", priority=PRIO_SITEMAP)

    def _set_crawl_delay(self, st: SiteState, url: str, delay: float) -> None:
        """Scrapy ignores robots.txt Crawl-delay; turn it into a per-host download delay."""
        host = urlsplit(url).hostname
        if delay > 0 and host and self.crawler.engine:
            delay = min(delay, self.limits.max_crawl_delay)
            st.crawl_delay = delay
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
                total = wordpress.total_pages(_headers(response)) or 1
                pages = min(total, self.limits.wp_max_pages)
                out.extend(self._wp_request(st, n) for n in range(2, pages + 1))
                if pages == total:
                    st.walked.add(Channel.WP_API.value)
        for entry in entries:
            cand = st.add_entry(entry)
            if cand is None or not entry.content_html or st.site.overrides.fetch_pages:
                continue
            if not self.full and not entry_changed(entry, st.known_post(cand.key)):
                st.claim(cand.url)
                st.unchanged += 1
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
            st.channel_exists(Channel.FEED, response.url)
            if self._remember_page(st, response):
                return
            new = known = 0
            for entry in feeds.parse_feed(response.body, response.url):
                cand = st.add_entry(entry)
                if cand is not None:
                    if st.known_post(cand.key) is None:
                        new += 1
                    else:
                        known += 1
            if new and not known:
                # the whole feed is new: older new posts may have scrolled out of it
                st.bump("feed_gaps")
            yield None

        out = self._guard(st, response.url, step())
        return self._discovery_done(st, out + self._after_feed(st))

    def _after_feed(self, st: SiteState) -> list[Any]:
        """On an incremental run, walk the listings once the feeds showed something new."""
        if not st.incremental or not st.pending_feeds:
            return []
        st.pending_feeds -= 1
        if st.pending_feeds or not st.counts.get("feed_gaps"):
            return []  # every new post is in a feed that also still shows known ones
        return [r for r in self._listing_requests(st) if r is not None]

    def parse_sitemap(self, response: Response) -> list[Any]:
        st = self._state(response)

        def step() -> Iterator[scrapy.Request | None]:
            if self._remember_page(st, response):
                st.channel_exists(Channel.SITEMAP, response.url)
                st.bump("sitemap_304")
                return
            st.bump("sitemap_ok")
            result = sitemaps.parse_sitemap(response.body, response.url)
            if result.entries:
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
            kind = response.meta["kind"]
            if response.meta.get("section_start"):
                st.channel_exists(Channel.LISTING, response.url)
            if self._remember_page(st, response) or not isinstance(response, TextResponse):
                return
            result = listings.parse_listing(response.text, response.url)
            # Pagination that never ends (identical pages, empty pages forever) stops here;
            # calendar months may be empty and are bounded by their date window instead.
            if result.entries:
                fingerprint = hash(tuple(sorted(e.url for e in result.entries)))
                if fingerprint in st.listing_pages_seen:
                    st.bump("listing_repeats")
                    return
                st.listing_pages_seen.add(fingerprint)
            elif not response.meta.get("calendar"):
                st.bump("listing_empty")
                result.next_pages = []
            known_here = run = longest = 0
            for entry in result.entries:
                cand = st.add_entry(entry)
                if cand is not None and st.known_post(cand.key) is not None:
                    known_here += 1
                    run += 1
                    longest = max(longest, run)
                else:
                    run = 0
            # on a re-crawl, walk a listing (newest first) only until known posts begin
            if st.incremental and result.entries and longest >= min(
                self.known_stop, len(result.entries)
            ):
                st.bump("listing_known_stop")
                return
            for url in result.next_pages:
                if st.owns(url) and st.bump(f"pages:{kind}") < self.limits.max_listing_pages:
                    yield self._request(
                        st, url, self.parse_listing, kind=kind, priority=PRIO_LISTING
                    )
            calendar = result.calendar_pages
            if st.incremental and known_here == len(result.entries):
                calendar = []  # nothing new this month: the other months wait for a full pass
            for url in calendar:
                if st.owns(url) and not st.was_requested(url) and self._calendar_month_wanted(
                    st, url
                ):
                    yield self._request(
                        st, url, self.parse_listing, kind=kind, priority=PRIO_LISTING,
                        meta={"calendar": True},
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
        sitemap_capped = st.counts.get("sitemaps_requested", 0) > self.limits.max_sitemaps
        if st.counts.get("sitemap_ok") and not st.counts.get("sitemap_304") and not sitemap_capped:
            st.walked.add(Channel.SITEMAP.value)
        out: list[Any] = []
        present: set[str] = set()
        fetched = 0
        for cand in sorted(st.candidates.values(), key=lambda c: c.url):
            known = st.known_post(cand.key)
            if known is not None:
                present.add(known.key)
            if st.was_requested(cand.url):
                continue  # came whole from the API
            kind = "post"
            if known is None and not self.full and self._known_not_post(cand.key):
                continue
            if known is not None and not self.full:
                if any(entry_changed(e, known) for e in cand.entries.values()):
                    kind = "recheck"
                elif recheck_due(st.incremental, cand.entries.values(), known, self.recheck):
                    kind = "recheck"  # nothing says whether it changed: ask (conditionally)
                else:
                    st.unchanged += 1
                    continue
            if self.limits.max_posts and fetched >= self.limits.max_posts:
                st.bump("posts_over_cap")
                continue
            fetched += 1
            out.append(self._post_request(st, cand.url, kind, known))
        # A known post no channel listed any more, where a channel was walked to its end
        # (or everything was walked): ask for it again; 404/410 means it is gone.
        for key, known in st.known.items():
            if key in present:
                continue
            if not st.incremental or set(known.channels) & st.walked:
                out.append(self._post_request(st, known.url, "recheck", known))
        out = [r for r in out if r is not None]
        if not st.candidates and not st.known and Channel.LINK in self.site_channels(st.site):
            # Nothing listed any post: fall back to bounded link following from the homepage.
            out.extend(self._follow(st, st.home_links))
        if st.pending_posts == 0:
            out.extend(self._flush(st))
        return out

    def _known_not_post(self, key: str) -> bool:
        if self.store is None:
            return False
        page = self.store.get_page(key)
        return page is not None and page.kind == "not_post"

    def _post_request(
        self, st: SiteState, url: str, kind: str, known: PostState | None
    ) -> scrapy.Request | None:
        req = self._request(st, url, self.parse_post, kind=kind, priority=PRIO_POST,
                            discovery=False)
        if req is not None and known is not None and not self.full:
            headers = conditional_headers(known.etag, known.last_modified)
            if headers:
                req.headers.update(headers)
                req.meta["handle_httpstatus_list"] = [304]
        return req

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
        if response.status == 304:
            st.unchanged += 1
        elif isinstance(response, TextResponse):
            cand = st.candidate_for(response.url) or _candidate_from_redirect(st, response)
            if cand is None and kind == "recheck":
                cand = st.add_entry(Entry(url=response.url, channel=Channel.LINK))
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
                    self._keep_validators(item, response)
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
            if self.store is not None:  # not asked again on re-crawls
                self.store.put_page(PageState(key=url_key(page_url), site_id=site.id,
                                              url=page_url, kind="not_post",
                                              fetched_at=utc_now_iso()))
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

    def _keep_validators(self, item: Any, response: Response) -> None:
        etag = response.headers.get(b"ETag")
        lastmod = response.headers.get(b"Last-Modified")
        if etag or lastmod:
            self.page_validators[url_key(item.url)] = {
                "etag": etag.decode("latin-1") if etag else "",
                "last_modified": lastmod.decode("latin-1") if lastmod else "",
            }

    def _flush(self, st: SiteState) -> list[Any]:
        """Emit the site's items, copies merged; record the site; keep only its summary."""
        if st.flushed:
            return []
        st.flushed = True
        items = merge_copies(st.items)
        st.bump("items", len(items))
        if self.store is not None and st.gone:
            self.store.mark_gone(st.gone, utc_now_iso())
        st.status = self._site_status(st, items)
        self._record_site(st, items)
        stats = self.crawler.stats
        sid = st.site.id
        for ch, n in st.channel_entries.items():
            stats.set_value(f"clustercrawl/sites/{sid}/entries/{ch}", n)
        for ch in st.channel_endpoints:
            stats.set_value(f"clustercrawl/sites/{sid}/channel_exists/{ch}", 1)
        stats.set_value(f"clustercrawl/sites/{sid}/items", len(items))
        stats.set_value(f"clustercrawl/sites/{sid}/status/{st.status}", 1)
        stats.inc_value("clustercrawl/status/gone", len(st.gone))
        for item in items:
            stats.inc_value(f"clustercrawl/items/channel/{item.crawl['channel']}")
        logger.info(
            "site %s done (%s, %s): %d posts emitted, %d unchanged, %d gone, %d requests "
            "(channels: %s)",
            sid, st.status, "incremental" if st.incremental else "full", len(items),
            st.unchanged, len(st.gone), st.requests,
            ", ".join(sorted(st.channel_endpoints)) or "none",
        )
        st.items = []
        st.candidates = {}
        st.requested = set()
        st.known = {}
        st.known_alias = {}
        st.items_in_pipeline = len(items)
        if not items:
            self.site_source.done(st.site.id)
        return list(items)

    def on_item_settled(self, item: Any, **kwargs: Any) -> None:
        """An item left the pipelines (stored, dropped or failed): when the last of its
        site's has, the site is done for the site source (a lease can be released)."""
        if not isinstance(item, PostItem):
            return
        st = self.states.get(item.site_id)
        if st is None:
            return
        st.items_in_pipeline -= 1
        if st.items_in_pipeline == 0:
            self.site_source.done(st.site.id)

    def _site_status(self, st: SiteState, items: list[Any]) -> str:
        """ok / empty / blocked / js_shell / error / unreachable: what a scheduler needs."""
        if items or st.unchanged:
            return "ok"
        if st.failure:
            return st.failure
        if st.incremental and st.known:
            return "ok"  # asked again, nothing changed
        if st.errors and not st.channel_endpoints:
            return "error"
        return "empty"

    def _record_site(self, st: SiteState, items: list[Any]) -> None:
        if self.store is None:
            return
        prev = st.previous or SiteRecord(site_id=st.site.id)
        endpoints = dict(prev.endpoints)
        if not st.incremental:
            endpoints = {}
        for ch, eps in st.channel_endpoints.items():
            merged = endpoints.setdefault(ch, [])
            merged.extend(e for e in eps if e not in merged)
        now = utc_now_iso()
        complete = prev.complete_channel
        if not st.incremental:
            complete = complete_channel([list(i.crawl["channels"]) for i in items])
        # Stored when the spider closes, after the pipelines have stored the site's items:
        # a run killed before that leaves no record, so the next run rediscovers the site.
        st.record = SiteRecord(
            site_id=st.site.id,
            endpoints=endpoints if st.status == "ok" else prev.endpoints,
            complete_channel=complete,
            crawl_delay=st.crawl_delay or prev.crawl_delay,
            api_root=st.api_root or prev.api_root,
            cms=st.cms or prev.cms,
            status=st.status,
            posts=len(items) + st.unchanged if not st.incremental else prev.posts,
            last_run=now,
            last_full_run=now if not st.incremental and st.status == "ok" else prev.last_full_run,
        )

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
        status = _http_status(failure)
        known = st.known_post(url_key(request.url)) if kind in ("post", "recheck") else None
        if known is not None and status in (404, 410):
            st.gone.append(known.key)
            st.gone_urls.append(known.url)
        elif kind in ("wp_api", "feed", "sitemap") and status in (404, 410):
            st.bump(f"missing:{kind}")  # probing a channel the site does not have
        else:
            self._site_error(st, request.url, f"{kind} request failed: {_describe(failure)}")
            if request.meta.get("discovery") and (kind == "home" or st.incremental):
                st.failure = st.failure or _failure_kind(failure, status)
        if request.meta.get("discovery"):
            extra = self._after_feed(st) if kind == "feed" else []
            if kind == "feed" and st.incremental and not st.pending_feeds and not extra:
                # a feed failed: the listings must tell what is new
                extra = [r for r in self._listing_requests(st) if r is not None]
            return self._discovery_done(st, extra)
        st.pending_posts -= 1
        if st.pending_posts == 0 and st.discovery_done:
            return self._flush(st)
        return []

    def on_idle(self) -> None:
        """More sites from the source; and a safety net: a site whose bookkeeping went
        astray is flushed, never lost."""
        stuck = [st for st in self.states.values() if not st.flushed]
        if not stuck:
            more = self.site_source.more()
            for site in more:
                for req in self._start_site(site):
                    self.crawler.engine.crawl(req)
            if more or self.site_source.pending():
                raise DontCloseSpider
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
        self.site_source.close()
        if self.store is not None:
            for st in self.states.values():
                if st.flushed and st.record is not None:
                    self.store.put_site(st.record)


def _headers(response: Response) -> dict[str, str]:
    return {k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items()}


def _candidate_from_redirect(st: SiteState, response: Response) -> Candidate | None:
    for url in response.meta.get("redirect_urls", ()):
        cand = st.candidate_for(url)
        if cand is not None:
            return cand
    return None


def _describe(failure: Failure) -> str:
    """What went wrong, in words a site owner understands."""
    response = getattr(failure.value, "response", None)
    if response is not None:
        reason = block_reason(response.status, response.headers, response.body)
        return reason or f"HTTP {response.status}"
    name = failure.type.__name__ if failure.type else "error"
    if name == "DownloadCancelledError":
        return "response larger than DOWNLOAD_MAXSIZE (download cancelled)"
    return f"{name}: {failure.getErrorMessage() or name}"


def _http_status(failure: Failure) -> int | None:
    response = getattr(failure.value, "response", None)
    return int(response.status) if response is not None else None


def _failure_kind(failure: Failure, status: int | None) -> str:
    """unreachable (DNS, connection, timeout), blocked (403/429, challenge), or error."""
    response = getattr(failure.value, "response", None)
    if response is not None:
        verdict = classify_failure(response.status, response.headers, response.body)
        return "blocked" if verdict == "blocked" else "error"
    name = failure.type.__name__ if failure.type else ""
    unreachable = ("DNSLookupError", "ConnectionRefusedError", "TCPTimedOutError",
                   "TimeoutError", "ConnectError", "ConnectionLost", "NoRouteError",
                   "DownloadConnectionRefusedError", "CannotResolveHostError",
                   "DownloadTimeoutError", "DownloadFailedError", "ResponseDataLossError")
    return "unreachable" if name in unreachable else "error"
