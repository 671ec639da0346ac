"""Discovery phase of the ``clusters`` spider: every channel asked what posts a site has.

Per site, cheapest and most structured first: WordPress REST API → feeds → sitemaps →
news/events listings with pagination; on re-crawls only the endpoints stored last time.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response, TextResponse

from clustercrawl.discovery import feeds, links, listings, sitemaps, wordpress
from clustercrawl.discovery.cms import detect_cms
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.discovery.pagination import calendar_month
from clustercrawl.fetch.health import block_reason, classify_failure, is_js_shell
from clustercrawl.fetch.throttle import apply_crawl_delay
from clustercrawl.posts import page_from_entry
from clustercrawl.sitestate import SiteState
from clustercrawl.spiders.base import (
    PRIO_API,
    PRIO_FEED,
    PRIO_LISTING,
    PRIO_SITEMAP,
    _headers,
)
from clustercrawl.spiders.incremental import (
    entry_changed,
    parse_instant,
)
from clustercrawl.spiders.wp_recrawl import WpRecrawlMixin

logger = logging.getLogger(__name__)
T = TypeVar("T")


class DiscoveryMixin(WpRecrawlMixin):
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
            return [self._wp_index_request(st, 1)]  # ids and dates first (wp_recrawl.py)
        if prev.complete_channel == Channel.SITEMAP.value and eps.get("sitemap"):
            return [self._sitemap_request(st, u) for u in eps["sitemap"]]
        # Feeds first: when every feed answers "not modified", no post was added, and the
        # listings wait for the next full pass; otherwise they are walked until known posts.
        st.pending_feeds = len(eps.get("feed", []))
        if st.pending_feeds:
            return [
                self._request(st, u, self.parse_feed, kind="feed", priority=PRIO_FEED)
                for u in eps["feed"]
            ]
        return self._listing_requests(st)

    def _listing_requests(self, st: SiteState) -> list[scrapy.Request | None]:
        eps = st.previous.endpoints if st.previous else {}
        return [
            self._request(
                st,
                url,
                self.parse_listing,
                kind="listing",
                priority=PRIO_LISTING,
                meta={"section_start": True},
            )
            for url in eps.get("listing", [])
        ]

    def parse_home(self, response: Response) -> list[Any]:
        """The homepage: channels to probe (``scrapy check``: see clustercrawl/contracts.py).

        @url http://klaster-innowacji.localhost:8377/
        @site pl-demo-klaster-innowacji home
        @returns requests 3
        """
        st = self._state(response)
        return self._discovery_done(st, self._guard(st, response.url, self._on_home(st, response)))

    def _on_home(self, st: SiteState, response: Response) -> Iterator[scrapy.Request | None]:
        site = st.site
        allowed = self.site_channels(site)
        st.add_host(response.url)
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
            self._site_error(
                st,
                response.url,
                "homepage is a JavaScript-only shell: no content without running scripts",
            )
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
            if not news:  # the front page may be the blog itself: walk its older pages
                yield from self._front_page_listing(st, html, response.url)
            for kind, urls in (("news", news), ("events", events)):
                for url in urls:
                    if st.owns(url):
                        yield self._request(
                            st,
                            url,
                            self.parse_listing,
                            kind=f"listing:{kind}",
                            priority=PRIO_LISTING,
                            meta={"section_start": True},
                        )
        if Channel.SITEMAP in allowed:
            urls = [u.url for u in site.sitemaps] or st.robots_sitemaps or []
            for url in urls:
                yield self._sitemap_request(st, url)
            if not urls:  # guesses: one that is not there is no error
                for url in sitemaps.default_sitemap_urls(response.url, st.cms):
                    yield self._sitemap_request(st, url, guessed=True)
        if Channel.LINK in allowed:
            st.home_links = links.follow_candidates(html, response.url)

    def _front_page_listing(self, st: SiteState, html: str,
                            url: str) -> Iterator[scrapy.Request | None]:
        """A homepage that lists posts and pages on (``?paged=2``, ``/page/2/``) is the news
        listing of a site without a news section (WordPress' default front page)."""
        front = listings.parse_listing(html, url)
        if len(front.entries) < 3 or not front.next_pages:
            return
        st.channel_exists(Channel.LISTING, url)
        st.listing_pages_seen.add(hash(tuple(sorted(e.url for e in front.entries))))
        for entry in front.entries:
            st.add_entry(entry)
        nxt = front.next_pages[0]
        if st.owns(nxt) and st.control.next_listing_page("listing:news") < (
                self.limits_for(st).max_listing_pages):
            yield self._request(st, nxt, self.parse_listing, kind="listing:news",
                                priority=PRIO_LISTING)

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
            wordpress.posts_url(st.api_root, page, per_page=self.limits_for(st).wp_per_page),
            self.parse_wp_api,
            kind="wp_api",
            priority=PRIO_API,
            meta={"handle_httpstatus_list": [400]},
            page=page,
        )

    def _sitemap_request(self, st: SiteState, url: str,
                         guessed: bool = False) -> scrapy.Request | None:
        if not st.owns(url):
            return None
        st.control.sitemaps_requested += 1
        if st.control.sitemaps_requested > self.limits_for(st).max_sitemaps:
            return None
        return self._request(st, url, self.parse_sitemap, kind="sitemap", priority=PRIO_SITEMAP,
                             meta={"guessed": guessed})

    def _set_crawl_delay(self, st: SiteState, url: str, delay: float) -> None:
        """Scrapy ignores robots.txt Crawl-delay; turn it into a per-host download delay."""
        host = urlsplit(url).hostname
        if delay > 0 and host and self.crawler.engine:
            delay = min(delay, self.limits_for(st).max_crawl_delay)
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
                entries = await self.runner.run(wordpress.parse_posts_page, response.body,
                                                response.url)
            except Exception as exc:
                self._site_error(st, response.url, f"WP API page unreadable: {exc}")
            if page == 1:
                st.channel_exists(Channel.WP_API, response.url)
                st.wp_total = wordpress.total_items(_headers(response))
                total = wordpress.total_pages(_headers(response)) or 1
                pages = min(total, self.limits_for(st).wp_max_pages)
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
                    st,
                    page_from_entry(entry),
                    cand,
                    page_url=cand.url,
                    fetched_url=response.url,
                    http_status=response.status,
                    hints=entry,
                )
                if item is not None:
                    st.items.append(item)
        for x in self._discovery_done(st, [r for r in out if r is not None]):
            yield x

    async def parse_feed(self, response: Response) -> AsyncIterator[Any]:
        """A feed's entries become candidates; then the posts are fetched, a few at a time
        (``CLUSTERCRAWL_SITE_POSTS_IN_FLIGHT``, 4).

        @url http://pole-materiaux-innovants.localhost:8377/rss.xml
        @site fr-demo-pole-materiaux feed
        @returns requests 4 4
        @returns items 0 0
        """
        st = self._state(response)
        parsed = await self._parse_off_reactor(
            response, response.status != 304, feeds.parse_feed, response.body, response.url)

        def step() -> Iterator[None]:
            st.channel_exists(Channel.FEED, response.url)
            if self._remember_page(st, response):
                return
            new = known = 0
            for entry in parsed.get():
                cand = st.add_entry(entry)
                if cand is not None:
                    if st.known_post(cand.key) is None:
                        new += 1
                    else:
                        known += 1
            if new and not known:
                # the whole feed is new: older new posts may have scrolled out of it
                st.control.feed_gaps += 1
            yield None

        out = self._guard(st, response.url, step())
        for x in self._discovery_done(st, out + self._after_feed(st)):
            yield x

    def _after_feed(self, st: SiteState) -> list[Any]:
        """On an incremental run, walk the listings once the feeds showed something new."""
        if not st.incremental or not st.pending_feeds:
            return []
        st.pending_feeds -= 1
        if st.pending_feeds or not st.control.feed_gaps:
            return []  # every new post is in a feed that also still shows known ones
        return [r for r in self._listing_requests(st) if r is not None]

    async def parse_sitemap(self, response: Response) -> AsyncIterator[Any]:
        st = self._state(response)
        wanted = response.status != 304 and (
            not response.meta.get("guessed") or _looks_like_xml(response))
        parsed = await self._parse_off_reactor(
            response, wanted, sitemaps.parse_sitemap, response.body, response.url)

        def step() -> Iterator[scrapy.Request | None]:
            if self._remember_page(st, response):
                st.channel_exists(Channel.SITEMAP, response.url)
                st.control.sitemaps_not_modified += 1
                return
            if response.meta.get("guessed") and not _looks_like_xml(response):
                st.bump("missing:sitemap")  # a guessed URL answered with a page: no sitemap
                return
            st.control.sitemaps_ok += 1
            result = parsed.get()
            if result.entries:
                st.channel_exists(Channel.SITEMAP, response.url)
            for entry in result.entries:
                st.add_entry(entry)
            for child in result.sitemaps:
                if sitemaps.is_post_sitemap(child):
                    yield self._sitemap_request(st, child)

        for x in self._discovery_done(st, self._guard(st, response.url, step())):
            yield x

    async def parse_listing(self, response: Response) -> AsyncIterator[Any]:
        st = self._state(response)
        text = response.text if isinstance(response, TextResponse) else ""
        parsed = await self._parse_off_reactor(
            response, isinstance(response, TextResponse) and response.status != 304,
            listings.parse_listing, text, response.url)

        def step() -> Iterator[scrapy.Request | None]:
            kind = response.meta["kind"]
            if response.meta.get("section_start"):
                st.channel_exists(Channel.LISTING, response.url)
            if self._remember_page(st, response) or not isinstance(response, TextResponse):
                return
            result = parsed.get()
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
            if (
                st.incremental
                and result.entries
                and longest >= min(self.known_stop, len(result.entries))
            ):
                st.bump("listing_known_stop")
                return
            for url in result.next_pages:
                budget = self.limits_for(st).max_listing_pages
                if st.owns(url) and st.control.next_listing_page(kind) < budget:
                    yield self._request(
                        st, url, self.parse_listing, kind=kind, priority=PRIO_LISTING
                    )
            calendar = result.calendar_pages
            if st.incremental and known_here == len(result.entries):
                calendar = []  # nothing new this month: the other months wait for a full pass
            for url in calendar:
                if (
                    st.owns(url)
                    and not st.was_requested(url)
                    and self._calendar_month_wanted(st, url)
                ):
                    yield self._request(
                        st,
                        url,
                        self.parse_listing,
                        kind=kind,
                        priority=PRIO_LISTING,
                        meta={"calendar": True},
                    )

        for x in self._discovery_done(st, self._guard(st, response.url, step())):
            yield x

    async def _parse_off_reactor(self, response: Response, wanted: bool,
                                 fn: Callable[..., T], *args: Any) -> Parsed[T]:
        """A discovery page parsed in an extraction worker, not in the reactor (when
        ``wanted``: not for a 304 or a page the step will not read). An error is kept for
        the step, whose guard reports it for the site as before."""
        if not wanted:
            return Parsed(None, None)
        try:
            return Parsed(await self.runner.run(fn, *args), None)
        except Exception as exc:
            return Parsed(None, exc)

    def _calendar_month_wanted(self, st: SiteState, url: str) -> bool:
        """Event calendars are infinite ("next month" forever): walk a window of months.

        A month inside [now - CALENDAR_YEARS_BACK, now + CALENDAR_MONTHS_AHEAD] is walked;
        a calendar URL whose month cannot be read counts against a small page cap; and the
        whole calendar against CLUSTERCRAWL_MAX_CALENDAR_PAGES.
        """
        ctl = st.control
        if ctl.calendar_pages >= self.limits_for(st).max_calendar_pages:
            st.bump("calendar_capped")
            return False
        month = calendar_month(url)
        if month is None:
            if ctl.calendar_undated_pages >= 24:
                return False
            ctl.calendar_undated_pages += 1
        else:
            index = month[0] * 12 + month[1] - 1
            low, high = self.limits_for(st).calendar_window
            if not low <= index <= high:
                st.bump("calendar_out_of_window")
                return False
        ctl.calendar_pages += 1
        return True


@dataclass(slots=True)
class Parsed(Generic[T]):
    """A parser's result, or the error it raised (re-raised where the result is read)."""

    value: T | None
    error: Exception | None

    def get(self) -> T:
        if self.error is not None:
            raise self.error
        if self.value is None:
            raise RuntimeError("discovery page not parsed")
        return self.value


def _looks_like_xml(response: Response) -> bool:
    """An XML (or gzip) body, not an HTML page a guessed sitemap URL was redirected to."""
    head = response.body[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<urlset", b"<sitemapindex", b"\x1f\x8b")):
        return True
    ctype = (response.headers.get(b"Content-Type") or b"").lower()
    return b"html" not in ctype and not head.startswith((b"<!doctype html", b"<html"))
