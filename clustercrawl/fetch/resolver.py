"""Name resolution that knows ``*.localhost`` is loopback.

RFC 6761 reserves ``localhost`` and every name under it for the loopback interface; browsers
resolve them so, glibc does not. The bundled demo web serves every demo site under its own
``<name>.localhost`` host, so each gets its own Scrapy download slot, robots.txt and politeness
budget, exactly like a real site.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


def is_localhost_name(name: str) -> bool:
    name = name.rstrip(".").lower()
    return name == "localhost" or name.endswith(".localhost")


class LocalhostAwareResolver(CachingThreadedResolver):
    """Scrapy's caching resolver, answering ``*.localhost`` with 127.0.0.1 itself."""

    def getHostByName(self, name: str, timeout: Sequence[int] = ()) -> Any:
        if is_localhost_name(name):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
