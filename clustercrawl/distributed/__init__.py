"""Distributed crawling: many ``scrapy crawl clusters`` workers on one Redis (or Valkey).

The unit of distribution is the site (all sites of one registered domain), not the request:
a worker leases a unit from the run's queue, makes every request of its sites itself, and
takes the next one. Per-site discovery state, per-host politeness and Crawl-delay stay in one
process, so N workers never hit a domain harder than one, and no Scrapy request is pickled
into Redis. The crawl state and the dedupe groups are shared in Redis; a final step merges
the run into one dataset. Off unless ``CLUSTERCRAWL_REDIS_URL`` is set (commands, layout,
settings, safety and deployment: README.md, "Distributed crawling").

    connection.py  URL safety checks, the client (scrapy-redis' helper), key names
    queue.py       units, seeding, leases with heartbeats, reclaiming expired leases
    source.py      RedisSiteSource: the spider's SiteSource in distributed mode
    state.py       RedisStateStore: clustercrawl.state.StateStore on Redis
    groups.py      RedisGroupStore: clustercrawl.dedupe.GroupStore on Redis
    finalize.py    the merged run and cumulative files, once all workers are done
    addon.py       DistributedAddon (ADDONS) and the worker's end-of-run extension
"""

from __future__ import annotations

from clustercrawl.distributed.addon import DistributedAddon, WorkerRunExtension
from clustercrawl.distributed.connection import Keys, RedisConfigError, check_redis_url
from clustercrawl.distributed.finalize import FinalizeError, finalize_run
from clustercrawl.distributed.groups import RedisGroupStore
from clustercrawl.distributed.queue import SiteQueue
from clustercrawl.distributed.source import RedisSiteSource
from clustercrawl.distributed.state import RedisStateStore

__all__ = [
    "DistributedAddon",
    "FinalizeError",
    "Keys",
    "RedisConfigError",
    "RedisGroupStore",
    "RedisSiteSource",
    "RedisStateStore",
    "SiteQueue",
    "WorkerRunExtension",
    "check_redis_url",
    "finalize_run",
]
