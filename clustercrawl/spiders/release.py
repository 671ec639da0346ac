"""What Scrapy's downloader keeps per host, let go of when a site finishes.

Twisted's connection pool keeps a finished site's idle keep-alive connections for four
minutes (``HTTPConnectionPool.cachedConnectionTimeout``) and Scrapy's downloader its slot
(delay, queue) for a minute or more: a crawl finishing several sites a second holds hundreds
of each, and of open sockets, for sites it will not ask again. Neither offers a public way
to drop one host's share, so this reaches their attributes; when a Scrapy or Twisted
version renames them, nothing is released and ``tests/test_memory_lifetimes.py`` fails.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def host_names(hosts: Iterable[str]) -> set[str]:
    """``urls.site_key`` hosts (no ``www.``, port kept) as bare host names, with ``www.``."""
    names: set[str] = set()
    for host in hosts:
        name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        names.update((name, f"www.{name}"))
    return names


def release_hosts(crawler: Any, hosts: Iterable[str]) -> int:
    """Close the idle pooled connections and drop the idle download slots of ``hosts``;
    returns how many connections and slots were let go."""
    names = host_names(hosts)
    try:
        engine = crawler.engine
    except RuntimeError:  # no crawl running (a spider driven by hand, as in unit tests)
        return 0
    downloader = getattr(engine, "downloader", None)
    if not names or downloader is None:
        return 0
    released = 0
    slots = getattr(downloader, "slots", {})
    for name in names:
        slot = slots.get(name)
        if slot is not None and not (slot.active or slot.queue or slot.transferring):
            slots.pop(name).close()
            released += 1
    handlers = getattr(getattr(downloader, "handlers", None), "_handlers", {})
    seen: set[int] = set()
    for scheme in ("http", "https"):
        pool = getattr(handlers.get(scheme), "_pool", None)
        if pool is None or id(pool) in seen:
            continue
        seen.add(id(pool))
        released += _close_idle(pool, names)
    return released


def _close_idle(pool: Any, names: set[str]) -> int:
    connections: dict[Any, list[Any]] = getattr(pool, "_connections", {})
    timeouts: dict[Any, Any] = getattr(pool, "_timeouts", {})
    closed = 0
    for key in list(connections):
        host = key[1] if isinstance(key, tuple) and len(key) > 2 else None
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host not in names:
            continue
        for conn in connections.pop(key):
            call = timeouts.pop(conn, None)
            if call is not None and call.active():
                call.cancel()
            conn.transport.loseConnection()
            closed += 1
    return closed
