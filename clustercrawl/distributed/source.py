"""``RedisSiteSource``: the spider's sites come from the run's shared queue.

A worker keeps up to ``CLUSTERCRAWL_REDIS_SITES_IN_FLIGHT`` units leased, but never more than
its fair share of the run (unfinished units / live workers): it takes them at start, takes more
whenever one is finished (its items stored), and when idle asks the queue again (scrapy-redis'
idle-driven feeding, per unit instead of per request). While other workers still hold units,
``pending()`` keeps this one waiting (Scrapy re-checks an idle spider every 5 s), so it can
take over a unit whose lease expires; once nothing is queued or leased, the spider closes: a
scheduled run ends.
"""

from __future__ import annotations

import json
import logging
import os
import re
import secrets
import socket
from typing import Any

from twisted.internet import task

from clustercrawl.distributed.connection import Keys, client_from_settings
from clustercrawl.distributed.queue import SiteQueue
from clustercrawl.registry import Site, load_registry_text

logger = logging.getLogger(__name__)


def new_worker_id() -> str:
    """``<host>-<pid>-<random>``: unique, readable, and safe as a file name."""
    host = re.sub(r"[^A-Za-z0-9.-]", "-", socket.gethostname())[:40] or "host"
    return f"{host}-{os.getpid()}-{secrets.token_hex(2)}"


def parse_unit(unit: str, entries: list[Any]) -> tuple[list[Site], list[str]]:
    """Validate a unit's registry entries as the registry loader does; never trust Redis."""
    text = json.dumps({"schema_version": 1, "sites": entries}, ensure_ascii=False)
    try:
        loaded = load_registry_text(text, f"queue unit {unit}")
    except Exception as exc:
        return [], [f"queue unit {unit}: {exc}"]
    return loaded.sites, [str(e) for e in loaded.errors]


class RedisSiteSource:
    def __init__(self, spider: Any, queue: SiteQueue, *, in_flight: int = 128) -> None:
        self.spider = spider
        self.queue = queue
        self.in_flight = max(1, in_flight)
        self.units: dict[str, set[str]] = {}  # held unit -> its sites not yet done
        self.members: dict[str, list[str]] = {}  # held unit -> all its sites
        self.unit_of: dict[str, str] = {}
        self.sites_started = 0
        self._beat: task.LoopingCall | None = None
        self._closed = False

    @property
    def worker(self) -> str:
        return self.queue.worker

    # -- SiteSource ----------------------------------------------------------------------------
    def initial(self) -> list[Site]:
        self.queue.heartbeat(())
        self._beat = task.LoopingCall(self._heartbeat)
        self._beat.start(self.queue.lease_ms / 3000, now=False)
        sites = self._take(self.in_flight)
        logger.info("worker %s: run %s, %d site(s) to start with (up to %d units at a time)",
                    self.worker, self.queue.keys.run, len(sites), self.in_flight)
        return sites

    def more(self) -> list[Site]:
        """At idle: every held unit is finished by now; take what the queue has."""
        for unit in list(self.units):
            logger.warning("unit %s still held at idle: finishing it", unit)
            self._finish(unit)
        return self._take(self.in_flight - len(self.units))

    def pending(self) -> bool:
        return bool(self.units) or self.queue.pending()

    def done(self, site_id: str) -> None:
        unit = self.unit_of.get(site_id)
        if unit is None or unit not in self.units:
            return
        self.units[unit].discard(site_id)
        if not self.units[unit]:
            self._finish(unit)
            self._top_up()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._beat is not None and self._beat.running:
            self._beat.stop()
        if self.units:
            n = self.queue.release(self.units)
            logger.info("worker %s: %d unfinished unit(s) handed back to the queue",
                        self.worker, n)
            self.units = {}

    # -- internals -----------------------------------------------------------------------------
    def _take(self, n: int) -> list[Site]:
        if self._closed or n <= 0:
            return []
        sites: list[Site] = []
        for unit, entries in self.queue.take(n, held=len(self.units)):
            members, errors = parse_unit(unit, entries)
            for err in errors:
                logger.error("%s (not crawled)", err)
            done = getattr(self.spider, "finished", ())  # finished here, state let go of
            fresh = [s for s in members if s.id not in self.spider.states and s.id not in done]
            if not fresh:
                self.queue.done(unit, failure="; ".join(errors)[:500])
                continue
            self.units[unit] = {s.id for s in fresh}
            self.members[unit] = [s.id for s in fresh]
            for site in fresh:
                self.unit_of[site.id] = unit
            sites.extend(fresh)
        self.sites_started += len(sites)
        return sites

    def _finish(self, unit: str) -> None:
        """Store the unit's site records (items are stored already), then release it."""
        store = getattr(self.spider, "store", None)
        for site_id in self.members.pop(unit, []):
            st = self.spider.states.get(site_id)
            if store is not None and st is not None and st.record is not None:
                store.put_site(st.record)
        self.queue.done(unit)
        self.units.pop(unit, None)

    def _top_up(self) -> None:
        """Keep ``in_flight`` units going without waiting for the spider to go idle."""
        engine = getattr(self.spider.crawler, "engine", None)
        if engine is None or not getattr(engine, "running", False):
            return
        for site in self._take(self.in_flight - len(self.units)):
            for req in self.spider._start_site(site):
                engine.crawl(req)

    def _heartbeat(self) -> None:
        try:
            lost = self.queue.heartbeat(self.units)
        except Exception as exc:  # Redis unreachable: leases may expire; others take over
            logger.warning("worker %s: heartbeat failed: %s", self.worker, exc)
            return
        for unit in lost:
            logger.warning("worker %s: lease on unit %s was lost (heartbeat too late); another "
                           "worker may crawl it too", self.worker, unit)


def site_source_for(spider: Any) -> RedisSiteSource:
    """Factory named by ``CLUSTERCRAWL_SITE_SOURCE`` in distributed mode (set by the add-on)."""
    settings = spider.crawler.settings
    keys = Keys.from_settings(settings)
    queue = SiteQueue(
        client_from_settings(settings), keys, worker=new_worker_id(),
        lease_seconds=settings.getfloat("CLUSTERCRAWL_REDIS_LEASE_SECONDS", 60.0),
        max_attempts=settings.getint("CLUSTERCRAWL_REDIS_MAX_ATTEMPTS", 3),
    )
    queue.r.ping()  # fail now, not at the first idle
    queue.heartbeat(())  # registered before taking: workers started together share fairly
    meta = queue.meta()
    if meta.get("stamp"):
        spider.run_stamp = meta["stamp"]  # every worker's files go to the seeded run's folder
    else:
        logger.error("run %r was never seeded (clustercrawl seed --redis URL --run %s): "
                     "nothing to crawl", keys.run, keys.run)
    spider.worker_id = queue.worker
    for arg in ("site_ids", "country", "registry_path"):
        if getattr(spider, arg, None):
            logger.warning("distributed mode: -a %s is ignored; select sites with "
                           "`clustercrawl seed`", arg.replace("_ids", "s").replace("_path", ""))
    return RedisSiteSource(spider, queue,
                           in_flight=settings.getint("CLUSTERCRAWL_REDIS_SITES_IN_FLIGHT", 128))
