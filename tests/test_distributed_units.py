"""Distributed mode, piece by piece, on a real redis-server: safety checks, the queue's leases,
and the Redis state and group stores giving what the SQLite ones give."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from clustercrawl.dedupe import Deduper, SQLiteGroupStore, StoredPost, StoreMismatch
from clustercrawl.distributed import (
    FinalizeError,
    Keys,
    RedisConfigError,
    RedisGroupStore,
    RedisStateStore,
    SiteQueue,
    check_redis_url,
    finalize_run,
)
from clustercrawl.distributed.connection import client_from_url, mask_url
from clustercrawl.distributed.groups import pack, unpack
from clustercrawl.distributed.queue import SeedError, site_entry, unit_of
from clustercrawl.distributed.source import parse_unit
from clustercrawl.registry import load_registry, load_registry_text
from clustercrawl.state import (
    GONE,
    NEW,
    UNCHANGED,
    UPDATED,
    PageState,
    PostState,
    SiteRecord,
    SqliteStateStore,
)
from tests.conftest import ROOT
from tests.test_dedupe_stories import build_corpus

_DB = iter(range(1, 16))


@pytest.fixture
def client(redis_server: Any) -> Iterator[redis.Redis]:
    """A clean database of the session's redis-server for each test (db 1-15 in turn)."""
    db = next(_DB, 15)
    c = client_from_url(redis_server.url(db))
    c.flushdb()
    yield c
    c.close()


# -- safety ----------------------------------------------------------------------------------
def test_url_without_password_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTERCRAWL_REDIS_ALLOW_NO_PASSWORD", raising=False)
    with pytest.raises(RedisConfigError, match="no password"):
        check_redis_url("redis://127.0.0.1:6379/0")
    check_redis_url("redis://127.0.0.1:6379/0", allow_no_password=True)
    monkeypatch.setenv("CLUSTERCRAWL_REDIS_ALLOW_NO_PASSWORD", "1")
    check_redis_url("redis://127.0.0.1:6379/0")


def test_public_address_is_refused_private_ones_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLUSTERCRAWL_REDIS_ALLOW_PUBLIC", raising=False)
    with pytest.raises(RedisConfigError, match="public address"):
        check_redis_url("redis://:secret@8.8.8.8:6379/0")
    for host in ("127.0.0.1", "10.1.2.3", "192.168.0.5", "172.20.0.2", "[fd00::5]",
                 "100.64.1.1", "localhost"):
        check_redis_url(f"redis://:secret@{host}:6379/0")
    check_redis_url("redis://:secret@8.8.8.8:6379/0", allow_public=True)
    with pytest.raises(RedisConfigError, match="expected redis://"):
        check_redis_url("http://:secret@127.0.0.1/")


def test_password_is_masked_in_messages() -> None:
    assert mask_url("redis://:s3cret@10.0.0.5:6379/0") == "redis://:***@10.0.0.5:6379/0"
    with pytest.raises(RedisConfigError) as err:
        check_redis_url("redis://:s3cret@8.8.8.8/0")
    assert "s3cret" not in str(err.value)


def test_nothing_is_unpickled() -> None:
    """Queue entries, state and group records are JSON or struct-packed: never pickles."""
    for path in (ROOT / "clustercrawl" / "distributed").glob("*.py"):
        text = path.read_text("utf-8")
        assert "import pickle" not in text and "picklecompat" not in text, path


def test_worker_refuses_to_start_without_a_password() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "clusters",
         "-s", "CLUSTERCRAWL_REDIS_URL=redis://127.0.0.1:1/0"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={k: v for k, v in __import__("os").environ.items()
             if not k.startswith("CLUSTERCRAWL_REDIS")},
    )
    assert proc.returncode != 0
    assert "no password" in proc.stderr


def test_single_process_mode_needs_no_redis() -> None:
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from clustercrawl import settings
    from clustercrawl.distributed import DistributedAddon
    from clustercrawl.spiders.clusters import ClustersSpider

    assert "clustercrawl.distributed.DistributedAddon" in settings.ADDONS
    crawler = get_crawler(ClustersSpider, {"CLUSTERCRAWL_REDIS_URL": None})
    with pytest.raises(NotConfigured):
        DistributedAddon.from_crawler(crawler)


# -- units and seeding ------------------------------------------------------------------------
def test_registry_entries_survive_the_trip_through_redis() -> None:
    loaded = load_registry()
    assert loaded.sites
    for site in loaded.sites:
        back, errors = parse_unit(site.id, json.loads(json.dumps([site_entry(site)])))
        assert errors == [] and back == [site], site.id


def test_a_tampered_entry_is_rejected_not_crawled() -> None:
    sites, errors = parse_unit("evil", [{"id": "../../etc", "name": "x", "country": "PL",
                                         "homepage": "file:///etc/passwd"}])
    assert sites == [] and errors


def _sites(*homepages: str) -> list[Any]:
    text = "schema_version: 1\nsites:\n" + "".join(
        f"  - {{id: s{i}, name: S{i}, country: PL, homepage: '{h}'}}\n"
        for i, h in enumerate(homepages)
    )
    return load_registry_text(text).sites


def test_one_unit_per_registered_domain() -> None:
    sites = _sites("https://news.example.co.uk/", "https://www.example.co.uk/events/",
                   "https://klaster.bydgoszcz.pl/", "http://a.localhost:8377/",
                   "http://b.localhost:8377/")
    assert [unit_of(s) for s in sites] == ["example.co.uk", "example.co.uk",
                                           "klaster.bydgoszcz.pl", "a.localhost", "b.localhost"]


def test_seed_take_done_drain(client: redis.Redis) -> None:
    keys = Keys(run="t1")
    cli = SiteQueue(client, keys)
    result = cli.seed(_sites("http://a.localhost/", "http://b.localhost/", "http://c.localhost/"))
    assert (result.new_run, result.units, result.sites) == (True, 3, 3)
    assert cli.seed(_sites("http://a.localhost/")).already == 1  # in progress: added to
    a = SiteQueue(client, keys, worker="a", lease_seconds=30)
    b = SiteQueue(client, keys, worker="b", lease_seconds=30)
    [(unit_a, entries)] = a.take(1)
    assert unit_a == "a.localhost" and entries[0]["id"] == "s0"
    assert [u for u, _ in b.take(5)] == ["b.localhost", "c.localhost"]
    assert a.take(1) == []
    assert a.pending()  # b still holds two
    b.done("b.localhost")
    b.done("c.localhost")
    a.done(unit_a)
    assert not a.pending()
    progress = cli.progress()
    assert progress.drained and progress.done == 3
    # a finished run that was not finalized is not silently extended by the next seed
    with pytest.raises(SeedError, match="not finalized"):
        cli.seed(_sites("http://d.localhost/"))
    assert cli.seed(_sites("http://d.localhost/"), reset=True).new_run


def test_expired_lease_goes_to_another_worker_then_gives_up(client: redis.Redis) -> None:
    keys = Keys(run="t2")
    SiteQueue(client, keys).seed(_sites("http://a.localhost/"))
    dead = SiteQueue(client, keys, worker="dead", lease_seconds=1, max_attempts=2)
    alive = SiteQueue(client, keys, worker="alive", lease_seconds=1, max_attempts=2)
    assert [u for u, _ in dead.take(1)] == ["a.localhost"]
    dead.heartbeat(["a.localhost"])  # renewed while the worker lives
    assert alive.take(1) == []
    assert alive.pending()  # leased by another: wait
    time.sleep(1.2)  # the worker died: no heartbeat
    assert [u for u, _ in alive.take(1)] == ["a.localhost"]
    assert dead.heartbeat(["a.localhost"]) == ["a.localhost"]  # the old owner learns it lost it
    time.sleep(1.2)  # the second worker dies too: given up after 2 attempts
    assert not alive.pending()
    progress = SiteQueue(client, keys).progress()
    assert "a.localhost" in progress.failed and progress.drained


def test_release_hands_units_back_without_counting_an_attempt(client: redis.Redis) -> None:
    keys = Keys(run="t3")
    SiteQueue(client, keys).seed(_sites("http://a.localhost/"))
    w = SiteQueue(client, keys, worker="w", lease_seconds=30, max_attempts=1)
    w.take(1)
    assert w.release(["a.localhost"]) == 1
    assert [u for u, _ in w.take(1)] == ["a.localhost"]  # not given up: release is no loss


def test_last_worker_out_is_the_one_that_finalizes(client: redis.Redis) -> None:
    keys = Keys(run="t4")
    SiteQueue(client, keys).seed(_sites("http://a.localhost/"))
    a = SiteQueue(client, keys, worker="a", lease_seconds=5)
    b = SiteQueue(client, keys, worker="b", lease_seconds=5)
    a.heartbeat([])
    b.heartbeat([])
    [(unit, _)] = a.take(1)
    a.done(unit)
    assert a.leave() is False  # b is still registered
    assert b.leave() is True


def test_finalize_refuses_unfinished_and_unseeded_runs(client: redis.Redis,
                                                        tmp_path: Path) -> None:
    with pytest.raises(FinalizeError, match="never seeded"):
        finalize_run(client, Keys(run="nope"), tmp_path)
    keys = Keys(run="t5")
    SiteQueue(client, keys).seed(_sites("http://a.localhost/"))
    with pytest.raises(FinalizeError, match="not finished"):
        finalize_run(client, keys, tmp_path)


# -- the state store: same answers as SQLite ---------------------------------------------------
def _post(key: str, site: str, status: str, h: str, item: dict[str, Any] | None) -> PostState:
    return PostState(key=key, id=f"id-{key}", site_id=site, url=f"http://{site}/{key}",
                     content_hash=h, first_seen="2025-01-01T00:00:00Z",
                     last_seen="2025-01-02T00:00:00Z", last_changed="2025-01-02T00:00:00Z",
                     status=status, channels=["feed"], aliases=[f"{key}-alias"], item=item)


def _exercise(store: Any) -> list[Any]:
    out: list[Any] = []
    store.put_post(_post("k1", "s-b", NEW, "h1", {"id": "id-k1", "title": "Łódź ünïcode"}),
                   pending=True)
    store.put_post(_post("k2", "s-a", NEW, "h2", {"id": "id-k2", "title": "two"}), pending=True)
    store.put_post(_post("k3", "s-a", UPDATED, "h3", None), pending=True)
    store.put_post(_post("k2", "s-a", UNCHANGED, "h2", {"id": "id-k2", "title": "two again"}))
    store.put_post(_post("k4", "s-a", UNCHANGED, "h4", {"id": "id-k4", "title": "four"}))
    out.append(list(store.pending_items()))  # k3 has no item; k4 was not emitted
    out.append(sorted(store.get_posts(["k1", "k2", "k3", "missing"]).items()))
    out.append(store.site_posts("s-a"))
    out.append(store.mark_gone(["k1", "k3", "missing"], "2025-02-01T00:00:00Z"))
    out.append(store.mark_gone(["k1"], "2025-02-02T00:00:00Z"))  # already gone: nothing
    store.update_items({"k2": {"story_id": "st"}, "missing": {"story_id": "x"}})
    out.append(list(store.live_items()))
    out.append(list(store.pending_items()))  # k1 is gone now
    store.clear_pending(["k2", "missing"])
    out.append(list(store.pending_items()))
    store.put_page(PageState("p1", "s-a", "http://s-a/feed", "feed", '"e"', None, "t"))
    out.extend([store.get_page("p1"), store.get_page("nope")])
    store.put_site(SiteRecord("s-a", {"feed": ["http://s-a/feed"]}, "feed", 2.5, None, "wp",
                              "ok", 3, "t1", "t0"))
    out.extend([store.get_site("s-a"), store.get_site("nope")])
    store.put_robots("s-a:80", 200, b"User-agent: *\nDisallow: /x\n\xff", "t")
    out.extend([store.get_robots("s-a:80"), store.get_robots("nope")])
    return out


def test_redis_state_store_answers_as_sqlite(client: redis.Redis, tmp_path: Path) -> None:
    sqlite = SqliteStateStore(tmp_path / "state.sqlite")
    keys = Keys(run="t6")
    store = RedisStateStore(client, keys, emitted=keys.of_run("emitted"))
    assert _exercise(store) == _exercise(sqlite)
    assert [p.status for p in store.get_posts(["k1"]).values()] == [GONE]
    # emitted posts are recorded as the run's emitted posts with the state write
    assert {k.decode() for k in client.smembers(keys.of_run("emitted"))} == {"k1", "k2", "k3"}
    out = _exercise(SqliteStateStore(tmp_path / "again.sqlite"))
    assert [i["id"] for i in out[0]] == ["id-k2", "id-k1"]  # site order, then key
    assert [i["id"] for i in out[6]] == ["id-k2"]  # k1 is gone
    assert out[7] == []  # cleared


# -- the group store: same stories as SQLite, across runs -------------------------------------
def test_group_record_round_trip() -> None:
    post = StoredPost("0123456789abcdef", "site-ł", "pl", 1, -2, -(2**63), 40, 90,
                      bytes(range(256)), "story", "event", {"start": "2025-01-01"})
    assert unpack(post.id, pack(post)) == post


def test_redis_group_store_groups_as_sqlite(client: redis.Redis, tmp_path: Path) -> None:
    posts = [item.post for item in build_corpus(seed=11, stories=60)]
    half = len(posts) // 2
    results: list[dict[str, Any]] = []
    for store in (SQLiteGroupStore(tmp_path / "groups.sqlite"),
                  RedisGroupStore(client, Keys(run="t7"))):
        fields: dict[str, Any] = {}
        for batch in (posts[:half], posts[half:]):  # two runs: the second sees the first's
            deduper = Deduper(store)
            for post in batch:
                deduper.add(post)
            groups = deduper.finish()
            fields.update({p["id"]: groups.fields(p["id"]) for p in batch})
        results.append(fields)
        assert sum(len(b) for b in store.scan(batch_size=100)) == len({p["id"] for p in posts})
    assert results[0] == results[1]
    assert len({f["story_id"] for f in results[0].values()}) < len(results[0])  # stories formed
    store = RedisGroupStore(client, Keys(run="t7"))
    client.set(Keys(run="t7").groups("params"), "other")
    with pytest.raises(StoreMismatch):
        Deduper(store).finish()
