"""Persistent dedupe state: one compact record per post ever seen, in SQLite (or Redis later).

A record holds what grouping needs, never the body: site, language, publication and
first-seen order keys, content-hash key, MinHash signature (256 bytes), story and event
membership, and the event facts. Stories and events are *derived* from the records (members
share ``story_id`` / ``event_id``), so there is no second table to keep consistent.

Cross-run matching scans all records once per run and runs the LSH in memory. Measured on
this machine: an SQL table of LSH band keys for 1M posts (32M rows) takes 44 s to write and
6 µs per lookup (over 3 min of lookups for a 1M-post run), while scanning 200k records takes
0.9 s. The protocol is three calls and the scan order does not matter, so a Redis store is
a hash of packed records (HSET for ``put_many``, HSCAN for ``scan``) plus a parameters key.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

__all__ = ["GroupStore", "MemoryGroupStore", "SQLiteGroupStore", "StoreMismatch", "StoredPost"]


class StoreMismatch(RuntimeError):
    """The store was written with other signature parameters: its signatures do not compare."""


@dataclass(slots=True)
class StoredPost:
    """One post as remembered between runs."""

    id: str
    site: str
    language: str | None
    published: int  # order key (see deduper.order_key): earliest publication first
    first_seen: int  # order key of the first crawl that saw the post
    content: int  # signed 64-bit key of the content hash
    shingles: int
    words: int
    signature: bytes  # uint16 little-endian, one value per MinHash bin
    story_id: str
    event_id: str | None = None
    event: dict[str, Any] | None = None  # events.facts_to_json(...)


class GroupStore(Protocol):
    """Where groups persist between runs; ids of existing groups never change."""

    def params(self) -> str | None:
        """Signature parameters the store was written with (None when empty/new)."""

    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        """All records, in batches, in any order (grouping sorts by post id itself)."""

    def put_many(self, posts: Iterable[StoredPost], params: str) -> None:
        """Insert or replace records atomically; records the parameters."""

    def merge_events(self, records: Iterable[dict[str, Any]]) -> None:
        """Keep these event lines (``events.jsonl``), replacing older ones by event id."""

    def all_events(self) -> list[dict[str, Any]]:
        """Every event line kept, ordered by start date then event id."""


def event_order(record: dict[str, Any]) -> tuple[str, str]:
    return (str(record.get("start") or ""), str(record["event_id"]))


def check_params(store: GroupStore, params: str) -> None:
    """Refuse a store whose signatures were computed differently."""
    found = store.params()
    if found is not None and found != params:
        raise StoreMismatch(f"store written with {found!r}, this build uses {params!r}")


class MemoryGroupStore:
    """A dict-backed store: tests, and the reference for other backends."""

    def __init__(self) -> None:
        self._posts: dict[str, StoredPost] = {}
        self._params: str | None = None
        self._events: dict[str, dict[str, Any]] = {}

    def params(self) -> str | None:
        return self._params

    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        ids = sorted(self._posts)
        for lo in range(0, len(ids), batch_size):
            yield [self._posts[i] for i in ids[lo : lo + batch_size]]

    def put_many(self, posts: Iterable[StoredPost], params: str) -> None:
        for post in posts:
            self._posts[post.id] = post
        self._params = params

    def merge_events(self, records: Iterable[dict[str, Any]]) -> None:
        self._events.update({r["event_id"]: r for r in records})

    def all_events(self) -> list[dict[str, Any]]:
        return sorted(self._events.values(), key=event_order)

    def __len__(self) -> int:
        return len(self._posts)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    language TEXT,
    published INTEGER NOT NULL,
    first_seen INTEGER NOT NULL,
    content INTEGER NOT NULL,
    shingles INTEGER NOT NULL,
    words INTEGER NOT NULL,
    signature BLOB NOT NULL,
    story_id TEXT NOT NULL,
    event_id TEXT,
    event TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (event_id TEXT PRIMARY KEY, record TEXT NOT NULL)
    WITHOUT ROWID;
"""
_COLUMNS = ("id, site, language, published, first_seen, content, shingles, words, signature, "
            "story_id, event_id, event")


class SQLiteGroupStore:
    """One SQLite file in WAL mode; safe to copy between CI runs once closed."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(self.path)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=NORMAL")
        self._con.executescript(_SCHEMA)

    def params(self) -> str | None:
        row = self._con.execute("SELECT value FROM meta WHERE key='params'").fetchone()
        return None if row is None else str(row[0])

    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        cursor = self._con.execute(f"SELECT {_COLUMNS} FROM posts ORDER BY id")
        while rows := cursor.fetchmany(batch_size):
            yield [
                StoredPost(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], bytes(r[8]), r[9],
                           r[10], json.loads(r[11]) if r[11] else None)
                for r in rows
            ]

    def put_many(self, posts: Iterable[StoredPost], params: str) -> None:
        rows = (
            (p.id, p.site, p.language, p.published, p.first_seen, p.content, p.shingles,
             p.words, p.signature, p.story_id, p.event_id,
             json.dumps(p.event, ensure_ascii=False, sort_keys=True) if p.event else None)
            for p in posts
        )
        with self._con:
            self._con.executemany(
                f"INSERT OR REPLACE INTO posts ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows
            )
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('params', ?)", (params,))

    def __len__(self) -> int:
        return int(self._con.execute("SELECT COUNT(*) FROM posts").fetchone()[0])

    def merge_events(self, records: Iterable[dict[str, Any]]) -> None:
        rows = [(r["event_id"], json.dumps(r, ensure_ascii=False)) for r in records]
        with self._con:
            self._con.executemany("INSERT OR REPLACE INTO events VALUES (?, ?)", rows)

    def all_events(self) -> list[dict[str, Any]]:
        rows = self._con.execute("SELECT record FROM events").fetchall()
        return sorted((json.loads(r[0]) for r in rows), key=event_order)

    def purge_sites(self, site_ids: Iterable[str]) -> int:
        """Forget these sites' posts; their reports leave the events (an event no other site
        reported goes). Returns the number of posts removed."""
        ids = set(site_ids)
        removed = 0
        with self._con:
            for sid in ids:
                removed += self._con.execute("DELETE FROM posts WHERE site = ?", (sid,)).rowcount
            for event_id, text in self._con.execute("SELECT event_id, record FROM events"
                                                    ).fetchall():
                record = json.loads(text)
                posts = [p for p in record.get("posts", []) if p.get("site_id") not in ids]
                if not posts:
                    self._con.execute("DELETE FROM events WHERE event_id = ?", (event_id,))
                elif len(posts) != len(record.get("posts", [])):
                    record["posts"] = posts
                    record["sites"] = [s for s in record.get("sites", []) if s not in ids]
                    self._con.execute("UPDATE events SET record = ? WHERE event_id = ?",
                                      (json.dumps(record, ensure_ascii=False), event_id))
        return removed

    def close(self) -> None:
        """Checkpoint the WAL into the main file, then close."""
        self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._con.close()

    def __enter__(self) -> SQLiteGroupStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
