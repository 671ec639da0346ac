"""What both phases of the ``clusters`` spider share: requests, per-site state, errors."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Iterable, Iterator
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.items import PostItem
from clustercrawl.posts import utc_now_iso
from clustercrawl.registry import Site
from clustercrawl.sitestate import Candidate, SiteState
from clustercrawl.spiders.budget import BudgetPolicy
from clustercrawl.spiders.config import CrawlLimits
from clustercrawl.spiders.incremental import (
    RecheckPolicy,
    page_headers,
)
from clustercrawl.spiders.reports import SiteReports
from clustercrawl.spiders.sources import SiteSource
from clustercrawl.state import PageState, StateStore
from clustercrawl.urls import url_key
from clustercrawl.workers import ExtractionRunner

logger = logging.getLogger(__name__)



# Discovery outranks post fetches so a site's channels answer before its posts are fetched.
PRIO_HOME, PRIO_API, PRIO_FEED, PRIO_SITEMAP, PRIO_LISTING, PRIO_POST = 60, 50, 40, 30, 20, 0


class SpiderBase(scrapy.Spider):
    """Attributes and helpers of the clusters spider used by its discovery and fetch phases."""

    limits: CrawlLimits
    runner: ExtractionRunner
    store: StateStore | None
    site_source: SiteSource
    full_every_days: float
    known_stop: int
    recheck: RecheckPolicy

    states: dict[str, SiteState]
    reports: SiteReports
    finished: set[str]
    budget: BudgetPolicy
    #: why the run is stopping (a signal, the run deadline), or None while it runs
    draining: str | None = None
    crawl_delays: dict[str, float]
    full: bool
    channels_arg: set[Channel] | None

    def _over_budget(self, st: SiteState) -> bool:
        """True (and the site stopped, with the reason) once its request or time budget of
        this run is spent; every channel counts."""
        reason = None
        if st.max_requests and st.requests >= st.max_requests:
            reason = f"request budget of {st.max_requests} spent (CLUSTERCRAWL_SITE_MAX_REQUESTS)"
        elif st.max_seconds and time.monotonic() - st.started > st.max_seconds:
            reason = (f"time budget of {st.max_seconds:.0f} s spent "
                      "(CLUSTERCRAWL_SITE_MAX_TIME)")
        if reason:
            st.stopped.append(reason)
            self._site_error(st, st.site.homepage, reason + "; the next run goes on from here")
        return reason is not None

    def limits_for(self, st: SiteState) -> CrawlLimits:
        """The crawl's limits with the site's registry overrides (``page_budget``,
        ``max_listing_pages``) applied."""
        if st.limits is None:  # once per site, not on every page
            st.limits = self.limits.for_site(st.site.overrides)
        return st.limits

    def site_channels(self, site: Site) -> set[Channel]:
        allowed = set(Channel)
        if site.overrides.channels:
            allowed &= {Channel(c) for c in site.overrides.channels}
        if self.channels_arg:
            allowed &= self.channels_arg
        return allowed

    def _begin_fetch(self, st: SiteState) -> list[Any]:
        raise NotImplementedError

    def _start_site(self, site: Site) -> list[scrapy.Request]:
        raise NotImplementedError

    async def _extract_item(
        self, st: SiteState, html: str, cand: Candidate, *, page_url: str, fetched_url: str,
        http_status: int | None, hints: Entry | None, redirects: Iterable[str] = (),
    ) -> PostItem | None:
        raise NotImplementedError

    def _flush(self, st: SiteState) -> list[Any]:
        raise NotImplementedError

    def _post_done(self, st: SiteState, outcome: str, channel: str | None,
                   detail: str = "") -> list[Any]:
        raise NotImplementedError

    def on_error(self, failure: Failure) -> list[Any]:
        raise NotImplementedError

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
        if self.draining or not st.claim(url):
            return None
        if st.stopped or self._over_budget(st):
            st.bump("requests_not_made")
            return None
        if discovery:
            st.pending_discovery += 1
        else:
            st.pending_posts += 1
        st.requests += 1
        m = {
            "site_id": st.site.id,
            "kind": kind,
            "discovery": discovery,
            "site_language": st.site.language,
            **(meta or {}),
        }
        if st.site.overrides.robots_obey is False:  # the registry says so, for this site only
            m["dont_obey_robotstxt"] = True
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
                self.store.put_page(
                    PageState(
                        key=url_key(response.url),
                        site_id=st.site.id,
                        url=response.url,
                        kind=response.meta.get("kind", ""),
                        etag=etag.decode("latin-1") if etag else None,
                        last_modified=lastmod.decode("latin-1") if lastmod else None,
                        fetched_at=utc_now_iso(),
                    )
                )
        return False

    def _state(self, response: Response | Failure) -> SiteState:
        meta = (
            response.meta if isinstance(response, Response) else response.request.meta  # type: ignore[attr-defined]
        )
        return self.states[meta["site_id"]]

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

    def _site_error(self, st: SiteState, url: str, message: str) -> None:
        text = f"site {st.site.id}: {url}: {message}"
        st.errors.append(text)
        self.crawler.stats.inc_value(f"clustercrawl/sites/{st.site.id}/errors")
        logger.warning(text)


def _headers(response: Response) -> dict[str, str]:
    return {k.decode().lower(): v[0].decode("latin-1") for k, v in response.headers.items()}
