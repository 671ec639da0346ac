"""Persistence: groups survive runs in SQLite; existing story and event ids never change."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clustercrawl.dedupe import (
    Deduper,
    Groups,
    MemoryGroupStore,
    SQLiteGroupStore,
    StoreMismatch,
    order_key,
)
from clustercrawl.dedupe.store import GroupStore, StoredPost
from tests.test_dedupe_stories import Site, make_post
from tests.test_dedupe_textgen import plan, render

EN_A, EN_B, EN_C, EN_D = (Site(f"en-{x}", "en", None, None) for x in "abcd")


def story_text(seed: int) -> tuple[str, list[str]]:
    return render(plan(random.Random(seed), 180), "en")


def repost(site: Site, slug: str, seed: int, published: str, prefix: str = "") -> dict[str, Any]:
    title, paras = story_text(seed)
    return make_post(site, slug, "en", prefix + title, paras, published)


def run(posts: list[dict[str, Any]], store: GroupStore | None) -> Groups:
    deduper = Deduper(store)
    for p in posts:
        deduper.add(p)
    return deduper.finish()


def test_repost_in_a_later_run_joins_the_story_and_an_earlier_copy_becomes_origin(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state" / "dedupe.sqlite"
    original = repost(EN_A, "pr", 1, "2023-06-14T09:30:00+02:00")
    copy = repost(EN_B, "pr-copy", 1, "2023-06-15T13:10:00+02:00", "Press release: ")
    other = repost(EN_A, "other", 2, "2023-06-16T10:00:00+02:00")
    with SQLiteGroupStore(path) as store:
        first = run([original, copy, other], store)
    story = first.story(original["id"])
    assert story.size == 2 and story.is_origin
    assert first.story(copy["id"]).story_id == story.story_id

    # run 2 (a new process): one new repost; the stored posts are not crawled again
    late = repost(EN_C, "pr-late", 1, "2023-06-20T08:00:00+02:00", "News from our network: ")
    with SQLiteGroupStore(path) as store:
        second = run([late], store)
    info = second.story(late["id"])
    assert info.story_id == story.story_id
    assert info.size == 3 and not info.is_origin and info.origin_id == original["id"]

    # run 3: an earlier copy surfaces: it becomes the origin, the story id stays
    earlier = repost(EN_D, "pr-first", 1, "2023-06-12T11:00:00+02:00")
    with SQLiteGroupStore(path) as store:
        third = run([earlier, original], store)  # the old origin is re-crawled too
        assert len(store) == 5
    assert third.story(earlier["id"]).story_id == story.story_id
    assert third.story(earlier["id"]).is_origin and third.story(earlier["id"]).size == 4
    assert not third.story(original["id"]).is_origin
    assert third.fields(original["id"])["duplicate_of"] == earlier["id"]
    assert third.story(original["id"]).story_id == story.story_id


def test_stored_stories_never_merge_and_keep_their_ids() -> None:
    store = MemoryGroupStore()
    a = repost(EN_A, "a", 10, "2024-01-01")
    b = repost(EN_B, "b", 11, "2024-01-01")
    first = run([a, b], store)
    # a post made of both texts is similar to both stories: it joins one, never merges them
    title_a, paras_a = story_text(10)
    _, paras_b = story_text(11)
    both = make_post(EN_C, "both", "en", title_a, paras_a + paras_b, "2024-01-02")
    second = run([both, a, b], store)
    story_a, story_b = first.story(a["id"]).story_id, first.story(b["id"]).story_id
    assert story_a != story_b
    assert second.story(a["id"]).story_id == story_a
    assert second.story(b["id"]).story_id == story_b
    assert second.story(both["id"]).story_id in (story_a, story_b)
    assert {second.story(a["id"]).size, second.story(b["id"]).size} == {1, 2}


def test_recrawled_post_keeps_story_and_first_seen() -> None:
    store = MemoryGroupStore()
    a = repost(EN_A, "a", 20, "2024-02-01")
    first = run([a], store)
    again = dict(a, crawl=dict(a["crawl"], fetched_at="2025-03-01T00:00:00Z"))
    second = run([again], store)
    assert second.story(a["id"]).story_id == first.story(a["id"]).story_id
    stored = next(p for batch in store.scan() for p in batch if p.id == a["id"])
    assert stored.first_seen == order_key(a["crawl"]["fetched_at"])  # not the later crawl


def test_memory_and_sqlite_stores_agree(tmp_path: Path) -> None:
    posts = [repost(s, f"p{i}", i % 3, f"2024-03-0{1 + i}") for i, s in
             enumerate((EN_A, EN_B, EN_C, EN_D, EN_A, EN_B))]
    memory = MemoryGroupStore()
    with SQLiteGroupStore(tmp_path / "s.sqlite") as sqlite:
        for half in (posts[:3], posts[3:]):
            m, s = run(half, memory), run(half, sqlite)
            for p in half:
                assert m.fields(p["id"]) == s.fields(p["id"])


def test_store_written_with_other_parameters_is_refused() -> None:
    store = MemoryGroupStore()
    store.put_many([], "oph-64x32-w5-v0")
    deduper = Deduper(store)
    deduper.add(repost(EN_A, "x", 1, "2024-01-01"))
    with pytest.raises(StoreMismatch):
        deduper.finish()


class ReversedStore(MemoryGroupStore):
    """A store that returns its records in another order (as Redis HSCAN would)."""

    def scan(self, batch_size: int = 50_000) -> Iterator[list[StoredPost]]:
        batches = [list(reversed(b)) for b in super().scan(batch_size=2)]
        return iter(reversed(batches))


def test_scan_order_does_not_matter() -> None:
    first = [repost(s, f"p{i}", i % 3, f"2024-03-0{1 + i}") for i, s in
             enumerate((EN_A, EN_B, EN_C, EN_D, EN_A))]
    later = [repost(EN_C, "late", 1, "2024-03-09"), repost(EN_D, "late", 2, "2024-03-09")]
    results = []
    for store in (MemoryGroupStore(), ReversedStore()):
        run(first, store)
        groups = run(later, store)
        results.append([groups.fields(p["id"]) for p in later])
    assert results[0] == results[1]


def test_a_later_run_lists_only_its_own_stories_with_sizes_over_every_run(
        tmp_path: Path) -> None:
    """Stored stories without a post in this run stay out of its story table."""
    path = tmp_path / "state" / "dedupe.sqlite"
    first_posts = [repost(EN_A, "one", 11, "2023-03-01T10:00:00+00:00"),
                   repost(EN_B, "one-copy", 11, "2023-03-02T10:00:00+00:00", "Repost: "),
                   repost(EN_A, "two", 12, "2023-03-03T10:00:00+00:00"),
                   repost(EN_C, "three", 13, "2023-03-04T10:00:00+00:00")]
    with SQLiteGroupStore(path) as store:
        first = run(first_posts, store)
    assert first.story_count == 3
    late = repost(EN_D, "one-late", 11, "2023-03-09T10:00:00+00:00", "From our members: ")
    fresh = repost(EN_D, "four", 14, "2023-03-10T10:00:00+00:00")
    with SQLiteGroupStore(path) as store:
        second = run([late, fresh], store)
    assert second.story_count == 2  # "two" and "three" are stored, not part of this run
    joined = second.story(late["id"])
    assert joined.story_id == first.story(first_posts[0]["id"]).story_id
    assert joined.size == 3 and not joined.is_origin
    alone = second.story(fresh["id"])
    assert alone.size == 1 and alone.is_origin and alone.story_id != joined.story_id
