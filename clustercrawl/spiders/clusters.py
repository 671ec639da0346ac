"""The ``clusters`` spider: layered discovery per site, then one fetch per post.

Per site, cheapest and most structured channel first: WordPress REST API → feeds
(autodiscovered, from the registry, guessed per CMS) → sitemaps (robots.txt, defaults,
indexes) → news/events listings with pagination → bounded link following when nothing
else found posts. See ``clustercrawl/sitestate.py`` for the two-phase life of a site.

Arguments (``-a name=value``, checked in ``clustercrawl.spiders.arguments``): ``sites=ID,ID``,
``country=PL`` (or ``Poland``), ``language=pl``, ``type=cmo``, ``tag=energy`` (each may list
values), ``registry=PATH``, ``channels=wp_api,feed,...`` (restrict discovery),
``max_posts=N`` (per site), ``full=1``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.misc import load_object
from twisted.python.failure import Failure

from clustercrawl.fetch.health import block_reason, classify_failure
from clustercrawl.posts import utc_now_iso
from clustercrawl.registry import RegistryError, Site
from clustercrawl.sitestate import SiteState
from clustercrawl.spiders.arguments import (
    KNOWN_ARGUMENTS,
    open_registry,
    parse_arguments,
    select,
)
from clustercrawl.spiders.base import PRIO_HOME
from clustercrawl.spiders.budget import FAILURE, OK, BudgetPolicy, ChannelBreaker
from clustercrawl.spiders.config import CrawlLimits
from clustercrawl.spiders.discovery_phase import DiscoveryMixin
from clustercrawl.spiders.fetch_phase import FetchMixin
from clustercrawl.spiders.incremental import (
    RecheckPolicy,
)
from clustercrawl.spiders.reports import SiteReports
from clustercrawl.spiders.sources import LocalSiteSource
from clustercrawl.state import GONE, store_for
from clustercrawl.urls import url_key
from clustercrawl.workers import ExtractionRunner

logger = logging.getLogger(__name__)


class ClustersSpider(DiscoveryMixin, FetchMixin):
    name = "clusters"
    #: every item comes from ``posts.build_item`` (normalised, hashed) and only merges of
    #: copies change it afterwards: the NormalizePipeline need not do it again
    emits_normalized_items = True

    def __init__(self, **kwargs: Any) -> None:
        """``-a`` arguments are checked here (clustercrawl.spiders.arguments): a wrong one is
        an ArgumentError naming it, before anything is crawled."""
        spargs = {k: v for k, v in kwargs.items() if k in KNOWN_ARGUMENTS or not _internal(k)}
        args = parse_arguments(spargs)
        super().__init__(**{k: v for k, v in kwargs.items() if k not in spargs})
        self.arguments = args
        self.registry_path = args.registry
        self.site_ids = args.sites
        self.country = args.country
        self.channels_arg = set(args.channels) if args.channels else None
        self.max_posts_arg = args.max_posts
        #: re-walk every channel and re-emit unchanged posts too
        self.full = args.full
        self.run_stamp = utc_now_iso().replace(":", "").replace("-", "")
        #: the sites open now; a finished site's state is let go, its report row kept on
        #: disk (``reports``) and its id in ``finished``
        self.states: dict[str, SiteState] = {}
        self.reports = SiteReports()
        self.finished: set[str] = set()
        #: robots.txt Crawl-delay per download slot (host), enforced by CrawlDelayAutoThrottle
        self.crawl_delays: dict[str, float] = {}
        self.registry_errors: list[RegistryError] = []
        #: the selected registry sites until the crawl starts (then only the source has them)
        self.sites: list[Site] = []
        self.sites_total = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ClustersSpider:
        spider: ClustersSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.limits = CrawlLimits.from_settings(crawler.settings, spider.max_posts_arg)
        spider.budget = BudgetPolicy.from_settings(crawler.settings)
        spider.runner = ExtractionRunner(spider.limits.extract_processes)
        spider.store = None  # the crawl state component, reached once the crawl starts
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
        # -- hook: where sites come from. The registry by default; a factory named by
        # CLUSTERCRAWL_SITE_SOURCE otherwise (a shared queue, set by clustercrawl.distributed). --
        source_factory = self.settings.get("CLUSTERCRAWL_SITE_SOURCE")
        if source_factory:
            self.site_source = load_object(source_factory)(self)
            return
        # -- end of hook --
        loaded = open_registry(self.registry_path)
        self.registry_errors = list(loaded.errors)
        for err in loaded.errors:
            logger.error("registry: %s (this site is not crawled; the others are)", err)
        for site_id, reason in loaded.skipped:
            logger.info("registry: site %s skipped: %s", site_id, reason)
        self.sites = select(loaded, self.arguments)
        self.sites_total = len(self.sites)
        # ``scrapy check`` fetches only its contracts' pages: no site starts from the source
        self.site_source = LocalSiteSource([] if os.environ.get("SCRAPY_CHECK") else self.sites)
        logger.info("crawling %d site(s) from %s", len(self.sites), loaded.path)


    async def start(self) -> AsyncIterator[scrapy.Request]:
        # SQLite by default; Redis in distributed mode (clustercrawl.state.CrawlStateExtension)
        self.store = store_for(self.crawler)
        self.runner.start()
        if isinstance(self.site_source, LocalSiteSource):
            self.site_source.open_limit = self.settings.getint("CLUSTERCRAWL_SITES_OPEN")
            if not os.environ.get("SCRAPY_CHECK"):  # the contracts look sites up by id
                self.sites = []  # the source has them on disk: the registry is not kept
        for site in self.site_source.initial():
            for req in self._start_site(site):
                yield req

    def _start_site(self, site: Site) -> list[scrapy.Request]:
        st = self.states[site.id] = SiteState(site)
        st.breaker = ChannelBreaker(self.budget)
        ov = site.overrides
        st.max_requests = self.budget.max_requests if ov.max_requests is None else ov.max_requests
        st.max_seconds = self.budget.max_seconds if ov.max_time is None else ov.max_time
        if site.overrides.robots_obey is False:
            logger.warning("site %s: robots.txt is not obeyed for this site "
                           "(registry overrides.robots_obey: false)", site.id)
        if self.store is not None:
            st.previous = self.store.get_site(site.id)
            st.set_known([p for p in self.store.site_posts(site.id) if p.status != GONE])
        st.incremental = self._incremental(st)
        reqs = self._incremental_plan(st) if st.incremental else [
            self._request(st, site.homepage, self.parse_home, kind="home", priority=PRIO_HOME)
        ]
        return [r for r in reqs if r is not None]

    def on_error(self, failure: Failure) -> list[Any]:
        request = failure.request  # type: ignore[attr-defined]
        st = self._state(failure)
        kind = request.meta.get("kind", "?")
        status = _http_status(failure)
        if self.draining and isinstance(failure.value, IgnoreRequest):
            if request.meta.get("discovery"):
                return self._discovery_done(st, [])
            return self._post_done(st, OK, None)
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
        if isinstance(failure.value, IgnoreRequest) and self.draining:
            return self._post_done(st, OK, None)  # the run is stopping: not the site's fault
        return self._post_done(st, FAILURE, request.meta.get("channel"),
                               f"{request.url}: {_describe(failure)}")

    def on_idle(self) -> None:
        """More sites from the source; and a safety net: a site whose bookkeeping went
        astray is flushed, never lost. A draining run closes once every site is flushed."""
        stuck = [st for st in self.states.values() if not st.flushed]
        if not stuck and self.draining:
            raise CloseSpider(self.draining)
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
                if st.flushed and st.record is not None and not st.record_saved:
                    self.store.put_site(st.record)


def _internal(name: str) -> bool:
    """Keyword arguments Scrapy or a test harness passes itself (``_job``, ``name``...)."""
    return name.startswith("_") or name in ("name", "start_urls", "custom_settings")


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
