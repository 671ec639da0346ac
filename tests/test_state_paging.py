"""The state streams items a page at a time (memory holds a page, not the state), in
(site, key) order, and a consumer may write to the store between pages."""

from __future__ import annotations

from pathlib import Path

from clustercrawl.state import NEW, PostState, SqliteStateStore


def test_items_paged_in_order_and_writable_between_pages(tmp_path: Path) -> None:
    store = SqliteStateStore(tmp_path / "state.sqlite")
    store.PAGE = 2
    keys = [("site-b", "k1"), ("site-a", "k3"), ("site-a", "k1"), ("site-c", "k0"),
            ("site-a", "k2")]
    for site, key in keys:
        store.put_post(PostState(key=f"{site}/{key}", id=key, site_id=site, url=f"u/{key}",
                                 content_hash="0", first_seen="t", last_seen="t",
                                 last_changed="t", status=NEW, item={"k": f"{site}/{key}"}),
                       pending=True)
    expected = [f"{s}/{k}" for s, k in sorted(keys)]
    assert [i["k"] for i in store.live_items()] == expected
    seen = []
    for item in store.pending_items():
        seen.append(item["k"])
        store.clear_pending([item["k"]])  # the lock is not held between pages
    assert seen == expected
    assert list(store.pending_items()) == []
    store.close()
