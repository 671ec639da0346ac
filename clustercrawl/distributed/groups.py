"""``RedisGroupStore``: the dedupe records (``clustercrawl.dedupe.GroupStore``) in Redis.

As ``clustercrawl/dedupe/store.py`` plans it: one hash of packed records (HSET for
``put_many``, HSCAN for ``scan``) plus a parameters key. A record is a fixed little-endian
header, the MinHash signature bytes and a JSON tail; parsed with ``struct`` and ``json``,
never unpickled. About 330 bytes a post.

    <p>:groups:posts    post id -> packed record
    <p>:groups:params   the signature parameters the records were computed with
    <p>:groups:events   event id -> the event's line of events.jsonl (cumulative)
"""

from __future__ import annotations

import json
import struct
from collections.abc import Iterable, Iterator
from typing import Any

import redis
from scrapy.crawler import Crawler

from clustercrawl.dedupe import StoredPost
from clustercrawl.dedupe.store import event_order
from clustercrawl.distributed.connection import Keys, client_from_settings

_VERSION = 1
_HEAD = struct.Struct("<BqqqiiH")  # version, published, first_seen, content, shingles, words,
#                                    signature length


def pack(post: StoredPost) -> bytes:
    tail = json.dumps([post.site, post.language, post.story_id, post.event_id, post.event],
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    head = _HEAD.pack(_VERSION, post.published, post.first_seen, post.content, post.shingles,
                      post.words, len(post.signature))
    return head + post.signature + tail.encode("utf-8")


def unpack(post_id: str, data: bytes) -> StoredPost:
    version, published, first_seen, content, shingles, words, n = _HEAD.unpack_from(data)
    if version != _VERSION:
        raise ValueError(f"group record {post_id}: unknown layout version {version}")
    start = _HEAD.size
    signature = bytes(data[start : start + n])
    site, language, story_id, event_id, event = json.loads(data[start + n :])
    return StoredPost(post_id, str(site), language, published, first_seen, content, shingles,
                      words, signature, str(story_id), event_id,
                      event if isinstance(event, dict) else None)


class RedisGroupStore:
    """Stories and events that persist between runs, shared by every machine of the crawl."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        # redis-py types sync results as ``Awaitable[T] | T``; the sync client returns T.
        self.r: Any = client
        self._posts = keys.groups("posts")
        self._params = keys.groups("params")
        self.events_key = keys.groups("events")

    def params(self) -> str | None:
        value = self.r.get(self._params)
        return value.decode() if value is not None else None

    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        seen: set[str] = set()  # HSCAN may return an entry twice while the hash grows
        batch: list[StoredPost] = []
        for key, data in self.r.hscan_iter(self._posts, count=2000):
            post_id = key.decode()
            if post_id in seen:
                continue
            seen.add(post_id)
            batch.append(unpack(post_id, data))
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def put_many(self, posts: Iterable[StoredPost], params: str) -> None:
        """All records and the parameters in one MULTI/EXEC: all or nothing."""
        pipe = self.r.pipeline(transaction=True)
        chunk: dict[str, bytes] = {}
        for post in posts:
            chunk[post.id] = pack(post)
            if len(chunk) >= 1000:
                pipe.hset(self._posts, mapping=chunk)
                chunk = {}
        if chunk:
            pipe.hset(self._posts, mapping=chunk)
        pipe.set(self._params, params)
        pipe.execute()

    def __len__(self) -> int:
        return int(self.r.hlen(self._posts))

    # -- cumulative events (events.jsonl), merged by event id as the single-process file is --
    def merge_events(self, records: Iterable[dict[str, Any]]) -> None:
        mapping = {r["event_id"]: json.dumps(r, ensure_ascii=False) for r in records}
        if mapping:
            self.r.hset(self.events_key, mapping=mapping)

    def all_events(self) -> list[dict[str, Any]]:
        events = [json.loads(v) for v in self.r.hvals(self.events_key)]
        return sorted(events, key=event_order)


def group_store_for(crawler: Crawler) -> RedisGroupStore:
    """Factory named by ``CLUSTERCRAWL_GROUP_STORE`` in distributed mode (set by the add-on)."""
    return RedisGroupStore(client_from_settings(crawler.settings),
                           Keys.from_settings(crawler.settings))
