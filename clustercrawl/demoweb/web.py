"""`DemoWeb`: all demo sites, Host-header dispatch, ground truth and the demo registry.

Pages are rendered lazily per (route, base URL) and cached by each renderer, so generating a
web of thousands of pages is cheap and only what is requested gets rendered.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .cms_base import Renderer
from .cms_calendar import EventsCalendarSite
from .cms_drupal import Drupal
from .cms_joomla import Joomla
from .cms_php import HomeMadePhp
from .cms_typo3 import Typo3
from .cms_wordpress import WordPress, WordPressPlain
from .model import Post, Response, SiteData
from .revisions import Change, apply_revision
from .sites import HAND_SHAPED, build_site, extra_spec
from .util import iso_local, plain_text

RENDERERS: dict[str, type[Renderer]] = {
    "wp": WordPress, "wp_plain": WordPressPlain, "typo3": Typo3, "drupal": Drupal,
    "joomla": Joomla, "php": HomeMadePhp, "calendar": EventsCalendarSite,
}


def _unknown_host() -> Response:
    body = b"<html><body><h1>404 Not Found</h1><p>Unknown host.</p></body></html>\n"
    return Response(404, body, "text/html; charset=UTF-8")


class DemoWeb:
    """A set of demo sites addressed by host name (``*.localhost``)."""

    def __init__(self, seed: int, sites: list[SiteData], revision: int = 0,
                 history: list[Change] | None = None) -> None:
        self.seed = seed
        self.sites = sites
        self.revision = revision
        #: every post added, edited or removed by revisions 1..``revision``
        self.history: list[Change] = list(history or [])
        #: the port a `DemoServer` serves this web on (default for `changes_since`)
        self.port: int | None = None
        self._by_id = {s.id: s for s in sites}
        self._renderers = {s.host: RENDERERS[s.cms](s) for s in sites}

    # -- lookup -----------------------------------------------------------------------------
    def site(self, site_id: str) -> SiteData:
        """Site by registry id."""
        return self._by_id[site_id]

    def renderer(self, site_id: str) -> Renderer:
        """Renderer of a site."""
        return self._renderers[self._by_id[site_id].host]

    def hosts(self) -> list[str]:
        """All host names."""
        return [s.host for s in self.sites]

    def base_url(self, site_id: str, port: int) -> str:
        """``http://host:port`` of a site (no trailing slash)."""
        return f"http://{self._by_id[site_id].host}:{port}"

    def respond(self, host: str, target: str, port: int) -> Response:
        """Answer ``target`` (path and query) for a Host header value."""
        name = host.split(":", 1)[0].strip().lower().rstrip(".")
        renderer = self._renderers.get(name)
        if renderer is None:
            return _unknown_host()
        return renderer.respond(target or "/", f"http://{name}:{port}")

    # -- enumeration ------------------------------------------------------------------------
    def targets(self) -> Iterator[tuple[str, str]]:
        """(host, path-and-query) of every registered page, feed, sitemap…"""
        for site in self.sites:
            for target in self._renderers[site.host].targets():
                yield site.host, target

    def page_count(self) -> int:
        """Number of registered routes (APIs excluded: they are parametrised)."""
        return sum(len(r.routes) for r in self._renderers.values())

    def posts(self) -> Iterator[tuple[SiteData, Post]]:
        """Every post with its site."""
        for site in self.sites:
            for post in site.posts:
                yield site, post

    # -- ground truth -----------------------------------------------------------------------
    def post_truth(self, site: SiteData, post: Post, port: int) -> dict[str, Any]:
        """Ground-truth record of one post."""
        r = self._renderers[site.host]
        base = f"http://{site.host}:{port}"
        ev = post.event
        text = plain_text(post.body_html)
        chrome = [x for x in r.excludes(post) if x not in text]  # "Retour sur…" is content
        excludes = list(dict.fromkeys([*chrome, *post.body_excludes]))
        return {
            "key": post.key,
            "site_id": site.id,
            "url": base + r.post_path(post),
            "alias_urls": [base + a for a in r.alias_paths(post)],
            "title": post.title,
            "published": post.published.date().isoformat(),
            "published_at": iso_local(post.published),
            "post_type": post.post_type,
            "language": post.language,
            "event": None if ev is None else {
                "start": ev.start.isoformat(), "end": ev.end.isoformat(), "city": ev.city,
                "date_conflict": ev.date_conflict,
            },
            "call_deadline": post.call_deadline,
            "channels": r.post_channels(post),
            "story": post.story,
            "event_key": post.event_key,
            "body_contains": list(post.body_contains),
            "body_excludes": excludes,
        }

    def ground_truth(self, port: int) -> dict[str, Any]:
        """Everything a test needs to score a crawl of this web on ``port``."""
        sites, non_posts = [], []
        for site in self.sites:
            r = self._renderers[site.host]
            base = f"http://{site.host}:{port}"
            sites.append({"id": site.id, "host": site.host, "base_url": base + "/",
                          "name": site.name, "country": site.country, "cms": r.cms_name,
                          "renderer": site.cms, "languages": list(site.languages),
                          "channels": r.site_channels()})
            non_posts += [base + p for p in r.non_post_paths()]
        posts = [self.post_truth(s, p, port) for s, p in self.posts()]
        gone = [{"key": p.key, "site_id": s.id, "url": self._url(s, p, port)}
                for s in self.sites for p in s.removed]
        return {"seed": self.seed, "revision": self.revision, "sites": sites, "posts": posts,
                "non_posts": non_posts, "gone": gone}

    def _url(self, site: SiteData, post: Post, port: int) -> str:
        return f"http://{site.host}:{port}" + self._renderers[site.host].post_path(post)

    def changes_since(self, revision: int, port: int | None = None) -> dict[str, list[str]]:
        """Canonical URLs of the posts that are new, updated or gone in this web compared
        with revision ``revision`` of the same seed: what an incremental crawl must report.

        A post added and edited later is only new; one added and removed again is nowhere.
        ``port`` defaults to the port a `DemoServer` serves this web on.
        """
        if not 0 <= revision <= self.revision:
            raise ValueError(f"revision {revision} is not between 0 and {self.revision}")
        port = self.port if port is None else port
        if port is None:
            raise ValueError("changes_since needs the port (the web is not being served)")
        later = [c for c in self.history if c.revision > revision]
        added = {(c.site_id, c.key) for c in later if c.kind == "new"}
        edited = {(c.site_id, c.key) for c in later if c.kind == "updated"}
        removed = {(c.site_id, c.key) for c in later if c.kind == "gone"}
        out: dict[str, list[str]] = {"new": [], "updated": [], "gone": []}
        for site in self.sites:
            for post in site.posts:
                ident = (site.id, post.key)
                if ident in added:
                    out["new"].append(self._url(site, post, port))
                elif ident in edited:
                    out["updated"].append(self._url(site, post, port))
            out["gone"] += [self._url(site, p, port) for p in site.removed
                            if (site.id, p.key) in removed and (site.id, p.key) not in added]
        return {k: sorted(v) for k, v in out.items()}

    def registry_yaml(self, port: int) -> str:
        """A registry (schema_version 1) for the demo sites; section URLs only for some."""
        lines = [f"# Demo registry generated by clustercrawl.demoweb (seed {self.seed}).",
                 "schema_version: 1", "sites:"]
        q = json.dumps
        for site in self.sites:
            r = self._renderers[site.host]
            base = f"http://{site.host}:{port}"
            lines += [
                f"  - id: {site.id}",
                f"    name: {q(site.name + ' (demo)', ensure_ascii=False)}",
                f"    country: {site.country}",
                f"    languages: [{', '.join(site.languages)}]",
                f"    timezone: {site.timezone}",
                f"    homepage: {base}/",
                f"    type: {site.site_type}",
                f"    cms: {r.cms_name}",
            ]
            news, events = r.section_paths()
            if site.registry_news and news:
                lines.append(f"    news: [{{url: {q(base + news)}, status: seen}}]")
            if site.registry_events and events:
                lines.append(f"    events: [{{url: {q(base + events)}, status: seen}}]")
            lines.append("    verified: demo")
        return "\n".join(lines) + "\n"


def generate(seed: int = 2014, extra_sites: int = 0, posts_per_site: int = 40,
             revision: int = 0) -> DemoWeb:
    """The demo web: the seven hand-shaped sites plus ``extra_sites`` generated ones, as they
    are after ``revision`` weeks of publishing, editing and removing posts (0: as generated;
    see `revisions`)."""
    if revision < 0:
        raise ValueError("revision must be >= 0")
    specs = list(HAND_SHAPED) + [extra_spec(i, posts_per_site) for i in range(extra_sites)]
    sites = [build_site(spec, seed) for spec in specs]
    history: list[Change] = []
    for step in range(1, revision + 1):
        history += apply_revision(sites, specs, seed, step, len(HAND_SHAPED))
    return DemoWeb(seed, sites, revision, history)
