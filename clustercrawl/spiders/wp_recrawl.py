"""Re-crawl of a WordPress site in bytes, not pages.

A site crawled before through its REST API is not walked again post by post with rendered
content. The spider asks for the posts' *index* instead, most recently modified first and
with ids, modification dates and links only (``_fields=id,modified_gmt,link``,
``orderby=modified``); it walks the index while the posts it lists are new or changed, then
asks for exactly those posts in full (``include=<ids>``). ``X-WP-Total`` of the first index
page, compared with last run's total and the new posts, tells whether posts were removed:
only then is the whole index walked, and the known posts missing from it are asked again
(404/410 = gone). An unchanged site costs one small request.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy
from scrapy.http import Response

from clustercrawl.discovery import wordpress
from clustercrawl.discovery.entry import Channel, Entry
from clustercrawl.sitestate import SiteState
from clustercrawl.spiders.base import PRIO_API, SpiderBase, _headers
from clustercrawl.spiders.incremental import entry_changed
from clustercrawl.urls import canonicalize_url, url_key

#: Index pages are asked with this page size when the whole index must be walked.
WALK_PER_PAGE = 100


class WpRecrawlMixin(SpiderBase):
    def _wp_request(self, st: SiteState, page: int) -> scrapy.Request | None:
        raise NotImplementedError

    def parse_wp_api(self, response: Response, page: int) -> AsyncIterator[Any]:
        raise NotImplementedError

    def _wp_index_request(
        self, st: SiteState, page: int, *, walk: bool = False
    ) -> scrapy.Request | None:
        assert st.api_root is not None
        per_page = WALK_PER_PAGE if walk else self.limits_for(st).wp_index_per_page
        return self._request(
            st,
            wordpress.index_url(st.api_root, page, per_page=per_page),
            self.parse_wp_index,
            kind="wp_index",
            priority=PRIO_API,
            meta={"handle_httpstatus_list": [400]},
            page=page,
            walk=walk,
        )

    def parse_wp_index(self, response: Response, page: int, walk: bool) -> list[Any]:
        """One page of the posts' index: sort its posts into unchanged / new or changed,
        then walk on, or ask for the changed posts in full."""
        st = self._state(response)
        out: list[scrapy.Request | None] = []
        if response.status != 200:
            # the site refused the index query (a plugin rejecting a parameter, a page
            # past the end): walk the posts in full, as a first crawl does
            st.bump("wp_index_refused")
            out.append(self._wp_request(st, 1))
            return self._discovery_done(st, [r for r in out if r is not None])
        try:
            entries = wordpress.parse_posts_page(response.body, response.url)
        except Exception as exc:
            self._site_error(st, response.url, f"WP API index unreadable ({exc}): "
                             "walking the posts in full")
            out.append(self._wp_request(st, 1))
            return self._discovery_done(st, [r for r in out if r is not None])
        st.channel_exists(Channel.WP_API, response.url)
        headers = _headers(response)
        pages = wordpress.total_pages(headers) or (1 if entries else 0)
        last_changed = False
        for entry in entries:
            last_changed = self._index_entry(st, entry)
        if page == 1 and not walk:
            st.wp_total = wordpress.total_items(headers)
            st.bump("wp_index_pages")
        prev_total = st.previous.wp_total if st.previous else None
        removed = (prev_total is None or st.wp_total is None
                   or prev_total + st.wp_new != st.wp_total)
        limit = self.limits_for(st).wp_max_pages
        if walk:
            st.bump("wp_index_walk_pages")
            if page < min(pages, limit):
                out.append(self._wp_index_request(st, page + 1, walk=True))
            else:
                if page >= pages:
                    st.walked.add(Channel.WP_API.value)
                out.extend(self._wp_include_requests(st))
        elif last_changed and page < min(pages, limit):
            out.append(self._wp_index_request(st, page + 1))
        elif removed and page < pages:
            # posts were removed (or last run's total is unknown): walk the whole index
            st.bump("wp_index_walks")
            same_size = self.limits_for(st).wp_index_per_page == WALK_PER_PAGE
            out.append(self._wp_index_request(st, page + 1 if same_size else 1, walk=True))
        else:
            if page >= pages:
                st.walked.add(Channel.WP_API.value)  # the index fit in what was asked
            elif removed:
                st.wp_total = prev_total  # cut short: tell again next run
            out.extend(self._wp_include_requests(st))
        return self._discovery_done(st, [r for r in out if r is not None])

    def _index_entry(self, st: SiteState, entry: Entry) -> bool:
        """File one index entry; True when the post is new or changed."""
        if not st.owns(entry.url):
            st.bump("offsite_entries")
            return False
        known = st.known_post(url_key(canonicalize_url(entry.url)))
        if known is not None and not entry_changed(entry, known):
            st.add_entry(entry)  # listed and unchanged: the fetch phase counts it
            return False
        wp_id = entry.extra.get("wp_id")
        if known is None and isinstance(wp_id, int) and wp_id not in st.wp_changed:
            st.wp_new += 1
        if isinstance(wp_id, int) and not st.site.overrides.fetch_pages:
            if wp_id not in st.wp_changed:
                st.wp_changed.append(wp_id)
        else:
            st.add_entry(entry)  # no id (or pages wanted): the post page is fetched
        return True

    def _wp_include_requests(self, st: SiteState) -> list[scrapy.Request | None]:
        """The new and changed posts in full, a hundred per request."""
        assert st.api_root is not None
        ids, st.wp_changed = st.wp_changed, []
        out: list[scrapy.Request | None] = []
        for start in range(0, len(ids), 100):
            chunk = ids[start : start + 100]
            st.bump("wp_include_posts", len(chunk))
            out.append(self._request(
                st,
                wordpress.include_url(st.api_root, chunk),
                self.parse_wp_api,
                kind="wp_api",
                priority=PRIO_API,
                meta={"handle_httpstatus_list": [400]},
                page=0,
            ))
        return out
