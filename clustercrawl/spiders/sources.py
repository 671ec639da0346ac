"""Where the spider gets its sites from: the registry (one process), or a shared queue.

A site is the unit of work: all of one site's requests are made by the process that took
it, so its discovery state stays in one place and per-host politeness holds however many
processes crawl. ``LocalSiteSource`` hands out the registry's sites at start; a distributed
source (``clustercrawl.distributed``) hands them out from Redis as processes ask for more.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from clustercrawl.registry import Site


class SiteSource(Protocol):
    def initial(self) -> list[Site]:
        """Sites to start with."""
        ...

    def more(self) -> list[Site]:
        """Further sites when the spider is idle ([] = none now)."""
        ...

    def pending(self) -> bool:
        """True while sites may still come (other processes still hold some)."""
        ...

    def done(self, site_id: str) -> None:
        """The site is crawled and its items stored."""
        ...

    def close(self) -> None: ...


class LocalSiteSource:
    def __init__(self, sites: Iterable[Site]) -> None:
        self.sites = list(sites)

    def initial(self) -> list[Site]:
        return self.sites

    def more(self) -> list[Site]:
        return []

    def pending(self) -> bool:
        return False

    def done(self, site_id: str) -> None:
        return None

    def close(self) -> None:
        return None
