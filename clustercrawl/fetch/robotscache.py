"""robots.txt kept for a day across runs, as RFC 9309 allows (section 2.4).

Scrapy's RobotsTxtMiddleware fetches every host's robots.txt on every run; a scheduled
re-crawl that otherwise costs one request per unchanged site would pay double for it. This
middleware answers the robots.txt request from the crawl state while the stored copy is
younger than ``CLUSTERCRAWL_ROBOTS_CACHE_HOURS`` and stores what the site answered otherwise.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request, Response
from twisted.internet.defer import Deferred

from clustercrawl.sitestate import SITE_FINISHED
from clustercrawl.state import optional_store

#: Answers worth keeping: a robots.txt, or the site saying it has none.
_KEEP = (200, 404, 410)


class RobotsTxtCacheMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_age = timedelta(hours=crawler.settings.getfloat("CLUSTERCRAWL_ROBOTS_CACHE_HOURS"))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtCacheMiddleware:
        return cls(crawler)

    @staticmethod
    def _is_robots(request: Request) -> bool:
        return urlsplit(request.url).path == "/robots.txt"

    def process_request(self, request: Request) -> Response | None:
        store = optional_store(self.crawler)
        if store is None or not self._is_robots(request) or not self.max_age:
            return None
        cached = store.get_robots(urlsplit(request.url).netloc)
        if cached is None:
            return None
        status, body, fetched_at = cached
        try:
            age = datetime.now(UTC) - datetime.fromisoformat(fetched_at.replace("Z", "+00:00"))
        except ValueError:
            return None
        if age > self.max_age:
            return None
        self.crawler.stats.inc_value("clustercrawl/robots_cache_hit")
        return Response(request.url, status=status, body=body, request=request,
                        flags=["cached"])

    def process_response(self, request: Request, response: Response) -> Response:
        store = optional_store(self.crawler)
        # a robots.txt that redirected (WordPress with plain permalinks answers 301) is kept
        # under the host first asked, which is the one asked again next run
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        if (store is not None and urlsplit(first).path == "/robots.txt"
                and "cached" not in response.flags and response.status in _KEEP):
            now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            store.put_robots(urlsplit(first).netloc, response.status, response.body, now)
        return response


class _ParserCache(OrderedDict[str, Any]):
    """Scrapy's robots.txt parsers per host, the oldest answered ones let go past ``limit``:
    a crawl of 30,000 sites would otherwise keep 30,000 parsers to the end. A host asked
    again gets its robots.txt from the crawl state (RobotsTxtCacheMiddleware)."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.move_to_end(key)
        if self.limit and len(self) > self.limit:
            excess = len(self) - self.limit
            for old in list(islice(self.keys(), excess + self.limit // 10)):
                if excess <= 0:
                    break
                if not isinstance(self[old], Deferred):  # never one still being fetched
                    del self[old]
                    excess -= 1


class BoundedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware with at most ``CLUSTERCRAWL_ROBOTS_PARSERS_KEPT`` parsers."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._parsers = _ParserCache(crawler.settings.getint("CLUSTERCRAWL_ROBOTS_PARSERS_KEPT"))
        crawler.signals.connect(self.site_finished, signal=SITE_FINISHED)

    def site_finished(self, hosts: frozenset[str] = frozenset(), **kwargs: Any) -> None:
        """A finished site's parsers go (``hosts``: ``urls.site_key``, no ``www.``); a later
        request to the host reads its robots.txt from the crawl state again."""
        for host in hosts:
            for netloc in (host, f"www.{host}"):
                parser = self._parsers.get(netloc)
                if parser is not None and not isinstance(parser, Deferred):
                    del self._parsers[netloc]
