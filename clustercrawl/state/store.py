"""The crawl state: what each earlier run learned, so the next costs only what is new.

Keyed by canonical URL key (``urls.url_key``). Post rows are written only after an item has
passed validation (by ``StatePipeline``), so an item dropped as invalid is fetched again
next time. A post a run emits (new, updated, or re-emitted by a full pass) is also marked
*pending*, in the same write: the run's posts are read back from the pending set by the
end-of-run stage (``clustercrawl.finalize``), grouped, written to every output, and only
then cleared. A run killed before that leaves them pending, and the next run emits them.
Page rows keep the validators of discovery pages (feeds, sitemaps, listings) for
conditional requests. Site rows keep what discovery found (endpoints, robots facts) and
the site's last health status.

``StateStore`` is the interface; ``SqliteStateStore`` the embedded default (one file, WAL).
A Redis backend implements the same few calls.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Protocol

#: Post statuses of a run.
NEW, UPDATED, UNCHANGED, GONE = "new", "updated", "unchanged", "gone"


@dataclass(slots=True)
class PostState:
    key: str
    id: str
    site_id: str
    url: str
    content_hash: str
    first_seen: str
    last_seen: str
    last_changed: str
    status: str = NEW
    modified: str | None = None  # the CMS's own modified date (API, sitemap lastmod)
    etag: str | None = None
    last_modified: str | None = None  # HTTP Last-Modified of the post page
    published: str | None = None
    channels: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # url keys of the post's other URLs
    item: dict[str, Any] | None = None


@dataclass(slots=True)
class PageState:
    key: str
    site_id: str
    url: str
    kind: str
    etag: str | None = None
    last_modified: str | None = None
    fetched_at: str | None = None


@dataclass(slots=True)
class SiteRecord:
    site_id: str
    endpoints: dict[str, list[str]] = field(default_factory=dict)
    complete_channel: str | None = None
    crawl_delay: float | None = None
    api_root: str | None = None
    cms: str | None = None
    status: str | None = None
    posts: int = 0
    last_run: str | None = None
    last_full_run: str | None = None
    #: X-WP-Total when the posts were last listed: a re-crawl's index tells removals by it
    wp_total: int | None = None


class StateStore(Protocol):
    def get_posts(self, keys: Iterable[str]) -> dict[str, PostState]: ...
    def site_posts(self, site_id: str) -> list[PostState]: ...
    def put_post(self, post: PostState, pending: bool = False) -> None: ...
    def mark_gone(self, keys: Iterable[str], when: str) -> list[PostState]: ...
    def get_page(self, key: str) -> PageState | None: ...
    def put_page(self, page: PageState) -> None: ...
    def get_site(self, site_id: str) -> SiteRecord | None: ...
    def put_site(self, site: SiteRecord) -> None: ...
    def live_items(self) -> Iterator[dict[str, Any]]: ...
    def update_items(self, fields: dict[str, dict[str, Any]]) -> None: ...
    def mark_pending(self, keys: Iterable[str]) -> None: ...
    def pending_items(self) -> Iterator[dict[str, Any]]: ...
    def clear_pending(self, keys: Iterable[str]) -> None: ...
    def get_robots(self, netloc: str) -> tuple[int, bytes, str] | None: ...
    def put_robots(self, netloc: str, status: int, body: bytes, fetched_at: str) -> None: ...
    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    key TEXT PRIMARY KEY, id TEXT NOT NULL, site_id TEXT NOT NULL, url TEXT NOT NULL,
    content_hash TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
    last_changed TEXT NOT NULL, status TEXT NOT NULL, modified TEXT, etag TEXT,
    last_modified TEXT, published TEXT, channels TEXT, aliases TEXT, item TEXT
);
CREATE INDEX IF NOT EXISTS posts_site ON posts(site_id);
CREATE TABLE IF NOT EXISTS pending (key TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY, site_id TEXT NOT NULL, url TEXT NOT NULL, kind TEXT NOT NULL,
    etag TEXT, last_modified TEXT, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS sites (site_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS robots (
    netloc TEXT PRIMARY KEY, status INTEGER NOT NULL, body BLOB NOT NULL, fetched_at TEXT NOT NULL
);
"""

_POST_COLS = [f.name for f in fields(PostState)]


class SqliteStateStore:
    """One SQLite file; every write commits, so a killed crawl keeps what it validated."""

    def __init__(self, path: str | Path) -> None:
        """``path`` ":memory:" keeps the state for this process only."""
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    # -- posts ---------------------------------------------------------------------------------
    @staticmethod
    def _post(row: sqlite3.Row | tuple[Any, ...]) -> PostState:
        values = dict(zip(_POST_COLS, row, strict=False))
        values["item"] = json.loads(values["item"]) if values.get("item") else None
        values["channels"] = json.loads(values["channels"]) if values["channels"] else []
        values["aliases"] = json.loads(values["aliases"]) if values["aliases"] else []
        return PostState(**values)

    def get_posts(self, keys: Iterable[str]) -> dict[str, PostState]:
        keys = list(keys)
        out: dict[str, PostState] = {}
        cols = ", ".join(_POST_COLS)
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(f"SELECT {cols} FROM posts WHERE key IN ({marks})", chunk)
                for row in rows:
                    post = self._post(row)
                    out[post.key] = post
        return out

    def site_posts(self, site_id: str) -> list[PostState]:
        """The site's posts without their items (light: used to plan a re-crawl)."""
        cols = ", ".join(c for c in _POST_COLS if c != "item")
        with self._lock:
            rows = self._db.execute(
                f"SELECT {cols} FROM posts WHERE site_id = ? ORDER BY key", (site_id,)
            ).fetchall()
        return [self._post(r) for r in rows]

    def put_post(self, post: PostState, pending: bool = False) -> None:
        """Store a post; ``pending``: the run emits it (see the module docstring)."""
        # shallow: asdict() deep-copied the whole item only to encode it (the crawler's
        # reactor stores every post)
        values = {c: getattr(post, c) for c in _POST_COLS}
        values["item"] = json.dumps(post.item, ensure_ascii=False) if post.item else None
        values["channels"] = json.dumps(post.channels)
        values["aliases"] = json.dumps(post.aliases)
        cols = ", ".join(_POST_COLS)
        marks = ", ".join(f":{c}" for c in _POST_COLS)
        with self._lock, self._db:
            self._db.execute("BEGIN")
            self._db.execute(f"INSERT OR REPLACE INTO posts ({cols}) VALUES ({marks})", values)
            if pending:
                self._db.execute("INSERT OR IGNORE INTO pending VALUES (?)", (post.key,))

    def mark_gone(self, keys: Iterable[str], when: str) -> list[PostState]:
        """Mark live posts gone; returns the ones that were live."""
        gone = [p for p in self.get_posts(keys).values() if p.status != GONE]
        with self._lock:
            for p in gone:
                self._db.execute(
                    "UPDATE posts SET status = ?, last_changed = ? WHERE key = ?",
                    (GONE, when, p.key),
                )
        return gone

    #: rows read per query when streaming items: memory holds a page, not the whole state
    PAGE = 1000

    def _paged_items(self, query: str) -> Iterator[dict[str, Any]]:
        """Rows of ``query`` (selecting site_id, key, item; ``{after}`` where the keyset
        condition goes) in (site, key) order, a page at a time; the lock is held per page
        only, so a consumer may write to the store between pages."""
        last: tuple[str, str] = ("", "")
        while True:
            with self._lock:
                rows = self._db.execute(query, (GONE, *last, self.PAGE)).fetchall()
            for site_id, key, item in rows:
                last = (site_id, key)
                yield json.loads(item)
            if len(rows) < self.PAGE:
                return

    def live_items(self) -> Iterator[dict[str, Any]]:
        """The latest item of every post not gone, in a stable order (site, key)."""
        return self._paged_items(
            "SELECT site_id, key, item FROM posts WHERE status != ? AND item IS NOT NULL "
            "AND (site_id, key) > (?, ?) ORDER BY site_id, key LIMIT ?")

    def mark_pending(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO pending VALUES (?)",
                                 [(k,) for k in keys])

    def pending_items(self) -> Iterator[dict[str, Any]]:
        """Items of the posts emitted and not yet in committed run files (site, key order)."""
        return self._paged_items(
            "SELECT p.site_id, p.key, p.item FROM pending JOIN posts p ON p.key = pending.key "
            "WHERE p.status != ? AND p.item IS NOT NULL AND (p.site_id, p.key) > (?, ?) "
            "ORDER BY p.site_id, p.key LIMIT ?")

    def clear_pending(self, keys: Iterable[str]) -> None:
        with self._lock:
            self._db.executemany("DELETE FROM pending WHERE key = ?", [(k,) for k in keys])

    def update_items(self, fields: dict[str, dict[str, Any]]) -> None:
        """Set fields (story and event ids) on stored items, by post key (one transaction:
        a run's thousands of updates are not each their own commit)."""
        if not fields:
            return
        with self._lock, self._db:
            self._db.execute("BEGIN")
            for key, values in fields.items():
                row = self._db.execute("SELECT item FROM posts WHERE key = ?", (key,)).fetchone()
                if not row or not row[0]:
                    continue
                item = json.loads(row[0])
                item.update(values)
                self._db.execute("UPDATE posts SET item = ? WHERE key = ?",
                                 (json.dumps(item, ensure_ascii=False), key))

    # -- pages and sites -----------------------------------------------------------------------
    def get_page(self, key: str) -> PageState | None:
        with self._lock:
            row = self._db.execute(
                "SELECT key, site_id, url, kind, etag, last_modified, fetched_at FROM pages "
                "WHERE key = ?",
                (key,),
            ).fetchone()
        return PageState(*row) if row else None

    def put_page(self, page: PageState) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)",
                (page.key, page.site_id, page.url, page.kind, page.etag, page.last_modified,
                 page.fetched_at),
            )

    def get_site(self, site_id: str) -> SiteRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT record FROM sites WHERE site_id = ?", (site_id,)
            ).fetchone()
        return SiteRecord(**json.loads(row[0])) if row else None

    def put_site(self, site: SiteRecord) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO sites VALUES (?, ?)",
                (site.site_id, json.dumps(asdict(site), ensure_ascii=False)),
            )

    def get_robots(self, netloc: str) -> tuple[int, bytes, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT status, body, fetched_at FROM robots WHERE netloc = ?", (netloc,)
            ).fetchone()
        return (int(row[0]), bytes(row[1]), str(row[2])) if row else None

    def put_robots(self, netloc: str, status: int, body: bytes, fetched_at: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO robots VALUES (?, ?, ?, ?)",
                             (netloc, status, body, fetched_at))

    def site_ids(self) -> list[str]:
        """Every site with posts or a site record in this state."""
        with self._lock:
            rows = self._db.execute("SELECT site_id FROM posts UNION SELECT site_id FROM sites "
                                    "ORDER BY 1").fetchall()
        return [str(r[0]) for r in rows]

    def site_counts(self) -> dict[str, dict[str, int]]:
        """Posts per site and status (``new``/``updated``/``unchanged``/``gone``)."""
        out: dict[str, dict[str, int]] = {}
        with self._lock:
            for site_id, status, n in self._db.execute(
                    "SELECT site_id, status, COUNT(*) FROM posts GROUP BY site_id, status"):
                out.setdefault(site_id, {})[status] = int(n)
        return out

    def purge_sites(self, site_ids: Iterable[str]) -> int:
        """Forget sites entirely (posts, pending marks, discovery pages, site records): the
        next crawl of them starts from scratch. Returns the number of posts removed."""
        ids = list(site_ids)
        removed = 0
        with self._lock, self._db:
            self._db.execute("BEGIN")
            for sid in ids:
                self._db.execute("DELETE FROM pending WHERE key IN "
                                 "(SELECT key FROM posts WHERE site_id = ?)", (sid,))
                removed += self._db.execute("DELETE FROM posts WHERE site_id = ?",
                                            (sid,)).rowcount
                self._db.execute("DELETE FROM pages WHERE site_id = ?", (sid,))
                self._db.execute("DELETE FROM sites WHERE site_id = ?", (sid,))
        return removed

    def close(self) -> None:
        with self._lock:
            self._db.close()
