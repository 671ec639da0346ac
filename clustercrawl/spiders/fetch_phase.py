"""Fetch phase of the ``clusters`` spider: one request per post candidate, items merged
per site, the site's status and record for the next run."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import AsyncIterator, Iterable
from typing import Any

import scrapy
from scrapy.http import Response, TextResponse

from clustercrawl.discovery import links
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.items import PostItem
from clustercrawl.posts import merge_copies, utc_now_iso
from clustercrawl.sitestate import SITE_FINISHED, Candidate, PostTicket, SiteState
from clustercrawl.spiders.base import PRIO_POST, SpiderBase
from clustercrawl.spiders.budget import NOT_POST, OK
from clustercrawl.spiders.incremental import (
    complete_channel,
    conditional_headers,
    entry_changed,
    recheck_due,
)
from clustercrawl.spiders.release import host_names, release_hosts
from clustercrawl.spiders.reports import site_report, site_stat_counts
from clustercrawl.spiders.sources import LocalSiteSource
from clustercrawl.state import PageState, PostState, SiteRecord
from clustercrawl.urls import url_key
from clustercrawl.workers import ItemJob

logger = logging.getLogger(__name__)


class FetchMixin(SpiderBase):
    def _begin_fetch(self, st: SiteState) -> list[Any]:
        st.fetch_started = True
        st.discovery_done = True
        ctl = st.control
        sitemap_capped = ctl.sitemaps_requested > self.limits_for(st).max_sitemaps
        if ctl.sitemaps_ok and not ctl.sitemaps_not_modified and not sitemap_capped:
            st.walked.add(Channel.SITEMAP.value)
        out: list[Any] = []
        present: set[str] = set()
        fetched = 0
        queue = st.post_queue
        rechecks: list[PostTicket] = []
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
            (queue if kind == "post" else rechecks).append(
                PostTicket(cand.url, kind, cand.channel.value, known))
        # A known post no channel listed any more, where a channel was walked to its end
        # (or everything was walked): ask for it again; 404/410 means it is gone.
        for key, known in st.known.items():
            if key in present:
                continue
            if not st.incremental or set(known.channels) & st.walked:
                rechecks.append(PostTicket(known.url, "recheck", "recheck", known))
        # posts never fetched first: a site bigger than its budget progresses run after run
        queue.extend(rechecks)
        out.extend(self._feed_posts(st))
        if not st.candidates and not st.known and Channel.LINK in self.site_channels(st.site):
            # Nothing listed any post: fall back to bounded link following from the homepage.
            out.extend(self._follow(st, st.home_links))
        if st.pending_posts == 0 and not st.post_queue:
            out.extend(self._flush(st))
        return out

    def _feed_posts(self, st: SiteState) -> list[scrapy.Request]:
        """Schedule the site's next post pages, a few at a time (``posts_in_flight``)."""
        out: list[scrapy.Request] = []
        while st.post_queue and st.pending_posts < self.budget.posts_in_flight:
            if st.stopped:
                st.bump("posts_not_fetched", len(st.post_queue))
                st.post_queue.clear()
                break
            ticket = st.post_queue.popleft()
            if ticket.channel in st.breaker.tripped:
                st.bump("posts_not_fetched")
                continue
            req = self._post_request(st, ticket.url, ticket.kind, ticket.known)
            if req is not None:
                req.meta["channel"] = ticket.channel
                out.append(req)
        return out

    def _post_done(self, st: SiteState, outcome: str, channel: str | None,
                   detail: str = "") -> list[Any]:
        """One post page answered: count it for its channel's breaker, schedule the next,
        flush the site when it was the last."""
        st.pending_posts -= 1
        if channel:
            reason = st.breaker.record(channel, outcome, detail)
            if reason:
                self._site_error(st, st.site.homepage, reason)
                st.stopped.append(reason)
                if channel != "recheck":
                    dropped = [t for t in st.post_queue if t.channel == channel]
                    st.bump("posts_not_fetched", len(dropped))
                    st.post_queue = deque(t for t in st.post_queue if t.channel != channel)
        out: list[Any] = list(self._feed_posts(st))
        if st.pending_posts == 0 and st.discovery_done and not st.post_queue:
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
        req = self._request(
            st, url, self.parse_post, kind=kind, priority=PRIO_POST, discovery=False
        )
        if req is not None and known is not None and not self.full:
            headers = conditional_headers(known.etag, known.last_modified)
            if headers:
                req.headers.update(headers)
                req.meta["handle_httpstatus_list"] = [304]
        return req

    def _follow(self, st: SiteState, urls: Iterable[str]) -> list[scrapy.Request]:
        out: list[scrapy.Request] = []
        for url in urls:
            budget = self.limits_for(st).page_budget
            if not st.owns(url) or st.control.link_pages >= budget:
                continue
            req = self._request(
                st, url, self.parse_post, kind="link", priority=PRIO_POST, discovery=False
            )
            if req is not None:
                st.control.link_pages += 1
                out.append(req)
        return out

    async def parse_post(self, response: Response) -> AsyncIterator[Any]:
        """A post page: one item (emitted when the site's last post is in).

        @url http://klaster-innowacji.localhost:8377/2014/10/24/europejska-konferencja-klastrow-bruksela-21-22-10-2014/
        @site pl-demo-klaster-innowacji post
        @returns items 1 1
        @scrapes id url title published post_type event language body_text
        """
        st = self._state(response)
        kind = response.meta["kind"]
        out: list[Any] = []
        outcome = NOT_POST
        if response.status == 304:
            st.unchanged += 1
        elif isinstance(response, TextResponse):
            cand = st.candidate_for(response.url) or _candidate_from_redirect(st, response)
            if cand is None and kind == "recheck":
                cand = st.add_entry(Entry(url=response.url, channel=Channel.LINK))
            if cand is None:  # reached by link following
                cand = st.add_entry(Entry(url=response.url, channel=Channel.LINK))
            if cand is not None:
                outcome = NOT_POST
                item = await self._extract_item(
                    st,
                    response.text,
                    cand,
                    page_url=response.url,
                    fetched_url=response.url,
                    http_status=response.status,
                    hints=cand.best_entry,
                    redirects=response.meta.get("redirect_urls", ()),
                )
                if item is not None:
                    outcome = OK
                    if "truncated" in response.flags:
                        item.extraction["warnings"].append("truncated_body")
                        st.bump("truncated_bodies")
                        self._site_error(st, response.url, "body cut off twice: kept what "
                                         "arrived (warning truncated_body on the post)")
                    st.items.append(item)
                    self._keep_validators(item, response)
            if kind == "link":
                out.extend(self._follow(st, links.follow_candidates(response.text, response.url)))
        else:
            st.bump("not_html")
        if response.status == 304 or outcome == OK:
            outcome = OK
        out.extend(self._post_done(st, outcome, response.meta.get("channel"),
                                   f"{response.url}: not a post"))
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
    ) -> PostItem | None:
        site = st.site
        job = ItemJob(
            url=page_url,
            site=site,
            hints=hints,
            channel=cand.channel,
            channels=[c.value for c in cand.entries],
            fetched_url=fetched_url,
            http_status=http_status,
            fetched_at=utc_now_iso(),
            aliases=[*cand.aliases, cand.url, *redirects],
            listed_as_post=cand.channel in (Channel.WP_API, Channel.FEED),
        )
        try:
            result = await self.runner.extract_item(html, job)
        except Exception as exc:
            self._site_error(st, page_url, f"extraction failed: {type(exc).__name__}: {exc}")
            return None
        if result.not_post:
            st.bump("not_post")
            if self.store is not None:  # not asked again on re-crawls
                self.store.put_page(
                    PageState(
                        key=url_key(page_url),
                        site_id=site.id,
                        url=page_url,
                        kind="not_post",
                        fetched_at=utc_now_iso(),
                    )
                )
            return None
        if result.item is None:
            st.bump("no_title")
            self._site_error(st, page_url, "no title found: page skipped")
            return None
        st.bump("extracted")
        return result.item

    @staticmethod
    def _keep_validators(item: PostItem, response: Response) -> None:
        """The page's HTTP validators travel with the item to the state (conditional
        re-fetches next run)."""
        etag = response.headers.get(b"ETag")
        lastmod = response.headers.get(b"Last-Modified")
        if etag:
            item.crawl["etag"] = etag.decode("latin-1")
        if lastmod:
            item.crawl["last_modified"] = lastmod.decode("latin-1")

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
        # per-site figures go to the site's report row (clustercrawl.spiders.reports), not
        # to the stats: the stats stay as small at 30,000 sites as at 3
        stats = self.crawler.stats
        sid = st.site.id
        stats.inc_value(f"clustercrawl/sites_status/{st.status}")
        stats.inc_value("clustercrawl/status/gone", len(st.gone))
        for item in items:
            stats.inc_value(f"clustercrawl/items/channel/{item.crawl['channel']}")
        logger.info(
            "site %s done (%s, %s): %d posts emitted, %d unchanged, %d gone, %d requests "
            "(channels: %s)",
            sid,
            st.status,
            "incremental" if st.incremental else "full",
            len(items),
            st.unchanged,
            len(st.gone),
            st.requests,
            ", ".join(sorted(st.channel_endpoints)) or "none",
        )
        st.items = []
        st.candidates = {}
        st.requested = set()
        st.known = {}
        st.known_alias = {}
        st.items_in_pipeline = len(items)
        if not items:
            self._site_done(st)
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
            self._site_done(st)

    def _site_done(self, st: SiteState) -> None:
        """The site's items are stored: keep its record now (not at spider close), put its
        report row on disk, let go of its state, free its slot and start the next sites.
        Memory then grows with the sites in flight, not with the registry."""
        self.site_source.done(st.site.id)
        if self.store is not None and st.record is not None:
            self.store.put_site(st.record)
            st.record_saved = True
        sid = st.site.id
        if self.states.get(sid) is st:
            counters = site_stat_counts(self.crawler.stats.get_stats(), sid, pop=True)
            self.reports.add(site_report(st, counters))
            del self.states[sid]
            self.finished.add(sid)
            # the duplicate filter and the robots.txt parsers let go of the site too
            self.crawler.signals.send_catch_log(SITE_FINISHED, site_id=sid,
                                                hosts=frozenset(st.hosts))
            release_hosts(self.crawler, st.hosts)  # its idle connections and download slots
            for name in host_names(st.hosts):  # and its Crawl-delay (kept in its record)
                self.crawl_delays.pop(name, None)
        self._top_up()

    def _top_up(self) -> None:
        """Start the registry's next sites as others finish (``CLUSTERCRAWL_SITES_OPEN``)."""
        src = self.site_source
        if self.draining or not isinstance(src, LocalSiteSource) or not src.pending():
            return
        for site in src.more():
            if site.id in self.states or site.id in self.finished:  # started already
                src.done(site.id)
                continue
            for req in self._start_site(site):
                self.crawler.engine.crawl(req)

    def _site_status(self, st: SiteState, items: list[Any]) -> str:
        """ok / partial / empty / blocked / js_shell / error / unreachable: what a scheduler
        needs. ``partial``: posts came, but a budget or a tripped channel cut the site short
        (``stopped`` in the manifest says why); the next run goes on where this one stopped."""
        cut_by_run = any(r.startswith("run stopped") for r in st.stopped)
        if st.stopped and (items or st.unchanged or cut_by_run):
            return "partial"  # what it has is kept; the next run goes on from there
        if items or st.unchanged:
            return "ok"
        if st.stopped and not st.failure:
            return "error"
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
            endpoints=endpoints if st.status in ("ok", "partial") else prev.endpoints,
            complete_channel=complete,
            crawl_delay=st.crawl_delay or prev.crawl_delay,
            api_root=st.api_root or prev.api_root,
            cms=st.cms or prev.cms,
            status=st.status,
            posts=len(items) + st.unchanged if not st.incremental else prev.posts,
            last_run=now,
            last_full_run=now if not st.incremental and st.status == "ok" else prev.last_full_run,
            wp_total=st.wp_total if st.wp_total is not None else prev.wp_total,
        )


def _candidate_from_redirect(st: SiteState, response: Response) -> Candidate | None:
    for url in response.meta.get("redirect_urls", ()):
        cand = st.candidate_for(url)
        if cand is not None:
            return cand
    return None
