"""The run's shared frontier: units of sites handed to workers under leases.

A *unit* is every registry site of one registered domain (usually one site), so a domain is
crawled by exactly one worker at a time, and that worker keeps the site's whole discovery
state, per-host concurrency and Crawl-delay in memory. Only site ids and registry entries
(JSON) go through Redis; no Scrapy request is ever serialised.

    <p>:run:<r>:meta        hash   stamp, seeded_at, registry_errors (JSON)
    <p>:run:<r>:units       hash   unit -> JSON list of registry entries
    <p>:run:<r>:pending     list   units waiting
    <p>:run:<r>:processing  list   units taken (each with a lease key)
    <p>:run:<r>:lease:<u>   string worker id, expires unless the worker's heartbeat renews it
    <p>:run:<r>:done        set    units finished (or given up)
    <p>:run:<r>:attempts    hash   unit -> times taken
    <p>:run:<r>:failed      hash   unit -> why it was given up
    <p>:run:<r>:workers     zset   worker id -> heartbeat deadline (ms, Redis clock)
    <p>:run:<r>:emitted     set    url keys of the posts the run emitted
    <p>:run:<r>:manifests   hash   worker id -> that worker's manifest (JSON)
    <p>:run:<r>:finalized   string when the merged dataset was written

Taking, renewing, finishing and reclaiming are Lua scripts, so each is atomic. A standalone
Redis (or Valkey) is assumed, not Redis Cluster.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import redis

from clustercrawl.distributed.connection import Keys
from clustercrawl.registry import Site
from clustercrawl.urls import registered_domain

logger = logging.getLogger(__name__)

_TAKE = """
local out = {}
for i = 1, tonumber(ARGV[3]) do
  local unit = redis.call('LMOVE', KEYS[1], KEYS[2], 'LEFT', 'RIGHT')
  if not unit then break end
  redis.call('SET', ARGV[1] .. unit, ARGV[2], 'PX', ARGV[4])
  redis.call('HINCRBY', KEYS[3], unit, 1)
  table.insert(out, unit)
end
return out
"""

# Put back every taken unit whose lease is gone (its worker died or hung); give a unit up
# after ARGV[2] takes, so a site that kills its workers cannot stall the run forever.
_RECLAIM = """
local out = {}
for _, unit in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  if redis.call('EXISTS', ARGV[1] .. unit) == 0 then
    redis.call('LREM', KEYS[2], 0, unit)
    if redis.call('SISMEMBER', KEYS[3], unit) == 0 then
      local n = tonumber(redis.call('HGET', KEYS[4], unit) or '0')
      if n >= tonumber(ARGV[2]) then
        redis.call('SADD', KEYS[3], unit)
        redis.call('HSET', KEYS[5], unit, 'its worker was lost ' .. n .. ' times')
      else
        redis.call('LPUSH', KEYS[1], unit)
      end
      table.insert(out, unit)
    end
  end
end
return out
"""

_DONE = """
if redis.call('GET', ARGV[1] .. ARGV[2]) == ARGV[3] then redis.call('DEL', ARGV[1] .. ARGV[2]) end
redis.call('LREM', KEYS[1], 0, ARGV[2])
redis.call('SADD', KEYS[2], ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[3], ARGV[2], ARGV[4]) end
return 1
"""

# Hand units back untouched (a worker stopping early): not counted as an attempt.
_RELEASE = """
local n = 0
for i = 3, #ARGV do
  local unit = ARGV[i]
  if redis.call('GET', ARGV[1] .. unit) == ARGV[2] then
    redis.call('DEL', ARGV[1] .. unit)
    redis.call('LREM', KEYS[2], 0, unit)
    redis.call('HINCRBY', KEYS[3], unit, -1)
    redis.call('LPUSH', KEYS[1], unit)
    n = n + 1
  end
end
return n
"""

_HEARTBEAT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
local lost = {}
for i = 4, #ARGV do
  local key = ARGV[1] .. ARGV[i]
  if redis.call('GET', key) == ARGV[2] then
    redis.call('PEXPIRE', key, ARGV[3])
  else
    table.insert(lost, ARGV[i])
  end
end
return lost
"""

_LEAVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return {redis.call('ZCARD', KEYS[1]), redis.call('LLEN', KEYS[2]), redis.call('LLEN', KEYS[3])}
"""


def unit_of(site: Site) -> str:
    """The registered domain of the site's homepage (its host when it has none)."""
    return registered_domain(site.homepage) or site.id


def site_entry(site: Site) -> dict[str, Any]:
    """A registry entry (as in registry.yaml) for a validated site: what goes to Redis."""
    entry: dict[str, Any] = {
        "id": site.id, "name": site.name, "country": site.country,
        "languages": list(site.languages), "homepage": site.homepage,
        "timezone": site.timezone, "type": site.type, "verified": site.verified,
    }
    for name in ("cms", "evidence", "notes", "cms_evidence"):
        value = getattr(site, name)
        if value is not None:
            entry[name] = value
    for name in ("news", "events", "feeds", "sitemaps"):
        urls = getattr(site, name)
        if urls:
            entry[name] = [{"url": u.url, "status": u.status} for u in urls]
    overrides = {k: (list(v) if isinstance(v, tuple) else v)
                 for k, v in asdict(site.overrides).items() if v is not None}
    if overrides:
        entry["overrides"] = overrides
    return entry


def group_units(sites: Iterable[Site]) -> dict[str, list[Site]]:
    """Sites by unit, in registry order."""
    units: dict[str, list[Site]] = {}
    for site in sites:
        units.setdefault(unit_of(site), []).append(site)
    return units


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class Progress:
    run: str
    stamp: str | None
    units: int
    pending: int
    in_flight: int
    done: int
    failed: dict[str, str]
    workers: int
    emitted: int
    finalized: str | None

    @property
    def drained(self) -> bool:
        return self.stamp is not None and self.pending == 0 and self.in_flight == 0


@dataclass(slots=True)
class SeedResult:
    run: str
    stamp: str
    new_run: bool
    units: int
    sites: int
    already: int


class SeedError(RuntimeError):
    """The run cannot take these seeds as asked."""


class SiteQueue:
    """One run's queue of units, as seen by one worker (or by the CLI)."""

    def __init__(self, client: redis.Redis, keys: Keys, *, worker: str = "",
                 lease_seconds: float = 60.0, max_attempts: int = 3) -> None:
        # redis-py types sync results as ``Awaitable[T] | T``; the sync client returns T.
        self.r: Any = client
        self.keys = keys
        self.worker = worker
        self.lease_ms = max(1000, int(lease_seconds * 1000))
        self.max_attempts = max(1, max_attempts)
        self._take = client.register_script(_TAKE)
        self._reclaim = client.register_script(_RECLAIM)
        self._done = client.register_script(_DONE)
        self._release = client.register_script(_RELEASE)
        self._heartbeat = client.register_script(_HEARTBEAT)
        self._leave = client.register_script(_LEAVE)

    def k(self, name: str) -> str:
        return self.keys.of_run(name)

    # -- seeding (CLI) -------------------------------------------------------------------------
    def seed(self, sites: Sequence[Site], registry_errors: Sequence[str] = (),
             reset: bool = False) -> SeedResult:
        """Queue the sites' units. Starts a new run unless one is in progress (then adds)."""
        progress = self.progress()
        new_run = reset or progress.stamp is None or progress.finalized is not None
        if not new_run and progress.drained:
            raise SeedError(
                f"run {self.keys.run!r} ({progress.stamp}) is crawled but not finalized: run "
                "`clustercrawl finalize` first, or seed with --reset to start a new run"
            )
        units = group_units(sites)
        pipe = self.r.pipeline(transaction=True)
        if new_run:
            self._clear(pipe)
            stamp = now_iso().replace(":", "").replace("-", "")
            pipe.hset(self.k("meta"), mapping={"stamp": stamp, "seeded_at": now_iso(),
                                               "registry_errors": json.dumps([])})
            known: set[str] = set()
        else:
            stamp = progress.stamp or ""
            known = {u.decode() for u in self.r.hkeys(self.k("units"))}
        errors = [] if new_run else json.loads(self.r.hget(self.k("meta"), "registry_errors")
                                               or b"[]")
        errors.extend(e for e in registry_errors if e not in errors)
        pipe.hset(self.k("meta"), "registry_errors", json.dumps(errors, ensure_ascii=False))
        fresh = {u: s for u, s in units.items() if u not in known}
        for unit, members in fresh.items():
            pipe.hset(self.k("units"), unit,
                      json.dumps([site_entry(s) for s in members], ensure_ascii=False))
            pipe.rpush(self.k("pending"), unit)
        pipe.execute()
        return SeedResult(self.keys.run, stamp, new_run, len(fresh),
                          sum(len(s) for s in fresh.values()), len(units) - len(fresh))

    def _clear(self, pipe: Any) -> None:
        for name in ("meta", "units", "pending", "processing", "done", "attempts", "failed",
                     "workers", "emitted", "manifests", "finalized", "finalizing"):
            pipe.delete(self.k(name))
        for key in self.r.scan_iter(match=self.keys.lease_prefix + "*", count=1000):
            pipe.delete(key)

    # -- a worker's side -----------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        raw = self.r.hgetall(self.k("meta"))
        return {k.decode(): v.decode() for k, v in raw.items()}

    def fair_share(self) -> int:
        """Units not yet finished (queued or taken) divided by the live workers (this one
        included), rounded up: workers started together split the run evenly."""
        seconds, micros = self.r.time()
        now_ms = int(seconds) * 1000 + int(micros) // 1000
        pipe = self.r.pipeline(transaction=False)
        pipe.llen(self.k("pending"))
        pipe.llen(self.k("processing"))
        pipe.zcount(self.k("workers"), now_ms, "+inf")
        pending, processing, live = pipe.execute()
        return -(-(int(pending) + int(processing)) // max(1, int(live)))

    def take(self, n: int, held: int = 0) -> list[tuple[str, list[dict[str, Any]]]]:
        """Lease up to ``n`` units, so that this worker (holding ``held``) has no more than
        its fair share, and at least one (expired leases are put back first)."""
        if n <= 0:
            return []
        self.reclaim()
        n = min(n, max(1, self.fair_share() - held))
        units = [u.decode() for u in self._take(
            keys=[self.k("pending"), self.k("processing"), self.k("attempts")],
            args=[self.keys.lease_prefix, self.worker, n, self.lease_ms],
        )]
        if not units:
            return []
        raw = self.r.hmget(self.k("units"), units)
        out: list[tuple[str, list[dict[str, Any]]]] = []
        for unit, value in zip(units, raw, strict=True):
            try:
                entries = json.loads(value) if value else None
            except ValueError:
                entries = None
            if not isinstance(entries, list):
                self.done(unit, failure="queue entry missing or not a JSON list")
                continue
            out.append((unit, entries))
        return out

    def reclaim(self) -> list[str]:
        """Put units whose lease expired back in the queue (or give them up)."""
        back = [u.decode() for u in self._reclaim(
            keys=[self.k("pending"), self.k("processing"), self.k("done"),
                  self.k("attempts"), self.k("failed")],
            args=[self.keys.lease_prefix, self.max_attempts],
        )]
        for unit in back:
            logger.warning("unit %s: its worker's lease expired; queued again for another "
                           "worker (or given up after %d attempts)", unit, self.max_attempts)
        return back

    def heartbeat(self, held: Iterable[str]) -> list[str]:
        """Renew this worker's registration and leases; returns units whose lease was lost."""
        lost = self._heartbeat(keys=[self.k("workers")],
                               args=[self.keys.lease_prefix, self.worker, self.lease_ms, *held])
        return [u.decode() for u in lost]

    def done(self, unit: str, failure: str = "") -> None:
        self._done(keys=[self.k("processing"), self.k("done"), self.k("failed")],
                   args=[self.keys.lease_prefix, unit, self.worker, failure])

    def release(self, units: Iterable[str]) -> int:
        """Give units back untouched (this worker stops before crawling them)."""
        units = list(units)
        if not units:
            return 0
        return int(self._release(keys=[self.k("pending"), self.k("processing"),
                                       self.k("attempts")],
                                 args=[self.keys.lease_prefix, self.worker, *units]))

    def pending(self) -> bool:
        """True while units are queued or leased (by anyone): the run is not over."""
        self.reclaim()
        return bool(self.r.llen(self.k("pending")) or self.r.llen(self.k("processing")))

    def leave(self) -> bool:
        """Deregister; True when no live worker is left and the frontier is drained."""
        workers, pending, processing = self._leave(
            keys=[self.k("workers"), self.k("pending"), self.k("processing")],
            args=[self.worker])
        return int(workers) == 0 and int(pending) == 0 and int(processing) == 0

    def put_manifest(self, manifest: dict[str, Any]) -> None:
        self.r.hset(self.k("manifests"), self.worker,
                    json.dumps(manifest, ensure_ascii=False, default=str))

    # -- reading ---------------------------------------------------------------------------
    def progress(self) -> Progress:
        seconds, micros = self.r.time()
        now_ms = int(seconds) * 1000 + int(micros) // 1000
        pipe = self.r.pipeline(transaction=False)
        pipe.hget(self.k("meta"), "stamp")
        pipe.hlen(self.k("units"))
        pipe.llen(self.k("pending"))
        pipe.llen(self.k("processing"))
        pipe.scard(self.k("done"))
        pipe.hgetall(self.k("failed"))
        pipe.zcount(self.k("workers"), now_ms, "+inf")  # live: heartbeat not overdue
        pipe.scard(self.k("emitted"))
        pipe.get(self.k("finalized"))
        stamp, units, pending, processing, done, failed, workers, emitted, fin = pipe.execute()
        return Progress(
            run=self.keys.run, stamp=stamp.decode() if stamp else None, units=int(units),
            pending=int(pending), in_flight=int(processing), done=int(done),
            failed={k.decode(): v.decode() for k, v in failed.items()}, workers=int(workers),
            emitted=int(emitted), finalized=fin.decode() if fin else None,
        )
