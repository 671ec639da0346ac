"""Where the spider gets its sites from: the registry (one process), or a shared queue.

A site is the unit of work: all of one site's requests are made by the process that took
it, so its discovery state stays in one place and per-host politeness holds however many
processes crawl. ``LocalSiteSource`` hands out the registry's sites as others finish; a distributed
source (``clustercrawl.distributed``) hands them out from Redis as processes ask for more.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import Counter, deque
from collections.abc import Iterable
from typing import IO, Protocol

from clustercrawl.registry import Site
from clustercrawl.urls import registered_domain


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
    """The registry's sites, handed out a bounded number at a time.

    At most ``open_limit`` sites are open at once (0 = all at start), and never two of one
    registered domain (``en.k.pl`` waits for ``k.pl``): the scheduler, the per-site state
    and the connection pool hold the sites in flight, not the registry, so memory stays flat
    in the number of sites; and one organisation's hosts are not crawled in parallel. The
    sites not yet looked at wait in a temporary file, read in order a window at a time.
    """

    #: sites looked at per call when skipping ones whose registered domain is busy; also
    #: how many are read ahead from the spool file
    SCAN = 2000

    def __init__(self, sites: Iterable[Site], open_limit: int = 0) -> None:
        self._spool: IO[bytes] | None = None
        self._unread = 0
        for site in sites:
            if self._spool is None:  # closed by close(), or when the source is collected
                self._spool = tempfile.TemporaryFile(prefix="clustercrawl-registry-")  # noqa: SIM115
            pickle.dump(site, self._spool, protocol=pickle.HIGHEST_PROTOCOL)
            self._unread += 1
        if self._spool is not None:
            self._spool.seek(0)
        self._waiting: deque[Site] = deque()
        self.total = self._unread
        self.open_limit = open_limit
        self._open: dict[str, str] = {}  # site id -> registered domain
        self._busy: Counter[str] = Counter()

    def _read_ahead(self) -> None:
        while self._unread and len(self._waiting) < self.SCAN and self._spool is not None:
            self._waiting.append(pickle.load(self._spool))  # our own file, written above
            self._unread -= 1
        if not self._unread and self._spool is not None:
            self._spool.close()
            self._spool = None

    def _take(self) -> list[Site]:
        out: list[Site] = []
        skipped: list[Site] = []
        scanned = 0
        self._read_ahead()
        while self._waiting and scanned < self.SCAN and (
            not self.open_limit or len(self._open) < self.open_limit
        ):
            site = self._waiting.popleft()
            scanned += 1
            domain = registered_domain(site.homepage)
            if domain and self._busy[domain] and self.open_limit:
                skipped.append(site)
                continue
            self._open[site.id] = domain
            self._busy[domain] += 1
            out.append(site)
            if not self._waiting:
                self._read_ahead()
        self._waiting.extendleft(reversed(skipped))
        return out

    def initial(self) -> list[Site]:
        return self._take()

    def more(self) -> list[Site]:
        return self._take()

    def pending(self) -> bool:
        return bool(self._waiting) or self._unread > 0

    def waiting(self) -> int:
        """Sites not started yet."""
        return len(self._waiting) + self._unread

    def done(self, site_id: str) -> None:
        domain = self._open.pop(site_id, None)
        if domain is not None:
            self._busy[domain] -= 1
            if self._busy[domain] <= 0:
                del self._busy[domain]

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
