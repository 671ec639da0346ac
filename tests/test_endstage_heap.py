"""The end stage starts light (issue 15): the heap a finished crawl left is given back before
grouping, and the distributed end stage streams the run's posts from Redis as one process's
streams them from SQLite.

The heap test runs in a fresh interpreter: it frees most of ~100 MB of malloc'd blocks while
keeping a few alive (as a crawl leaves its heap), and the end stage must bring the process's
resident memory down before it groups (an end stage that does not trim keeps every page).
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

import clustercrawl.dedupe.deduper as dedupe_batches
import clustercrawl.distributed.state as redis_state
from clustercrawl.distributed import Keys, RedisStateStore, SiteQueue, finalize_run
from clustercrawl.distributed.connection import client_from_url
from clustercrawl.registry import load_registry_text
from clustercrawl.state import NEW, PostState
from clustercrawl.urls import url_key
from tests.conftest import ROOT
from tests.test_endstage_streaming import BODY_CHARS, SITE, _post


def _glibc() -> bool:
    try:
        ctypes.CDLL("libc.so.6").malloc_trim  # noqa: B018  (present on glibc only)
    except (OSError, AttributeError):
        return False
    return Path("/proc/self/statm").exists()


_FRAGMENTED_THEN_GROUPED = r"""
import logging, os, sys
from pathlib import Path
from clustercrawl.dedupe import MemoryGroupStore
from clustercrawl.finalize import group_run
from tests.test_endstage_streaming import _state

def rss_mib():
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(name)s: %(message)s")
store = _state(Path(sys.argv[1]), 5)  # five pending posts to group
blocks = [bytes(1000) + i.to_bytes(4, "little") for i in range(100_000)]  # ~100 MB, malloc'd
kept = blocks[::64]  # a few stay alive all over the heap, the last one among them
blocks.clear()
print(f"RSS before {rss_mib():.0f}", flush=True)
group_run(store, MemoryGroupStore())
print(f"RSS after {rss_mib():.0f}", flush=True)
"""


@pytest.mark.skipif(not _glibc(), reason="malloc_trim and /proc are glibc/Linux only")
def test_the_crawls_freed_heap_is_given_back_before_grouping(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", _FRAGMENTED_THEN_GROUPED, str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.splitlines()
    before = float(next(x for x in lines if x.startswith("RSS before")).split()[-1])
    after = float(next(x for x in lines if x.startswith("RSS after")).split()[-1])
    # ~95 MB of the blocks are free; most of it must leave the process
    assert before - after > 50, done.stdout
    # one line saying so, before the posts are grouped
    [given] = [i for i, x in enumerate(lines) if "heap given back" in x]
    [grouped] = [i for i, x in enumerate(lines) if x.startswith("clustercrawl.finalize: stories:")]
    assert given < grouped, done.stdout


# -- the distributed end stage streams ------------------------------------------------------
@pytest.fixture
def client(redis_server: Any) -> Iterator[redis.Redis]:
    c = client_from_url(redis_server.url(14))
    c.flushdb()
    yield c
    c.close()


def _emit(store: RedisStateStore, first: int, n: int) -> None:
    for i in range(first, first + n):
        item = _post(i, i % 2 == 0)
        store.put_post(PostState(key=url_key(item["url"]), id=item["id"], site_id=SITE.id,
                                 url=item["url"], content_hash=f"h{i}", first_seen="t",
                                 last_seen="t", last_changed="t", status=NEW, item=item),
                       pending=True)


def _finalize_peak(client: redis.Redis, run: str, n: int, out: Path) -> int:
    keys = Keys(run=run)
    SiteQueue(client, keys).seed(load_registry_text(
        "schema_version: 1\nsites:\n  - {id: de-s, name: S, country: DE, "
        "homepage: 'http://s.localhost/'}\n").sites)
    _emit(RedisStateStore(client, keys, emitted=keys.of_run("emitted")), 0, n)
    tracemalloc.start()
    try:
        manifest = finalize_run(client, keys, out, force=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert manifest["counts"]["run_posts"] == n and manifest["counts"]["emitted"] == n
    assert len((out / "runs" / manifest["run"] / "posts.jsonl").read_text(
        "utf-8").splitlines()) == n
    return peak


def test_the_distributed_end_stage_holds_a_page_of_posts_not_the_run(
        client: redis.Redis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(redis_state, "_CHUNK", 10)  # pages of 10 posts (~80 KB each)
    # the grouping's own hashing batches (1 MB of text) cut to a few posts: its numpy
    # buffers are then the same at both sizes, and what grows is what the stage holds
    monkeypatch.setattr(dedupe_batches, "_BATCH_CHARS", 4 * BODY_CHARS)
    _finalize_peak(client, "warm", 10, tmp_path / "warm")  # numpy's one-time tables
    client.flushdb()
    small = _finalize_peak(client, "small", 50, tmp_path / "small")
    client.flushdb()
    large = _finalize_peak(client, "large", 250, tmp_path / "large")
    # 200 more posts are 16 MB as dicts: a stage that loads the run holds all of them (the
    # stage before this one: +11.6 MB; streamed: +1.0 MB, the groups and keys)
    assert large - small < 50 * BODY_CHARS * 2, f"{small:,} -> {large:,} bytes traced"


def test_a_distributed_run_finalized_again_writes_the_same_files(
        client: redis.Redis, tmp_path: Path) -> None:
    """Its posts were cleared from ``pending`` by the first finalize: the run's own set of
    emitted posts brings them back, with the ids they were given."""
    _finalize_peak(client, "twice", 12, tmp_path / "a")
    keys = Keys(run="twice")
    assert client.scard(keys.state("pending")) == 0
    again = finalize_run(client, keys, tmp_path / "b", force=True)
    for rel in ("posts.jsonl", "events.jsonl", "events.ics",
                f"runs/{again['run']}/posts.jsonl", f"runs/{again['run']}/events.jsonl"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    assert client.scard(keys.state("pending")) == 0
    # a post gone since is not the run's any more, and is not left pending either
    store = RedisStateStore(client, keys)
    gone = url_key(_post(3, False)["url"])
    assert [p.key for p in store.mark_gone([gone], "t2")] == [gone]
    third = finalize_run(client, keys, tmp_path / "c", force=True)
    assert third["counts"]["run_posts"] == 11
    assert client.scard(keys.state("pending")) == 0
