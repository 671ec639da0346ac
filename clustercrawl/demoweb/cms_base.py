"""Renderer base: route table, dispatch with tracking-parameter tolerance, response helpers.

A renderer turns one `SiteData` into routes (path+query -> handler) and tells the ground
truth how each post is addressed (canonical path, aliases, discovery channels).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from .chrome import chrome_excludes
from .langs import LANGS
from .model import Handler, Post, Response, SiteData
from .util import RouteKey, esc, etag_of, http_date, route_key

T = TypeVar("T")

TRACKING_PARAMS = frozenset(
    {"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "fbclid", "gclid"}
)
CACHE_LIMIT = 3000


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    """Split into pages of ``size`` (at least one, possibly empty, page)."""
    out = [list(items[i : i + size]) for i in range(0, len(items), size)]
    return out or [[]]


class Renderer:
    """Common machinery; subclasses implement `build` and the addressing methods."""

    cms_name = "custom"
    per_page = 10
    ignored_extra: frozenset[str] = frozenset()

    def __init__(self, site: SiteData) -> None:
        self.site = site
        self.lang = LANGS[site.lang]
        self.ui = self.lang.ui
        self.routes: dict[RouteKey, tuple[str, Handler]] = {}
        self.ignored = TRACKING_PARAMS | self.ignored_extra
        self.newest = site.newest_first()
        self._cache: dict[tuple[RouteKey, str], Response] = {}
        self._lock = threading.Lock()
        self.build()

    # -- to implement -------------------------------------------------------------------
    def build(self) -> None:
        """Register every route of the site."""
        raise NotImplementedError

    def post_path(self, post: Post) -> str:
        """Canonical path (+query) of a post."""
        raise NotImplementedError

    def alias_paths(self, post: Post) -> list[str]:
        """Other paths that serve the post (200) or redirect to it (301)."""
        return []

    def post_channels(self, post: Post) -> list[str]:
        """Discovery channels through which the post can be found."""
        return ["listing", "link"]

    def site_channels(self) -> list[str]:
        """Structured channels the site offers (link following works everywhere: not listed)."""
        return ["listing"]

    def non_post_paths(self) -> list[str]:
        """HTML pages that are not posts (home, listings, about, members, contact…)."""
        return []

    def section_paths(self) -> tuple[str | None, str | None]:
        """(news listing, events listing) paths for the registry."""
        return None, None

    def excludes(self, post: Post) -> list[str]:
        """Strings the extracted body of ``post`` must not contain."""
        return chrome_excludes(self.ui, self.site.eu_footer)

    # -- routing ------------------------------------------------------------------------
    def add(self, target: str, handler: Handler) -> None:
        """Register a handler under the normalised key of ``target`` (ignored params dropped:
        a TYPO3 link carries a cHash, the route answers with or without it)."""
        self.routes[self._strip(route_key(target))] = (target, handler)

    def _strip(self, key: RouteKey) -> RouteKey:
        return key[0], tuple(kv for kv in key[1] if kv[0] not in self.ignored)

    def dynamic(self, key: RouteKey, base: str) -> Response | None:
        """Parametrised endpoints (APIs); None when not handled."""
        del key, base
        return None

    def respond(self, target: str, base: str) -> Response:
        """Answer a request for ``target`` (path and query) on ``base``."""
        key = route_key(target)
        with self._lock:
            hit = self._cache.get((key, base))
        if hit is not None:
            return hit
        resp = self._resolve(key, base)
        with self._lock:
            if len(self._cache) > CACHE_LIMIT:
                self._cache.clear()
            self._cache[(key, base)] = resp
        return resp

    def _resolve(self, key: RouteKey, base: str) -> Response:
        route = self.routes.get(key)
        if route is None:
            stripped = self._strip(key)
            if stripped != key:
                route = self.routes.get(stripped)
                if route is None:
                    resp = self.dynamic(stripped, base)
                    if resp is not None:
                        return resp
        if route is not None:
            return route[1](base)
        resp = self.dynamic(key, base)
        return resp if resp is not None else self.not_found(base)

    def targets(self) -> list[str]:
        """Every registered path-and-query (for page counts and determinism checks)."""
        return [t for t, _ in self.routes.values()]

    # -- helpers ------------------------------------------------------------------------
    def body(self, post: Post, base: str) -> str:
        """The post's content HTML with the base URL filled in."""
        return post.body_html.replace("%BASE%", base)

    def html(self, text: str, status: int = 200, modified: datetime | None = None,
             etag: bool = False, extra: dict[str, str] | None = None) -> Response:
        """An HTML response in the site's charset, with optional validators."""
        charset = self.site.charset
        data = text.encode(charset, errors="xmlcharrefreplace")
        headers = dict(extra or {})
        if modified is not None:
            headers["Last-Modified"] = http_date(modified)
        if etag:
            headers["ETag"] = etag_of(data)
        return Response(status, data, f"text/html; charset={charset}", headers)

    def xml(self, text: str, ctype: str = "application/xml", modified: datetime | None = None,
            etag: bool = False) -> Response:
        """An XML response (feeds, sitemaps)."""
        data = text.encode("utf-8")
        headers: dict[str, str] = {}
        if modified is not None:
            headers["Last-Modified"] = http_date(modified)
        if etag:
            headers["ETag"] = etag_of(data)
        return Response(200, data, f"{ctype}; charset=UTF-8", headers)

    def json(self, obj: object, status: int = 200, headers: dict[str, str] | None = None,
             wp_style: bool = True) -> Response:
        """JSON as PHP's json_encode writes it (escaped slashes and non-ASCII)."""
        text = json.dumps(obj, ensure_ascii=True, separators=(",", ":"))
        if wp_style:
            text = text.replace("/", "\\/")
        return Response(status, text.encode("ascii"), "application/json; charset=UTF-8",
                        dict(headers or {}))

    def redirect(self, location: str, status: int = 301) -> Response:
        """A redirect with a tiny body, as Apache/PHP send them."""
        body = f'<html><body>Moved: <a href="{esc(location)}">{esc(location)}</a></body></html>'
        return Response(status, body.encode("utf-8"), "text/html; charset=UTF-8",
                        {"Location": location})

    def text(self, body: str, ctype: str = "text/plain") -> Response:
        """Plain text (robots.txt)."""
        return Response(200, body.encode("utf-8"), f"{ctype}; charset=UTF-8")

    def not_found(self, base: str) -> Response:
        """A site-styled 404 page."""
        title = esc(self.ui["not_found"])
        page = (
            f'<!DOCTYPE html>\n<html lang="{self.lang.code}"><head><meta charset="'
            f'{self.site.charset}"><title>{title} – {esc(self.site.name)}</title></head><body>'
            f'<h1>{title}</h1><p><a href="{esc(base)}/">{esc(self.ui["home"])}</a></p>'
            "</body></html>\n"
        )
        return self.html(page, status=404)

    def adjacent(self, post: Post) -> tuple[Post | None, Post | None]:
        """(older, newer) neighbours in publication order."""
        idx = self.newest.index(post)
        older = self.newest[idx + 1] if idx + 1 < len(self.newest) else None
        newer = self.newest[idx - 1] if idx > 0 else None
        return older, newer

    def in_category(self, category: str) -> list[Post]:
        """Newest-first posts of one category."""
        return [p for p in self.newest if p.category == category]

    def page_by_kind(self, kind: str) -> str:
        """Title of a non-post page, for menus."""
        for page in self.site.pages:
            if page.kind == kind:
                return page.title
        return kind
