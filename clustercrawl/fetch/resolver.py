"""Name resolution that knows ``*.localhost`` is loopback, and refuses private answers.

RFC 6761 reserves ``localhost`` and every name under it for the loopback interface; browsers
resolve them so, glibc does not. The bundled demo web serves every demo site under its own
``<name>.localhost`` host, so each gets its own Scrapy download slot, robots.txt and politeness
budget, exactly like a real site.

This resolver is also the name half of the SSRF guard (``clustercrawl/fetch/ssrf.py``): the
address it hands to the connection is the address it checked, so a name cannot resolve to a
public address for the check and to a private one for the connection (DNS rebinding).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.crawler import Crawler
from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer

from clustercrawl.fetch.ssrf import AddressPolicy, ForbiddenAddress, record_refusal


def is_localhost_name(name: str) -> bool:
    name = name.rstrip(".").lower()
    return name == "localhost" or name.endswith(".localhost")


class LocalhostAwareResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, answering ``*.localhost`` itself and vetting every answer."""

    #: Built without a crawler (tests, other tools), the resolver is strict.
    policy: AddressPolicy = AddressPolicy()

    @classmethod
    def from_crawler(cls, crawler: Crawler, reactor: Any) -> LocalhostAwareResolver:
        # Scrapy passes the CrawlerProcess here: only its settings are available, not stats.
        resolver: LocalhostAwareResolver = super().from_crawler(crawler, reactor)
        resolver.policy = AddressPolicy.from_settings(crawler.settings)
        return resolver

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        if is_localhost_name(name):
            d: Any = defer.succeed("127.0.0.1")
        else:
            d = super().getHostByName(name, timeout)
        d.addCallback(self._vet, name)
        return d

    def _vet(self, address: str, name: str) -> str:
        """Pass the address on, or fail the lookup (no socket is opened) and record why."""
        reason = self.policy.refusal(name, address)
        if reason:
            raise record_refusal(ForbiddenAddress(reason, host=name, address=address))
        return address
