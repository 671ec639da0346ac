"""``RedisStateStore``: the crawl state (``clustercrawl.state.StateStore``) shared by workers.

Same calls and results as ``SqliteStateStore``, in hashes of JSON records:

    <p>:state:posts        url key -> post record without its item (light: re-crawl plans)
    <p>:state:items        url key -> the post's latest item (JSON)
    <p>:state:site:<id>    set of the site's post keys
    <p>:state:pages        url key -> discovery page validators
    <p>:state:sites        site id -> site record
    <p>:state:robots       netloc -> robots.txt answer (body base64)
    <p>:state:pending      set of the post keys emitted and not yet in committed run files

A post and its item are written in one MULTI with, when the run emits it, its key in the
``pending`` set (and, in a worker, the run's ``emitted`` set, for progress): a worker killed
right after never loses a stored post from the merged run.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, fields
from typing import Any

import redis
from scrapy.crawler import Crawler

from clustercrawl.distributed.connection import Keys, client_from_settings
from clustercrawl.state import GONE, PageState, PostState, SiteRecord

_POST_FIELDS = frozenset(f.name for f in fields(PostState)) - {"item"}
_PAGE_FIELDS = frozenset(f.name for f in fields(PageState))
_SITE_FIELDS = frozenset(f.name for f in fields(SiteRecord))
_CHUNK = 500


def _record(raw: bytes | None, allowed: frozenset[str]) -> dict[str, Any] | None:
    """A JSON object from Redis, limited to the fields of the dataclass it builds."""
    if raw is None:
        return None
    value = json.loads(raw)
    if not isinstance(value, dict):
        raise ValueError("state record is not a JSON object")
    return {k: v for k, v in value.items() if k in allowed}


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class RedisStateStore:
    """The crawl state in Redis; ``emitted`` is the run's set of emitted post keys, if any."""

    def __init__(self, client: redis.Redis, keys: Keys, *, emitted: str | None = None) -> None:
        # redis-py types sync results as ``Awaitable[T] | T``; the sync client returns T.
        self.r: Any = client
        self.keys = keys
        self.emitted = emitted
        self._posts = keys.state("posts")
        self._items = keys.state("items")
        self._pages = keys.state("pages")
        self._sites = keys.state("sites")
        self._robots = keys.state("robots")
        self._pending = keys.state("pending")

    def _site_set(self, site_id: str) -> str:
        return self.keys.state(f"site:{site_id}")

    # -- posts ---------------------------------------------------------------------------------
    def _load(self, keys: list[str], with_items: bool) -> dict[str, PostState]:
        out: dict[str, PostState] = {}
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            pipe = self.r.pipeline(transaction=False)
            pipe.hmget(self._posts, chunk)
            if with_items:
                pipe.hmget(self._items, chunk)
            results = pipe.execute()
            items = results[1] if with_items else [None] * len(chunk)
            for key, raw, item in zip(chunk, results[0], items, strict=True):
                values = _record(raw, _POST_FIELDS)
                if values is None:
                    continue
                post = PostState(**values)
                post.item = json.loads(item) if item else None
                out[key] = post
        return out

    def get_posts(self, keys: Iterable[str]) -> dict[str, PostState]:
        return self._load(list(dict.fromkeys(keys)), with_items=True)

    def site_posts(self, site_id: str) -> list[PostState]:
        """The site's posts without their items (light: used to plan a re-crawl)."""
        keys = sorted(k.decode() for k in self.r.smembers(self._site_set(site_id)))
        posts = self._load(keys, with_items=False)
        return [posts[k] for k in keys if k in posts]

    def put_post(self, post: PostState, pending: bool = False) -> None:
        record = asdict(post)
        item = record.pop("item")
        pipe = self.r.pipeline(transaction=True)
        pipe.hset(self._posts, post.key, _dumps(record))
        if item:
            pipe.hset(self._items, post.key, _dumps(item))
        else:
            pipe.hdel(self._items, post.key)
        pipe.sadd(self._site_set(post.site_id), post.key)
        if pending:
            pipe.sadd(self._pending, post.key)
            if self.emitted:
                pipe.sadd(self.emitted, post.key)
        pipe.execute()

    def mark_gone(self, keys: Iterable[str], when: str) -> list[PostState]:
        """Mark live posts gone; returns the ones that were live (as they were)."""
        gone = [p for p in self.get_posts(keys).values() if p.status != GONE]
        if gone:
            pipe = self.r.pipeline(transaction=True)
            for p in gone:
                record = asdict(p)
                del record["item"]
                record.update(status=GONE, last_changed=when)
                pipe.hset(self._posts, p.key, _dumps(record))
            pipe.execute()
        return gone

    def live_items(self) -> Iterator[dict[str, Any]]:
        """The latest item of every post not gone, in a stable order (site, key)."""
        live: dict[str, str] = {}
        for key, raw in self.r.hscan_iter(self._posts, count=1000):
            values = _record(raw, frozenset({"site_id", "status"}))
            if values is not None and values.get("status") != GONE:
                live[key.decode()] = str(values.get("site_id", ""))
        order = sorted(live, key=lambda k: (live[k], k))
        for i in range(0, len(order), _CHUNK):
            chunk = order[i : i + _CHUNK]
            for raw in self.r.hmget(self._items, chunk):
                if raw:
                    yield json.loads(raw)

    def mark_pending(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        pipe = self.r.pipeline(transaction=True)
        for i in range(0, len(keys), _CHUNK):
            pipe.sadd(self._pending, *keys[i : i + _CHUNK])
            if self.emitted:
                pipe.sadd(self.emitted, *keys[i : i + _CHUNK])
        pipe.execute()

    def pending_items(self) -> Iterator[dict[str, Any]]:
        """Items of the posts emitted and not yet in committed run files (site, key order),
        read a chunk at a time: only the keys' order is held, never every item at once."""
        order = sorted(self._live_sites(k.decode() for k in self.r.sscan_iter(self._pending,
                                                                            count=1000)))
        for i in range(0, len(order), _CHUNK):
            chunk = [key for _, key in order[i : i + _CHUNK]]
            for raw in self.r.hmget(self._items, chunk):
                if raw:
                    yield json.loads(raw)

    def _live_sites(self, keys: Iterable[str]) -> Iterator[tuple[str, str]]:
        """(site id, key) of the given posts that are stored and not gone."""
        todo = list(keys)
        for i in range(0, len(todo), _CHUNK):
            chunk = todo[i : i + _CHUNK]
            for key, raw in zip(chunk, self.r.hmget(self._posts, chunk), strict=True):
                values = _record(raw, frozenset({"site_id", "status"}))
                if values is not None and values.get("status") != GONE:
                    yield str(values.get("site_id", "")), key

    def mark_run_pending(self, run_set: str) -> int:
        """Mark pending again the live posts of a run's set of emitted keys (a run finalized
        again emits them again); returns how many."""
        keys = (k.decode() for k in self.r.sscan_iter(run_set, count=1000))
        live = [key for _, key in self._live_sites(keys)]
        for i in range(0, len(live), _CHUNK):
            self.r.sadd(self._pending, *live[i : i + _CHUNK])
        return len(live)

    def clear_pending(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        for i in range(0, len(keys), _CHUNK):
            self.r.srem(self._pending, *keys[i : i + _CHUNK])

    def update_items(self, fields: dict[str, dict[str, Any]]) -> None:
        """Set fields (story and event ids) on stored items, by post key."""
        keys = list(fields)
        for i in range(0, len(keys), _CHUNK):
            chunk = keys[i : i + _CHUNK]
            updated: dict[str, str] = {}
            for key, raw in zip(chunk, self.r.hmget(self._items, chunk), strict=True):
                if not raw:
                    continue
                item = json.loads(raw)
                item.update(fields[key])
                updated[key] = _dumps(item)
            if updated:
                self.r.hset(self._items, mapping=updated)

    # -- pages, sites, robots ------------------------------------------------------------------
    def get_page(self, key: str) -> PageState | None:
        values = _record(self.r.hget(self._pages, key), _PAGE_FIELDS)
        return PageState(**values) if values is not None else None

    def put_page(self, page: PageState) -> None:
        self.r.hset(self._pages, page.key, _dumps(asdict(page)))

    def get_site(self, site_id: str) -> SiteRecord | None:
        values = _record(self.r.hget(self._sites, site_id), _SITE_FIELDS)
        return SiteRecord(**values) if values is not None else None

    def put_site(self, site: SiteRecord) -> None:
        self.r.hset(self._sites, site.site_id, _dumps(asdict(site)))

    def get_robots(self, netloc: str) -> tuple[int, bytes, str] | None:
        raw = self.r.hget(self._robots, netloc)
        if raw is None:
            return None
        value = json.loads(raw)
        return int(value["status"]), base64.b64decode(value["body"]), str(value["fetched_at"])

    def put_robots(self, netloc: str, status: int, body: bytes, fetched_at: str) -> None:
        value = {"status": status, "body": base64.b64encode(body).decode("ascii"),
                 "fetched_at": fetched_at}
        self.r.hset(self._robots, netloc, _dumps(value))

    def close(self) -> None:
        self.r.close()


def state_store_for(crawler: Crawler) -> RedisStateStore:
    """Factory named by ``CLUSTERCRAWL_STATE_STORE`` in distributed mode (set by the add-on);
    ``clustercrawl.state.CrawlStateExtension`` calls it once per crawler."""
    keys = Keys.from_settings(crawler.settings)
    return RedisStateStore(client_from_settings(crawler.settings), keys,
                           emitted=keys.of_run("emitted"))
